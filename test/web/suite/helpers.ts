/**
 * Helpers of the web suite, which runs in the browser worker extension host: no Node built-in, files only
 * through `vscode.workspace.fs`. The request protocol is the integration suite's (test/integration/protocol.ts).
 */
import * as vscode from 'vscode';
import { encodeRequest, type RunnerAnswer, type RunnerRequest } from '../../integration/protocol';
import { waitFor } from '../../integration/wait';
import type { WebSuiteConfig } from '../config';

export { waitFor };

export const EXTENSION_ID = 'runbook-notes.runbook-notes';
export const DIAGNOSTIC_SOURCE = 'runbook-notes';

declare const RUNBOOK_NOTES_WEB_SUITE: WebSuiteConfig;

export function suiteConfig(): WebSuiteConfig {
  return RUNBOOK_NOTES_WEB_SUITE;
}

/** The test workspace: a temporary copy of test/fixtures/examples. */
export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the web suite needs a workspace folder (a copy of test/fixtures/examples)');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** The extension's diagnostics on a document (those of other extensions left out). */
export function noteDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

/** A diagnostic's rule id (`RN002`). */
export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return code === undefined ? undefined : String(typeof code === 'object' ? code.value : code);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Sends a request to the runner (through the console) and waits for its answer, read through `vscode.workspace.fs`. */
async function askRunner(request: DistributiveOmit<RunnerRequest, 'id'>, timeoutMs: number, what: string): Promise<unknown> {
  const id = crypto.randomUUID();
  // The answers folder is on the server, as the extension is: its URI is the extension's with another path.
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${what}: extension ${EXTENSION_ID} is not installed`);
  const answerUri = extension.extensionUri.with({ path: `${suiteConfig().answersPath}/${id}.json` });
  console.log(encodeRequest({ ...request, id } as RunnerRequest));
  await waitFor(() => exists(answerUri), timeoutMs, `the runner to answer: ${what}`);
  const answer = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(answerUri))) as RunnerAnswer;
  await vscode.workspace.fs.delete(answerUri).then(undefined, () => undefined);
  if ('error' in answer) throw new Error(`${what} failed in the runner: ${answer.error}`);
  return answer.value;
}

/** Evaluates a JavaScript expression in the content of the visible webview and returns its JSON-serializable result. */
export async function evaluateInWebview<T = unknown>(expression: string, timeoutMs = 10_000): Promise<T> {
  return (await askRunner({ kind: 'evaluate', target: 'webview', expression, timeoutMs }, timeoutMs + 5_000, `evaluating in the webview: ${expression}`)) as T;
}

/** Asks the runner for a PNG of the whole window, saved as out/web/screenshots/<name>.png. */
export async function screenshot(name: string, timeoutMs = 30_000): Promise<string> {
  return (await askRunner({ kind: 'screenshot', name }, timeoutMs, `screenshot '${name}'`)) as string;
}

/** Evaluates a JavaScript expression in the workbench page (the window's DOM) and returns its JSON-serializable result. */
export async function evaluateInWorkbench<T = unknown>(expression: string, timeoutMs = 10_000): Promise<T> {
  return (await askRunner({ kind: 'evaluate', target: 'workbench', expression, timeoutMs }, timeoutMs + 5_000, `evaluating in the workbench: ${expression}`)) as T;
}
