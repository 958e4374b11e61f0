/**
 * The core's file selection (src/core/fileSelection.ts), which the CLI and Lint Workspace share:
 * checked against Git itself on a real repository, and the Markdown extensions and kind globs.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { kindForPath, resolveConfig, selectMarkdownFiles } from '../../src/core';
import { nodeFileTreeHost, toPosix } from '../../src/cli/files';
import { runCli, tempTree } from './cliHelpers';

const NOTE = '# A note\n';

/** Ignore files of the shapes gitignore(5) describes, each pattern commented with the case it covers. */
const TREE: Record<string, string> = {
  '.gitignore': [
    '# a comment, and a blank line below',
    '',
    '*.draft.md', // floating: any depth
    '!important.draft.md', // negation in the same file
    '/anchored.md', // anchored: only at the root
    'build/', // a folder, at any depth
    'docs/**/generated/', // ** in the middle
    'logs/*', // everything in logs/ ...
    '!logs/keep/', // ... but this folder
    'trailing.md   ', // unescaped trailing spaces are dropped
    'spaced\\ ', // an escaped trailing space is kept
    '\\#hash.md', // a leading # escaped
    '\\!bang.md', // a leading ! escaped
    'excluded/', // a folder excluded ...
    '!excluded/back.md', // ... cannot have a file re-included (as in Git)
    'Case.md', // case-sensitive
    '**/deep-any/**', // leading and trailing **
    'a?c.md', // one character
    '[xy]z.md', // a character class
  ].join('\n'),
  'sub/.gitignore': ['!*.draft.md', 'local.md', '/only-here.md'].join('\n'), // a nested negation re-includes what the root excluded
  'sub/deeper/.gitignore': ['*.draft.md', '!local.md'].join('\n'), // excluded again deeper; local.md re-included
};

const FILES = [
  'keep.md',
  'x.draft.md',
  'important.draft.md',
  'anchored.md',
  'nested/anchored.md',
  'build/a.md',
  'nested/build/b.md',
  'docs/a/b/generated/c.md',
  'docs/generated/d.md',
  'docs/e.md',
  'logs/a.md',
  'logs/keep/b.md',
  'trailing.md',
  'spaced ',
  'spaced .md',
  '#hash.md',
  '!bang.md',
  'excluded/back.md',
  'Case.md',
  'case.md',
  'x/deep-any/y/z.md',
  'abc.md',
  'abbc.md',
  'xz.md',
  'zz.md',
  'sub/x.draft.md',
  'sub/local.md',
  'sub/only-here.md',
  'sub/inner/only-here.md',
  'sub/deeper/y.draft.md',
  'sub/deeper/local.md',
  'sub/deeper/z.md',
  'secret.md',
  'sub/secret.md',
  'upper.MD',
  'long.markdown',
  'other.mdown',
  'other.mkd',
  'other.mkdn',
  'not-markdown.txt',
  '[slug]/index.md',
];

function git(root: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', input, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root } });
}

describe('file selection: the files a lint covers', function () {
  this.timeout(60_000);

  it('applies .gitignore files exactly as git does (git ls-files and git check-ignore on a real repository)', async () => {
    const tree = tempTree({ ...TREE, ...Object.fromEntries(FILES.map((file) => [file, NOTE])) });
    try {
      git(tree.root, ['init', '-q']);
      writeFileSync(path.join(tree.root, '.git/info/exclude'), 'secret.md\n');
      const byGit = git(tree.root, ['ls-files', '--others', '--exclude-standard', '-z'])
        .split('\0')
        .filter((file) => /\.(md|markdown|mdown|mkd|mkdn)$/i.test(file))
        .sort();
      const ours = (await selectMarkdownFiles(toPosix(tree.root), nodeFileTreeHost)).map((file) => path.posix.relative(toPosix(tree.root), file)).sort();
      assert.deepEqual(ours, byGit);
      // And git check-ignore, asked about every file we did not select, says each is ignored.
      const skipped = FILES.filter((file) => /\.(md|markdown|mdown|mkd|mkdn)$/i.test(file) && !ours.includes(file));
      const ignored = git(tree.root, ['check-ignore', '--stdin', '-z', '--no-index'], `${skipped.join('\0')}\0`).split('\0').filter(Boolean);
      for (const file of skipped.filter((candidate) => !ignored.includes(candidate))) {
        // check-ignore tests the path's own patterns; a file in an ignored folder is ignored through the folder.
        assert.ok(ignored.length > 0 && git(tree.root, ['check-ignore', '--no-index', path.posix.dirname(file)]).trim() !== '', `${file} was skipped but git does not ignore it`);
      }
      // The cases the patterns stand for, spelled out.
      for (const kept of ['important.draft.md', 'nested/anchored.md', 'logs/keep/b.md', 'spaced .md', 'case.md', 'sub/x.draft.md', 'sub/inner/only-here.md', 'sub/deeper/local.md', 'upper.MD', 'long.markdown', '[slug]/index.md', 'docs/e.md', 'abbc.md', 'zz.md']) {
        assert.ok(ours.includes(kept), `${kept} is linted`);
      }
      for (const dropped of ['x.draft.md', 'anchored.md', 'build/a.md', 'nested/build/b.md', 'docs/a/b/generated/c.md', 'docs/generated/d.md', 'logs/a.md', 'trailing.md', '#hash.md', '!bang.md', 'excluded/back.md', 'Case.md', 'x/deep-any/y/z.md', 'abc.md', 'xz.md', 'sub/local.md', 'sub/only-here.md', 'sub/deeper/y.draft.md', 'secret.md', 'sub/secret.md']) {
        assert.ok(!ours.includes(dropped), `${dropped} is ignored`);
      }
    } finally {
      tree.cleanup();
    }
  });

  it('a nested repository starts afresh with its own ignore files; outside a repository only the walked .gitignore files apply', async () => {
    const tree = tempTree({ '.gitignore': 'vendor-note.md\n', 'vendor/.gitignore': '', 'vendor/vendor-note.md': NOTE, 'plain/.gitignore': 'x.md\n', 'plain/x.md': NOTE, 'plain/y.md': NOTE });
    try {
      git(tree.root, ['init', '-q']);
      git(path.join(tree.root, 'vendor'), ['init', '-q']);
      const ours = (await selectMarkdownFiles(toPosix(tree.root), nodeFileTreeHost)).map((file) => path.posix.relative(toPosix(tree.root), file));
      assert.deepEqual(ours, ['plain/y.md', 'vendor/vendor-note.md']);
      const outside = (await selectMarkdownFiles(toPosix(path.join(tree.root, 'plain')), nodeFileTreeHost)).map((file) => path.posix.basename(file));
      assert.deepEqual(outside, ['y.md'], "a folder's own .gitignore applies when it is the one linted");
    } finally {
      tree.cleanup();
    }
  });

  it('the CLI lints the same files (a folder argument walks with the selection)', () => {
    const tree = tempTree({ '.gitignore': 'drafts/\n', 'runbooks/a.md': NOTE, 'drafts/runbooks/b.md': NOTE, 'runbooks/c.MARKDOWN': NOTE });
    try {
      mkdirSync(path.join(tree.root, '.git'));
      const report = JSON.parse(runCli(['lint', '--format', 'json'], tree.root).stdout);
      assert.deepEqual(report.files.map((file: { path: string }) => file.path), ['runbooks/a.md', 'runbooks/c.MARKDOWN']);
    } finally {
      tree.cleanup();
    }
  });
});

describe('which files are Markdown, and which are notes', () => {
  const config = resolveConfig([], '/repo');
  const kindOf = (file: string) => kindForPath(`/repo/${file}`, config)?.name;

  it("the built-in kinds' globs match every Markdown extension VS Code knows, in any case", () => {
    for (const file of ['x.runbook.MD', 'x.runbook.md', 'x.runbook.markdown', 'x.runbook.Mdown', 'x.runbook.mkd', 'x.runbook.MKDN', 'runbooks/a.MD', 'ops/runbooks/a.markdown']) {
      assert.equal(kindOf(file), 'runbook', file);
    }
    assert.equal(kindOf('changes/2026-01-01-x.MARKDOWN'), 'change-note');
    assert.equal(kindOf('posts/p.mkd'), 'post');
    for (const file of ['x.runbook.txt', 'x.runbook.mdx', 'runbooks/a.txt', 'Runbooks/a.md']) assert.equal(kindOf(file), undefined, `${file}: only the extension is case-insensitive`);
  });

  it("a team's own globs: `.md` stands for any Markdown extension, other extensions match as written, the rest is case-sensitive", () => {
    const custom = resolveConfig([{ config: { kinds: { alert: { include: ['alerts/**/*.md'] }, legacy: { include: ['old/*.markdown'] } } }, base: '/repo', file: '/repo/.runbook-notes.json' }], '/repo');
    const kind = (file: string) => kindForPath(`/repo/${file}`, custom)?.name;
    assert.equal(kind('alerts/disk.MKD'), 'alert');
    assert.equal(kind('alerts/disk.md'), 'alert');
    assert.equal(kind('Alerts/disk.md'), undefined);
    assert.equal(kind('old/a.markdown'), 'legacy');
    assert.equal(kind('old/a.md'), undefined, '`*.markdown` names that extension only');
  });
});
