import { ownerKey, ownersInText } from '../owners/handles';
import { OWNER_UNKNOWN_RULE_ID } from '../owners/sources';
import { isPlaceholderValue } from '../fields';
import type { Finding } from '../types';
import { defineRule } from './rule';

/**
 * A note names an owner (`owner: @acme/dbas`) that none of the repository's ownership files
 * (CODEOWNERS, OWNERS, OWNERS_ALIASES) mentions: a typo'd team, or someone who left. Owners are
 * compared without case and without the leading `@` (Prow writes `alice`, CODEOWNERS `@alice`).
 * Off for a note that no ownership file covers (no CODEOWNERS at the root, no OWNERS file on its
 * path, no OWNERS_ALIASES): there is nothing to compare with.
 */
export const ownerUnknown = defineRule({
  id: OWNER_UNKNOWN_RULE_ID,
  name: 'owner-unknown',
  defaultSeverity: 'info',
  description: "The note names an owner that the repository's CODEOWNERS and OWNERS files never mention: a typo, or someone who left.",
  appliesTo: 'notes naming an owner, in repositories with ownership files',
  location: 'the owner in the note',
  remedy: 'none',
  remedyText: 'none',
  check(context): Finding[] {
    const known = context.ownership?.known;
    if (!known || !context.config.owners.sources.includes('note')) return [];
    const findings: Finding[] = [];
    for (const value of context.owners.values) {
      const source = context.note.text.slice(value.start, value.end);
      for (const { owner } of ownersInText(value.text)) {
        // A placeholder ('TODO', '<owner>') is RN009's.
        if (known.has(ownerKey(owner)) || isPlaceholderValue(owner, context.config.placeholders)) continue;
        // The value's text may be quoted or escaped in the source: the finding sits on the owner as written, else on the whole value.
        const at = source.indexOf(owner);
        const start = at >= 0 ? value.start + at : value.start;
        const end = at >= 0 ? start + owner.length : value.end;
        findings.push({ start, end, message: `Owner '${owner}' is not mentioned in any ownership file of the repository (${describeFiles(context.ownership?.codeownersFile, context.config.owners.sources)}): a typo, or someone who left?` });
      }
    }
    return findings;
  },
});

function describeFiles(codeowners: string | undefined, sources: readonly string[]): string {
  const files: string[] = [];
  if (sources.includes('codeowners') && codeowners) files.push(codeowners);
  if (sources.includes('owners-files')) files.push('OWNERS, OWNERS_ALIASES');
  return files.join(', ') || 'none';
}
