/** What the missing-field rules share: where they report, and the skeletons they offer. */
import { isMap } from 'yaml';
import type { Span } from '../frontMatter';
import { withArticle } from '../kinds';
import type { ParsedNote } from '../parse';
import { escapeSnippetText, skeletonSnippet, skeletonText, skeletonWithEol, type Skeleton } from '../skeleton';
import type { TextEdit } from '../text';
import type { Finding, Remedy, Severity } from '../types';
import { defineRule, type Rule, type RuleContext } from './rule';

/** The first line of the note: the front matter's opening `---`, else the first heading, else line 1. */
export function noteStartSpan(note: ParsedNote): Span {
  if (note.frontMatter) return note.frontMatter.openingFence;
  if (note.unterminatedFrontMatter) return { start: 0, end: 3 };
  const first = note.sections[0];
  if (first) return first.span;
  return { start: 0, end: note.lines.lineEnd(0) };
}

/** Appends a skeleton (written with `\n`) at the end of the note, one blank line after what is there. */
export function appendEdit(note: ParsedNote, skeleton: Skeleton): TextEdit {
  const { text, eol } = note;
  let prefix = '';
  if (text.length > 0) {
    if (text.endsWith(eol + eol) || text.endsWith('\n\n')) prefix = '';
    else if (text.endsWith('\n')) prefix = eol;
    else prefix = eol + eol;
  }
  const lines = skeletonWithEol(skeleton, eol);
  return { start: text.length, end: text.length, text: prefix + skeletonText(lines), snippet: escapeSnippetText(prefix) + skeletonSnippet(lines) };
}

/**
 * Inserts a top-level `key: value` line at the end of the front matter, or creates front matter
 * holding it. Returns undefined when the front matter is broken: editing YAML that does not
 * parse could make it worse.
 */
export function insertFrontMatterEntry(note: ParsedNote, entry: Skeleton): TextEdit | undefined {
  const { eol } = note;
  const line = skeletonText(entry);
  if (note.unterminatedFrontMatter) return undefined;
  const frontMatter = note.frontMatter;
  if (!frontMatter) return { start: 0, end: 0, text: `---${eol}${line}${eol}---${eol}${eol}`, snippet: `---${eol}${skeletonSnippet(entry, { final: false })}${eol}---${eol}${eol}$0` };
  if (frontMatter.errors.length > 0) return undefined;
  // Only a block map starting at column 0 (or nothing at all) takes a new `key: value` line safely;
  // a flow map, an indented map, a bare scalar or a `...` end marker would not parse afterwards.
  const contents = frontMatter.document.contents;
  const source = note.text.slice(frontMatter.content.start, frontMatter.content.end);
  if (/^\.\.\.[ \t]*$/m.test(source)) return undefined;
  if (contents !== null) {
    if (!isMap(contents) || contents.flow) return undefined;
    const first = contents.items[0]?.key as { range?: [number, number, number] } | undefined;
    if (first?.range && note.lines.positionAt(first.range[0]).column !== 0) return undefined;
  }
  return { start: frontMatter.closingFenceStart, end: frontMatter.closingFenceStart, text: line + eol, snippet: skeletonSnippet(entry, { final: false }) + eol };
}

export function suggestion(title: string, edit: TextEdit | undefined): Remedy[] {
  return edit ? [{ title, edits: [edit] }] : [];
}

export interface MissingFieldRuleSpec {
  id: string;
  name: string;
  field: string;
  description: string;
  appliesTo: string;
  remedyText: string;
  defaultSeverity?: Severity;
  /** The message's first part, e.g. "No rollback note". */
  what: string;
  /** How to add it, e.g. "add a '## Rollback' section or a 'rollback:' front matter key". */
  how: string;
  skeleton(note: ParsedNote): { title: string; edit: TextEdit | undefined };
}

/** True when the note has no form of the field at all: no key, no section, no label, not even an empty or placeholder one. */
export function fieldIsAbsent(context: RuleContext, field: string): boolean {
  const state = context.fields.get(field);
  return !state || (state.filled.length === 0 && state.empty.length === 0 && state.placeholder.length === 0);
}

export function requires(context: RuleContext, field: string): boolean {
  return context.required.some((definition) => definition.name === field);
}

/** Why the note must have the field: "required because risk is high" or "required in a runbook"; undefined without a kind. */
export function requiredWhy(context: RuleContext, field: string): string | undefined {
  const because = context.requiredBecause.get(field);
  if (because) return `required because ${because}`;
  return context.kind ? `required in ${withArticle(context.kind.name)}` : undefined;
}

export function missingFieldRule(spec: MissingFieldRuleSpec): Rule {
  return defineRule({
    id: spec.id,
    name: spec.name,
    defaultSeverity: spec.defaultSeverity ?? 'warning',
    description: spec.description,
    appliesTo: spec.appliesTo,
    location: 'the first line of the note (front matter `---`, else the first heading)',
    remedy: 'suggestion',
    remedyText: spec.remedyText,
    check(context): Finding[] {
      if (!requires(context, spec.field) || !fieldIsAbsent(context, spec.field)) return [];
      const span = noteStartSpan(context.note);
      const { title, edit } = spec.skeleton(context.note);
      const why = requiredWhy(context, spec.field);
      return [{ ...span, message: `${spec.what}${why ? ` (${why})` : ''}: ${spec.how}`, suggestions: suggestion(title, edit), missingField: spec.field }];
    },
  });
}
