/** The built CLI, spawned on temporary folders: exit codes, formats, --fix, configuration errors, unreadable paths. */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { RULES } from '../../src/core';
import { CLI, REPO, runCli, tempTree, TYPO_NOTE } from './cliHelpers';

const EXAMPLES = path.join(REPO, 'test/fixtures/examples');

const CLEAN_RUNBOOK = readFileSync(path.join(EXAMPLES, 'runbooks/restart-api-workers.md'), 'utf8');

describe('runbook-notes CLI', function () {
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build first'));

  describe('lint on the example notes', () => {
    it('flags the query-index change note for RN012 and RN001 and leaves restart-api-workers clean', () => {
      const result = runCli(['lint', '.'], EXAMPLES);
      assert.equal(result.code, 0, result.stderr);
      const block = result.stdout.split('\n\n').find((part) => part.startsWith('changes/2026-11-12-query-index.md'));
      assert.ok(block, result.stdout);
      assert.match(block, /changes\/2026-11-12-query-index\.md:4:1 +warning +Unknown key 'onwer' — did you mean 'owner'\? +RN012\/meta-unknown-key/);
      assert.match(block, /changes\/2026-11-12-query-index\.md:1:1 +warning +No owner.* +RN001\/owner-missing/);
      assert.doesNotMatch(result.stdout, /restart-api-workers/);
      // The staging post declares 14 minutes, images and 8 paragraphs for a body of 55 words, one paragraph and no image.
      assert.match(result.stdout, /staging-close-to-production\.md:17:15 +warning +reading_time is 14 minutes, but the body's 55 words of prose read in about 1 minute.* +RN022\/reading-time-mismatch/);
      assert.match(result.stdout, /problems \(0 errors, \d+ warnings, \d+ infos\) in 4 of 6 notes/);
    });

    it('prints one JSON document listing every note, with 1-based exclusive ranges', () => {
      const result = runCli(['lint', '--format', 'json'], EXAMPLES);
      assert.equal(result.code, 0);
      const report = JSON.parse(result.stdout);
      assert.equal(report.version, 1);
      assert.deepEqual(
        report.files.map((file: { path: string }) => file.path),
        [
          'changes/2026-11-04-cache-bypass-rules.md',
          'changes/2026-11-12-query-index.md',
          'posts/documenting-production-defaults.md',
          'posts/staging-close-to-production.md',
          'runbooks/restart-api-workers.md',
          'runbooks/rotate-cache-keys.md',
        ],
      );
      const typo = report.files[1].diagnostics.find((d: { ruleId: string }) => d.ruleId === 'RN012');
      assert.deepEqual(
        { line: typo.line, column: typo.column, endLine: typo.endLine, endColumn: typo.endColumn, fixable: typo.fixable, rule: typo.rule },
        { line: 4, column: 1, endLine: 4, endColumn: 6, fixable: true, rule: 'meta-unknown-key' },
      );
      assert.deepEqual(report.files[4].diagnostics, []);
      assert.deepEqual(Object.keys(report.summary), ['files', 'notes', 'errors', 'warnings', 'infos', 'notChecked']);
      assert.equal(report.summary.notes, 6);
    });

    it('prints SARIF 2.1.0 with the rule catalogue and one result per diagnostic', () => {
      const json = JSON.parse(runCli(['lint', '--format', 'json'], EXAMPLES).stdout);
      const result = runCli(['lint', '--format', 'sarif'], EXAMPLES);
      assert.equal(result.code, 0);
      const sarif = JSON.parse(result.stdout);
      assert.equal(sarif.version, '2.1.0');
      assert.equal(sarif.runs.length, 1);
      const run = sarif.runs[0];
      assert.equal(run.tool.driver.rules.length, RULES.length);
      const total = json.files.reduce((sum: number, file: { diagnostics: unknown[] }) => sum + file.diagnostics.length, 0);
      assert.equal(run.results.length, total);
      const first = run.results.find((r: { ruleId: string }) => r.ruleId === 'RN012');
      assert.equal(run.tool.driver.rules[first.ruleIndex].id, 'RN012');
      assert.equal(first.level, 'warning');
      assert.deepEqual(first.locations[0].physicalLocation.artifactLocation, { uri: 'changes/2026-11-12-query-index.md', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(first.locations[0].physicalLocation.region, { startLine: 4, startColumn: 1, endLine: 4, endColumn: 6 });
      assert.ok(run.results.some((r: { level: string }) => r.level === 'note'), 'info findings map to SARIF notes');
    });

    it('escapes file names in SARIF URIs', () => {
      const tree = tempTree({ 'changes/a#b?.md': TYPO_NOTE });
      try {
        const sarif = JSON.parse(runCli(['lint', '--format', 'sarif'], tree.root).stdout);
        assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'changes/a%23b%3F.md');
      } finally {
        tree.cleanup();
      }
    });
  });

  describe('exit codes', () => {
    it('exits 1 on an error-severity finding and 0 when there is none', () => {
      const tree = tempTree({ 'posts/bad.md': '---\nkind: post\ndifficulty: expert\n---\n# A\n', 'posts/good.md': '---\nkind: post\n---\n# B\n' });
      try {
        const bad = runCli(['lint'], tree.root);
        assert.equal(bad.code, 1);
        assert.match(bad.stdout, /posts\/bad\.md:3:13 +error +difficulty: expected one of beginner, intermediate, advanced; got 'expert' +RN011\/meta-invalid/);
        assert.equal(runCli(['lint', 'posts/good.md'], tree.root).code, 0);
      } finally {
        tree.cleanup();
      }
    });

    it('--max-warnings turns too many warnings into exit 1; --quiet reports errors only', () => {
      const tree = tempTree({ 'changes/a.md': TYPO_NOTE });
      try {
        assert.equal(runCli(['lint'], tree.root).code, 0);
        assert.equal(runCli(['lint', '--max-warnings', '10'], tree.root).code, 0);
        assert.equal(runCli(['lint', '--max-warnings', '0'], tree.root).code, 1);
        const quiet = runCli(['lint', '--quiet', '--max-warnings', '0'], tree.root);
        assert.equal(quiet.code, 0);
        assert.doesNotMatch(quiet.stdout, /warning/);
      } finally {
        tree.cleanup();
      }
    });

    it('exits 2 on usage errors, naming the problem', () => {
      const tree = tempTree({});
      try {
        for (const args of [['lint', '--format', 'xml'], ['lint', '--max-warnings', 'many'], ['lint', '--nope'], ['frobnicate'], ['new', 'poem']]) {
          const result = runCli(args, tree.root);
          assert.equal(result.code, 2, args.join(' '));
          assert.match(result.stderr, /runbook-notes: /);
        }
        assert.match(runCli(['lint', '--format', 'xml'], tree.root).stderr, /--format: expected one of stylish, json, sarif, github, codequality, junit; got 'xml'/);
      } finally {
        tree.cleanup();
      }
    });
  });

  describe('output', () => {
    const manyNotes = (count = 60) => tempTree(Object.fromEntries(Array.from({ length: count }, (_, index) => [`changes/note-${String(index).padStart(2, '0')}.md`, TYPO_NOTE])));

    it('writes a report larger than a pipe holds whole, to a pipe and to a file alike', () => {
      const tree = manyNotes();
      try {
        const piped = runCli(['lint', '--format', 'json'], tree.root);
        assert.ok(piped.stdout.length > 70_000, `a ${piped.stdout.length}-character report is too small to fill a pipe`);
        const file = path.join(tree.root, 'report.json');
        const descriptor = openSync(file, 'w');
        const toFile = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json'], { cwd: tree.root, stdio: ['ignore', descriptor, 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
        closeSync(descriptor);
        assert.equal(toFile.status, piped.code);
        assert.equal(readFileSync(file, 'utf8'), piped.stdout);
        assert.deepEqual(Object.keys(JSON.parse(piped.stdout) as object), ['version', 'files', 'notChecked', 'summary']);
      } finally {
        tree.cleanup();
      }
    });

    it('ends quietly when the reader closes the pipe early (runbook-notes lint | head)', async () => {
      const tree = manyNotes(300);
      try {
        // Warnings only, and --max-warnings 0: the run fails, and must still say so (exit 1) though its reader left.
        const child = spawn(process.execPath, [CLI, 'lint', '--max-warnings', '0', '--format', 'json', '--output-file', 'report.json', '--format', 'stylish'], { cwd: tree.root, env: { ...process.env, NO_COLOR: '1' } });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        let read = 0;
        child.stdout.once('data', (chunk: Buffer) => {
          read = chunk.length;
          child.stdout.destroy();
        });
        const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
        const whole = runCli(['lint'], tree.root).stdout;
        assert.ok(whole.length > 2 * read && whole.length > 65_536, `the report (${whole.length} characters) must outgrow the pipe and the part read (${read})`);
        assert.doesNotMatch(stderr, /EPIPE|Error|\n +at /, 'no EPIPE stack trace');
        assert.match(stderr, /Wrote report\.json \(json\)/);
        assert.equal(code, 1, "the run's own exit code");
        assert.equal((JSON.parse(readFileSync(path.join(tree.root, 'report.json'), 'utf8')) as { files: unknown[] }).files.length, 300, 'the report file is written whole');
      } finally {
        tree.cleanup();
      }
    });
  });

  describe('--fix', () => {
    it('writes through a rename, keeps the mode, only when changed, and is idempotent', () => {
      const tree = tempTree({ 'changes/typo.md': TYPO_NOTE, 'runbooks/clean.md': CLEAN_RUNBOOK });
      try {
        const typo = path.join(tree.root, 'changes/typo.md');
        const clean = path.join(tree.root, 'runbooks/clean.md');
        chmodSync(typo, 0o640);
        const before = { typo: statSync(typo), clean: statSync(clean) };

        const first = runCli(['lint', '--fix'], tree.root);
        assert.equal(first.code, 0, first.stderr);
        const fixed = readFileSync(typo, 'utf8');
        assert.equal(fixed, TYPO_NOTE.replace('onwer:', 'owner:'));
        assert.doesNotMatch(first.stdout, /RN012/, 'the fixed finding is not reported');
        const after = { typo: statSync(typo), clean: statSync(clean) };
        assert.notEqual(after.typo.ino, before.typo.ino, 'the note was replaced by a rename, not rewritten in place');
        assert.equal(after.typo.mode & 0o777, 0o640, 'the mode is kept');
        assert.equal(after.clean.ino, before.clean.ino, 'a file without fixes is not rewritten');
        assert.equal(after.clean.mtimeMs, before.clean.mtimeMs);
        assert.deepEqual(readdirSync(path.join(tree.root, 'changes')), ['typo.md'], 'no temporary file is left behind');

        const second = runCli(['lint', '--fix'], tree.root);
        assert.equal(second.code, 0);
        assert.equal(statSync(typo).ino, after.typo.ino, 'a second --fix writes nothing');
        assert.equal(readFileSync(typo, 'utf8'), fixed);
      } finally {
        tree.cleanup();
      }
    });

    it('fixes the file behind a symbolic link and keeps the link, a byte order mark and CRLF line ends', () => {
      const crlf = `\uFEFF${TYPO_NOTE.replace(/\n/g, '\r\n')}`;
      const tree = tempTree({ 'store/typo.md': crlf });
      try {
        const link = path.join(tree.root, 'changes/link.md');
        mkdirSync(path.dirname(link));
        symlinkSync(path.join(tree.root, 'store/typo.md'), link);
        const result = runCli(['lint', '--fix', 'changes'], tree.root);
        assert.equal(result.code, 0, result.stderr);
        assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
        assert.equal(readFileSync(path.join(tree.root, 'store/typo.md'), 'utf8'), crlf.replace('onwer:', 'owner:'));
      } finally {
        tree.cleanup();
      }
    });
  });

  describe('configuration', () => {
    it('exits 2 on an invalid configuration, naming the file, the position, the key and the bad value', () => {
      const tree = tempTree({ '.runbook-notes.json': '{\n  "rules": { "RN003": "eror" }\n}\n', 'changes/a.md': TYPO_NOTE });
      try {
        const result = runCli(['lint'], tree.root);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /^\.runbook-notes\.json:2:23: rules\.RN003: expected one of off, info, warning, error; got 'eror'/m, 'named relative to the current folder, as notes are');
        assert.ok(!result.stderr.includes(tree.root), result.stderr);
        assert.match(result.stdout, /^No note was checked\n1 file not checked \(see the messages above\)\n$/, 'no "no problems" when nothing was checked');
        const below = runCli(['lint', '.'], path.join(tree.root, 'changes'));
        assert.match(below.stderr, /^\.\.\/\.runbook-notes\.json:2:23: /m);
      } finally {
        tree.cleanup();
      }
    });

    it('reports JSON syntax errors and unknown keys with their line and column', () => {
      const tree = tempTree({ 'bad-json/.runbook-notes.json': '{ "rules": { "RN003": "error" "RN004": "off" } }', 'bad-json/changes/a.md': TYPO_NOTE, 'bad-key/.runbook-notes.json': '{\n  "rulez": {}\n}', 'bad-key/changes/a.md': TYPO_NOTE });
      try {
        const syntax = runCli(['lint', 'bad-json'], tree.root);
        assert.equal(syntax.code, 2);
        assert.match(syntax.stderr, /bad-json\/\.runbook-notes\.json:1:31: not valid JSON: expected ','/);
        const key = runCli(['lint', 'bad-key'], tree.root);
        assert.equal(key.code, 2);
        assert.match(key.stderr, /bad-key\/\.runbook-notes\.json:2:3: rulez: unknown key; expected one of \$schema, extends, rules, kinds, fields, owners, placeholders, timeZone \(did you mean 'rules'\?\)/);
      } finally {
        tree.cleanup();
      }
    });

    it('applies severities, options, extends and custom kinds with globs relative to the file', () => {
      const tree = tempTree({
        '.runbook-notes.json': JSON.stringify({ rules: { RN012: 'error' } }),
        'team/.runbook-notes.json': JSON.stringify({
          extends: '../.runbook-notes.json',
          rules: { 'metric-missing': 'off' },
          kinds: { 'alert-runbook': { include: ['alerts/**/*.md'], require: ['owner', 'meaning'] } },
        }),
        'team/alerts/disk-full.md': '# Disk full\n\n## Meaning\n\nThe disk is full.\n',
        'team/alerts/cpu.md': '# CPU high\n\nOwner: @ops\n',
        'team/changes/a.md': TYPO_NOTE,
        'alerts/not-in-team.md': '# Not a note here\n',
      });
      try {
        const result = runCli(['lint', '--format', 'json'], tree.root);
        assert.equal(result.code, 1, result.stderr);
        const report = JSON.parse(result.stdout);
        const byPath = Object.fromEntries(report.files.map((file: { path: string; kind: string; diagnostics: { ruleId: string; severity: string }[] }) => [file.path, file]));
        assert.deepEqual(Object.keys(byPath).sort(), ['team/alerts/cpu.md', 'team/alerts/disk-full.md', 'team/changes/a.md']);
        assert.equal(byPath['team/alerts/cpu.md'].kind, 'alert-runbook');
        assert.deepEqual(byPath['team/alerts/cpu.md'].diagnostics.map((d: { ruleId: string }) => d.ruleId), ['RN017']);
        assert.deepEqual(byPath['team/alerts/disk-full.md'].diagnostics.map((d: { ruleId: string }) => d.ruleId), ['RN001']);
        const change = byPath['team/changes/a.md'].diagnostics;
        assert.ok(!change.some((d: { ruleId: string }) => d.ruleId === 'RN003'), 'metric-missing is off');
        assert.equal(change.find((d: { ruleId: string }) => d.ruleId === 'RN012').severity, 'error', 'RN012 severity comes from the extended file');
      } finally {
        tree.cleanup();
      }
    });

    it('--config uses the given file and rejects a missing one', () => {
      const tree = tempTree({ 'strict.json': JSON.stringify({ rules: { RN001: 'error' } }), 'changes/a.md': TYPO_NOTE });
      try {
        const result = runCli(['lint', '--config', 'strict.json', '--format', 'json'], tree.root);
        assert.equal(result.code, 1);
        assert.equal(JSON.parse(result.stdout).summary.errors, 1);
        const missing = runCli(['lint', '--config', 'nope.json'], tree.root);
        assert.equal(missing.code, 2);
        assert.match(missing.stderr, /--config: cannot read 'nope\.json'/);
      } finally {
        tree.cleanup();
      }
    });
  });

  describe('files', () => {
    it('exits 2 for a path that cannot be read and still reports the other files', () => {
      const tree = tempTree({ 'changes/a.md': TYPO_NOTE });
      try {
        symlinkSync(path.join(tree.root, 'nowhere.md'), path.join(tree.root, 'changes/broken.md'));
        const result = runCli(['lint', 'changes', 'missing-folder'], tree.root);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /missing-folder: cannot read: no such file or directory/);
        assert.match(result.stderr, /changes\/broken\.md: cannot read: no such file or directory/);
        assert.match(result.stdout, /changes\/a\.md:4:1 +warning +Unknown key 'onwer'/);
      } finally {
        tree.cleanup();
      }
    });

    it('skips non-UTF-8 files with a note and exit 2, reports a binary note as an error, and walks past node_modules, .git and .gitignore', () => {
      const tree = tempTree({
        'changes/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]),
        'changes/latin1.md': Buffer.from('---\nkind: change-note\ntitle: caf\xe9\n---\n', 'latin1'),
        'changes/a.md': TYPO_NOTE,
        'node_modules/pkg/changes/x.md': TYPO_NOTE,
        '.git/changes/x.md': TYPO_NOTE,
        '.gitignore': 'generated/\n*.draft.md\n',
        'generated/changes/x.md': TYPO_NOTE,
        'changes/b.draft.md': TYPO_NOTE,
        'README.md': '# Not a note\n',
      });
      try {
        const result = runCli(['lint', '--format', 'json'], tree.root);
        assert.equal(result.code, 2, 'a note that could not be checked fails the run');
        assert.doesNotMatch(result.stderr, /binary\.md/, 'a binary note is a finding, not a skipped file');
        assert.match(result.stderr, /skipped changes\/latin1\.md: not UTF-8 text/);
        const report = JSON.parse(result.stdout);
        assert.deepEqual(report.files.map((file: { path: string }) => file.path), ['changes/a.md', 'changes/binary.md']);
        assert.equal(report.files[1].diagnostics[0].ruleId, 'RN000');
        assert.equal(report.summary.files, 3, 'README.md, changes/a.md and changes/binary.md were read');
        assert.equal(report.summary.notes, 2);
      } finally {
        tree.cleanup();
      }
    });

    it('lints UTF-16 notes (with a byte order mark) and writes fixes back in UTF-16', () => {
      const tree = tempTree({ 'changes/wide.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TYPO_NOTE, 'utf16le')]) });
      try {
        const result = runCli(['lint', '--fix', '--format', 'json'], tree.root);
        assert.equal(result.code, 0, result.stderr);
        assert.equal(JSON.parse(result.stdout).files[0].path, 'changes/wide.md');
        const bytes = readFileSync(path.join(tree.root, 'changes/wide.md'));
        assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xfe]);
        assert.equal(bytes.subarray(2).toString('utf16le'), TYPO_NOTE.replace('onwer:', 'owner:'));
      } finally {
        tree.cleanup();
      }
    });

    it('finds a note kind from the repository root, wherever the CLI runs', () => {
      const tree = tempTree({ '.git/HEAD': 'ref: refs/heads/main\n', 'ops/runbooks/a.md': '# Restart\n' });
      try {
        const inside = runCli(['lint', 'a.md', '--format', 'json'], path.join(tree.root, 'ops/runbooks'));
        assert.equal(JSON.parse(inside.stdout).files[0]?.kind, 'runbook', inside.stdout);
      } finally {
        tree.cleanup();
      }
    });

    it('reports a configuration that cannot be read (a folder) with its path, and exits 2', () => {
      const tree = tempTree({ 'changes/a.md': TYPO_NOTE, '.runbook-notes.json/keep': '' });
      try {
        const result = runCli(['lint'], tree.root);
        assert.equal(result.code, 2);
        assert.match(result.stderr, /\.runbook-notes\.json:1:1: cannot read the configuration file: it is a folder/);
        assert.doesNotMatch(result.stderr, /at .*\.js:\d+/, 'no stack trace');
        const explicit = runCli(['lint', '--config', '.runbook-notes.json'], tree.root);
        assert.equal(explicit.code, 2);
        assert.match(explicit.stderr, /cannot read the configuration file: it is a folder/);
      } finally {
        tree.cleanup();
      }
    });

    it('keeps going after a note that breaks the parser and still reports the others', function () {
      // 5,000 levels of nesting take seconds to parse, many more on a loaded machine.
      this.timeout(120_000);
      const tree = tempTree({ 'runbooks/deep.md': `${'>'.repeat(5000)} x\n`, 'runbooks/lists.md': `${'- '.repeat(5000)}x\n`, 'changes/a.md': TYPO_NOTE });
      try {
        const result = runCli(['lint', '--format', 'json'], tree.root);
        assert.ok(result.code === 0 || result.code === 2, result.stderr);
        assert.ok(JSON.parse(result.stdout).files.some((file: { path: string }) => file.path === 'changes/a.md'));
      } finally {
        tree.cleanup();
      }
    });

    it('expands globs', () => {
      const tree = tempTree({ 'changes/a.md': TYPO_NOTE, 'changes/b.md': TYPO_NOTE, 'runbooks/c.md': CLEAN_RUNBOOK });
      try {
        const report = JSON.parse(runCli(['lint', 'changes/*.md', '--format', 'json'], tree.root).stdout);
        assert.deepEqual(report.files.map((file: { path: string }) => file.path), ['changes/a.md', 'changes/b.md']);
        const back = JSON.parse(runCli(['lint', '../changes/*.md', '--format', 'json'], path.join(tree.root, 'runbooks')).stdout);
        assert.deepEqual(back.files.map((file: { path: string }) => file.path), ['../changes/a.md', '../changes/b.md']);
      } finally {
        tree.cleanup();
      }
    });
  });

  describe('rules and new', () => {
    it('lists every rule from the code, as JSON and as Markdown', () => {
      const json = JSON.parse(runCli(['rules', '--format', 'json'], REPO).stdout);
      assert.equal(json.length, RULES.length);
      assert.deepEqual(json.map((rule: { id: string }) => rule.id), RULES.map((rule) => rule.id));
      const markdown = runCli(['rules'], REPO).stdout;
      assert.equal(markdown.split('\n').filter((line) => line.startsWith('| RN')).length, RULES.length);
    });

    for (const kind of ['runbook', 'change-note', 'post']) {
      it(`new ${kind} writes a note whose only findings are its placeholders`, () => {
        const tree = tempTree({});
        try {
          const created = runCli(['new', kind, '-o', 'note.md'], tree.root);
          assert.equal(created.code, 0, created.stderr);
          const report = JSON.parse(runCli(['lint', 'note.md', '--format', 'json'], tree.root).stdout);
          assert.equal(report.files[0].kind, kind);
          const rules = new Set(report.files[0].diagnostics.map((d: { ruleId: string }) => d.ruleId));
          assert.deepEqual([...rules], ['RN009']);
          const again = runCli(['new', kind, '-o', 'note.md'], tree.root);
          assert.equal(again.code, 2);
          assert.match(again.stderr, /already exists/);
        } finally {
          tree.cleanup();
        }
      });
    }
  });

  it('the bundle starts with a shebang and is executable', () => {
    assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node'));
    assert.ok(statSync(CLI).mode & 0o111);
  });
});
