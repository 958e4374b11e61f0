/**
 * A plain-data description of a zod schema ("value shape") and a check of values against it that
 * needs no zod: the fast path of the front matter check (RN011). Front matter is valid in almost
 * every note, and answering "valid" through zod meant loading zod and building its schemas, a
 * tenth of a one-note CLI run (`npm run bench`, the start-up rows) and of the editor's first lint.
 * zod's own fast path compiles validators with `new Function`, which the extension never allows
 * (SECURITY.md): this one is data, read by `accepts`.
 *
 * The shapes are derived from the zod schemas themselves (`describeSchema`), at build time for the
 * bundles, so the two cannot drift: `describeSchema` throws on any construct it does not know,
 * and test/unit/valueShape.test.ts checks that `accepts` and zod's `safeParse` agree, on the
 * fixtures and on generated values. When a value is not accepted, zod still gives the findings.
 */
import type { z } from 'zod';
import { isRealDate } from './dates';
import { httpUrl } from './url';

/** Checks that zod keeps as functions (`refine`, `superRefine`), named in the schema's meta (`check`) so that a shape can name them. */
export const NAMED_CHECKS = {
  /** A date written YYYY-MM-DD that names a day of the calendar. */
  calendarDay: (value: string) => isRealDate(value),
  /** An http(s) URL with a host (url.ts). */
  httpUrl: (value: string) => httpUrl(value) !== undefined,
} as const;

export type NamedCheck = keyof typeof NAMED_CHECKS;

/** What a value must be. Bounds are inclusive; string checks apply after `trim` when it is set, as zod's do. */
export type ValueShape =
  | { type: 'string'; trim?: true; minLength?: number; pattern?: { source: string; flags: string }[]; check?: NamedCheck }
  | { type: 'number'; integer?: true; min?: number; max?: number }
  | { type: 'boolean' }
  | { type: 'literal'; values: (string | number | boolean | null)[] }
  | { type: 'enum'; values: (string | number)[] }
  | { type: 'array'; element: ValueShape; minLength?: number }
  | { type: 'union'; options: ValueShape[] }
  | { type: 'object'; properties: Record<string, ValueShape>; unknownKeys: 'allowed' | 'refused' }
  | { type: 'record'; value: ValueShape }
  | { type: 'optional'; inner: ValueShape };

interface ZodInternals {
  type: string;
  checks?: { _zod: { def: { check: string; [key: string]: unknown } } }[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
}

const internals = (schema: z.ZodType) => (schema as unknown as { _zod: { def: ZodInternals } })._zod.def;

/**
 * The shape of a zod schema, for `accepts`. Throws an Error naming the path and the construct for
 * anything the shapes cannot say (a transform, a default, an exclusive bound, an unnamed refinement,
 * a record with checked keys): a schema change that needs the shapes to learn something fails the
 * build, never passes values zod would refuse.
 */
export function describeSchema(schema: z.ZodType, path = '(root)'): ValueShape {
  const def = internals(schema);
  const unsupported = (what: string): never => {
    throw new Error(`valueShape: ${path}: ${what} cannot be described as a value shape; teach src/core/valueShape.ts or change the schema`);
  };
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  switch (def.type) {
    case 'string': {
      const shape: Extract<ValueShape, { type: 'string' }> = { type: 'string' };
      for (const check of checks) {
        if (check.check === 'overwrite') {
          // zod's trim() is an overwrite check; any other overwrite changes values in ways a shape cannot follow.
          const tx = check.tx as ((value: string) => string) | undefined;
          if (shape.trim || shape.minLength !== undefined || shape.pattern || typeof tx !== 'function' || tx(' \t a b \n') !== 'a b') unsupported('an overwrite other than a leading trim()');
          shape.trim = true;
        } else if (check.check === 'min_length' && typeof check.minimum === 'number') shape.minLength = Math.max(shape.minLength ?? 0, check.minimum);
        else if (check.check === 'string_format' && check.format === 'regex' && check.pattern instanceof RegExp) (shape.pattern ??= []).push({ source: check.pattern.source, flags: check.pattern.flags.replace(/[gy]/g, '') });
        else if (check.check === 'custom') {
          const name = (schema.meta() as { check?: unknown } | undefined)?.check;
          if (typeof name !== 'string' || !(name in NAMED_CHECKS) || shape.check) unsupported('a refinement without a named check (meta { check } from NAMED_CHECKS)');
          shape.check = name as NamedCheck;
        } else unsupported(`the string check '${check.check}'`);
      }
      return shape;
    }
    case 'number': {
      const shape: Extract<ValueShape, { type: 'number' }> = { type: 'number' };
      for (const check of checks) {
        if (check.check === 'number_format' && check.format === 'safeint') shape.integer = true;
        else if (check.check === 'greater_than' && check.inclusive === true && typeof check.value === 'number') shape.min = Math.max(shape.min ?? -Infinity, check.value);
        else if (check.check === 'less_than' && check.inclusive === true && typeof check.value === 'number') shape.max = Math.min(shape.max ?? Infinity, check.value);
        else unsupported(`the number check '${check.check}'${check.inclusive === false ? ' (exclusive)' : ''}`);
      }
      return shape;
    }
    case 'boolean':
      if (checks.length > 0) unsupported('a checked boolean');
      return { type: 'boolean' };
    case 'literal':
      if (!(def.values ?? []).every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value))) unsupported('a literal that is not a string, number, boolean or null');
      return { type: 'literal', values: def.values as (string | number | boolean | null)[] };
    case 'enum':
      return { type: 'enum', values: Object.values(def.entries ?? {}) };
    case 'array': {
      const shape: Extract<ValueShape, { type: 'array' }> = { type: 'array', element: describeSchema(def.element as z.ZodType, `${path}[]`) };
      for (const check of checks) {
        if (check.check === 'min_length' && typeof check.minimum === 'number') shape.minLength = Math.max(shape.minLength ?? 0, check.minimum);
        else unsupported(`the array check '${check.check}'`);
      }
      return shape;
    }
    case 'union':
      if (checks.length > 0) unsupported('a checked union');
      return { type: 'union', options: (def.options ?? []).map((option, index) => describeSchema(option, `${path}|${index}`)) };
    case 'object': {
      if (checks.length > 0) unsupported('a checked object');
      const catchall = def.catchall && internals(def.catchall).type;
      if (catchall !== 'never' && catchall !== 'unknown') unsupported(`an object whose other keys are '${catchall ?? 'stripped'}'`);
      const properties: Record<string, ValueShape> = {};
      for (const [key, value] of Object.entries(def.shape ?? {})) properties[key] = describeSchema(value, `${path}.${key}`);
      return { type: 'object', properties, unknownKeys: catchall === 'never' ? 'refused' : 'allowed' };
    }
    case 'record': {
      const keyType = def.keyType && internals(def.keyType);
      if (keyType?.type !== 'string' || (keyType.checks ?? []).length > 0 || checks.length > 0) unsupported('a record whose keys are checked');
      return { type: 'record', value: describeSchema(def.valueType as z.ZodType, `${path}.*`) };
    }
    case 'optional':
      return { type: 'optional', inner: describeSchema(def.innerType as z.ZodType, path) };
    default:
      return unsupported(`the type '${def.type}'`);
  }
}

const compiled = new Map<string, RegExp>();

function pattern(source: string, flags: string): RegExp {
  const key = `${flags}/${source}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = new RegExp(source, flags);
    compiled.set(key, regex);
  }
  return regex;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether zod would accept `value` for the schema `shape` describes (see describeSchema). Never throws. */
export function accepts(shape: ValueShape, value: unknown): boolean {
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return false;
      const text = shape.trim ? value.trim() : value;
      if (shape.minLength !== undefined && text.length < shape.minLength) return false;
      if (shape.pattern && !shape.pattern.every((each) => pattern(each.source, each.flags).test(text))) return false;
      return shape.check === undefined || NAMED_CHECKS[shape.check](text);
    }
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (!shape.integer || Number.isSafeInteger(value)) &&
        (shape.min === undefined || value >= shape.min) &&
        (shape.max === undefined || value <= shape.max)
      );
    case 'boolean':
      return typeof value === 'boolean';
    case 'literal':
    case 'enum':
      return (shape.values as unknown[]).includes(value);
    case 'array':
      return Array.isArray(value) && (shape.minLength === undefined || value.length >= shape.minLength) && value.every((item) => accepts(shape.element, item));
    case 'union':
      return shape.options.some((option) => accepts(option, value));
    case 'object': {
      if (!isObject(value)) return false;
      for (const [key, property] of Object.entries(shape.properties)) if (!accepts(property, value[key])) return false;
      return shape.unknownKeys === 'allowed' || Object.keys(value).every((key) => Object.prototype.hasOwnProperty.call(shape.properties, key));
    }
    case 'record':
      // As zod reads a record: every own enumerable key (a symbol is no string key), but `__proto__`, which it skips.
      return (
        isPlainObject(value) &&
        Reflect.ownKeys(value).every(
          (key) =>
            key === '__proto__' ||
            !Object.prototype.propertyIsEnumerable.call(value, key) ||
            (typeof key === 'string' && accepts(shape.value, (value as Record<string, unknown>)[key])),
        )
      );
    case 'optional':
      return value === undefined || accepts(shape.inner, value);
  }
}

/** zod reads a record only from a plain object (no class instance). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}
