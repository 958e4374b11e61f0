/** Core findings and edits as VS Code objects. */
import * as vscode from 'vscode';
import { ruleDocsUrl, type Diagnostic as CoreDiagnostic, type TextEdit } from '../core';

export const SOURCE = 'runbook-notes';

const SEVERITY: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toRange(range: CoreDiagnostic['range']): vscode.Range {
  return new vscode.Range(range.start.line, range.start.column, range.end.line, range.end.column);
}

/** A core diagnostic of the note at `uri` as VS Code's, its related locations as `relatedInformation` (LSP's field). */
export function toVscodeDiagnostic(diagnostic: CoreDiagnostic, uri: vscode.Uri): vscode.Diagnostic {
  const result = new vscode.Diagnostic(toRange(diagnostic.range), diagnostic.message, SEVERITY[diagnostic.severity]);
  result.source = SOURCE;
  result.code = { value: diagnostic.ruleId, target: vscode.Uri.parse(ruleDocsUrl({ id: diagnostic.ruleId, name: diagnostic.rule })) };
  if (diagnostic.related.length > 0) {
    result.relatedInformation = diagnostic.related.map((related) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(related.range)), related.message));
  }
  return result;
}

/** The rule id a VS Code diagnostic of ours carries. */
export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/**
 * Core edits (offsets into `document`'s text) as one workspace edit: applied, it is one undo step.
 * With `asSnippet`, an edit that has a snippet form is inserted as a snippet (VS Code's snippet text
 * edit): the cursor lands on its first placeholder and Tab moves to the next.
 */
export function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[], asSnippet = false): vscode.WorkspaceEdit {
  const result = new vscode.WorkspaceEdit();
  const range = (edit: TextEdit) => new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end));
  // One snippet session per edit: VS Code runs one at a time, so only a single edit goes in as a snippet.
  if (asSnippet && edits.length === 1 && edits[0]?.snippet !== undefined) {
    const edit = edits[0];
    result.set(document.uri, [new vscode.SnippetTextEdit(range(edit), new vscode.SnippetString(edit.snippet))]);
    return result;
  }
  for (const edit of edits) result.replace(document.uri, range(edit), edit.text);
  return result;
}
