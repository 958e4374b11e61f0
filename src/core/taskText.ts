/** The text of a task item as a reader sees it, shared by the post-meta box and the checklist rules (below both, so neither imports the other). */
import type { ParsedNote, TaskItem } from './parse';

const TASK_MARKER = /^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\][ \t]*/;

/** A task item's text without its list and check marks (`- [x] create a backup` → `create a backup`). */
export function taskItemText(note: ParsedNote, item: TaskItem): string {
  return note.text.slice(item.span.start, item.span.end).replace(TASK_MARKER, '').trim();
}
