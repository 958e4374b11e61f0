/** How headings, labels and aliases are compared. */

/** `## 3. Rollback:` and `## 🔙 Rollback` both read as "rollback": leading numbering and symbols, trailing punctuation, case and spacing do not count. */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/^(?:\d+[.)]|step \d+[:.)]?)\s+/, '')
    .replace(/[\s:.!?;,…-]+$/, '');
}
