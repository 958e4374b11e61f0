/** No input makes the engine throw: empty, binary-looking, broken YAML, unterminated front matter, CRLF, BOM, huge lines and files. */
import { strict as assert } from 'node:assert';
import { fixAll, lintText, resolveConfig, type LintResult } from '../../src/core';

const config = resolveConfig([], '/repo');
const NOW = new Date('2026-11-21T12:00:00Z');
const lint = (text: string, path = '/repo/runbooks/note.md'): LintResult => lintText(text, { path, config, now: NOW });
const ids = (result: LintResult) => result.diagnostics.map((d) => d.ruleId);

describe('robustness', () => {
  it('lints an empty file and a whitespace-only file as a note with missing fields only', () => {
    for (const text of ['', '\n', '   \n\n\t\n']) {
      const result = lint(text);
      assert.ok(result.isNote);
      assert.deepEqual([...new Set(ids(result))].sort(), ['RN001', 'RN002', 'RN003', 'RN004', 'RN018']);
      for (const diagnostic of result.diagnostics) assert.deepEqual(diagnostic.range.start, { line: 0, column: 0 });
    }
  });

  it('survives binary-looking text and control characters', () => {
    const noise = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    assert.doesNotThrow(() => lint(noise));
    assert.doesNotThrow(() => lint(`---\nkind: runbook\n${noise}\n---\n${noise}`));
  });

  it('reports broken YAML at the error position and keeps linting the body', () => {
    const result = lint('---\nkind: runbook\nowner: [unclosed\n---\n\n# Title\n');
    const syntax = result.diagnostics.find((d) => d.ruleId === 'RN014');
    assert.ok(syntax);
    assert.equal(syntax.severity, 'error');
    assert.ok(syntax.range.start.line >= 1 && syntax.range.start.line <= 3, JSON.stringify(syntax.range));
    assert.ok(ids(result).includes('RN002'), 'the body is still checked');
  });

  it('reports unterminated front matter at the opening fence, and still reads its kind', () => {
    const result = lint('---\nkind: change-note\ntitle: never closed\n\n# Title\n', '/repo/notes/x.md');
    assert.ok(result.isNote);
    const syntax = result.diagnostics.find((d) => d.ruleId === 'RN014');
    assert.deepEqual(syntax?.range, { start: { line: 0, column: 0 }, end: { line: 0, column: 3 } });
  });

  it('gives the same positions for CRLF as for LF, and fixes keep CRLF', () => {
    const lf = '---\nkind: change-note\nonwer: "@db"\ntitel: x\n---\n\n# T\n\n## Rollback\n\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    assert.deepEqual(
      lint(crlf).diagnostics.map((d) => [d.ruleId, d.range]),
      lint(lf).diagnostics.map((d) => [d.ruleId, d.range]),
    );
    const fixed = fixAll(crlf, (text) => lint(text).diagnostics).text;
    assert.ok(fixed.includes('owner: "@db"\r\ntitle: x\r\n'));
    assert.ok(!/[^\r]\n/.test(fixed), 'no bare LF was introduced');
  });

  it('ignores a byte order mark for positions and keeps it through fixes', () => {
    const text = '\uFEFF---\nkind: change-note\nonwer: "@db"\n---\n';
    const withBom = lint(text).diagnostics.find((d) => d.ruleId === 'RN012');
    assert.deepEqual(withBom?.range, { start: { line: 2, column: 0 }, end: { line: 2, column: 5 } });
    const fixed = fixAll(text, (input) => lint(input).diagnostics).text;
    assert.equal(fixed, '\uFEFF---\nkind: change-note\nowner: "@db"\n---\n');
  });

  it('handles a 100,000-character line in the body, a label and the front matter', () => {
    const long = 'x'.repeat(100_000);
    assert.doesNotThrow(() => lint(`---\nkind: runbook\ntitle: ${long}\n---\n\n# T\n\nOwner: ${long}\n\n${long}:${long}\n\n| ${long} |\n`));
    assert.doesNotThrow(() => lint(`${'*'.repeat(100_000)}\n${'['.repeat(50_000)}\n${'<!--'.repeat(20_000)}`));
  });

  it('lints a 5,000-line note', () => {
    const sections: string[] = ['---', 'kind: runbook', 'owner: "@ops"', 'revision: { status: reviewed, version: 1.0.0, last_reviewed: 2026-10-01 }', '---', '', '# Big runbook', ''];
    for (let i = 0; sections.length < 5000; i++) {
      sections.push(`## Step ${i}`, '', `Run \`step-${i}\` and watch the logs.`, '', '- [x] done', `- [ ] item ${i}`, '', '```sh', `echo ${i}`, '```', '');
    }
    const text = sections.join('\n');
    assert.ok(text.split('\n').length >= 5000);
    const result = lint(text);
    assert.ok(result.isNote);
    assert.ok(ids(result).includes('RN010'));
  });

  it('refuses to expand a YAML alias bomb, and says so', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, previous] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e']]) levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    const result = lint(`---\nkind: post\n${levels.join('\n')}\n---\n# x\n`, '/repo/posts/x.md');
    const syntax = result.diagnostics.find((d) => d.ruleId === 'RN014');
    assert.match(syntax?.message ?? '', /alias/i);
  });

  it('survives deep nesting', () => {
    assert.doesNotThrow(() => lint(`${'> '.repeat(2000)}deep\n`));
    assert.doesNotThrow(() => lint(`${'>'.repeat(5000)} deep\n`));
    assert.doesNotThrow(() => lint(Array.from({ length: 500 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')));
    assert.doesNotThrow(() => lint(`---\nkind: post\nscore: ${'['.repeat(500)}${']'.repeat(500)}\n---\n`));
  });

  it('never throws on random mixes of note fragments, and fixing them never throws either', () => {
    const fragments = ['---\n', 'kind: runbook\n', 'kind: nope\n', 'onwer: x\n', 'owner:\n', 'revision: { status: reviewed }\n', 'score: { quality: 200 }\n', '# Title\n', '## Rollback\n', 'Rollback\n---\n', 'TODO\n', '- [ ] x\n', '![](a.png)\n', '<!-- runbook-notes-disable -->\n', '```\n', '\r\n', '\uFEFF', '  - a\n', ': :\n', '\t\n', '"', "'", '{', '[', '|a|b|\n'];
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let round = 0; round < 300; round++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 20) }, () => fragments[Math.floor(random() * fragments.length)]).join('');
      assert.doesNotThrow(() => lint(text), JSON.stringify(text));
      assert.doesNotThrow(() => fixAll(text, (input) => lint(input).diagnostics), JSON.stringify(text));
    }
  });

  it('stays linear on many comments and many front matter keys', () => {
    const comments = `---\nkind: post\n---\n${'<!-- c -->\n'.repeat(20_000)}# T\n`;
    const keys = `---\nkind: post\n${Array.from({ length: 10_000 }, (_, i) => `key_${i}: ${i}`).join('\n')}\n---\n`;
    for (const text of [comments, keys]) {
      const start = Date.now();
      lint(text, '/repo/posts/x.md');
      // Not a benchmark: quadratic work here took tens of seconds, linear work takes well under one.
      assert.ok(Date.now() - start < 10_000, `took ${Date.now() - start} ms`);
    }
  });

  it('reads front matter closed with CR-only line ends', () => {
    const result = lint('---\rkind: runbook\rowner: "@a"\r---\r# T\r');
    assert.ok(!ids(result).includes('RN014'));
    assert.ok(!ids(result).includes('RN001'));
  });

  it('reports nothing for a Markdown file that is not a note', () => {
    const result = lint('# README\n\nTODO\n\n![](x.png)\n', '/repo/README.md');
    assert.equal(result.isNote, false);
    assert.deepEqual(result.diagnostics, []);
  });
});
