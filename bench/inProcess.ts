/**
 * The engine measured without process start or file reading: a full lint (`lintText`) against
 * the parse no Markdown linter avoids (remark-parse with front matter), on the same texts;
 * per-note latency; long notes (each measurement in a fresh process); and an editor keystroke
 * with the section cache.
 */
import path from 'node:path';
import * as core from '../src/core';
import { lintText, type LintOptions, type ResolvedConfig } from '../src/core';
import type { CorpusNote } from './corpus';
import { lintNote, parseMarkdown, posixPath } from './engines';
import { alternate, collectGarbage, formatMs, median, pairedRatio, percentile, progress, timeMs } from './measure';
import { Random } from './random';
import { runNode } from './tools';

export interface Timing {
  /** Every measurement, in milliseconds, in the order taken. */
  samples: number[];
  medianMs: number;
}

function timing(samples: readonly number[] | undefined): Timing {
  return { samples: [...(samples ?? [])], medianMs: samples && samples.length > 0 ? median(samples) : NaN };
}

export interface Latency {
  p50Ms: number;
  p95Ms: number;
}

export interface CorpusThroughput {
  notes: number;
  bytes: number;
  lint: Timing & { mibPerSecond: number; perNote: Latency };
  parse: Timing & { mibPerSecond: number; perNote: Latency };
  /** Median lint pass over median parse pass: what linting costs on top of parsing. */
  /** lint / parse: the median of the per-round ratios (see pairedRatio). */
  lintOverParse: number;
}

/**
 * Whole passes over the notes, lint and parse alternating, `rounds` of each. A note's latency is
 * the median of its times over the passes; p50 and p95 are taken over notes.
 */
export async function measureCorpus(notes: readonly CorpusNote[], config: ResolvedConfig, rounds: number): Promise<CorpusThroughput> {
  // Warm up the JIT on a slice of the notes, so the first timed pass is not also the compiler's.
  for (const note of notes.slice(0, 100)) {
    lintNote(note.text, note.path, config);
    parseMarkdown(note.text);
  }
  const perNote = { lint: notes.map((): number[] => []), parse: notes.map((): number[] => []) };
  const pass = (kind: 'lint' | 'parse') => () => {
    let total = 0;
    notes.forEach((note, index) => {
      const ms = timeMs(kind === 'lint' ? () => lintNote(note.text, note.path, config) : () => parseMarkdown(note.text));
      (perNote[kind][index] as number[]).push(ms);
      total += ms;
    });
    return total;
  };
  const { samples } = await alternate(
    [
      { name: 'lintText', run: pass('lint') },
      { name: 'remark-parse + frontmatter', run: pass('parse') },
    ],
    rounds,
    `in-process, ${notes.length} notes`,
  );
  const bytes = notes.reduce((sum, note) => sum + note.bytes, 0);
  const summarize = (passes: number[] | undefined, times: number[][]) => {
    const result = timing(passes);
    const noteMedians = times.map((noteTimes) => median(noteTimes));
    return { ...result, mibPerSecond: bytes / (1024 * 1024) / (result.medianMs / 1000), perNote: { p50Ms: percentile(noteMedians, 50), p95Ms: percentile(noteMedians, 95) } };
  };
  const lintSummary = summarize(samples.get('lintText'), perNote.lint);
  const parseSummary = summarize(samples.get('remark-parse + frontmatter'), perNote.parse);
  return { notes: notes.length, bytes, lint: lintSummary, parse: parseSummary, lintOverParse: pairedRatio(lintSummary.samples, parseSummary.samples) };
}

export interface SingleNote {
  name: string;
  bytes: number;
  lint: ChildTiming;
  parse: ChildTiming;
  lintOverParse: number;
}

export interface ChildTiming extends Timing {
  /** Peak resident set size of each run's process, in bytes. */
  maxRssBytes: number[];
  /** Why a run failed (it is not run again): a crash, or the time limit. */
  failure?: string;
}

export interface SingleNoteSetup {
  /** Folder the configuration is resolved for (the corpus root). */
  configRoot: string;
  /** A typical note each child process warms up on before timing. */
  warmUp: CorpusNote;
  scratch: string;
  timeoutMs: number;
}

/**
 * Lint and parse of one long note, alternating, each run in a fresh process (timeOneNote.ts). A
 * parse that grows with the square of the size can take minutes on a 10 MB note: `budgetMs`
 * caps the repetitions of each (one run at least).
 */
export async function measureNote(name: string, note: CorpusNote, setup: SingleNoteSetup, rounds: number, budgetMs: number): Promise<SingleNote> {
  const rss = { lint: [] as number[], parse: [] as number[] };
  const child = (task: 'lint' | 'parse') => () => {
    const run = runNode(
      {
        label: `${task}-one-note`,
        nodeOptions: ['--import', 'tsx'],
        script: path.join(__dirname, 'timeOneNote.ts'),
        args: [task, note.path, setup.configRoot, setup.warmUp.path],
        cwd: path.resolve(__dirname, '..'),
        okExitCodes: [0],
      },
      setup.scratch,
      setup.timeoutMs,
    );
    if (run.maxRssBytes !== undefined) rss[task].push(run.maxRssBytes);
    return (JSON.parse(run.stdout) as { ms: number }).ms;
  };
  const { samples, failures } = await alternate(
    [
      { name: 'lintText', run: child('lint'), budgetMs },
      { name: 'remark-parse + frontmatter', run: child('parse'), budgetMs },
    ],
    rounds,
    `one process per run, ${name}`,
  );
  const lintTiming = { ...timing(samples.get('lintText')), maxRssBytes: rss.lint, failure: failures.get('lintText') };
  const parseTiming = { ...timing(samples.get('remark-parse + frontmatter')), maxRssBytes: rss.parse, failure: failures.get('remark-parse + frontmatter') };
  return { name, bytes: note.bytes, lint: lintTiming, parse: parseTiming, lintOverParse: pairedRatio(lintTiming.samples, parseTiming.samples) };
}

export interface Keystrokes {
  /** False when the engine has no SectionCache yet: nothing was measured. */
  available: boolean;
  note?: string;
  keystrokes?: number;
  /** The first lint with an empty cache. */
  coldMs?: number;
  samples?: number[];
  medianMs?: number;
  p95Ms?: number;
  /** Whether the last cached lint gave exactly the diagnostics of a lint without the cache. */
  matchesFullLint?: boolean;
}

/**
 * An editor session on a long note: lint once to fill the section cache, then type `count`
 * characters, one at a time at pseudo-random places in the body, re-linting with the cache
 * after each, as the editor does after its debounce.
 */
export function measureKeystrokes(name: string, note: CorpusNote, config: ResolvedConfig, count: number, seed: number): Keystrokes {
  // Written against the cache API being added to the core (`new SectionCache()`, passed as
  // `cache` in the lint options); looked up by name so that this file compiles before it lands.
  const SectionCache = Reflect.get(core, 'SectionCache') as (new () => unknown) | undefined;
  if (typeof SectionCache !== 'function') return { available: false };
  const cache = new SectionCache();
  const options = { path: posixPath(note.path), config, cache } as LintOptions;
  const random = new Random(seed);
  const bodyStart = note.text.indexOf('\n---', 3) + 4;
  let text = note.text;
  const coldMs = timeMs(() => lintText(text, options));
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const offset = random.int(bodyStart, text.length);
    text = `${text.slice(0, offset)}${random.pick(['e', 't', 'a', ' ', 'o'])}${text.slice(offset)}`;
    samples.push(timeMs(() => lintText(text, options)));
  }
  collectGarbage();
  const cached = JSON.stringify(lintText(text, options).diagnostics);
  const full = JSON.stringify(lintText(text, { path: posixPath(note.path), config }).diagnostics);
  const result = { available: true, note: name, keystrokes: count, coldMs, samples, medianMs: median(samples), p95Ms: percentile(samples, 95), matchesFullLint: cached === full };
  progress(`in-process, keystrokes in ${name}: median ${formatMs(result.medianMs)}, p95 ${formatMs(result.p95Ms)} (first lint ${formatMs(coldMs)})${cached === full ? '' : '; DIFFERS from a full lint'}`);
  return result;
}
