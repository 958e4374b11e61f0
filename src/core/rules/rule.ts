import type { z } from 'zod';
import type { ResolvedConfig } from '../config/types';
import type { FieldDefinition, FieldState } from '../fields';
import type { KindDefinition } from '../kinds';
import type { NoteOwnerValue, ResolvedOwner } from '../owners/noteOwners';
import type { NoteOwnership } from '../owners/resolve';
import type { ParsedNote } from '../parse';
import type { Finding, Severity } from '../types';

export interface RuleContext<Options = Record<string, unknown>> {
  note: ParsedNote;
  /** The note's kind; undefined for a note whose `kind:` names no known kind and whose path matches none. */
  kind: KindDefinition | undefined;
  /** Fields the kind requires, in the kind's order, then those its conditions add for this note. */
  required: readonly FieldDefinition[];
  /** For each field required only by a condition of the kind: why ("risk is high"). */
  requiredBecause: ReadonlyMap<string, string>;
  /** Every known field's forms in this note. */
  fields: ReadonlyMap<string, FieldState>;
  /** The front matter as data, once it parsed as a map. */
  meta: Record<string, unknown> | undefined;
  options: Options;
  config: ResolvedConfig;
  now: Date;
  /** What the repository's ownership files say about the note; undefined when the caller did not look (no file access). */
  ownership: NoteOwnership | undefined;
  /** The owner field's values in the note, and who owns the note by the configured sources (empty: nobody). */
  owners: { values: readonly NoteOwnerValue[]; resolved: readonly ResolvedOwner[] };
}

export type RemedyKind = 'fix' | 'suggestion' | 'none';

export interface Rule<Options = Record<string, unknown>> {
  id: string;
  name: string;
  defaultSeverity: Severity;
  /** One sentence: what the rule flags. */
  description: string;
  /** Which notes the rule applies to, as the catalogue shows it. */
  appliesTo: string;
  /** Where the diagnostic sits. */
  location: string;
  remedy: RemedyKind;
  /** How the remedy reads in the catalogue. */
  remedyText: string;
  /** Options besides `severity`, with their defaults applied by the schema; built on first use (see zod.ts). */
  options?: () => z.ZodType<Options>;
  /**
   * The options when the configuration gives none: what `options().parse({})` returns, written as
   * data so that a run without rule options never loads zod (the schema takes its defaults from
   * here; test/unit/rules.test.ts checks the two agree).
   */
  defaultOptions?: Options;
  check(context: RuleContext<Options>): Finding[];
}

/** Keeps each rule file's options typed while the list holds them all. */
export function defineRule<Options = Record<string, unknown>>(rule: Rule<Options>): Rule<Options> {
  return rule;
}
