/**
 * fast-check generators for the property tests: arbitrary text, the example notes under composable
 * mutations, and edit sequences aimed at the section splitter. Positions are fractions of the
 * current text's length, so one mutation applies to any text and shrinks towards its start.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { markdownFiles } from './cliHelpers';

const EXAMPLES_FOLDER = path.resolve(__dirname, '../fixtures/examples');

/** The example notes (each declares its `kind:`), with the path they would have in a repository at /repo. */
export const EXAMPLES: readonly { path: string; text: string }[] = markdownFiles(EXAMPLES_FOLDER).map((file) => ({
  path: `/repo/${path.relative(EXAMPLES_FOLDER, file).split(path.sep).join('/')}`,
  text: readFileSync(file, 'utf8'),
}));

/** Which configuration a target is linted with: the built-in one, or one with a custom kind, fields and rule options. */
export type ConfigName = 'default' | 'custom';

export interface Target {
  path: string;
  config: ConfigName;
}

/**
 * Paths that make arbitrary text a note of each kind (see BUILTIN_KINDS in src/core/kinds.ts),
 * one of a kind defined in configuration, and one that is a note only when the text declares a kind.
 */
export const TARGETS: readonly Target[] = [
  { path: '/repo/runbooks/x.md', config: 'default' },
  { path: '/repo/ops/restart.runbook.md', config: 'default' },
  { path: '/repo/changes/2026/x.md', config: 'default' },
  { path: '/repo/posts/x.md', config: 'default' },
  { path: '/repo/alerts/disk.md', config: 'custom' },
  { path: '/repo/runbooks/x.md', config: 'custom' },
  { path: '/repo/docs/x.md', config: 'default' },
];

export const target: fc.Arbitrary<Target> = fc.constantFrom(...TARGETS);

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const loneSurrogate = fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uD83D', '\uDE00');

/** Pieces of Markdown and front matter that change how the lines around them read. */
export const MARKDOWN_PIECES: readonly string[] = [
  '#', '# ', '## ', '###### ', '####### ', '\n', '\n\n', '\r\n', '\r', '---', '---\n', '...\n', '***\n', '===\n', '```', '```\n', '~~~\n', '````sh\n', '    ',
  '\t', '> ', '>', '- ', '* ', '+ ', '1. ', '1) ', '- [ ] ', '- [x] ', '[ ]', '<!--', '-->', '<!-- runbook-notes-disable -->\n', '<!-- runbook-notes-disable-next-line RN009 -->\n',
  '<!-- runbook-notes-enable -->', '<div>', '<div>\n', '</div>', '<script>', '</script>', '<?', '?>', '<![CDATA[', ']]>', '[x]: /url', '[x]: /url\n', '[x]', '![alt][x]', '![](a.png)',
  '![', '](', ')', '[', ']', '`', '``', '*', '**', '_', '__', '\\', '&amp;', '&#0;', '|', '| a | b |\n|---|---|\n', ':', 'Owner:', 'owner: ', '**Rollback:**', 'Rollback:\n', 'TODO',
  'TBD', 'N/A', '...', '<owner>', '## Rollback\n', '## Metrics\n', '## Checklist\n', 'Owner: @ops\n', 'kind: runbook\n', 'kind: post\n', 'onwer: "@a"\n', 'titel: x\n',
  'tools: fastapi\n', 'revision: { status: reviewed, last_reviewed: 2020-01-01 }\n', 'a: &a [x, x]\n', 'b: *a\n', ': :\n', '"', "'", '{', '}', '\u0000', '\uFEFF', '\u00A0',
  '\u2028', '\uD83D\uDE00', 'e\u0301', '\u200D',
];

const markdownPiece = fc.constantFrom(...MARKDOWN_PIECES);

/**
 * Arbitrary text: printable graphemes, any code point, raw UTF-16 code units (lone surrogates, NUL,
 * controls), and Markdown pieces mixed with them. `grapheme`/`binary` never produce a lone surrogate,
 * hence the code unit mix.
 */
export const arbitraryText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 300 }) },
  { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 200 }) },
  {
    weight: 4,
    arbitrary: fc.string({
      unit: fc.oneof({ weight: 6, arbitrary: markdownPiece }, { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }) }, { weight: 1, arbitrary: codeUnit }),
      maxLength: 80,
    }),
  },
);

// ---------------------------------------------------------------------------------------------
// Front matter: where the fixes (RN011, RN012) and the YAML positions (RN014) are

/** Front matter lines with a fix: a typo one edit from a known key (RN012), a list written as one string (RN011). */
const FIXABLE_LINES = ['onwer: "@ops"', 'titel: A title', 'tilte: y', 'sumary: x', 'tools: fastapi', 'tools: "git"', "stack: 'python'", 'tools: a, b', 'notes: one', 'files_touched: src/a.ts', 'dificulty: beginner', 'topc: x', 'ai_brif: x', 'stack: python', 'checklist: one'];
/** Valid lines, some of them placeholders, nested maps and lists, and what makes a fix unsafe (a second typo for the same key, the key already set). */
const VALID_LINES = [
  'kind: runbook', 'kind: change-note', 'kind: post', 'kind: runbok', 'owner: "@ops"', 'owner: TODO', 'owner:', 'ownr: x', 'title: x', 'stack: [python, go]', 'tools:', '  - git',
  'rollback: Revert.', 'metric: { name: p99, before: 1, after: 2 }', 'revision: { status: reviewed, last_reviewed: 2020-01-01 }', 'revision:', '  status: published',
  '  last_reviewed: 2099-01-01', 'score: { quality: 200 }', 'difficulty: impossible', 'reading_time: -1', 'checklist:', '  - [ ] x', 'a: &a [x, x]', 'b: *a', 'a: |', '  text',
  'summary: >-', 'x: 1 # comment', '# runbook-notes-disable-next-line RN012', 'key:\tvalue', 'owner: "@a\uD800"', 'title: \u0000', '',
];
/** Lines that break the YAML or make it something other than a map. */
const BROKEN_LINES = ['- a', 'hello', '"quoted', "'single", 'a: "x', 'a: [1, 2', 'a: {b: 1', 'c: !!binary x', '...', '---', '\t', ': :', '? complex', '[x]: 1'];

/** YAML pieces that nest or repeat when written many times on one line: deep flow collections, compact maps, aliases, tags. */
const DEEP_YAML_UNITS = [': ', 'a: ', '- ', '[', '{', '? ', '&a ', '*a ', '!!str ', '"', 'x', '#'];
/**
 * `? ` nests explicit keys, which the YAML library turns into strings at every level: time grows
 * with about the fourth power of the depth (400 take 13 s, 1,000 seven minutes; fixture
 * P1-yaml-explicit-key-nesting.json). Kept under 500, so that it fails the hang guard instead of
 * hanging the run; the other units go deep enough to overflow the stack (2,500 levels).
 */
const deepYamlLine = fc
  .record({ unit: fc.constantFrom(...DEEP_YAML_UNITS), times: fc.integer({ min: 1, max: 5_000 }) })
  .map(({ unit, times }) => unit.repeat(unit === '? ' ? Math.min(times, 450) : times));

/** A note built around generated front matter, with one line-end style (or a mix), and sometimes a BOM. */
export const frontMatterNote: fc.Arbitrary<string> = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
    lines: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...FIXABLE_LINES) },
        { weight: 5, arbitrary: fc.constantFrom(...VALID_LINES) },
        { weight: 1, arbitrary: fc.constantFrom(...BROKEN_LINES) },
        { weight: 1, arbitrary: fc.string({ unit: markdownPiece, maxLength: 4 }) },
        { weight: 1, arbitrary: deepYamlLine },
      ),
      { maxLength: 10 },
    ),
    // One in ten never closed (RN014, and the kind read from the raw YAML).
    closed: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    body: fc.array(fc.oneof(fc.constantFrom('# Title', '## Rollback', 'Revert.', '- [ ] task', 'Owner: @ops', 'TODO', '![](x.png)', '```', ''), fc.string({ unit: markdownPiece, maxLength: 4 })), { maxLength: 6 }),
    trailing: fc.boolean(),
  })
  .map(({ bom, eol, lines, closed, body, trailing }) => {
    const all = ['---', ...lines, ...(closed ? ['---'] : []), ...body];
    const ends = ['\n', '\r\n', '\r'];
    const text = all.map((line, index) => line + (index < all.length - 1 || trailing ? (eol === 'mixed' ? (ends[index % 3] as string) : eol) : '')).join('');
    return (bom ? '\uFEFF' : '') + text;
  });

// ---------------------------------------------------------------------------------------------
// Mutations of a note

/**
 * Where in the text: a fraction of its length, shrinking towards the start. Not fc.double, whose
 * values crowd near 0 (most of them below 1e-100): nearly every edit would land at offset 0.
 */
const at = fc.nat({ max: 1_000_000 }).map((n) => n / 1_000_000);

export type Mutation =
  | { op: 'insertText'; at: number; text: string }
  | { op: 'insertLine'; at: number; line: string }
  /** A line right after the first one: inside an example's front matter, where the fixes are. */
  | { op: 'frontMatterLine'; line: string }
  | { op: 'deleteLines'; at: number; count: number }
  | { op: 'duplicateLines'; at: number; count: number; to: number }
  | { op: 'deleteRange'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'randomBytes'; at: number; bytes: number[]; decoding: 'utf-8' | 'latin1' }
  | { op: 'lineEnds'; style: 'crlf' | 'cr' | 'lf' | 'mixed'; pattern: number[] }
  | { op: 'bom'; where: 'start' | 'twice' | 'middle'; at: number }
  | { op: 'longLine'; at: number; unit: string; length: number }
  | { op: 'deepNesting'; at: number; marker: string; depth: number; shape: 'one line' | 'staircase' };

/** Lines worth inserting: Markdown structure, labelled lines, front matter keys (a front matter line lands there when inserted near the start). */
const interestingLine = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: markdownPiece, minLength: 1, maxLength: 6 }).map((line) => line.replace(/[\r\n]+$/, '')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 20 }) },
);

/** Long-line material: plain text, and the characters that make an inline parser work hardest. */
const LONG_LINE_UNITS = ['x', 'a ', '*', '_', '[', ']', '![', '`', '<', '<!--', '\\', '&', '|', ' ', '\t', '- [ ] ', '#', ':', '\uD83D\uDE00', '\uD800', 'Owner: '];
/** Container markers for nesting. */
const NESTING_MARKERS = ['> ', '>', '- ', '* ', '1. ', '> - ', '- > ', '  ', '- [ ] '];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insertText' as const), at, text: fc.oneof(fc.string({ unit: markdownPiece, minLength: 1, maxLength: 4 }), fc.string({ unit: codeUnit, minLength: 1, maxLength: 8 }), loneSurrogate) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('insertLine' as const), at, line: interestingLine }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('frontMatterLine' as const), line: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FIXABLE_LINES) }, fc.constantFrom(...VALID_LINES), fc.constantFrom(...BROKEN_LINES)) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('deleteLines' as const), at, count: fc.integer({ min: 1, max: 8 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicateLines' as const), at, count: fc.integer({ min: 1, max: 8 }), to: at }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('deleteRange' as const), at, length: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('randomBytes' as const), at, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 32 }), decoding: fc.constantFrom('utf-8' as const, 'latin1' as const) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('lineEnds' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'lf' as const, 'mixed' as const), pattern: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 7 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bom' as const), where: fc.constantFrom('start' as const, 'twice' as const, 'middle' as const), at }) },
  // Heavy inputs are rare: each costs tens to hundreds of milliseconds to lint.
  { weight: 1, arbitrary: fc.record({ op: fc.constant('longLine' as const), at, unit: fc.constantFrom(...LONG_LINE_UNITS), length: fc.constantFrom(1_000, 20_000, 100_000) }) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      // One line nested 2,000 deep; or a staircase of lines each one level deeper (its size grows with the square of the depth).
      fc.record({ op: fc.constant('deepNesting' as const), at, marker: fc.constantFrom(...NESTING_MARKERS), depth: fc.integer({ min: 1, max: 2_000 }), shape: fc.constant('one line' as const) }),
      fc.record({ op: fc.constant('deepNesting' as const), at, marker: fc.constantFrom(...NESTING_MARKERS), depth: fc.integer({ min: 1, max: 200 }), shape: fc.constant('staircase' as const) }),
    ),
  },
);

function offset(text: string, fraction: number): number {
  return Math.min(text.length, Math.floor(fraction * (text.length + 1)));
}

/** Offset of the start of the line holding `fraction` of the text. */
function lineStartAt(text: string, fraction: number): number {
  const index = offset(text, fraction);
  const before = text.slice(0, index);
  return Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
}

function splitLines(text: string): { lines: string[]; ends: string[] } {
  const lines: string[] = [];
  const ends: string[] = [];
  const pattern = /\r\n|\r|\n/g;
  let start = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push(text.slice(start, match.index));
    ends.push(match[0]);
    start = match.index + match[0].length;
  }
  lines.push(text.slice(start));
  return { lines, ends };
}

function joinLines(lines: readonly string[], ends: readonly string[]): string {
  return lines.map((line, index) => line + (index < lines.length - 1 ? (ends[index] ?? '\n') : '')).join('');
}

export function applyMutation(text: string, change: Mutation): string {
  switch (change.op) {
    case 'insertText': {
      const index = offset(text, change.at);
      return text.slice(0, index) + change.text + text.slice(index);
    }
    case 'insertLine': {
      const index = lineStartAt(text, change.at);
      return `${text.slice(0, index)}${change.line}\n${text.slice(index)}`;
    }
    case 'frontMatterLine': {
      const firstBreak = /\r\n|\r|\n/.exec(text);
      const index = firstBreak ? firstBreak.index + firstBreak[0].length : text.length;
      return `${text.slice(0, index)}${change.line}${firstBreak?.[0] ?? '\n'}${text.slice(index)}`;
    }
    case 'deleteLines':
    case 'duplicateLines': {
      const { lines, ends } = splitLines(text);
      const first = Math.min(lines.length - 1, Math.floor(change.at * lines.length));
      if (change.op === 'deleteLines') {
        lines.splice(first, change.count);
        ends.splice(first, change.count);
        return joinLines(lines, ends);
      }
      const copied = lines.slice(first, first + change.count);
      const copiedEnds = ends.slice(first, first + change.count);
      const to = Math.min(lines.length, Math.floor(change.to * (lines.length + 1)));
      lines.splice(to, 0, ...copied);
      ends.splice(to, 0, ...copiedEnds.concat(Array(Math.max(0, copied.length - copiedEnds.length)).fill('\n')));
      return joinLines(lines, ends);
    }
    case 'deleteRange': {
      const index = offset(text, change.at);
      return text.slice(0, index) + text.slice(index + change.length);
    }
    case 'truncate':
      // May cut a surrogate pair or a CRLF in two, as a partial write or a split read would.
      return text.slice(0, offset(text, change.at));
    case 'randomBytes': {
      const index = offset(text, change.at);
      const bytes = Buffer.from(change.bytes);
      return text.slice(0, index) + (change.decoding === 'utf-8' ? bytes.toString('utf8') : bytes.toString('latin1')) + text.slice(index);
    }
    case 'lineEnds': {
      const styles = ['\n', '\r\n', '\r'];
      let count = 0;
      return text.replace(/\r\n|\r|\n/g, () => {
        const index = count++;
        if (change.style === 'lf') return '\n';
        if (change.style === 'crlf') return '\r\n';
        if (change.style === 'cr') return '\r';
        return styles[change.pattern[index % change.pattern.length] as number] as string;
      });
    }
    case 'bom': {
      if (change.where === 'start') return text.startsWith('\uFEFF') ? text : `\uFEFF${text}`;
      if (change.where === 'twice') return `\uFEFF\uFEFF${text}`;
      const index = offset(text, change.at);
      return `${text.slice(0, index)}\uFEFF${text.slice(index)}`;
    }
    case 'longLine': {
      const index = lineStartAt(text, change.at);
      // Thousands of bracket pairs on one line cost micromark time that grows with their square
      // (100,000 characters of `[a] ` take several seconds): kept shorter, so the hang guard stays a hang guard.
      const length = change.unit.includes('[') ? Math.min(change.length, 20_000) : change.length;
      const line = change.unit.repeat(Math.ceil(length / change.unit.length));
      return `${text.slice(0, index)}${line}\n${text.slice(index)}`;
    }
    case 'deepNesting': {
      const index = lineStartAt(text, change.at);
      const block =
        change.shape === 'one line'
          ? `${change.marker.repeat(change.depth)}deep\n`
          : Array.from({ length: change.depth }, (_, level) => `${change.marker.repeat(level)}${change.marker.trim() === '' ? '- ' : ''}item ${level}\n`).join('');
      return text.slice(0, index) + block + text.slice(index);
    }
  }
}

export function applyMutations(text: string, changes: readonly Mutation[]): string {
  return changes.reduce(applyMutation, text);
}

/** An example note under a sequence of mutations, linted at its own path or another target's. */
export const mutatedExample = fc.record({
  example: fc.nat(EXAMPLES.length - 1),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
  target: fc.option(target, { nil: undefined, freq: 3 }),
});

// ---------------------------------------------------------------------------------------------
// Edits of a document being typed in, for incremental linting

export type Edit =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'replace'; at: number; length: number; text: string }
  | { op: 'paste'; at: number; example: number; from: number; length: number }
  /** Back to an earlier version, as undo does: the cache then holds sections of a later one. */
  | { op: 'undo'; steps: number };

/** What stresses the section splitter most: headings, fences, HTML blocks, comments, reference definitions, line breaks, front matter fences. */
const SPLITTER_PIECES = ['#', '# ', '## Rollback\n', '\n# H\n', '```', '```\n', '~~~\n', '<!--', '-->', '[x]: /url', '[x]: /url\n', '[X]: <u>\n', '[x]', '![a][x]', '\n', '\n\n', '---', '---\n', '<div>', '<div>\n', '</div>', '<script>\n', '</script>', '<?', '?>', '<!X', '>', '\r\n', '\r', '    ', '- [ ] ', '\\'];

const editText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...SPLITTER_PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...SPLITTER_PIECES), minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: markdownPiece, minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, minLength: 1, maxLength: 4 }) },
);

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: editText }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 80 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('replace' as const), at, length: fc.integer({ min: 1, max: 20 }), text: editText }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('paste' as const), at, example: fc.nat(EXAMPLES.length - 1), from: at, length: fc.integer({ min: 1, max: 400 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('undo' as const), steps: fc.integer({ min: 1, max: 4 }) }) },
);

/** The successive versions of a text under edits (the first is the text itself). */
export function editVersions(text: string, edits: readonly Edit[]): string[] {
  const versions = [text];
  for (const change of edits) {
    const current = versions[versions.length - 1] as string;
    const index = offset(current, change.op === 'undo' ? 0 : change.at);
    switch (change.op) {
      case 'insert':
        versions.push(current.slice(0, index) + change.text + current.slice(index));
        break;
      case 'delete':
        versions.push(current.slice(0, index) + current.slice(index + change.length));
        break;
      case 'replace':
        versions.push(current.slice(0, index) + change.text + current.slice(index + change.length));
        break;
      case 'paste': {
        const source = (EXAMPLES[change.example] as { text: string }).text;
        const from = offset(source, change.from);
        versions.push(current.slice(0, index) + source.slice(from, from + change.length) + current.slice(index));
        break;
      }
      case 'undo':
        versions.push(versions[Math.max(0, versions.length - 1 - change.steps)] as string);
        break;
    }
  }
  return versions;
}

/** A note being edited: an example (sometimes mutated first, e.g. to CRLF) and a sequence of edits. */
export const editedExample = fc.record({
  example: fc.nat(EXAMPLES.length - 1),
  setup: fc.array(fc.oneof(fc.record({ op: fc.constant('lineEnds' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const), pattern: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 5 }) }), fc.record({ op: fc.constant('bom' as const), where: fc.constant('start' as const), at })), { maxLength: 1 }),
  edits: fc.array(edit, { minLength: 1, maxLength: 12 }),
  target: fc.option(target, { nil: undefined, freq: 3 }),
});
