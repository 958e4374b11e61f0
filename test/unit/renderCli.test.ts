/** `runbook-notes render`: the built CLI writes a standalone, locked-down page of a note's post-meta box. */
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';
import { CLI, REPO, runCli, tempTree } from './cliHelpers';
import { attr, elements, hasClass, type Element } from './renderFixtures';

const POST_RELATIVE = 'test/fixtures/examples/posts/staging-close-to-production.md';
const POST = path.join(REPO, POST_RELATIVE);

function policyOf(html: string): string | undefined {
  const meta = elements(parse(html)).find((element) => attr(element, 'http-equiv') === 'Content-Security-Policy');
  return meta && attr(meta, 'content');
}

describe('runbook-notes render', function () {
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build first'));

  it('prints a standalone page with the box, its inline CSS under a fresh nonce, and a strict policy', () => {
    const first = runCli(['render', POST], REPO);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stderr, '');
    assert.match(first.stdout, /^<!DOCTYPE html>/);
    const document = parse(first.stdout);
    const all = elements(document);
    const style = all.find((element) => element.tagName === 'style') as Element;
    const nonce = attr(style, 'nonce') as string;
    assert.match(nonce, /^[A-Za-z0-9+/]{24}$/);
    assert.equal(policyOf(first.stdout), `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`);
    assert.ok((style.childNodes[0] as { value: string }).value.includes('.pm-row'), 'the CSS is bundled into dist/cli.js');
    assert.ok(all.some((element) => hasClass(element, 'post-meta')));
    assert.equal(all.filter((element) => element.tagName === 'meter').length, 4);
    assert.ok(all.some((element) => element.tagName === 'html' && hasClass(element, 'rn-theme-light')));
    assert.ok(!all.some((element) => element.tagName === 'script' || element.tagName === 'img'));
    assert.ok(!/\sstyle=/.test(first.stdout), 'no inline style attribute');

    const second = runCli(['render', POST], REPO);
    assert.notEqual(attr(elements(parse(second.stdout)).find((element) => element.tagName === 'style') as Element, 'nonce'), nonce, 'a new nonce per page');
  });

  it('writes the page with -o, in the dark theme with --theme dark, and replaces it on a second run', () => {
    const tree = tempTree({ 'posts/a.md': readFileSync(POST, 'utf8') });
    try {
      const result = runCli(['render', 'posts/a.md', '-o', 'out.html', '--theme', 'dark'], tree.root);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, 'Wrote out.html\n');
      const html = readFileSync(path.join(tree.root, 'out.html'), 'utf8');
      assert.match(html, /<html lang="en" class="rn-standalone rn-theme-dark">/);
      assert.match(html, /<title>Post meta: building a safer workflow/);
      assert.equal(statSync(path.join(tree.root, 'out.html')).mode & 0o600, 0o600);
      const again = runCli(['render', 'posts/a.md', '--output', 'out.html', '--remote-images'], tree.root);
      assert.equal(again.code, 0, again.stderr);
      const replaced = readFileSync(path.join(tree.root, 'out.html'), 'utf8');
      assert.match(policyOf(replaced) ?? '', /; img-src https:;/);
      assert.equal(elements(parse(replaced)).filter((element) => element.tagName === 'img').length, 3);
    } finally {
      tree.cleanup();
    }
  });

  it('makes the folder -o names when it is missing, and says which folder it cannot write in, never a temporary name', function () {
    const tree = tempTree({ 'posts/a.md': readFileSync(POST, 'utf8'), 'locked/keep': '' });
    try {
      const result = runCli(['render', 'posts/a.md', '-o', 'site/meta/a.html'], tree.root);
      assert.equal(result.code, 0, result.stderr);
      assert.match(readFileSync(path.join(tree.root, 'site/meta/a.html'), 'utf8'), /<title>Post meta: /);
      const blocked = runCli(['render', 'posts/a.md', '-o', 'posts/a.md/box.html'], tree.root);
      assert.equal(blocked.code, 2);
      assert.match(blocked.stderr, /^runbook-notes: cannot write posts\/a\.md\/box\.html: /);
      assert.ok(!blocked.stderr.includes('.tmp'), blocked.stderr);
      if (process.getuid?.() === 0) return; // root writes in any folder
      chmodSync(path.join(tree.root, 'locked'), 0o555);
      const locked = runCli(['render', 'posts/a.md', '-o', 'locked/a.html'], tree.root);
      chmodSync(path.join(tree.root, 'locked'), 0o755);
      assert.equal(locked.code, 2);
      assert.match(locked.stderr, /cannot write locked\/a\.html: cannot create a file in .*locked: permission denied/);
      assert.ok(!locked.stderr.includes('.tmp'), locked.stderr);
    } finally {
      tree.cleanup();
    }
  });

  it('renders the empty state for a note without front matter', () => {
    const tree = tempTree({ 'README.md': '# Not a note\n' });
    try {
      const result = runCli(['render', 'README.md'], tree.root);
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /No front matter yet/);
      assert.match(result.stdout, /<title>Post meta: README\.md<\/title>/);
    } finally {
      tree.cleanup();
    }
  });

  const usageErrors: [string[], RegExp][] = [
    [['render'], /render: which note\?/],
    [['render', 'a.md', 'b.md'], /render: unexpected argument 'b\.md'/],
    [['render', POST_RELATIVE, '--theme', 'blue'], /--theme: expected one of light, dark; got 'blue'/],
    [['render', POST_RELATIVE, '--colour'], /unknown option '--colour'/],
  ];
  for (const [args, message] of usageErrors) {
    it(`exits 2 with a usage message for ${args.slice(1).join(' ') || 'no note'}`, () => {
      const result = runCli(args, REPO);
      assert.equal(result.code, 2);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /Usage: runbook-notes/);
      assert.equal(result.stdout, '');
    });
  }

  it('exits 2 naming a note that cannot be read, or a folder it cannot write to', () => {
    const missing = runCli(['render', 'no-such-note.md'], REPO);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^runbook-notes: no-such-note\.md: cannot read: /);
    const tree = tempTree({ 'a.md': '---\ntitle: A\n---\n' });
    try {
      // A missing folder is made (see -o above); a file standing where the folder should be cannot be.
      const unwritable = runCli(['render', 'a.md', '-o', 'a.md/folder/out.html'], tree.root);
      assert.equal(unwritable.code, 2);
      assert.match(unwritable.stderr, /^runbook-notes: cannot write a\.md\/folder\/out\.html: /);
    } finally {
      tree.cleanup();
    }
  });

  it('is listed in --help', () => {
    assert.match(runCli(['--help'], REPO).stdout, /render NOTE\.md \[-o OUT\.html\]/);
  });
});
