/**
 * A note's owners: those it names itself (front matter keys and labelled lines of the `owner`
 * field, or its Owner section) and those its ownership files assign, combined by the configured
 * order of sources. What RN001, owner-unknown, the CLI's json report and the editor all read.
 */
import type { FieldDefinition, FieldState } from '../fields';
import { locate, topLevelEntries, type Span } from '../frontMatter';
import type { ParsedNote } from '../parse';
import type { OwnerAssignment, NoteOwnership } from './resolve';
import type { OwnerSource } from './sources';

/** A value of the note's owner field, as written, with its place in the note's text. */
export interface NoteOwnerValue extends Span {
  text: string;
}

/** Who owns a note, and from where: the first configured source that names someone. */
export interface ResolvedOwner {
  source: OwnerSource;
  owners: string[];
  /** The ownership file relative to the repository root; undefined for the note itself. */
  file?: string;
  /** 1-based: the ownership file's line, or the note's line that names the owner. */
  line: number;
  /** A GitLab CODEOWNERS section. */
  section?: string;
}

/** The owner field's values in the note: front matter strings (and list items), labelled lines, an Owner section's text. */
export function noteOwnerValues(note: ParsedNote, field: FieldDefinition | undefined, state: FieldState | undefined): NoteOwnerValue[] {
  if (!field || !state) return [];
  const values: NoteOwnerValue[] = [];
  const push = (text: string, span: Span | undefined) => {
    if (span && text.trim() !== '') values.push({ text, start: span.start, end: span.end });
  };
  if (note.frontMatter?.data) {
    for (const entry of topLevelEntries(note.frontMatter)) {
      if (!field.keys.includes(entry.key)) continue;
      if (typeof entry.value === 'string') push(entry.value, entry.valueSpan);
      else if (Array.isArray(entry.value)) {
        entry.value.forEach((item, index) => {
          if (typeof item === 'string') push(item, locate(note.frontMatter!, [entry.key, index]).value);
        });
      }
    }
  }
  for (const label of note.labels) {
    if (field.headings.includes(label.normalized) && label.valueSpan) push(label.value, label.valueSpan);
  }
  for (const section of state.sections) {
    const index = note.sections.indexOf(section);
    const next = note.sections.slice(index + 1).find((later) => later.depth <= section.depth);
    const start = note.lines.lineEnd(note.lines.positionAt(section.span.end).line);
    const end = next ? next.span.start : note.text.length;
    push(note.text.slice(start, end), { start, end });
  }
  return values;
}

function fromAssignment(assignment: OwnerAssignment): ResolvedOwner {
  return { source: assignment.source, owners: assignment.owners, file: assignment.file, line: assignment.line, section: assignment.section };
}

/** The owners by the first source (in the configured order) that gives any. Empty: the note has no owner. */
export function resolveOwners(note: ParsedNote, values: readonly NoteOwnerValue[], filled: boolean, ownership: NoteOwnership | undefined, sources: readonly OwnerSource[]): ResolvedOwner[] {
  for (const source of sources) {
    if (source === 'note') {
      if (!filled || values.length === 0) continue;
      const first = values[0] as NoteOwnerValue;
      return [{ source, owners: values.map((value) => value.text.trim().split(/\r?\n/)[0]?.trim() ?? '').filter(Boolean), line: note.lines.positionAt(first.start).line + 1 }];
    }
    const assignments = source === 'codeowners' ? ownership?.codeowners : ownership?.ownersFiles;
    const owned = (assignments ?? []).filter((assignment) => assignment.owners.length > 0);
    if (owned.length > 0) return owned.map(fromAssignment);
  }
  return [];
}

/** `@acme/dba — .github/CODEOWNERS:3`, `@alice — this note, line 2`: who owns the note and where that comes from. */
export function describeOwner(owner: ResolvedOwner): string {
  const where = owner.file ? `${owner.file}:${owner.line}${owner.section ? ` [${owner.section}]` : ''}` : `this note, line ${owner.line}`;
  return `${owner.owners.join(' ')} — ${where}`;
}
