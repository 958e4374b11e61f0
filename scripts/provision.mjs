// Provisions the machine for the test suites, before any test starts (`npm test` runs it first; `.ci/run`
// relies on it): the Debian packages the suites need, then code-server for the integration tests.
//
//   node scripts/provision.mjs                       Debian packages, then code-server
//   node scripts/provision.mjs --packages-only       the Debian packages only
//
// Debian packages are installed with apt-get when running as root, or through `sudo` when it works without
// a password (or can ask for one on a terminal). Otherwise nothing is installed: one message names the exact
// command to run, and the exit code is 1. On a system without dpkg-query (not Debian) it assumes the
// packages' equivalents are installed and says so.
//
// Environment: RUNBOOK_NOTES_CODE_SERVER_DIR (see scripts/codeServer.mjs).
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { installCodeServer } from './installCodeServer.mjs';

/**
 * What the suites need from Debian, and why. Append a package with its reason when a suite needs one.
 * @type {Record<string, string>}
 */
export const DEBIAN_PACKAGES = {
  'libkrb5-dev': "code-server's kerberos native module (Kerberos headers)",
  'build-essential': "code-server's native modules (node-gyp's C/C++ toolchain)",
  python3: 'node-gyp',
  'pkg-config': "code-server's kerberos native module",
  ripgrep: 'stands in for the ripgrep binary code-server would download',
  chromium: 'headless browser of the browser and integration tests (driven by playwright-core)',
  neovim: "the language server's Neovim test",
};

const say = (message) => console.log(`[provision] ${message}`);

/** @returns {string[] | undefined} the packages not installed, or undefined without dpkg-query (not Debian) */
export function missingDebianPackages(names = Object.keys(DEBIAN_PACKAGES)) {
  if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  return names.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

/** How to gain root for apt-get: '' as root, 'sudo' when it can run (without a password, or asking on a terminal), else undefined. */
function rootPrefix() {
  if (process.getuid?.() === 0) return '';
  if (spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return 'sudo';
  const hasSudo = spawnSync('sudo', ['--version'], { stdio: 'ignore' }).status === 0;
  if (hasSudo && process.stdin.isTTY) return 'sudo';
  return undefined;
}

function run([command, ...args]) {
  say(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

/** Installs the missing Debian packages, or explains how; returns false when the tests cannot run. */
export function provisionDebianPackages() {
  const missing = missingDebianPackages();
  if (missing === undefined) {
    say(`no dpkg-query (not Debian?): assuming ${Object.keys(DEBIAN_PACKAGES).join(', ')} or their equivalents are installed.`);
    return true;
  }
  if (missing.length === 0) return true;

  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  const prefix = rootPrefix();
  if (prefix === undefined) {
    const lines = missing.map((name) => `  ${name}: ${DEBIAN_PACKAGES[name]}`);
    console.error(
      [
        `[provision] The tests need Debian packages that are not installed, and this user can neither install them (not root) nor use sudo:`,
        ...lines,
        `Run this as root, then run the tests again:`,
        ``,
        `  apt-get update && ${install.join(' ')}`,
        ``,
      ].join('\n'),
    );
    return false;
  }
  say(`installing the missing Debian packages: ${missing.join(', ')}`);
  // sudo -n: fail at once rather than wait for a password nobody will type (a terminal may type it).
  const sudo = prefix === 'sudo' ? ['sudo', ...(process.stdin.isTTY ? [] : ['-n'])] : [];
  if (!run([...sudo, 'apt-get', 'update']) || !run([...sudo, ...install])) return false;
  const still = missingDebianPackages(missing) ?? [];
  if (still.length > 0) {
    console.error(`[provision] apt-get finished but ${still.join(', ')} is still not installed; see the output above.`);
    return false;
  }
  return true;
}

/** Debian packages, then (unless packagesOnly) code-server; exits with 1 when the machine cannot run the tests. */
export function provision({ packagesOnly = false } = {}) {
  if (!provisionDebianPackages()) process.exit(1);
  if (!packagesOnly) installCodeServer();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) provision({ packagesOnly: process.argv.includes('--packages-only') });
