import { closestMatches, editDistance } from '../editDistance';
import { topLevelEntries, type TopLevelEntry } from '../frontMatter';
import { KNOWN_KEYS, keyValueShape } from '../metaSchema';
import { accepts } from '../valueShape';
import { isPlaceholderValue } from '../fields';
import type { PlaceholderMatcher } from '../fields/placeholders';
import { isSiteGeneratorKey } from '../siteGeneratorKeys';
import type { Finding } from '../types';
import { defineRule } from './rule';

export const metaUnknownKey = defineRule({
  id: 'RN012',
  name: 'meta-unknown-key',
  defaultSeverity: 'warning',
  description: "A front matter key within edit distance 2 of a known key: a probable typo. Keys that Jekyll, Hugo, Docusaurus, Astro, MkDocs Material and Obsidian define are never reported.",
  appliesTo: 'all notes',
  location: 'the key',
  remedy: 'fix',
  remedyText: '**fix**: rename to the suggested key (only when exactly one known key is that close, it is one edit away, it is not already present, and the value fits it)',
  check({ note, config }): Finding[] {
    const frontMatter = note.frontMatter;
    if (!frontMatter || frontMatter.errors.length > 0) return [];
    const known = new Set<string>(KNOWN_KEYS);
    for (const field of config.fields) for (const key of field.keys) known.add(key);
    const knownList = [...known];
    const entries = topLevelEntries(frontMatter);
    const present = new Set(entries.map((entry) => entry.key));
    const guesses = entries
      // A site generator's own keys (`comments`, `layout`, `weight`…) are not typos of ours.
      .filter((entry) => !known.has(entry.key) && !isSiteGeneratorKey(entry.key))
      .map((entry) => ({ entry, candidates: closestMatches(entry.key, knownList, 2) }))
      .filter(({ candidates }) => candidates.length > 0);
    const targets = new Map<string, number>();
    for (const { candidates } of guesses) targets.set(candidates[0] as string, (targets.get(candidates[0] as string) ?? 0) + 1);

    const findings: Finding[] = [];
    for (const { entry, candidates } of guesses) {
      const best = candidates[0] as string;
      const alternatives = candidates.length > 1 ? ` (or ${candidates.slice(1, 3).map((c) => `'${c}'`).join(', ')})` : '';
      const why = present.has(best) ? `; '${best}' is already set, so remove one of them` : '';
      findings.push({
        ...entry.keySpan,
        message: `Unknown key '${entry.key}' — did you mean '${best}'${alternatives}?${why}`,
        fix:
          candidates.length === 1 && !present.has(best) && targets.get(best) === 1 && isSafeRename(entry, best, config.placeholders)
            ? { title: `Rename '${entry.key}' to '${best}'`, edits: [{ ...entry.keySpan, text: best }] }
            : undefined,
      });
    }
    return findings;
  },
});

/**
 * A rename is applied unattended (`--fix`), so it must be a typo beyond doubt: one edit away
 * (`onwer`, `titel`), and a value the target key accepts. `region` is two edits from `reason` and
 * `scope` holds no score map: both are flagged, neither is renamed.
 */
function isSafeRename(entry: TopLevelEntry, target: string, placeholders: PlaceholderMatcher): boolean {
  if (editDistance(entry.key.toLowerCase(), target) > 1) return false;
  const shape = keyValueShape(target);
  return !shape || entry.value === undefined || entry.value === null || isPlaceholderValue(entry.value, placeholders) || accepts(shape, entry.value);
}
