/**
 * Dependencies we use past their documented API, pinned to exact versions in package.json. Each test names the
 * internal and the file that relies on it, so that an upgrade that moves one fails here, loudly, rather than
 * as a wrong finding somewhere else:
 * - zod: `schema._zod.def` and its fields (src/core/schemaIssues.ts walks schemas with it); the `allowsEval`
 *   probe the build rewrites (scripts/build.mjs, scripts/zodInternals.mjs);
 * - micromark: the ParseContext that `parse()` returns (`defined`, `lazy`, `document().write()`), reused
 *   across documents; chunk tokens' `contentType`/`previous`/`next`, and `subtokenize()`'s return value
 *   (src/core/markdown/chunk.ts drives micromark's postprocess itself and skips chunks no rule reads).
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, postprocess, preprocess } from 'micromark';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { subtokenize } from 'micromark-util-subtokenize';
import type { Event, ParseContext, Token } from 'micromark-util-types';
import { z } from 'zod';
import { ZOD_ALLOWS_EVAL_PROBE, ZOD_UTIL_FILE } from '../../scripts/zodInternals.mjs';
import { defOf } from '../../src/core/schemaIssues';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const installed = (name: string) => (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** The packages used through their internals: each must be pinned to an exact version. */
const PINNED = ['zod', 'micromark', 'micromark-util-subtokenize', 'micromark-util-types', 'micromark-extension-gfm-task-list-item'];

function write(parser: ParseContext, text: string): Event[] {
  return parser.document().write(preprocess()(text, undefined, true));
}

function types(events: Event[]): string[] {
  return events.filter(([kind]) => kind === 'enter').map(([, token]) => token.type);
}

describe('dependency internals (pinned versions)', () => {
  describe('pins', () => {
    for (const name of PINNED) {
      it(`${name} is pinned to the installed version`, () => {
        const spec = manifest.devDependencies[name];
        assert.match(spec ?? '', /^\d+\.\d+\.\d+$/, `${name} is used through its internals: package.json must pin an exact version, not ${spec}`);
        assert.equal(installed(name), spec, `${name}: node_modules holds ${installed(name)}, package.json pins ${spec} (run npm ci)`);
      });
    }
  });

  describe('zod', () => {
    const def = (schema: z.ZodType, field: string) => {
      const found = defOf(schema) as unknown as Record<string, unknown>;
      assert.ok(found && typeof found.type === 'string', `zod internal schema._zod.def.type is gone (src/core/schemaIssues.ts defOf)`);
      assert.ok(field in found && found[field] !== undefined, `zod internal _zod.def.${field} is gone for a ${String(found.type)} schema (src/core/schemaIssues.ts)`);
      return found;
    };

    it('_zod.def gives each wrapper and container its parts, as schemaIssues.ts reads them', () => {
      const inner = z.string();
      assert.equal(def(z.object({ a: inner }), 'shape').type, 'object');
      assert.equal((def(z.object({ a: inner }), 'shape').shape as Record<string, unknown>).a, inner, '_zod.def.shape holds the key schemas');
      assert.equal(def(z.array(inner), 'element').element, inner, 'zod internal _zod.def.element');
      assert.equal(def(inner.optional(), 'innerType').innerType, inner, 'zod internal _zod.def.innerType (optional)');
      assert.equal(def(inner.default('x'), 'innerType').innerType, inner, 'zod internal _zod.def.innerType (default)');
      assert.equal(def(inner.pipe(z.string()), 'in').in, inner, 'zod internal _zod.def.in (pipe)');
      assert.equal(def(z.union([inner, z.number()]), 'options').type, 'union');
      assert.equal(def(z.record(z.string(), inner), 'valueType').valueType, inner, 'zod internal _zod.def.valueType (record)');
      assert.deepEqual(def(z.enum(['a', 'b']), 'entries').entries, { a: 'a', b: 'b' }, 'zod internal _zod.def.entries (enum)');
      assert.deepEqual(def(z.literal(1), 'values').values, [1], 'zod internal _zod.def.values (literal)');
    });

    it(`the allowsEval probe the build rewrites is in zod/${ZOD_UTIL_FILE}`, () => {
      const source = readFileSync(path.join(root, 'node_modules/zod', ZOD_UTIL_FILE), 'utf8');
      assert.match(source, ZOD_ALLOWS_EVAL_PROBE, `zod internal: the allowsEval probe in zod/${ZOD_UTIL_FILE} changed; update scripts/zodInternals.mjs`);
    });
  });

  describe('micromark', () => {
    const extensions = [gfmTaskListItem()];

    it('parse() gives a ParseContext with defined, lazy and document().write() returning events', () => {
      const parser = parse({ extensions });
      assert.ok(Array.isArray(parser.defined), 'micromark internal ParseContext.defined (src/core/markdown/chunk.ts resets it per chunk)');
      assert.equal(typeof parser.lazy, 'object', 'micromark internal ParseContext.lazy (src/core/markdown/chunk.ts resets it per chunk)');
      assert.equal(typeof parser.document, 'function', 'micromark internal ParseContext.document()');
      const events = write(parser, '# Title\n\ntext\n');
      assert.ok(Array.isArray(events) && events.every((event) => event.length === 3), 'micromark internal: document().write(chunks) returns [kind, token, context] events at the end of input');
      // The document level gives flow chunks; subtokenize() opens them (chunk.ts's rounds).
      assert.ok(events.length > 0 && types(events).every((type) => type === 'chunkFlow'), 'micromark internal: document().write() gives flow chunks (chunkFlow) for subtokenize() to open');
      while (!subtokenize(events)) {
        // until nothing is left
      }
      assert.deepEqual(types(events).slice(0, 2), ['atxHeading', 'atxHeadingSequence']);
    });

    it('a ParseContext reused across documents keeps no state but defined and lazy', () => {
      const shared = parse({ extensions });
      const text = '- [ ] task\n\n> quote\nlazy line\n\n[a]: /b\n\n![x][a] *em*\n';
      shared.defined = ['a'];
      shared.lazy = {};
      write(shared, 'first document\n> with a quote\nand a lazy line\n\n[z]: /y\n');
      shared.defined = [];
      shared.lazy = {};
      const again = write(shared, text);
      const fresh = write(parse({ extensions }), text);
      const shape = (events: Event[]) => events.map(([kind, token]) => `${kind} ${token.type} ${token.start.offset}-${token.end.offset}`);
      assert.deepEqual(shape(again), shape(fresh), 'micromark internal: a reused ParseContext carries state beyond defined and lazy (src/core/markdown/chunk.ts sharedParser)');
    });

    it('paragraph lines are chained text chunks (contentType, previous, next) that subtokenize() parses', () => {
      const events = write(parse({ extensions }), 'one *a*\ntwo *b*\n');
      // The first round turns flow content into a paragraph of text chunks, one per line.
      assert.equal(subtokenize(events), false, 'micromark internal: subtokenize() returns false after a round that tokenized something');
      const chunks = events.filter(([kind, token]) => kind === 'enter' && token.contentType === 'text').map(([, token]) => token);
      assert.ok(chunks.length >= 1, 'micromark internal: paragraph chunks carry contentType "text"');
      const first = chunks.find((token) => !token.previous) as Token;
      assert.ok(first, 'micromark internal: the first chunk has no previous');
      let count = 0;
      for (let chunk: Token | undefined = first; chunk; chunk = chunk.next) count += 1;
      assert.equal(count, 2, 'micromark internal: chunk.next links the paragraph’s two lines');
      assert.equal(typeof first.start.offset, 'number', 'micromark internal: token.start.offset');

      while (!subtokenize(events)) {
        // until nothing is left, as markdown/chunk.ts does
      }
      assert.ok(types(events).includes('emphasis'), 'subtokenize() parsed the paragraph inline');
    });

    it('a chunk whose contentType is cleared is left unparsed, and the rest matches micromark’s own postprocess', () => {
      const text = 'plain *a*\n\n# Heading *b*\n';
      const skipped = write(parse({ extensions }), text);
      subtokenize(skipped);
      for (const [kind, token] of skipped) if (kind === 'enter' && token.contentType === 'text' && token.start.offset === 0) token.contentType = undefined;
      while (!subtokenize(skipped)) {
        // as markdown/chunk.ts does
      }
      const emphasis = skipped.filter(([kind, token]) => kind === 'enter' && token.type === 'emphasis');
      assert.equal(emphasis.length, 1, 'micromark internal: clearing token.contentType skips that chunk (src/core/markdown/chunk.ts leftToTokenize)');
      assert.ok(emphasis[0]![1].start.offset > 10, 'the heading’s emphasis is parsed');

      const full = postprocess(write(parse({ extensions }), text));
      const ours = write(parse({ extensions }), text);
      while (!subtokenize(ours)) {
        // as markdown/chunk.ts does
      }
      const shape = (events: Event[]) => events.map(([kind, token]) => `${kind} ${token.type} ${token.start.offset}-${token.end.offset}`);
      assert.deepEqual(shape(ours), shape(full), 'micromark internal: postprocess is no longer subtokenize() until it returns true (src/core/markdown/chunk.ts scanChunk)');
    });
  });
});
