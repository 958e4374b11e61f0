/** What counts as a web address, for the front matter schema (RN011) and the renderer alike. Pure and browser-safe. */

/**
 * The normalised URL a string holds when it is an `http:` or `https:` URL with an authority (`//host`), else
 * undefined (`javascript:`, `data:`, relative paths, and `http:example.com/a.png`, which WHATWG URL parsing
 * would quietly read as `http://example.com/a.png` but which no author writes as a web address). Surrounding
 * whitespace is ignored; the scheme is case-insensitive (RFC 3986 §3.1).
 */
export function httpUrl(value: string): URL | undefined {
  const trimmed = value.trim();
  // The authority must follow `//` at once: WHATWG parsing would skip extra slashes (`http:///a.png` → host a.png).
  if (!/^https?:\/\/[^/\\?#]/i.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}
