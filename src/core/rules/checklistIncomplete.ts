import type { Finding } from '../types';
import { defineRule } from './rule';

const FINISHED_STATUSES = new Set(['reviewed', 'published', 'archived']);

export const checklistIncomplete = defineRule({
  id: 'RN010',
  name: 'checklist-incomplete',
  defaultSeverity: 'info',
  description: 'Unchecked task items while `revision.status` is reviewed, published or archived.',
  appliesTo: 'all notes',
  location: 'each unchecked item',
  remedy: 'none',
  remedyText: 'none',
  check({ note, meta }): Finding[] {
    const revision = meta?.revision;
    const status = revision && typeof revision === 'object' ? (revision as { status?: unknown }).status : undefined;
    if (typeof status !== 'string' || !FINISHED_STATUSES.has(status)) return [];
    return note.taskItems
      .filter((item) => !item.checked)
      .map((item) => ({
        ...item.span,
        message: `Unchecked item in a note whose revision.status is '${status}': check it ('- [x]') once done, or set the status back to draft`,
      }));
  },
});
