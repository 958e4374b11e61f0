/** HTML escaping shared by the renderers (URL checks: ../url.ts). Pure and browser-safe: no Node API. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/g;

/**
 * Escapes text for HTML text and for quoted attribute values alike: all five special characters,
 * so a value never ends an attribute, opens a tag, or starts an entity the author did not write.
 */
export function escapeHtml(value: string): string {
  return value.replace(SPECIAL, (character) => ESCAPES[character] as string);
}
