/** Offsets, lines and edits over a note's text. Lines and columns are 0-based, columns count UTF-16 code units (as VS Code does). */

export interface Position {
  line: number;
  column: number;
}

export interface TextEdit {
  /** Offset of the first replaced character. */
  start: number;
  /** Offset after the last replaced character (exclusive). */
  end: number;
  text: string;
  /**
   * The same insertion in VS Code snippet syntax (its placeholders as tab stops), for an editor that
   * inserts snippets; `text` is what it inserts everywhere else (the CLI, fix all, Add All).
   */
  snippet?: string;
}

export class LineIndex {
  /** Offset at which each line starts. */
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    if (!text.includes('\r')) {
      // The common case, and the fast one: a megabyte note is indexed in about a millisecond.
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) {
        starts.push(i + 1);
      } else if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, column: clamped - (this.lineStarts[low] as number) };
  }

  offsetAt(position: Position): number {
    const start = this.lineStarts[Math.max(0, Math.min(position.line, this.lineStarts.length - 1))] as number;
    return Math.min(start + position.column, this.lineEnd(position.line));
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))] as number;
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = this.lineStarts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/** The line break a note already uses, so that inserted text matches it. */
export function detectEol(text: string): '\n' | '\r\n' | '\r' {
  const match = /\r\n|\r|\n/.exec(text);
  return (match?.[0] as '\n' | '\r\n' | '\r' | undefined) ?? '\n';
}

export function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

export class OverlappingEditsError extends Error {
  constructor(readonly first: TextEdit, readonly second: TextEdit) {
    super(`Edits overlap: [${first.start}, ${first.end}) and [${second.start}, ${second.end})`);
  }
}

/**
 * Applies edits to text. Edits refer to offsets in the original text; insertions at the same
 * offset keep their given order. Overlapping edits are refused, because applying them would
 * produce text that nobody wrote.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.order - b.order)
    .map(({ edit }) => edit);
  const parts: string[] = [];
  let cursor = 0;
  let previous: TextEdit | undefined;
  for (const edit of ordered) {
    if (edit.start < 0 || edit.end > text.length || edit.start > edit.end) {
      throw new RangeError(`Edit [${edit.start}, ${edit.end}) is outside the text (length ${text.length})`);
    }
    if (previous && edit.start < previous.end) throw new OverlappingEditsError(previous, edit);
    parts.push(text.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
    previous = edit;
  }
  parts.push(text.slice(cursor));
  return parts.join('');
}

/** True when two edit lists touch overlapping ranges (insertions at one point count as touching). */
export function editsOverlap(a: readonly TextEdit[], b: readonly TextEdit[]): boolean {
  for (const x of a) {
    for (const y of b) {
      if (x.start < y.end && y.start < x.end) return true;
      if (x.start === y.start && (x.start === x.end || y.start === y.end)) return true;
    }
  }
  return false;
}

export const BOM = '\uFEFF';

export function stripBom(text: string): { bom: boolean; text: string } {
  return text.charCodeAt(0) === 0xfeff ? { bom: true, text: text.slice(1) } : { bom: false, text };
}

/** One edit that turns `before` into `after`, touching only what differs (so the editor keeps cursors and markers elsewhere). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  // Never split a surrogate pair or a CRLF: widen to whole characters.
  const splits = (text: string, at: number) => at > 0 && at < text.length && ((/[\uD800-\uDBFF]/.test(text[at - 1] as string) && /[\uDC00-\uDFFF]/.test(text[at] as string)) || (text[at - 1] === '\r' && text[at] === '\n'));
  while (start > 0 && (splits(before, start) || splits(after, start))) start--;
  while (end > 0 && (splits(before, before.length - end) || splits(after, after.length - end))) end--;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}
