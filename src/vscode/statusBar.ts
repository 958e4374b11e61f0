/**
 * The active note's kind and how many of its required fields are filled: "Runbook 4/5". The icon
 * and colour show the note's worst finding, as ESLint's status item does: an error icon on the
 * error background, a warning icon on the warning background, info, or a pass icon when clean.
 */
import * as vscode from 'vscode';
import { describeOwner, kindLabel, type LintResult, type Severity } from '../core';
import type { NoteLinter } from './noteLinter';

export const SHOW_MISSING_FIELDS = 'runbookNotes.showMissingFields';

export function completenessText(result: LintResult): string {
  const kind = result.kind ? kindLabel(result.kind) : 'Note';
  const required = result.required;
  if (required.length === 0) return kind;
  return `${kind} ${required.filter((field) => field.filled).length}/${required.length}`;
}

const LOOK: Record<Severity | 'clean', { icon: string; background?: string }> = {
  error: { icon: '$(error)', background: 'statusBarItem.errorBackground' },
  warning: { icon: '$(warning)', background: 'statusBarItem.warningBackground' },
  info: { icon: '$(info)' },
  clean: { icon: '$(pass)' },
};

/** The most severe finding's severity, or `clean`. */
export function worstSeverity(result: LintResult): Severity | 'clean' {
  const severities = new Set(result.diagnostics.map((diagnostic) => diagnostic.severity));
  return severities.has('error') ? 'error' : severities.has('warning') ? 'warning' : severities.has('info') ? 'info' : 'clean';
}

/** "2 errors, 3 warnings": the note's findings by severity, or "No problems". */
export function problemsText(result: LintResult): string {
  const counts = (['error', 'warning', 'info'] as const)
    .map((severity) => ({ severity, count: result.diagnostics.filter((diagnostic) => diagnostic.severity === severity).length }))
    .filter(({ count }) => count > 0)
    .map(({ severity, count }) => `${count} ${severity === 'info' ? 'info' : `${severity}${count === 1 ? '' : 's'}`}`);
  return counts.length === 0 ? 'No problems' : counts.join(', ');
}

/** `Owner: @acme/dba — .github/CODEOWNERS:3`, one line per source that gives owners. */
export function ownerLine(result: LintResult): string {
  return result.owners.length === 0 ? 'Owner: none found' : result.owners.map((owner) => `Owner: ${describeOwner(owner)}`).join('\n');
}

export class NoteStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('runbookNotes.completeness', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly linter: NoteLinter) {
    this.item.name = 'Runbook Notes: required fields';
    this.item.command = SHOW_MISSING_FIELDS;
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      linter.onDidLint((uri) => {
        if (uri.toString() === vscode.window.activeTextEditor?.document.uri.toString()) this.update();
      }),
    );
    this.update();
  }

  private shownFor: string | undefined;

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const large = document && this.linter.largeNoteSize(document);
    if (document && large !== undefined) {
      this.showLarge(document, large);
      return;
    }
    const state = document && this.linter.current(document);
    // Between a keystroke and its lint the last figures of the same note stay: hiding would make the bar flicker.
    if (document && !state && this.shownFor === document.uri.toString()) return;
    const result = state?.result;
    if (!document || !result?.isNote) {
      this.item.hide();
      this.shownFor = undefined;
      return;
    }
    this.shownFor = document.uri.toString();
    const missing = result.required.filter((field) => !field.filled);
    const look = LOOK[worstSeverity(result)];
    this.item.text = `${look.icon} ${completenessText(result)}`;
    this.item.backgroundColor = look.background ? new vscode.ThemeColor(look.background) : undefined;
    const fields =
      result.required.length === 0
        ? `${completenessText(result)}: no required fields.`
        : missing.length === 0
          ? `All ${result.required.length} required fields are filled.`
          : `Missing: ${missing.map((field) => field.title).join(', ')}. Click to list them.`;
    this.item.tooltip = `${problemsText(result)} in this note.\n${fields}\n${ownerLine(result)}`;
    this.item.show();
  }

  /** A note over the size limit: its last figures, if any, and that it is linted on save only. */
  private showLarge(document: vscode.TextDocument, size: number): void {
    this.shownFor = document.uri.toString();
    const state = this.linter.current(document);
    const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    const limit = this.linter.settingsFor(document.uri).maxSizeBytes;
    this.item.text = `$(clock) ${state?.result.isNote ? completenessText(state.result) : 'Note'}: lint on save`;
    this.item.backgroundColor = undefined;
    this.item.tooltip = `This note is ${megabytes(size)}, over the ${megabytes(limit)} of runbookNotes.lint.maxSizeMB: it is linted when saved, not while typing.`;
    this.item.show();
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
  }
}
