import { placeholder, skeletonText, type Skeleton } from '../skeleton';
import { appendEdit, missingFieldRule } from './helpers';

/** The section the suggestion appends, with its placeholder as a tab stop in the editor. */
export const METRICS_SECTION: Skeleton = ['## Metrics\n\n| metric | before | after |\n| --- | --- | --- |\n| ', placeholder('TODO'), ' | ', placeholder('TODO'), ' | ', placeholder('TODO'), ' |\n'];
export const METRICS_SKELETON = skeletonText(METRICS_SECTION);

export const metricMissing = missingFieldRule({
  id: 'RN003',
  name: 'metric-missing',
  field: 'metric',
  description: 'The note names no metric that shows whether the change worked.',
  appliesTo: 'kinds requiring metric',
  remedyText: 'suggestion: append a `## Metrics` section with a before/after table',
  what: 'No metric',
  how: "add a '## Metrics' section with before/after values or a 'metric:' front matter key",
  skeleton: (note) => ({ title: "Append a '## Metrics' section", edit: appendEdit(note, METRICS_SECTION) }),
});
