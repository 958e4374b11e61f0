/**
 * Runs the integration suite (out/test/integration, built by scripts/buildIntegration.mjs) inside a real
 * VS Code extension host without downloading VS Code: code-server (installed by
 * scripts/installCodeServer.mjs) serves VS Code 1.100 on a local port, headless Chromium (Debian's, driven
 * by playwright-core) opens it with this repository as the extension under development, and the extension
 * host loads the suite. Mocha's report comes back through the page's `codeAutomationLog`, the exit code
 * through `codeAutomationExit`. Tests may ask for screenshots (helpers.ts `screenshot()`).
 *
 *   node --import tsx test/integration/runOffline.ts       (npm run test:integration provisions and builds everything first)
 *
 * Environment:
 *   RUNBOOK_NOTES_CODE_SERVER_DIR        code-server install (default ~/.cache/runbook-notes/code-server-4.100.3)
 *   RUNBOOK_NOTES_CHROMIUM               browser executable (default /usr/bin/chromium)
 *   RUNBOOK_NOTES_INTEGRATION_TIMEOUT    seconds for the whole run (default 600)
 *   RUNBOOK_NOTES_TEST_GREP              run only the tests whose full title matches (mocha grep)
 *   RUNBOOK_NOTES_VERBOSE=1              also print code-server's output and the browser console
 *   RUNBOOK_NOTES_KEEP_TEMP=1            keep the temporary folder (workspace copy, user data) and print it
 *
 * Output: mocha's report on stdout; screenshots in out/screenshots/; logs in out/integration/ (the
 * code-server output, everything codeAutomationLog got, the browser console and, when the run fails,
 * VS Code's own log folder).
 * Exit code: the tests' (0 when all pass), 1 when the run itself failed (server, browser, timeout).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CODE_SERVER_VERSION, codeServerDir } from '../../scripts/codeServer.mjs';
import { freePort, serverEnv as sharedServerEnv, webviewFrame, WORKBENCH_NOISE } from '../codeServer';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../chromium';
import {
  decodeRequest,
  REQUEST_ID,
  REQUEST_MARKER,
  RUNNER_DIR_ENV,
  SCREENSHOT_DIR_ENV,
  SCREENSHOT_NAME,
  SUITE_DONE_MARKER,
  SUITE_START_MARKER,
  type RunnerAnswer,
  type RunnerRequest,
  type SuiteResult,
} from './protocol';

const root = resolve(__dirname, '../..');
const fixture = join(root, 'test/fixtures/workspace');
const suite = join(root, 'out/test/integration/index.js');
const screenshotDir = join(root, 'out/screenshots');
const logDir = join(root, 'out/integration');
const viewport = { width: 1280, height: 800 };
const verbose = process.env.RUNBOOK_NOTES_VERBOSE === '1';
const timeoutSeconds = Number(process.env.RUNBOOK_NOTES_INTEGRATION_TIMEOUT || 600);
/** From opening the page to the suite's first log line (the workbench loads in 4-10 s here). */
const START_TIMEOUT_SECONDS = 180;


/** A failure of the run itself (not of a test): printed as is, exit code 1. */
class RunError extends Error {}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const say = (message: string) => console.log(`[runOffline] ${message}`);

/** The shared code-server environment (test/codeServer.ts), plus where this runner's screenshots and answers go. */
function serverEnv(temp: string): NodeJS.ProcessEnv {
  const env = sharedServerEnv(temp);
  env[SCREENSHOT_DIR_ENV] = screenshotDir;
  env[RUNNER_DIR_ENV] = join(temp, 'answers');
  mkdirSync(env[RUNNER_DIR_ENV]!, { recursive: true });
  return env;
}

interface Server {
  child: ChildProcess;
  /** Resolves once code-server listens. */
  ready: Promise<void>;
  /** Rejects when code-server exits (at any time: before or after it is ready). */
  exited: Promise<never>;
  /** Its output (stdout and stderr) so far. */
  log: string;
}

function startServer(dir: string, port: number, temp: string, workspace: string): Server {
  const entry = join(dir, 'node_modules/code-server/out/node/entry.js');
  const userData = join(temp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.enableExperiments': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'security.workspace.trust.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
        // VS Code for the web saves after a delay by default: a test's edit would reach the workspace copy on disk
        // (or not, depending on the machine's speed) and leak into the next test. Tests save explicitly.
        'files.autoSave': 'off',
      },
      null,
      2,
    ),
  );
  const config = join(temp, 'code-server.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    entry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userData,
    '--extensions-dir', join(temp, 'extensions'),
    '--config', config,
  ];
  const log = join(logDir, 'code-server.log');
  writeFileSync(log, `$ ${process.execPath} ${args.join(' ')}\n(workspace ${workspace})\n`);

  // Detached: its own process group, so that the server, its extension host and its other children all go.
  const child = spawn(process.execPath, args, { cwd: temp, env: serverEnv(temp), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let onOutput = (_text: string): void => {};
  const ready = new Promise<void>((resolveReady) => {
    onOutput = (text) => {
      output += text;
      if (output.includes('HTTP server listening on')) {
        output = '';
        onOutput = () => {};
        resolveReady();
      }
    };
  });
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    appendFileSync(log, text);
    if (verbose) process.stdout.write(text.replace(/^(?=.)/gm, '[code-server] '));
    onOutput(text);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<never>((_, reject) => {
    child.on('error', (error) => reject(new RunError(`code-server could not be started: ${error.message}`)));
    child.on('exit', (code, signal) => reject(new RunError(`code-server exited unexpectedly (${signal ?? `exit code ${code}`}); its output is in ${log}`)));
  });
  exited.catch(() => {}); // observed by the race in main(); no unhandled rejection meanwhile
  return { child, ready, exited, log };
}

/** Kills the whole process group; SIGKILL after a grace period. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolveGone) => child.once('exit', () => resolveGone()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), 3000);
  await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
  clearTimeout(timer);
  kill('SIGKILL'); // any straggler in the group (extension host, watchers)
}

/**
 * The workbench's own routine messages, which reach codeAutomationLog along with the extension host's
 * console: kept out of the report (they are in out/integration/automation.log).
 */

/** Text of a codeAutomationLog call: console.log's arguments (mocha passes a format string, VS Code %c styles). */
function formatLog(args: unknown[]): string {
  return format(...args);
}

/** Carries out the tests' requests (screenshots, evaluations) one at a time. */
class Requests {
  private queue: Promise<void> = Promise.resolve();
  screenshots = 0;

  constructor(
    private readonly page: Page,
    private readonly answers: string,
  ) {}

  /** Handles a log line holding a request; returns false for any other line. */
  handle(text: string): boolean {
    if (!text.includes(REQUEST_MARKER)) return false;
    let request: RunnerRequest | undefined;
    try {
      request = decodeRequest(text);
    } catch {
      // reported below
    }
    if (!request || !REQUEST_ID.test(request.id)) {
      say(`unreadable request from a test: ${text}`);
      return true;
    }
    const valid = request;
    this.queue = this.queue.then(() => this.answer(valid));
    return true;
  }

  private async answer(request: RunnerRequest): Promise<void> {
    let answer: RunnerAnswer;
    try {
      answer = { value: await this.carryOut(request) };
    } catch (error) {
      answer = { error: (error as Error).message };
      say(`request ${JSON.stringify(request)} failed: ${answer.error}`);
    }
    const file = join(this.answers, `${request.id}.json`);
    let json: string;
    try {
      json = JSON.stringify(answer) ?? JSON.stringify({ value: null });
    } catch (error) {
      json = JSON.stringify({ error: `the result is not JSON-serializable: ${(error as Error).message}` });
    }
    writeFileSync(`${file}.tmp`, json);
    renameSync(`${file}.tmp`, file);
  }

  private async carryOut(request: RunnerRequest): Promise<unknown> {
    if (request.kind === 'screenshot') {
      if (!SCREENSHOT_NAME.test(request.name)) throw new Error(`bad screenshot name '${request.name}'`);
      const started = Date.now();
      const path = join(screenshotDir, `${request.name}.png`);
      await this.page.screenshot({ path, timeout: 20_000 });
      this.screenshots++;
      say(`screenshot ${path} (${seconds(started)})`);
      return path;
    }
    if (request.kind === 'evaluate') {
      if (request.target === 'workbench') return this.page.evaluate(request.expression);
      return (await webviewFrame(this.page, request.timeoutMs)).evaluate(request.expression);
    }
    throw new Error(`unknown request kind ${(request as { kind: string }).kind}`);
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  const dir = codeServerDir();
  const executablePath = CHROMIUM_EXECUTABLE;
  if (!existsSync(join(dir, 'node_modules/code-server/out/node/entry.js'))) {
    throw new RunError(`code-server is not installed in ${dir}: run node scripts/installCodeServer.mjs`);
  }
  if (!existsSync(executablePath)) {
    throw new RunError(`no browser at ${executablePath}: apt-get install -y chromium (or set RUNBOOK_NOTES_CHROMIUM)`);
  }
  if (!existsSync(join(root, 'dist/extension.js'))) throw new RunError('dist/extension.js is missing: run npm run build');
  if (!existsSync(suite)) throw new RunError(`${suite} is missing: run node scripts/buildIntegration.mjs`);

  mkdirSync(logDir, { recursive: true });
  // Only this run's screenshots and logs.
  rmSync(screenshotDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  rmSync(join(logDir, 'vscode-logs'), { recursive: true, force: true });
  const temp = mkdtempSync(join(tmpdir(), 'runbook-notes-it-'));
  const workspace = join(temp, 'workspace');
  cpSync(fixture, workspace, { recursive: true });

  let server: Server | undefined;
  let browser: Browser | undefined;
  let finished = false;
  let failed = true;
  const cleanup = async () => {
    finished = true;
    await browser?.close().catch(() => {});
    if (server) await stopServer(server.child);
    if (failed) {
      const logs = join(temp, 'user-data/logs');
      if (existsSync(logs)) cpSync(logs, join(logDir, 'vscode-logs'), { recursive: true });
    }
    if (process.env.RUNBOOK_NOTES_KEEP_TEMP === '1') say(`kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    say(`${signal}: stopping code-server and the browser`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // Last resort if the runner dies some other way: no code-server left listening.
  process.once('exit', () => {
    if (server?.child.pid !== undefined && server.child.exitCode === null) {
      try {
        process.kill(-server.child.pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  });

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RunError(`timed out after ${timeoutSeconds} s (RUNBOOK_NOTES_INTEGRATION_TIMEOUT); the tests had not finished`)), timeoutSeconds * 1000);
  });

  try {
    let port = 0;
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      server = startServer(dir, port, temp, workspace);
      try {
        await Promise.race([server.ready, server.exited, timeout]);
        break;
      } catch (error) {
        // The free port was taken between picking it and code-server binding it: pick another.
        if (attempt >= 3 || !readFileSync(server.log, 'utf8').includes('EADDRINUSE')) throw error;
        say(`port ${port} was taken meanwhile; trying another`);
        await stopServer(server.child);
      }
    }
    say(`code-server ${CODE_SERVER_VERSION} listening on 127.0.0.1:${port} (${seconds(started)})`);

    const launched = Date.now();
    browser = await Promise.race([
      chromium
        // Our SIGINT/SIGTERM handlers close the browser and then stop code-server.
        .launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000, handleSIGINT: false, handleSIGTERM: false })
        .catch((error: Error) => {
          throw new RunError(`Chromium (${executablePath}) could not be started: ${error.message}`);
        }),
      server.exited,
      timeout,
    ]);
    const browserGone = new Promise<never>((_, reject) => {
      browser!.on('disconnected', () => {
        if (!finished) reject(new RunError('the browser closed or crashed before the tests finished'));
      });
    });
    browserGone.catch(() => {});
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const pageCrashed = new Promise<never>((_, reject) => {
      page.on('crash', () => reject(new RunError('the VS Code page crashed (out of memory?)')));
      page.on('close', () => {
        if (!finished) reject(new RunError('the VS Code page closed before the tests finished'));
      });
    });
    pageCrashed.catch(() => {});
    const browserLog = join(logDir, 'browser-console.log');
    writeFileSync(browserLog, '');
    page.on('console', (message) => {
      const line = `[${message.type()}] ${message.text()}\n`;
      appendFileSync(browserLog, line);
      if (verbose) process.stdout.write(`[browser] ${line}`);
    });
    page.on('pageerror', (error) => appendFileSync(browserLog, `[pageerror] ${error.stack ?? error.message}\n`));

    const requests = new Requests(page, join(temp, 'answers'));
    let suiteStarted: () => void = () => {};
    const suiteStart = new Promise<void>((resolveStarted) => (suiteStarted = resolveStarted));
    let suiteResult: SuiteResult | undefined;
    let suiteReported: () => void = () => {};
    const suiteDone = new Promise<void>((resolveDone) => (suiteReported = resolveDone));
    let reportedExit: (code: number) => void = () => {};
    const testsExited = new Promise<number>((resolveExit) => (reportedExit = resolveExit));
    const automationLog = join(logDir, 'automation.log');
    writeFileSync(automationLog, '');
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = formatLog(Array.isArray(args) ? args : [args]);
      appendFileSync(automationLog, `[${type}] ${text}\n`);
      if (requests.handle(text)) return;
      if (text.includes(SUITE_START_MARKER)) {
        suiteStarted();
        return;
      }
      const done = text.indexOf(SUITE_DONE_MARKER);
      if (done >= 0) {
        suiteResult = JSON.parse(text.slice(done + SUITE_DONE_MARKER.length)) as SuiteResult;
        suiteReported();
        return;
      }
      if (!verbose && WORKBENCH_NOISE.test(text)) return;
      if (type === 'error' || type === 'warn') process.stderr.write(`${text}\n`);
      else process.stdout.write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      reportedExit(code);
    });

    const folder = encodeURIComponent(workspace).replace(/%2F/g, '/');
    const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(suite.replace(/\.js$/, ''))],
      ['skipWelcome', 'true'],
    ];
    const url = `http://127.0.0.1:${port}/?folder=${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await Promise.race([page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 }), server.exited, browserGone, pageCrashed, timeout]);
    say(`browser open (${seconds(launched)}), waiting for the workbench and the extension host`);
    page
      .locator('.monaco-workbench')
      .waitFor({ timeout: 120_000 })
      .then(
        () => say(`workbench loaded (${seconds(started)} since start)`),
        () => {
          if (!finished) say('the workbench did not appear within 120 s; see out/integration/browser-console.log');
        },
      );

    // A workbench that never gets the extension host going would otherwise only end at the timeout.
    const notStarted = new Promise<never>((_, reject) => {
      const watchdog = setTimeout(
        () => reject(new RunError(`the extension host did not start the test suite within ${START_TIMEOUT_SECONDS} s of loading the page (see ${logDir})`)),
        START_TIMEOUT_SECONDS * 1000,
      );
      void Promise.race([suiteStart, testsExited]).finally(() => clearTimeout(watchdog));
    });
    notStarted.catch(() => {});
    const code = await Promise.race([testsExited, server.exited, browserGone, pageCrashed, timeout, notStarted]);
    // The suite's result is logged just before the exit; give a late log message a moment to arrive.
    await Promise.race([suiteDone, new Promise((r) => setTimeout(r, 3000))]);
    const result = suiteResult as SuiteResult | undefined;
    if (!result) {
      throw new RunError(`the extension host exited (code ${code}) before the test suite reported its result: it crashed, or the suite failed to load (see the error above and ${logDir}/automation.log)`);
    }
    const exitCode = result.failures > 0 && code === 0 ? 1 : code;
    failed = exitCode !== 0;
    say(
      `${result.passes} passed, ${result.failures} failed, ${result.pending} pending; exit code ${exitCode}; ` +
        `${requests.screenshots} screenshot(s); ${seconds(started)} in all`,
    );
    return exitCode;
  } finally {
    clearTimeout(timer);
    await cleanup();
    if (failed) say(`logs: ${logDir} (code-server.log, automation.log, browser-console.log, vscode-logs/)`);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`FAILED: ${error instanceof RunError ? error.message : ((error as Error).stack ?? String(error))}`);
    process.exit(1);
  },
);
