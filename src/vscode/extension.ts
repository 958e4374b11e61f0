/** The editor side: a thin layer that runs the core on open notes and shows its findings as diagnostics. */
import * as vscode from 'vscode';
import { ConfigError, ConfigResolver, lintText, ruleDocsUrl, type Diagnostic as CoreDiagnostic } from '../core';
import { workspaceConfigHost } from './workspaceHost';

const SEVERITY: Record<CoreDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toVscodeDiagnostic(diagnostic: CoreDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(diagnostic.range.start.line, diagnostic.range.start.column, diagnostic.range.end.line, diagnostic.range.end.column);
  const result = new vscode.Diagnostic(range, diagnostic.message, SEVERITY[diagnostic.severity]);
  result.source = 'runbook-notes';
  result.code = { value: diagnostic.ruleId, target: vscode.Uri.parse(ruleDocsUrl({ id: diagnostic.ruleId, name: diagnostic.rule })) };
  return result;
}

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Runbook Notes');
  const collection = vscode.languages.createDiagnosticCollection('runbook-notes');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let resolvers = new Map<string, ConfigResolver>();
  context.subscriptions.push(output, collection);

  const resolverFor = (document: vscode.TextDocument): ConfigResolver => {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const root = folder?.uri.fsPath ?? vscode.Uri.joinPath(document.uri, '..').fsPath;
    let resolver = resolvers.get(root);
    if (!resolver) {
      resolver = new ConfigResolver(workspaceConfigHost, { defaultRoot: root, stopAt: folder ? root : undefined });
      resolvers.set(root, resolver);
    }
    return resolver;
  };

  const lint = async (document: vscode.TextDocument): Promise<void> => {
    if (document.languageId !== 'markdown' || document.uri.scheme === 'git') return;
    const version = document.version;
    try {
      const config = await resolverFor(document).forNote(document.uri.fsPath);
      // The text may have changed while the configuration was read: results for an old version are dropped.
      if (document.isClosed || document.version !== version) return;
      const result = lintText(document.getText(), { path: document.uri.fsPath, config });
      collection.set(document.uri, result.diagnostics.map(toVscodeDiagnostic));
    } catch (error) {
      output.appendLine(error instanceof ConfigError ? error.message : `Linting ${document.uri.fsPath} failed: ${(error as Error).stack ?? String(error)}`);
    }
  };

  const schedule = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        void lint(document);
      }, 250),
    );
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument((document) => void lint(document)),
    vscode.workspace.onDidChangeTextDocument((event) => schedule(event.document)),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (!document.uri.path.endsWith('/.runbook-notes.json')) return void lint(document);
      // A saved configuration can change every note's findings: forget the cached ones and lint again.
      resolvers = new Map();
      vscode.workspace.textDocuments.forEach((open) => void lint(open));
    }),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
    { dispose: () => timers.forEach((timer) => clearTimeout(timer)) },
  );
  vscode.workspace.textDocuments.forEach((document) => void lint(document));
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
