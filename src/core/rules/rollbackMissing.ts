import { placeholder, skeletonText, type Skeleton } from '../skeleton';
import { appendEdit, missingFieldRule } from './helpers';

/** The section the suggestion appends, with its placeholder as a tab stop in the editor. */
export const ROLLBACK_SECTION: Skeleton = ['## Rollback\n\n', placeholder('TODO: how to undo this, and how long it takes.'), '\n'];
export const ROLLBACK_SKELETON = skeletonText(ROLLBACK_SECTION);

export const rollbackMissing = missingFieldRule({
  id: 'RN002',
  name: 'rollback-missing',
  field: 'rollback',
  description: 'The note says nothing about how to undo the change.',
  appliesTo: 'kinds requiring rollback',
  remedyText: 'suggestion: append a `## Rollback` section skeleton',
  what: 'No rollback note',
  how: "add a '## Rollback' section or a 'rollback:' front matter key",
  skeleton: (note) => ({ title: "Append a '## Rollback' section", edit: appendEdit(note, ROLLBACK_SECTION) }),
});
