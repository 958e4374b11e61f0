/** Issue 18: team schemas in the configuration, "today" as a calendar date, and the body facts the declared-vs-found rules read. */
import { strict as assert } from 'node:assert';
import { ConfigResolver, lintText, resolveConfig, type ConfigHost } from '../../src/core';
import { bodyContent } from '../../src/core/bodyContent';
import { findDestructiveCommands, DESTRUCTIVE_COMMANDS } from '../../src/core/destructiveCommands';
import { parseNote } from '../../src/core/parse';
import { calendarDate } from '../../src/core/today';

const memoryHost = (files: Record<string, string>): ConfigHost => ({ readFile: async (path) => files[path] });
const config = (schema: string, schemaFile = '/repo/schemas/change.json') =>
  memoryHost({ '/repo/.runbook-notes.json': `{\n  "kinds": {\n    "change-note": { "schema": "schemas/change.json" }\n  }\n}`, [schemaFile]: schema });

describe('a team schema that cannot be used', () => {
  const cases: [string, string, RegExp][] = [
    ['a missing file', '', /the file does not exist/],
    ['JSON that does not parse', '{ "type": "object", }', /not valid JSON at line 1, column 21/],
    ['a type that names no type', '{ "type": "text" }', /not a valid JSON Schema: at type, /],
    ['required that is not a list', '{ "required": "owner" }', /not a valid JSON Schema: at required/],
    ['a $ref that resolves nowhere', '{ "properties": { "risk": { "$ref": "#/$defs/risk" } } }', /does not compile: \$ref .#\/\$defs\/risk. points at nothing/],
    ['an unknown $schema', '{ "$schema": "http://example.com/schema" }', /expected draft-07 .* or 2020-12/],
    ['a list', '[]', /expected a JSON Schema: an object/],
  ];
  for (const [name, schema, message] of cases) {
    it(`is reported on the configuration, at its "schema" value and with its path: ${name}`, async () => {
      const host = name === 'a missing file' ? memoryHost({ '/repo/.runbook-notes.json': `{\n  "kinds": {\n    "change-note": { "schema": "schemas/change.json" }\n  }\n}` }) : config(schema);
      await assert.rejects(new ConfigResolver(host, { defaultRoot: '/repo' }).forNote('/repo/changes/a.md'), (error: Error) => {
        assert.match(error.message, /^\/repo\/\.runbook-notes\.json:3:32: kinds\.change-note\.schema: cannot use 'schemas\/change\.json' \(\/repo\/schemas\/change\.json\): /);
        assert.match(error.message, message);
        return true;
      });
    });
  }

  it('named in the editor settings, is read relative to the workspace folder through the same host', async () => {
    const host = memoryHost({ '/ws/schemas/post.json': '{ "required": ["audience"] }' });
    const settings = { config: { kinds: { post: { schema: 'schemas/post.json' } } }, base: '/ws' };
    const resolved = await new ConfigResolver(host, { defaultRoot: '/ws', stopAt: '/ws', settings }).forNote('/ws/posts/a.md');
    const result = lintText('---\nkind: post\ntitle: A\n---\n\n# A\n', { path: '/ws/posts/a.md', config: resolved });
    assert.deepEqual(result.diagnostics.filter((d) => d.ruleId === 'RN028').map((d) => d.message), ["front matter: missing key 'audience' (the post schema, /ws/schemas/post.json)"]);
    const broken = memoryHost({});
    await assert.rejects(new ConfigResolver(broken, { defaultRoot: '/ws', stopAt: '/ws', settings }).forNote('/ws/posts/a.md'), /settings \(runbookNotes\.kinds\):1:1: kinds\.post\.schema: cannot use 'schemas\/post\.json' \(\/ws\/schemas\/post\.json\): the file does not exist/);
  });
});

describe('today, for review dates', () => {
  it('is the calendar date in the configured time zone, not the UTC date', () => {
    const evening = new Date('2026-11-30T20:00:00Z');
    assert.equal(calendarDate(evening, 'UTC'), '2026-11-30');
    assert.equal(calendarDate(evening, 'Asia/Tokyo'), '2026-12-01');
    assert.equal(calendarDate(new Date('2026-12-01T03:00:00Z'), 'America/Los_Angeles'), '2026-11-30');
  });

  it('a review dated today east of UTC is not in the future before UTC midnight', () => {
    const note = '---\nkind: post\ntitle: A\nrevision: { last_reviewed: 2026-12-01 }\n---\n\n# A\n';
    const now = new Date('2026-11-30T20:00:00Z');
    const inTokyo = resolveConfig([{ config: { timeZone: 'Asia/Tokyo' }, base: '/' }], '/');
    const inUtc = resolveConfig([{ config: { timeZone: 'UTC' }, base: '/' }], '/');
    const future = (configured: typeof inUtc) => lintText(note, { path: '/posts/a.md', config: configured, now }).diagnostics.filter((d) => /in the future/.test(d.message));
    assert.equal(future(inTokyo).length, 0);
    assert.equal(future(inUtc).length, 1);
  });

  it('refuses a time zone the runtime does not know, with its value', async () => {
    const host = memoryHost({ '/repo/.runbook-notes.json': '{ "timeZone": "Mars/Olympus" }' });
    await assert.rejects(new ConfigResolver(host, { defaultRoot: '/repo' }).forNote('/repo/posts/a.md'), /timeZone: expected an IANA time zone such as Europe\/Berlin or UTC; got 'Mars\/Olympus'/);
  });
});

describe('body content', () => {
  it('counts prose words without code, comments, URLs or image syntax; inline code is one word', () => {
    const note = parseNote('---\ntitle: x\n---\n\n# Two words\n\nRun `kubectl get pods -A` now, see [the docs](https://example.com/a-b-c).\n\n<!-- five words in a comment -->\n\n```sh\nnot counted at all\n```\n\n- one\n- two\n\n  ```sh\n  nested fence not counted\n  ```\n\n![alt text is not read](x.png)\n');
    const content = bodyContent(note);
    // "Two words" 2, "Run", "kubectl…", "now", "see", "the", "docs" 6, "one", "two" 2.
    assert.equal(content.proseWords, 10);
    assert.equal(content.proseParagraphs, 1);
    assert.deepEqual(content.code.map((code) => [code.type, code.info, note.text.slice(code.span.start, code.span.end)]), [
      ['inline', '', 'kubectl get pods -A'],
      ['block', 'sh', 'not counted at all\n'],
      ['block', 'sh', '  nested fence not counted\n'],
    ]);
    assert.deepEqual(content.images.map((image) => image.url), ['x.png']);
  });

  it('stays linear on a paragraph of ten thousand unmatched backticks', () => {
    const started = Date.now();
    bodyContent(parseNote(`# A\n\n${'`a ``b '.repeat(10_000)}\n`));
    assert.ok(Date.now() - started < 2000);
  });
});

describe('destructive commands', () => {
  const names = (code: string) => findDestructiveCommands(code, DESTRUCTIVE_COMMANDS).map((match) => code.slice(match.start, match.end));
  it('judge the whole command: a WHERE clause on a later line, --dry-run after the verb, a continued line', () => {
    assert.deepEqual(names('DELETE FROM jobs\n  WHERE state = \'done\';\nDELETE FROM jobs;'), ['DELETE FROM jobs']);
    assert.deepEqual(names('kubectl delete ns prod \\\n  --dry-run=server'), []);
    assert.deepEqual(names('kubectl delete ns prod --dry-run=none'), ['kubectl delete ns prod --dry-run=none']);
    assert.deepEqual(names('ssh db-1 \'rm -rf /var/lib/mysql\''), ["rm -rf /var/lib/mysql'"]);
    assert.deepEqual(names('make clean && rm -rf node_modules && rm -rf /srv/data'), ['rm -rf /srv/data']);
  });
});
