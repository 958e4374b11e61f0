/**
 * The value shapes (src/core/valueShape.ts), RN011's check without zod, against zod itself: on every
 * front matter value of the fixtures, on values generated from each key's shape (valid ones and near
 * misses), and on values of any kind. Any disagreement is a value one of the two would misjudge.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { locateFrontMatter, parseFrontMatter } from '../../src/core/frontMatter';
import { deriveMetaFacts, KNOWN_KEYS, keySchema, keyValueShape } from '../../src/core/metaSchema';
import { accepts, describeSchema, type ValueShape } from '../../src/core/valueShape';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) return markdownFiles(file);
    return name.endsWith('.md') ? [file] : [];
  });
}

/** Verdicts compared so far, valid and invalid: a comparison that only ever met one kind would prove little. */
const verdicts = { valid: 0, invalid: 0 };

/** Both verdicts on one value of one key; the message names the value when they differ. */
function agree(key: string, value: unknown): void {
  const shape = keyValueShape(key) as ValueShape;
  const zodSays = (keySchema(key) as z.ZodType).safeParse(value).success;
  assert.equal(accepts(shape, value), zodSays, `${key}: ${JSON.stringify(value)}: zod says ${zodSays ? 'valid' : 'invalid'}`);
  verdicts[zodSays ? 'valid' : 'invalid']++;
}

/** Runs `compare` and checks that it met both valid and invalid values, at least `least` of each. */
function bothVerdicts(least: number, compare: () => void): void {
  verdicts.valid = 0;
  verdicts.invalid = 0;
  compare();
  assert.ok(verdicts.valid >= least && verdicts.invalid >= least, `met ${verdicts.valid} valid and ${verdicts.invalid} invalid values`);
}

/** Strings that sit on the edges of the schemas' checks. */
const EDGE_STRINGS = [
  '', ' ', '\t\n', ' a ', 'a', '@alice', '@org/team', ' @alice ', '@', 'alice@example.com', 'a b', 'sre-oncall', '-x', 'two words',
  '2026-02-28', '2026-02-29', '2024-02-29', '2026-13-01', '2026-1-01', ' 2026-02-28', '2026-02-28 ', '0000-01-01',
  'https://example.com/a.png', 'http://x', 'HTTP://EXAMPLE.COM', 'https:///a.png', 'http:example.com', 'javascript:alert(1)', ' https://example.com ',
  '1.4.4', '1.0', '1.2.3-rc.1+build', '01.2.3', 'v1.2.3', 'anp-ref-000260-9326', 'ANP-ref-000260-9326', 'deadbeefdeadbeefdeadbeef', 'DEADBEEFDEADBEEFDEADBEEF',
  'beginner', 'Beginner', 'draft', 'published', 'archived ', 'true', '0', '1', 'ß', '😀', '\u00a0x\u00a0', '\u2028',
];

const EDGE_NUMBERS = [0, -0, 1, -1, 0.5, 1.5, 99, 100, 101, 599, 600, 601, 3650, 3651, 2 ** 53, 2 ** 53 - 1, -(2 ** 53), Number.MAX_VALUE, Infinity, -Infinity, NaN, 1e-300];

/** Any value YAML can produce: strings, numbers (.inf and .nan included), booleans, null, lists and maps. */
const yamlValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(...EDGE_STRINGS),
    fc.string(),
    fc.constantFrom(...EDGE_NUMBERS),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom('name', 'type', 'source', 'url', 'caption', 'status', 'version', 'last_reviewed', 'quality', 'before', 'after', 'unit', 'extra'), fc.string()), tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** Values built from a shape: mostly valid, with a near miss (a wrong type, a value past a bound, a missing or extra key) now and then. */
function fromShape(shape: ValueShape, depth = 0): fc.Arbitrary<unknown> {
  const nearMiss = depth > 3 ? yamlValue : fc.oneof(yamlValue, fc.constantFrom(...EDGE_STRINGS), fc.constantFrom(...EDGE_NUMBERS));
  let valid: fc.Arbitrary<unknown>;
  switch (shape.type) {
    case 'string': {
      const padded = (text: fc.Arbitrary<string>) => (shape.trim ? fc.tuple(fc.constantFrom('', ' ', '\t'), text, fc.constantFrom('', ' ', '\n')).map((parts) => parts.join('')) : text);
      const written = shape.pattern
        ? fc.stringMatching(new RegExp((shape.pattern[0] as { source: string }).source))
        : shape.check === 'calendarDay'
          ? fc.date({ min: new Date('1900-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10))
          : shape.check === 'httpUrl'
            ? fc.webUrl()
            : fc.string({ minLength: shape.minLength ?? 0 });
      valid = fc.oneof(padded(written), fc.constantFrom(...EDGE_STRINGS));
      break;
    }
    case 'number': {
      const min = shape.min ?? -1000;
      const max = shape.max ?? min + 10_000;
      valid = fc.oneof(fc.integer({ min: Math.ceil(min) - 2, max: Math.floor(max) + 2 }), fc.double({ min: min - 1, max: max + 1 }));
      break;
    }
    case 'boolean':
      valid = fc.boolean();
      break;
    case 'literal':
    case 'enum':
      valid = fc.constantFrom(...(shape.values as unknown[]));
      break;
    case 'array':
      valid = fc.array(fromShape(shape.element, depth + 1), { minLength: Math.max(0, (shape.minLength ?? 0) - 1), maxLength: 4 });
      break;
    case 'union':
      valid = fc.oneof(...shape.options.map((option) => fromShape(option, depth + 1)));
      break;
    case 'object': {
      const entries = Object.entries(shape.properties).map(([key, property]) => fc.option(fromShape(property, depth + 1).map((value) => [key, value] as const), { nil: undefined }));
      valid = fc.tuple(fc.tuple(...entries), fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(fc.constantFrom('extra', 'Name', 'url '), yamlValue) })).map(([picked, extra]) => {
        const object: Record<string, unknown> = Object.fromEntries(picked.filter((entry): entry is readonly [string, unknown] => entry !== undefined));
        if (extra) object[extra[0]] = extra[1];
        return object;
      });
      break;
    }
    case 'record':
      valid = fc.dictionary(fc.string(), fromShape(shape.value, depth + 1), { maxKeys: 4 });
      break;
    case 'optional':
      valid = fc.option(fromShape(shape.inner, depth + 1), { nil: undefined });
      break;
  }
  // Near misses are rarer deeper down, so that whole valid maps and lists come up too.
  return fc.oneof({ weight: depth === 0 ? 4 : 16, arbitrary: valid }, { weight: 1, arbitrary: nearMiss });
}

describe('value shapes: the front matter check without zod', () => {
  it('describes every known key, and the bundles get the same shapes (build-time JSON)', () => {
    const facts = deriveMetaFacts();
    assert.deepEqual(Object.keys(facts.shapes), [...KNOWN_KEYS]);
    assert.deepEqual(JSON.parse(JSON.stringify(facts.shapes)), facts.shapes, 'the shapes survive JSON, as the build defines them');
    for (const key of KNOWN_KEYS) assert.deepEqual(keyValueShape(key), facts.shapes[key]);
    assert.equal(keyValueShape('constructor'), undefined);
    assert.equal(keyValueShape('__proto__'), undefined);
  });

  it('agrees with zod on every front matter value of the fixtures', () => bothVerdicts(20, () => {
    let values = 0;
    for (const file of markdownFiles(FIXTURES)) {
      const text = readFileSync(file, 'utf8');
      const located = locateFrontMatter(text);
      if (!located || located === 'unterminated' || !('content' in located)) continue;
      const data = parseFrontMatter(text, located).data;
      if (!data || typeof data !== 'object' || Array.isArray(data)) continue;
      for (const [key, value] of Object.entries(data)) {
        if (keyValueShape(key) === undefined) continue;
        agree(key, value);
        values++;
      }
    }
    assert.ok(values > 300, `only ${values} values were compared`);
  }));

  it('agrees with zod on values generated from each key, valid ones and near misses', () => {
    // A fixed seed per key, as the other property tests here: a run is the same run everywhere.
    for (const [index, key] of KNOWN_KEYS.entries()) bothVerdicts(10, () => fc.assert(fc.property(fromShape(keyValueShape(key) as ValueShape), (value) => agree(key, value)), { numRuns: 400, seed: 1000 + index }));
  });

  it('agrees with zod on values of any kind', () => bothVerdicts(200, () => {
    fc.assert(fc.property(fc.constantFrom(...KNOWN_KEYS), yamlValue, agree), { numRuns: 5000, seed: 17 });
  }));

  it('agrees with zod on the keys objects and records treat apart: __proto__ (an own key in YAML), constructor, symbols, non-enumerable keys', () => {
    const yamlValues = ['{__proto__: 5}', '{__proto__: true, ai_generated_style: 1}', '{constructor: 1, toString: true}', '{name: a, type: b, __proto__: x}', '{quality: 5, __proto__: 1}', '[{name: a, type: b, __proto__: 1}]'];
    const values: unknown[] = yamlValues.map((text) => parseYaml(text) as unknown);
    const withSymbol: Record<string | symbol, unknown> = { ai_generated_style: 1 };
    withSymbol[Symbol('key')] = 5;
    const hidden = { ai_generated_style: 1 };
    Object.defineProperty(hidden, 'needs_human_review', { value: 'not a flag', enumerable: false });
    values.push(withSymbol, hidden, Object.assign(Object.create(null) as object, { ai_generated_style: 1 }));
    for (const key of KNOWN_KEYS) for (const value of values) agree(key, value);
  });

  it('refuses to describe what it cannot check, naming where: the build then fails instead of passing values zod refuses', () => {
    const cases: [z.ZodType, RegExp][] = [
      [z.string().transform((value) => value.length), /\(root\): the type 'pipe'/],
      [z.strictObject({ size: z.number().gt(0) }), /\(root\)\.size: the number check 'greater_than' \(exclusive\)/],
      [z.string().refine((value) => value !== 'x'), /a refinement without a named check/],
      [z.string().toLowerCase(), /an overwrite other than a leading trim\(\)/],
      [z.array(z.number().default(1)), /\(root\)\[\]: the type 'default'/],
      [z.object({ a: z.string() }).strip(), /other keys are 'stripped'/],
      [z.record(z.enum(['a', 'b']), z.string()), /a record whose keys are checked/],
      [z.string().email(), /the string check 'string_format'/],
    ];
    for (const [schema, message] of cases) assert.throws(() => describeSchema(schema), message);
  });
});
