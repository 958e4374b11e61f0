/** The configuration schema (`.runbook-notes.json` and the `runbookNotes.*` settings), derived from the rule list. */
import type { z } from 'zod';
import { lazy, zod } from '../zod';
import { placeholderEntryProblem } from '../fields/placeholders';
import { GLOB_LIMITS, globProblem } from '../glob';
import { RULES, type Rule } from '../rules';
import { isTimeZone } from '../today';
import { SEVERITY_SETTINGS } from '../types';
import { formatNumber } from '../numberFormat';
import { OWNER_SOURCES } from '../owners/sources';

export const KIND_NAME = /^[a-z][a-z0-9-]*$/;
export const FIELD_NAME = /^[a-z][a-z0-9_]*$/;
/** A front matter key path: keys joined with dots (`revision.status`). */
export const KEY_PATH = /^[^.\s]+(?:\.[^.\s]+)*$/;

/** A refusal that says what is expected (and, when the value alone would not say it, what was found): see describeIssues. */
function refuse(ctx: z.RefinementCtx, expected: string, found?: string): void {
  ctx.addIssue({ code: 'custom', message: `expected ${expected}`, params: { expected, found } });
}

/** Builds the configuration schema; see configSchema. */
function buildConfigSchema() {
  const z = zod();
  const severity = z.enum(SEVERITY_SETTINGS as [string, ...string[]]).meta({
    description: 'off, info, warning or error',
    expected: `one of ${SEVERITY_SETTINGS.join(', ')}`,
  });

  function ruleSetting(rule: Rule) {
    const severityOption = { severity: severity.optional() };
    const options = rule.options
      ? (rule.options() as unknown as z.ZodObject).extend(severityOption)
      : z.strictObject(severityOption);
    return z
      .union([severity, options])
      .meta({
        description: `${rule.id} ${rule.name}: ${rule.description} Default: ${rule.defaultSeverity}.`,
        expected: `a severity (${SEVERITY_SETTINGS.join(', ')}) or an object of options`,
      })
      .optional();
  }

  const rulesSchema = z
    .strictObject(Object.fromEntries(RULES.flatMap((rule) => [[rule.id, ruleSetting(rule)], [rule.name, ruleSetting(rule)]])))
    .meta({
      description: 'Severity or options per rule, by id (RN003) or name (metric-missing).',
      expected: 'a map of rule ids or names to a severity or options',
      keysExpected: `a rule id (${RULES[0]?.id}–${RULES[RULES.length - 1]?.id}) or name`,
    });

  const glob = z
    .string()
    .min(1)
    .superRefine((pattern, ctx) => {
      const problem = globProblem(pattern);
      if (problem) refuse(ctx, problem);
    });

  const globList = z.array(glob).meta({
    description: 'Globs of the files that are notes of this kind, relative to the folder of the file that declares them.',
    expected: 'a list of glob patterns',
  });


  const fieldNames = (description: string) =>
    z.array(z.string().regex(FIELD_NAME).meta({ expected: 'a field name in lower case (letters, digits, _)' })).meta({ description, expected: 'a list of field names' });

  const conditionValue = z.union([z.string(), z.number(), z.boolean()]).meta({ expected: 'a string, a number or true/false' });
  const conditionSchema = z
    .strictObject({
      when: z
        .record(
          z.string().regex(KEY_PATH).meta({ expected: 'a front matter key path such as risk or revision.status' }),
          z.union([conditionValue, z.array(conditionValue).min(1)]).meta({ expected: 'a value, or a list of values (any of them matches)' }),
        )
        .superRefine((when, ctx) => {
          if (Object.keys(when).length === 0) refuse(ctx, 'at least one key path');
        })
        .meta({ description: 'Front matter key paths (`risk`, `revision.status`) and the value, or list of values, each must have for the condition to apply.', expected: 'a map of key paths to values' }),
      require: fieldNames('Fields a note must also have when the condition applies.').min(1),
    })
    .meta({ description: 'Fields required only when the front matter has certain values.', expected: 'a map with when and require' });

  const kindSchema = z
    .strictObject({
      include: globList.optional(),
      require: fieldNames('Fields a note of this kind must have.').optional(),
      conditions: z
        .array(conditionSchema)
        .meta({ description: 'Fields required only when the front matter has certain values: `{ "when": { "risk": "high" }, "require": ["approver"] }`.', expected: 'a list of maps with when and require' })
        .optional(),
      schema: z
        .string()
        .min(1)
        .meta({ description: "A JSON Schema (draft-07 or 2020-12) the front matter of this kind's notes must meet, on top of the built-in checks; relative to this file.", expected: 'a relative path to a .json file' })
        .optional(),
    })
    .meta({ description: 'A note kind: which files it covers, which fields it requires (always or under conditions), and a schema for its front matter.', expected: 'a map with include, require, conditions and schema' });

  const aliasList = (description: string) =>
    z.array(z.string().trim().min(1).meta({ expected: 'a non-empty string' })).meta({ description, expected: 'a list of strings' });

  const fieldSchema = z
    .strictObject({
      headings: aliasList('Heading and label texts that hold the field (case-insensitive).').optional(),
      keys: aliasList('Front matter keys that hold the field.').optional(),
    })
    .meta({ description: 'A field: the headings, labels and front matter keys that hold it.', expected: 'a map with headings and keys' });

  return z
    .strictObject({
      $schema: z.string().optional(),
      extends: z
        .string()
        .min(1)
        .meta({ description: 'Another configuration file this one builds on, relative to this file.', expected: 'a relative path to a .runbook-notes.json' })
        .optional(),
      rules: rulesSchema.optional(),
      kinds: z
        .record(z.string().regex(KIND_NAME).meta({ expected: 'a kind name in lower case (letters, digits, -)' }), kindSchema)
        .superRefine((kinds, ctx) => {
          // Every note is matched against every glob: their number bounds the work per note.
          const globs = Object.values(kinds).reduce((sum, kind) => sum + (kind.include?.length ?? 0), 0);
          if (globs > GLOB_LIMITS.includes) refuse(ctx, `at most ${formatNumber(GLOB_LIMITS.includes)} include globs in all kinds together, so that finding a note's kind stays fast`, formatNumber(globs));
        })
        .meta({ description: 'Kinds of notes: extend the built-in runbook, change-note and post, or add your own.', expected: 'a map of kind names to kinds' })
        .optional(),
      timeZone: z
        .string()
        .min(1)
        .superRefine((zone, ctx) => {
          if (!isTimeZone(zone)) refuse(ctx, 'an IANA time zone such as Europe/Berlin or UTC', `'${zone}'`);
        })
        .meta({ description: "The time zone whose calendar date is today for review dates (RN011, RN013); default: the time zone where the lint runs.", expected: 'an IANA time zone such as Europe/Berlin or UTC' })
        .optional(),
      fields: z
        .record(z.string().regex(FIELD_NAME).meta({ expected: 'a field name in lower case (letters, digits, _)' }), fieldSchema)
        .meta({ description: 'Fields: add aliases to built-in fields or define new ones.', expected: 'a map of field names to fields' })
        .optional(),
      owners: z
        .strictObject({
          sources: z
            .array(z.enum(OWNER_SOURCES as unknown as [string, ...string[]]).meta({ expected: `one of ${OWNER_SOURCES.join(', ')}` }))
            .min(1)
            .superRefine((sources, ctx) => {
              const twice = sources.find((source, index) => sources.indexOf(source) !== index);
              if (twice) refuse(ctx, 'each source once', `'${twice}' twice`);
            })
            .meta({
              description: `Where a note's owner may come from, first match first: ${OWNER_SOURCES.join(', ')} (default: all three). ["note"] requires the owner in every note.`,
              expected: `a non-empty list of ${OWNER_SOURCES.join(', ')}`,
            })
            .optional(),
        })
        .meta({ description: 'Where notes get their owners: the note itself, CODEOWNERS, OWNERS files.', expected: 'a map with sources' })
        .optional(),
      placeholders: z
        .array(
          z
            .string()
            .superRefine((entry, ctx) => {
              const problem = placeholderEntryProblem(entry);
              if (problem) refuse(ctx, problem);
            })
            .meta({ expected: 'a text or a regular expression' }),
        )
        .meta({
          description:
            "Your templates' own placeholders, added to the built-in ones (TODO, <owner>, ${OWNER}, YYYY-MM-DD...). An entry starting with ^ or ending with $ is a regular expression tested against the whole value (\"^<<.*>>$\"); any other is literal text the whole value must equal, ignoring case (\"PLEASE FILL\").",
          expected: 'a list of texts or regular expressions',
        })
        .optional(),
    })
    .meta({
      title: 'Runbook Notes configuration',
      description: 'Configuration of the runbook-notes linter (.runbook-notes.json).',
      expected: 'an object with rules, kinds, fields, owners, placeholders and timeZone',
      keysExpected: 'one of $schema, extends, rules, kinds, fields, owners, placeholders, timeZone',
    });
}

/** The configuration schema, built on first use (see zod.ts). */
export const configSchema = lazy(buildConfigSchema);

export type RawConfig = z.infer<ReturnType<typeof buildConfigSchema>>;

/** The JSON Schema published for the editor (`contributes.jsonValidation`); generated at build time, never written by hand. */
export function configJsonSchema(): Record<string, unknown> {
  const schema = zod().toJSONSchema(configSchema(), { io: 'input', unrepresentable: 'any', target: 'draft-7' });
  return withoutMessageHints(schema) as Record<string, unknown>;
}

/** `expected` and `keysExpected` are phrases for our own messages, not JSON Schema keywords. */
function withoutMessageHints(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMessageHints);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'expected' && key !== 'keysExpected')
      .map(([key, inner]) => [key, withoutMessageHints(inner)]),
  );
}
