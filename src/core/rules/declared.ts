/** What the declared-vs-found rules share: reading a declared value and placing a finding on it. */
import { spanAt, type FrontMatterPath } from '../frontMatter';
import { formatNumber } from '../numberFormat';
import type { ParsedNote } from '../parse';
import type { Finding } from '../types';

/** The front matter value at a key path, or undefined when any step is missing. */
export function declaredAt(meta: Record<string, unknown> | undefined, path: FrontMatterPath): unknown {
  let value: unknown = meta;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/**
 * A finding on the declared value at `path`, carrying what was declared and what was found, so the
 * post-meta box can show the contradiction next to the value.
 */
export function onDeclared(note: ParsedNote, path: FrontMatterPath, message: string, found: string, severity?: Finding['severity']): Finding[] {
  if (!note.frontMatter) return [];
  return [{ ...spanAt(note.frontMatter, path), message, contradiction: { found }, ...(severity ? { severity } : {}) }];
}

/** `1 minute`, `3 minutes`: a count with its noun. */
export function counted(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatNumber(count)} ${count === 1 ? noun : plural}`;
}
