/**
 * The properties every input must satisfy, as plain checks that throw an AssertionError naming the
 * property: the fast-check runs and the regression fixtures under test/fixtures/properties/ both
 * call them, so a shrunk counterexample saved as a fixture is checked exactly as it was found.
 *
 * P1 lint: linting never throws, no rule throws (an internal-error finding), nothing is printed
 *    (console, process warnings), and one lint takes less than HANG_LIMIT_MS.
 * P2 ranges: every diagnostic, fix edit and suggestion edit lies inside the text without its BOM
 *    (0 ≤ start ≤ end ≤ length), on a character boundary (never inside a surrogate pair or a
 *    CRLF), and each diagnostic's line/column are those of its offsets.
 * P3 fixes: one pass of compatible fixes changes nothing before the first edit or after the last,
 *    equals splicing each edit in from the end, and is what fixAll's first pass writes (so fixAll
 *    touches no text its diagnostics did not offer to fix); fixAll leaves no fixable finding and none of
 *    the fixed findings (rule and message), keeps the BOM and CRLF line ends, and a second fixAll
 *    changes nothing.
 * P4 incremental: linting successive versions of a note with one SectionCache gives the same
 *    kind, required fields, diagnostics (with their fixes and suggestions) and internal errors as
 *    linting each version without a cache.
 */
import { strict as assert } from 'node:assert';
import {
  applyEdits,
  compatibleFixes,
  fixAll,
  lintText,
  parseConfigText,
  resolveConfig,
  SectionCache,
  stripBom,
  type Diagnostic,
  type LintResult,
  type ResolvedConfig,
  type TextEdit,
} from '../../src/core';
import type { ConfigName, Target } from './noteGenerators';

export const NOW = new Date('2026-11-21T12:00:00Z');

/** A hang guard, not a benchmark: the slowest input of the default run (100,000-character lines, 180 KB notes) lints in about a second. */
export const HANG_LIMIT_MS = Number(process.env.FUZZ_HANG_MS) || 5_000;

const CUSTOM_CONFIG = parseConfigText(
  JSON.stringify({
    rules: { RN003: 'error', RN010: 'warning', 'review-stale': { maxAgeDays: 30 } },
    kinds: { 'alert-runbook': { include: ['alerts/**/*.md'], require: ['owner', 'meaning', 'mitigation', 'rollback'] } },
    fields: { meaning: { headings: ['meaning'] }, mitigation: { headings: ['mitigation', 'remediation'], keys: ['mitigation'] }, rollback: { headings: ['undo steps'] } },
  }),
  '/repo/.runbook-notes.json',
);

export const CONFIGS: Record<ConfigName, ResolvedConfig> = {
  default: resolveConfig([], '/repo'),
  custom: resolveConfig([{ config: CUSTOM_CONFIG, base: '/repo', file: '/repo/.runbook-notes.json' }], '/repo'),
};

export const PROPERTIES = ['P1 lint never throws, in bounded time', 'P2 ranges inside the text, on character boundaries', 'P3 fixes', 'P4 incremental = full'] as const;
export type PropertyName = (typeof PROPERTIES)[number];

/** What the runs tried: inputs linted, and how many times each property held. */
export const stats = {
  inputs: 0,
  lints: 0,
  held: Object.fromEntries(PROPERTIES.map((name) => [name, 0])) as Record<PropertyName, number>,
  /** Inputs on which fixAll applied at least one fix (P3 has something to check). */
  fixed: 0,
  slowestMs: 0,
  slowestLength: 0,
};

/**
 * Runs `action` with the console and process warnings captured: the core runs inside the editor
 * and in CI, where anything it prints lands in someone else's log.
 */
function silently<T>(action: () => T): { value: T; printed: string[] } {
  const printed: string[] = [];
  const saved = { emitWarning: process.emitWarning, log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  const record = (...args: unknown[]) => {
    printed.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(' '));
  };
  process.emitWarning = record as typeof process.emitWarning;
  console.log = console.info = console.warn = console.error = console.debug = record;
  try {
    return { value: action(), printed };
  } finally {
    Object.assign(console, { log: saved.log, info: saved.info, warn: saved.warn, error: saved.error, debug: saved.debug });
    process.emitWarning = saved.emitWarning;
  }
}

function lintTimed(text: string, target: Target, cache?: SectionCache): LintResult {
  const started = performance.now();
  const { value: result, printed } = silently(() => {
    try {
      return lintText(text, { path: target.path, config: CONFIGS[target.config], now: NOW, cache });
    } catch (error) {
      throw new Error(`[P1] lintText threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });
    }
  });
  const elapsed = performance.now() - started;
  assert.deepEqual(printed, [], '[P1] linting printed to the console or emitted a process warning');
  stats.lints++;
  if (elapsed > stats.slowestMs) {
    stats.slowestMs = elapsed;
    stats.slowestLength = text.length;
  }
  assert.ok(elapsed <= HANG_LIMIT_MS, `[P1] linting ${text.length} characters took ${Math.round(elapsed)} ms (limit ${HANG_LIMIT_MS} ms)`);
  assert.deepEqual(
    result.internalErrors.map((error) => `${error.ruleId} ${error.rule}: ${error.stack}`),
    [],
    '[P1] a rule threw (it became an internal-error finding)',
  );
  return result;
}

// ---------------------------------------------------------------------------------------------
// P2: ranges

/** Line starts computed here, not with the engine's LineIndex: CRLF, CR and LF each end a line. */
function lineStarts(text: string): number[] {
  const starts = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) starts.push(match.index + match[0].length);
  return starts;
}

function positionIn(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, column: offset - (starts[low] as number) };
}

/** Why an offset is not on a character boundary, or undefined when it is. */
function splits(text: string, offset: number): string | undefined {
  if (offset <= 0 || offset >= text.length) return undefined;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return 'inside a surrogate pair';
  if (before === 13 && after === 10) return 'between CR and LF';
  return undefined;
}

function checkSpan(text: string, start: number, end: number, what: string): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `[P2] ${what}: offsets are not integers`);
  assert.ok(start >= 0 && start <= end && end <= text.length, `[P2] ${what}: not inside the text (length ${text.length})`);
  for (const offset of [start, end]) {
    const problem = splits(text, offset);
    assert.ok(!problem, `[P2] ${what}: offset ${offset} is ${problem}`);
  }
}

function label(diagnostic: Diagnostic): string {
  return `${diagnostic.ruleId} "${diagnostic.message.slice(0, 100)}" [${diagnostic.start}, ${diagnostic.end})`;
}

function checkRanges(text: string, result: LintResult): void {
  const { text: body } = stripBom(text);
  if (result.note) assert.equal(result.note.text, body, '[P2] the parsed text is not the text without its BOM');
  const starts = lineStarts(body);
  for (const diagnostic of result.diagnostics) {
    const what = label(diagnostic);
    checkSpan(body, diagnostic.start, diagnostic.end, what);
    assert.deepEqual(diagnostic.range, { start: positionIn(starts, diagnostic.start), end: positionIn(starts, diagnostic.end) }, `[P2] ${what}: line/column do not match the offsets`);
    for (const remedy of [...(diagnostic.fix ? [diagnostic.fix] : []), ...diagnostic.suggestions]) {
      for (const edit of remedy.edits) checkSpan(body, edit.start, edit.end, `${what}, edit [${edit.start}, ${edit.end}) of "${remedy.title}"`);
      assert.doesNotThrow(() => applyEdits(body, remedy.edits), `[P2] ${what}: the edits of "${remedy.title}" do not apply`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// P3: fixes

/** Applies edits one by one from the end of the text: a second implementation to compare applyEdits with. */
function spliceFromEnd(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, order) => ({ edit, order })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.order - a.order);
  let result = text;
  for (const { edit } of ordered) result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}

const onlyCrlf = (text: string) => /\r\n/.test(text) && !/\r(?!\n)|(?<!\r)\n/.test(text);

function checkFixes(text: string, result: LintResult, lint: (text: string) => LintResult): void {
  const { bom, text: body } = stripBom(text);
  const fixes = compatibleFixes(result.diagnostics);
  let once = body;
  if (fixes.length > 0) {
    const edits = fixes.flatMap((fix) => fix.edits);
    once = applyEdits(body, edits);
    assert.equal(once, spliceFromEnd(body, edits), '[P3] one pass of fixes differs from splicing each edit in from the end');
    const first = Math.min(...edits.map((edit) => edit.start));
    const last = Math.max(...edits.map((edit) => edit.end));
    assert.equal(once.slice(0, first), body.slice(0, first), '[P3] a fix changed text before its first edit');
    assert.equal(once.slice(last + once.length - body.length), body.slice(last), '[P3] a fix changed text after its last edit');
  }
  // fixAll's first pass must apply exactly the fixes of the diagnostics the user saw for this text, where they saw them.
  const firstPass = fixAll(text, (input) => lint(input).diagnostics, 1);
  assert.equal(firstPass.text, (bom ? text.slice(0, 1) : '') + once, "[P3] fixAll's first pass is not the fixes of the text's own diagnostics");

  const fixed = fixAll(text, (input) => lint(input).diagnostics);
  assert.equal(fixed.text.charCodeAt(0) === 0xfeff, bom, '[P3] fixAll lost or added the byte order mark');
  if (fixed.applied === 0) {
    assert.equal(fixed.text, text, '[P3] fixAll changed the text without applying a fix');
    return;
  }
  stats.fixed++;
  const after = lint(fixed.text).diagnostics;
  assert.deepEqual(after.filter((diagnostic) => diagnostic.fix).map(label), [], '[P3] fixable findings remain after fixAll');
  const fixedFindings = new Set(result.diagnostics.filter((diagnostic) => diagnostic.fix).map((diagnostic) => `${diagnostic.ruleId} ${diagnostic.message}`));
  assert.deepEqual(after.filter((diagnostic) => fixedFindings.has(`${diagnostic.ruleId} ${diagnostic.message}`)).map(label), [], '[P3] a fixed finding is still reported after fixAll');
  if (onlyCrlf(body)) assert.ok(onlyCrlf(stripBom(fixed.text).text), '[P3] fixAll brought a bare LF or CR into a CRLF note');
  const again = fixAll(fixed.text, (input) => lint(input).diagnostics);
  assert.equal(again.applied, 0, '[P3] a second fixAll applied fixes again');
  assert.equal(again.text, fixed.text, '[P3] a second fixAll changed the text');
}

// ---------------------------------------------------------------------------------------------
// The checks

/** Properties P1 to P3 on one text. */
export function checkNote(text: string, target: Target): void {
  stats.inputs++;
  const lint = (input: string) => lintTimed(input, target);
  const result = lint(text);
  stats.held['P1 lint never throws, in bounded time']++;
  checkRanges(text, result);
  stats.held['P2 ranges inside the text, on character boundaries']++;
  checkFixes(text, result, lint);
  stats.held['P3 fixes']++;
}

/** What incremental and full linting must agree on (the parsed note itself is the cache's business). */
function comparable(result: LintResult) {
  return { isNote: result.isNote, kind: result.kind, required: result.required, diagnostics: result.diagnostics, internalErrors: result.internalErrors.map((error) => error.ruleId) };
}

/** Property P4 on successive versions of a note (P1 and P2 are checked on each version on the way). */
export function checkIncremental(versions: readonly string[], target: Target): void {
  const cache = new SectionCache();
  versions.forEach((text, index) => {
    stats.inputs++;
    const incremental = lintTimed(text, target, cache);
    const full = lintTimed(text, target);
    stats.held['P1 lint never throws, in bounded time']++;
    checkRanges(text, incremental);
    stats.held['P2 ranges inside the text, on character boundaries']++;
    assert.deepStrictEqual(comparable(incremental), comparable(full), `[P4] version ${index} of ${versions.length}: linting with the cache differs from linting without it`);
    stats.held['P4 incremental = full']++;
  });
}

export function summary(seconds: number): string {
  const held = PROPERTIES.map((name) => `${name}: ${stats.held[name]}`).join('; ');
  return `property tests: ${stats.inputs} inputs, ${PROPERTIES.length} properties held (${held}; fixes applied on ${stats.fixed} inputs); ${stats.lints} lints in ${seconds.toFixed(1)} s, slowest ${Math.round(stats.slowestMs)} ms (${stats.slowestLength} characters)`;
}
