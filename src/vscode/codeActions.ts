/**
 * Quick fixes and source actions: each finding's fix and suggestions, "fix all" (also on save as
 * `source.fixAll.runbookNotes`), and comments that disable a rule for a line or for the file.
 */
import * as vscode from 'vscode';
import { fixAllEdit as coreFixAllEdit, lintText, type Diagnostic as CoreDiagnostic, type TextEdit } from '../core';
import { disableFileEdit, disableLineEdit } from '../core/suppress';
import { ruleIdOf, toRange, toWorkspaceEdit } from './convert';
import type { LintState, NoteLinter } from './noteLinter';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('runbookNotes');
export const FIX_ALL_TITLE = 'Fix all runbook-notes problems';

/** The edit that applies every safe fix (repeating while fixes uncover others), or undefined when there is none. */
export function fixAllEdit(document: vscode.TextDocument, state: LintState): TextEdit | undefined {
  return coreFixAllEdit(document.getText(), state.result.diagnostics, (current) => lintText(current, { path: document.uri.path, config: state.config }).diagnostics);
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

    const actions: vscode.CodeAction[] = [];
    const text = document.getText();
    for (const shown of context.diagnostics) {
      const core = state.result.diagnostics.find((candidate) => sameFinding(candidate, shown));
      if (!core) continue;
      const remedies = [...(core.fix ? [{ remedy: core.fix, preferred: true }] : []), ...core.suggestions.map((remedy) => ({ remedy, preferred: false }))];
      for (const { remedy, preferred } of remedies) {
        const action = new vscode.CodeAction(remedy.title, vscode.CodeActionKind.QuickFix);
        action.edit = toWorkspaceEdit(document, remedy.edits);
        action.diagnostics = [shown];
        action.isPreferred = preferred;
        actions.push(action);
      }
      const lineEdit = disableLineEdit(text, core);
      if (lineEdit) actions.push(this.edit(document, `Disable ${core.ruleId} for this line`, lineEdit, shown));
      const fileEdit = disableFileEdit(text, core.ruleId);
      if (fileEdit) actions.push(this.edit(document, `Disable ${core.ruleId} for this file`, fileEdit, shown));
    }
    if (actions.length > 0) actions.push(...this.fixAllActions(document, state, vscode.CodeActionKind.QuickFix));
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
