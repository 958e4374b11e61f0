import { appendEdit, missingFieldRule } from './helpers';

export const REASON_SKELETON = '## Reason\n\nTODO: why this change was needed.\n';

export const reasonMissing = missingFieldRule({
  id: 'RN005',
  name: 'reason-missing',
  field: 'reason',
  description: 'The note does not say why the change was made.',
  appliesTo: 'kinds requiring reason (change-note)',
  remedyText: 'suggestion: insert a `## Reason` section',
  what: 'No reason',
  how: "add a '## Reason' section or a 'Reason:' line that says why the change was made",
  skeleton: (note) => ({ title: "Append a '## Reason' section", edit: appendEdit(note, REASON_SKELETON) }),
});
