import { appendEdit, missingFieldRule } from './helpers';

export const ROLLBACK_SKELETON = '## Rollback\n\nTODO: how to undo this, and how long it takes.\n';

export const rollbackMissing = missingFieldRule({
  id: 'RN002',
  name: 'rollback-missing',
  field: 'rollback',
  description: 'The note says nothing about how to undo the change.',
  appliesTo: 'kinds requiring rollback',
  remedyText: 'suggestion: append a `## Rollback` section skeleton',
  what: 'No rollback note',
  how: "add a '## Rollback' section or a 'rollback:' front matter key",
  skeleton: (note) => ({ title: "Append a '## Rollback' section", edit: appendEdit(note, ROLLBACK_SKELETON) }),
});
