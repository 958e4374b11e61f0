/**
 * scripts/provision.mjs on a machine that lacks Debian packages, run by a user who can neither install them
 * nor use sudo: one message naming each missing package and the exact command, exit 1, before any test.
 * The missing packages are simulated by a `dpkg-query` first on PATH that knows none of them; the user is
 * `nobody` (uid 65534), so the test needs root to switch to it and is skipped otherwise.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEBIAN_PACKAGES } from '../../scripts/provision.mjs';

const root = path.resolve(__dirname, '../..');

describe('provisioning (scripts/provision.mjs)', () => {
  let shim: string;
  before(function () {
    if (process.getuid?.() !== 0) this.skip();
    shim = mkdtempSync(path.join(tmpdir(), 'runbook-notes-shim-'));
    // A dpkg-query that answers its version (so the machine looks like Debian) and knows no package.
    writeFileSync(path.join(shim, 'dpkg-query'), '#!/bin/sh\n[ "$1" = --version ] && exit 0\nexit 1\n');
    chmodSync(path.join(shim, 'dpkg-query'), 0o755);
    // The scripts run as `nobody`, who may not enter the checkout (a clone in a private temporary folder): copies.
    for (const script of ['provision.mjs', 'installCodeServer.mjs', 'codeServer.mjs']) {
      copyFileSync(path.join(root, 'scripts', script), path.join(shim, script));
      chmodSync(path.join(shim, script), 0o644);
    }
    chmodSync(shim, 0o755);
  });
  after(() => {
    if (shim) rmSync(shim, { recursive: true, force: true });
  });

  it('without root or sudo, names the missing packages and the exact apt-get command, and exits 1', () => {
    const result = spawnSync(process.execPath, [path.join(shim, 'provision.mjs'), '--packages-only'], {
      cwd: shim,
      uid: 65534,
      gid: 65534,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: `${shim}:/usr/bin:/bin`, HOME: tmpdir() },
    });
    assert.equal(result.status, 1, result.stdout + result.stderr);
    const names = Object.keys(DEBIAN_PACKAGES);
    for (const name of names) assert.match(result.stderr, new RegExp(`^  ${name}: `, 'm'), `${name} is not listed with its reason`);
    const command = `apt-get update && apt-get install -y --no-install-recommends ${names.join(' ')}`;
    assert.ok(result.stderr.includes(`\n  ${command}\n`), `the exact command is missing:\n${result.stderr}`);
    assert.equal(result.stdout, '', 'nothing is installed or started');
  });
});
