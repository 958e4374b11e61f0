/**
 * Hostile input: what must happen to each, and how long it may take. The engine reports and goes
 * on; the CLI reports, lints the other files and exits 2; `--fix` never writes over an edit it did
 * not see. (Empty, binary-looking, deeply nested and very long notes are in robustness.test.ts.)
 */
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ChangedOnDiskError, readNote, writeFileAtomic } from '../../src/cli/files';
import { FileLinter } from '../../src/cli/lintFiles';
import { configSchema, ConfigError, ConfigResolver, lintText, parseConfigText, resolveConfig, RULES, type ConfigHost, type ConfigProblem, type LintResult } from '../../src/core';
import { locateFrontMatter, parseFrontMatter } from '../../src/core/frontMatter';
import { GLOB_LIMITS, globProblem } from '../../src/core/glob';
import { BUILTIN_KINDS } from '../../src/core/kinds';
import { runCli, runCliAsync, tempTree, TYPO_NOTE, type CliResult } from './cliHelpers';

const config = resolveConfig([], '/repo');
const NOW = new Date('2026-11-21T12:00:00Z');
const lint = (text: string, file = '/repo/posts/x.md'): LintResult => lintText(text, { path: file, config, now: NOW });

/** Runs `work` and returns its result with the time it took, in milliseconds. */
function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

/** The notes' files in a folder, relative path → bytes. */
function snapshot(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else files.set(path.relative(root, full), readFileSync(full));
    }
  };
  visit(root);
  return files;
}

/** A CommonJS file for `node --require`: changes what the CLI meets on disk, at the moment it opens a file. */
const DISK_HOOK = `
const fs = require('node:fs');
const path = require('node:path');
const meddle = (file) => {
  const name = path.basename(String(file));
  if (name === process.env.RN_TEST_VANISH) fs.rmSync(file, { force: true });
  if (name === process.env.RN_TEST_BECOMES_FOLDER && fs.statSync(file).isFile()) {
    fs.rmSync(file);
    fs.mkdirSync(file);
  }
};
// Notes are read blocking (readNoteSync), other files either way: both opens are hooked.
const open = fs.promises.open;
fs.promises.open = async function (file, ...rest) {
  meddle(file);
  return open.call(this, file, ...rest);
};
const openSync = fs.openSync;
fs.openSync = function (file, ...rest) {
  meddle(file);
  return openSync.call(this, file, ...rest);
};
// A rule that throws: RN013 is the only code that parses a review date this way.
const parse = Date.parse;
Date.parse = function (text) {
  if (text === process.env.RN_TEST_THROW_ON_DATE) throw new Error('injected failure for the test');
  return parse.call(this, text);
};
`;

describe('hostile input', function () {
  this.timeout(120_000);

  describe('front matter', () => {
    it('refuses a YAML alias bomb ("billion laughs") in milliseconds, with RN014 on the first alias', () => {
      // Nine levels of nine aliases: 9^9 = 387,420,489 strings if it were ever expanded.
      const names = 'abcdefghij';
      const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      for (let i = 1; i < names.length; i++) levels.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(',')}]`);
      const { value: result, ms } = timed(() => lint(`---\nkind: post\n${levels.join('\n')}\n---\n# Bomb\n`));
      const syntax = result.diagnostics.filter((d) => d.ruleId === 'RN014');
      assert.equal(syntax.length, 1, JSON.stringify(result.diagnostics));
      assert.match(syntax[0]?.message ?? '', /aliases \(\*name\) expand into too many values and were not expanded \(a YAML alias bomb\?\): expected each anchor to be reused a few times at most/);
      assert.deepEqual(syntax[0]?.range, { start: { line: 3, column: 7 }, end: { line: 3, column: 9 } }, 'on the first alias, *a');
      assert.ok(ms < 2_000, `took ${ms.toFixed(0)} ms`);
      const reuse = lint('---\nkind: post\ndefaults: &defaults { status: draft }\nrevision: *defaults\n---\n# Reuse\n');
      assert.ok(!reuse.diagnostics.some((d) => d.ruleId === 'RN014'), 'an anchor reused once is fine');
    });

    it('parses 100,000 keys in linear time (the YAML library checks duplicates quadratically) and still finds a duplicate', () => {
      const keys = Array.from({ length: 100_000 }, (_, i) => `key_${i}: ${i}`);
      keys.push('key_5: again');
      const text = `---\n${keys.join('\n')}\n---\n`;
      const located = locateFrontMatter(text);
      assert.ok(located && located !== 'unterminated');
      // Quadratic, this took over a minute (30,000 keys: 6.5 s); linear, about two seconds.
      const { value: frontMatter, ms } = timed(() => parseFrontMatter(text, located));
      assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms`);
      assert.deepEqual(
        frontMatter.errors.map((error) => [error.message, text.slice(error.start, error.start + 5)]),
        [['Map keys must be unique', 'key_5']],
      );
    });

    it('reports duplicate keys where the YAML library itself would, at any depth, in block and flow maps', () => {
      const sources = [
        'a: 1\nb: 2\na: 3\n',
        'outer:\n  x: 1\n  y: 2\n  x: 3\nlist:\n  - { p: 1, p: 2 }\n  - q: 1\n    q: 2\n',
        '"a": 1\na: 2\n1: x\n"1": y\n1: z\n',
        ': empty\n: again\n&anchor k: 1\nk: 2\n',
        'flow: { a: 1, b: { c: 1, c: 2 }, a: 3 }\n',
        '? explicit\n: 1\n? explicit\n: 2\n',
      ];
      for (const source of sources) {
        const text = `---\n${source}---\n`;
        const located = locateFrontMatter(text);
        assert.ok(located && located !== 'unterminated');
        const ours = parseFrontMatter(text, located)
          .errors.filter((error) => error.message === 'Map keys must be unique')
          .map((error) => error.start - located.content.start);
        const library = parseDocument(source, { uniqueKeys: true, strict: true, prettyErrors: false })
          .errors.filter((error) => error.code === 'DUPLICATE_KEY')
          .map((error) => error.pos[0]);
        assert.deepEqual(ours, library, JSON.stringify(source));
      }
    });

    it('says what is wrong with unterminated front matter, and with front matter that is a list or a scalar', () => {
      const cases: [string, RegExp][] = [
        ['---\nkind: runbook\nowner: "@ops"\n\n# Title\n', /never closed: add a '---' line after the last key/],
        ['---\n- kind: post\n- title: x\n---\n', /must be a map of keys to values; found a list/],
        ['---\njust a sentence\n---\n', /must be a map of keys to values; found the string "just a sentence"/],
        ['---\n42\n---\n', /must be a map of keys to values; found the number 42/],
      ];
      for (const [text, message] of cases) {
        const syntax = lint(text).diagnostics.filter((d) => d.ruleId === 'RN014');
        assert.equal(syntax.length, 1, text);
        assert.match(syntax[0]?.message ?? '', message);
        assert.equal(syntax[0]?.range.start.line, text.startsWith('---\nkind: runbook') ? 0 : 1, 'at the fence when unterminated, else on the YAML');
      }
    });
  });

  describe('configuration', () => {
    const memoryHost = (files: Record<string, string>): ConfigHost => ({ readFile: async (file) => files[file] });
    const problemsOf = async (promise: Promise<unknown>): Promise<ConfigError> => {
      try {
        await promise;
      } catch (error) {
        assert.ok(error instanceof ConfigError, String(error));
        return error;
      }
      assert.fail('expected a ConfigError');
    };

    it('a file that extends itself, directly or through another, is reported at the extends that closes the loop', async () => {
      const itself = await problemsOf(new ConfigResolver(memoryHost({ '/a/.runbook-notes.json': '{\n  "extends": "./.runbook-notes.json"\n}' }), { defaultRoot: '/a' }).forNote('/a/x.md'));
      assert.equal(itself.message, "/a/.runbook-notes.json:2:14: extends: './.runbook-notes.json' extends itself through /a/.runbook-notes.json → /a/.runbook-notes.json; expected a file that does not lead back here");
      const loop = await problemsOf(
        new ConfigResolver(memoryHost({ '/a/.runbook-notes.json': '{"extends": "base.json"}', '/a/base.json': '{\n  "rules": {},\n  "extends": ".runbook-notes.json"\n}' }), { defaultRoot: '/a' }).forNote('/a/x.md'),
      );
      assert.equal(loop.file, '/a/base.json');
      assert.match(loop.message, /^\/a\/base\.json:3:14: extends: '\.runbook-notes\.json' extends itself through \/a\/\.runbook-notes\.json → \/a\/base\.json → \/a\/\.runbook-notes\.json/);
    });

    it('refuses globs that would take seconds or minutes to match, saying which limit they pass', () => {
      const refused: [string, RegExp][] = [
        ['+(ab|abab)/*.md', /without extglob groups such as \+\(…\)/],
        ['notes/@(a|b).md', /without extglob groups/],
        ['*a*a*a*a*b.md', /at most 2 '\*' between two '\/'/],
        ['**/a/**/b/**/c.md', /at most 2 '\*\*'/],
        ['*a*/*a*/x*/y*/z*', /at most 4 wildcards/],
        ['a/'.repeat(300), /a glob of at most 500 characters \(this one has 600\)/],
      ];
      const text = JSON.stringify({ kinds: { hostile: { include: refused.map(([glob]) => glob) } } }, null, 2);
      const { value: error, ms } = timed(() => {
        try {
          parseConfigText(text, '/r/.runbook-notes.json');
        } catch (caught) {
          return caught;
        }
        return undefined;
      });
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, refused.length, error.message);
      for (const [index, [glob, expected]] of refused.entries()) {
        const problem: ConfigProblem | undefined = error.problems[index];
        assert.ok(problem, error.message);
        assert.ok(problem.message.startsWith(`kinds.hostile.include[${index}]: expected `), problem.message);
        assert.match(problem.message, expected);
        assert.ok(problem.message.includes(`got '${glob.length > 60 ? glob.slice(0, 57) : glob}`), problem.message);
        assert.equal(problem.line, index + 5, 'the position of the glob in the file');
      }
      assert.ok(ms < 1_000, `took ${ms.toFixed(0)} ms`);
    });

    it('refuses 10,000 include globs in milliseconds, in a file and in the settings alike', () => {
      const include = Array.from({ length: 10_000 }, (_, i) => `team-${i}/**/*.md`);
      const { value: error, ms } = timed(() => {
        try {
          parseConfigText(JSON.stringify({ kinds: { big: { include } } }), '/r/.runbook-notes.json');
        } catch (caught) {
          return caught;
        }
        return undefined;
      });
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /^\/r\/\.runbook-notes\.json:1:10: kinds: expected at most 1,000 include globs in all kinds together, so that finding a note's kind stays fast; got 10,000$/);
      assert.ok(ms < 5_000, `took ${ms.toFixed(0)} ms`);
      // The editor's settings go through the same schema (src/vscode/settings.ts).
      assert.equal(configSchema().safeParse({ kinds: { big: { include } } }).success, false);
      assert.equal(configSchema().safeParse({ kinds: { big: { include: include.slice(0, GLOB_LIMITS.includes) } } }).success, true);
    });

    it('accepts the built-in and usual globs, and matches the worst allowed ones against the worst paths quickly', () => {
      const usual = [...BUILTIN_KINDS.flatMap((kind) => kind.include), 'ops/**/*.md', 'alerts/**', '../shared/**/*.md', '/srv/alerts/*.md', '**/runbooks/**/*-*.md', '{ops,sre}/**/*.{md,markdown}', 'notes/[a-z]*.md', 'lit/\\*\\*\\*/[*][*][*].md'];
      for (const glob of usual) assert.equal(globProblem(glob), undefined, glob);
      // The slowest shapes within the limits, each against the path that makes it backtrack most.
      const segment = 'a'.repeat(254);
      const worst: [string, string][] = [
        ['*a*/*a*b', `${segment}/${segment}`],
        ['*a*/*a*/ab', `${segment}/${segment}/${segment}`],
        ['**/a/a/**/*a*b', 'a/'.repeat(1900)],
        ['**/a/**/*/*b', 'a/'.repeat(1900)],
        ['a/**/a/**/*a*b', 'a/'.repeat(1900)],
      ];
      for (const [glob, file] of worst) {
        assert.equal(globProblem(glob), undefined, glob);
        const kinds = resolveConfig([{ base: '/r', config: { kinds: { probe: { include: [glob] } } } }], '/r');
        const { value: result, ms } = timed(() => lintText('# Probe\n', { path: `/r/${file}`, config: kinds, now: NOW }));
        assert.equal(result.kind, undefined, glob);
        // About a tenth of a second at worst here; without the limits, seconds to minutes.
        assert.ok(ms < 3_000, `${glob} took ${ms.toFixed(0)} ms`);
      }
    });
  });

  describe('a rule that throws', () => {
    it('becomes one internal-error finding naming the rule, with its stack for the caller to log; the other rules still report', async () => {
      const rule = RULES.find((candidate) => candidate.id === 'RN009');
      assert.ok(rule);
      const check = rule.check;
      rule.check = () => {
        throw new Error('boom');
      };
      try {
        const result = lint('---\nkind: change-note\nowner: TODO\n---\n# Change\n', '/repo/changes/x.md');
        const internal = result.diagnostics.filter((d) => d.message.startsWith('Internal error'));
        assert.deepEqual(
          internal.map((d) => [d.ruleId, d.message, d.range.start]),
          [['RN009', 'Internal error in rule RN009 placeholder-value: boom. Please report it.', { line: 0, column: 0 }]],
        );
        assert.ok(result.diagnostics.some((d) => d.ruleId === 'RN002'), 'the other rules ran');
        assert.equal(result.internalErrors.length, 1);
        assert.equal(result.internalErrors[0]?.ruleId, 'RN009');
        assert.equal(result.internalErrors[0]?.rule, 'placeholder-value');
        assert.match(result.internalErrors[0]?.stack ?? '', /^Error: boom\n\s+at /);

        // The CLI's per-file step hands them on (to the main thread, from a worker), where they are printed.
        const tree = tempTree({ 'changes/x.md': '---\nkind: change-note\nowner: TODO\n---\n# Change\n' });
        try {
          const outcome = await new FileLinter({ cwd: tree.root, fix: false, now: NOW }).lint(path.join(tree.root, 'changes/x.md'));
          assert.equal(outcome.kind, 'linted');
          assert.deepEqual(outcome.kind === 'linted' && outcome.internalErrors.map((error) => error.ruleId), ['RN009']);
        } finally {
          tree.cleanup();
        }
      } finally {
        rule.check = check;
      }
    });
  });

  describe('the CLI reports and goes on with the other files', () => {
    let hook: { root: string; cleanup(): void };
    before(() => {
      hook = tempTree({ 'disk-hook.cjs': DISK_HOOK });
    });
    after(() => hook.cleanup());
    const withHook = (env: Record<string, string>) => ({ nodeArgs: ['--require', path.join(hook.root, 'disk-hook.cjs')], env });
    const reported = (result: CliResult): string[] => (JSON.parse(result.stdout) as { files: { path: string }[] }).files.map((file) => file.path);

    it('skips a 100 MB file and a binary file, saying why, and lints the rest (exit 2)', () => {
      const tree = tempTree({ 'changes/a.md': TYPO_NOTE, 'assets/binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a, 0x0a]) });
      try {
        writeFileSync(path.join(tree.root, 'changes/huge.md'), Buffer.alloc(100 * 1024 * 1024, '- [ ] step\n'));
        const { value: result, ms } = timed(() => runCli(['lint', '--format', 'json'], tree.root));
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /skipped changes\/huge\.md: too large for a note \(100\.0 MB; the limit is 32\.0 MB\)/);
        assert.match(result.stderr, /skipped assets\/binary\.md: binary file, not a note/);
        assert.deepEqual(reported(result), ['changes/a.md']);
        assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms: the large file must not be read, let alone parsed`);
      } finally {
        tree.cleanup();
      }
    });

    it('walks past symbolic link loops: linked folders are not followed, looping links are reported (exit 2)', () => {
      const tree = tempTree({ 'notes/changes/a.md': TYPO_NOTE });
      try {
        symlinkSync('..', path.join(tree.root, 'notes/changes/up')); // a folder that contains itself
        symlinkSync('.', path.join(tree.root, 'notes/here.md')); // a folder named like a note
        symlinkSync('cycle.md', path.join(tree.root, 'notes/cycle.md')); // a link to itself
        symlinkSync('loop', path.join(tree.root, 'loop'));
        const { value: result, ms } = timed(() => runCli(['lint', '--format', 'json', 'notes', 'loop', 'notes/*/**/*.md'], tree.root));
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /notes\/cycle\.md: cannot read: too many symbolic links/);
        assert.match(result.stderr, /runbook-notes: loop: cannot read: too many symbolic links/);
        assert.deepEqual(reported(result), ['notes/changes/a.md']);
        assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms`);
      } finally {
        tree.cleanup();
      }
    });

    it('a file that disappears, or turns into a folder, between the walk and the read is reported; the others are linted (exit 2)', () => {
      const tree = tempTree({ 'changes/a.md': TYPO_NOTE, 'changes/vanishing.md': TYPO_NOTE, 'changes/folder.md': TYPO_NOTE, 'changes/z.md': TYPO_NOTE });
      try {
        const result = runCli(['lint', '--format', 'json'], tree.root, withHook({ RN_TEST_VANISH: 'vanishing.md', RN_TEST_BECOMES_FOLDER: 'folder.md' }));
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /changes\/vanishing\.md: cannot read: no such file or directory/);
        assert.match(result.stderr, /changes\/folder\.md: cannot read: not a regular file/);
        assert.deepEqual(reported(result), ['changes/a.md', 'changes/z.md']);
        assert.ok(statSync(path.join(tree.root, 'changes/folder.md')).isDirectory(), 'the hook did its part');
      } finally {
        tree.cleanup();
      }
    });

    it('a named pipe in place of a note, a configuration or a CODEOWNERS file is refused at once, never waited on (exit 2)', function () {
      if (process.platform === 'win32') this.skip();
      const tree = tempTree({ 'changes/a.md': TYPO_NOTE, 'other/b.md': TYPO_NOTE });
      try {
        for (const fifo of ['changes/pipe.md', 'changes/.runbook-notes.json', '.github/CODEOWNERS']) {
          mkdirSync(path.dirname(path.join(tree.root, fifo)), { recursive: true });
          execFileSync('mkfifo', [path.join(tree.root, fifo)]);
        }
        const { value: result, ms } = timed(() => runCli(['lint', '--format', 'json', 'changes/a.md', 'changes/pipe.md', 'other/b.md'], tree.root));
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /changes\/pipe\.md: cannot read: not a regular file/);
        assert.match(result.stderr, /changes\/\.runbook-notes\.json[\s\S]*cannot read the configuration file: .*not a regular file/);
        assert.deepEqual(reported(result), ['other/b.md']);
        assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms`);
      } finally {
        tree.cleanup();
      }
    });

    it('a file it may not read is reported as such; the others are linted (exit 2)', function () {
      // Root reads any file whatever its mode; the folder case above covers unreadable files there.
      if (process.getuid?.() === 0) this.skip();
      const tree = tempTree({ 'changes/a.md': TYPO_NOTE, 'changes/locked.md': TYPO_NOTE });
      try {
        chmodSync(path.join(tree.root, 'changes/locked.md'), 0o000);
        const result = runCli(['lint', '--format', 'json'], tree.root);
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /changes\/locked\.md: cannot read: permission denied/);
        assert.deepEqual(reported(result), ['changes/a.md']);
      } finally {
        chmodSync(path.join(tree.root, 'changes/locked.md'), 0o644);
        tree.cleanup();
      }
    });

    it('a configuration that extends itself is reported once, where it loops; notes under another configuration are linted (exit 2)', () => {
      const tree = tempTree({
        'bad/.runbook-notes.json': '{\n  "extends": ".runbook-notes.json"\n}\n',
        'bad/changes/a.md': TYPO_NOTE,
        'bad/changes/b.md': TYPO_NOTE,
        'good/.runbook-notes.json': '{ "rules": { "RN012": "error" } }\n',
        'good/changes/c.md': TYPO_NOTE,
      });
      try {
        const result = runCli(['lint', '--format', 'json'], tree.root);
        assert.equal(result.code, 2, result.stderr);
        const loops = result.stderr.match(/bad\/\.runbook-notes\.json:2:14: extends: '\.runbook-notes\.json' extends itself/g) ?? [];
        assert.equal(loops.length, 1, result.stderr);
        assert.deepEqual(reported(result), ['good/changes/c.md']);
      } finally {
        tree.cleanup();
      }
    });

    it('a configuration of 10,000 include globs is refused with its position, quickly (exit 2)', () => {
      const include = Array.from({ length: 10_000 }, (_, i) => `team-${i}/**/*.md`);
      const tree = tempTree({ '.runbook-notes.json': JSON.stringify({ kinds: { big: { include } } }, null, 2), 'changes/a.md': TYPO_NOTE });
      try {
        const { value: result, ms } = timed(() => runCli(['lint'], tree.root));
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /\.runbook-notes\.json:2:12: kinds: expected at most 1,000 include globs in all kinds together, so that finding a note's kind stays fast; got 10,000/);
        assert.ok(ms < 20_000, `took ${ms.toFixed(0)} ms`);
      } finally {
        tree.cleanup();
      }
    });

    it('a rule that throws: its finding is reported, its stack goes to stderr naming the rule and the file, and the run exits 2', () => {
      const stale = '---\nkind: change-note\nonwer: "@db"\nrevision: { last_reviewed: 1999-12-31 }\n---\n# Change\n';
      const tree = tempTree({ 'changes/stale.md': stale, 'changes/a.md': TYPO_NOTE });
      try {
        const result = runCli(['lint', '--format', 'json'], tree.root, withHook({ RN_TEST_THROW_ON_DATE: '1999-12-31T00:00:00Z' }));
        assert.equal(result.code, 2, result.stderr);
        assert.match(result.stderr, /runbook-notes: changes\/stale\.md: internal error in rule RN013 review-stale, please report it \(the note was not fully checked\):\nError: injected failure for the test\n\s+at /);
        const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { ruleId: string; message: string }[] }[] };
        const findings = report.files.find((file) => file.path === 'changes/stale.md')?.diagnostics ?? [];
        assert.ok(findings.some((d) => d.ruleId === 'RN013' && d.message === 'Internal error in rule RN013 review-stale: injected failure for the test. Please report it.'), JSON.stringify(findings));
        assert.ok(findings.some((d) => d.ruleId === 'RN012'), 'the other rules ran');
        assert.ok(!/changes\/a\.md: internal error/.test(result.stderr));
      } finally {
        tree.cleanup();
      }
    });
  });

  describe('--fix never loses an edit', () => {
    it('does not write over a file changed (or deleted) since it was read, and leaves no temporary file', async () => {
      const tree = tempTree({ 'a.md': TYPO_NOTE, 'b.md': TYPO_NOTE, 'c.md': TYPO_NOTE });
      try {
        const fixed = TYPO_NOTE.replace('onwer:', 'owner:');
        const [a, b, c] = ['a.md', 'b.md', 'c.md'].map((name) => path.join(tree.root, name)) as [string, string, string];
        const readA = await readNote(a);
        assert.equal(readA.kind, 'text');
        const edited = `${TYPO_NOTE}\nA line typed while the fixes were computed.\n`;
        writeFileSync(a, edited);
        await assert.rejects(writeFileAtomic(a, fixed, { unchangedSince: readA.kind === 'text' ? readA.bytes : Buffer.alloc(0) }), (error: unknown) => {
          assert.ok(error instanceof ChangedOnDiskError);
          assert.equal(error.message, 'changed on disk since it was read; not fixed (run again to fix it)');
          return true;
        });
        assert.equal(readFileSync(a, 'utf8'), edited, 'the edit is kept');

        const readB = await readNote(b);
        writeFileSync(b, fixed); // another run wrote the same fixes meanwhile
        const inode = statSync(b).ino;
        await writeFileAtomic(b, fixed, { unchangedSince: readB.kind === 'text' ? readB.bytes : Buffer.alloc(0) });
        assert.equal(statSync(b).ino, inode, 'nothing to write: the file already holds the fixes');

        const readC = await readNote(c);
        rmSync(c);
        await assert.rejects(writeFileAtomic(c, fixed, { unchangedSince: readC.kind === 'text' ? readC.bytes : Buffer.alloc(0) }), ChangedOnDiskError);
        assert.deepEqual(readdirSync(tree.root).sort(), ['a.md', 'b.md'], 'the deleted note is not written back, and no temporary file is left');
      } finally {
        tree.cleanup();
      }
    });

    it("keeps UTF-16 big-endian with its byte order mark, CRLF line ends, a 0600 mode and the file's owner", () => {
      const crlf = TYPO_NOTE.replace(/\n/g, '\r\n');
      const tree = tempTree({ 'changes/wide.md': Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(crlf, 'utf16le').swap16()]) });
      try {
        const file = path.join(tree.root, 'changes/wide.md');
        chmodSync(file, 0o600);
        // Root fixing another user's note must leave it theirs (others own what they can write).
        if (process.getuid?.() === 0) chownSync(file, 65534, 65534);
        const owner = statSync(file);
        const result = runCli(['lint', '--fix', '--format', 'json'], tree.root);
        assert.equal(result.code, 0, result.stderr);
        const bytes = readFileSync(file);
        assert.deepEqual([...bytes.subarray(0, 2)], [0xfe, 0xff]);
        assert.equal(Buffer.from(bytes.subarray(2)).swap16().toString('utf16le'), crlf.replace('onwer:', 'owner:'));
        assert.equal(statSync(file).mode & 0o777, 0o600);
        assert.deepEqual([statSync(file).uid, statSync(file).gid], [owner.uid, owner.gid]);
      } finally {
        tree.cleanup();
      }
    });

    it('two --fix runs at once on the same 80 notes leave each one as it was or fully fixed, never cut short or mixed', async () => {
      // 80 notes: more than the CLI lints in one thread, so that its worker threads take part too.
      const notes: Record<string, string | Buffer> = {};
      for (let i = 0; i < 80; i++) {
        let text = TYPO_NOTE.replace('Add an index', `Change ${i}`).replace('@db-team', `@team-${i % 7}`);
        if (i % 4 === 0) text = text.replace('title:', 'tools: terraform\ntitle:');
        if (i % 3 === 0) text = text.replace(/\n/g, '\r\n');
        if (i % 5 === 0) text = `\uFEFF${text}`;
        notes[`changes/${String(i).padStart(2, '0')}.md`] = text;
      }
      const original = tempTree(notes);
      const alone = tempTree({});
      try {
        cpSync(original.root, alone.root, { recursive: true });
        const single = runCli(['lint', '--fix', '--format', 'json'], alone.root);
        assert.ok(single.code === 0 || single.code === 1, single.stderr);
        const before = snapshot(original.root);
        const fullyFixed = snapshot(alone.root);
        for (const [file, bytes] of before) assert.notDeepEqual(fullyFixed.get(file), bytes, `${file} has something to fix`);

        for (let round = 0; round < 3; round++) {
          const work = tempTree({});
          try {
            cpSync(original.root, work.root, { recursive: true });
            const runs = await Promise.all([runCliAsync(['lint', '--fix', '--format', 'json'], work.root), runCliAsync(['lint', '--fix', '--format', 'json'], work.root)]);
            for (const run of runs) {
              assert.ok(run.code === 0 || run.code === 1 || run.code === 2, run.stderr);
              // The only complaint allowed is a note another run changed first.
              for (const line of run.stderr.split('\n').filter(Boolean)) assert.match(line, /: cannot write the fixes: changed on disk since it was read; not fixed/);
              JSON.parse(run.stdout);
            }
            const after = snapshot(work.root);
            assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'no file lost, no temporary file left');
            for (const [file, bytes] of after) {
              assert.ok(bytes.equals(before.get(file) as Buffer) || bytes.equals(fullyFixed.get(file) as Buffer), `round ${round}: ${file} is neither as it was nor fully fixed:\n${bytes.toString('utf8')}`);
            }
          } finally {
            work.cleanup();
          }
        }
      } finally {
        original.cleanup();
        alone.cleanup();
      }
    });
  });
});
