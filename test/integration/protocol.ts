/**
 * What the offline runner (runOffline.ts, plain Node) and the tests (in the extension host) agree on.
 * No `vscode` or Node import here: the runners import this file too, and the web suite runs in a browser worker.
 *
 * Requests: a test logs REQUEST_MARKER followed by a base64 JSON {@link RunnerRequest} with console.log;
 * the extension host's console reaches the runner through the page's `codeAutomationLog`. The runner
 * carries the request out on the page and writes a JSON {@link RunnerAnswer} to
 * `$RUNBOOK_NOTES_RUNNER_DIR/<id>.json` (written under another name, then renamed), which the test polls for.
 */

/** The folder answers are written to; set only by the offline runner (unset under test:electron). */
export const RUNNER_DIR_ENV = 'RUNBOOK_NOTES_RUNNER_DIR';

/** Where screenshots are saved (out/screenshots); set by the offline runner. */
export const SCREENSHOT_DIR_ENV = 'RUNBOOK_NOTES_SCREENSHOT_DIR';

export const REQUEST_MARKER = '@@runbook-notes:request@@';

export type RunnerRequest = { id: string } & (
  | {
      /** A PNG of the whole VS Code window, saved as `<screenshot dir>/<name>.png`; the answer's value is its path. */
      kind: 'screenshot';
      name: string;
    }
  | {
      /**
       * Evaluates a JavaScript expression in the workbench page, or in the visible webview's content
       * frame (waiting up to timeoutMs for it); the answer's value is its (JSON-serializable) result. A
       * promise is awaited.
       */
      kind: 'evaluate';
      target: 'workbench' | 'webview';
      expression: string;
      timeoutMs: number;
    }
);

export type RunnerAnswer = { value: unknown } | { error: string };

/** Screenshot names: letters, digits, `.`, `_` and `-`. */
export const SCREENSHOT_NAME = /^[A-Za-z0-9._-]+$/;

/** Request ids (answer file names). */
export const REQUEST_ID = /^[A-Za-z0-9-]+$/;

export function encodeRequest(request: RunnerRequest): string {
  // btoa over the UTF-8 bytes, not Buffer: the web suite (test/web) sends requests from a browser worker.
  let binary = '';
  for (const byte of new TextEncoder().encode(JSON.stringify(request))) binary += String.fromCharCode(byte);
  return `${REQUEST_MARKER}${btoa(binary)}`;
}

/** The request in a log line, if the line holds one. */
export function decodeRequest(line: string): RunnerRequest | undefined {
  const at = line.indexOf(REQUEST_MARKER);
  if (at < 0) return undefined;
  const base64 = /^[A-Za-z0-9+/=]+/.exec(line.slice(at + REQUEST_MARKER.length))?.[0] ?? '';
  return JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as RunnerRequest;
}

/** index.ts logs this marker when the extension host has called it (the runner stops waiting for a start). */
export const SUITE_START_MARKER = '@@runbook-notes:suite-start@@';

/**
 * index.ts logs this marker and a JSON {@link SuiteResult} when mocha has finished. The runner trusts an
 * exit code of 0 only after it: VS Code also reports 0 when the extension host crashes mid-suite.
 */
export const SUITE_DONE_MARKER = '@@runbook-notes:suite-done@@';

export interface SuiteResult {
  tests: number;
  passes: number;
  failures: number;
  pending: number;
}

/**
 * Runs a suite's mocha, logs SUITE_DONE_MARKER with its {@link SuiteResult}, and settles: resolved when every
 * test passed, rejected otherwise (the extension host then reports a failing exit code). `what` names the
 * suite in the rejection. Shared by the integration suite (Node host) and the web suite (browser worker).
 */
export function runAndReport(mocha: Mocha, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const { tests = 0, passes = 0, pending = 0 } = runner.stats ?? {};
        const result: SuiteResult = { tests, passes, failures, pending };
        console.log(`${SUITE_DONE_MARKER}${JSON.stringify(result)}`);
        if (failures > 0) reject(new Error(`${failures} ${what} test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
