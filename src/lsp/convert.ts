/** Core findings, positions and edits as LSP objects (LSP 3.17: 0-based lines, UTF-16 columns, as the core counts). */
import type { Diagnostic, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocsUrl, type Diagnostic as CoreDiagnostic, type TextEdit as CoreEdit } from '../core';

/** `source` of every diagnostic of ours: code actions match diagnostics by it. */
export const SOURCE = 'runbook-notes';

const SEVERITY: Record<CoreDiagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspRange(range: CoreDiagnostic['range']): Range {
  return { start: { line: range.start.line, character: range.start.column }, end: { line: range.end.line, character: range.end.column } };
}

/** A finding as an LSP diagnostic: the rule id as `code`, its documentation as `codeDescription`. */
export function toLspDiagnostic(diagnostic: CoreDiagnostic): Diagnostic {
  return {
    range: toLspRange(diagnostic.range),
    severity: SEVERITY[diagnostic.severity],
    source: SOURCE,
    code: diagnostic.ruleId,
    codeDescription: { href: ruleDocsUrl({ id: diagnostic.ruleId, name: diagnostic.rule }) },
    message: diagnostic.message,
  };
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Whether two ranges share a position (touching counts: a cursor at a finding's end is on it). */
export function rangesTouch(a: Range, b: Range): boolean {
  const before = (x: Range['start'], y: Range['start']) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Core edits (offsets into the document's text) as LSP text edits. */
export function toLspEdits(document: TextDocument, edits: readonly CoreEdit[]): TextEdit[] {
  return edits.map((edit) => ({ range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) }, newText: edit.text }));
}

/**
 * Edits of one document as a workspace edit: with the document's version where the client
 * supports `documentChanges` (so an edit made for an older version is refused, never misapplied).
 */
export function toWorkspaceEdit(document: TextDocument, edits: readonly CoreEdit[], documentChanges: boolean): WorkspaceEdit {
  const lspEdits = toLspEdits(document, edits);
  return documentChanges
    ? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits: lspEdits }] }
    : { changes: { [document.uri]: lspEdits } };
}
