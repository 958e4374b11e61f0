import type { z } from 'zod';
import { closestMatches } from '../editDistance';
import { spanAt, locate, type FrontMatter } from '../frontMatter';
import { isEmptyValue, isPlaceholderValue } from '../fields';
import { frontMatterSchemaFor, isRealDate, keyValueShape, LIST_KEYS } from '../metaSchema';
import { accepts } from '../valueShape';
import { describeIssues, describeValue, formatPath, schemaAtPath, valueAt, defOf, type SchemaProblem } from '../schemaIssues';
import { calendarDate } from '../today';
import type { Finding, Remedy } from '../types';
import { defineRule, type RuleContext } from './rule';

export const metaInvalid = defineRule({
  id: 'RN011',
  name: 'meta-invalid',
  defaultSeverity: 'error',
  description: 'A front matter value that breaks the schema (type, range, enum, format, unknown kind).',
  appliesTo: 'all notes',
  location: 'the value (or the key, when the value is missing)',
  remedy: 'fix',
  remedyText: 'none; the message names the expected type, range or choices (fix: a single string where a list is expected becomes a one-item list)',
  check(context): Finding[] {
    const { meta, note } = context;
    const frontMatter = note.frontMatter;
    if (!meta || !frontMatter) return [];
    const findings: Finding[] = [];
    const checked: Record<string, unknown> = { ...meta };
    const requiredKeys = new Set(context.required.flatMap((field) => field.keys));

    for (const [key, value] of Object.entries(meta)) {
      // A placeholder is RN009's, an empty required field RN008's: each problem is reported once.
      if (isPlaceholderValue(value, context.config.placeholders) || (requiredKeys.has(key) && isEmptyValue(value))) {
        delete checked[key];
        continue;
      }
      if (LIST_KEYS.has(key) && typeof value === 'string' && value.trim() !== '') {
        checked[key] = [value];
        findings.push(singleStringFinding(note.text, frontMatter, key));
      }
    }

    if (typeof checked.kind === 'string') {
      const known = context.config.kinds.map((kind) => kind.name);
      if (!known.includes(checked.kind.trim())) findings.push(unknownKindFinding(frontMatter, checked.kind, known));
      delete checked.kind;
    }

    // Values the shapes accept are valid (valueShape.ts): zod is loaded, and asked for the findings, only when one is not.
    if (!Object.entries(checked).every(([key, value]) => valueFits(key, value))) findings.push(...schemaFindings(context, frontMatter, checked));
    findings.push(...futureReviewFindings(context, frontMatter, checked));
    return findings;
  },
});

/** Whether a value fits its key's value shape; a key the schema does not know, or no value, fits. */
function valueFits(key: string, value: unknown): boolean {
  const shape = keyValueShape(key);
  return shape === undefined || value === undefined || accepts(shape, value);
}

/** zod's findings for the front matter, with the schema of only the keys it has: no schema is built that the note does not use. */
function schemaFindings(context: RuleContext, frontMatter: FrontMatter, checked: Record<string, unknown>): Finding[] {
  const schema = frontMatterSchemaFor(Object.keys(checked));
  const result = schema.safeParse(checked);
  if (result.success) return [];
  const findings: Finding[] = [];
  for (const problem of describeIssues(schema, checked, result.error.issues)) {
    const value = valueAt(checked, problem.path);
    if (typeof value === 'string' && isPlaceholderValue(value, context.config.placeholders)) continue;
    const located = locate(frontMatter, problem.path);
    const span = problem.onKey ? (located.key ?? spanAt(frontMatter, problem.path)) : spanAt(frontMatter, problem.path);
    findings.push({ ...span, message: yamlTypeMessage(schema, problem, value, context.note.text.slice(span.start, span.end)) ?? problem.message });
  }
  return findings;
}

function unknownKindFinding(frontMatter: FrontMatter, kind: string, known: string[]): Finding {
  const [guess] = closestMatches(kind, known, 2);
  return {
    ...spanAt(frontMatter, ['kind']),
    message: `kind: expected one of ${known.join(', ')}; got '${kind}'${guess ? ` (did you mean '${guess}'?)` : ''}. Other kinds can be defined under "kinds" in .runbook-notes.json`,
  };
}

/** A list written as one string: accepted as a one-item list, and the fix writes it as one. */
function singleStringFinding(text: string, frontMatter: FrontMatter, key: string): Finding {
  const span = spanAt(frontMatter, [key]);
  const source = text.slice(span.start, span.end);
  // A tag (`!!str 123`) or an anchor (`&files src/a.ts`) before the value belongs to it: wrapping the value alone
  // would leave `!!str [123]` (a broken tagged list) or turn every alias of the anchor into a list too.
  const before = text.slice(text.lastIndexOf('\n', span.start - 1) + 1, span.start);
  const decorated = /(?:^|\s)[!&]\S*\s+$/.test(before);
  const oneLine = !source.includes('\n');
  const fix: Remedy | undefined = !decorated && /^(?:"[^"\n]*"|'[^'\n]*'|[^\s"'[\]{},:#&*!|>%@`][^\n[\]{},:#]*)$/.test(source)
    ? { title: `Write '${key}' as a list`, edits: [{ start: span.start, end: span.end, text: `[${source.trimEnd()}]` }] }
    : undefined;
  return {
    ...span,
    severity: 'info',
    message: oneLine && !decorated
      ? `${key}: expected a list; a single string is read as a one-item list. Write it as '[${source.trim()}]' or as '- ' items`
      : `${key}: expected a list; a single string is read as a one-item list. Write it as '- ' items`,
    fix,
  };
}

function futureReviewFindings(context: RuleContext, frontMatter: FrontMatter, checked: Record<string, unknown>): Finding[] {
  const path = ['revision', 'last_reviewed'];
  const value = valueAt(checked, path);
  if (typeof value !== 'string' || !isRealDate(value)) return [];
  // Today where the lint runs (or in the configured time zone): east of UTC a review dated today is not in the future.
  const today = calendarDate(context.now, context.config.timeZone);
  if (value <= today) return [];
  return [{ ...spanAt(frontMatter, path), message: `${formatPath(path)}: expected a date not in the future (today is ${today}); got '${value}'` }];
}

/**
 * When the value's YAML type is the problem, the message says so: `version: 1.0` is the number 1
 * to YAML, and only quotes keep it text; `reading_time: "14"` is text, and the quotes must go.
 * Undefined when the type is not the problem (the schema's own message then stands).
 */
function yamlTypeMessage(root: z.ZodType, problem: SchemaProblem, value: unknown, source: string): string | undefined {
  if (problem.onKey || problem.expected === undefined) return undefined;
  const schema = schemaAtPath(root, problem.path);
  if (!schema) return undefined;
  const where = formatPath(problem.path);
  const key = problem.path[problem.path.length - 1];
  const written = source.trim();
  if ((typeof value === 'number' || typeof value === 'boolean') && /^[^\s"'[\]{},#&*!|>%@`]+$/.test(written)) {
    const asText = schema.safeParse(written).success;
    const textFits = asText || acceptsText(schema);
    if (!textFits) return undefined;
    const quoted = typeof key === 'string' ? `${key}: "${written}"` : `"${written}"`;
    return `${where}: YAML read ${written} as ${typeof value === 'boolean' ? `the boolean ${value}` : describeValue(value)}, not text: put it in quotes (${quoted})${asText ? '' : `; expected ${problem.expected}`}`;
  }
  if (typeof value === 'string' && /^-?\d+(?:\.\d+)?$/.test(value.trim()) && /^["']/.test(written) && schema.safeParse(Number(value)).success) {
    return `${where}: expected ${problem.expected}; got the text '${value}' in quotes: remove the quotes${typeof key === 'string' ? ` (${key}: ${value.trim()})` : ''}`;
  }
  return undefined;
}

/** Whether some string could be valid here (a string schema, or a union with one). */
function acceptsText(schema: ReturnType<typeof schemaAtPath>): boolean {
  if (!schema) return false;
  const def = defOf(schema);
  if (def.type === 'string') return true;
  if (def.type === 'union') return (def.options ?? []).some((option) => acceptsText(schemaAtPath(option, [])));
  return false;
}
