/**
 * The plain-section reader: for sections micromark would find nothing special in, the events it
 * would give, made without it (see plainSectionEvents).
 */
import type { Event, Token } from 'micromark-util-types';
import { atxMarks } from './syntax';

/**
 * Most sections of typical notes are an ATX heading, paragraphs of plain lines, lists of one-line
 * `- `, `- [ ] ` or `1. ` items and fenced code: for those, micromark would only find that. This
 * reads them directly and gives the events micromark would give for what ChunkScanner reads
 * (blocks, heading text, list item prefixes, task checks, code lines and fences). Anything else
 * returns undefined and goes to micromark: a line ending other than LF, an image or a comment
 * anywhere, a heading title with inline syntax, a fence left open, a list item that is empty or
 * runs on to a second line, a line that could start or end any other block (indented, or opening
 * with `#`, `>`, `+`, `=`, `<`, `[` but for an inline link, three backticks or tildes with more
 * after them than a fence allows, `*` or `_` but for emphasis), an ordered item right after
 * paragraph text, or an item whose marker differs from the list's (`-`, `1.`, `1)`). A test
 * compares the facts with micromark's on random sections.
 */
export function plainSectionEvents(source: string): Event[] | undefined {
  if (source.includes('\r') || source.includes('![') || source.includes('<!--')) return undefined;
  return new PlainSectionReader(source).read();
}

class PlainSectionReader {
  private readonly events: Event[] = [];
  private paragraph?: Token;
  private list?: Token;
  /** The open list's marker: `-`, or an ordered list's delimiter (`.` or `)`); an item with another starts a new list, left to micromark. */
  private listMarker?: string;
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
        if (source.charCodeAt(lineStart + 1) !== 32) return undefined;
        const task = TASK_CHECK.test(source.slice(lineStart + 2, lineEnd));
        if ((!task && !startsPlainLine(source, lineStart + 2, lineEnd)) || !this.listItem(lineStart, lineStart + 2, lineEnd, '-')) return undefined;
        // `- [ ] step`: the check opens the item's paragraph, as GFM reads it.
        if (task) this.exit(this.enter('taskListCheck', lineStart + 2, lineStart + 5));
      } else if (first >= 48 && first <= 57 /* 0-9 */ && ORDERED_ITEM.test(source.slice(lineStart, Math.min(lineEnd, lineStart + 12)))) {
        const marker = ORDERED_ITEM.exec(source.slice(lineStart, lineStart + 12)) as RegExpExecArray;
        const contentStart = lineStart + marker[0].length;
        // An ordered item interrupts a paragraph only from 1: after paragraph text, micromark decides.
        if ((this.paragraph && !this.list) || !startsPlainLine(source, contentStart, lineEnd) || !this.listItem(lineStart, contentStart, lineEnd, marker[2] as string)) return undefined;
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
    this.listMarker = undefined;
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

  /**
   * `- text` or `1. text`: a list item of one line, its text a paragraph from `contentStart`.
   * False when the item would start another list (another marker): that is left to micromark.
   */
  private listItem(start: number, contentStart: number, end: number, marker: string): boolean {
    if (this.list && this.listMarker !== marker) return false;
    this.closeParagraph();
    if (!this.list) {
      this.list = this.enter(marker === '-' ? 'listUnordered' : 'listOrdered', start, end);
      this.listMarker = marker;
    }
    this.list.end = point(end);
    this.blankInList = false;
    this.exit(this.enter('listItemPrefix', start, contentStart));
    this.paragraph = this.enter('paragraph', contentStart, end);
    return true;
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

/** A task list item's check after `- `: `[ ]`, `[x]` or `[X]`, whitespace, then text. */
const TASK_CHECK = /^\[[ xX]\][ \t]+\S/;

/** An ordered list item's marker and the one space after it: up to nine digits, `.` or `)`. */
const ORDERED_ITEM = /^(\d{1,9})([.)]) /;

/**
 * A line opening with an inline link whose text holds no bracket or backslash: `[the dashboard](https://…)`.
 * No definition (`[label]: url`) and no task check (`[ ]`, `[x]` and a space) starts so.
 */
const INLINE_LINK_START = /^\[[^[\]\\\r\n]*\]\(/;

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
    case 91: // [: definitions and task checks, but for a link (`[text](url)`), which is neither
      return INLINE_LINK_START.test(source.slice(start, end));
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
