/**
 * `npm run bench`: the performance figures of issue 5, side by side with markdownlint-cli2 and
 * remark-cli, on a generated corpus (see corpus.ts). Prints a Markdown table on stdout, progress
 * on stderr, and writes every raw figure with the machine's description as JSON.
 *
 *   npm run bench                      2,000 notes, 1 MiB and 10 MiB notes, a 5,000-row table
 *   npm run bench -- --quick           200 notes, 128 KiB and 512 KiB notes, a 1,000-row table
 *   options: --json PATH (default bench/results/latest.json, quick: bench/results/quick.json),
 *            --rounds N (runs of each measurement, default 3), --seed N, --keep (keep the corpus)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig } from '../src/core';
import { KIB, MIB, writeCorpus, type Corpus, type CorpusNote } from './corpus';
import { measureCorpus, measureKeystrokes, measureNote } from './inProcess';
import { alternate, formatBytes, median, progress } from './measure';
import { buildRows, machineInfo, markdownTable, type CliComparison, type Results, type Startup } from './report';
import { BUNDLES, runTool, tools, type Tool, type ToolName } from './tools';

const ROOT = path.resolve(__dirname, '..');

interface Profile {
  notes: number;
  /** A long note and one ten (quick: four) times its size: the scaling pair. */
  largeNoteBytes: [number, number];
  /** Which of the two the editor keystrokes are typed into: the 1 MB note of issue 5 (quick: the larger). */
  keystrokeNote: 0 | 1;
  tableRows: number;
  /** Stop repeating one tool on the largest note once its runs add up to this (one run at least). */
  largeNoteBudgetMs: number;
  /** The same for lint and parse of one long note: remark-parse on 10 MB takes minutes. */
  inProcessNoteBudgetMs: number;
  /** A CLI (or one-note) run that takes longer than this is stopped and reported as failed. */
  cliTimeoutMs: number;
}

const PROFILES: Record<'full' | 'quick', Profile> = {
  full: { notes: 2000, largeNoteBytes: [MIB, 10 * MIB], keystrokeNote: 0, tableRows: 5000, largeNoteBudgetMs: 180_000, inProcessNoteBudgetMs: 120_000, cliTimeoutMs: 900_000 },
  quick: { notes: 200, largeNoteBytes: [128 * KIB, 512 * KIB], keystrokeNote: 1, tableRows: 1000, largeNoteBudgetMs: 10_000, inProcessNoteBudgetMs: 5_000, cliTimeoutMs: 300_000 },
};
const KEYSTROKES = 50;
/** Rounds of the start-up measurement: a run is a few tens of milliseconds, and the median needs many. */
const STARTUP_ROUNDS = { full: 40, quick: 15 } as const;
const EXTENSION_LOADS = 5;

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      rounds: { type: 'string', default: '3' },
      seed: { type: 'string', default: '20261121' },
      keep: { type: 'boolean', default: false },
    },
  });
  const rounds = Number(values.rounds);
  const seed = Number(values.seed);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: expected a whole number, 1 or more; got '${values.rounds}'`);
  if (!Number.isInteger(seed)) throw new Error(`--seed: expected a whole number; got '${values.seed}'`);
  const mode = values.quick ? ('quick' as const) : ('full' as const);
  const json = path.resolve(values.json ?? path.join(ROOT, 'bench', 'results', mode === 'full' ? 'latest.json' : 'quick.json'));
  return { mode, rounds, seed, json, keep: values.keep };
}

/** Files that would change what one of the linters does if found in the corpus folder or above it. */
const CONFIG_FILES = ['.runbook-notes.json', '.markdownlint.json', '.markdownlint.jsonc', '.markdownlint.yaml', '.markdownlint.yml', '.markdownlint-cli2.jsonc', '.markdownlint-cli2.yaml', '.markdownlint-cli2.cjs', '.markdownlint-cli2.mjs', '.remarkrc', '.remarkrc.json', '.remarkrc.js', '.remarkrc.cjs', '.remarkrc.mjs', '.remarkrc.yaml', '.remarkrc.yml', '.remarkignore', 'package.json', '.gitignore'];

function configFilesAbove(folder: string): string[] {
  const found: string[] = [];
  for (let dir = folder; ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILES) if (existsSync(path.join(dir, name))) found.push(path.join(dir, name));
    if (path.dirname(dir) === dir) return found;
  }
}

function relative(corpus: Corpus, note: CorpusNote): string {
  return path.relative(corpus.root, note.path).split(path.sep).join('/');
}

/**
 * Times the CLIs on one target, alternating, and collects wall time and peak memory. Each tool
 * first runs once untimed on a small note, so that no tool's first timed run also pays for
 * reading its code from a cold disk.
 */
async function compareClis(corpus: Corpus, scratch: string, target: string, bytes: number, names: readonly ToolName[], rounds: number, profile: Profile, budgetMs?: number): Promise<CliComparison> {
  const all = tools();
  const chosen: Tool[] = names.map((name) => all[name]);
  const warmUp = relative(corpus, corpus.notes[0] as CorpusNote);
  for (const tool of chosen) runTool(tool, warmUp, corpus.root, scratch, profile.cliTimeoutMs);
  const rss = new Map<ToolName, number[]>(names.map((name) => [name, []]));
  const { samples, failures } = await alternate(
    chosen.map((tool) => ({
      name: tool.name,
      budgetMs,
      run: () => {
        const run = runTool(tool, target, corpus.root, scratch, profile.cliTimeoutMs);
        if (run.maxRssBytes !== undefined) rss.get(tool.name)?.push(run.maxRssBytes);
        return run.ms;
      },
    })),
    rounds,
    `CLI, ${target}`,
  );
  const comparison: CliComparison = { target, bytes, tools: {} };
  for (const name of names) {
    const taken = samples.get(name) ?? [];
    comparison.tools[name] = { samples: taken, medianMs: taken.length > 0 ? median(taken) : NaN, maxRssBytes: rss.get(name) ?? [], failure: failures.get(name) };
  }
  return comparison;
}

/**
 * Variables that change how long every node process takes to start: NODE_EXTRA_CA_CERTS alone
 * (a CA bundle read at start) made `node -e 0` 62 ms instead of 22 ms on the benchmark machine.
 */
const NODE_START_VARIABLES = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS', 'NODE_ICU_DATA', 'NODE_COMPILE_CACHE'];

/**
 * One-note and five-note runs of the shipped CLI against a bare node start, alternating in each
 * round; no preload (the peak-memory hook of the other CLI runs would weigh on a 50 ms run). The
 * first run, untimed, also writes the CLI's code cache, as a user's first run does. The environment is
 * the benchmark's own: when it sets NODE_START_VARIABLES, the report says so.
 */
function measureStartup(corpus: Corpus, rounds: number, environment: NodeJS.ProcessEnv = process.env): Startup {
  const cli = path.join(BUNDLES, 'cli.js');
  const notes = corpus.notes.slice(0, 5).map((note) => relative(corpus, note));
  const commands: Record<'bareNode' | 'oneNote' | 'fiveNotes', string[]> = { bareNode: ['-e', '0'], oneNote: [cli, 'lint', notes[0] as string], fiveNotes: [cli, 'lint', ...notes] };
  const time = (args: string[]) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { cwd: corpus.root, stdio: 'ignore', env: { ...environment, NO_COLOR: '1' } });
    if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} exited ${result.status}`);
    return performance.now() - start;
  };
  time(commands.oneNote);
  const samples = { bareNode: [] as number[], oneNote: [] as number[], fiveNotes: [] as number[] };
  for (let round = 0; round < rounds; round++) for (const key of Object.keys(commands) as (keyof typeof commands)[]) samples[key].push(time(commands[key]));
  const ratios = (key: 'oneNote' | 'fiveNotes') => median(samples[key].map((ms, round) => ms / (samples.bareNode[round] as number)));
  const nodeEnvironment = NODE_START_VARIABLES.filter((name) => environment[name]);
  progress(`CLI start-up${nodeEnvironment.length > 0 ? ` (with ${nodeEnvironment.join(', ')})` : ''}: node -e 0 ${median(samples.bareNode).toFixed(1)} ms, one note ${median(samples.oneNote).toFixed(1)} ms, five notes ${median(samples.fiveNotes).toFixed(1)} ms`);
  return {
    ...samples,
    bareNodeMs: median(samples.bareNode),
    oneNoteMs: median(samples.oneNote),
    fiveNotesMs: median(samples.fiveNotes),
    oneNoteRatio: ratios('oneNote'),
    fiveNotesRatio: ratios('fiveNotes'),
    nodeEnvironment,
  };
}

/**
 * Loads the extension bundle in fresh node processes (see loadExtension.mjs); undefined when it cannot be loaded that way.
 * `worker`: the browser bundle, evaluated as VS Code's browser worker extension host does.
 */
function measureExtensionLoad(bundle: string, worker = false): { samples: number[]; medianMs: number } | undefined {
  const samples: number[] = [];
  try {
    for (let i = 0; i < EXTENSION_LOADS; i++) {
      const args = [path.join(__dirname, 'loadExtension.mjs'), ...(worker ? ['--worker'] : []), bundle];
      const output = execFileSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      samples.push((JSON.parse(output) as { ms: number }).ms);
    }
  } catch (error) {
    progress(`extension: could not load ${bundle} with a stub vscode, skipped: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  return { samples, medianMs: median(samples) };
}

function fileSize(file: string): number | undefined {
  return existsSync(file) ? statSync(file).size : undefined;
}

async function main(): Promise<void> {
  const { mode, rounds, seed, json, keep } = options();
  const profile = PROFILES[mode];
  const machine = machineInfo();
  progress(`${mode} benchmark, seed ${seed}, ${rounds} rounds; node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadAverageAtStart.map((load) => load.toFixed(2)).join(' ')}`);
  if ((machine.loadAverageAtStart[0] ?? 0) > machine.cpus * 0.5) progress('warning: the machine is busy; other processes will skew the figures');

  const workspace = mkdtempSync(path.join(os.tmpdir(), 'runbook-notes-bench-'));
  const scratch = path.join(workspace, 'output');
  mkdirSync(scratch);
  try {
    progress(`corpus: writing ${profile.notes} notes, ${profile.largeNoteBytes.map(formatBytes).join(' and ')} notes and a ${profile.tableRows}-row table note to ${workspace}`);
    const corpus = writeCorpus(path.join(workspace, 'corpus'), { seed, notes: profile.notes, largeNoteBytes: profile.largeNoteBytes, tableRows: profile.tableRows });
    const strayConfig = configFilesAbove(corpus.root);
    if (strayConfig.length > 0) progress(`warning: configuration files above the corpus may change what the linters do: ${strayConfig.join(', ')}`);
    const noteBytes = corpus.notes.map((note) => note.bytes);
    const results: Results = {
      generatedAt: new Date().toISOString(),
      mode,
      seed,
      rounds,
      machine,
      corpus: {
        notes: corpus.notes.length,
        bytes: noteBytes.reduce((sum, bytes) => sum + bytes, 0),
        minNoteBytes: Math.min(...noteBytes),
        maxNoteBytes: Math.max(...noteBytes),
        meanFrontMatterBytes: Math.round(corpus.notes.reduce((sum, note) => sum + note.text.indexOf('\n---', 3) + 4, 0) / corpus.notes.length),
        largeNotes: corpus.largeNotes.map((note) => ({ name: relative(corpus, note), bytes: note.bytes })),
        tableNote: { name: relative(corpus, corpus.tableNote), rows: profile.tableRows, bytes: corpus.tableNote.bytes },
      },
      cli: {},
      inProcess: { notes: [] },
      editor: {},
    };
    progress(`corpus: ${corpus.notes.length} notes, ${formatBytes(results.corpus.bytes)} (${formatBytes(results.corpus.minNoteBytes)} to ${formatBytes(results.corpus.maxNoteBytes)}, front matter ${results.corpus.meanFrontMatterBytes} B on average)`);

    // 1. The CLIs, end to end. remark-cli is left out on the largest note: it takes minutes there (255 s on 10 MB).
    const notesFolder = path.relative(corpus.root, corpus.notesFolder);
    results.cli.notes = await compareClis(corpus, scratch, notesFolder, results.corpus.bytes, ['ours', 'markdownlint-cli2', 'remark'], rounds, profile);
    results.cli.startup = measureStartup(corpus, STARTUP_ROUNDS[mode]);
    // The same without the variables that slow every node start, when the benchmark's environment sets them.
    if (results.cli.startup.nodeEnvironment.length > 0) {
      const plain = Object.fromEntries(Object.entries(process.env).filter(([name]) => !NODE_START_VARIABLES.includes(name)));
      results.cli.startupPlain = measureStartup(corpus, STARTUP_ROUNDS[mode], plain);
    }
    const largest = corpus.largeNotes[1] as CorpusNote;
    results.cli.largeNote = await compareClis(corpus, scratch, relative(corpus, largest), largest.bytes, ['ours', 'markdownlint-cli2'], rounds, profile, profile.largeNoteBudgetMs);

    // 2. The engine in this process.
    const config = resolveConfig([], corpus.root.split(path.sep).join('/'));
    results.inProcess.corpus = await measureCorpus(corpus.notes, config, rounds);
    const singles: [string, CorpusNote][] = [
      ...corpus.largeNotes.map((note): [string, CorpusNote] => [`${formatBytes(note.bytes)} note`, note]),
      [`${profile.tableRows.toLocaleString('en-US')}-row table note (${formatBytes(corpus.tableNote.bytes)})`, corpus.tableNote],
    ];
    const setup = { configRoot: corpus.root, warmUp: corpus.notes[0] as CorpusNote, scratch, timeoutMs: profile.cliTimeoutMs };
    for (const [name, note] of singles) results.inProcess.notes.push(await measureNote(name, note, setup, rounds, profile.inProcessNoteBudgetMs));
    const keystrokeNote = corpus.largeNotes[profile.keystrokeNote] as CorpusNote;
    results.inProcess.keystrokes = measureKeystrokes(`${formatBytes(keystrokeNote.bytes)} note`, keystrokeNote, config, KEYSTROKES, seed);
    if (!results.inProcess.keystrokes.available) progress('in-process, keystrokes: n/a (the core exports no SectionCache)');
    results.inProcess.maxRssBytes = process.resourceUsage().maxRSS * 1024;

    // 3. The extension's share of activation, and the package.
    const bundle = path.join(BUNDLES, 'extension.js');
    results.editor.extensionBundleBytes = fileSize(bundle);
    results.editor.extensionLoad = measureExtensionLoad(bundle);
    const webBundle = path.join(BUNDLES, 'web/extension.js');
    results.editor.webBundleBytes = fileSize(webBundle);
    if (results.editor.webBundleBytes !== undefined) results.editor.webExtensionLoad = measureExtensionLoad(webBundle, true);
    results.editor.vsixBytes = fileSize(path.join(ROOT, 'runbook-notes.vsix'));

    results.machine.loadAverageAtEnd = os.loadavg();
    results.table = buildRows(results);
    mkdirSync(path.dirname(json), { recursive: true });
    writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
    progress(`wrote ${path.relative(process.cwd(), json)}`);
    console.log(`\n${mode === 'quick' ? 'Quick run (smaller corpus): ' : ''}node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${os.platform()}; median of ${rounds} alternating runs; load average ${machine.loadAverageAtStart[0]?.toFixed(2)} at start, ${results.machine.loadAverageAtEnd[0]?.toFixed(2)} at end.\n`);
    console.log(markdownTable(results.table));
    console.log('\nTimes are medians. ratio: ours / markdownlint-cli2 (/ remark) for the CLIs, lintText / remark-parse in process; for times, the median of the ratios within each round (each round runs the tools back to back). A run count in brackets: fewer runs, the time budget was spent.');
  } finally {
    if (keep) progress(`kept the corpus in ${workspace}`);
    else rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
