/** Core pieces: edits, placeholders, edit distance, kinds, disable comments, configuration. */
import { strict as assert } from 'node:assert';
import { applyEdits, ConfigError, ConfigResolver, lintText, parseConfigText, resolveConfig, type ConfigHost } from '../../src/core';
import { closestMatches, editDistance } from '../../src/core/editDistance';
import { isPlaceholder, PlaceholderMatcher } from '../../src/core/fields/placeholders';
import { LineIndex } from '../../src/core/text';

const NOW = new Date('2026-11-21T12:00:00Z');

describe('applyEdits', () => {
  it('applies edits given in any order against the original offsets', () => {
    assert.equal(applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 1, text: 'A' }, { start: 2, end: 2, text: '+' }]), 'Ab+cdEf');
  });
  it('refuses overlapping edits instead of producing text nobody wrote', () => {
    assert.throws(() => applyEdits('abcdef', [{ start: 0, end: 3, text: 'x' }, { start: 2, end: 4, text: 'y' }]), /overlap/);
    assert.throws(() => applyEdits('abc', [{ start: 2, end: 9, text: 'x' }]), RangeError);
  });
});

describe('LineIndex', () => {
  it('maps offsets to lines and columns for LF, CRLF and CR', () => {
    const index = new LineIndex('a\r\nbc\nd\re');
    assert.deepEqual(index.positionAt(3), { line: 1, column: 0 });
    assert.deepEqual(index.positionAt(6), { line: 2, column: 0 });
    assert.deepEqual(index.positionAt(8), { line: 3, column: 0 });
    assert.equal(index.lineText(1), 'bc');
    assert.equal(index.offsetAt({ line: 1, column: 99 }), 5);
  });
});

describe('placeholders', () => {
  it('recognises the markers a template leaves', () => {
    for (const value of ['TODO', 'todo', 'TBD', 'FIXME', '???', 'N/A', 'n/a', '...', '…', '<owner>', '<what changed>', 'TODO: who owns this', '**TBD**', '`TODO`']) {
      assert.ok(isPlaceholder(value), value);
    }
  });
  it('leaves real values alone', () => {
    for (const value of ['Todo app migration', 'todos are tracked in JIRA', '<https://example.com>', '<ops@example.com>', '@alice', 'N/A-rated', 'see TODO.md']) {
      assert.ok(!isPlaceholder(value), value);
    }
  });
  it('recognises template markers as whole values only, and not HTML elements or short brackets', () => {
    const markers = ['${OWNER}', '$OWNER', '{{ owner }}', '{owner}', '[Describe the rollback]', '<your team>', 'YYYY-MM-DD', 'DD/MM/YYYY', 'yyyy-mm-dd HH:mm', 'xxx', 'XXX-XXXX', 'CHANGEME', 'CHANGE_ME', 'REPLACE_ME', 'fill me in', 'Lorem ipsum dolor sit amet', '@your-team', '@username', '@handle', '@org/team-name', 'oncall@example.com', 'a.b@mail.example.org', '_${OWNER}_'];
    for (const value of markers) assert.ok(isPlaceholder(value), value);
    const real = ['Restore the ${ENV} snapshot with restore.sh', '$5', '$PATH is set', '<br>', '<details>', '[x]', '[ ]', '[^1]', '[1]', 'ops@example.com.acme.io', 'ops@acme.io', '@your', '@alice-team', 'YYYY', 'xx', 'change me later, after the review', '{}', '{{}}'];
    for (const value of real) assert.ok(!isPlaceholder(value), value);
  });
  it("take a team's own entries: literal text (any case) and regular expressions, on the whole value", () => {
    const matcher = new PlaceholderMatcher(['PLEASE FILL', '^<<.*>>$']);
    for (const value of ['PLEASE FILL', 'please fill', ' **Please Fill** ', '<<owner>>', 'TODO']) assert.ok(matcher.test(value), value);
    for (const value of ['PLEASE FILL in later', 'see <<owner>> below']) assert.ok(!matcher.test(value), value);
    assert.ok(!new PlaceholderMatcher().test('[runbook]', new Set(['RUNBOOK'])), 'a reference to a definition is a link');
    assert.ok(new PlaceholderMatcher().test('[runbook]', new Set()), 'without a definition it is an instruction');
  });
  it('refuse a regular expression that does not compile, naming where', () => {
    try {
      parseConfigText('{\n  "placeholders": ["ok", "^(unclosed$"]\n}', '/x/.runbook-notes.json');
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const messages = error.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
      assert.ok(messages.some((m) => /^2:26 placeholders\[1\]: expected a valid regular expression \(Invalid regular expression: \/\^\(unclosed\$\/u: Unterminated group\); got '\^\(unclosed\$'$/.test(m)), messages.join('\n'));
    }
  });
});

describe('edit distance', () => {
  it('counts a transposition as one edit', () => {
    assert.equal(editDistance('onwer', 'owner'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
  });
  it('keeps short keys from being taken for typos', () => {
    assert.deepEqual(closestMatches('who', ['why'], 2), []);
    assert.deepEqual(closestMatches('onwer', ['owner', 'notes'], 2), ['owner']);
    assert.deepEqual(closestMatches('sumary', ['summary'], 2), ['summary']);
  });
});

describe('kinds', () => {
  const config = resolveConfig([], '/repo');
  const kindOf = (text: string, path: string) => lintText(text, { path, config, now: NOW });
  it('takes the kind from front matter first, then from the path globs', () => {
    assert.equal(kindOf('---\nkind: post\n---\n', '/repo/runbooks/x.md').kind, 'post');
    assert.equal(kindOf('# x\n', '/repo/ops/runbooks/deep/x.md').kind, 'runbook');
    assert.equal(kindOf('# x\n', '/repo/a.runbook.md').kind, 'runbook');
    assert.equal(kindOf('# x\n', '/repo/change-notes/x.md').kind, 'change-note');
    assert.equal(kindOf('# x\n', '/repo/docs/x.md').isNote, false);
  });
  it('treats an unknown kind as a note with an RN011 on the value', () => {
    const result = kindOf('---\nkind: runbok\n---\n', '/repo/docs/x.md');
    assert.ok(result.isNote);
    const invalid = result.diagnostics.find((d) => d.ruleId === 'RN011');
    assert.match(invalid?.message ?? '', /kind: expected one of runbook, change-note, post; got 'runbok' \(did you mean 'runbook'\?\)/);
    assert.deepEqual(invalid?.range, { start: { line: 1, column: 6 }, end: { line: 1, column: 12 } });
  });
  it('does not take folders above the root for note folders', () => {
    const inRunbooksFolder = resolveConfig([], '/home/me/runbooks/repo');
    assert.equal(lintText('# x\n', { path: '/home/me/runbooks/repo/README.md', config: inRunbooksFolder }).isNote, false);
  });
});

describe('inline disable comments', () => {
  const config = resolveConfig([], '/repo');
  const lint = (text: string) => lintText(text, { path: '/repo/changes/x.md', config, now: NOW }).diagnostics.map((d) => `${d.ruleId}@${d.range.start.line + 1}`);
  const base = '---\nkind: post\n---\n\n';
  it('disables the next line only', () => {
    assert.deepEqual(lint(`${base}<!-- runbook-notes-disable-next-line RN015 -->\n![](a.png)\n\n![](b.png)\n`), ['RN015@8']);
  });
  it('disables a region until enabled, by id or by name', () => {
    assert.deepEqual(lint(`${base}Intro.\n\n<!-- runbook-notes-disable image-caption-missing -->\n![](a.png)\n<!-- runbook-notes-enable RN015 -->\n![](b.png)\n`), ['RN015@10']);
  });
  it('a disable comment first in the body covers the whole file', () => {
    const change = '---\nkind: change-note\nowner: "@a"\n---\n<!-- runbook-notes-disable RN002 RN003 -->\n# T\n\n**Reason:** x\n';
    const found = lint(change);
    assert.ok(!found.some((id) => id.startsWith('RN002') || id.startsWith('RN003')), found.join());
    assert.ok(found.some((id) => id.startsWith('RN006')));
  });
  it('works as a YAML comment inside front matter', () => {
    assert.deepEqual(lint('---\nkind: post\n# runbook-notes-disable-next-line RN012\ntitel: x\n---\n'), []);
  });
  it('with no ids, disables every rule', () => {
    assert.deepEqual(lint(`${base}Intro.\n\n<!-- runbook-notes-disable -->\n![](a.png)\n`), []);
  });
});

describe('configuration', () => {
  const memoryHost = (files: Record<string, string>): ConfigHost => ({ readFile: async (path) => files[path] });

  it('reads JSON with comments and trailing commas, as VS Code reads its own settings', () => {
    const config = parseConfigText('{\n  // team rules\n  "rules": { "RN003": "error", },\n  /* kinds */ "kinds": { "alert": { "include": ["alerts/**/*.md",], }, },\n}\n', '/x/.runbook-notes.json');
    assert.deepEqual({ ...config.rules }, { RN003: 'error' });
    assert.deepEqual([...(config.kinds?.alert?.include ?? [])], ['alerts/**/*.md']);
  });

  it('names the position, key and bad value of each problem', () => {
    try {
      parseConfigText('{\n  "rules": {\n    "RN013": { "maxAgeDays": -1 },\n    "RN099": "error"\n  },\n  "kinds": { "Bad Kind": {} }\n}', '/x/.runbook-notes.json');
      assert.fail('expected a ConfigError');
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      const messages = error.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
      assert.ok(messages.some((m) => m.startsWith('3:30 rules.RN013.maxAgeDays: expected a whole number of days, 1 or more; got the number -1')), messages.join('\n'));
      assert.ok(messages.some((m) => /^4:5 rules\.RN099: unknown key; expected a rule id \(RN001–RN\d{3}\) or name/.test(m)), messages.join('\n'));
      assert.ok(messages.some((m) => m.startsWith("6:14 kinds: 'Bad Kind' is not a valid name; expected a kind name in lower case")), messages.join('\n'));
    }
  });

  it('finds the nearest file, follows extends, and caches per folder', async () => {
    const reads: string[] = [];
    const files: Record<string, string> = {
      '/repo/.runbook-notes.json': JSON.stringify({ rules: { RN013: { maxAgeDays: 30 }, RN003: 'error' } }),
      '/repo/team/.runbook-notes.json': JSON.stringify({ extends: '../.runbook-notes.json', rules: { 'review-stale': { severity: 'info' } } }),
    };
    const host: ConfigHost = { readFile: async (path) => (reads.push(path), files[path]) };
    const resolver = new ConfigResolver(host, { defaultRoot: '/repo' });
    const config = await resolver.forNote('/repo/team/runbooks/a.md');
    assert.deepEqual(config.rules.get('RN013'), { severity: 'info', options: { maxAgeDays: 30, dueSoonDays: 14 } });
    assert.equal(config.rules.get('RN003')?.severity, 'error');
    assert.deepEqual(config.files, ['/repo/team/.runbook-notes.json', '/repo/.runbook-notes.json']);
    const readsBefore = reads.length;
    await resolver.forNote('/repo/team/runbooks/b.md');
    assert.equal(reads.length, readsBefore, 'a second note in the same folder reads nothing');
  });

  it('reports an extends cycle and a missing extended file', async () => {
    const cycle = memoryHost({ '/a/.runbook-notes.json': '{"extends": "b.json"}', '/a/b.json': '{"extends": ".runbook-notes.json"}' });
    await assert.rejects(new ConfigResolver(cycle, { defaultRoot: '/a' }).forNote('/a/x.md'), /extends itself/);
    const missing = memoryHost({ '/a/.runbook-notes.json': '{\n  "extends": "../base.json"\n}' });
    await assert.rejects(new ConfigResolver(missing, { defaultRoot: '/a' }).forNote('/a/x.md'), /\/a\/\.runbook-notes\.json:2:14: extends: expected an existing configuration file; got '\.\.\/base\.json'/);
  });

  it('adds aliases to built-in fields and defines custom kinds', () => {
    const config = resolveConfig(
      [{ base: '/repo', config: { fields: { rollback: { headings: ['Undo steps'] } }, kinds: { 'alert-runbook': { include: ['alerts/**/*.md'], require: ['owner', 'meaning'] } } } }],
      '/repo',
    );
    const lint = (text: string, path: string) => lintText(text, { path, config, now: NOW });
    const runbook = lint('---\nkind: runbook\n---\n## Undo steps\n\nRevert.\n', '/repo/x.md');
    assert.ok(!runbook.diagnostics.some((d) => d.ruleId === 'RN002'));
    const alert = lint('# Disk full\n\nOwner: @ops\n', '/repo/alerts/disk.md');
    assert.equal(alert.kind, 'alert-runbook');
    assert.deepEqual(alert.diagnostics.map((d) => d.ruleId), ['RN017']);
    assert.match(alert.diagnostics[0]?.message ?? '', /No 'Meaning'/);
    assert.equal(lint('# x\n', '/elsewhere/alerts/disk.md').kind, undefined, 'globs are relative to the configuration folder');
  });
});

describe('section titles', () => {
  const config = resolveConfig([], '/repo');
  it('match aliases whatever the numbering, symbols, case and trailing punctuation', () => {
    for (const heading of ['## Rollback', '## ROLLBACK:', '## 3. Rollback', '## 2) Back-out plan', '## 🔙 Rollback', '## Step 4: Revert plan', 'Rollback\n--------']) {
      const result = lintText(`---\nkind: change-note\n---\n\n${heading}\n\nRevert the commit.\n`, { path: '/repo/x.md', config, now: NOW });
      assert.ok(!result.diagnostics.some((d) => d.ruleId === 'RN002'), heading);
    }
  });
  it('do not match inside a code block or an HTML comment', () => {
    for (const body of ['```\n## Rollback\n\nRevert.\n```', '<!--\n## Rollback\n\nRevert.\n-->']) {
      const result = lintText(`---\nkind: change-note\n---\n\n${body}\n`, { path: '/repo/x.md', config, now: NOW });
      assert.ok(result.diagnostics.some((d) => d.ruleId === 'RN002'), body);
    }
  });
});

describe('the specification example configuration', () => {
  it('is valid and does what it says', () => {
    const example = {
      rules: { RN003: 'error', RN013: 'off', 'review-stale': { maxAgeDays: 180 } },
      kinds: {
        runbook: { include: ['ops/**/*.md'] },
        'alert-runbook': { include: ['alerts/**/*.md'], require: ['meaning', 'impact', 'diagnosis', 'mitigation'] },
      },
      fields: { meaning: { headings: ['meaning'] }, mitigation: { headings: ['mitigation', 'remediation'] }, rollback: { headings: ['undo steps'] } },
    };
    const raw = parseConfigText(JSON.stringify(example, null, 2), '/repo/.runbook-notes.json');
    const config = resolveConfig([{ config: raw, base: '/repo', file: '/repo/.runbook-notes.json' }], '/repo');
    assert.equal(config.rules.get('RN003')?.severity, 'error');
    assert.deepEqual(config.rules.get('RN013'), { severity: 'off', options: { maxAgeDays: 180, dueSoonDays: 14 } });
    const alert = lintText('# Disk full\n\n## Remediation\n\nFree space.\n', { path: '/repo/alerts/disk.md', config, now: NOW });
    assert.equal(alert.kind, 'alert-runbook');
    assert.deepEqual(alert.diagnostics.map((d) => d.message.slice(0, 14)), ["No 'Meaning' (", "No 'Impact' (r", "No 'Diagnosis'"]);
    assert.equal(lintText('# x\n', { path: '/repo/ops/x.md', config, now: NOW }).kind, 'runbook');
    assert.equal(lintText('# x\n', { path: '/repo/runbooks/x.md', config, now: NOW }).isNote, false, 'include replaces the default globs');
  });
});

describe('the owner suggestion (RN001) never writes YAML that does not parse', () => {
  const config = resolveConfig([], '/repo');
  const lint = (text: string) => lintText(text, { path: '/repo/runbooks/x.md', config, now: NOW });
  for (const text of ['---\n---\n# T\n', '---\n# a comment\n---\n# T\n', '---\r\ntitle: x\r\n---\r\n# T\r\n', '# No front matter\n', '---\ntitle: x\n# trailing comment\n---\n']) {
    it(`inserts owner into ${JSON.stringify(text.slice(0, 24))}…`, () => {
      const finding = lint(text).diagnostics.find((d) => d.ruleId === 'RN001');
      const [suggestion] = finding?.suggestions ?? [];
      assert.ok(suggestion, 'a suggestion is offered');
      const after = lint(applyEdits(text, suggestion.edits)).diagnostics.map((d) => d.ruleId);
      assert.ok(!after.includes('RN014') && !after.includes('RN001'), after.join());
      assert.ok(after.includes('RN009'), 'the inserted <owner> is flagged as a placeholder');
    });
  }
  for (const text of ['---\n~\n---\n# T\n', '---\n  title: x\n  topic: y\n---\n# T\n', '---\ntitle: x\n...\n---\n# T\n', '---\n{ title: x }\n---\n# T\n']) {
    it(`offers no suggestion where an inserted line would break ${JSON.stringify(text.slice(0, 24))}…`, () => {
      const finding = lint(text).diagnostics.find((d) => d.ruleId === 'RN001');
      for (const suggestion of finding?.suggestions ?? []) {
        const after = lint(applyEdits(text, suggestion.edits)).diagnostics.map((d) => d.ruleId);
        assert.ok(!after.includes('RN014'), `the suggestion broke the YAML: ${after.join()}`);
      }
    });
  }
});

describe('include globs that leave the configuration folder', () => {
  it('match below the folder they name', () => {
    const config = resolveConfig([{ base: '/repo/team', config: { kinds: { alert: { include: ['../shared/**/*.md', '/srv/alerts/*.md'], require: ['impact'] } } } }], '/repo/team');
    assert.equal(lintText('# x\n', { path: '/repo/shared/a/b.md', config }).kind, 'alert');
    assert.equal(lintText('# x\n', { path: '/srv/alerts/disk.md', config }).kind, 'alert');
    assert.equal(lintText('# x\n', { path: '/repo/team/b.md', config }).isNote, false);
  });
});

describe('a required field defined nowhere', () => {
  const note = '---\nkind: runbook\nowner: "@sre"\n---\n# A\n\n## Rollback\n\nScale back.\n';
  const messages = (require: string[]) =>
    lintText(note, { path: '/repo/runbooks/a.md', config: resolveConfig([{ config: { kinds: { runbook: { require } } }, base: '/repo' }], '/repo') })
      .diagnostics.filter((diagnostic) => diagnostic.ruleId === 'RN017')
      .map((diagnostic) => diagnostic.message);

  it('is found by its own name, and a name a typo away from a field that is defined gets a hint', () => {
    assert.deepEqual(messages(['rolback', 'escalation', 'expected_reslt']), [
      "No 'Rolback' (required in a runbook): add a '## Rolback' section or a 'rolback:' front matter key. 'rolback' is defined nowhere: did the configuration mean 'rollback'?",
      "No 'Escalation' (required in a runbook): add a '## Escalation' section or a 'escalation:' front matter key",
      "No 'Expected reslt' (required in a runbook): add a '## Expected reslt' section or a 'expected_reslt:' front matter key. 'expected_reslt' is defined nowhere: did the configuration mean 'expected_result'?",
    ]);
  });
});
