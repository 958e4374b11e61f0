/** dist/cli.js, the launcher: the CLI bundle compiled with a V8 code cache kept in a folder of the user's own. */
import * as assert from 'node:assert/strict';
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, tempTree, TYPO_NOTE } from './cliHelpers';

/** Runs `check` with a temporary folder for the code cache (`env` points the CLI at it) and a folder with one note. */
function withCacheFolder(check: (env: Record<string, string>, folder: string, notes: string) => void): void {
  const tmp = tempTree({});
  const notes = tempTree({ 'changes/a.md': TYPO_NOTE });
  try {
    check({ TMPDIR: tmp.root, NODE_DISABLE_COMPILE_CACHE: '' }, path.join(tmp.root, `runbook-notes-compile-cache-${process.getuid?.() ?? 'user'}`), notes.root);
  } finally {
    tmp.cleanup();
    notes.cleanup();
  }
}

describe('the CLI launcher and its code cache', function () {
  this.timeout(60_000);

  it('writes the cache on the first run, reuses it, survives a corrupt one, and refuses a folder others can write', () => {
    withCacheFolder((env, folder, notes) => {
      const first = runCli(['lint', '--format', 'json'], notes, { env });
      const caches = () => readdirSync(folder).filter((name) => name.endsWith('.cache'));
      assert.equal(caches().length, 1, 'a cache after the first run');
      assert.equal(statSync(folder).mode & 0o777, 0o700);
      assert.equal(statSync(path.join(folder, caches()[0] as string)).mode & 0o777, 0o600);
      assert.equal(runCli(['lint', '--format', 'json'], notes, { env }).stdout, first.stdout, 'the same report from the cache');

      writeFileSync(path.join(folder, caches()[0] as string), 'not a code cache');
      const corrupt = runCli(['lint', '--format', 'json'], notes, { env });
      assert.equal(corrupt.stdout, first.stdout, 'a cache V8 rejects is ignored');
      assert.ok(statSync(path.join(folder, caches()[0] as string)).size > 1000, 'and written anew');

      chmodSync(folder, 0o777);
      writeFileSync(path.join(folder, caches()[0] as string), 'planted by someone else');
      assert.equal(runCli(['lint', '--format', 'json'], notes, { env }).stdout, first.stdout);
      assert.equal(statSync(path.join(folder, caches()[0] as string)).size, 'planted by someone else'.length, 'a folder others can write is neither read nor written');
    });
  });

  it('keeps a cache per command: a first --version leaves lint runs a cache of their own, with the linter in it', () => {
    withCacheFolder((env, folder, notes) => {
      const sizes = () => Object.fromEntries(readdirSync(folder).filter((name) => name.startsWith('cli-main-')).map((name) => [name.split('-')[2], statSync(path.join(folder, name)).size]));
      assert.equal(runCli(['--version'], notes, { env }).code, 0);
      assert.deepEqual(Object.keys(sizes()), ['other']);
      assert.equal(runCli(['lint', '--format', 'json'], notes, { env }).code, 0);
      const after = sizes();
      assert.deepEqual(Object.keys(after).sort(), ['lint', 'other']);
      assert.ok((after.lint as number) > (after.other as number) * 1.3, `the lint cache (${after.lint} bytes) holds more than the --version one (${after.other})`);
      runCli(['rules'], notes, { env });
      assert.deepEqual(sizes(), after, 'a cache is written once, by the first run of its kind');
    });
  });

  it('NODE_DISABLE_COMPILE_CACHE turns it off', () => {
    const tmp = tempTree({});
    try {
      const result = runCli(['rules', '--format', 'json'], tmp.root, { env: { TMPDIR: tmp.root, NODE_DISABLE_COMPILE_CACHE: '1' } });
      assert.equal(result.code, 0);
      assert.deepEqual(readdirSync(tmp.root), []);
    } finally {
      tmp.cleanup();
    }
  });
});
