/**
 * A team's own JSON Schema for a kind's front matter (`"kinds": { "change-note": { "schema":
 * "schemas/change-note.json" } }`): read through the configuration host, checked against the
 * JSON Schema meta-schema, and compiled with @cfworker/json-schema, which interprets the schema
 * and never generates code (the bundles stay free of `eval` and `new Function`).
 */
import type { OutputUnit, SchemaDraft, Validator } from '@cfworker/json-schema';
import type { ParseError } from 'jsonc-parser';
import { jsonc, jsonSchema } from '../lazyModules';
import type { KindSchema, KindSchemaError } from '../kinds';
import { dirname, joinPath } from '../paths';
import { LineIndex } from '../text';
import { DRAFT_07_META_SCHEMA } from './jsonSchemaDraft07';
import type { RawConfig } from './schema';
import type { ConfigHost, ConfigProblem } from './types';

/** What loadKindSchemas reads of a configuration layer (resolve.ts's ConfigLayer): here, so that this file does not import resolve.ts, which imports it. */
interface SchemaLayer {
  config: RawConfig;
  base: string;
  file?: string;
}

/** `$schema` values and the drafts they name; a schema without `$schema` is read as 2020-12. */
const DRAFTS: readonly { pattern: RegExp; draft: SchemaDraft }[] = [
  { pattern: /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/, draft: '7' },
  { pattern: /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, draft: '2020-12' },
  { pattern: /^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, draft: '2019-09' },
  { pattern: /^https?:\/\/json-schema\.org\/draft-04\/schema#?$/, draft: '4' },
];

/** Why a schema cannot be used, as it reads after "cannot use the schema …: ". */
export class KindSchemaProblem extends Error {}

let metaValidator: Validator | undefined;

/** Parses and compiles a schema file's text. Throws KindSchemaProblem saying what is wrong and where in the file. */
export function compileKindSchema(path: string, text: string): KindSchema {
  const errors: ParseError[] = [];
  const tree = jsonc().parseTree(text.replace(/^\uFEFF/, ''), errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const at = first ? new LineIndex(text).positionAt(first.offset) : { line: 0, column: 0 };
    throw new KindSchemaProblem(`not valid JSON at line ${at.line + 1}, column ${at.column + 1}${first ? ` (${jsonc().printParseErrorCode(first.error)})` : ''}`);
  }
  const schema: unknown = jsonc().getNodeValue(tree);
  if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object' || Array.isArray(schema))) {
    throw new KindSchemaProblem('expected a JSON Schema: an object (or true/false)');
  }
  const declared = typeof schema === 'object' ? (schema as { $schema?: unknown }).$schema : undefined;
  let draft: SchemaDraft = '2020-12';
  if (declared !== undefined) {
    const known = typeof declared === 'string' ? DRAFTS.find((entry) => entry.pattern.test(declared)) : undefined;
    if (!known) throw new KindSchemaProblem(`$schema: expected draft-07 (http://json-schema.org/draft-07/schema#) or 2020-12 (https://json-schema.org/draft/2020-12/schema); got ${JSON.stringify(declared)}`);
    draft = known.draft;
  }
  // The keywords' own shapes (a `type` that names no type, `required` that is not a list) are the meta-schema's to check.
  metaValidator ??= new (jsonSchema().Validator)(DRAFT_07_META_SCHEMA as object, '7', false);
  const meta = metaValidator.validate(schema);
  if (!meta.valid) {
    const leaf = leaves(meta.errors)[0] ?? meta.errors[0];
    throw new KindSchemaProblem(`not a valid JSON Schema: at ${pointerText(leaf?.instanceLocation ?? '#')}, ${leaf?.error ?? 'the schema breaks the meta-schema'}`);
  }
  const dangling = danglingReference(schema);
  if (dangling) throw new KindSchemaProblem(`does not compile: $ref '${dangling}' ${dangling.startsWith('#') ? 'points at nothing in the schema' : 'points outside the schema file; only references inside it (#/…) can be followed'}`);
  let validator: Validator;
  try {
    validator = new (jsonSchema().Validator)(schema as object, draft, false);
    // References resolve on first use: an unresolvable `$ref` shows now, not on the first note.
    validator.validate({});
  } catch (error) {
    throw new KindSchemaProblem(`does not compile: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`);
  }
  return {
    path,
    schema,
    validate(data: unknown): KindSchemaError[] {
      const result = validator.validate(data);
      return result.valid ? [] : leaves(result.errors).map((unit) => describe(unit, data, schema));
    },
  };
}

/** The first `$ref` that does not resolve inside the schema (a JSON pointer, or an `$id`/`$anchor` the schema declares). */
function danglingReference(schema: unknown): string | undefined {
  const ids = new Set<string>();
  const refs: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (depth > 200 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if ((key === '$ref' || key === '$dynamicRef') && typeof value === 'string') refs.push(value);
      else if ((key === '$id' || key === '$anchor' || key === '$dynamicAnchor') && typeof value === 'string') ids.add(key === '$id' ? value : `#${value}`);
      // `enum`, `const` and `default` hold data, not schemas.
      if (key !== 'enum' && key !== 'const' && key !== 'default' && key !== 'examples') walk(value, depth + 1);
    }
  };
  walk(schema, 0);
  return refs.find((ref) => {
    if (ids.has(ref) || ref === '#' || ids.has(ref.replace(/#$/, ''))) return false;
    if (!ref.startsWith('#/')) return !ref.startsWith('#') || !ids.has(ref);
    let node: unknown = schema;
    for (const raw of ref.slice(2).split('/')) {
      const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      if (node === null || typeof node !== 'object' || !(segment in node)) return true;
      node = (node as Record<string, unknown>)[segment];
    }
    return false;
  });
}

/** Keywords whose error only says "a part below failed": the part's own error says what. */
const WRAPPERS = new Set(['properties', 'items', 'prefixItems', 'additionalItems', 'patternProperties', 'allOf', '$ref', '$dynamicRef', 'then', 'else', 'dependentSchemas', 'unevaluatedItems', 'propertyNames']);
/** Keywords whose sub-errors are alternatives: the keyword's own error is the one to show. */
const ALTERNATIVES = new Set(['anyOf', 'oneOf', 'not', 'if', 'contains']);

function leaves(errors: readonly OutputUnit[]): OutputUnit[] {
  const alternatives = errors.filter((unit) => ALTERNATIVES.has(unit.keyword)).map((unit) => unit.keywordLocation);
  return errors.filter((unit) => {
    if (WRAPPERS.has(unit.keyword)) return false;
    // `additionalProperties: false` reports the key as a `false` schema below it.
    if ((unit.keyword === 'additionalProperties' || unit.keyword === 'unevaluatedProperties') && errors.some((other) => other.keyword === 'false' && other.instanceLocation.startsWith(`${unit.instanceLocation}/`))) return false;
    return !alternatives.some((location) => unit.keywordLocation !== location && unit.keywordLocation.startsWith(`${location}/`));
  });
}

function pointerPath(pointer: string, data: unknown): (string | number)[] {
  const path: (string | number)[] = [];
  let node = data;
  for (const raw of pointer.replace(/^#\/?/, '').split('/').filter((segment) => segment !== '')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    const step: string | number = Array.isArray(node) && /^\d+$/.test(segment) ? Number(segment) : segment;
    path.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  }
  return path;
}

function pointerText(pointer: string): string {
  const path = pointer.replace(/^#\/?/, '');
  return path === '' ? 'the top level' : path.split('/').map((segment) => decodeURIComponent(segment)).join('.');
}

function describe(unit: OutputUnit, data: unknown, schema: unknown): KindSchemaError {
  const path = pointerPath(unit.instanceLocation, data);
  const quoted = /"([^"]*)"/.exec(unit.error)?.[1];
  if (unit.keyword === 'required' && quoted !== undefined) return { path, keyword: 'required', key: quoted, message: `missing key '${quoted}'` };
  if (unit.keyword === 'false') {
    const key = path[path.length - 1];
    return { path, keyword: 'additionalProperties', key: typeof key === 'string' ? key : undefined, message: `key '${String(key)}' is not allowed` };
  }
  return { path, keyword: unit.keyword, message: `${expectation(unit, schema)}; got ${shown(valueAtPath(data, path))}` };
}

function valueAtPath(data: unknown, path: readonly (string | number)[]): unknown {
  let node = data;
  for (const step of path) node = node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}

function shown(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** What the failed keyword expects, in the words of our other messages ("expected one of low, high"). */
function expectation(unit: OutputUnit, schema: unknown): string {
  const listed = /\[(.*)\]/.exec(unit.error)?.[1];
  switch (unit.keyword) {
    case 'enum':
      if (listed !== undefined) return `expected one of ${listed.replace(/"/g, '').split(',').join(', ')}`;
      break;
    case 'type': {
      const expected = /Expected "([^"]+)"/.exec(unit.error)?.[1];
      if (expected) return `expected ${expected.split(',').map((type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)).join(' or ')}`;
      break;
    }
    case 'pattern': {
      const pattern = valueAtPath(schema, pointerPath(unit.keywordLocation, schema));
      return typeof pattern === 'string' ? `expected a string matching ${pattern}` : "expected a string matching the schema's pattern";
    }
    default:
      break;
  }
  return `expected ${unit.error.replace(/^Instance /, 'the value ').replace(/\.$/, '').replace(/^(.)/, (first) => first.toLowerCase())}`;
}

/**
 * Loads the schemas a configuration layer names, relative to the layer's folder. A schema that
 * cannot be read, parsed or compiled is a problem of the configuration, reported at its `schema`
 * value with the schema's path.
 */
export async function loadKindSchemas(layer: SchemaLayer, host: ConfigHost, configText?: string): Promise<{ schemas: Map<string, KindSchema>; problems: ConfigProblem[] }> {
  const schemas = new Map<string, KindSchema>();
  const problems: ConfigProblem[] = [];
  const base = layer.file ? dirname(layer.file) : layer.base;
  for (const [name, kind] of Object.entries(layer.config.kinds ?? {})) {
    if (!kind.schema) continue;
    const path = joinPath(base, kind.schema);
    try {
      let text: string | undefined;
      try {
        text = await host.readFile(path);
      } catch (error) {
        throw new KindSchemaProblem(`cannot read it: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (text === undefined) throw new KindSchemaProblem('the file does not exist');
      schemas.set(name, compileKindSchema(path, text));
    } catch (error) {
      if (!(error instanceof KindSchemaProblem)) throw error;
      problems.push({ ...schemaPosition(configText, name), message: `kinds.${name}.schema: cannot use '${kind.schema}' (${path}): ${error.message}` });
    }
  }
  return { schemas, problems };
}

function schemaPosition(text: string | undefined, kind: string): Omit<ConfigProblem, 'message'> {
  const tree = text ? jsonc().parseTree(text) : undefined;
  const node = tree ? jsonc().findNodeAtLocation(tree, ['kinds', kind, 'schema']) : undefined;
  if (!text || !node) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const lines = new LineIndex(text);
  const from = lines.positionAt(node.offset);
  const to = lines.positionAt(node.offset + node.length);
  return { line: from.line + 1, column: from.column + 1, endLine: to.line + 1, endColumn: to.column + 1 };
}
