/** Small CommonMark facts shared by the section cut, the plain-section reader and the scanner. */

/** How many `#` open an ATX heading at `at` (one to six, then a space, a tab, a line ending or the end of the text); 0 when none does. */
export function atxMarks(text: string, at: number): number {
  let marks = 0;
  while (marks < 7 && text.charCodeAt(at + marks) === 35 /* # */) marks++;
  const after = text.charCodeAt(at + marks);
  return marks <= 6 && (Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13) ? marks : 0;
}

/** The end condition of HTML blocks of kinds 1 to 5 (CommonMark §4.6); undefined for kinds 6 and 7, which end at a blank line. */
export function htmlEndMarker(firstLine: string): RegExp | undefined {
  const line = firstLine.trimStart();
  if (/^<(?:script|pre|style|textarea)(?:[\s>]|$)/i.test(line)) return /<\/(?:script|pre|style|textarea)>/im;
  if (line.startsWith('<!--')) return /-->/m;
  if (line.startsWith('<?')) return /\?>/m;
  if (line.startsWith('<![CDATA[')) return /\]\]>/m;
  if (/^<![A-Za-z]/.test(line)) return />/m;
  return undefined;
}

/** The offset of the first line ending (CR or LF) at or after `offset`, or the text's length. */
export function lineEndAt(text: string, offset: number): number {
  for (let index = offset; index < text.length; index++) {
    const ch = text.charCodeAt(index);
    if (ch === 10 || ch === 13) return index;
  }
  return text.length;
}
