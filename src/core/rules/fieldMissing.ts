import { closestMatches } from '../editDistance';
import { fieldTitle, type FieldDefinition } from '../fields';
import { placeholder, type Skeleton } from '../skeleton';
import type { Finding } from '../types';
import { appendEdit, fieldIsAbsent, noteStartSpan, requiredWhy, suggestion } from './helpers';
import { defineRule } from './rule';

/** Fields with a rule of their own (RN001–RN007, RN018); RN017 covers every other required field. */
export const FIELDS_WITH_OWN_RULE: ReadonlySet<string> = new Set([
  'owner',
  'rollback',
  'metric',
  'expected_result',
  'reason',
  'files_touched',
  'command',
  'checklist',
]);

export const fieldMissing = defineRule({
  id: 'RN017',
  name: 'field-missing',
  defaultSeverity: 'warning',
  description: 'A field that the configuration requires for this kind is missing.',
  appliesTo: 'kinds from configuration',
  location: 'the first line of the note (front matter `---`, else the first heading)',
  remedy: 'suggestion',
  remedyText: 'suggestion: insert the section skeleton',
  check(context): Finding[] {
    const findings: Finding[] = [];
    for (const field of context.required) {
      if (FIELDS_WITH_OWN_RULE.has(field.name) || !fieldIsAbsent(context, field.name)) continue;
      const title = fieldTitle(field);
      const why = requiredWhy(context, field.name) ?? 'required in a note';
      findings.push({
        ...noteStartSpan(context.note),
        message: `No '${title}' (${why}): add a '## ${title}' section${field.keys[0] ? ` or a '${field.keys[0]}:' front matter key` : ''}${misspelt(field, context.config.fields)}`,
        suggestions: suggestion(`Append a '## ${title}' section`, appendEdit(context.note, fieldSection(field))),
        missingField: field.name,
      });
    }
    return findings;
  },
});

/**
 * For a required field defined nowhere whose name is a typo's distance from a field that is
 * (`ownr`, `rolback`): the hint that the configuration's `require` may be misspelt, else ''.
 */
function misspelt(field: FieldDefinition, fields: readonly FieldDefinition[]): string {
  if (!field.implicit) return '';
  const [near] = closestMatches(
    field.name,
    fields.filter((candidate) => !candidate.implicit).map((candidate) => candidate.name),
    2,
  );
  return near ? `. '${field.name}' is defined nowhere: did the configuration mean '${near}'?` : '';
}

/** The section a configured field's suggestion appends (and a configured kind's template holds). */
export function fieldSection(field: FieldDefinition): Skeleton {
  return [`## ${fieldTitle(field)}\n\n`, placeholder('TODO'), '\n'];
}
