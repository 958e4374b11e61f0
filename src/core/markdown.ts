/**
 * The Markdown facts the rules read (top-level blocks, labelled lines, task items, images,
 * comments), taken straight from micromark's events: no syntax tree is built, which costs a
 * third less than remark's tree and is all the rules need.
 *
 * A note is scanned one top-level section at a time. Parse time of one Markdown document grows
 * faster than its length, and an edit should re-parse only the section it touched. Cutting the
 * body before each `#` heading line is exact, because an ATX heading ends every open block but
 * two: a fenced code block or an HTML block at the top level. A chunk whose last block is one of
 * those, still open, is joined with the next (see `openTail`). Link and image references are the
 * one thing that crosses sections: every chunk is parsed knowing the labels the whole note defines.
 */
import { parse, preprocess } from 'micromark';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { subtokenize } from 'micromark-util-subtokenize';
import { decodeString } from 'micromark-util-decode-string';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Event, Extension, ParseContext, Token } from 'micromark-util-types';
import { overInlineBudget } from './inlineBudget';
import type { Span } from './frontMatter';
import { isPlaceholder } from './placeholder';

export type BlockType = 'heading' | 'paragraph' | 'list' | 'code' | 'blockquote' | 'html' | 'thematicBreak' | 'definition';

/** A block at the top level of the body. */
export interface Block {
  type: BlockType;
  span: Span;
  /** A heading's level. */
  depth?: number;
  /** A heading's text as written, without the `#` marks. */
  title?: string;
  /** A paragraph, list, code block, quote, or HTML that is not only comments. */
  content: boolean;
  /** HTML that is nothing but a comment. */
  comment: boolean;
  /** A list with at least one task item (`- [ ] item`). */
  taskList: boolean;
  /** Set when the block is nothing but a placeholder ("TODO: how to undo"): the span to report. */
  placeholder?: Span;
}

export interface LabelledLine {
  normalized: string;
  labelSpan: Span;
  /** The value's text; empty when the label has nothing after it. */
  value: string;
  valueSpan?: Span;
}

export interface TaskItem {
  checked: boolean;
  /** The item's first line. */
  span: Span;
}

export interface ImageRef {
  alt: string;
  span: Span;
}

export interface Comment {
  /** The text between `<!--` and `-->`, trimmed. */
  body: string;
  span: Span;
}

/** What one chunk of the body holds, with offsets relative to the chunk's start. */
export interface ChunkFacts {
  blocks: Block[];
  labels: LabelledLine[];
  taskItems: TaskItem[];
  images: ImageRef[];
  comments: Comment[];
  /** The normalized labels of the link reference definitions in the chunk. */
  definitions: string[];
  /** The chunk's last top-level block is a fenced code or HTML block still open at its end: it would swallow the next chunk's heading. */
  openTail: boolean;
}

/** The body's facts, offsets relative to the note's text. */
export interface BodyFacts {
  blocks: Block[];
  labels: LabelledLine[];
  taskItems: TaskItem[];
  images: ImageRef[];
  comments: Comment[];
}

const EXTENSIONS: Extension[] = [gfmTaskListItem()];

/** `## 3. Rollback:` and `## 🔙 Rollback` both read as "rollback": leading numbering and symbols, trailing punctuation, case and spacing do not count. */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^(?:\d+[.)]|step \d+[:.)]?)\s+/, '')
    .replace(/[\s:.!?;,…-]+$/, '');
}

// ---------------------------------------------------------------------------------------------
// Splitting and the cache

/** Offsets at which a line starting with an ATX heading mark begins (`# `, `## `, … `###### `, or a bare `#`). */
function headingLineStarts(text: string, from: number): number[] {
  const starts: number[] = [];
  // `#` is rare outside headings: jumping from one to the next is much faster than reading every character.
  for (let index = text.indexOf('#', from + 1); index !== -1; index = text.indexOf('#', index + 1)) {
    const before = text.charCodeAt(index - 1);
    if (before !== 10 /* \n */ && before !== 13 /* \r */) continue;
    const marks = atxMarks(text, index);
    if (marks > 0) {
      starts.push(index);
      index += marks - 1;
    }
  }
  return starts;
}

/** How many `#` open an ATX heading at `at` (one to six, then a space, a tab, a line ending or the end of the text); 0 when none does. */
function atxMarks(text: string, at: number): number {
  let marks = 0;
  while (marks < 7 && text.charCodeAt(at + marks) === 35 /* # */) marks++;
  const after = text.charCodeAt(at + marks);
  return marks <= 6 && (Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13) ? marks : 0;
}

/**
 * Remembers chunk facts by their text (and the definitions they were parsed with), for one
 * document being edited: a keystroke then re-parses one section. Entries not used by the last
 * two lints are dropped, so the cache holds about two versions of the note at most.
 */
export class SectionCache {
  private current = new Map<string, ChunkFacts>();
  private previous = new Map<string, ChunkFacts>();
  /** The definitions of the last lint: the best guess for the next one. */
  definitions: readonly string[] = [];
  /** The last front matter step, reused while the front matter's text is unchanged. */
  frontMatter?: { source: string; value: unknown };
  /** How many chunks the last lint parsed, and how many it found here. */
  readonly stats = { parsed: 0, reused: 0 };

  get(key: string): ChunkFacts | undefined {
    const hit = this.current.get(key) ?? this.previous.get(key);
    if (hit) {
      this.current.set(key, hit);
      this.stats.reused++;
    }
    return hit;
  }

  set(key: string, facts: ChunkFacts): void {
    this.current.set(key, facts);
    this.stats.parsed++;
  }

  /** Called before each lint: what the last lint did not use ages out. */
  startGeneration(): void {
    this.previous = this.current;
    this.current = new Map();
    this.stats.parsed = 0;
    this.stats.reused = 0;
  }
}

function cacheKey(text: string, definitions: readonly string[]): string {
  return definitions.length === 0 ? text : `${definitions.join('\u0000')}\u0001${text}`;
}

/** Whether a chunk parsed knowing `parsedWith` could read differently knowing `definitions` instead. */
function mayDependOn(chunk: string, facts: ChunkFacts, parsedWith: readonly string[], definitions: readonly string[]): boolean {
  const before = new Set(parsedWith);
  const after = new Set(definitions);
  const changed = [...parsedWith.filter((label) => !after.has(label)), ...definitions.filter((label) => !before.has(label))].filter((label) => !facts.definitions.includes(label));
  if (changed.length === 0 || !chunk.includes('[')) return false;
  // Labels compare after case folding, the way micromark normalizes them.
  const folded = chunk.toLowerCase().toUpperCase();
  return changed.some((label) => label.includes(' ') || folded.includes(label));
}

/**
 * Scans the body of a note, `text` from `bodyStart` on, section by section. With a cache, sections
 * whose text is unchanged are not parsed again; the result is the same with or without one.
 */
export function scanBody(text: string, bodyStart: number, cache?: SectionCache): BodyFacts {
  const cuts = headingLineStarts(text, bodyStart);
  cache?.startGeneration();
  const definitions = cache?.definitions ?? [];
  const chunks: { start: number; end: number; facts: ChunkFacts; parsedWith: readonly string[] }[] = [];
  const factsFor = (source: string, known: readonly string[]): ChunkFacts => {
    const key = cacheKey(source, known);
    let facts = cache?.get(key);
    if (!facts) {
      facts = scanChunk(source, known);
      cache?.set(key, facts);
    }
    return facts;
  };

  let start = bodyStart;
  let next = 0;
  while (start < text.length || chunks.length === 0) {
    let end = next < cuts.length ? (cuts[next++] as number) : text.length;
    let facts = factsFor(text.slice(start, end), definitions);
    while (facts.openTail && end < text.length) {
      // A code fence or HTML block runs past the heading: join the chunk with what follows up to
      // the first heading after where the block can close.
      const close = closingOffset(text, start, facts, end);
      while (next < cuts.length && (cuts[next] as number) <= close) next++;
      end = next < cuts.length ? (cuts[next++] as number) : text.length;
      facts = factsFor(text.slice(start, end), definitions);
    }
    chunks.push({ start, end, facts, parsedWith: definitions });
    start = end;
    if (start >= text.length) break;
  }

  // References resolve against every definition of the note: parse again the chunks that may read otherwise.
  const defined = [...new Set(chunks.flatMap((chunk) => chunk.facts.definitions))].sort();
  for (const chunk of chunks) {
    if (sameList(chunk.parsedWith, defined)) continue;
    const source = text.slice(chunk.start, chunk.end);
    if (mayDependOn(source, chunk.facts, chunk.parsedWith, defined)) chunk.facts = factsFor(source, defined);
  }
  if (cache) cache.definitions = defined;

  const body: BodyFacts = { blocks: [], labels: [], taskItems: [], images: [], comments: [] };
  for (const { start: shift, facts } of chunks) {
    for (const block of facts.blocks) body.blocks.push({ ...block, span: moved(block.span, shift), placeholder: block.placeholder && moved(block.placeholder, shift) });
    for (const label of facts.labels) body.labels.push({ ...label, labelSpan: moved(label.labelSpan, shift), valueSpan: label.valueSpan && moved(label.valueSpan, shift) });
    for (const item of facts.taskItems) body.taskItems.push({ checked: item.checked, span: moved(item.span, shift) });
    for (const image of facts.images) body.images.push({ alt: image.alt, span: moved(image.span, shift) });
    for (const comment of facts.comments) body.comments.push({ body: comment.body, span: moved(comment.span, shift) });
  }
  return body;
}

function moved(span: Span, shift: number): Span {
  return { start: span.start + shift, end: span.end + shift };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * Where the open block at the end of a chunk can close at the earliest: the next closing fence, the
 * next line holding the HTML block's end marker, or the next blank line. A guess is enough (the
 * joined chunk is checked again); it keeps an unclosed fence from costing one parse per section.
 */
function closingOffset(text: string, chunkStart: number, facts: ChunkFacts, chunkEnd: number): number {
  const last = facts.blocks[facts.blocks.length - 1];
  if (!last) return chunkEnd;
  const opening = text.slice(chunkStart + last.span.start, chunkStart + last.span.end).split(/\r\n|\r|\n/, 1)[0] ?? '';
  let pattern: RegExp;
  if (last.type === 'code') {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(opening)?.[1] ?? '```';
    pattern = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'm');
  } else {
    const marker = htmlEndMarker(opening);
    pattern = marker ?? /^[ \t]*$/m;
  }
  pattern = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  pattern.lastIndex = chunkEnd;
  const found = pattern.exec(text);
  return found ? found.index : text.length;
}

/** The end condition of HTML blocks of kinds 1 to 5 (CommonMark §4.6); undefined for kinds 6 and 7, which end at a blank line. */
function htmlEndMarker(firstLine: string): RegExp | undefined {
  const line = firstLine.trimStart();
  if (/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i.test(line)) return /<\/(?:script|pre|style|textarea)>/im;
  if (line.startsWith('<!--')) return /-->/m;
  if (line.startsWith('<?')) return /\?>/m;
  if (line.startsWith('<![CDATA[')) return /\]\]>/m;
  if (/^<![A-Za-z]/.test(line)) return />/m;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// One chunk: micromark's events to facts

const CONTENT_TYPES = new Set<BlockType>(['paragraph', 'list', 'code', 'blockquote']);
const COMMENT_ONLY = /^\s*<!--[\s\S]*-->\s*$/;

const BLOCK_TYPES: Record<string, BlockType> = {
  atxHeading: 'heading',
  setextHeading: 'heading',
  paragraph: 'paragraph',
  listOrdered: 'list',
  listUnordered: 'list',
  codeFenced: 'code',
  codeIndented: 'code',
  blockQuote: 'blockquote',
  htmlFlow: 'html',
  thematicBreak: 'thematicBreak',
  definition: 'definition',
};

/** Tokens whose text is not part of what a reader sees: link destinations and titles, reference labels, definitions, a fence's info string. */
const HIDDEN_TEXT = new Set(['resource', 'reference', 'definition', 'codeFencedFence']);

/** Collects the visible text inside a node, as mdast's `toString` would. */
class TextSink {
  text = '';
}

interface Frame {
  kind: 'root' | 'quote' | 'list' | 'item';
  /** A labelled line with no value yet, waiting for the next block of this container ("**Rollback:**" then a list). */
  waiting?: LabelledLine;
  // Items:
  start?: number;
  firstChild?: number;
  lastChild?: number;
  checked?: boolean;
  // Lists:
  allPlaceholders?: boolean;
  firstItemContent?: Span;
  taskList?: boolean;
  // Top-level quotes:
  sink?: TextSink;
}

interface OpenBlock {
  type: BlockType;
  token: Token;
  frame: Frame;
  depth?: number;
  title?: TextSink;
  code?: { text: string; pendingNewlines: number; seen: boolean; fences: number };
}

/**
 * One parser for every chunk: creating one merges micromark's construct tables, which cost about
 * a tenth of the time of a note's ten chunks. Its only per-document state is the labels defined
 * and which lines are lazy, both reset here (see micromark's `parse`).
 */
let sharedParser: ParseContext | undefined;

/**
 * How a chunk is parsed. `fast`: plain sections (see plainSectionEvents) without micromark, and
 * paragraph text parsed inline only where a rule reads it. `reference`: micromark on everything,
 * every paragraph parsed inline; what the tests hold the fast way to.
 */
export type ScanMode = 'fast' | 'reference';

export function scanChunk(source: string, definitions: readonly string[], mode: ScanMode = 'fast'): ChunkFacts {
  const plain = mode === 'fast' ? plainSectionEvents(source) : undefined;
  if (plain) return new ChunkScanner(source).run(plain);
  const parser = (sharedParser ??= parse({ extensions: EXTENSIONS }));
  parser.defined = [...definitions];
  parser.lazy = {};
  const events: Event[] = parser.document().write(preprocess()(defuseUnclosedComments(flattenDeepNesting(source)), undefined, true));
  // micromark's `postprocess`, which tokenizes nested content until none is left; here the text
  // of paragraphs no rule reads inline is left as it is, and the last round, which would only
  // find that nothing is left, is not run.
  while (!subtokenize(events) && leftToTokenize(events, source, mode)) {
    // Each round tokenizes the content the round before uncovered.
  }
  return new ChunkScanner(source).run(events);
}

// ---------------------------------------------------------------------------------------------
// Plain sections

/**
 * Most sections of typical notes are an ATX heading, paragraphs of plain lines, lists of one-line
 * `- ` items and fenced code: for those, micromark would only find that. This reads them
 * directly and gives the events micromark would give for what ChunkScanner reads (blocks, heading
 * text, list item prefixes, code lines and fences). Anything else returns undefined and goes to
 * micromark: a line ending other than LF, an image or a comment anywhere, a heading title with
 * inline syntax, a fence left open, a list item that is empty, a task, or runs on to a second
 * line, or a line that could start or end any other block (indented, or opening with `#`, `>`,
 * `+`, `=`, `<`, `[`, three backticks or tildes with more after them than a fence allows, `*` or
 * `_` but for emphasis, or an ordered list marker). A test compares the facts with micromark's
 * on random sections.
 */
export function plainSectionEvents(source: string): Event[] | undefined {
  if (source.includes('\r') || source.includes('![') || source.includes('<!--')) return undefined;
  return new PlainSectionReader(source).read();
}

class PlainSectionReader {
  private readonly events: Event[] = [];
  private paragraph?: Token;
  private list?: Token;
  /** A blank line came after the last list item: a plain line now ends the list. */
  private blankInList = false;

  constructor(private readonly source: string) {}

  read(): Event[] | undefined {
    const { source } = this;
    for (let lineStart = 0; lineStart < source.length; ) {
      const lineFeed = source.indexOf('\n', lineStart);
      const lineEnd = lineFeed === -1 ? source.length : lineFeed;
      let next = lineFeed === -1 ? source.length : lineFeed + 1;
      const first = source.charCodeAt(lineStart);
      if (isBlank(source, lineStart, lineEnd)) {
        this.closeParagraph();
        if (this.list) this.blankInList = true;
      } else if (lineStart === 0 && first === 35 /* # */) {
        const heading = plainHeadingEvents(source, lineEnd);
        if (!heading) return undefined;
        this.events.push(...heading);
      } else if ((first === 96 /* ` */ || first === 126 /* ~ */) && fenceLength(source, lineStart) >= 3) {
        const after = this.code(lineStart, lineEnd);
        if (after === undefined) return undefined;
        next = after;
      } else if (first === 45 /* - */) {
        if (source.charCodeAt(lineStart + 1) !== 32 || !startsPlainLine(source, lineStart + 2, lineEnd)) return undefined;
        this.listItem(lineStart, lineEnd);
      } else if (!startsPlainLine(source, lineStart, lineEnd) || !this.plainLine(lineStart, lineEnd)) return undefined;
      lineStart = next;
    }
    this.closeParagraph();
    this.closeList();
    return this.events;
  }

  private enter(type: string, start: number, end: number): Token {
    const opened = token(type, start, end);
    this.events.push(['enter', opened, CONTEXT]);
    return opened;
  }

  private exit(closed: Token): void {
    this.events.push(['exit', closed, CONTEXT]);
  }

  private closeParagraph(): void {
    if (!this.paragraph) return;
    this.exit(this.paragraph);
    this.paragraph = undefined;
  }

  private closeList(): void {
    if (!this.list) return;
    this.exit(this.list);
    this.list = undefined;
    this.blankInList = false;
  }

  /** A line of paragraph text: false when it would continue a list item (left to micromark). */
  private plainLine(start: number, end: number): boolean {
    if (this.list) {
      if (!this.blankInList) return false;
      this.closeList();
    }
    if (this.paragraph) this.paragraph.end = point(end);
    else this.paragraph = this.enter('paragraph', start, end);
    return true;
  }

  /** `- text`: a list item of one line, its text a paragraph. */
  private listItem(start: number, end: number): void {
    this.closeParagraph();
    this.list ??= this.enter('listUnordered', start, end);
    this.list.end = point(end);
    this.blankInList = false;
    this.exit(this.enter('listItemPrefix', start, start + 2));
    this.paragraph = this.enter('paragraph', start + 2, end);
  }

  /** A fenced code block opening on this line; the offset after its closing fence line, or undefined when it is not closed (or not a fence). */
  private code(start: number, end: number): number | undefined {
    const { source } = this;
    const marker = source.charCodeAt(start);
    const length = fenceLength(source, start);
    // A backtick fence's info string holds no backtick (else the line is a code span).
    if (marker === 96 && source.slice(start + length, end).includes('`')) return undefined;
    this.closeParagraph();
    this.closeList();
    const block = this.enter('codeFenced', start, end);
    this.exit(this.enter('codeFencedFence', start, end));
    for (let lineStart = end + 1; end < source.length; lineStart = end + 1) {
      this.exit(this.enter('lineEnding', end, end + 1));
      const lineFeed = source.indexOf('\n', lineStart);
      end = lineFeed === -1 ? source.length : lineFeed;
      if (isClosingFence(source, lineStart, end, marker, length)) {
        this.exit(this.enter('codeFencedFence', lineStart, end));
        block.end = point(end);
        this.exit(block);
        return lineFeed === -1 ? source.length : lineFeed + 1;
      }
      if (end > lineStart) this.exit(this.enter('codeFlowValue', lineStart, end));
    }
    return undefined;
  }
}

/** How many times the character at `start` repeats from there. */
function fenceLength(source: string, start: number): number {
  const marker = source.charCodeAt(start);
  let at = start;
  while (source.charCodeAt(at) === marker) at++;
  return at - start;
}

/** A closing fence: up to three spaces, at least `length` of the opening's character, then only spaces and tabs. */
function isClosingFence(source: string, start: number, end: number, marker: number, length: number): boolean {
  let at = start;
  while (at < end && at - start < 3 && source.charCodeAt(at) === 32) at++;
  const run = fenceLength(source, at);
  return source.charCodeAt(at) === marker && run >= length && isBlank(source, at + run, end);
}

/** ChunkScanner reads only types and offsets: events made here carry no parse context. */
const CONTEXT = undefined as unknown as Event[2];

function point(offset: number): Token['start'] {
  return { offset, line: 0, column: 0, _index: 0, _bufferIndex: 0 };
}

function token(type: string, start: number, end: number): Token {
  return { type, start: point(start), end: point(end) } as Token;
}

function isBlank(source: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = source.charCodeAt(at);
    if (code !== 32 && code !== 9) return false;
  }
  return true;
}

/** Characters that give a heading's title inline syntax: the title is then left to micromark. */
const INLINE_SYNTAX = /[\\`*_[\]!<&]/;

/** An ATX heading on the first line, `lineEnd` its end, as micromark gives it; undefined when it is not a plain one. */
function plainHeadingEvents(source: string, lineEnd: number): Event[] | undefined {
  const marks = atxMarks(source, 0);
  if (marks === 0) return undefined;
  // The title: between the opening marks and an optional closing sequence of `#`, spaces and tabs trimmed.
  let start = marks;
  let end = lineEnd;
  while (start < end && isSpaceOrTab(source.charCodeAt(start))) start++;
  while (end > start && isSpaceOrTab(source.charCodeAt(end - 1))) end--;
  let closing = end;
  while (closing > start && source.charCodeAt(closing - 1) === 35 /* # */) closing--;
  if (closing < end && (closing === start || isSpaceOrTab(source.charCodeAt(closing - 1)))) {
    end = closing;
    while (end > start && isSpaceOrTab(source.charCodeAt(end - 1))) end--;
  }
  const title = source.slice(start, end);
  if (INLINE_SYNTAX.test(title)) return undefined;
  const heading = token('atxHeading', 0, lineEnd);
  const events: Event[] = [
    ['enter', heading, CONTEXT],
    ['enter', token('atxHeadingSequence', 0, marks), CONTEXT],
    ['exit', token('atxHeadingSequence', 0, marks), CONTEXT],
  ];
  if (end > start) {
    const text = token('atxHeadingText', start, end);
    const data = token('data', start, end);
    events.push(['enter', text, CONTEXT], ['enter', data, CONTEXT], ['exit', data, CONTEXT], ['exit', text, CONTEXT]);
  }
  events.push(['exit', heading, CONTEXT]);
  return events;
}

function isSpaceOrTab(code: number): boolean {
  return code === 32 || code === 9;
}

/** Whether a line (not blank) can only be paragraph text, whatever comes before it. */
function startsPlainLine(source: string, start: number, end: number): boolean {
  if (start >= end || isBlank(source, start, end)) return false;
  const first = source.charCodeAt(start);
  const second = source.charCodeAt(start + 1);
  switch (first) {
    case 32: case 9: // indentation: code, or a list item's continuation
    case 35: // #: a heading
    case 62: // >: a quote
    case 45: case 43: // - +: list items, setext underlines, thematic breaks
    case 61: // =: a setext underline
    case 60: // <: HTML
    case 91: // [: definitions, task checks
      return false;
    case 42: // *: a list item or a thematic break, unless emphasis (`*word`, `**word`)
    case 95: { // _: likewise
      const next = second === first ? source.charCodeAt(start + 2) : second;
      return start + 1 < end && !Number.isNaN(next) && next !== first && next !== 32 && next !== 9 && next !== 10;
    }
    case 96: case 126: // ` ~: a fence from three on
      return fenceLength(source, start) < 3;
    default:
      // An ordered list marker: up to nine digits, then `.` or `)`, then a space, a tab or the line's end.
      if (first >= 48 && first <= 57) return !/^\d{1,9}[.)](?:[ \t]|$)/.test(source.slice(start, Math.min(end, start + 12)));
      return true;
  }
}

/**
 * Whether the events still hold content to tokenize. Inline parsing (emphasis, code spans,
 * links, entities…) costs about a third of micromark's time on typical notes, and the rules read
 * only a few things from it: heading titles, the text of quotes, images, inline comments and task
 * list checks. In the fast mode, a paragraph's text chunks are left unparsed when none of those can
 * be in them: outside headings and quotes, with no `![`, no `<!--`, and not starting with `[`.
 * Each test is a necessary condition, so the facts are the same as with every chunk parsed (a
 * test compares them on random notes).
 */
function leftToTokenize(events: Event[], source: string, mode: ScanMode): boolean {
  let left = false;
  let readInline = 0;
  for (const [kind, token] of events) {
    const type = token.type;
    if (type === 'atxHeading' || type === 'setextHeading' || type === 'blockQuote') {
      readInline += kind === 'enter' ? 1 : -1;
      continue;
    }
    if (kind !== 'enter' || !token.contentType) continue;
    // A paragraph or heading too full of delimiters and brackets to parse inline in bounded time is read as written.
    if (token.contentType === 'text' && !token.previous && overInlineBudget(source, token)) {
      for (let chunk: Token | undefined = token; chunk; chunk = chunk.next) chunk.contentType = undefined;
      continue;
    }
    // The first chunk of a chain of text chunks (one per line of a paragraph) speaks for the chain.
    if (mode === 'reference' || token.contentType !== 'text' || token.previous || readInline > 0 || source.charCodeAt(token.start.offset) === 91 /* [ */ || chainMayHoldReadInline(source, token)) {
      left = true;
      continue;
    }
    for (let chunk: Token | undefined = token; chunk; chunk = chunk.next) chunk.contentType = undefined;
  }
  return left;
}

function chainMayHoldReadInline(source: string, first: Token): boolean {
  for (let chunk: Token | undefined = first; chunk; chunk = chunk.next) if (mayHoldReadInline(source, chunk.start.offset, chunk.end.offset)) return true;
  return false;
}

function mayHoldReadInline(source: string, start: number, end: number): boolean {
  for (let at = start; at < end; at++) {
    const code = source.charCodeAt(at);
    if (code === 33 /* ! */ ? source.charCodeAt(at + 1) === 91 /* [ */ : code === 60 /* < */ && source.startsWith('!--', at + 1)) return true;
  }
  return false;
}

/**
 * Container prefixes (indentation, `>`, list markers) longer than this are read as text. Parse time
 * grows with the square of the nesting depth or worse: 400 list items each nested one level deeper
 * took micromark 3 s, 800 took 16 s. Real notes nest a few levels; 64 characters is over 15.
 */
export const MAX_CONTAINER_PREFIX = 64;
const DEEP_PREFIX = new RegExp(`^(?:[ \\t>]|[-*+](?=[ \\t])|\\d{1,9}[.)](?=[ \\t])){${MAX_CONTAINER_PREFIX + 1},}`, 'gm');

/**
 * micromark looks for the end of an inline `<!--` up to the end of its paragraph, from every
 * `<!--`: 10,000 of them, never closed, took 11 s. One that no `-->` follows before the next blank
 * line cannot be a comment, and is text either way: it becomes `<!-\u2010` (same length) so the
 * search is not made. One that starts its line is kept, since it can open an HTML block, which
 * does reach past blank lines.
 */
function defuseUnclosedComments(source: string): string {
  let at = source.indexOf('<!--');
  if (at === -1) return source;
  const parts: string[] = [];
  let copied = 0;
  let close = -2;
  let blank = -2;
  // The current line: where it ends, and where its text starts after indentation and container markers.
  let lineEnd = -1;
  let lineText = 0;
  const BLANK_LINE = /\n[ \t]*(?:\r?\n|\r)|\r[ \t]*\r/g;
  for (; at !== -1; at = source.indexOf('<!--', at + 4)) {
    if (close !== -1 && close < at + 4) close = source.indexOf('-->', at + 4);
    if (blank !== -1 && blank < at) {
      BLANK_LINE.lastIndex = at;
      blank = BLANK_LINE.exec(source)?.index ?? -1;
    }
    if (at > lineEnd) {
      let lineStart = at;
      while (lineStart > 0 && source.charCodeAt(lineStart - 1) !== 10 && source.charCodeAt(lineStart - 1) !== 13) lineStart--;
      lineText = lineStart;
      while (lineText < source.length && LINE_LEADING.has(source.charCodeAt(lineText))) lineText++;
      lineEnd = at;
      while (lineEnd < source.length && source.charCodeAt(lineEnd) !== 10 && source.charCodeAt(lineEnd) !== 13) lineEnd++;
    }
    const closes = close !== -1 && (blank === -1 || close < blank);
    if (closes || at <= lineText) continue;
    parts.push(source.slice(copied, at), '<!-\u2010');
    copied = at + 4;
  }
  if (copied === 0) return source;
  parts.push(source.slice(copied));
  return parts.join('');
}

/** What may stand before a `<!--` that opens an HTML block: indentation and container markers. */
const LINE_LEADING = new Set([...' \t>*+-0123456789.)'].map((ch) => ch.charCodeAt(0)));

/** Replaces the part of a container prefix beyond `MAX_CONTAINER_PREFIX` with no-break spaces: same length, so every offset holds. */
function flattenDeepNesting(source: string): string {
  DEEP_PREFIX.lastIndex = 0;
  if (!DEEP_PREFIX.test(source)) return source;
  return source.replace(DEEP_PREFIX, (prefix) => prefix.slice(0, MAX_CONTAINER_PREFIX) + '\u00a0'.repeat(prefix.length - MAX_CONTAINER_PREFIX));
}

class ChunkScanner {
  private readonly facts: ChunkFacts = { blocks: [], labels: [], taskItems: [], images: [], comments: [], definitions: [], openTail: false };
  private readonly root: Frame = { kind: 'root' };
  private readonly frames: Frame[] = [this.root];
  private readonly open: OpenBlock[] = [];
  private readonly sinks: TextSink[] = [];
  private readonly openImages: { image: ImageRef; sink: TextSink }[] = [];
  /** Start offsets of fenced code blocks that have a closing fence. */
  private readonly closedFences = new Set<number>();
  private hidden = 0;

  constructor(private readonly source: string) {}

  run(events: Event[]): ChunkFacts {
    for (const [kind, token] of events) {
      if (kind === 'enter') this.enter(token);
      else this.exit(token);
    }
    this.facts.openTail = this.hasOpenTail();
    return this.facts;
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1] as Frame;
  }

  private slice(token: Token): string {
    return this.source.slice(token.start.offset, token.end.offset);
  }

  private append(text: string): void {
    if (this.hidden > 0) return;
    for (const sink of this.sinks) sink.text += text;
  }

  private enter(token: Token): void {
    const type = token.type;
    if (HIDDEN_TEXT.has(type)) this.hidden++;
    const blockType = BLOCK_TYPES[type];
    if (blockType) {
      this.enterBlock(blockType, token);
      return;
    }
    switch (type) {
      case 'listItemPrefix': {
        if (this.frame.kind === 'item') this.closeItem();
        this.frames.push({ kind: 'item', start: token.start.offset });
        break;
      }
      case 'atxHeadingText':
      case 'setextHeadingText': {
        const heading = this.open[this.open.length - 1];
        if (heading?.title) this.sinks.push(heading.title);
        break;
      }
      case 'atxHeadingSequence': {
        const heading = this.open[this.open.length - 1];
        if (heading && heading.depth === undefined) heading.depth = token.end.offset - token.start.offset;
        break;
      }
      case 'setextHeadingLineSequence': {
        const heading = this.open[this.open.length - 1];
        if (heading) heading.depth = this.source.charCodeAt(token.start.offset) === 61 /* = */ ? 1 : 2;
        break;
      }
      case 'codeFencedFence': {
        const code = this.open[this.open.length - 1]?.code;
        if (code) code.fences++;
        break;
      }
      case 'codeFlowValue': {
        const code = this.open[this.open.length - 1]?.code;
        if (code) {
          code.text += (code.seen ? '\n'.repeat(code.pendingNewlines) : '') + this.slice(token);
          code.seen = true;
          code.pendingNewlines = 0;
        }
        this.append(this.slice(token));
        break;
      }
      case 'lineEnding': {
        const code = this.open[this.open.length - 1]?.code;
        if (code) code.pendingNewlines++;
        else this.append('\n');
        break;
      }
      case 'data':
      case 'chunkText': // the text of a paragraph or heading left unparsed (see inlineBudget.ts)
      case 'codeTextData':
      case 'autolinkProtocol':
      case 'autolinkEmail':
      case 'htmlFlowData':
        this.append(this.slice(token));
        break;
      case 'characterEscapeValue':
        this.append(this.slice(token));
        break;
      case 'characterReference':
        this.append(decodeString(this.slice(token)));
        this.hidden++;
        break;
      case 'htmlText':
        this.append(this.slice(token));
        this.hidden++;
        this.comments(token);
        break;
      case 'taskListCheck': {
        const item = this.innermostItem();
        if (item && item.checked === undefined) {
          item.checked = this.source.slice(token.start.offset, token.end.offset).toLowerCase().includes('x');
          const start = item.start as number;
          this.facts.taskItems.push({ checked: item.checked, span: { start, end: Math.max(lineEndAt(this.source, start), start + 1) } });
        }
        break;
      }
      case 'image': {
        const image: ImageRef = { alt: '', span: { start: token.start.offset, end: token.end.offset } };
        this.facts.images.push(image);
        const sink = new TextSink();
        this.openImages.push({ image, sink });
        this.sinks.push(sink);
        break;
      }
      case 'definitionLabelString':
        this.facts.definitions.push(normalizeIdentifier(this.slice(token)));
        break;
      default:
        break;
    }
  }

  private exit(token: Token): void {
    const type = token.type;
    if (HIDDEN_TEXT.has(type) || type === 'characterReference' || type === 'htmlText') this.hidden--;
    if (BLOCK_TYPES[type]) {
      this.exitBlock(token);
      return;
    }
    switch (type) {
      case 'atxHeadingText':
      case 'setextHeadingText': {
        const heading = this.open[this.open.length - 1];
        if (heading?.title && this.sinks[this.sinks.length - 1] === heading.title) this.sinks.pop();
        break;
      }
      case 'image': {
        const open = this.openImages.pop();
        if (open) {
          open.image.alt = open.sink.text;
          this.sinks.splice(this.sinks.lastIndexOf(open.sink), 1);
        }
        break;
      }
      default:
        break;
    }
  }

  private innermostItem(): Frame | undefined {
    for (let index = this.frames.length - 1; index >= 0; index--) {
      const frame = this.frames[index] as Frame;
      if (frame.kind === 'item') return frame;
      if (frame.kind !== 'list') return undefined;
    }
    return undefined;
  }

  private enterBlock(type: BlockType, token: Token): void {
    const frame = this.frame;
    if (frame.kind === 'item') frame.firstChild ??= token.start.offset;
    const open: OpenBlock = { type, token, frame };
    if (type === 'heading' && frame === this.root) open.title = new TextSink();
    if (type === 'code') open.code = { text: '', pendingNewlines: 0, seen: false, fences: 0 };
    this.open.push(open);
    if (type === 'list') this.frames.push({ kind: 'list', allPlaceholders: true, taskList: false });
    else if (type === 'blockquote') {
      const quote: Frame = { kind: 'quote' };
      if (frame === this.root) {
        quote.sink = new TextSink();
        this.sinks.push(quote.sink);
      }
      this.frames.push(quote);
    } else if (type === 'html') this.comments(token);
  }

  private exitBlock(token: Token): void {
    const open = this.open.pop();
    if (!open) return;
    const span: Span = { start: token.start.offset, end: token.end.offset };
    const { type, frame } = open;
    let placeholder: Span | undefined;
    let taskList = false;
    let comment = false;
    switch (type) {
      case 'list': {
        if (this.frame.kind === 'item') this.closeItem();
        const list = this.frames.pop() as Frame;
        taskList = list.taskList === true;
        if (list.allPlaceholders && list.firstItemContent) placeholder = list.firstItemContent;
        break;
      }
      case 'blockquote': {
        const quote = this.frames.pop() as Frame;
        if (quote.sink) {
          this.sinks.splice(this.sinks.lastIndexOf(quote.sink), 1);
          if (isPlaceholder(quote.sink.text)) placeholder = span;
        }
        break;
      }
      case 'paragraph': {
        const text = this.source.slice(span.start, span.end);
        if (looksLikeTable(text) ? isPlaceholderTable(text) : isPlaceholder(text)) placeholder = span;
        break;
      }
      case 'code':
        if (isPlaceholder(open.code?.text ?? '')) placeholder = span;
        if ((open.code?.fences ?? 0) >= 2) this.closedFences.add(span.start);
        break;
      case 'html':
        comment = COMMENT_ONLY.test(this.source.slice(span.start, span.end));
        break;
      default:
        break;
    }
    const content = CONTENT_TYPES.has(type) || (type === 'html' && !comment);

    // The block after a label with no value on its line gives it its value.
    if (frame.waiting) {
      if (content) {
        frame.waiting.valueSpan = span;
        frame.waiting.value = this.source.slice(span.start, span.end).trim();
      }
      frame.waiting = undefined;
    }
    if (type === 'paragraph') frame.waiting = this.collectLabels(span);
    if (frame.kind === 'item') frame.lastChild = span.end;

    if (frame === this.root) {
      const block: Block = { type, span, content, comment, taskList, placeholder };
      if (type === 'heading') {
        block.depth = open.depth ?? 1;
        block.title = (open.title?.text ?? '').trim();
      }
      this.facts.blocks.push(block);
    }
  }

  /** Ends the current list item: what its list learns from it. */
  private closeItem(): void {
    const item = this.frames.pop() as Frame;
    const list = this.frame;
    if (item.checked !== undefined) list.taskList = true;
    const content: Span =
      item.firstChild !== undefined && item.lastChild !== undefined ? { start: item.firstChild, end: item.lastChild } : { start: item.start as number, end: item.start as number };
    list.firstItemContent ??= content;
    if (!(content.end > content.start && isPlaceholder(this.source.slice(content.start, content.end)))) list.allPlaceholders = false;
  }

  private comments(token: Token): void {
    const start = token.start.offset;
    const value = this.source.slice(start, token.end.offset);
    // indexOf rather than a lazy regular expression: with many `<!--` and no `-->`, the expression
    // searched to the end from each one (80,000 took 10 s); here the first unclosed one ends the search.
    for (let open = value.indexOf('<!--'); open !== -1; ) {
      const close = value.indexOf('-->', open + 4);
      if (close === -1) break;
      this.facts.comments.push({ body: value.slice(open + 4, close).trim(), span: { start: start + open, end: start + close + 3 } });
      open = value.indexOf('<!--', close + 3);
    }
  }

  /**
   * The labelled lines of a paragraph: `Owner: @alice`, `**Owner:** @alice`, `- owner: alice`.
   * Returns the last label when it has no value yet: the next block may hold it.
   */
  private collectLabels(paragraph: Span): LabelledLine | undefined {
    const { start, end } = paragraph;
    const source = this.source.slice(start, end);
    let lineStart = 0;
    let pending: LabelledLine | undefined;
    while (lineStart <= source.length) {
      const lineFeed = source.indexOf('\n', lineStart);
      const lineEnd = lineFeed === -1 ? source.length : lineFeed;
      const line = source.slice(lineStart, lineEnd).replace(/\r$/, '');
      const match = line.includes(':') ? LABELLED_LINE.exec(line) : null;
      if (match) {
        const label = match[2] as string;
        const labelOffset = start + lineStart + line.indexOf(label, match[1] ? match[1].length : 0);
        const rest = line.slice(match[0].length);
        const value = rest.replace(/^\s+/, '').replace(/\s+$/, '');
        const valueStart = start + lineStart + match[0].length + (rest.length - rest.trimStart().length);
        const labelled: LabelledLine = {
          normalized: normalizeTitle(label),
          labelSpan: { start: labelOffset, end: labelOffset + label.length },
          value,
          valueSpan: value ? { start: valueStart, end: valueStart + value.length } : undefined,
        };
        this.facts.labels.push(labelled);
        pending = value ? undefined : labelled;
      } else if (pending && line.trim()) {
        // "Rollback:" alone on a line, the value on the lines below it.
        const valueStart = pending.valueSpan?.start ?? start + lineStart;
        // The line without its CR: a value never ends between CR and LF.
        const valueEnd = start + lineEnd - (source.charCodeAt(lineEnd - 1) === 13 ? 1 : 0);
        pending.valueSpan = { start: valueStart, end: valueEnd };
        pending.value = this.source.slice(valueStart, valueEnd).trim();
      }
      if (lineFeed === -1) break;
      lineStart = lineFeed + 1;
    }
    return pending && !pending.value ? pending : undefined;
  }

  /** Whether the last top-level block is a fenced code or HTML block that a following heading line would continue. */
  private hasOpenTail(): boolean {
    const last = this.facts.blocks[this.facts.blocks.length - 1];
    if (!last || (last.type !== 'code' && last.type !== 'html')) return false;
    const block = this.source.slice(last.span.start, last.span.end);
    const firstLine = block.split(/\r\n|\r|\n/, 1)[0] ?? '';
    if (last.type === 'code') {
      const fenced = /^ {0,3}(?:`{3,}|~{3,})/.test(firstLine);
      return fenced && !this.closedFences.has(last.span.start);
    }
    const marker = htmlEndMarker(firstLine);
    if (marker) {
      // Kinds 1 to 5 end on the line holding their end marker, else run to the end of the text.
      const lastLine = block.slice(Math.max(block.lastIndexOf('\n'), block.lastIndexOf('\r')) + 1);
      return !marker.test(lastLine);
    }
    // Kinds 6 and 7 end at a blank line: open when nothing but a line ending follows the block.
    return this.source.slice(last.span.end).replace(/^(?:\r\n|\r|\n)/, '') === '';
  }

}

function lineEndAt(text: string, offset: number): number {
  for (let index = offset; index < text.length; index++) {
    const ch = text.charCodeAt(index);
    if (ch === 10 || ch === 13) return index;
  }
  return text.length;
}

/**
 * A labelled line: `Owner: @alice`, `**Owner:** @alice`, `**Owner**: @alice`, `- owner: alice`.
 * The label is short (at most 41 characters), which keeps the match linear on very long lines.
 */
const LABELLED_LINE = /^[ \t]*(?:[-*+][ \t]+)?(\*\*|__)?([A-Za-z][\w '/-]{0,40}?)[ \t]*(?:\1[ \t]*:|:[ \t]*\1)(?=[ \t]|$)/;

/** No table syntax is parsed (no rule needs it), so a table arrives as a paragraph of `|` rows. */
function looksLikeTable(source: string): boolean {
  const rows = source.split(/\r?\n/);
  return rows.length >= 2 && rows.every((row) => row.trimStart().startsWith('|'));
}

/** A table whose body cells are all empty or placeholders (its header row is a template's labels, not content). */
function isPlaceholderTable(source: string): boolean {
  const rows = source.split(/\r?\n/).slice(2);
  if (rows.length === 0) return true;
  return rows.every((row) =>
    row
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .every((cell) => cell.trim() === '' || isPlaceholder(cell)),
  );
}
