/**
 * GFM tables (https://github.github.com/gfm/#tables-extension-), read from a paragraph's text.
 * micromark is run without the table extension (no rule needs a table's inline content, and it
 * costs a tenth of the parse), so a table arrives as a paragraph; this finds its rows and cells
 * with their offsets. The same lines are a table for GitHub: a header row, a delimiter row with as
 * many cells, then body rows up to the paragraph's end.
 */
import type { Span } from '../frontMatter';

export interface TableCell {
  /** The cell's text, trimmed, with `\|` read as `|`. */
  text: string;
  /** The trimmed text; for an empty cell, the space between its pipes. */
  span: Span;
}

export interface Table {
  /** Where the table starts: the header row's line, inside the paragraph (0 when the paragraph is the table). */
  firstLine: number;
  header: TableCell[];
  rows: TableCell[][];
}

/** One line of a paragraph: its text without container markers (`> `), and where that text starts. */
export interface ParagraphLine {
  text: string;
  start: number;
}

/** A quote's `>` markers and the indentation around them: what a paragraph's later lines start with inside a quote or a list item. */
const CONTAINER_PREFIX = /^[ \t]*(?:>[ \t]*)*/;

/** The lines of the paragraph at `span` in `text`, each without its container prefix and without its line ending. */
export function paragraphLines(text: string, span: Span): ParagraphLine[] {
  const lines: ParagraphLine[] = [];
  let lineStart = span.start;
  while (lineStart <= span.end) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd === -1 || lineEnd > span.end) lineEnd = span.end;
    let contentEnd = lineEnd;
    if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 13 /* \r */) contentEnd--;
    const raw = text.slice(lineStart, contentEnd);
    const prefix = CONTAINER_PREFIX.exec(raw)?.[0].length ?? 0;
    lines.push({ text: raw.slice(prefix), start: lineStart + prefix });
    if (lineEnd >= span.end) break;
    lineStart = lineEnd + 1;
  }
  return lines;
}

const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** Whether a line (without its container prefix) is a table's delimiter row: `| --- | :-: |`, `--|--`. */
export function isDelimiterRow(line: string): boolean {
  return line.includes('|') && DELIMITER_ROW.test(line);
}

/** Whether `line` of `lines` is a body row of a table: the lines above it up to the delimiter row all hold a pipe. */
export function isTableBodyRow(lines: { lineText(line: number): string; lineCount: number }, line: number): boolean {
  for (let above = line - 1; above >= 0; above--) {
    const text = lines.lineText(above).replace(CONTAINER_PREFIX, '');
    if (!text.includes('|')) return false;
    if (isDelimiterRow(text)) return true;
  }
  return false;
}

/** The table in a paragraph's lines, or undefined when there is none. */
export function readTable(lines: readonly ParagraphLine[]): Table | undefined {
  if (lines.length < 2) return undefined;
  for (let index = 0; index + 1 < lines.length; index++) {
    const header = lines[index] as ParagraphLine;
    const delimiter = lines[index + 1] as ParagraphLine;
    if (!header.text.includes('|') || !isDelimiterRow(delimiter.text)) continue;
    const headerCells = splitRow(header);
    if (headerCells.length !== splitRow(delimiter).length) continue;
    return { firstLine: index, header: headerCells, rows: lines.slice(index + 2).map(splitRow) };
  }
  return undefined;
}

/** A row's cells: split at each pipe not escaped with `\`, a leading and a trailing pipe being optional. */
function splitRow(line: ParagraphLine): TableCell[] {
  const { text } = line;
  const bounds: number[] = [];
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 92 /* \ */) at++;
    else if (code === 124 /* | */) bounds.push(at);
  }
  let from = 0;
  let to = text.length;
  const first = bounds[0];
  if (first !== undefined && text.slice(0, first).trim() === '') {
    from = first + 1;
    bounds.shift();
  }
  const last = bounds[bounds.length - 1];
  if (last !== undefined && text.slice(last + 1).trim() === '') {
    to = last;
    bounds.pop();
  }
  const cells: TableCell[] = [];
  let cellStart = from;
  for (const bound of [...bounds, to]) {
    const raw = text.slice(cellStart, bound);
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    const start = line.start + cellStart + (trimmed ? leading : 0);
    cells.push({ text: trimmed.replace(/\\\|/g, '|'), span: { start, end: trimmed ? start + trimmed.length : line.start + bound } });
    cellStart = bound + 1;
  }
  return cells;
}
