/** Front matter help for the editor: where the cursor is, what fits there, and each key's documentation. */
import { strict as assert } from 'node:assert';
import { resolveConfig } from '../../src/core';
import { frontMatterPositionAt, keyCompletions, keyHelpMarkdown, keyHoverAt, keyInsertion, topLevelKeyCompletions, topLevelKeyHelp, valueCompletions } from '../../src/core/frontMatterHelp';
import { isRealDate, whyNotADay } from '../../src/core/metaSchema';

/** The text with `|` removed, and the offset where it stood. */
function cursor(marked: string): [string, number] {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'the test text marks the cursor with |');
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

const positionAt = (marked: string) => frontMatterPositionAt(...cursor(marked));

describe('front matter positions', () => {
  it('finds a top-level key being typed, and the keys already written', () => {
    const position = positionAt('---\ntitle: x\ndiff|\n---\n');
    assert.deepEqual(position && { ...position }, { at: 'key', path: [], prefix: 'diff', start: 13, end: 17, siblings: ['title'] });
  });
  it('finds nested keys under a map', () => {
    assert.deepEqual(positionAt('---\nrevision:\n  status: draft\n  |\n---\n')?.path, ['revision']);
    assert.deepEqual(positionAt('---\nrevision:\n  status: draft\n|\n---\n')?.path, []);
  });
  it('finds keys of a map inside a list, in both list styles', () => {
    assert.deepEqual(positionAt('---\nentities:\n- name: x\n  |\n---\n')?.path, ['entities', 0]);
    assert.deepEqual(positionAt('---\nentities:\n  - name: x\n    ty|\n---\n')?.path, ['entities', 0]);
    assert.deepEqual(positionAt('---\nentities:\n  - name: x\n  - |\n---\n')?.path, ['entities', 0]);
  });
  it('finds a value position with what is typed of it', () => {
    const position = positionAt('---\nrevision:\n  status: dr|aft\n---\n');
    assert.equal(position?.at, 'value');
    assert.deepEqual(position?.path, ['revision', 'status']);
    assert.equal(position?.prefix, 'dr');
  });
  it('works while the closing fence is not typed yet, and is silent outside front matter and in comments', () => {
    assert.equal(positionAt('---\ndifficulty: |')?.at, 'value');
    assert.equal(positionAt('---\ntitle: x\n---\n\n# T|\n'), undefined);
    assert.equal(positionAt('# No front matter|\n'), undefined);
    assert.equal(positionAt('---\n# a comment |\n---\n'), undefined);
  });
});

describe('front matter completions and hovers', () => {
  it('offers every documented top-level key of the post-meta schema', () => {
    const keys = keyCompletions([]).map((help) => help.key);
    for (const key of ['kind', 'title', 'owner', 'difficulty', 'score', 'revision', 'flags', 'entities', 'image_sources', 'metric']) assert.ok(keys.includes(key), key);
    const revision = keyCompletions([]).find((help) => help.key === 'revision');
    assert.equal(revision?.shape, 'map');
    assert.equal(keyCompletions([]).find((help) => help.key === 'stack')?.shape, 'list');
    assert.match(revision?.description ?? '', /status/);
  });
  it('offers the keys of nested maps and of list items', () => {
    assert.deepEqual(keyCompletions(['revision']).map((help) => help.key), ['status', 'version', 'last_reviewed', 'review_every_days']);
    assert.deepEqual(keyCompletions(['score']).map((help) => help.key), ['quality', 'freshness', 'depth', 'clarity']);
    assert.deepEqual(keyCompletions(['image_sources', 0]).map((help) => help.key), ['source', 'url', 'caption']);
    assert.deepEqual(keyCompletions(['title']), []);
  });
  it('offers enum values for difficulty and revision.status, and the configured kinds for kind', () => {
    assert.deepEqual(valueCompletions(['difficulty']), ['beginner', 'intermediate', 'advanced']);
    assert.deepEqual(valueCompletions(['revision', 'status']), ['draft', 'reviewed', 'expanded', 'published', 'archived']);
    assert.deepEqual(valueCompletions(['flags', 'has_images']), ['0', '1', 'true', 'false']);
    const config = resolveConfig([{ config: { kinds: { 'alert-runbook': { include: ['alerts/**'], require: ['owner'] } } }, base: '/w' }], '/w');
    assert.deepEqual(valueCompletions(['kind'], config), ['alert-runbook', 'runbook', 'change-note', 'post']);
    assert.deepEqual(valueCompletions(['title']), []);
  });
  it('documents the key under the cursor, nested ones too', () => {
    const [text, offset] = cursor('---\nrevision:\n  sta|tus: draft\n---\n');
    const hover = keyHoverAt(text, offset);
    assert.deepEqual(hover?.path, ['revision', 'status']);
    assert.equal(text.slice(hover?.start, hover?.end), 'status');
    assert.match(hover?.help.expected ?? '', /one of draft, reviewed/);
    assert.equal(keyHoverAt(...cursor('---\nrevision:\n  status: dr|aft\n---\n')), undefined);
    assert.equal(keyHoverAt(...cursor('---\nmy_own|_key: 1\n---\n')), undefined);
  });
});

describe('kind-aware top-level keys', () => {
  const config = resolveConfig([{ config: { kinds: { 'alert-runbook': { include: ['alerts/**'], require: ['owner', 'mitigation', 'rollback'] } }, fields: { mitigation: { headings: ['mitigation'] } } }, base: '/w' }], '/w');
  const keys = (kind: string | undefined, missing: string[], isNote = true) => topLevelKeyCompletions(config, kind, missing, isNote).map((help) => `${help.key}${help.missing ? '*' : ''}`);

  it('lists the missing required fields first, in the order the kind requires them', () => {
    const runbook = keys('runbook', ['checklist', 'rollback']);
    assert.deepEqual(runbook.slice(0, 2), ['rollback*', 'checklist*']);
    assert.ok(runbook.includes('expected_result'), 'the kind’s other fields are offered too');
  });
  it('offers post-meta keys in posts only, and the fields of the kind everywhere', () => {
    const runbook = keys('runbook', []);
    for (const key of ['difficulty', 'reading_time', 'ai_outline', 'payload', 'score', 'flags']) {
      assert.ok(!runbook.includes(key), `${key} is not offered in a runbook`);
      assert.ok(keys('post', []).includes(key), `${key} is offered in a post`);
    }
    for (const key of ['kind', 'title', 'owner', 'revision', 'tools', 'metric']) assert.ok(runbook.includes(key), key);
    assert.ok(!keys('post', []).includes('rollback'), 'a post requires no rollback');
    const changeNote = keys('change-note', ['reason']);
    assert.deepEqual(changeNote.slice(0, 1), ['reason*']);
    for (const key of ['files_touched', 'command', 'rollback']) assert.ok(changeNote.includes(key), key);
  });
  it('offers and documents configured fields of a kind from the configuration', () => {
    assert.deepEqual(keys('alert-runbook', ['mitigation']).slice(0, 1), ['mitigation*']);
    const help = topLevelKeyHelp('mitigation', config);
    assert.match(help?.description ?? '', /## Mitigation/);
    assert.match(help?.description ?? '', /Required in: alert-runbook/);
  });
  it('offers only kind in a file that is no note', () => {
    assert.deepEqual(keys(undefined, [], false), ['kind']);
  });
  it('documents rollback, expected_result, reason, command and their aliases on hover', () => {
    for (const key of ['rollback', 'expected_result', 'expected', 'reason', 'why', 'command', 'commands', 'files_touched']) {
      const [text, offset] = cursor(`---\n${key.slice(0, 2)}|${key.slice(2)}: x\n---\n`);
      const hover = keyHoverAt(text, offset, config);
      assert.ok(hover, key);
      assert.match(hover.help.description, /section/, key);
    }
    assert.match(keyHoverAt(...cursor('---\nroll|back: x\n---\n'), config)?.help.description ?? '', /How to undo the change/);
  });
});

describe('why a date names no day', () => {
  it('says which part does not exist, leap years included', () => {
    assert.equal(whyNotADay('2026-13-45'), 'there is no month 13');
    assert.equal(whyNotADay('2026-00-10'), 'there is no month 0');
    assert.equal(whyNotADay('2026-02-30'), 'February 2026 has 28 days');
    assert.equal(whyNotADay('2025-02-29'), 'February 2025 has 28 days');
    assert.equal(whyNotADay('2026-04-31'), 'April 2026 has 30 days');
    assert.equal(whyNotADay('2026-04-00'), 'days start at 01');
    assert.ok(isRealDate('2024-02-29') && isRealDate('2000-02-29') && !isRealDate('1900-02-29'));
  });
});

describe('front matter insertion and documentation (shared by the extension and the language server)', () => {
  const help = (path: (string | number)[]) => {
    const found = keyCompletions(path.slice(0, -1)).find((candidate) => candidate.key === path[path.length - 1]);
    assert.ok(found, `documented key ${path.join('.')}`);
    return found;
  };
  it('inserts a choice of values, an indented list item, a nested map or a plain value, as a snippet', () => {
    assert.equal(keyInsertion(help(['difficulty']), valueCompletions(['difficulty']), '', true), 'difficulty: ${1|beginner,intermediate,advanced|}');
    assert.equal(keyInsertion(help(['tools']), [], '', true), 'tools:\n  - $0');
    assert.equal(keyInsertion(help(['revision']), [], '  ', true), 'revision:\n    $0');
    assert.equal(keyInsertion(help(['owner']), [], '', true), 'owner: $0');
  });
  it('inserts plain text for clients without snippets, with nothing escaped', () => {
    assert.equal(keyInsertion(help(['difficulty']), valueCompletions(['difficulty']), '', false), 'difficulty: ');
    assert.equal(keyInsertion(help(['tools']), [], '', false), 'tools:\n  - ');
    assert.equal(keyInsertion(help(['owner']), [], '', false), 'owner: ');
  });
  it('escapes what snippet syntax would read: $, } and \\ in text, and , | in choices', () => {
    const odd = { key: 'a$b}', description: 'd', shape: 'scalar' as const };
    assert.equal(keyInsertion(odd, ['x,y', 'p|q', '$z'], '', true), 'a\\$b\\}: ${1|x\\,y,p\\|q,\\$z|}');
    assert.equal(keyInsertion(odd, [], '', false), 'a$b}: ');
  });
  it('documents a key as Markdown with its punctuation escaped', () => {
    assert.equal(keyHelpMarkdown({ key: 'reading_time', description: 'Minutes (1-60).', expected: 'a number', shape: 'scalar' }), '**reading\\_time**: Minutes \\(1\\-60\\)\\.\n\nExpected: a number');
  });
});

describe('front matter help from a team schema', () => {
  const team = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $defs: { risk: { enum: ['low', 'medium', 'high'], description: 'How much can go wrong.' } },
    properties: {
      risk: { $ref: '#/$defs/risk' },
      rollback_tested: { type: 'boolean', description: 'Whether the rollback was rehearsed.' },
      revision: { properties: { status: { enum: ['draft', 'approved'] }, approver: { type: 'string', description: 'Who approved the change.' } } },
      services: { type: 'array', items: { anyOf: [{ const: 'api' }, { const: 'worker' }] } },
      difficulty: { description: 'Our own words for it.' },
    },
  };

  it("completes the schema's keys with their descriptions, next to the built-in ones", () => {
    const top = keyCompletions([], team);
    assert.equal(top.find((help) => help.key === 'risk')?.description, 'How much can go wrong.');
    assert.equal(top.find((help) => help.key === 'risk')?.expected, 'one of low, medium, high');
    assert.equal(top.find((help) => help.key === 'services')?.shape, 'list');
    assert.ok(top.some((help) => help.key === 'owner'), 'built-in keys stay');
    assert.deepEqual(keyCompletions(['revision'], team).map((help) => help.key), ['status', 'version', 'last_reviewed', 'review_every_days', 'approver']);
    assert.match(keyCompletions([], team).find((help) => help.key === 'difficulty')?.description ?? '', /How hard the note is to follow\. Our own words for it\./);
  });

  it("offers the schema's enums, consts and booleans as values, following $ref and anyOf", () => {
    assert.deepEqual(valueCompletions(['risk'], undefined, team), ['low', 'medium', 'high']);
    assert.deepEqual(valueCompletions(['rollback_tested'], undefined, team), ['true', 'false']);
    assert.deepEqual(valueCompletions(['services', 0], undefined, team), ['api', 'worker']);
    assert.deepEqual(valueCompletions(['revision', 'status'], undefined, team).slice(0, 2), ['draft', 'approved']);
  });

  it("hovers a key only the team schema knows with the schema's description", () => {
    const text = '---\nrisk: high\n---\n';
    assert.equal(keyHoverAt(text, text.indexOf('risk') + 1, undefined, team)?.help.description, 'How much can go wrong.');
    assert.equal(keyHoverAt(text, text.indexOf('risk') + 1), undefined);
  });
});
