/** Note kinds: which files are notes, and which fields each kind requires. */

export interface GlobPattern {
  pattern: string;
  /** The folder the pattern is relative to (posix, absolute). */
  base: string;
}

/** Fields required only when the front matter has certain values (`{ "when": { "risk": "high" }, "require": ["approver"] }`). */
export interface KindCondition {
  /** Front matter key paths (`revision.status`) and the values each may have (any of them); every path must match. */
  when: Record<string, (string | number | boolean)[]>;
  require: string[];
}

export interface KindDefinition {
  name: string;
  include: GlobPattern[];
  require: string[];
  builtin: boolean;
  conditions?: KindCondition[];
  /** A team's JSON Schema for the front matter of this kind (`"schema"` in the configuration), loaded and compiled. */
  schema?: KindSchema;
}

/** A JSON Schema file named by a kind's `"schema"`, read through the configuration host and compiled. */
export interface KindSchema {
  /** The schema file's absolute path (posix). */
  path: string;
  /** The schema as JSON. */
  schema: unknown;
  /** Checks front matter data against the schema; see config/kindSchema.ts. */
  validate(data: unknown): KindSchemaError[];
}

export interface KindSchemaError {
  /** The key path of the value that fails (`['revision', 'status']`); `[]` for the front matter as a whole. */
  path: (string | number)[];
  /** The schema keyword that failed (`enum`, `type`, `required`, …). */
  keyword: string;
  message: string;
  /** For `required` and `additionalProperties`: the key concerned. */
  key?: string;
}

export const BUILTIN_KINDS: readonly { name: string; include: string[]; require: string[] }[] = [
  { name: 'runbook', include: ['**/runbooks/**/*.md', '**/*.runbook.md'], require: ['owner', 'expected_result', 'rollback', 'metric', 'checklist'] },
  {
    name: 'change-note',
    include: ['**/changes/**/*.md', '**/change-notes/**/*.md', '**/*.change.md'],
    require: ['owner', 'reason', 'files_touched', 'command', 'metric', 'rollback'],
  },
  { name: 'post', include: ['**/posts/**/*.md', '**/*.post.md', '**/_posts/**/*.md'], require: [] },
];

/** Display name for a kind: `change-note` → `Change note`. */
export function kindLabel(name: string): string {
  const words = name.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "a runbook", "an alert runbook": how messages name the kind that requires a field. */
export function withArticle(name: string): string {
  const label = kindLabel(name).toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}

/** The value at a dotted key path (`revision.status`) of front matter data. */
function valueAtKeyPath(meta: Record<string, unknown>, path: string): unknown {
  let node: unknown = meta;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Strings compare trimmed and without case (`High` is `high`); other values by their text (`true` is "true"). */
function sameValue(actual: unknown, expected: string | number | boolean): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual.trim().toLowerCase() === expected.trim().toLowerCase();
  if (actual === null || typeof actual === 'object' || actual === undefined) return false;
  return String(actual).trim().toLowerCase() === String(expected).trim().toLowerCase();
}

/**
 * The fields a note's front matter makes required through the kind's conditions, each with the
 * reason ("risk is high"). A condition applies when every key path of its `when` holds one of the
 * listed values (a list in the front matter: any of its items). The first condition that requires a
 * field gives its reason.
 */
export function conditionalRequirements(kind: KindDefinition | undefined, meta: Record<string, unknown> | undefined): Map<string, string> {
  const because = new Map<string, string>();
  if (!kind?.conditions || !meta) return because;
  for (const condition of kind.conditions) {
    const reasons: string[] = [];
    const applies = Object.entries(condition.when).every(([path, values]) => {
      const actual = valueAtKeyPath(meta, path);
      const candidates = Array.isArray(actual) ? actual : [actual];
      const hit = candidates.find((candidate) => values.some((value) => sameValue(candidate, value)));
      if (hit === undefined) return false;
      reasons.push(`${path} is ${String(hit).trim()}`);
      return true;
    });
    if (!applies) continue;
    for (const field of condition.require) if (!because.has(field)) because.set(field, reasons.join(' and '));
  }
  return because;
}
