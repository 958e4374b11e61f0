/**
 * Labelled lines (`Owner: @alice`, `**Rollback:** restore the snapshot`), read from the paragraphs
 * the Markdown scanner reports. Whether a label names a field is decided by `findFields`, which
 * compares its normalized text with the fields' aliases.
 */
import type { Span } from '../frontMatter';
import type { Paragraph } from '../markdown';
import { normalizeTitle } from './normalize';

export interface LabelledLine {
  normalized: string;
  labelSpan: Span;
  /** The value's text; empty when the label has nothing after it. */
  value: string;
  valueSpan?: Span;
}

/**
 * A labelled line: `Owner: @alice`, `**Owner:** @alice`, `**Owner**: @alice`, `- owner: alice`.
 * The label is short (at most 41 characters), which keeps the match linear on very long lines.
 */
const LABELLED_LINE = /^[ \t]*(?:[-*+][ \t]+)?(\*\*|__)?([A-Za-z][\w '/-]{0,40}?)[ \t]*(?:\1[ \t]*:|:[ \t]*\1)(?=[ \t]|$)/;

/** The labelled lines of the paragraphs of `text`, in order. */
export function findLabelledLines(text: string, paragraphs: readonly Paragraph[]): LabelledLine[] {
  const labels: LabelledLine[] = [];
  for (const paragraph of paragraphs) {
    const pending = collectLabels(text, paragraph.span, labels);
    // "**Rollback:**" alone at the paragraph's end: the next block of its container (a list, a code block) is the value.
    if (pending && paragraph.following) {
      pending.valueSpan = paragraph.following;
      pending.value = text.slice(paragraph.following.start, paragraph.following.end).trim();
    }
  }
  return labels;
}

/**
 * Adds the labelled lines of a paragraph to `labels`. Returns the last label when it has no value
 * yet: the next block may hold it.
 */
function collectLabels(text: string, paragraph: Span, labels: LabelledLine[]): LabelledLine | undefined {
  const { start, end } = paragraph;
  const source = text.slice(start, end);
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
      labels.push(labelled);
      pending = value ? undefined : labelled;
    } else if (pending && line.trim()) {
      // "Rollback:" alone on a line, the value on the lines below it.
      const valueStart = pending.valueSpan?.start ?? start + lineStart;
      // The line without its CR: a value never ends between CR and LF.
      const valueEnd = start + lineEnd - (source.charCodeAt(lineEnd - 1) === 13 ? 1 : 0);
      pending.valueSpan = { start: valueStart, end: valueEnd };
      pending.value = text.slice(valueStart, valueEnd).trim();
    }
    if (lineFeed === -1) break;
    lineStart = lineFeed + 1;
  }
  return pending && !pending.value ? pending : undefined;
}
