/**
 * What the body of a note says, as the declared-vs-found rules compare it: prose words and
 * paragraphs, images with their URLs, and code (blocks and inline spans) with positions.
 *
 * Read from the parsed note's top-level blocks and images plus the text they span, so the
 * Markdown scanner stays as it is. A code fence nested in a list or a quote is found line by line
 * (the scanner reports top-level blocks only); inline code spans follow CommonMark's backtick
 * rule (a run of N backticks closes at the next run of exactly N). Computed once per note and
 * shared by the rules that need it.
 */
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Span } from './frontMatter';
import type { Block, ChunkFacts, ImageRef } from './markdown';
import type { ParsedNote } from './parse';
import { UnicodePattern } from './unicodePattern';

export interface CodeSpan {
  /** `block` for a fenced or indented code block, `inline` for a `` `code` `` span. */
  type: 'block' | 'inline';
  /** Where the code's own text starts and ends in the note (fence lines and backticks excluded). */
  span: Span;
  /** A fenced block's info string, lower case (`sh`, `sql`); empty otherwise. */
  info: string;
}

export interface BodyImage {
  /** The whole image (`![alt](url)` or `<img …>`). */
  span: Span;
  /** The image's URL as written (a reference resolved through its definition); undefined when it cannot be read. */
  url?: string;
}

export interface BodyContent {
  /** Words of prose: headings, paragraphs, lists and quotes, without code blocks, comments, HTML tags, images or URLs; an inline code span counts as one word. */
  proseWords: number;
  /** Top-level paragraphs that hold prose: not a table, not only an image. */
  proseParagraphs: number;
  images: BodyImage[];
  code: CodeSpan[];
}

const cache = new WeakMap<ParsedNote, BodyContent>();

/**
 * A body with no prose, no image and no code: a note whose front matter is written first. The
 * declared-vs-found rules stay quiet on it, as there is nothing yet to compare with.
 */
export function bodyNotWritten(content: BodyContent): boolean {
  return content.proseWords === 0 && content.images.length === 0 && content.code.length === 0;
}

/** The body's content; computed on first use for a note and then shared. */
export function bodyContent(note: ParsedNote): BodyContent {
  let content = cache.get(note);
  if (!content) {
    content = readBody(note);
    cache.set(note, content);
  }
  return content;
}

const LINE = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
/** What opens a line inside a list or a quote: `>`, `- `, `1. `, and their indentation. */
const CONTAINER_PREFIX = /^[ \t]*(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*)*/;
const FENCE = /^(`{3,}|~{3,})[ \t]*([^`\r\n]*?)[ \t]*$/;
const HTML_IMG = /<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>/gi;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/m;

interface Line {
  start: number;
  /** Offset after the container prefix. */
  contentStart: number;
  end: number;
}

function linesIn(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  const slice = text.slice(start, end);
  LINE.lastIndex = 0;
  for (let match = LINE.exec(slice); match && match.index < slice.length; match = LINE.exec(slice)) {
    const raw = match[0].replace(/\r?\n$|\r$/, '');
    const prefix = CONTAINER_PREFIX.exec(raw)?.[0].length ?? 0;
    lines.push({ start: start + match.index, contentStart: start + match.index + prefix, end: start + match.index + raw.length });
    if (match[0].length === 0) break;
  }
  return lines;
}

/** An image before reference labels are resolved: its URL, or the label of the definition that gives it. */
interface PartImage {
  span: Span;
  url?: string;
  /** A reference image's normalized label (`![alt][label]`), looked up in every definition of the note. */
  label?: string;
}

/** What one stretch of the body holds (offsets relative to its start), before definitions from elsewhere are known. */
interface BodyPart {
  proseWords: number;
  proseParagraphs: number;
  images: PartImage[];
  code: CodeSpan[];
  /** The link reference definitions written here, normalized label to URL, in order. */
  definitions: [string, string][];
}

/**
 * Parts of chunks, kept while the section cache keeps the chunk (the same ChunkFacts object for the
 * same text): a keystroke in a long note then reads only the section it changed, where reading the
 * whole body again cost a third of the lint (`npm run bench`, the keystroke row).
 */
const parts = new WeakMap<ChunkFacts, BodyPart>();

function readBody(note: ParsedNote): BodyContent {
  const chunks = note.chunks ?? [{ start: 0, end: note.text.length, facts: undefined }];
  const content: BodyContent = { proseWords: 0, proseParagraphs: 0, images: [], code: [] };
  const definitions = new Map<string, string>();
  const images: PartImage[] = [];
  for (const chunk of chunks) {
    let part = chunk.facts && parts.get(chunk.facts);
    if (!part) {
      part = chunk.facts ? readPart(note.text.slice(chunk.start, chunk.end), chunk.facts.blocks, chunk.facts.images) : readPart(note.text, note.blocks, note.images);
      if (chunk.facts) parts.set(chunk.facts, part);
    }
    const shift = chunk.start;
    content.proseWords += part.proseWords;
    content.proseParagraphs += part.proseParagraphs;
    for (const code of part.code) content.code.push(shift === 0 ? code : { ...code, span: moved(code.span, shift) });
    for (const image of part.images) images.push(shift === 0 ? image : { ...image, span: moved(image.span, shift) });
    for (const [label, url] of part.definitions) definitions.set(label, url);
  }
  content.images = images.map((image) => ({ span: image.span, url: image.label !== undefined ? definitions.get(image.label) : image.url }));
  return content;
}

function moved(span: Span, shift: number): Span {
  return { start: span.start + shift, end: span.end + shift };
}

/** Reads the blocks and images of `text` (a whole note, or one chunk with offsets relative to it). */
function readPart(text: string, blocks: readonly Block[], markdownImages: readonly ImageRef[]): BodyPart {
  const code: CodeSpan[] = [];
  const prose: Span[] = [];
  const definitions: [string, string][] = [];
  const htmlBlocks: Span[] = [];
  let proseWords = 0;
  let proseParagraphs = 0;

  for (const block of blocks) {
    const { start, end } = block.span;
    switch (block.type) {
      case 'code':
        code.push(topLevelCode(text, block.span));
        break;
      case 'definition':
        for (const line of linesIn(text, start, end)) {
          const match = /^[ \t]*\[((?:[^\]\\]|\\.)+)\]:[ \t]*(?:<([^>\r\n]*)>|(\S+))/.exec(text.slice(line.start, line.end));
          if (match) definitions.push([normalizeIdentifier(match[1] as string), (match[2] ?? match[3]) as string]);
        }
        break;
      case 'html':
        if (!block.comment) htmlBlocks.push(block.span);
        break;
      case 'heading':
      case 'paragraph':
      case 'list':
      case 'blockquote': {
        const ranges = splitNestedFences(text, block.span, code);
        let words = 0;
        for (const range of ranges) {
          prose.push(range);
          words += countProseWords(text, range, code);
        }
        proseWords += words;
        // A table (GFM, read here as a paragraph) has a delimiter row; most paragraphs hold no `|` at all.
        const pipe = text.indexOf('|', start);
        if (block.type === 'paragraph' && words > 0 && (pipe === -1 || pipe >= end || !TABLE_DELIMITER.test(text.slice(start, end)))) proseParagraphs++;
        break;
      }
      default:
        break;
    }
  }

  const images: PartImage[] = markdownImages.filter((image) => !insideCode(code, image.span.start)).map((image) => ({ span: image.span, ...imageTarget(text.slice(image.span.start, image.span.end)) }));
  for (const span of [...htmlBlocks, ...prose]) {
    const source = text.slice(span.start, span.end);
    if (!/<img\b/i.test(source)) continue;
    HTML_IMG.lastIndex = 0;
    for (let match = HTML_IMG.exec(source); match; match = HTML_IMG.exec(source)) {
      const at = span.start + match.index;
      if (insideCode(code, at)) continue;
      images.push({ span: { start: at, end: at + match[0].length }, url: decodeEntities(match[1] ?? match[2] ?? match[3] ?? '') });
    }
  }
  images.sort((a, b) => a.span.start - b.span.start);
  code.sort((a, b) => a.span.start - b.span.start);
  return { proseWords, proseParagraphs, images, code, definitions };
}

/** A top-level code block: the text between its fences (or all of it, when indented). */
function topLevelCode(text: string, span: Span): CodeSpan {
  const lines = linesIn(text, span.start, span.end);
  const first = lines[0];
  const opening = first ? FENCE.exec(text.slice(first.start, first.end).trimStart()) : null;
  if (!first || !opening) return { type: 'block', span, info: '' };
  const last = lines[lines.length - 1] as Line;
  const closed = lines.length > 1 && new RegExp(`^[ \\t]*${(opening[1] as string)[0] === '`' ? '`' : '~'}{${(opening[1] as string).length},}[ \\t]*$`).test(text.slice(last.start, last.end));
  const contentStart = lines[1]?.start ?? first.end;
  const contentEnd = closed ? last.start : span.end;
  return { type: 'block', span: { start: contentStart, end: Math.max(contentStart, contentEnd) }, info: infoWord(opening[2] ?? '') };
}

function infoWord(info: string): string {
  return (/^[^\s{]+/.exec(info.trim())?.[0] ?? '').replace(/^\{?\.?/, '').toLowerCase();
}

/**
 * Splits a prose block at the fenced code blocks nested in it (`1. Run:` then an indented fence):
 * the code goes to `code`, the prose ranges are returned.
 */
function splitNestedFences(text: string, span: Span, code: CodeSpan[]): Span[] {
  const source = text.slice(span.start, span.end);
  if (!source.includes('```') && !source.includes('~~~')) return [span];
  const ranges: Span[] = [];
  let proseStart = span.start;
  let open: { marker: string; length: number; contentStart: number; info: string } | undefined;
  for (const line of linesIn(text, span.start, span.end)) {
    const content = text.slice(line.contentStart, line.end);
    if (open) {
      const close = new RegExp(`^[ \\t]*${open.marker === '`' ? '`' : '~'}{${open.length},}[ \\t]*$`).test(content) || new RegExp(`^[ \\t]*${open.marker === '`' ? '`' : '~'}{${open.length},}[ \\t]*$`).test(text.slice(line.start, line.end));
      if (close) {
        code.push({ type: 'block', span: { start: open.contentStart, end: line.start }, info: open.info });
        open = undefined;
        proseStart = nextLineStart(text, line.end);
      }
      continue;
    }
    const fence = FENCE.exec(content);
    if (fence) {
      if (line.start > proseStart) ranges.push({ start: proseStart, end: line.start });
      const marker = fence[1] as string;
      open = { marker: marker[0] as string, length: marker.length, contentStart: nextLineStart(text, line.end), info: infoWord(fence[2] ?? '') };
    }
  }
  if (open) code.push({ type: 'block', span: { start: open.contentStart, end: span.end }, info: open.info });
  else if (span.end > proseStart) ranges.push({ start: proseStart, end: span.end });
  return ranges;
}

function nextLineStart(text: string, lineEnd: number): number {
  if (text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10) return lineEnd + 2;
  return lineEnd < text.length ? lineEnd + 1 : lineEnd;
}

/**
 * Counts the words of one prose range and records its inline code spans in `code`, in one pass
 * over the note's text without copying it: comments, HTML tags, images, link destinations and
 * bare URLs are stepped over; an inline code span is one word.
 */
function countProseWords(text: string, range: Span, code: CodeSpan[]): number {
  const { start, end } = range;
  const closers = backtickClosers(text, start, end);
  let words = 0;
  let inWord = false;
  let index = start;
  while (index < end) {
    const char = text.charCodeAt(index);
    let skipTo = -1;
    if (char === 96 /* ` */) {
      let runEnd = index;
      while (runEnd < end && text.charCodeAt(runEnd) === 96) runEnd++;
      const close = closers.get(index);
      if (close !== undefined) {
        code.push({ type: 'inline', span: { start: runEnd, end: close }, info: '' });
        words++;
        skipTo = close + (runEnd - index);
      } else {
        skipTo = runEnd;
      }
    } else if (char === 60 /* < */) {
      if (text.startsWith('<!--', index)) skipTo = endOf(text.indexOf('-->', index + 4), 3, end);
      else if (isTagStart(text.charCodeAt(index + 1))) skipTo = endOf(lineBound(text, '>', index + 1, end), 1, -1);
    } else if (char === 33 /* ! */ && text.charCodeAt(index + 1) === 91 /* [ */) {
      skipTo = afterImage(text, index, end);
    } else if (char === 93 /* ] */ && text.charCodeAt(index + 1) === 40 /* ( */) {
      skipTo = endOf(lineBound(text, ')', index + 2, end), 1, -1);
    } else if (char === 91 /* [ */ && text.charCodeAt(index + 2) === 93 /* ] */ && /[ xX]/.test(text.charAt(index + 1))) {
      skipTo = index + 3;
    } else if (char === 104 /* h */ && !inWord && (text.startsWith('http://', index) || text.startsWith('https://', index))) {
      skipTo = index;
      while (skipTo < end && !/\s/.test(text.charAt(skipTo))) skipTo++;
    }
    if (skipTo > index) {
      index = skipTo;
      inWord = false;
      continue;
    }
    if (isWordChar(char, text, index)) {
      if (!inWord) words++;
      inWord = true;
    } else if (!(inWord && (char === 39 || char === 0x2019 || char === 46 || char === 45) && index + 1 < end && isWordChar(text.charCodeAt(index + 1), text, index + 1))) {
      // Anything but a joiner (an apostrophe, a dot or a hyphen between two word characters: `don't`, `v1.2`) ends the word.
      inWord = false;
    }
    index++;
  }
  return words;
}

/** Where a code span opened by each backtick run in [start, end) closes: at the next run of the same length, within the paragraph. */
function backtickClosers(text: string, start: number, end: number): Map<number, number> {
  const closers = new Map<number, number>();
  const first = text.indexOf('`', start);
  if (first === -1 || first >= end) return closers;
  const runs: { at: number; length: number }[] = [];
  for (let index = first; index !== -1 && index < end; index = text.indexOf('`', index)) {
    let runEnd = index;
    while (runEnd < end && text.charCodeAt(runEnd) === 96) runEnd++;
    runs.push({ at: index, length: runEnd - index });
    index = runEnd;
  }
  // The next run of the same length, found from the back in one pass.
  const next = new Array<number>(runs.length).fill(-1);
  const nextOfLength = new Map<number, number>();
  for (let index = runs.length - 1; index >= 0; index--) {
    const run = runs[index] as { at: number; length: number };
    next[index] = nextOfLength.get(run.length) ?? -1;
    nextOfLength.set(run.length, index);
  }
  for (let index = 0; index < runs.length; index++) {
    const closing = next[index] as number;
    if (closing === -1) continue;
    const open = runs[index] as { at: number; length: number };
    const close = runs[closing] as { at: number; length: number };
    // A blank line ends the paragraph, and with it any code span.
    if (/\n[ \t]*\r?\n/.test(text.slice(open.at + open.length, close.at))) continue;
    closers.set(open.at, close.at);
    index = closing;
  }
  return closers;
}

function isTagStart(code: number): boolean {
  return code === 47 /* / */ || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** The offset of `char` from `from` on the same line, before `end`; -1 when there is none. */
function lineBound(text: string, char: string, from: number, end: number): number {
  const found = text.indexOf(char, from);
  if (found === -1 || found >= end) return -1;
  const newline = text.indexOf('\n', from);
  return newline !== -1 && newline < found ? -1 : found;
}

/** The offset after a found marker of `length` characters; `fallback` when it was not found (-1: do not skip). */
function endOf(found: number, length: number, fallback: number): number {
  return found === -1 ? fallback : found + length;
}

/** The offset after `![alt](url)` or `![alt][label]` starting at `at`; -1 when it is no image. */
function afterImage(text: string, at: number, end: number): number {
  let depth = 0;
  for (let index = at + 1; index < end; index++) {
    const char = text.charCodeAt(index);
    if (char === 92 /* \ */) index++;
    else if (char === 91) depth++;
    else if (char === 93 && --depth === 0) {
      const after = text.charCodeAt(index + 1);
      if (after === 40 /* ( */) return endOf(lineBound(text, ')', index + 2, end), 1, index + 1);
      if (after === 91 /* [ */) return endOf(lineBound(text, ']', index + 2, end), 1, index + 1);
      return index + 1;
    } else if (char === 10 && depth > 0 && /^\n[ \t]*\r?\n/.test(text.slice(index, index + 80))) {
      return -1;
    }
  }
  return -1;
}

/** Built on the first character outside ASCII (see unicodePattern.ts). */
const LETTER_OR_DIGIT = new UnicodePattern(String.raw`[\p{L}\p{N}]`, 'u');

/** ASCII letters and digits, looked up rather than compared: this runs once per character of prose. */
const ASCII_WORD = new Uint8Array(128).map((_, code) => ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0));

function isWordChar(code: number, text: string, index: number): boolean {
  if (code < 128) return ASCII_WORD[code] === 1;
  // Outside ASCII, ask Unicode (a surrogate pair is read whole).
  const char = String.fromCodePoint(text.codePointAt(index) ?? code);
  const letterOrDigit = LETTER_OR_DIGIT.full();
  return letterOrDigit.test(char) || (code >= 0xdc00 && code <= 0xdfff && index > 0 && letterOrDigit.test(String.fromCodePoint(text.codePointAt(index - 1) ?? code)));
}

function insideCode(code: readonly CodeSpan[], offset: number): boolean {
  return code.some((span) => span.type === 'block' && offset >= span.span.start && offset < span.span.end);
}

/** The URL of `![alt](url "title")`, or the label of `![alt][label]`, `![label][]` and `![label]` (resolved once every definition is known); neither when it cannot be read. */
function imageTarget(source: string): { url?: string; label?: string } {
  const close = closingBracket(source);
  if (close === -1) return {};
  const rest = source.slice(close + 1);
  const inline = /^\(\s*(?:<([^>\r\n]*)>|([^\s)]+))/.exec(rest);
  if (inline) return { url: decodeEntities(inline[1] ?? inline[2] ?? '') };
  const label = /^\[((?:[^\]\\]|\\.)*)\]/.exec(rest)?.[1];
  const key = label && label.trim() !== '' ? label : source.slice(2, close);
  return { label: normalizeIdentifier(key) };
}

/** The index of the `]` that closes the image's `![`, counting nested brackets. */
function closingBracket(source: string): number {
  let depth = 0;
  for (let index = 1; index < source.length; index++) {
    const char = source[index];
    if (char === '\\') index++;
    else if (char === '[') depth++;
    else if (char === ']' && --depth === 0) return index;
  }
  return -1;
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim();
}
