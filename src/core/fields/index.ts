/** Fields a note kind can require, and how to find each one in a note: front matter key, section or labelled line. */
import type { Span } from '../frontMatter';
import { topLevelEntries } from '../frontMatter';
import type { ParsedNote, Section } from '../parse';
import { BUILTIN_PLACEHOLDERS, type PlaceholderMatcher } from './placeholders';

export interface FieldDefinition {
  name: string;
  /** Front matter keys that hold the field. */
  keys: string[];
  /** Heading and label texts, lower case. */
  headings: string[];
  /** The field is a section holding a list (the checklist; task items or plain bullets); labelled lines do not count. */
  taskList?: boolean;
  /** What the field holds, for hovers and completion of its keys (built-in fields). */
  description?: string;
  /** Required by a kind but defined nowhere (neither built in nor in `fields`): found by its own name only. */
  implicit?: true;
}

export const BUILTIN_FIELDS: readonly FieldDefinition[] = [
  { name: 'owner', keys: ['owner', 'owners'], headings: ['owner', 'owners', 'owned by', 'maintainer', 'responsible'] },
  {
    name: 'expected_result',
    keys: ['expected_result', 'expected'],
    headings: ['expected result', 'expected outcome', 'success criteria'],
    description: 'What success looks like: what you see when it worked.',
  },
  {
    name: 'rollback',
    keys: ['rollback'],
    headings: ['rollback', 'roll back', 'rollback plan', 'rollback note', 'backout', 'back-out plan', 'revert plan'],
    description: 'How to undo the change, and how long that takes.',
  },
  { name: 'metric', keys: ['metric', 'metrics'], headings: ['metric', 'metrics', 'success metric', 'measurement', 'result metric'] },
  { name: 'reason', keys: ['reason', 'why'], headings: ['reason', 'why', 'motivation', 'reason for the change'], description: 'Why the change was made.' },
  { name: 'files_touched', keys: ['files_touched', 'files'], headings: ['files touched', 'files changed', 'changed files'] },
  { name: 'command', keys: ['command', 'commands'], headings: ['command', 'commands', 'command used', 'commands used'], description: 'The command that made the change, as it was run.' },
  { name: 'checklist', keys: ['checklist'], headings: ['checklist', 'implementation checklist'], taskList: true },
];

export type FormKind = 'key' | 'section' | 'label';

export interface FieldForm {
  kind: FormKind;
  /** Where a diagnostic about this form sits: the key, the heading, the label, or a table row's empty value cell. */
  span: Span;
  /** The label as written, when the span is not on it (a table row's value cell). */
  written?: string;
  /** A checklist section whose list has no task items (`- step`, not `- [ ] step`). */
  plainList?: boolean;
}

export interface FieldState {
  field: FieldDefinition;
  /** Forms that hold a real value. */
  filled: FieldForm[];
  /** Forms that exist but hold nothing: an empty section, an empty key, a label with no value. */
  empty: FieldForm[];
  /** Forms whose value is only a placeholder (reported by RN009). */
  placeholder: FieldForm[];
  /** Every section of this field, in order (for RN016). */
  sections: Section[];
}

export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0 || value.every(isEmptyValue);
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** A front matter value that is only a placeholder: a string, or a list of placeholders and empty items. */
export function isPlaceholderValue(value: unknown, placeholders: PlaceholderMatcher = BUILTIN_PLACEHOLDERS): boolean {
  // Front matter is YAML: `<summary>` there is a template's placeholder, not an HTML element.
  if (typeof value === 'string') return placeholders.test(value, undefined, 'yaml');
  if (Array.isArray(value)) return value.length > 0 && value.every((item) => isEmptyValue(item) || isPlaceholderValue(item, placeholders)) && !value.every(isEmptyValue);
  return false;
}

/**
 * Finds every form of every field in one pass over the note's keys, sections, labelled lines and
 * table rows. `placeholders` decides which values are only placeholders.
 */
export function findFields(note: ParsedNote, fields: readonly FieldDefinition[], placeholders: PlaceholderMatcher = BUILTIN_PLACEHOLDERS): Map<string, FieldState> {
  const states = new Map<string, FieldState>();
  const byKey = new Map<string, FieldState>();
  const byHeading = new Map<string, FieldState>();
  for (const field of fields) {
    const state: FieldState = { field, filled: [], empty: [], placeholder: [], sections: [] };
    states.set(field.name, state);
    for (const key of field.keys) if (!byKey.has(key)) byKey.set(key, state);
    for (const heading of field.headings) if (!byHeading.has(heading)) byHeading.set(heading, state);
  }

  if (note.frontMatter?.data) {
    for (const entry of topLevelEntries(note.frontMatter)) {
      const state = byKey.get(entry.key);
      if (!state) continue;
      const form: FieldForm = { kind: 'key', span: entry.keySpan };
      if (isEmptyValue(entry.value)) state.empty.push(form);
      else if (isPlaceholderValue(entry.value, placeholders)) state.placeholder.push(form);
      else state.filled.push(form);
    }
  } else if (note.frontMatter) {
    // The YAML does not parse (RN014 says where). Its keys are still read line by line, so that a
    // syntax error elsewhere does not also produce "No owner" for an owner that is written.
    for (const { key, span } of rawTopLevelKeys(note)) {
      byKey.get(key)?.filled.push({ kind: 'key', span });
    }
  }

  for (const section of note.sections) {
    if (section.depth < 2) continue;
    const state = byHeading.get(section.normalized);
    if (!state) continue;
    state.sections.push(section);
    const form: FieldForm = { kind: 'section', span: section.span };
    if (!section.hasContent) state.empty.push(form);
    else if (section.placeholder) state.placeholder.push(form);
    else if (state.field.taskList && !section.hasList) state.empty.push(form);
    else state.filled.push(state.field.taskList && !section.hasTaskList ? { ...form, plainList: true } : form);
  }

  for (const label of note.labels) {
    const state = byHeading.get(label.normalized);
    if (!state || state.field.taskList) continue;
    const form: FieldForm = { kind: 'label', span: label.labelSpan };
    if (!label.value) state.empty.push(label.valueCell ? { ...form, span: label.valueCell, written: note.text.slice(label.labelSpan.start, label.labelSpan.end) } : form);
    else if (placeholders.test(label.value, note.definitions)) state.placeholder.push(form);
    else state.filled.push(form);
  }
  return states;
}

/** `files_touched` → `Files touched`: the heading a skeleton section gets. */
export function fieldTitle(field: FieldDefinition): string {
  const heading = field.headings[0] ?? field.name.replace(/_/g, ' ');
  return heading.charAt(0).toUpperCase() + heading.slice(1);
}

const RAW_KEY_LINE = /^([A-Za-z_][\w-]*)[ \t]*:(?=\s|$)/gm;

function rawTopLevelKeys(note: ParsedNote): { key: string; span: Span }[] {
  const frontMatter = note.frontMatter;
  if (!frontMatter) return [];
  const source = note.text.slice(frontMatter.content.start, frontMatter.content.end);
  const keys: { key: string; span: Span }[] = [];
  for (const match of source.matchAll(RAW_KEY_LINE)) {
    const start = frontMatter.content.start + (match.index ?? 0);
    keys.push({ key: match[1] as string, span: { start, end: start + (match[1] as string).length } });
  }
  return keys;
}
