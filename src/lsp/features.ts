/** Code actions, completion and hovers of the language server: the core's remedies and front matter help as LSP objects. */
import type { CodeAction, CodeActionParams, CompletionItem, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver';
import { CodeActionKind, CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fixAllEdit, frontMatterPositionAt, keyCompletions, keyHelpMarkdown, keyHoverAt, keyInsertion, lintText, valueCompletions, type Diagnostic as CoreDiagnostic, type KeyHelp, type TextEdit } from '../core';
import { disableFileEdit, disableLineEdit } from '../core/suppress';
import { rangesTouch, sameRange, SOURCE, toLspDiagnostic, toLspRange, toWorkspaceEdit } from './convert';
import { pathOfUri, type NoteState } from './notes';

/** `source.fixAll.runbook-notes`: a `source.fixAll` kind, so that clients run it on save ("code actions on save"). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.${SOURCE}`;
export const FIX_ALL_TITLE = 'Fix all Runbook Notes problems';

/** LSP kinds are hierarchical: `source` contains `source.fixAll`, which contains `source.fixAll.runbook-notes`. */
function contains(parent: string, child: string): boolean {
  return child === parent || child.startsWith(`${parent}.`);
}

export interface ClientFeatures {
  documentChanges: boolean;
  snippets: boolean;
  completionMarkdown: boolean;
  hoverMarkdown: boolean;
}

function sameFinding(core: CoreDiagnostic, shown: Diagnostic): boolean {
  return shown.source === SOURCE && String(shown.code) === core.ruleId && shown.message === core.message && sameRange(toLspRange(core.range), shown.range);
}

/**
 * Quick fixes for the diagnostics in the request's context (each fix and suggestion, disable for
 * the line and for the file, fix all), or the fix-all source action when `only` asks for it.
 * Clients that send no diagnostics in the context get the actions of ours under the range.
 */
export function codeActions(document: TextDocument, state: NoteState, params: CodeActionParams, client: ClientFeatures): CodeAction[] {
  const only = params.context.only;
  if (only && only.some((kind) => contains(kind, FIX_ALL_KIND) || contains(FIX_ALL_KIND, kind))) return fixAllActions(document, state, FIX_ALL_KIND, client);
  if (only && !only.some((kind) => contains(kind, CodeActionKind.QuickFix) || contains(CodeActionKind.QuickFix, kind))) return [];

  const given = params.context.diagnostics ?? [];
  const pairs: { core: CoreDiagnostic; shown: Diagnostic }[] = [];
  for (const shown of given) {
    const core = state.result.diagnostics.find((candidate) => sameFinding(candidate, shown));
    if (core) pairs.push({ core, shown });
  }
  if (given.length === 0) {
    for (const core of state.result.diagnostics) {
      const shown = toLspDiagnostic(core);
      if (rangesTouch(shown.range, params.range)) pairs.push({ core, shown });
    }
  }
  const text = document.getText();
  const actions: CodeAction[] = [];
  const action = (title: string, edits: readonly TextEdit[], shown: Diagnostic, isPreferred?: boolean): CodeAction => ({
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [shown],
    ...(isPreferred ? { isPreferred } : {}),
    edit: toWorkspaceEdit(document, edits, client.documentChanges),
  });
  for (const { core, shown } of pairs) {
    if (core.fix) actions.push(action(core.fix.title, core.fix.edits, shown, true));
    for (const suggestion of core.suggestions) actions.push(action(suggestion.title, suggestion.edits, shown));
    const lineEdit = disableLineEdit(text, core);
    if (lineEdit) actions.push(action(`Disable ${core.ruleId} for this line`, [lineEdit], shown));
    const fileEdit = disableFileEdit(text, core.ruleId);
    if (fileEdit) actions.push(action(`Disable ${core.ruleId} for this file`, [fileEdit], shown));
  }
  if (actions.length > 0) actions.push(...fixAllActions(document, state, CodeActionKind.QuickFix, client));
  return actions;
}

function fixAllActions(document: TextDocument, state: NoteState, kind: string, client: ClientFeatures): CodeAction[] {
  const edit = fixAllEdit(document.getText(), state.result.diagnostics, (current) => lintText(current, { path: pathOfUri(document.uri), config: state.config, ownership: state.ownership }).diagnostics);
  return edit ? [{ title: FIX_ALL_TITLE, kind, edit: toWorkspaceEdit(document, [edit], client.documentChanges) }] : [];
}

function documentation(help: KeyHelp, markdown: boolean): MarkupContent {
  if (markdown) return { kind: MarkupKind.Markdown, value: keyHelpMarkdown(help) };
  return { kind: MarkupKind.PlainText, value: help.expected ? `${help.key}: ${help.description}\n\nExpected: ${help.expected}` : `${help.key}: ${help.description}` };
}

/** Keys and values of the front matter at `offset`; a Markdown file that is not a note gets only `kind`. */
export function completions(document: TextDocument, offset: number, state: NoteState | undefined, client: ClientFeatures): CompletionItem[] {
  const text = document.getText();
  const where = frontMatterPositionAt(text, offset);
  if (!where) return [];
  const isNote = state?.result.isNote ?? false;
  const range = { start: document.positionAt(where.start), end: document.positionAt(where.end) };
  if (where.at === 'value') {
    if (!isNote && where.path.join('.') !== 'kind') return [];
    // Right after a typed `:` the value still needs its space.
    const space = text.charAt(where.start - 1) === ':' ? ' ' : '';
    return valueCompletions(where.path, state?.config).map((value, index) => ({
      label: value,
      kind: CompletionItemKind.EnumMember,
      filterText: space + value,
      sortText: String(index).padStart(3, '0'),
      textEdit: { range, newText: space + value },
    }));
  }
  const lineStart = document.offsetAt({ line: range.start.line, character: 0 });
  const indent = text.slice(lineStart, where.start).replace(/-/g, ' ');
  const present = new Set(where.siblings);
  return keyCompletions(where.path)
    .filter((help) => !present.has(help.key) && (isNote || (where.path.length === 0 && help.key === 'kind')))
    .map((help) => ({
      label: help.key,
      kind: CompletionItemKind.Property,
      detail: help.expected,
      documentation: documentation(help, client.completionMarkdown),
      insertTextFormat: client.snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: keyInsertion(help, valueCompletions([...where.path, help.key], state?.config), indent, client.snippets) },
    }));
}

/** The documentation of the front matter key under `offset`, in a note. */
export function hover(document: TextDocument, offset: number, state: NoteState | undefined, client: ClientFeatures): Hover | null {
  const found = keyHoverAt(document.getText(), offset, state?.config);
  if (!found || !state?.result.isNote) return null;
  return { contents: documentation(found.help, client.hoverMarkdown), range: { start: document.positionAt(found.start), end: document.positionAt(found.end) } };
}
