/**
 * Rewrites of a chunk's text before micromark reads it, each keeping every offset (same length)
 * and the facts the rules read, and each taking away a case where micromark's time grows faster
 * than the input.
 */

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
export function defuseUnclosedComments(source: string): string {
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
export function flattenDeepNesting(source: string): string {
  DEEP_PREFIX.lastIndex = 0;
  if (!DEEP_PREFIX.test(source)) return source;
  return source.replace(DEEP_PREFIX, (prefix) => prefix.slice(0, MAX_CONTAINER_PREFIX) + '\u00a0'.repeat(prefix.length - MAX_CONTAINER_PREFIX));
}
