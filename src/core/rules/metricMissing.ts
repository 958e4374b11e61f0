import { appendEdit, missingFieldRule } from './helpers';

export const METRICS_SKELETON = '## Metrics\n\n| metric | before | after |\n| --- | --- | --- |\n| TODO | TODO | TODO |\n';

export const metricMissing = missingFieldRule({
  id: 'RN003',
  name: 'metric-missing',
  field: 'metric',
  description: 'The note names no metric that shows whether the change worked.',
  appliesTo: 'kinds requiring metric',
  remedyText: 'suggestion: append a `## Metrics` section with a before/after table',
  what: 'No metric',
  how: "add a '## Metrics' section with before/after values or a 'metric:' front matter key",
  skeleton: (note) => ({ title: "Append a '## Metrics' section", edit: appendEdit(note, METRICS_SKELETON) }),
});
