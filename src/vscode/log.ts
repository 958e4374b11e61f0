/** The output channel, and problems shown to the user once rather than on every keystroke. */
import * as vscode from 'vscode';
import type { InternalError } from '../core';

export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Runbook Notes', { log: true });
  private readonly shown = new Set<string>();
  /** Rule failures already logged, by document, rule and error: a note being typed in is linted again every pause. */
  private readonly loggedInternalErrors = new Set<string>();

  info(message: string): void {
    this.channel.info(message);
  }

  error(message: string, error?: unknown): void {
    this.channel.error(error === undefined ? message : `${message}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }

  /** Logs every time; tells the user once per `key` until `resolved(key)`. */
  warnOnce(key: string, message: string): void {
    this.channel.warn(message);
    if (this.shown.has(key)) return;
    this.shown.add(key);
    void vscode.window.showWarningMessage(`Runbook Notes: ${message}`, 'Show Output').then((choice) => {
      if (choice) this.channel.show(true);
    });
  }

  /**
   * Rules that threw while linting `document`: each one's stack goes to the output channel, once
   * for the same rule failing the same way on the same document (its finding in the Problems
   * panel already tells the user, on every lint).
   */
  internalErrors(document: string, errors: readonly InternalError[]): void {
    for (const error of errors) {
      const key = `${document}\n${error.ruleId}\n${error.stack}`;
      if (this.loggedInternalErrors.has(key)) continue;
      if (this.loggedInternalErrors.size >= 1000) this.loggedInternalErrors.clear();
      this.loggedInternalErrors.add(key);
      this.channel.error(`Internal error in rule ${error.ruleId} ${error.rule} while linting ${document}; the other rules ran. Please report it with this stack:\n${error.stack}`);
    }
  }

  resolved(key: string): void {
    this.shown.delete(key);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
