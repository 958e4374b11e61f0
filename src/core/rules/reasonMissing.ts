import { placeholder, skeletonText, type Skeleton } from '../skeleton';
import { appendEdit, missingFieldRule } from './helpers';

/** The section the suggestion appends, with its placeholder as a tab stop in the editor. */
export const REASON_SECTION: Skeleton = ['## Reason\n\n', placeholder('TODO: why this change was needed.'), '\n'];
export const REASON_SKELETON = skeletonText(REASON_SECTION);

export const reasonMissing = missingFieldRule({
  id: 'RN005',
  name: 'reason-missing',
  field: 'reason',
  description: 'The note does not say why the change was made.',
  appliesTo: 'kinds requiring reason (change-note)',
  remedyText: 'suggestion: insert a `## Reason` section',
  what: 'No reason',
  how: "add a '## Reason' section or a 'Reason:' line that says why the change was made",
  skeleton: (note) => ({ title: "Append a '## Reason' section", edit: appendEdit(note, REASON_SECTION) }),
});
