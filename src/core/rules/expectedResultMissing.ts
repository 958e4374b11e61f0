import { placeholder, skeletonText, type Skeleton } from '../skeleton';
import { appendEdit, missingFieldRule } from './helpers';

/** The section the suggestion appends, with its placeholder as a tab stop in the editor. */
export const EXPECTED_RESULT_SECTION: Skeleton = ['## Expected result\n\n', placeholder('TODO: what you see when it worked.'), '\n'];
export const EXPECTED_RESULT_SKELETON = skeletonText(EXPECTED_RESULT_SECTION);

export const expectedResultMissing = missingFieldRule({
  id: 'RN004',
  name: 'expected-result-missing',
  field: 'expected_result',
  description: 'The note does not say what success looks like.',
  appliesTo: 'kinds requiring expected_result (runbook)',
  remedyText: 'suggestion: insert an `## Expected result` section',
  what: 'No expected result',
  how: "add an '## Expected result' section that says what success looks like",
  skeleton: (note) => ({ title: "Append an '## Expected result' section", edit: appendEdit(note, EXPECTED_RESULT_SECTION) }),
});
