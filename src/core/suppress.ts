/**
 * The edits behind "Disable RNxxx for this line" and "… for this file": the inline comments of
 * `disable.ts`, placed where they take effect and where they keep the note's structure intact.
 */
import { bodyContent } from './bodyContent';
import { locateFrontMatter } from './frontMatter';
import { isTableBodyRow } from './markdown/table';
import { parseNote } from './parse';
import { detectEol, LineIndex, type TextEdit } from './text';
import type { Diagnostic } from './types';

/**
 * A `disable-next-line` comment on its own line above the finding's line: an HTML comment in the
 * body, a YAML comment in front matter. Undefined where no comment line can go (the opening fence
 * of front matter, an unterminated front matter block, a table's row, which a comment line would
 * cut in two, or a line inside a code block, where the comment would become part of the code).
 */
export function disableLineEdit(text: string, diagnostic: Pick<Diagnostic, 'ruleId' | 'start'>): TextEdit | undefined {
  const lines = new LineIndex(text);
  const line = lines.positionAt(diagnostic.start).line;
  const lineStart = lines.offsetAt({ line, column: 0 });
  const located = locateFrontMatter(text);
  if (located === 'unterminated') return undefined;
  const inFrontMatter = located !== undefined && diagnostic.start < located.block.end + 1;
  if (inFrontMatter && (lineStart < located.content.start || lineStart >= located.closingFenceStart)) return undefined;
  if (!inFrontMatter && isTableBodyRow(lines, line)) return undefined;
  if (!inFrontMatter && insideCodeBlock(text, lineStart)) return undefined;
  const indent = /^[ \t]*/.exec(lines.lineText(line))?.[0] ?? '';
  const eol = detectEol(text);
  const comment = inFrontMatter ? `# runbook-notes-disable-next-line ${diagnostic.ruleId}` : `<!-- runbook-notes-disable-next-line ${diagnostic.ruleId} -->`;
  return { start: lineStart, end: lineStart, text: `${indent}${comment}${eol}` };
}

function insideCodeBlock(text: string, offset: number): boolean {
  if (!text.includes('```') && !text.includes('~~~') && !/^(?: {4}|\t)/m.test(text)) return false;
  return bodyContent(parseNote(text)).code.some((code) => code.type === 'block' && offset >= code.span.start && offset < code.span.end);
}

/** A `disable` comment first in the body (right after the front matter), which covers the whole file. Undefined for unterminated front matter. */
export function disableFileEdit(text: string, ruleId: string): TextEdit | undefined {
  const located = locateFrontMatter(text);
  if (located === 'unterminated') return undefined;
  const eol = detectEol(text);
  const comment = `<!-- runbook-notes-disable ${ruleId} -->`;
  if (!located) {
    const bom = text.startsWith('\uFEFF') ? 1 : 0;
    return { start: bom, end: bom, text: `${comment}${eol}` };
  }
  // After the closing fence's line: `---` stays a fence of its own, the comment opens the body.
  return { start: located.block.end, end: located.block.end, text: `${eol}${comment}` };
}
