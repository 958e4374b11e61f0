/**
 * Runs the web suite (test/web/suite) in VS Code's browser worker extension host, offline: code-server
 * (the integration harness's host, installed by scripts/installCodeServer.mjs) serves VS Code, Debian's
 * Chromium (through playwright-core) opens it, and the extension under development is a staged copy of
 * this one whose manifest has no `main`: code-server runs an extension with a `main` in its Node extension
 * host, one with only a `browser` entry in the page's web worker, as vscode.dev does. The suite's bundle
 * lies inside the staged extension, so VS Code runs it in the same host.
 *
 *   node --import tsx test/web/runWeb.ts       (npm run test:web builds the bundles first)
 *
 * Environment: RUNBOOK_NOTES_CODE_SERVER_DIR, RUNBOOK_NOTES_CHROMIUM, RUNBOOK_NOTES_TEST_GREP,
 * RUNBOOK_NOTES_VERBOSE=1, RUNBOOK_NOTES_KEEP_TEMP=1 as for test/integration/runOffline.ts;
 * RUNBOOK_NOTES_WEB_TIMEOUT: seconds for the whole run (default 300).
 *
 * Output: mocha's report on stdout; screenshots in out/web/screenshots/; logs in out/web/ (code-server's
 * output, everything codeAutomationLog got, the browser console). Exit code: the tests' (0 when all
 * pass), 1 when the run itself failed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../chromium';
import { CODE_SERVER_VERSION, codeServerDir, freePort, serverEnv, WORKBENCH_NOISE, webviewFrame } from '../codeServer';
import { decodeRequest, REQUEST_ID, REQUEST_MARKER, SCREENSHOT_NAME, SUITE_DONE_MARKER, SUITE_START_MARKER, type RunnerAnswer, type RunnerRequest, type SuiteResult } from '../integration/protocol';
import { WEB_SUITE_CONSTANT, type CliReport, type WebSuiteConfig } from './config';

const root = resolve(__dirname, '../..');
const examples = join(root, 'test/fixtures/examples');
const logDir = join(root, 'out/web');
const screenshotDir = join(logDir, 'screenshots');
const verbose = process.env.RUNBOOK_NOTES_VERBOSE === '1';
const timeoutSeconds = Number(process.env.RUNBOOK_NOTES_WEB_TIMEOUT || 300);
/** What the staged extension holds besides its manifest: the browser bundle and the files the manifest names. */
const STAGED_FILES = ['dist/web/extension.js', 'dist/web/extension.js.map', 'dist/runbook-notes.schema.json', 'media', 'snippets', 'syntaxes', 'images/icon.png'];

/** A failure of the run itself (not of a test): printed as is, exit code 1. */
class RunError extends Error {}

const say = (message: string) => console.log(`[runWeb] ${message}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The CLI's report on the workspace copy, made where the editor will open it (the same root, no Git repository above). */
function cliReport(workspace: string): CliReport {
  const result = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'lint', '--format', 'json', '.'], { cwd: workspace, encoding: 'utf8' });
  // Exit code 1 means findings at the failing severity; anything else is a failure of the CLI.
  if (result.status !== 0 && result.status !== 1) throw new RunError(`dist/cli.js lint failed (exit code ${result.status}): ${result.stderr}`);
  return JSON.parse(result.stdout) as CliReport;
}

/** A copy of the extension that VS Code can only run from its `browser` entry. */
function stageExtension(stage: string): void {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  if (manifest.browser !== './dist/web/extension.js') throw new RunError(`package.json "browser" is ${JSON.stringify(manifest.browser)}, expected "./dist/web/extension.js"`);
  delete manifest.main;
  mkdirSync(stage, { recursive: true });
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const file of STAGED_FILES) {
    if (existsSync(join(root, file))) cpSync(join(root, file), join(stage, file), { recursive: true });
    else if (!file.endsWith('.map')) throw new RunError(`${file} is missing: run npm run build`);
  }
}

/** Bundles the suite for the browser worker: CommonJS (what the host evaluates), with mocha's browser build and the run's configuration in it. */
async function buildSuite(outfile: string, config: WebSuiteConfig): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'test/web/suite/index.ts')],
    outfile,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    define: { [WEB_SUITE_CONSTANT]: JSON.stringify(config) },
    logLevel: 'warning',
  });
}

function startServer(dir: string, port: number, temp: string): { child: ChildProcess; ready: Promise<void>; log: string } {
  const userData = join(temp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(
    join(userData, 'User/settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'security.workspace.trust.enabled': false,
    }),
  );
  const config = join(temp, 'code-server.yaml');
  writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    join(dir, 'node_modules/code-server/out/node/entry.js'),
    ...['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust'],
    ...['--disable-getting-started-override', '--ignore-last-opened', '--user-data-dir', userData, '--extensions-dir', join(temp, 'extensions'), '--config', config],
  ];
  const log = join(logDir, 'code-server.log');
  writeFileSync(log, `$ ${process.execPath} ${args.join(' ')}\n`);
  // Detached: its own process group, so that the server and its extension host go together.
  const child = spawn(process.execPath, args, { cwd: temp, env: serverEnv(temp), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise<void>((resolveReady, reject) => {
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      appendFileSync(log, text);
      if (verbose) process.stdout.write(text.replace(/^(?=.)/gm, '[code-server] '));
      output += text;
      if (output.includes('HTTP server listening on')) resolveReady();
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    child.on('error', (error) => reject(new RunError(`code-server could not be started: ${error.message}`)));
    child.on('exit', (code, signal) => reject(new RunError(`code-server exited (${signal ?? `exit code ${code}`}); its output is in ${log}`)));
  });
  ready.catch(() => {});
  return { child, ready, log };
}

function stopServer(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Carries out a request of the suite on the page and writes its answer (under another name, then renamed). */
async function answer(page: Page, answers: string, request: RunnerRequest): Promise<void> {
  let result: RunnerAnswer;
  try {
    if (request.kind === 'screenshot') {
      if (!SCREENSHOT_NAME.test(request.name)) throw new Error(`bad screenshot name '${request.name}'`);
      const path = join(screenshotDir, `${request.name}.png`);
      await page.screenshot({ path, timeout: 20_000 });
      result = { value: path };
    } else if (request.target === 'workbench') result = { value: await page.evaluate(request.expression) };
    else result = { value: await (await webviewFrame(page, request.timeoutMs)).evaluate(request.expression) };
  } catch (error) {
    result = { error: (error as Error).message };
  }
  const file = join(answers, `${request.id}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(result) ?? JSON.stringify({ value: null }));
  renameSync(`${file}.tmp`, file);
}

async function main(): Promise<number> {
  const started = Date.now();
  const dir = codeServerDir();
  if (!existsSync(join(dir, 'node_modules/code-server/out/node/entry.js'))) throw new RunError(`code-server is not installed in ${dir}: run node scripts/installCodeServer.mjs`);
  if (!existsSync(CHROMIUM_EXECUTABLE)) throw new RunError(`no browser at ${CHROMIUM_EXECUTABLE}: apt-get install -y chromium (or set RUNBOOK_NOTES_CHROMIUM)`);
  if (!existsSync(join(root, 'dist/cli.js'))) throw new RunError('dist/cli.js is missing: run npm run build');

  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'runbook-notes-web-'));
  const workspace = join(temp, 'workspace');
  const stage = join(temp, 'extension');
  const answers = join(temp, 'answers');
  cpSync(examples, workspace, { recursive: true });
  mkdirSync(answers);
  stageExtension(stage);
  const grep = process.env.RUNBOOK_NOTES_TEST_GREP;
  await buildSuite(join(stage, 'web-test/index.js'), { cli: cliReport(workspace), answersPath: answers, ...(grep ? { grep } : {}) });

  let server: ReturnType<typeof startServer> | undefined;
  let browser: Browser | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    if (server) stopServer(server.child);
    if (process.env.RUNBOOK_NOTES_KEEP_TEMP === '1') say(`kept ${temp}`);
    else rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void cleanup().finally(() => process.exit(130)));

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RunError(`timed out after ${timeoutSeconds} s (RUNBOOK_NOTES_WEB_TIMEOUT)`)), timeoutSeconds * 1000);
  });
  try {
    const port = await freePort();
    server = startServer(dir, port, temp);
    await Promise.race([server.ready, timeout]);
    say(`code-server ${CODE_SERVER_VERSION} listening on 127.0.0.1:${port} (${seconds(started)})`);

    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: CHROMIUM_ARGS, timeout: 60_000, handleSIGINT: false, handleSIGTERM: false });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 })).newPage();
    const browserLog = join(logDir, 'browser-console.log');
    page.on('console', (message) => appendFileSync(browserLog, `[${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => appendFileSync(browserLog, `[pageerror] ${error.stack ?? error.message}\n`));

    let suiteResult: SuiteResult | undefined;
    let suiteStarted = false;
    let requests = Promise.resolve();
    let reportExit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolveExit) => (reportExit = resolveExit));
    const automationLog = join(logDir, 'automation.log');
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      appendFileSync(automationLog, `[${type}] ${text}\n`);
      if (text.includes(REQUEST_MARKER)) {
        const request = decodeRequest(text);
        if (request && REQUEST_ID.test(request.id)) requests = requests.then(() => answer(page, answers, request));
        else say(`unreadable request from a test: ${text}`);
      } else if (text.includes(SUITE_START_MARKER)) suiteStarted = true;
      else if (text.includes(SUITE_DONE_MARKER)) suiteResult = JSON.parse(text.slice(text.indexOf(SUITE_DONE_MARKER) + SUITE_DONE_MARKER.length)) as SuiteResult;
      else if (verbose || (suiteStarted && !WORKBENCH_NOISE.test(text))) (type === 'error' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => reportExit(code));

    const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(stage)],
      ['extensionTestsPath', remote(join(stage, 'web-test/index'))],
      ['skipWelcome', 'true'],
    ];
    const folder = encodeURIComponent(workspace).replace(/%2F/g, '/');
    await page.goto(`http://127.0.0.1:${port}/?folder=${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    say('browser open, waiting for the workbench and the web worker extension host');
    const crashed = new Promise<never>((_, reject) => {
      page.on('crash', () => reject(new RunError('the VS Code page crashed (out of memory?)')));
      browser!.on('disconnected', () => reject(new RunError('the browser closed before the suite finished')));
    });
    crashed.catch(() => {});
    const code = await Promise.race([exited, timeout, crashed]);
    await requests;
    const result = suiteResult as SuiteResult | undefined;
    if (!result) throw new RunError(`the extension host exited (code ${code}) before the suite reported its result (see ${logDir}/automation.log)`);
    const exitCode = result.failures > 0 && code === 0 ? 1 : code;
    say(`${result.passes} passed, ${result.failures} failed, ${result.pending} pending; exit code ${exitCode}; ${seconds(started)} in all`);
    return exitCode;
  } finally {
    clearTimeout(timer);
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`FAILED: ${error instanceof RunError ? error.message : ((error as Error).stack ?? String(error))}`);
    process.exit(1);
  },
);
