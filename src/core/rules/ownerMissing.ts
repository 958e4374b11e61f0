import { withArticle } from '../kinds';
import { CODEOWNERS_LOCATIONS } from '../owners/codeowners';
import type { NoteOwnership } from '../owners/resolve';
import type { OwnerSource } from '../owners/sources';
import { dirname } from '../paths';
import type { Finding } from '../types';
import { fieldIsAbsent, insertFrontMatterEntry, noteStartSpan, requires, suggestion } from './helpers';
import { defineRule } from './rule';
import { placeholder, type Skeleton } from '../skeleton';

/** The front matter line the suggestion inserts; templates write the same. */
export const OWNER_ENTRY: Skeleton = ['owner: "', placeholder('<owner>'), '"'];

/** "a, b, and c": where RN001 looked, in the order of the configured sources. */
function series(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]}`;
}

/** What each source said about a note without owner. */
function whereLooked(sources: readonly OwnerSource[], ownership: NoteOwnership | undefined): string[] {
  const parts: string[] = [];
  for (const source of sources) {
    if (source === 'note') parts.push('no owner in the note');
    else if (!ownership) continue;
    else if (ownership.path === undefined) {
      const outside = `the note is outside ${ownership.root}, where ownership files apply`;
      if (!parts.includes(outside)) parts.push(outside);
    } else if (source === 'codeowners') {
      const cleared = ownership.codeowners.find((assignment) => assignment.owners.length === 0);
      if (!ownership.codeownersFile) parts.push(`no CODEOWNERS file (${CODEOWNERS_LOCATIONS.join(', ')})`);
      else if (cleared) parts.push(`${cleared.file}:${cleared.line} ('${cleared.pattern}') matches ${ownership.path} but names no owner`);
      else parts.push(`no CODEOWNERS line matches ${ownership.path}`);
    } else {
      const folder = dirname(ownership.path);
      const where = folder === '.' ? 'at the repository root' : `in ${folder} or above`;
      parts.push(ownership.ownersFileSeen ? `no OWNERS file ${where} names approvers or reviewers` : `no OWNERS file ${where}`);
    }
  }
  return parts;
}

export const ownerMissing = defineRule({
  id: 'RN001',
  name: 'owner-missing',
  defaultSeverity: 'warning',
  description: 'The note has no owner: it names none, and no CODEOWNERS line or OWNERS file assigns one (see `owners.sources`). Nobody answers for it when it goes wrong.',
  appliesTo: 'kinds requiring owner',
  location: 'the first line of the note (front matter `---`, else the first heading)',
  remedy: 'suggestion',
  remedyText: 'suggestion: insert `owner:` into the front matter (creating front matter if absent)',
  check(context): Finding[] {
    if (!requires(context, 'owner') || context.owners.resolved.length > 0) return [];
    const sources = context.config.owners.sources;
    const fromNote = sources.includes('note');
    // An owner key or label that is empty or a placeholder is RN008's or RN009's to report.
    if (fromNote && !fieldIsAbsent(context, 'owner')) return [];
    // Without the ownership files, only the note can be judged.
    if (!fromNote && !context.ownership) return [];
    const span = noteStartSpan(context.note);
    const kind = context.kind ? ` (required in ${withArticle(context.kind.name)})` : '';
    const looked = context.ownership ? `${series(whereLooked(sources, context.ownership))}; ` : '';
    if (!fromNote) return [{ ...span, message: `No owner${kind}: ${looked}give the note's folder a CODEOWNERS line or an OWNERS file` }];
    const edit = insertFrontMatterEntry(context.note, OWNER_ENTRY);
    return [{ ...span, message: `No owner${kind}: ${looked}add 'owner: @handle' to the front matter or an 'Owner:' line`, suggestions: suggestion("Add 'owner:' to the front matter", edit), missingField: 'owner' }];
  },
});
