/** Turns zod issues into messages that say what failed, what was expected and what was found, with the path they sit at. */
import type { z } from 'zod';
import { closestMatches } from './editDistance';

export type IssuePath = (string | number)[];

export interface SchemaProblem {
  path: IssuePath;
  message: string;
  /** The problem is about the key itself (an unknown key), not its value. */
  onKey: boolean;
  /** What a valid value looks like, as the message says it after "expected" (value problems only). */
  expected?: string;
}

export interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  in?: z.ZodType;
  /** enum */
  entries?: Record<string, string | number>;
  /** literal */
  values?: unknown[];
}

export function defOf(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

function expectedOf(schema: z.ZodType): string | undefined {
  const meta = schema.meta() as { expected?: unknown } | undefined;
  return typeof meta?.expected === 'string' ? meta.expected : undefined;
}

/**
 * The schemas met following a path into a schema: wrappers (optional, default, pipe) and, in
 * unions, the option whose shape fits the next segment. Undefined when the path leaves the schema.
 */
export function schemasAlong(root: z.ZodType, path: IssuePath): z.ZodType[] | undefined {
  const chain: z.ZodType[] = [root];
  let schema: z.ZodType = root;
  let index = 0;
  for (;;) {
    const def = defOf(schema);
    let next: z.ZodType | undefined;
    if (def.innerType) next = def.innerType;
    else if (def.type === 'pipe') next = def.in;
    else if (index >= path.length) return chain;
    else if (def.type === 'union') {
      const segment = path[index];
      next = def.options?.find((option) => {
        const type = defOf(option).type;
        return typeof segment === 'number' ? type === 'array' : type === 'object' || type === 'record';
      });
    } else {
      const segment = path[index++];
      if (def.type === 'object' && typeof segment === 'string') next = def.shape?.[segment];
      else if (def.type === 'array' && typeof segment === 'number') next = def.element;
      else if (def.type === 'record') next = def.valueType;
    }
    if (!next) return undefined;
    chain.push(next);
    schema = next;
  }
}

/** The "expected" phrase of the deepest schema along the path that has one. */
function expectedAt(root: z.ZodType, path: IssuePath): string | undefined {
  let expected: string | undefined;
  for (let depth = path.length; depth >= 0 && expected === undefined; depth--) {
    const chain = schemasAlong(root, path.slice(0, depth));
    for (const schema of chain ?? []) expected = expectedOf(schema) ?? expected;
  }
  return expected;
}

export function formatPath(path: IssuePath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out;
}

export function valueAt(data: unknown, path: IssuePath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** How a found value reads in a message: `'eror'`, `the number 101`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return value.trim() === '' ? 'an empty string' : `'${shown}'`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  return 'a map';
}

/** An object schema may describe its keys in a phrase (`keysExpected` meta) rather than by listing them all. */
function keysExpectedAt(root: z.ZodType, path: IssuePath): string | undefined {
  const schema = objectAt(root, path);
  const meta = schema?.meta() as { keysExpected?: unknown } | undefined;
  return typeof meta?.keysExpected === 'string' ? meta.keysExpected : undefined;
}

function knownKeysAt(root: z.ZodType, path: IssuePath): string[] {
  const schema = objectAt(root, path);
  return schema ? Object.keys(defOf(schema).shape ?? {}) : [];
}

/** The schema at a path, wrappers removed. */
export function schemaAtPath(root: z.ZodType, path: IssuePath): z.ZodType | undefined {
  return schemasAlong(root, path)?.at(-1);
}

/** The object schema at a path (the object option, when a union stands there). */
export function objectAt(root: z.ZodType, path: IssuePath): z.ZodType | undefined {
  const schema = schemaAtPath(root, path);
  if (!schema) return undefined;
  const def = defOf(schema);
  if (def.type === 'object') return schema;
  const option = def.type === 'union' ? def.options?.find((candidate) => defOf(candidate).type === 'object') : undefined;
  return option && schemaAtPath(option, []);
}

/** Issues for one value, deepest first; unions report the branch that matches the value's shape. */
export function describeIssues(schema: z.ZodType, data: unknown, issues: readonly z.core.$ZodIssue[], prefix: IssuePath = []): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const issue of issues) {
    const path: IssuePath = [...prefix, ...(issue.path as IssuePath)];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const branch = pickBranch(issue.errors);
      if (branch) {
        problems.push(...describeIssues(schema, data, branch, path));
        continue;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(schema, path);
      const keysExpected = keysExpectedAt(schema, path) ?? listChoices(known);
      for (const key of issue.keys) {
        const [suggestion] = closestMatches(key, known, 2);
        problems.push({
          path: [...path, key],
          onKey: true,
          message: `${formatPath([...path, key])}: unknown key; expected ${keysExpected}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`,
        });
      }
      continue;
    }
    if (issue.code === 'invalid_key') {
      const key = path[path.length - 1];
      const record = schemaAtPath(schema, path.slice(0, -1));
      const keyType = record ? defOf(record).keyType : undefined;
      const expected = (keyType && expectedOf(keyType)) ?? 'a valid name';
      problems.push({ path, onKey: true, message: `${formatPath(path.slice(0, -1))}: '${String(key)}' is not a valid name; expected ${expected}` });
      continue;
    }
    const value = valueAt(data, path);
    // A refinement may say itself what it expected and what it found (`params`); `.refine` without them falls back to the schema's phrase.
    const own = issue.code === 'custom' ? (issue.params as { expected?: unknown; found?: unknown } | undefined) : undefined;
    // An enum names its own choices, also when it is one branch of a union (a severity or an options object).
    const expected =
      typeof own?.expected === 'string'
        ? own.expected
        : issue.code === 'invalid_value' && issue.values.length > 0
          ? `one of ${issue.values.map(String).join(', ')}`
          : (expectedAt(schema, path) ?? issue.message);
    const found = typeof own?.found === 'string' ? own.found : describeValue(value);
    const where = formatPath(path) || 'value';
    // A choice written in another case or with a typo: name the one that was probably meant.
    const [guess] = issue.code === 'invalid_value' && typeof value === 'string' ? closestMatches(value, issue.values.map(String), 2) : [];
    problems.push({
      path,
      onKey: false,
      expected,
      message: value === undefined ? `${where}: missing; expected ${expected}` : `${where}: expected ${expected}; got ${found}${guess ? ` (did you mean '${guess}'?)` : ''}`,
    });
  }
  return dedupe(problems);
}

/**
 * A union's branches each explain why the value does not fit them; the useful one is the branch
 * that got past the shape check (the value has that branch's shape), or else the only enum the
 * value could have been meant for (`"eror"` for a severity). When several branches failed on the
 * shape alone (`yes` for 0, 1, true or false), the union's own "expected" phrase says it best.
 */
function pickBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  const atRoot = (issue: z.core.$ZodIssue, code: string) => issue.code === code && issue.path.length === 0;
  const informative = branches.find((branch) => branch.some((issue) => !atRoot(issue, 'invalid_type') && !atRoot(issue, 'invalid_value')));
  if (informative) return informative;
  const enums = branches.filter((branch) => branch.some((issue) => atRoot(issue, 'invalid_value')));
  return enums.length === 1 ? enums[0] : undefined;
}

function listChoices(choices: string[]): string {
  return choices.length === 0 ? 'no keys here' : `one of ${choices.join(', ')}`;
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${formatPath(problem.path)}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
