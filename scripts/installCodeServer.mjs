// Installs code-server (the VS Code server the offline integration tests run the extension in) into a
// cache folder outside the repository. Idempotent: a finished install is detected by a marker file and
// skipped at once. Offline apart from the npm registry: @vscode/ripgrep's postinstall would download
// ripgrep from the internet, but it first looks for its tarball in a cache folder under TMPDIR, so the
// script puts one there holding the system's ripgrep (/usr/bin/rg, Debian package `ripgrep`). The Debian
// packages it needs are installed first by scripts/provision.mjs (which calls installCodeServer()).
//
//   node scripts/installCodeServer.mjs            install if needed; prints the install folder last
//   RUNBOOK_NOTES_CODE_SERVER_DIR=/some/dir ...   install there instead of the default cache folder
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODE_SERVER_VERSION, codeServerDir } from './codeServer.mjs';

// What @vscode/ripgrep 1.15.11 (the version VS Code 1.100 depends on) would download.
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };
const MARKER = '.runbook-notes-installed';

function fail(message) {
  console.error(`installCodeServer: ${message}`);
  process.exit(1);
}

/** Files a finished install holds: code-server's entry, and a native module its postinstall builds for VS Code. */
const INSTALLED_FILES = ['out/node/entry.js', 'lib/vscode/node_modules/node-pty/build/Release/pty.node'];

function installed(dir) {
  const marker = join(dir, MARKER);
  if (!existsSync(marker) || INSTALLED_FILES.some((file) => !existsSync(join(dir, 'node_modules/code-server', file)))) return false;
  return readFileSync(marker, 'utf8').trim() === `${CODE_SERVER_VERSION} node-${process.versions.node.split('.')[0]}`;
}

/** Installs code-server into codeServerDir() unless a finished install is there; exits the process on failure. */
export function installCodeServer() {
  const dir = codeServerDir();
  if (installed(dir)) {
    console.log(`code-server ${CODE_SERVER_VERSION} already installed in ${dir}`);
    return;
  }

  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== 20) fail(`code-server ${CODE_SERVER_VERSION} needs Node 20 (its native modules are built for it); this is Node ${process.versions.node}.`);
  if (process.platform !== 'linux' || !(process.arch in RIPGREP_TARGETS)) fail(`only linux x64/arm64 is supported, not ${process.platform} ${process.arch}.`);

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
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: tmp, npm_config_yes: 'true', npm_config_nodedir: nodedir, ...scriptPolicyEnv() },
  });
  if (result.status !== 0) fail(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${result.status ?? result.signal}); see the output above. ${dir} is left as is for inspection.`);
  for (const file of INSTALLED_FILES) {
    const path = join(dir, 'node_modules/code-server', file);
    if (!existsSync(path)) fail(`npm install finished but ${path} is missing (code-server's postinstall did not run or failed); see the output above.`);
  }

  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(join(dir, MARKER), `${CODE_SERVER_VERSION} node-${nodeMajor}\n`);
  console.log(`code-server ${CODE_SERVER_VERSION} installed in ${dir} in ${Math.round((Date.now() - started) / 1000)} s`);
}

/**
 * The environment that lets code-server's install scripts run, passed as environment variables so that the
 * nested `npm install`s of its postinstall (VS Code's own dependencies, native modules among them) inherit it:
 * - npm 11 skips every dependency's install script not listed in the project's `allowScripts`; the install
 *   folder is a throwaway project holding one pinned package whose postinstall must run, with dozens of
 *   native modules below it, so the folder allows them all (only when this npm knows the setting: older npm
 *   runs every script anyway and would warn about an unknown setting);
 * - as root, code-server's postinstall.sh refuses to run unless npm_config_unsafe_perm is true. npm 7+ no
 *   longer knows the setting and warns `Unknown ... config "unsafe-perm"` (the postinstall passes
 *   `--unsafe-perm` to its own nested npm too, so one such warning stays; CONTRIBUTING.md explains it).
 * @returns {Record<string, string>}
 */
function scriptPolicyEnv() {
  const env = {};
  const known = spawnSync('npm', ['config', 'get', 'dangerously-allow-all-scripts'], { encoding: 'utf8' });
  if (known.status === 0 && /^(true|false)$/.test(known.stdout.trim())) env.npm_config_dangerously_allow_all_scripts = 'true';
  if (process.getuid?.() === 0) env.npm_config_unsafe_perm = 'true';
  return env;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) installCodeServer();
