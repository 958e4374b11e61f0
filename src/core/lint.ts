/** The engine: text in, diagnostics out. Pure: no file access, no editor. */
import type { ResolvedConfig } from './config/types';
import { findSuppressions } from './disable';
import { fieldTitle, findFields, type FieldDefinition } from './fields';
import { matchesGlob } from './glob';
import { conditionalRequirements, type KindDefinition } from './kinds';
import type { SectionCache } from './markdown';
import { parseFrontMatterOnly, parseNote, type FrontMatterStep, type ParsedNote } from './parse';
import { RULES } from './rules';
import type { RuleContext } from './rules/rule';
import { normalizePath } from './paths';
import { noteOwnerValues, resolveOwners, type ResolvedOwner } from './owners/noteOwners';
import type { NoteOwnership } from './owners/resolve';
import type { Diagnostic, Finding, Severity } from './types';
import { severityRank } from './types';

export interface LintOptions {
  /** The note's absolute path (posix separators): kinds' globs are matched against it. */
  path: string;
  config: ResolvedConfig;
  /** Today, for review ages; defaults to the current time. */
  now?: Date;
  /** For a document being edited: sections unchanged since the last lint are not parsed again (same result as without). */
  cache?: SectionCache;
  /** The note's ownership files, from OwnershipResolver; without it only the note itself can name an owner. */
  ownership?: NoteOwnership;
}

export interface LintResult {
  /** False for Markdown files that are not notes: they get no diagnostics at all. */
  isNote: boolean;
  /** The note's kind; undefined for a non-note, or a note whose `kind:` names no known kind. */
  kind?: string;
  diagnostics: Diagnostic[];
  note?: ParsedNote;
  /** The kind's required fields, each with whether the note gives it a real value (not empty, not a placeholder). */
  required: RequiredField[];
  /** Rules that threw: each also gave one "Internal error" finding; callers log the stack. */
  internalErrors: InternalError[];
  /** Who owns the note and where that comes from (see `owners.sources`); empty when nobody does, or for a non-note. */
  owners: ResolvedOwner[];
}

export interface InternalError {
  ruleId: string;
  rule: string;
  /** The error's stack (or its text when it has none). */
  stack: string;
}

export interface RequiredField {
  name: string;
  title: string;
  filled: boolean;
}

const KIND_LINE = /^kind:[ \t]*["']?([^"'\s#]+)/m;

/** The `kind:` value, read from the data, or from the raw YAML when it does not parse (so its RN014 is still reported). */
function declaredKind(frontMatter: FrontMatterStep, text: string): string | undefined {
  const data = frontMatter.frontMatter?.data as Record<string, unknown> | undefined;
  if (data) return typeof data.kind === 'string' ? data.kind.trim() : undefined;
  const block = frontMatter.frontMatter ? text.slice(frontMatter.frontMatter.content.start, frontMatter.frontMatter.content.end) : frontMatter.unterminated ? text.slice(0, 4000) : '';
  return KIND_LINE.exec(block)?.[1];
}

export function kindForPath(path: string, config: ResolvedConfig): KindDefinition | undefined {
  const absolute = normalizePath(path);
  return config.kinds.find((kind) => kind.include.some((glob) => matchesGlob(glob, absolute)));
}

/** Which kind a file is: its `kind:` first, then the kinds' globs (first match wins). */
export function resolveKind(text: string, path: string, config: ResolvedConfig, cache?: SectionCache): { isNote: boolean; kind?: KindDefinition; declared?: string; preParsed: FrontMatterStep } {
  const preParsed = parseFrontMatterOnly(text, cache);
  const declared = declaredKind(preParsed, preParsed.text);
  const known = declared ? config.kinds.find((kind) => kind.name === declared) : undefined;
  if (known) return { isNote: true, kind: known, declared, preParsed };
  const byPath = kindForPath(path, config);
  return { isNote: byPath !== undefined || declared !== undefined, kind: byPath, declared, preParsed };
}

export function lintText(text: string, options: LintOptions): LintResult {
  const { config } = options;
  const { isNote, kind, preParsed } = resolveKind(text, options.path, config, options.cache);
  if (!isNote) return { isNote: false, diagnostics: [], required: [], internalErrors: [], owners: [] };

  const note = parseNote(text, preParsed, options.cache, config.placeholders);
  const fieldsByName = new Map(config.fields.map((field) => [field.name, field]));
  const data = note.frontMatter?.data;
  const meta = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
  // Fields the kind always requires, then those its conditions add for this note's front matter.
  const requiredBecause = conditionalRequirements(kind, meta);
  for (const name of kind?.require ?? []) requiredBecause.delete(name);
  const required = [...(kind?.require ?? []), ...requiredBecause.keys()].map((name) => fieldsByName.get(name)).filter((field): field is FieldDefinition => field !== undefined);
  const fields = findFields(note, config.fields, config.placeholders);
  const ownerState = fields.get('owner');
  const ownerValues = noteOwnerValues(note, fieldsByName.get('owner'), ownerState);
  const owners = resolveOwners(note, ownerValues, (ownerState?.filled.length ?? 0) > 0, options.ownership, config.owners.sources);
  const context: Omit<RuleContext, 'options'> = {
    note,
    kind,
    required,
    requiredBecause,
    fields,
    meta,
    config,
    now: options.now ?? new Date(),
    ownership: options.ownership,
    owners: { values: ownerValues, resolved: owners },
  };

  const suppressions = findSuppressions(note);
  const diagnostics: Diagnostic[] = [];
  const internalErrors: InternalError[] = [];
  for (const rule of RULES) {
    const setting = config.rules.get(rule.id);
    const configured = setting?.severity ?? rule.defaultSeverity;
    if (configured === 'off') continue;
    let findings: Finding[];
    try {
      findings = rule.check({ ...context, options: setting?.options ?? {} });
    } catch (error) {
      // A rule's bug must not cost the user the other rules' findings, nor crash the editor or CI.
      internalErrors.push({ ruleId: rule.id, rule: rule.name, stack: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      findings = [{ start: 0, end: 0, message: `Internal error in rule ${rule.id} ${rule.name}: ${error instanceof Error ? error.message : String(error)}. Please report it.` }];
    }
    for (const raw of findings) {
      // A range never splits a CRLF or a surrogate pair (a YAML error can point at the LF of a CRLF).
      const finding = { ...raw, start: onCharacterBoundary(note.text, raw.start), end: onCharacterBoundary(note.text, raw.end) };
      const start = note.lines.positionAt(finding.start);
      if (suppressions.isSuppressed(rule.id, start.line)) continue;
      const severity: Severity = finding.severity && severityRank(finding.severity) < severityRank(configured) ? finding.severity : configured;
      diagnostics.push({
        ruleId: rule.id,
        rule: rule.name,
        severity,
        message: finding.message,
        start: finding.start,
        end: Math.max(finding.end, finding.start),
        range: { start, end: note.lines.positionAt(Math.max(finding.end, finding.start)) },
        fix: finding.fix,
        suggestions: finding.suggestions ?? [],
        ...(finding.missingField === undefined ? {} : { missingField: finding.missingField }),
        related: (finding.related ?? []).map((related) => {
          const from = onCharacterBoundary(note.text, related.start);
          const to = Math.max(from, onCharacterBoundary(note.text, related.end));
          return { message: related.message, start: from, end: to, range: { start: note.lines.positionAt(from), end: note.lines.positionAt(to) } };
        }),
        ...(finding.contradiction ? { contradiction: finding.contradiction } : {}),
      });
    }
  }
  // Rule ids are ASCII: compared by code unit (localeCompare's first call sets up ICU's collator, a millisecond or more).
  diagnostics.sort((a, b) => a.start - b.start || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const completeness = required.map((field) => ({ name: field.name, title: fieldTitle(field), filled: (context.fields.get(field.name)?.filled.length ?? 0) > 0 }));
  return { isNote: true, kind: kind?.name, diagnostics, note, required: completeness, internalErrors, owners };
}

/** The offset, moved back one when it falls between CR and LF or inside a surrogate pair. */
function onCharacterBoundary(text: string, offset: number): number {
  const clamped = Math.max(0, Math.min(offset, text.length));
  if (clamped === 0 || clamped === text.length) return clamped;
  const before = text.charCodeAt(clamped - 1);
  const after = text.charCodeAt(clamped);
  if (before === 13 && after === 10) return clamped - 1;
  if (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) return clamped - 1;
  return clamped;
}
