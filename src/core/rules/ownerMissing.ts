import { placeholder, type Skeleton } from '../skeleton';
import { insertFrontMatterEntry, missingFieldRule } from './helpers';

/** The front matter line the suggestion inserts; templates write the same. */
export const OWNER_ENTRY: Skeleton = ['owner: "', placeholder('<owner>'), '"'];

export const ownerMissing = missingFieldRule({
  id: 'RN001',
  name: 'owner-missing',
  field: 'owner',
  description: 'The note names no owner: nobody answers for it when it goes wrong.',
  appliesTo: 'kinds requiring owner',
  remedyText: 'suggestion: insert `owner:` into the front matter (creating front matter if absent)',
  what: 'No owner',
  how: "add 'owner: @handle' to the front matter or an 'Owner:' line",
  skeleton: (note) => ({ title: "Add 'owner:' to the front matter", edit: insertFrontMatterEntry(note, OWNER_ENTRY) }),
});
