/**
 * The command-line linters the benchmark compares, each started as a fresh node process the way
 * a user or CI starts it, timed on the wall clock, with its peak memory taken by a preloaded
 * script (maxRss.mjs). Output goes to files, not pipes: a linter reporting tens of thousands of
 * findings must not be slowed down, or sped up, by how the benchmark reads them.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(__dirname, '..');
/** The bundles as shipped (minified), which `npm run bench` builds here: dist/ holds the development build the tests read. */
export const BUNDLES = path.join(ROOT, 'bench', 'dist');
const requireFromRoot = createRequire(path.join(ROOT, 'package.json'));
const MAX_RSS_PRELOAD = pathToFileURL(path.join(__dirname, 'maxRss.mjs')).href;

export type ToolName = 'ours' | 'markdownlint-cli2' | 'remark';

export interface Tool {
  name: ToolName;
  /** The JavaScript file node runs. */
  entry: string;
  /** Arguments that lint `target` (a folder or one file), run from `cwd`. */
  args(target: string): string[];
  /** Exit codes of a completed run: "no problems" and "problems found". Anything else is a failure. */
  okExitCodes: readonly number[];
}

/**
 * A package's package.json as node would find the package from the project root. Not
 * `require.resolve('<name>/package.json')`: packages with an `exports` map (markdownlint-cli2)
 * do not export it.
 */
function packageManifestPath(name: string): string {
  for (const folder of requireFromRoot.resolve.paths(name) ?? []) {
    const candidate = path.join(folder, name, 'package.json');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot find the package ${name}: run npm install`);
}

/** The entry point a package declares as its command `bin`, resolved from the project's own node_modules. */
function packageBin(name: string, command: string): string {
  const manifestPath = packageManifestPath(name);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[command];
  if (!bin) throw new Error(`${name} declares no '${command}' command in its package.json`);
  return path.resolve(path.dirname(manifestPath), bin);
}

/** A plugin's entry for `remark --use`: an absolute path, because the corpus folder (remark's cwd) has no node_modules. */
function pluginPath(name: string): string {
  return requireFromRoot.resolve(name);
}

export function tools(): Record<ToolName, Tool> {
  const ourCli = path.join(BUNDLES, 'cli.js');
  if (!existsSync(ourCli)) throw new Error(`${ourCli} is missing: run node scripts/build.mjs --production --outdir bench/dist first (npm run bench does)`);
  const remarkPlugins = ['remark-preset-lint-recommended', 'remark-frontmatter'].flatMap((name) => ['--use', pluginPath(name)]);
  return {
    ours: {
      name: 'ours',
      entry: ourCli,
      args: (target) => ['lint', target, '--format', 'json'],
      okExitCodes: [0, 1],
    },
    // Its default configuration: no .markdownlint* file exists in the corpus or above it.
    'markdownlint-cli2': {
      name: 'markdownlint-cli2',
      entry: packageBin('markdownlint-cli2', 'markdownlint-cli2'),
      // A folder is given as a glob of the Markdown files under it, as its documentation does.
      args: (target) => [target.endsWith('.md') ? target : `${target}/**/*.md`],
      okExitCodes: [0, 1],
    },
    // --quiet reports only files with messages; --no-stdout keeps it from printing the files themselves.
    remark: {
      name: 'remark',
      entry: packageBin('remark-cli', 'remark'),
      args: (target) => [target, '--quiet', '--no-stdout', '--no-color', ...remarkPlugins],
      okExitCodes: [0, 1],
    },
  };
}

export interface NodeRun {
  /** Wall time from spawn to exit. */
  ms: number;
  exitCode: number;
  /** Peak resident set size of the process, in bytes. */
  maxRssBytes?: number;
  stdout: string;
}

export interface NodeCommand {
  /** Names the output files in `scratch` and the process in error messages. */
  label: string;
  /** Options for node itself, before the script. */
  nodeOptions?: readonly string[];
  script: string;
  args: readonly string[];
  cwd: string;
  okExitCodes: readonly number[];
}

/**
 * Runs a node script in a fresh process and times it from spawn to exit. Throws with the end of
 * its stderr when it fails (our CLI: exit code 2) or is killed after `timeoutMs`.
 */
export function runNode(command: NodeCommand, scratch: string, timeoutMs: number): NodeRun {
  const stdoutFile = path.join(scratch, `${command.label}.stdout`);
  const stderrFile = path.join(scratch, `${command.label}.stderr`);
  const rssFile = path.join(scratch, `${command.label}.maxrss`);
  rmSync(rssFile, { force: true });
  const stdout = openSync(stdoutFile, 'w');
  const stderr = openSync(stderrFile, 'w');
  let result: ReturnType<typeof spawnSync>;
  let ms: number;
  try {
    const start = performance.now();
    result = spawnSync(process.execPath, [...(command.nodeOptions ?? []), '--import', MAX_RSS_PRELOAD, command.script, ...command.args], {
      cwd: command.cwd,
      stdio: ['ignore', stdout, stderr],
      env: { ...process.env, BENCH_MAX_RSS_FILE: rssFile, NO_COLOR: '1' },
      timeout: timeoutMs,
    });
    ms = performance.now() - start;
  } finally {
    closeSync(stdout);
    closeSync(stderr);
  }
  const exitCode = result.status ?? -1;
  if (result.error || !command.okExitCodes.includes(exitCode)) {
    const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    const why = result.signal ? `was stopped (${result.signal}) after ${Math.round(ms / 1000)} s${timedOut ? ', its time limit' : ''}` : `exited with ${exitCode}`;
    const stderrTail = readFileSync(stderrFile, 'utf8').slice(-4000);
    throw new Error(`${command.label} ${why}: ${[command.script, ...command.args].join(' ')} (cwd ${command.cwd})${result.error ? `: ${result.error.message}` : ''}\n--- stderr (end) ---\n${stderrTail}`);
  }
  return {
    ms,
    exitCode,
    maxRssBytes: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : undefined,
    stdout: readFileSync(stdoutFile, 'utf8'),
  };
}

/** Runs a linter once on `target` (a folder or a file), from `cwd`. */
export function runTool(tool: Tool, target: string, cwd: string, scratch: string, timeoutMs: number): NodeRun {
  return runNode({ label: tool.name, script: tool.entry, args: tool.args(target), cwd, okExitCodes: tool.okExitCodes }, scratch, timeoutMs);
}
