/**
 * Editor help for front matter: which key or value the cursor is on, the keys and values that
 * fit there, and each key's documentation, all read from the zod schema the linter validates with.
 *
 * It works on the lines of the front matter, not on parsed YAML, because while someone types the
 * YAML is broken most of the time and help is needed most exactly then.
 */
import type { z } from 'zod';
import type { ResolvedConfig } from './config/types';
import { fieldTitle, type FieldDefinition } from './fields';
import { locateFrontMatter } from './frontMatter';
import type { KeyHelp } from './keyHelp';
import { schemaKeyHelp, schemaKeys, schemaValues } from './jsonSchemaHelp';
import { frontMatterSchema } from './metaSchema';
import { defOf, objectAt, schemasAlong, type IssuePath } from './schemaIssues';

export type { KeyHelp } from './keyHelp';

/** A key offered by completion at the top level of a note's front matter. */
export interface KeyCompletion extends KeyHelp {
  /** The key holds a field the note's kind requires and the note lacks (listed first). */
  missing: boolean;
}

export type FrontMatterPosition =
  /** The cursor is where a key goes, under `path`; `prefix` is what is typed of it so far. */
  | { at: 'key'; path: IssuePath; prefix: string; start: number; end: number; siblings: string[] }
  /** The cursor is in the value of the key at `path`. */
  | { at: 'value'; path: IssuePath; prefix: string; start: number; end: number };

interface Line {
  start: number;
  text: string;
}

interface Frame {
  column: number;
  segment: string | number;
}

const KEY = /^([A-Za-z_][\w.-]*)[ \t]*:(?=[ \t]|$)/;
const ITEM = /^-(?=[ \t]|$)[ \t]*/;

function linesOf(text: string, start: number, end: number): Line[] {
  const lines: Line[] = [];
  const pattern = /\r\n|\r|\n/g;
  let lineStart = start;
  pattern.lastIndex = start;
  for (let found = pattern.exec(text); found && found.index < end; found = pattern.exec(text)) {
    lines.push({ start: lineStart, text: text.slice(lineStart, found.index) });
    lineStart = found.index + found[0].length;
  }
  if (lineStart <= end) lines.push({ start: lineStart, text: text.slice(lineStart, end) });
  return lines;
}

/** The front matter's content span, also while its closing fence is not typed yet. */
function contentSpan(text: string): { start: number; end: number } | undefined {
  const located = locateFrontMatter(text);
  if (located === undefined) return undefined;
  if (located !== 'unterminated') return located.content;
  const start = /^(?:\uFEFF)?---[ \t]*(?:\r\n|\r|\n)/.exec(text)?.[0].length;
  return start === undefined ? undefined : { start, end: text.length };
}

/**
 * Follows one line's items and key into the stack of open blocks. A key closes the blocks at its
 * column or deeper (its siblings and their children); an item closes deeper blocks and the
 * previous item of the same list, but not a key at its own column (`key:` then `- item` below it).
 */
function enter(stack: Frame[], column: number, segment: string | number): void {
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as Frame;
    const closes = typeof segment === 'number' ? top.column > column || (top.column === column && typeof top.segment === 'number') : top.column >= column;
    if (!closes) break;
    stack.pop();
  }
  stack.push({ column, segment });
}

interface LineShape {
  /** Columns of the `- ` items, then of the key. */
  items: number[];
  keyColumn: number;
  key?: string;
  /** Where the value starts (after `key:` and its spaces). */
  valueColumn?: number;
}

function shapeOf(text: string): LineShape | undefined {
  let column = text.length - text.trimStart().length;
  if (column === text.length || text[column] === '#') return undefined;
  const items: number[] = [];
  for (let item = ITEM.exec(text.slice(column)); item; item = ITEM.exec(text.slice(column))) {
    items.push(column);
    column += item[0].length;
  }
  const key = KEY.exec(text.slice(column));
  if (!key) return { items, keyColumn: column };
  const afterColon = column + key[0].length;
  const valueColumn = afterColon + (text.slice(afterColon).length - text.slice(afterColon).trimStart().length);
  return { items, keyColumn: column, key: key[1], valueColumn };
}

function follow(stack: Frame[], shape: LineShape): void {
  for (const column of shape.items) enter(stack, column, 0);
  if (shape.key !== undefined) enter(stack, shape.keyColumn, shape.key);
}

const pathOf = (stack: readonly Frame[]): IssuePath => stack.map((frame) => frame.segment);

/** Where in the front matter an offset is: a key being typed, or a value. Undefined outside front matter. */
export function frontMatterPositionAt(text: string, offset: number): FrontMatterPosition | undefined {
  const content = contentSpan(text);
  if (!content || offset < content.start || offset > content.end) return undefined;
  const lines = linesOf(text, content.start, content.end);
  const stack: Frame[] = [];
  const siblingsByParent = new Map<string, string[]>();
  let cursorLine: Line | undefined;
  for (const line of lines) {
    if (offset >= line.start && offset <= line.start + line.text.length) {
      cursorLine = line;
      break;
    }
    const shape = shapeOf(line.text);
    if (!shape) continue;
    follow(stack, shape);
    if (shape.key !== undefined) {
      const parent = JSON.stringify(pathOf(stack.slice(0, -1)));
      siblingsByParent.set(parent, [...(siblingsByParent.get(parent) ?? []), shape.key]);
    }
  }
  if (!cursorLine) return undefined;
  const before = cursorLine.text.slice(0, offset - cursorLine.start);
  if (/#/.test(before.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined;

  const shape = shapeOf(before) ?? { items: [], keyColumn: before.length };
  for (const column of shape.items) enter(stack, column, 0);
  if (shape.key !== undefined && shape.valueColumn !== undefined) {
    enter(stack, shape.keyColumn, shape.key);
    const wordEnd = cursorLine.text.slice(before.length).search(/[\s#,\]}]|$/);
    return { at: 'value', path: pathOf(stack), prefix: before.slice(shape.valueColumn), start: cursorLine.start + shape.valueColumn, end: offset + Math.max(wordEnd, 0) };
  }
  const typed = before.slice(shape.keyColumn);
  if (!/^[A-Za-z_]?[\w.-]*$/.test(typed)) {
    // `- value` in a list: a value position of the list's element.
    if (shape.items.length === 0) return undefined;
    return { at: 'value', path: pathOf(stack), prefix: typed, start: cursorLine.start + shape.keyColumn, end: offset };
  }
  // A key typed here closes the blocks at its column (its siblings), as a real key would.
  while (stack.length > 0 && (stack[stack.length - 1] as Frame).column >= shape.keyColumn && typeof (stack[stack.length - 1] as Frame).segment === 'string') stack.pop();
  const path = pathOf(stack);
  const rest = /^[\w.-]*/.exec(cursorLine.text.slice(before.length))?.[0] ?? '';
  return {
    at: 'key',
    path,
    prefix: typed,
    start: cursorLine.start + shape.keyColumn,
    end: offset + rest.length,
    siblings: siblingsByParent.get(JSON.stringify(path)) ?? [],
  };
}

function metaOf(schema: z.ZodType): { description?: string; expected?: string; postOnly?: boolean } {
  const meta = schema.meta() as { description?: unknown; expected?: unknown; postOnly?: unknown } | undefined;
  return {
    description: typeof meta?.description === 'string' ? meta.description : undefined,
    expected: typeof meta?.expected === 'string' ? meta.expected : undefined,
    postOnly: meta?.postOnly === true ? true : undefined,
  };
}

function shapeOfSchema(chain: readonly z.ZodType[]): KeyHelp['shape'] {
  const types = new Set(chain.map((schema) => defOf(schema).type));
  if (types.has('array')) return 'list';
  if (types.has('object') || types.has('record')) return 'map';
  return 'scalar';
}

/**
 * Documentation of the key at `path`, from the schema; undefined for a key the schema does not know.
 * With a team schema (the note kind's `"schema"`), its `description` is added to the built-in one,
 * and keys only the team schema knows are documented from it.
 */
export function keyHelp(path: IssuePath, teamSchema?: unknown): KeyHelp | undefined {
  const builtin = builtinKeyHelp(path);
  const team = teamSchema === undefined ? undefined : schemaKeyHelp(teamSchema, path);
  if (!builtin || !team) return builtin ?? team;
  const description = team.description === builtin.description || team.description === "A key of the team's schema." ? builtin.description : `${builtin.description} ${team.description}`;
  return { ...builtin, description, expected: team.expected?.startsWith('one of') ? team.expected : builtin.expected };
}

function builtinKeyHelp(path: IssuePath): KeyHelp | undefined {
  const chain = schemasAlong(frontMatterSchema(), path);
  const key = path[path.length - 1];
  if (!chain || typeof key !== 'string') return undefined;
  let description: string | undefined;
  let expected: string | undefined;
  let postOnly: boolean | undefined;
  // The deepest documented schema along the path is the key's own.
  for (const schema of chain.slice(1)) {
    const meta = metaOf(schema);
    description = meta.description ?? description;
    expected = meta.expected ?? expected;
    postOnly = meta.postOnly ?? postOnly;
  }
  if (!description) return undefined;
  // A union (metric) is written in several ways; say "scalar" so completion inserts nothing presumptuous.
  const last = chain[chain.length - 1] as z.ZodType;
  return { key, description, expected, shape: defOf(last).type === 'union' ? 'scalar' : shapeOfSchema(chain.slice(-1)), ...(postOnly ? { postOnly } : {}) };
}

/**
 * Documentation of a top-level key: the schema's, else that of the field the configuration reads
 * from it (`rollback`, `reason`, `why`, a configured field's key), which may also be a section.
 */
export function topLevelKeyHelp(key: string, config?: ResolvedConfig, teamSchema?: unknown): KeyHelp | undefined {
  const field = config?.fields.find((candidate) => candidate.keys.includes(key));
  const schemaHelp = keyHelp([key], teamSchema);
  if (!field) return schemaHelp;
  const also = `Also written as a '## ${fieldTitle(field)}' section${field.taskList ? ' with a task list' : ''}.`;
  const requiredIn = config?.kinds.filter((kind) => kind.require.includes(field.name)).map((kind) => kind.name) ?? [];
  const required = requiredIn.length > 0 ? ` Required in: ${requiredIn.join(', ')}.` : '';
  const description = schemaHelp?.description ?? field.description ?? `The '${fieldTitle(field)}' field, from the configuration.`;
  return { key, description: `${description} ${also}${required}`, expected: schemaHelp?.expected ?? 'text', shape: schemaHelp?.shape ?? 'scalar' };
}

/**
 * The keys to offer at the top level of a note of `kind`: first the keys of required fields the
 * note lacks (`missing`, in the kind's order), then the schema's keys and the keys of the kind's
 * other fields. Keys of the post-meta box that only posts use are offered in posts only; a file
 * that is no note (no kind) gets only `kind`.
 */
export function topLevelKeyCompletions(config: ResolvedConfig | undefined, kind: string | undefined, missingFields: readonly string[], isNote: boolean): KeyCompletion[] {
  if (!isNote || !config) return [keyHelp(['kind'])].filter((help): help is KeyHelp => help !== undefined).map((help) => ({ ...help, missing: false }));
  const definition = kind === undefined ? undefined : config.kinds.find((candidate) => candidate.name === kind);
  const fields = new Map(config.fields.map((field) => [field.name, field]));
  const required = (definition?.require ?? []).map((name) => fields.get(name)).filter((field): field is FieldDefinition => field !== undefined && field.keys.length > 0);
  const offered = new Map<string, KeyCompletion>();
  const offer = (key: string, missing: boolean) => {
    if (offered.has(key)) return;
    const help = topLevelKeyHelp(key, config);
    if (help && (!help.postOnly || kind === 'post')) offered.set(key, { ...help, missing });
  };
  for (const field of required) if (missingFields.includes(field.name)) offer(field.keys[0] as string, true);
  for (const help of keyCompletions([])) offer(help.key, false);
  for (const field of required) offer(field.keys[0] as string, false);
  return [...offered.values()];
}

/** The keys the schema knows under `path` (the top level for `[]`), documented; with a team schema, its keys too. */
export function keyCompletions(path: IssuePath, teamSchema?: unknown): KeyHelp[] {
  const object = objectAt(frontMatterSchema(), path);
  const keys = [...Object.keys(object ? (defOf(object).shape ?? {}) : {}), ...(teamSchema === undefined ? [] : schemaKeys(teamSchema, path))];
  return [...new Set(keys)]
    .map((key) => keyHelp([...path, key], teamSchema))
    .filter((help): help is KeyHelp => help !== undefined);
}

/** The values a key accepts when they can be listed: enums, literals, booleans, and `kind` (from the configuration); with a team schema, its enums first. */
export function valueCompletions(path: IssuePath, config?: ResolvedConfig, teamSchema?: unknown): string[] {
  if (path.length === 1 && path[0] === 'kind') return config ? config.kinds.map((kind) => kind.name) : [];
  const team = teamSchema === undefined ? [] : schemaValues(teamSchema, path);
  const chain = schemasAlong(frontMatterSchema(), path);
  const last = chain?.[chain.length - 1];
  if (!last) return team;
  const values: string[] = [];
  const collect = (schema: z.ZodType): void => {
    const def = defOf(schema);
    if (def.type === 'enum') values.push(...Object.values(def.entries ?? {}).map(String));
    else if (def.type === 'literal') values.push(...(def.values ?? []).map(String));
    else if (def.type === 'boolean') values.push('true', 'false');
    else if (def.type === 'union') def.options?.forEach(collect);
  };
  collect(last);
  return [...new Set([...team, ...values])];
}

/** The key under the cursor with its documentation and span, for hovers; top-level keys of configured fields need `config`, a team's schema (`kinds.<kind>.schema`) documents its own keys. */
export function keyHoverAt(text: string, offset: number, config?: ResolvedConfig, teamSchema?: unknown): { help: KeyHelp; path: IssuePath; start: number; end: number } | undefined {
  const content = contentSpan(text);
  if (!content || offset < content.start || offset > content.end) return undefined;
  const stack: Frame[] = [];
  for (const line of linesOf(text, content.start, content.end)) {
    if (line.start > offset) break;
    const shape = shapeOf(line.text);
    if (!shape) continue;
    follow(stack, shape);
    if (shape.key === undefined || offset > line.start + line.text.length) continue;
    const start = line.start + shape.keyColumn;
    const end = start + shape.key.length;
    if (offset < start || offset > end) return undefined;
    const path = pathOf(stack);
    const help = path.length === 1 ? topLevelKeyHelp(shape.key, config, teamSchema) : keyHelp(path, teamSchema);
    return help && { help, path, start, end };
  }
  return undefined;
}

/** Text shown as Markdown, as written (every Markdown punctuation character escaped). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** A key's documentation as Markdown, for completion items and hovers: `**key**: description`, then what a valid value looks like. */
export function keyHelpMarkdown(help: KeyHelp): string {
  const text = `**${escapeMarkdown(help.key)}**: ${escapeMarkdown(help.description)}`;
  return help.expected ? `${text}\n\nExpected: ${escapeMarkdown(help.expected)}` : text;
}

const snippetText = (text: string): string => text.replace(/[$}\\]/g, '\\$&');
const snippetChoice = (text: string): string => text.replace(/[$}\\,|]/g, '\\$&');

/**
 * What completing a key inserts: the key, then a choice of its `values`, an indented list item, a
 * nested map's indentation, or a space for a plain value. `indent` is the key's own indentation.
 * With `snippet`, the text is in snippet syntax (the LSP's and VS Code's: `${1|a,b|}`, `$0`);
 * without, plain text with the cursor left at its end.
 */
export function keyInsertion(help: KeyHelp, values: readonly string[], indent: string, snippet: boolean): string {
  const key = snippet ? snippetText(help.key) : help.key;
  const pad = snippet ? snippetText(indent) : indent;
  if (values.length > 0 && snippet) return `${key}: \${1|${values.map(snippetChoice).join(',')}|}`;
  const cursor = snippet ? '$0' : '';
  if (values.length === 0 && help.shape === 'list') return `${key}:\n${pad}  - ${cursor}`;
  if (values.length === 0 && help.shape === 'map') return `${key}:\n${pad}  ${cursor}`;
  return `${key}: ${cursor}`;
}
