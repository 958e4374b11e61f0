/** HTML escaping and URL checks shared by the renderers. Pure and browser-safe: no Node API. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;

/**
 * Escapes text for HTML text and for quoted attribute values alike: all five special characters,
 * so a value never ends an attribute, opens a tag, or starts an entity the author did not write.
 */
export function escapeHtml(value: string): string {
  return value.replace(SPECIAL, (character) => ESCAPES[character] as string);
}

/** The normalised `http:`/`https:` URL a string holds, or undefined for anything else (`javascript:`, `data:`, relative). */
export function httpUrl(value: string): URL | undefined {
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
