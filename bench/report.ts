/** The benchmark's results: their shape (written as JSON), the targets of issue 5, and the Markdown table. */
import os from 'node:os';
import type { ChildTiming, CorpusThroughput, Keystrokes, SingleNote } from './inProcess';
import { formatBytes, formatMs, pairedRatio } from './measure';
import type { ToolName } from './tools';

export interface ToolTiming {
  /** Wall time of each run, in milliseconds, in the order taken. */
  samples: number[];
  medianMs: number;
  /** Peak resident set size of each run's process, in bytes. */
  maxRssBytes: number[];
  /** Why the tool failed, when it did: its figures are then missing. */
  failure?: string;
}

export interface CliComparison {
  target: string;
  bytes: number;
  tools: Partial<Record<ToolName, ToolTiming>>;
}

export interface Results {
  generatedAt: string;
  mode: 'full' | 'quick';
  seed: number;
  rounds: number;
  machine: {
    node: string;
    platform: string;
    release: string;
    arch: string;
    cpus: number;
    cpuModel: string;
    memoryBytes: number;
    /** 1, 5 and 15 minute load averages: another busy process on the machine skews every figure. */
    loadAverageAtStart: number[];
    loadAverageAtEnd?: number[];
  };
  corpus: {
    notes: number;
    bytes: number;
    minNoteBytes: number;
    maxNoteBytes: number;
    meanFrontMatterBytes: number;
    largeNotes: { name: string; bytes: number }[];
    tableNote: { name: string; rows: number; bytes: number };
  };
  /** `startupPlain`: the start-up runs again without the variables that slow every node start, when `startup` had them. */
  cli: { notes?: CliComparison; largeNote?: CliComparison; startup?: Startup; startupPlain?: Startup };
  inProcess: {
    corpus?: CorpusThroughput;
    notes: SingleNote[];
    keystrokes?: Keystrokes;
    /** Peak resident set size of the benchmark's own process after the in-process part (long notes are measured in child processes), in bytes. */
    maxRssBytes?: number;
  };
  editor: {
    extensionBundleBytes?: number;
    /** Median time to load and evaluate the minified extension bundle (bench/dist/extension.js) in a fresh node with a stub `vscode` (activate() not called). */
    extensionLoad?: { samples: number[]; medianMs: number };
    /** The browser bundle (bench/dist/web/extension.js): its size, and the median time to compile and evaluate it as the browser worker extension host does (stub `vscode`, activate() not called). */
    webBundleBytes?: number;
    webExtensionLoad?: { samples: number[]; medianMs: number };
    vsixBytes?: number;
  };
  table?: Row[];
}

/**
 * Small runs, as a pre-commit hook makes them: `runbook-notes lint` on one note and on five, each
 * against a bare `node -e 0` start measured in the same rounds (alternating, fresh processes, no
 * preload). Medians in milliseconds; the ratios are medians of the per-round ratios.
 */
export interface Startup {
  bareNode: number[];
  oneNote: number[];
  fiveNotes: number[];
  bareNodeMs: number;
  oneNoteMs: number;
  fiveNotesMs: number;
  oneNoteRatio: number;
  fiveNotesRatio: number;
  /** Variables of the environment that change every node process's start (NODE_OPTIONS, NODE_EXTRA_CA_CERTS…), set for these runs: the bare start they are compared with includes them. */
  nodeEnvironment: string[];
}

export function machineInfo(): Results['machine'] {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: os.platform(),
    release: os.release(),
    arch: os.arch(),
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    loadAverageAtStart: os.loadavg(),
  };
}

export interface Row {
  what: string;
  ours: string;
  markdownlint: string;
  remark: string;
  ratio: string;
  target: string;
  /** true, false, or undefined when there is no target or nothing was measured. */
  met?: boolean;
}

const NONE = '—';

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : undefined;
}

/** Ours against another tool: the median of the per-round ratios (see pairedRatio); undefined when either failed. */
function timeRatio(ours: ToolTiming | undefined, other: ToolTiming | undefined): number | undefined {
  if (!ours || !other || ours.failure || other.failure) return undefined;
  const value = pairedRatio(ours.samples, other.samples);
  return Number.isFinite(value) ? value : undefined;
}

function formatRatio(value: number | undefined): string {
  return value === undefined ? NONE : `${value.toFixed(2)}×`;
}

function runs(samples: readonly unknown[], rounds: number): string {
  return samples.length < rounds ? ` (${samples.length} run${samples.length === 1 ? '' : 's'})` : '';
}

function toolTime(timing: ToolTiming | undefined, rounds: number): string {
  if (!timing) return 'not run';
  if (timing.failure) return 'failed';
  return `${formatMs(timing.medianMs)}${runs(timing.samples, rounds)}`;
}

function childTiming(timing: ChildTiming, rounds: number): string {
  if (timing.failure) return 'failed';
  const peak = timing.maxRssBytes.length > 0 ? Math.max(...timing.maxRssBytes) : undefined;
  return `${formatMs(timing.medianMs)}${runs(timing.samples, rounds)} · ${memory(peak)}`;
}

function peakMemory(timing: { maxRssBytes: number[] } | undefined): number | undefined {
  return timing && timing.maxRssBytes.length > 0 ? Math.max(...timing.maxRssBytes) : undefined;
}

function memory(bytes: number | undefined): string {
  return bytes === undefined ? NONE : formatBytes(bytes);
}

/** The table: one row per figure, with issue 5's target where it sets one. */
export function buildRows(results: Results): Row[] {
  const rows: Row[] = [];
  const { rounds } = results;
  const [smallNote, largeNote] = results.corpus.largeNotes;
  const notesLabel = `${results.corpus.notes.toLocaleString('en-US')} notes (${formatBytes(results.corpus.bytes)})`;

  const cliNotes = results.cli.notes;
  if (cliNotes) {
    const { ours, 'markdownlint-cli2': markdownlint, remark } = cliNotes.tools;
    const vsMarkdownlint = timeRatio(ours, markdownlint);
    const vsRemark = timeRatio(ours, remark);
    rows.push({
      what: `CLI, ${notesLabel}, wall time`,
      ours: toolTime(ours, rounds),
      markdownlint: toolTime(markdownlint, rounds),
      remark: toolTime(remark, rounds),
      ratio: `${formatRatio(vsMarkdownlint)} / ${formatRatio(vsRemark)}`,
      // The target is set for 2,000 notes: on the quick corpus, worker start-up and JIT warm-up weigh far more.
      target: results.mode === 'full' ? '≤ 0.35× markdownlint-cli2' : '≤ 0.35× on 2,000 notes (full run only)',
      met: vsMarkdownlint === undefined || results.mode !== 'full' ? undefined : vsMarkdownlint <= 0.35,
    });
    rows.push({
      what: `CLI, ${notesLabel}, peak memory`,
      ours: memory(peakMemory(ours)),
      markdownlint: memory(peakMemory(markdownlint)),
      remark: memory(peakMemory(remark)),
      ratio: `${formatRatio(ratio(peakMemory(ours), peakMemory(markdownlint)))} / ${formatRatio(ratio(peakMemory(ours), peakMemory(remark)))}`,
      target: NONE,
    });
  }
  for (const startup of [results.cli.startup, results.cli.startupPlain]) {
    if (!startup) continue;
    const environment =
      startup.nodeEnvironment.length > 0 ? ` (with ${startup.nodeEnvironment.join(', ')} set)` : startup === results.cli.startupPlain ? ` (without ${results.cli.startup?.nodeEnvironment.join(', ')})` : '';
    rows.push({
      what: `CLI, one note (a pre-commit run), wall time; bare \`node -e 0\`: ${formatMs(startup.bareNodeMs)}${environment}`,
      ours: formatMs(startup.oneNoteMs),
      markdownlint: NONE,
      remark: NONE,
      ratio: `${startup.oneNoteRatio.toFixed(2)}× node`,
      target: '≤ 1.6× node -e 0',
      met: startup.oneNoteRatio <= 1.6,
    });
    rows.push({ what: 'CLI, five notes, wall time', ours: formatMs(startup.fiveNotesMs), markdownlint: NONE, remark: NONE, ratio: `${startup.fiveNotesRatio.toFixed(2)}× node`, target: NONE });
  }
  const cliLarge = results.cli.largeNote;
  if (cliLarge) {
    const { ours, 'markdownlint-cli2': markdownlint } = cliLarge.tools;
    const vsMarkdownlint = timeRatio(ours, markdownlint);
    const label = `CLI, ${formatBytes(cliLarge.bytes)} note`;
    rows.push({
      what: `${label}, wall time`,
      ours: toolTime(ours, rounds),
      markdownlint: toolTime(markdownlint, rounds),
      remark: 'not run',
      ratio: formatRatio(vsMarkdownlint),
      target: results.mode === 'full' ? '< 0.25× markdownlint-cli2' : '< 0.25× on 10 MiB (full run only)',
      met: vsMarkdownlint === undefined || results.mode !== 'full' ? undefined : vsMarkdownlint < 0.25,
    });
    rows.push({
      what: `${label}, peak memory`,
      ours: memory(peakMemory(ours)),
      markdownlint: memory(peakMemory(markdownlint)),
      remark: NONE,
      ratio: formatRatio(ratio(peakMemory(ours), peakMemory(markdownlint))),
      target: NONE,
    });
  }

  const corpus = results.inProcess.corpus;
  if (corpus) {
    rows.push({
      what: `in-process, ${notesLabel}: lintText vs remark-parse + frontmatter (remark column), throughput`,
      ours: `${formatMs(corpus.lint.medianMs)} (${corpus.lint.mibPerSecond.toFixed(2)} MiB/s)`,
      markdownlint: NONE,
      remark: `${formatMs(corpus.parse.medianMs)} (${corpus.parse.mibPerSecond.toFixed(2)} MiB/s)`,
      ratio: formatRatio(corpus.lintOverParse),
      target: 'lint / parse ≤ 1.15×',
      met: Number.isFinite(corpus.lintOverParse) ? corpus.lintOverParse <= 1.15 : undefined,
    });
    rows.push({
      what: 'in-process, per-note latency p50 / p95',
      ours: `${formatMs(corpus.lint.perNote.p50Ms)} / ${formatMs(corpus.lint.perNote.p95Ms)}`,
      markdownlint: NONE,
      remark: `${formatMs(corpus.parse.perNote.p50Ms)} / ${formatMs(corpus.parse.perNote.p95Ms)}`,
      ratio: formatRatio(ratio(corpus.lint.perNote.p50Ms, corpus.parse.perNote.p50Ms)),
      target: NONE,
    });
  }
  for (const note of results.inProcess.notes) {
    rows.push({
      what: `${note.name}, own process per run: lintText vs remark-parse + frontmatter, time · peak memory`,
      ours: childTiming(note.lint, rounds),
      markdownlint: NONE,
      remark: childTiming(note.parse, rounds),
      ratio: formatRatio(note.lintOverParse),
      target: NONE,
    });
  }
  const lintSmall = results.inProcess.notes.find((note) => note.bytes === smallNote?.bytes);
  const lintLarge = results.inProcess.notes.find((note) => note.bytes === largeNote?.bytes);
  if (smallNote && largeNote && lintSmall && lintLarge) {
    const growth = ratio(lintLarge.lint.medianMs, lintSmall.lint.medianMs);
    // The target is linear growth: the time ratio may not exceed the size ratio (10× for 1 MB → 10 MB).
    const sizeRatio = Math.round(largeNote.bytes / smallNote.bytes);
    rows.push({
      what: `scaling: lintText ${formatBytes(largeNote.bytes)} / ${formatBytes(smallNote.bytes)} note`,
      ours: formatRatio(growth),
      markdownlint: NONE,
      remark: `parse: ${formatRatio(ratio(lintLarge.parse.medianMs, lintSmall.parse.medianMs))}`,
      ratio: formatRatio(growth),
      target: `≤ ${sizeRatio}× (linear)`,
      met: growth === undefined ? undefined : growth <= sizeRatio,
    });
  }
  const keystrokes = results.inProcess.keystrokes;
  if (keystrokes) {
    rows.push({
      what: keystrokes.available ? `editor keystroke in the ${keystrokes.note}, section cache, median / p95 of ${keystrokes.keystrokes}` : 'editor keystroke (section cache)',
      ours: keystrokes.available ? `${formatMs(keystrokes.medianMs ?? NaN)} / ${formatMs(keystrokes.p95Ms ?? NaN)}${keystrokes.matchesFullLint ? '' : ' (differs from a full lint!)'}` : 'n/a (no SectionCache)',
      markdownlint: NONE,
      remark: NONE,
      ratio: NONE,
      target: 'p95 < 50 ms',
      met: keystrokes.available && keystrokes.p95Ms !== undefined ? keystrokes.p95Ms < 50 && keystrokes.matchesFullLint === true : undefined,
    });
  }
  if (results.inProcess.maxRssBytes !== undefined) {
    rows.push({ what: 'in-process, peak memory of the benchmark process (its lint and parse passes, keystrokes)', ours: memory(results.inProcess.maxRssBytes), markdownlint: NONE, remark: NONE, ratio: NONE, target: NONE });
  }
  const { editor } = results;
  if (editor.extensionLoad) {
    rows.push({
      what: `extension: load + evaluate the shipped (minified) extension.js (${memory(editor.extensionBundleBytes)}, stub vscode, activate() not called)`,
      ours: formatMs(editor.extensionLoad.medianMs),
      markdownlint: NONE,
      remark: NONE,
      ratio: NONE,
      target: 'activation < 50 ms',
      met: editor.extensionLoad.medianMs < 50,
    });
  }
  if (editor.webExtensionLoad) {
    rows.push({
      what: `web extension: compile + evaluate the shipped (minified) web/extension.js as the browser worker host does (${memory(editor.webBundleBytes)}, stub vscode, activate() not called)`,
      ours: formatMs(editor.webExtensionLoad.medianMs),
      markdownlint: NONE,
      remark: NONE,
      ratio: NONE,
      target: 'activation < 50 ms',
      met: editor.webExtensionLoad.medianMs < 50,
    });
  }
  rows.push({
    what: '.vsix size',
    ours: editor.vsixBytes === undefined ? 'n/a (no runbook-notes.vsix: npm run package)' : memory(editor.vsixBytes),
    markdownlint: NONE,
    remark: NONE,
    ratio: NONE,
    target: '< 1 MiB',
    met: editor.vsixBytes === undefined ? undefined : editor.vsixBytes < 1024 * 1024,
  });
  return rows;
}

function metLabel(met: boolean | undefined): string {
  return met === undefined ? NONE : met ? 'yes' : '**no**';
}

export function markdownTable(rows: readonly Row[]): string {
  const cells = (values: readonly string[]) => `| ${values.map((value) => value.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    cells(['what', 'ours', 'markdownlint-cli2', 'remark', 'ratio', 'target', 'met?']),
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map((row) => cells([row.what, row.ours, row.markdownlint, row.remark, row.ratio, row.target, metLabel(row.met)])),
  ].join('\n');
}
