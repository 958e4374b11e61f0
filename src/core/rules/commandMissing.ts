import { placeholder, skeletonText, type Skeleton } from '../skeleton';
import { appendEdit, missingFieldRule } from './helpers';

/** The section the suggestion appends, with its placeholder as a tab stop in the editor. */
export const COMMAND_SECTION: Skeleton = ['## Command used\n\n```sh\n', placeholder('TODO: the command you ran'), '\n```\n'];
export const COMMAND_SKELETON = skeletonText(COMMAND_SECTION);

export const commandMissing = missingFieldRule({
  id: 'RN007',
  name: 'command-missing',
  field: 'command',
  description: 'The note does not show the command that was used.',
  appliesTo: 'kinds requiring command (change-note)',
  remedyText: 'suggestion: insert a `## Command used` section with a fenced block',
  what: 'No command used',
  how: "add a '## Command used' section with the command in a fenced block",
  skeleton: (note) => ({ title: "Append a '## Command used' section", edit: appendEdit(note, COMMAND_SECTION) }),
});
