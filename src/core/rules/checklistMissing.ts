import { skeletonText, type Skeleton } from '../skeleton';
import { appendEdit, missingFieldRule } from './helpers';

export const CHECKLIST_ITEMS = [
  'capture the current behavior',
  'create a safe backup',
  'test the smallest change',
  'watch logs after release',
  'write the final note',
];

/** The section the suggestion appends: the five standard steps, nothing to fill in. */
export const CHECKLIST_SECTION: Skeleton = [`## Checklist\n\n${CHECKLIST_ITEMS.map((item) => `- [ ] ${item}`).join('\n')}\n`];
export const CHECKLIST_SKELETON = skeletonText(CHECKLIST_SECTION);

export const checklistMissing = missingFieldRule({
  id: 'RN018',
  name: 'checklist-missing',
  field: 'checklist',
  description: 'The runbook has no checklist section with a task list.',
  appliesTo: 'kinds requiring checklist (runbook)',
  remedyText: `suggestion: append a \`## Checklist\` task list: ${CHECKLIST_ITEMS.join(', ')}`,
  what: 'No checklist',
  how: "add a '## Checklist' section with a task list ('- [ ] step')",
  skeleton: (note) => ({ title: "Append a '## Checklist' task list", edit: appendEdit(note, CHECKLIST_SECTION) }),
});
