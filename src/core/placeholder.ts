/**
 * Placeholder detection (RN009). A value is a placeholder when it is nothing but one of the
 * markers a template leaves behind, optionally followed by a hint ("TODO: who owns this").
 */

/** Upper case only when a hint follows, so that "Todo app migration" is not taken for one. */
const MARKER_WITH_HINT = /^(?:TODO|TBD|FIXME)(?:[\s:(\-–—,.]|$)/;
const BARE_MARKER = /^(?:todo|tbd|fixme|\?{3,}|n\/a|\.{3}|…)[.!]?$/i;
/** A date template left as written: `YYYY-MM-DD`, `DD.MM.YYYY`, `MM/DD/YYYY`, `YYYY-MM`. */
const DATE_TEMPLATE = /^(?:y{4}([-/.])m{2}(?:\1d{2})?|d{2}([-/.])m{2}\2y{4}|m{2}([-/.])d{2}\3y{4})$/i;
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
  return MARKER_WITH_HINT.test(text) || BARE_MARKER.test(text) || ANGLE_PLACEHOLDER.test(text) || DATE_TEMPLATE.test(text);
}
