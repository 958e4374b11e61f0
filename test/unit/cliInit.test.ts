/** Paths and patterns as users type them, and `init` on three shapes of repository. */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { parseConfigText } from '../../src/core';
import { runCli, tempTree, TYPO_NOTE } from './cliHelpers';

const RUNBOOK = '---\nowner: "@ops"\n---\n# Restart\n';
const reported = (stdout: string): string[] => (JSON.parse(stdout) as { files: { path: string }[] }).files.map((file) => file.path);

describe('runbook-notes lint: paths and patterns as users type them', function () {
  it('takes an existing path literally, unescapes \\[ \\] when the escaped path is a file, and walks folders named [slug]', () => {
    const tree = tempTree({ 'notes/[draft].md': TYPO_NOTE, 'notes/d.md': TYPO_NOTE, 'pages/[slug]/changes/a.md': TYPO_NOTE, 'pages/s/changes/b.md': TYPO_NOTE });
    try {
      for (const [args, expected] of [
        [['notes/[draft].md'], ['notes/[draft].md']],
        [['notes/\\[draft\\].md'], ['notes/[draft].md']],
        [['pages/[slug]'], ['pages/[slug]/changes/a.md']],
        [['pages/\\[slug\\]/**/*.md'], ['pages/[slug]/changes/a.md']],
        [['pages/[slug]/changes/a.md'], ['pages/[slug]/changes/a.md']],
        [['pages/[slug]/**/*.md'], ['pages/[slug]/changes/a.md', 'pages/s/changes/b.md']],
        [['pages'], ['pages/[slug]/changes/a.md', 'pages/s/changes/b.md']],
        [['notes/*.md'], ['notes/[draft].md', 'notes/d.md']],
      ] as [string[], string[]][]) {
        const result = runCli(['lint', '--format', 'json', ...args], tree.root);
        assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
        assert.deepEqual(reported(result.stdout), expected, args.join(' '));
      }
    } finally {
      tree.cleanup();
    }
  });

  it('takes an argument starting with ! as an exclusion, unless it names an existing path', () => {
    const tree = tempTree({ 'runbooks/a.md': TYPO_NOTE, 'runbooks/legacy/old.md': TYPO_NOTE, 'changes/b.md': TYPO_NOTE, 'changes/!keep.md': TYPO_NOTE });
    try {
      for (const [args, expected] of [
        [['.', '!runbooks/legacy/**'], ['changes/!keep.md', 'changes/b.md', 'runbooks/a.md']],
        [['!runbooks'], ['changes/!keep.md', 'changes/b.md']],
        [['runbooks', '!runbooks/legacy'], ['runbooks/a.md']],
        [['runbooks/*.md', '!**/a.md'], []],
        [['changes/!keep.md'], ['changes/!keep.md']],
      ] as [string[], string[]][]) {
        const result = runCli(['lint', '--format', 'json', ...args], tree.root);
        assert.ok(result.code === 0 || result.code === 1, `${args.join(' ')}: ${result.stderr}`);
        assert.deepEqual(reported(result.stdout), expected, args.join(' '));
      }
    } finally {
      tree.cleanup();
    }
  });

  it('reports a pattern that matches nothing by name, and never a stack trace', () => {
    const tree = tempTree({ 'pages/[slug]/changes/a.md': TYPO_NOTE, 'changes/b.md': TYPO_NOTE });
    try {
      for (const [args, expected] of [
        [['pages/[other]/**/*.md'], /pages\/\[other\]\/\*\*\/\*\.md: no Markdown file matches this pattern$/m],
        [['nothing/*.md'], /nothing\/\*\.md: no Markdown file matches this pattern \(its folder nothing does not exist\)/],
        [['changes/*.txt'], /changes\/\*\.txt: no Markdown file matches this pattern$/m],
        [['notes/\\[draft\\].md'], /notes\/\\\[draft\\\]\.md: cannot read: no such file or directory \(notes\/\[draft\]\.md\)/],
        [['notes/\\[draft\\]/*.md'], /no Markdown file matches this pattern \(its folder notes\/\[draft\] does not exist\)/],
        [[''], /'': an empty argument names no file/],
        [['{'], /\{: (no Markdown file matches|cannot read)/],
        [['missing.md'], /missing\.md: cannot read: no such file or directory/],
      ] as [string[], RegExp][]) {
        const result = runCli(['lint', ...args, 'changes/b.md'], tree.root);
        assert.equal(result.code, 2, args.join(' '));
        assert.match(result.stderr, expected);
        assert.doesNotMatch(result.stderr, /\n\s+at |TypeError/, 'no stack trace');
        assert.match(result.stdout, /changes\/b\.md/, 'the other files are still linted');
      }
    } finally {
      tree.cleanup();
    }
  });
});

/** Reads a configuration file as the linter does, and as JSON with comments. */
function checkConfig(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: false });
  assert.deepEqual(errors, []);
  assert.match(text, /^\/\/ /m, 'commented');
  return parseConfigText(text, file);
}

describe('runbook-notes init', function () {
  it('an operations repository: runbooks/, changes/, alerts/ and a CODEOWNERS file', () => {
    const tree = tempTree({ '.git/HEAD': '', 'ops/runbooks/db/restart.md': RUNBOOK, 'ops/runbooks/cache.md': RUNBOOK, 'changes/2026-01-01-a.md': TYPO_NOTE, 'alerts/disk-full.md': '# Disk full\n', '.github/CODEOWNERS': '* @ops\n', 'README.md': '# Ops\n' });
    try {
      const result = runCli(['init'], tree.root);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /ops\/runbooks\/: 2 Markdown files → kind runbook/);
      assert.match(result.stdout, /changes\/: 1 Markdown file → kind change-note/);
      assert.match(result.stdout, /alerts\/: 1 Markdown file → kind alert-runbook/);
      assert.match(result.stdout, /ownership: \.github\/CODEOWNERS/);
      assert.match(result.stdout, /Wrote \.runbook-notes\.json/);
      const config = checkConfig(path.join(tree.root, '.runbook-notes.json')) as { kinds: Record<string, { include?: string[]; require?: string[] }> };
      assert.deepEqual(config.kinds['alert-runbook']?.include, ['alerts/**/*.md']);
      const lint = runCli(['lint', '--format', 'json'], tree.root);
      assert.notEqual(lint.code, 2, lint.stderr);
      const kinds = Object.fromEntries((JSON.parse(lint.stdout) as { files: { path: string; kind: string }[] }).files.map((file) => [file.path, file.kind]));
      assert.deepEqual(kinds, { 'alerts/disk-full.md': 'alert-runbook', 'changes/2026-01-01-a.md': 'change-note', 'ops/runbooks/cache.md': 'runbook', 'ops/runbooks/db/restart.md': 'runbook' });
    } finally {
      tree.cleanup();
    }
  });

  it('a Jekyll blog: _posts/ becomes part of the post kind', () => {
    const tree = tempTree({ '.git/HEAD': '', '_posts/2025-09-14-hello.md': '---\ntitle: Hello\n---\n# Hello\n', '_config.yml': 'title: blog\n' });
    try {
      const result = runCli(['init'], tree.root);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /_posts\/: 1 Markdown file → kind post/);
      assert.match(result.stdout, /no ownership file/);
      const config = checkConfig(path.join(tree.root, '.runbook-notes.json')) as { kinds: Record<string, { include?: string[] }> };
      assert.ok(config.kinds.post?.include?.includes('_posts/**/*.md'));
      const lint = runCli(['lint', '--format', 'json'], tree.root);
      assert.notEqual(lint.code, 2, lint.stderr);
      assert.equal((JSON.parse(lint.stdout) as { files: { kind: string }[] }).files[0]?.kind, 'post');
    } finally {
      tree.cleanup();
    }
  });

  it('a Prow-style repository: OWNERS files below the root are found (a few named, the rest counted), and the comment says they assign owners', () => {
    const tree = tempTree({
      '.git/HEAD': '',
      'runbooks/db/failover.md': RUNBOOK,
      'runbooks/db/OWNERS': 'approvers:\n  - alice\n',
      'runbooks/cache/OWNERS': 'approvers:\n  - bob\n',
      'services/api/OWNERS': 'approvers:\n  - carol\n',
      'services/web/OWNERS': 'approvers:\n  - dana\n',
      'node_modules/pkg/OWNERS': 'approvers:\n  - mallory\n',
    });
    try {
      const result = runCli(['init'], tree.root);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /ownership: runbooks\/cache\/OWNERS, runbooks\/db\/OWNERS, services\/api\/OWNERS, 1 more OWNERS file/);
      const written = readFileSync(path.join(tree.root, '.runbook-notes.json'), 'utf8');
      assert.match(written, /A note is owned when it names an owner/);
      assert.doesNotMatch(written, /node_modules/);
      checkConfig(path.join(tree.root, '.runbook-notes.json'));
    } finally {
      tree.cleanup();
    }
  });

  it('an empty repository: a commented file with the defaults, and it never overwrites', () => {
    const tree = tempTree({ '.git/HEAD': '', 'docs/readme.md': '# Docs\n', OWNERS: 'alice\n' });
    try {
      const printed = runCli(['init', '--print'], tree.root);
      assert.equal(printed.code, 0);
      assert.match(printed.stderr, /no runbooks\/.*folder with Markdown files/);
      const result = runCli(['init'], tree.root);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(readFileSync(path.join(tree.root, '.runbook-notes.json'), 'utf8'), printed.stdout, '--print shows what init writes');
      checkConfig(path.join(tree.root, '.runbook-notes.json'));
      assert.equal(runCli(['lint'], tree.root).code, 0);
      writeFileSync(path.join(tree.root, '.runbook-notes.json'), '{}\n');
      const again = runCli(['init'], tree.root);
      assert.equal(again.code, 2);
      assert.match(again.stderr, /\.runbook-notes\.json already exists; nothing was written/);
      assert.equal(readFileSync(path.join(tree.root, '.runbook-notes.json'), 'utf8'), '{}\n');
      assert.match(runCli(['init', 'no-such-folder'], tree.root).stderr, /'no-such-folder' is not a folder/);
    } finally {
      tree.cleanup();
    }
  });
});
