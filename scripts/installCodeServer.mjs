// Installs code-server (the VS Code server the offline integration tests run the extension in) into a
// cache folder outside the repository. Idempotent: a finished install is detected by a marker file and
// skipped at once. Offline apart from the npm registry: @vscode/ripgrep's postinstall would download
// ripgrep from the internet, but it first looks for its tarball in a cache folder under TMPDIR, so the
// script puts one there holding the system's ripgrep (/usr/bin/rg, Debian package `ripgrep`).
//
//   node scripts/installCodeServer.mjs            install if needed; prints the install folder last
//   RUNBOOK_NOTES_CODE_SERVER_DIR=/some/dir ...   install there instead of the default cache folder
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
// What @vscode/ripgrep 1.15.11 (the version VS Code 1.100 depends on) would download.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
// Debian packages: native modules build with node-gyp (build-essential, python3), kerberos needs
// libkrb5-dev and pkg-config, ripgrep replaces the download; chromium drives the tests.
const APT_PACKAGES = ['libkrb5-dev', 'build-essential', 'python3', 'pkg-config', 'ripgrep', 'chromium'];
const MARKER = '.runbook-notes-installed';

/** The install folder; runOffline.ts computes the same path (keep the two in step). */
export function codeServerDir() {
  if (process.env.RUNBOOK_NOTES_CODE_SERVER_DIR) return process.env.RUNBOOK_NOTES_CODE_SERVER_DIR;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'runbook-notes', `code-server-${CODE_SERVER_VERSION}`);
}

function fail(message) {
  console.error(`installCodeServer: ${message}`);
  process.exit(1);
}

function missingAptPackages() {
  if (spawnSync('dpkg-query', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined; // not Debian
  return APT_PACKAGES.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

function installed(dir) {
  const marker = join(dir, MARKER);
  if (!existsSync(marker) || !existsSync(join(dir, 'node_modules/code-server/out/node/entry.js'))) return false;
  return readFileSync(marker, 'utf8').trim() === `${CODE_SERVER_VERSION} node-${process.versions.node.split('.')[0]}`;
}

function main() {
  const dir = codeServerDir();
  if (installed(dir)) {
    console.log(`code-server ${CODE_SERVER_VERSION} already installed in ${dir}`);
    return;
  }

  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== 20) fail(`code-server ${CODE_SERVER_VERSION} needs Node 20 (its native modules are built for it); this is Node ${process.versions.node}.`);
  if (process.platform !== 'linux' || !(process.arch in RIPGREP_TARGETS)) fail(`only linux x64/arm64 is supported, not ${process.platform} ${process.arch}.`);

  const missing = missingAptPackages();
  if (missing === undefined) {
    console.warn('installCodeServer: no dpkg-query (not Debian?); assuming a C/C++ toolchain, python3, pkg-config, Kerberos headers, ripgrep and chromium are installed.');
  } else if (missing.length > 0) {
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    fail(
      `missing Debian packages: ${missing.join(', ')}\n` +
        `Install them with:\n  ${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  // node-gyp builds the native modules against the local Node headers instead of downloading them.
  const nodedir = process.env.npm_config_nodedir || dirname(dirname(process.execPath));
  if (!existsSync(join(nodedir, 'include/node/node.h'))) {
    fail(`no Node headers in ${nodedir}/include/node (node-gyp would download them): set npm_config_nodedir to the folder holding include/node.`);
  }
  const rg = ['/usr/bin/rg', '/usr/local/bin/rg'].find((path) => existsSync(path));
  if (!rg) fail('ripgrep (rg) not found in /usr/bin or /usr/local/bin: apt-get install -y ripgrep');

  console.log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (about a minute, 300 MB)...`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // A package.json of its own, so that npm installs here and not into some package.json further up.
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'runbook-notes-code-server', private: true }, null, 2)}\n`);

  // A private TMPDIR: @vscode/ripgrep finds its "downloaded" tarball there, and nothing leaks into /tmp.
  const tmp = join(dir, 'tmp');
  const rgCache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const staging = join(tmp, 'rg-staging');
  mkdirSync(rgCache, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(rg, join(staging, 'rg'));
  const tarball = join(rgCache, `ripgrep-${RIPGREP_RELEASE}-${RIPGREP_TARGETS[process.arch]}.tar.gz`);
  execFileSync('tar', ['-czf', tarball, '-C', staging, 'rg'], { stdio: 'inherit' });

  const started = Date.now();
  const result = spawnSync(
    'npm',
    // --unsafe-perm: npm itself ignores it nowadays, but code-server's postinstall refuses to run as root
    // without it (it checks npm_config_unsafe_perm).
    ['install', '--unsafe-perm', '--no-audit', '--no-fund', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`],
    {
      cwd: dir,
      stdio: 'inherit',
      env: {
        ...process.env,
        TMPDIR: tmp,
        npm_config_yes: 'true',
        npm_config_nodedir: nodedir,
      },
    },
  );
  if (result.status !== 0) fail(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${result.status ?? result.signal}); see the output above. ${dir} is left as is for inspection.`);
  if (!existsSync(join(dir, 'node_modules/code-server/out/node/entry.js'))) fail(`npm install finished but ${dir}/node_modules/code-server/out/node/entry.js is missing.`);

  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(join(dir, MARKER), `${CODE_SERVER_VERSION} node-${nodeMajor}\n`);
  console.log(`code-server ${CODE_SERVER_VERSION} installed in ${dir} in ${Math.round((Date.now() - started) / 1000)} s`);
}

main();
