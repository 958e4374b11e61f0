import { closestMatches } from '../editDistance';
import { topLevelEntries } from '../frontMatter';
import { KNOWN_KEYS } from '../metaSchema';
import type { Finding } from '../types';
import { defineRule } from './rule';

export const metaUnknownKey = defineRule({
  id: 'RN012',
  name: 'meta-unknown-key',
  defaultSeverity: 'warning',
  description: 'A front matter key within edit distance 2 of a known key: a probable typo.',
  appliesTo: 'all notes',
  location: 'the key',
  remedy: 'fix',
  remedyText: '**fix**: rename to the suggested key (only when exactly one known key is that close and it is not already present)',
  check({ note, config }): Finding[] {
    const frontMatter = note.frontMatter;
    if (!frontMatter || frontMatter.errors.length > 0) return [];
    const known = new Set<string>(KNOWN_KEYS);
    for (const field of config.fields) for (const key of field.keys) known.add(key);
    const knownList = [...known];
    const entries = topLevelEntries(frontMatter);
    const present = new Set(entries.map((entry) => entry.key));
    const findings: Finding[] = [];
    for (const entry of entries) {
      if (known.has(entry.key)) continue;
      const candidates = closestMatches(entry.key, knownList, 2);
      const [best] = candidates;
      if (!best) continue;
      const alternatives = candidates.length > 1 ? ` (or ${candidates.slice(1, 3).map((c) => `'${c}'`).join(', ')})` : '';
      const canRename = candidates.length === 1 && !present.has(best);
      const why = present.has(best) ? `; '${best}' is already set, so remove one of them` : '';
      findings.push({
        ...entry.keySpan,
        message: `Unknown key '${entry.key}' — did you mean '${best}'${alternatives}?${why}`,
        fix: canRename ? { title: `Rename '${entry.key}' to '${best}'`, edits: [{ ...entry.keySpan, text: best }] } : undefined,
      });
    }
    return findings;
  },
});
