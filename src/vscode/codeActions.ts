/**
 * Quick fixes and source actions: each finding's fix and suggestions (suggestions go in as snippets),
 * "Add all N missing sections" (one edit, one undo), "fix all" (also on save as
 * `source.fixAll.runbookNotes`), and comments that disable a rule for a line or for the file.
 */
import * as vscode from 'vscode';
import { addMissingFields, disableFileEdit, disableLineEdit, fixAllEdit as coreFixAllEdit, lintText, minimalEdit, missingFieldFindings, type Diagnostic as CoreDiagnostic, type TextEdit } from '../core';
import { ruleIdOf, toRange, toWorkspaceEdit } from './convert';
import type { LintState, NoteLinter } from './noteLinter';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('runbookNotes');
export const FIX_ALL_TITLE = 'Fix all Runbook Notes problems';

/** The edit that applies every safe fix (repeating while fixes uncover others), or undefined when there is none. */
export function fixAllEdit(document: vscode.TextDocument, state: LintState): TextEdit | undefined {
  return coreFixAllEdit(document.getText(), state.result.diagnostics, (current) => lintText(current, { path: document.uri.path, config: state.config, ownership: state.ownership }).diagnostics);
}

/** The edit that adds every missing required field (owner key and sections), or undefined when fewer than two are missing. */
export function addMissingFieldsEdit(document: vscode.TextDocument, state: LintState): { edit: TextEdit; title: string } | undefined {
  const missing = missingFieldFindings(state.result.diagnostics);
  if (missing.length < 2) return undefined;
  const text = document.getText();
  const added = addMissingFields(text, (current) => (current === text ? state.result.diagnostics : lintText(current, { path: document.uri.path, config: state.config, ownership: state.ownership }).diagnostics));
  const edit = minimalEdit(text, added.text);
  if (!edit || added.applied < 2) return undefined;
  const what = missing.every((diagnostic) => diagnostic.missingField !== 'owner') ? 'sections' : 'fields';
  return { edit, title: `Add all ${added.applied} missing ${what}` };
}

function sameFinding(core: CoreDiagnostic, shown: vscode.Diagnostic): boolean {
  return ruleIdOf(shown) === core.ruleId && toRange(core.range).isEqual(shown.range) && shown.message === core.message;
}

export class NoteCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly linter: NoteLinter) {}

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const state = await this.linter.resultFor(document);
    if (!state || token.isCancellationRequested || state.version !== document.version) return [];
    const only = context.only;
    // Fix on save asks for `source.fixAll` (or all of `source`): only the fix-all action answers that.
    if (only && (only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only))) return this.fixAllActions(document, state, FIX_ALL_KIND);
    if (only && !only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(only)) return [];

    const text = document.getText();
    const shownWithCore = context.diagnostics.flatMap((shown) => {
      const core = state.result.diagnostics.find((candidate) => sameFinding(candidate, shown));
      return core ? [{ shown, core }] : [];
    });
    if (shownWithCore.length === 0) return [];
    const remedies: vscode.CodeAction[] = [];
    const disables: vscode.CodeAction[] = [];
    // A rule's comments are offered once: five findings of one rule on a line need one comment, not five.
    const offered = new Set<string>();
    const missing: vscode.Diagnostic[] = [];
    for (const { shown, core } of shownWithCore) {
      if (core.missingField !== undefined) missing.push(shown);
      const options = [...(core.fix ? [{ remedy: core.fix, preferred: true, snippet: false }] : []), ...core.suggestions.map((remedy) => ({ remedy, preferred: false, snippet: true }))];
      for (const { remedy, preferred, snippet } of options) {
        const action = new vscode.CodeAction(remedy.title, vscode.CodeActionKind.QuickFix);
        // A suggestion is a skeleton to fill in: inserted as a snippet, its first placeholder is selected.
        action.edit = toWorkspaceEdit(document, remedy.edits, snippet);
        action.diagnostics = [shown];
        action.isPreferred = preferred;
        remedies.push(action);
      }
      const line = toRange(core.range).start.line;
      const lineEdit = disableLineEdit(text, core);
      if (lineEdit && !offered.has(`${core.ruleId}:${line}`)) {
        offered.add(`${core.ruleId}:${line}`);
        disables.push(this.edit(document, `Disable ${core.ruleId} for this line`, lineEdit, shown));
      }
      const fileEdit = disableFileEdit(text, core.ruleId);
      if (fileEdit && !offered.has(core.ruleId)) {
        offered.add(core.ruleId);
        disables.push(this.edit(document, `Disable ${core.ruleId} for this file`, fileEdit, shown));
      }
    }
    const addAll = missing.length > 0 ? addMissingFieldsEdit(document, state) : undefined;
    const actions: vscode.CodeAction[] = [];
    if (addAll) {
      const action = new vscode.CodeAction(addAll.title, vscode.CodeActionKind.QuickFix);
      action.edit = toWorkspaceEdit(document, [addAll.edit]);
      action.diagnostics = missing;
      actions.push(action);
    }
    actions.push(...remedies, ...this.fixAllActions(document, state, vscode.CodeActionKind.QuickFix), ...disables);
    return actions;
  }

  private edit(document: vscode.TextDocument, title: string, edit: TextEdit, shown: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = toWorkspaceEdit(document, [edit]);
    action.diagnostics = [shown];
    return action;
  }

  private fixAllActions(document: vscode.TextDocument, state: LintState, kind: vscode.CodeActionKind): vscode.CodeAction[] {
    const edit = fixAllEdit(document, state);
    if (!edit) return [];
    const action = new vscode.CodeAction(FIX_ALL_TITLE, kind);
    action.edit = toWorkspaceEdit(document, [edit]);
    return [action];
  }
}
