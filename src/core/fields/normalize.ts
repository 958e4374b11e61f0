/**
 * How headings, labels, table label cells and aliases are compared: one function for all four, so
 * that a text that names a field as a heading names it as a label or a table cell too.
 */

import { UnicodePattern } from '../unicodePattern';

/** HTML comments and inline tags (`<a id="x"></a>`, `<span>`): markup, not words. */
const INLINE_HTML = /<!--[\s\S]*?-->|<\/?[A-Za-z][\w-]*(?:\s[^<>]*)?\/?>/g;
/** A trailing attribute block: `{#rollback}`, `{: .class }`, `{.wide #id key=value}` (kramdown, Pandoc, MkDocs attr_list, Hugo). */
const ATTRIBUTE_BLOCK = /\s*\{:?\s*[#.:][^{}]*\}\s*$/u;
/** A `:shortcode:` emoji, as GitHub, MkDocs and Slack write them. */
const SHORTCODE = /:[a-z0-9_+-]+:/g;
/** A trailing qualifier in parentheses or brackets: `Metrics (optional)`, `Rollback [if needed]`. */
const TRAILING_QUALIFIER = /\s*(?:\([^()]*\)|\[[^[\]]*\])$/u;
const EMOJI_SHAPING = /[\uFE0E\uFE0F\u200D\u20E3]/g;
const NOT_WORD = '[^\\p{L}\\p{N}\\p{M}]+';
const LEADING_NOT_WORD = new UnicodePattern(`^${NOT_WORD}`, 'u');
const TRAILING_NOT_WORD = new UnicodePattern(`${NOT_WORD}$`, 'u');
/** Trailing symbols up to a closing bracket, which may end a qualifier. */
const TRAILING_NOT_WORD_OR_BRACKET = new UnicodePattern('[^\\p{L}\\p{N}\\p{M})\\]]+$', 'u');

/**
 * The text a heading, a label or an alias is compared by: `## 3. Rollback:`, `## 🔙 Rollback ↩️`,
 * `## Rollback {#rollback}`, `## <a id="r"></a>Rollback`, `## Rollback (if needed)`,
 * `**Rollback**` and `## ROLLBACK：` all read as "rollback". Unicode-aware: compatibility forms
 * (full-width letters and punctuation) are folded (NFKC), letters of every script are words, and
 * case is folded. Leading numbering (`3.`, `Step 2:`), leading and trailing symbols, emoji and
 * `:shortcodes:`, a trailing attribute block or parenthetical qualifier, inline HTML, comments and
 * spacing do not count.
 */
export function normalizeTitle(title: string): string {
  const known = normalizedTitles.get(title);
  if (known !== undefined) return known;
  const normalized = normalizeUncached(title);
  // A note's headings and labels come back at every keystroke: remember them, within bounds.
  if (normalizedTitles.size >= MAX_REMEMBERED_TITLES) normalizedTitles.clear();
  if (title.length <= 200) normalizedTitles.set(title, normalized);
  return normalized;
}

const MAX_REMEMBERED_TITLES = 20_000;
const normalizedTitles = new Map<string, string>();

function normalizeUncached(title: string): string {
  // Variation selectors, joiners and the keycap mark only shape an emoji: without them it is a symbol.
  // Spacing collapsed first: the patterns below then never meet a long run of spaces.
  let text = title.normalize('NFKC').replace(EMOJI_SHAPING, '').replace(/\s+/g, ' ');
  if (text.includes('<')) text = text.replace(INLINE_HTML, ' ');
  if (text.includes('{')) text = text.replace(ATTRIBUTE_BLOCK, '');
  text = text.toLowerCase();
  if (text.includes(':')) text = text.replace(SHORTCODE, ' ');
  text = text.replace(/\s+/g, ' ').trim();
  // Leading symbols include emphasis and code marks (`**Owner**`, a bold table cell).
  text = text.replace(LEADING_NOT_WORD.for(text), '').replace(/^(?:\d+[.)]|step \d+[:.)]?)\s+/, '');
  // A qualifier may stand before trailing punctuation or an emoji ("Metrics (optional):"); a title
  // that is nothing but one ("(optional)") keeps it.
  const bracketed = text.replace(TRAILING_NOT_WORD_OR_BRACKET.for(text), '');
  const unqualified = bracketed.replace(TRAILING_QUALIFIER, '');
  return unqualified.replace(TRAILING_NOT_WORD.for(unqualified), '') || bracketed.replace(TRAILING_NOT_WORD.for(bracketed), '');
}
