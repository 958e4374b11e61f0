import type { Section } from '../parse';
import type { Finding } from '../types';
import { defineRule } from './rule';

export const sectionDuplicate = defineRule({
  id: 'RN016',
  name: 'section-duplicate',
  defaultSeverity: 'warning',
  description: 'Two sections of the same field under the same parent heading (e.g. two Rollback sections of one step).',
  appliesTo: 'all notes',
  location: 'the second heading, with the first as a related location',
  remedy: 'none',
  remedyText: 'none',
  check({ note, fields }): Finding[] {
    const parents = parentsOf(note.sections);
    const findings: Finding[] = [];
    for (const state of fields.values()) {
      // Sections are compared with their siblings only: a runbook's `### Rollback` under each `## Step N` is one per step.
      const firstUnder = new Map<Section | undefined, Section>();
      for (const section of state.sections) {
        const parent = parents.get(section);
        const first = firstUnder.get(parent);
        if (!first) {
          firstUnder.set(parent, section);
          continue;
        }
        findings.push({
          ...section.span,
          message: `Second '${section.title}' section under the same heading as '${first.title}': merge them into one`,
          related: [{ ...first.span, message: `the first section of this field: '${first.title}'` }],
        });
      }
    }
    return findings;
  },
});

/** Each heading's parent: the nearest heading before it with a lower level (undefined at the top). */
function parentsOf(sections: readonly Section[]): Map<Section, Section | undefined> {
  const parents = new Map<Section, Section | undefined>();
  const open: Section[] = [];
  for (const section of sections) {
    while (open.length > 0 && open[open.length - 1]!.depth >= section.depth) open.pop();
    parents.set(section, open[open.length - 1]);
    open.push(section);
  }
  return parents;
}
