/** Helpers for the integration tests, which run inside a real VS Code extension host. */
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { waitFor } from './wait';
import { encodeRequest, RUNNER_DIR_ENV, SCREENSHOT_NAME, type RunnerAnswer, type RunnerRequest } from './protocol';

export const EXTENSION_ID = 'runbook-notes.runbook-notes';
export const DIAGNOSTIC_SOURCE = 'runbook-notes';

export { waitFor } from './wait';

/** The test workspace: a temporary copy of test/fixtures/workspace, which the tests may change freely. */
export function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need a workspace folder (a copy of test/fixtures/workspace)');
  return folder;
}

/** A file of the test workspace, by its path relative to the workspace folder. */
export function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, ...relativePath.split('/'));
}

/** Opens a workspace file in an editor and returns the editor. */
export async function openFile(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The extension under test, activated (waits up to `timeoutMs` for the activation to finish). */
export async function activeExtension(timeoutMs = 30_000): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in the extension host`);
  await waitFor(() => extension.isActive, timeoutMs, `extension ${EXTENSION_ID} to activate`);
  return extension;
}

/** The extension's diagnostics on a document (those of other extensions left out). */
export function noteDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
}

/** A diagnostic's rule id (`RN002`). */
export function ruleId(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return String(typeof code === 'object' ? code.value : code);
}

/** Waits until the extension has reported at least one diagnostic on the document, and returns them. */
export function waitForNoteDiagnostics(uri: vscode.Uri, timeoutMs = 15_000): Promise<vscode.Diagnostic[]> {
  return waitFor(
    () => {
      const diagnostics = noteDiagnostics(uri);
      return diagnostics.length > 0 ? diagnostics : undefined;
    },
    timeoutMs,
    `${DIAGNOSTIC_SOURCE} diagnostics on ${vscode.workspace.asRelativePath(uri)}`,
  );
}

/**
 * Whether the offline runner drives this extension host: it takes screenshots and evaluates code in the
 * page (test:electron does not). Tests that need it: `if (!hasRunner()) this.skip();`.
 */
export function hasRunner(): boolean {
  return Boolean(process.env[RUNNER_DIR_ENV]);
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type RequestBody = DistributiveOmit<RunnerRequest, 'id'>;

/** Sends a request to the runner (through the console) and waits for its answer file. */
async function askRunner(request: RequestBody, timeoutMs: number, what: string): Promise<unknown> {
  const dir = process.env[RUNNER_DIR_ENV];
  if (!dir) throw new Error(`${what} needs the offline runner (npm run test:integration); check hasRunner() first`);
  const id = randomUUID();
  const answerFile = join(dir, `${id}.json`);
  console.log(encodeRequest({ ...request, id } as RunnerRequest));
  await waitFor(() => existsSync(answerFile), timeoutMs, `the runner to answer: ${what}`);
  const answer = JSON.parse(readFileSync(answerFile, 'utf8')) as RunnerAnswer;
  rmSync(answerFile, { force: true });
  if ('error' in answer) throw new Error(`${what} failed in the runner: ${answer.error}`);
  return answer.value;
}

/**
 * Asks the runner for a screenshot of the whole VS Code window (1280x800) and waits until it is saved as
 * `out/screenshots/<name>.png`; returns its path. Without the runner (test:electron) it does nothing and
 * returns undefined. Give the UI a moment to settle first if it just changed.
 */
export async function screenshot(name: string, timeoutMs = 30_000): Promise<string | undefined> {
  assert.match(name, SCREENSHOT_NAME, `screenshot name '${name}': use letters, digits, '.', '_' and '-'`);
  if (!hasRunner()) return undefined;
  return (await askRunner({ kind: 'screenshot', name }, timeoutMs, `screenshot '${name}'`)) as string;
}

/**
 * Evaluates a JavaScript expression in the workbench page (the VS Code window's DOM) and returns its
 * JSON-serializable result (a promise is awaited). Needs the runner.
 */
export async function evaluateInWorkbench<T = unknown>(expression: string, timeoutMs = 10_000): Promise<T> {
  return (await askRunner({ kind: 'evaluate', target: 'workbench', expression, timeoutMs }, timeoutMs + 5_000, `evaluating in the workbench: ${expression}`)) as T;
}

/**
 * Evaluates a JavaScript expression in the content of the visible webview (a preview, say), waiting up
 * to `timeoutMs` for one to be there, and returns its JSON-serializable result: e.g.
 * `await evaluateInWebview<string>('document.body.innerText')`. Needs the runner.
 */
export async function evaluateInWebview<T = unknown>(expression: string, timeoutMs = 10_000): Promise<T> {
  return (await askRunner({ kind: 'evaluate', target: 'webview', expression, timeoutMs }, timeoutMs + 5_000, `evaluating in the webview: ${expression}`)) as T;
}
