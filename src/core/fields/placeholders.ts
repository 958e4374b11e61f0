/**
 * Placeholder detection (RN009). A value is a placeholder when it is nothing but one of the
 * markers a template leaves behind, optionally followed by a hint ("TODO: who owns this").
 */
import type { Span } from '../frontMatter';
import type { Block } from '../markdown';

/** Upper case only when a hint follows, so that "Todo app migration" is not taken for one. */
const MARKER_WITH_HINT = /^(?:TODO|TBD|FIXME)(?:[\s:(\-–—,.]|$)/;
const BARE_MARKER = /^(?:todo|tbd|fixme|\?{3,}|n\/a|\.{3}|…)[.!]?$/i;
/** `<owner>`, `<date>`, `<what changed>`: but not autolinks (`<https://…>`) or e-mail addresses. */
const ANGLE_PLACEHOLDER = /^<[A-Za-z][\w .'-]{0,60}>$/;

/** Removes the Markdown decoration around a short value: `**TODO**`, `` `TBD` ``, `_N/A_`. */
function undecorate(value: string): string {
  let text = value.trim();
  for (let i = 0; i < 3; i++) {
    const match = /^(\*\*|__|\*|_|`)([\s\S]*)\1$/.exec(text);
    if (!match || match[2] === undefined) break;
    text = match[2].trim();
  }
  return text;
}

export function isPlaceholder(value: string): boolean {
  const text = undecorate(value);
  if (text.length === 0 || text.length > 400) return false;
  return MARKER_WITH_HINT.test(text) || BARE_MARKER.test(text) || ANGLE_PLACEHOLDER.test(text);
}

/**
 * The span to report when a top-level block is nothing but a placeholder, else undefined: a
 * paragraph ("TODO: how to undo"), a table whose body cells all are, a quote or a code block whose
 * text is, a list whose items all are (the first item is reported).
 */
export function blockPlaceholder(block: Block, text: string): Span | undefined {
  switch (block.type) {
    case 'paragraph': {
      const source = text.slice(block.span.start, block.span.end);
      return (looksLikeTable(source) ? isPlaceholderTable(source) : isPlaceholder(source)) ? block.span : undefined;
    }
    case 'blockquote':
    case 'code':
      return block.text !== undefined && isPlaceholder(block.text) ? block.span : undefined;
    case 'list': {
      const items = block.items ?? [];
      const first = items[0];
      if (!first) return undefined;
      return items.every((item) => item.end > item.start && isPlaceholder(text.slice(item.start, item.end))) ? first : undefined;
    }
    default:
      return undefined;
  }
}

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
