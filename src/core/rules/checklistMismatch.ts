import { locate, spanAt } from '../frontMatter';
import { isPlaceholder } from '../fields/placeholders';
import type { ParsedNote, Section } from '../parse';
import { normalizeTaskText } from '../render/postMeta';
import { taskItemText } from '../taskText';
import type { Finding } from '../types';
import { declaredAt } from './declared';
import { defineRule } from './rule';

/** Where a section's content ends: at the next heading of the same or a higher level. */
function sectionEnd(note: ParsedNote, section: Section): number {
  const index = note.sections.indexOf(section);
  const next = note.sections.slice(index + 1).find((other) => other.depth <= section.depth);
  return next ? next.span.start : note.text.length;
}

export const checklistMismatch = defineRule({
  id: 'RN024',
  name: 'checklist-mismatch',
  defaultSeverity: 'warning',
  description:
    "A `checklist` item with no task item of the same text in the body, or a task item of the body's checklist section that `checklist` does not list (texts compared as the post-meta box ticks them: case, spacing, emphasis and a final full stop do not count). Quiet when the body has no checklist section with a task list.",
  appliesTo: 'notes with a checklist key and a checklist section',
  location: 'the declared item; the `checklist` key for a body item it does not list',
  remedy: 'none',
  remedyText: 'none; the message names the item',
  check({ note, meta, fields }): Finding[] {
    const frontMatter = note.frontMatter;
    const declared = declaredAt(meta, ['checklist']);
    const items = typeof declared === 'string' ? [declared] : Array.isArray(declared) ? declared : undefined;
    if (!frontMatter || !items) return [];
    const sections = fields.get('checklist')?.sections ?? [];
    const underSection = note.taskItems.filter((item) => sections.some((section) => item.span.start > section.span.end && item.span.start < sectionEnd(note, section)));
    if (underSection.length === 0) return [];

    const findings: Finding[] = [];
    const inBody = new Set(note.taskItems.map((item) => normalizeTaskText(taskItemText(note, item))));
    const listed = new Set<string>();
    items.forEach((item, index) => {
      // A placeholder item is RN009's.
      if (typeof item !== 'string' || item.trim() === '' || isPlaceholder(item)) return;
      const text = normalizeTaskText(item);
      listed.add(text);
      if (inBody.has(text)) return;
      findings.push({
        ...spanAt(frontMatter, typeof declared === 'string' ? ['checklist'] : ['checklist', index]),
        message: `checklist lists '${item.trim()}', but the body has no task item '- [ ] ${item.trim()}': add it to the body's checklist, or remove it here`,
        contradiction: { found: 'not in the body' },
      });
    });
    const key = locate(frontMatter, ['checklist']).key ?? spanAt(frontMatter, ['checklist']);
    const reported = new Set<string>();
    for (const item of underSection) {
      const written = taskItemText(note, item);
      const text = normalizeTaskText(written);
      if (listed.has(text) || reported.has(text) || text === '') continue;
      reported.add(text);
      findings.push({ ...key, message: `The body's checklist has '${written}', which checklist does not list: add it here, or remove it from the body` });
    }
    return findings;
  },
});
