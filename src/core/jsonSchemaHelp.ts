/**
 * Editor help from a team's JSON Schema (a kind's `"schema"`): the keys it declares under a
 * path, with their `description`, and the values its `enum`, `const` and boolean types list.
 * Follows `properties`, `items`/`prefixItems`, local `$ref`s and `allOf`/`anyOf`/`oneOf`; anything
 * it cannot follow simply gives no help.
 */
import type { KeyHelp } from './keyHelp';

type Schema = Record<string, unknown>;

const MAX_DEPTH = 32;

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function pointer(root: unknown, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node = root;
  for (const raw of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return node;
}

/** The node and every schema it stands for: its `$ref` target and its `allOf`/`anyOf`/`oneOf` branches, flattened. */
function variants(root: unknown, node: unknown, depth = 0): Schema[] {
  if (!isSchema(node) || depth > MAX_DEPTH) return [];
  const found: Schema[] = [node];
  if (typeof node.$ref === 'string') found.push(...variants(root, pointer(root, node.$ref), depth + 1));
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const branches = node[keyword];
    if (Array.isArray(branches)) for (const branch of branches) found.push(...variants(root, branch, depth + 1));
  }
  return found;
}

/** The schemas that apply at a key path (`['revision', 'status']`, `['services', 0]`). */
export function schemasAt(root: unknown, path: readonly (string | number)[]): Schema[] {
  let nodes = variants(root, root);
  for (const segment of path) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (typeof segment === 'number') {
        const prefix = node.prefixItems;
        if (Array.isArray(prefix) && segment < prefix.length) next.push(prefix[segment]);
        else if (Array.isArray(node.items) && segment < node.items.length) next.push(node.items[segment]);
        else if (isSchema(node.items)) next.push(node.items);
      } else {
        const properties = node.properties;
        if (isSchema(properties) && Object.prototype.hasOwnProperty.call(properties, segment)) next.push(properties[segment]);
      }
    }
    nodes = next.flatMap((node) => variants(root, node));
    if (nodes.length === 0) return [];
  }
  return nodes;
}

function describe(schemas: readonly Schema[]): string | undefined {
  for (const schema of schemas) {
    if (typeof schema.description === 'string' && schema.description.trim() !== '') return schema.description.trim();
  }
  for (const schema of schemas) if (typeof schema.title === 'string' && schema.title.trim() !== '') return schema.title.trim();
  return undefined;
}

function typesOf(schemas: readonly Schema[]): Set<string> {
  const types = new Set<string>();
  for (const schema of schemas) {
    const type = schema.type;
    for (const name of Array.isArray(type) ? type : [type]) if (typeof name === 'string') types.add(name);
    if (isSchema(schema.properties)) types.add('object');
    if (schema.items !== undefined || schema.prefixItems !== undefined) types.add('array');
  }
  return types;
}

/** The values the schemas list at a path: `enum`s, `const`s and `true`/`false` for a boolean. */
export function schemaValues(root: unknown, path: readonly (string | number)[]): string[] {
  const values: string[] = [];
  const schemas = schemasAt(root, path);
  for (const schema of schemas) {
    if (Array.isArray(schema.enum)) for (const value of schema.enum) if (value === null || typeof value !== 'object') values.push(String(value));
    if (schema.const !== undefined && (schema.const === null || typeof schema.const !== 'object')) values.push(String(schema.const));
  }
  if (typesOf(schemas).has('boolean')) values.push('true', 'false');
  return [...new Set(values)];
}

/** Documentation of the key at `path` from the schema; undefined when the schema says nothing of it. */
export function schemaKeyHelp(root: unknown, path: readonly (string | number)[]): KeyHelp | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const schemas = schemasAt(root, path);
  if (schemas.length === 0) return undefined;
  const values = schemaValues(root, path);
  const types = typesOf(schemas);
  const shape: KeyHelp['shape'] = types.size === 1 && types.has('array') ? 'list' : types.size === 1 && types.has('object') ? 'map' : 'scalar';
  return {
    key,
    description: describe(schemas) ?? `A key of the team's schema.`,
    expected: values.length > 0 ? `one of ${values.join(', ')}` : types.size > 0 ? [...types].map((type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)).join(' or ') : undefined,
    shape,
  };
}

/** The keys the schema declares under `path` (the top level for `[]`). */
export function schemaKeys(root: unknown, path: readonly (string | number)[]): string[] {
  const keys: string[] = [];
  for (const schema of schemasAt(root, path)) if (isSchema(schema.properties)) keys.push(...Object.keys(schema.properties));
  return [...new Set(keys)];
}
