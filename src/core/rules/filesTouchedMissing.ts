import { placeholder, skeletonText, type Skeleton } from '../skeleton';
import { appendEdit, missingFieldRule } from './helpers';

/** The section the suggestion appends, with its placeholder as a tab stop in the editor. */
export const FILES_TOUCHED_SECTION: Skeleton = ['## Files touched\n\n- ', placeholder('TODO'), '\n'];
export const FILES_TOUCHED_SKELETON = skeletonText(FILES_TOUCHED_SECTION);

export const filesTouchedMissing = missingFieldRule({
  id: 'RN006',
  name: 'files-touched-missing',
  field: 'files_touched',
  description: 'The note does not list the files the change touched.',
  appliesTo: 'kinds requiring files_touched (change-note)',
  remedyText: 'suggestion: insert a `## Files touched` section',
  what: 'No files touched',
  how: "add a '## Files touched' section or a 'files_touched:' front matter list",
  skeleton: (note) => ({ title: "Append a '## Files touched' section", edit: appendEdit(note, FILES_TOUCHED_SECTION) }),
});
