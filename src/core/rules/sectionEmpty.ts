import type { FieldForm } from '../fields';
import { fieldTitle } from '../fields';
import type { Finding } from '../types';
import { defineRule } from './rule';
import { lazy, zod } from '../zod';

const DEFAULT_OPTIONS = { requireTaskList: false };

export const sectionEmpty = defineRule<{ requireTaskList: boolean }>({
  id: 'RN008',
  name: 'section-empty',
  defaultSeverity: 'warning',
  description: "A required field's heading (or key, or label) with no content.",
  appliesTo: 'all notes',
  location: 'the heading (the key or label for the other forms)',
  remedy: 'none',
  remedyText: 'none',
  defaultOptions: DEFAULT_OPTIONS,
  options: lazy(() => {
    const z = zod();
    return z.strictObject({
      requireTaskList: z
        .boolean()
        .default(DEFAULT_OPTIONS.requireTaskList)
        .meta({
          description: "A checklist section must hold task items ('- [ ] step'); by default a plain list ('- step') is a filled checklist too.",
          expected: 'true or false',
        }),
    });
  }),
  check(context): Finding[] {
    const findings: Finding[] = [];
    for (const field of context.required) {
      const state = context.fields.get(field.name);
      if (!state) continue;
      const title = fieldTitle(field);
      for (const form of state.empty) findings.push({ ...form.span, message: emptyMessage(context.note.text, form, title, field.taskList === true) });
      if (context.options.requireTaskList) {
        for (const form of state.filled) if (form.plainList) findings.push({ ...form.span, message: emptyMessage(context.note.text, form, title, true) });
      }
    }
    return findings;
  },
});

function emptyMessage(text: string, form: FieldForm, title: string, taskList: boolean): string {
  const written = form.written ?? text.slice(form.span.start, form.span.end).replace(/^#+\s*/, '').trim();
  switch (form.kind) {
    case 'section':
      return taskList
        ? `The '${written}' section has no task list: add the steps as '- [ ] step' items`
        : `The '${written}' section is empty: write the ${title.toLowerCase()} below the heading`;
    case 'key':
      return `'${written}:' is empty: give the ${title.toLowerCase()} a value`;
    case 'label':
      return `'${written}:' has no value: write the ${title.toLowerCase()} after the label`;
  }
}
