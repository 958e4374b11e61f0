/**
 * Labelled lines (`Owner: @alice`, `**Rollback:** restore the snapshot`) and key/value table rows
 * (`| **Owner** | @alice |`), read from the paragraphs the Markdown scanner reports, wherever they
 * sit: top level, quotes, alert blocks, list items. Whether a label names a field is decided by
 * `findFields`, which compares its normalized text with the fields' aliases.
 */
import type { Span } from '../frontMatter';
import type { Comment, Paragraph } from '../markdown';
import { paragraphLines, readTable, type ParagraphLine, type TableCell } from '../markdown/table';
import { normalizeTitle } from './normalize';
import { UnicodePattern } from '../unicodePattern';

export interface LabelledLine {
  normalized: string;
  labelSpan: Span;
  /** The value's text; empty when the label has nothing after it. */
  value: string;
  valueSpan?: Span;
  /** A table row's value cell, where an empty value is reported. */
  valueCell?: Span;
}

/**
 * A labelled line: `Owner: @alice`, `**Owner:** @alice`, `**Owner**: @alice`, `- owner: alice`,
 * `Zuständig： @frank`. The label starts with a letter of any script; it is short (at most 41
 * characters), which keeps the match linear on very long lines.
 */
const LABELLED_LINE = new UnicodePattern(String.raw`^[ \t]*(?:[-*+][ \t]+)?(\*\*|__|\*|_)?(\p{L}[\p{L}\p{N}\p{M}_ '/-]{0,40}?)[ \t]*(?:\1[ \t]*[:：]|[:：][ \t]*\1)(?=[ \t]|$)`, 'u');

/**
 * Header rows of key/value tables: `| Field | Value |`, `| Key | Value |`, `| Name | Details |`.
 * Their words are column titles, never a field's label or value.
 */
const HEADER_WORDS = new Set([
  'field', 'fields', 'key', 'keys', 'name', 'names', 'item', 'items', 'property', 'properties', 'attribute', 'attributes', 'parameter', 'parameters',
  'setting', 'settings', 'label', 'entry', 'topic', 'what', 'value', 'values', 'details', 'detail', 'description', 'info', 'information', 'content',
  'contents', 'data', 'answer', 'answers', 'notes', 'note', 'comment', 'comments', 'who', 'where',
]);

const LABEL_OR_TABLE = /[:：|]/;

/** The labelled lines and rows of the paragraphs of `text`, in order. Text inside comments is skipped. */
export function findLabelledLines(text: string, paragraphs: readonly Paragraph[], comments: readonly Comment[] = []): LabelledLine[] {
  const labels: LabelledLine[] = [];
  // Paragraphs never hold one another, and both lists are in the order of the text: one pass over the comments serves all paragraphs.
  let nextComment = 0;
  for (const paragraph of paragraphs) {
    const { span } = paragraph;
    while (nextComment < comments.length && (comments[nextComment] as Comment).span.end <= span.start) nextComment++;
    const inside: Comment[] = [];
    for (let index = nextComment; index < comments.length && (comments[index] as Comment).span.start < span.end; index++) inside.push(comments[index] as Comment);
    const source = inside.length > 0 ? masked(text, inside) : text;
    // Without a colon or a pipe a paragraph holds no label and no table: most prose is passed over unsplit.
    if (!LABEL_OR_TABLE.test(source.slice(span.start, span.end))) continue;
    const lines = paragraphLines(source, span);
    const table = lines.length >= 2 && lines.some((line) => line.text.includes('|')) ? readTable(lines) : undefined;
    const prose = table ? lines.slice(0, table.firstLine) : lines;
    const pending = collectLabels(source, prose, labels);
    if (table) collectRows(source, table.header, table.rows, labels);
    // "**Rollback:**" alone at the paragraph's end: the next block of its container (a list, a code block) is the value.
    else if (pending && paragraph.following) {
      pending.valueSpan = paragraph.following;
      pending.value = source.slice(paragraph.following.start, paragraph.following.end).trim();
    }
  }
  return labels;
}

/** The text with each comment replaced by spaces (line endings kept): same offsets, nothing of the comment left to read. */
function masked(text: string, comments: readonly Comment[]): string {
  const parts: string[] = [];
  let copied = 0;
  for (const { span } of comments) {
    if (span.start < copied) continue;
    parts.push(text.slice(copied, span.start), text.slice(span.start, span.end).replace(/[^\r\n]/g, ' '));
    copied = span.end;
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/**
 * Adds the labelled lines among a paragraph's lines to `labels`. Returns the last label when it
 * has no value yet: the next block may hold it.
 */
function collectLabels(text: string, lines: readonly ParagraphLine[], labels: LabelledLine[]): LabelledLine | undefined {
  let pending: LabelledLine | undefined;
  for (const { text: line, start } of lines) {
    const match = line.includes(':') || line.includes('：') ? LABELLED_LINE.for(line).exec(line) : null;
    if (match) {
      const label = match[2] as string;
      const labelOffset = start + line.indexOf(label, match[1] ? match[1].length : 0);
      const rest = line.slice(match[0].length);
      const value = rest.trim();
      const valueStart = start + match[0].length + (rest.length - rest.trimStart().length);
      const labelled: LabelledLine = {
        normalized: normalizeTitle(label),
        labelSpan: { start: labelOffset, end: labelOffset + label.length },
        value,
        valueSpan: value ? { start: valueStart, end: valueStart + value.length } : undefined,
      };
      labels.push(labelled);
      pending = value ? undefined : labelled;
    } else if (pending && line.trim()) {
      // "Rollback:" alone on a line, the value on the lines below it.
      const valueStart = pending.valueSpan?.start ?? start;
      const valueEnd = start + line.trimEnd().length;
      pending.valueSpan = { start: valueStart, end: valueEnd };
      pending.value = text.slice(valueStart, valueEnd).trim();
    }
  }
  return pending && !pending.value ? pending : undefined;
}

/**
 * The rows of a table whose first column names things: the first cell is the label (compared as
 * a heading is), the second the value. A header row is a row too when the table has two columns
 * and the header is no column titles (`| Owner | @platform |` as the first row); a one-column
 * table's cells are read as labelled lines (`| Owner: @platform |`).
 */
function collectRows(source: string, header: readonly TableCell[], rows: readonly TableCell[][], labels: LabelledLine[]): void {
  const headerIsRow = header.length === 2 && header.every((cell) => cell.text !== '' && !HEADER_WORDS.has(normalizeTitle(cell.text)));
  for (const row of headerIsRow ? [header, ...rows] : rows) {
    const [labelCell, valueCell] = row;
    if (!labelCell) continue;
    const inCell = LABELLED_LINE.for(labelCell.text).exec(labelCell.text);
    if (!valueCell || (inCell && labelCell.text.slice(inCell[0].length).trim())) {
      // `| Owner: @alice |`: a labelled line inside a cell.
      collectLabels(source, [{ text: source.slice(labelCell.span.start, labelCell.span.end), start: labelCell.span.start }], labels);
      continue;
    }
    const normalized = normalizeTitle(labelCell.text);
    if (!normalized || labelCell.text.length > 60) continue;
    // The label without the decoration around it: `**Owner:**` reads as `Owner`.
    const decoration = /^([*_`\s]*)([\s\S]*?)[*_`:：\s]*$/u.exec(labelCell.text);
    const start = labelCell.span.start + (decoration?.[1]?.length ?? 0);
    const bare = decoration?.[2] || labelCell.text;
    labels.push({
      normalized,
      labelSpan: bare === labelCell.text ? labelCell.span : { start, end: start + bare.length },
      value: valueCell.text,
      valueSpan: valueCell.text ? valueCell.span : undefined,
      valueCell: valueCell.span,
    });
  }
}
