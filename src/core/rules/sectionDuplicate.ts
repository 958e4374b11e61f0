import type { Finding } from '../types';
import { defineRule } from './rule';

export const sectionDuplicate = defineRule({
  id: 'RN016',
  name: 'section-duplicate',
  defaultSeverity: 'warning',
  description: 'Two sections of the same field (e.g. two Rollback sections).',
  appliesTo: 'all notes',
  location: 'the second heading',
  remedy: 'none',
  remedyText: 'none',
  check({ note, fields }): Finding[] {
    const findings: Finding[] = [];
    for (const state of fields.values()) {
      const [first, ...others] = state.sections;
      if (!first) continue;
      const firstLine = note.lines.positionAt(first.span.start).line + 1;
      for (const section of others) {
        findings.push({
          ...section.span,
          message: `Second '${section.title}' section (the first, '${first.title}', is on line ${firstLine}): merge them into one`,
        });
      }
    }
    return findings;
  },
});
