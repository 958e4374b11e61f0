/** The output channel, and problems shown to the user once rather than on every keystroke. */
import * as vscode from 'vscode';

export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Runbook Notes', { log: true });
  private readonly shown = new Set<string>();

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

  resolved(key: string): void {
    this.shown.delete(key);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
