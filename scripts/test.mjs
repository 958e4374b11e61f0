// The README's test command (`npm test`): provisions the machine, builds once, then runs the suites in order,
// stopping at the first that fails. `.ci/run` calls `npm test` and nothing else for the tests.
//
//   node scripts/test.mjs                          every suite (npm test)
//   node scripts/test.mjs unit                     one suite (npm run test:unit, test:browser, test:integration)
//   node scripts/test.mjs unit test/unit/x.test.ts one suite, extra arguments passed to its command
//
// To add a suite, append an entry to SUITES below (and a `test:<name>` script in package.json running
// `node scripts/test.mjs <name>`). `needs` names the preparation steps it depends on, from PREPARATION; each
// step runs at most once per run, in PREPARATION's order, before the first suite starts.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { installCodeServer } from './installCodeServer.mjs';
import { provisionDebianPackages } from './provision.mjs';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules/.bin', name);

/** Preparation steps, in the order they run. Each returns false (or exits) when the tests cannot run. */
const PREPARATION = {
  /** Debian packages (scripts/provision.mjs): installs them as root or with sudo, else names the command and stops. */
  packages: () => provisionDebianPackages(),
  /** code-server in ~/.cache/runbook-notes (scripts/installCodeServer.mjs); quick when already there. */
  'code-server': () => {
    installCodeServer();
    return true;
  },
  /** dist/: the extension, the CLI, the schema (the unit tests run the built CLI too). */
  build: () => run(['node', 'scripts/build.mjs']),
  /** out/test/integration/: the integration suite compiled for the extension host. */
  'integration-bundle': () => run(['node', 'scripts/buildIntegration.mjs']),
};

/**
 * The suites `npm test` runs, in order. Reporters are short (a dot per test; failures in full at the end).
 * @type {{ name: string; needs: (keyof typeof PREPARATION)[]; command: string[] }[]}
 */
export const SUITES = [
  // The file pattern is here, not in .mocharc.json: mocha adds a configured spec to the files named on its
  // command line, and `npx mocha test/unit/<file>.test.ts` should run that one file.
  { name: 'unit', needs: ['build'], command: [bin('mocha'), '--reporter', 'dot', 'test/unit/**/*.test.ts'] },
  {
    name: 'browser',
    needs: ['packages', 'build'],
    command: [bin('mocha'), '--no-config', '--import=tsx', '--timeout', '120000', '--reporter', 'dot', 'test/browser/**/*.test.ts'],
  },
  {
    name: 'integration',
    needs: ['packages', 'code-server', 'build', 'integration-bundle'],
    command: ['node', '--import', 'tsx', 'test/integration/runOffline.ts'],
  },
  {
    // The browser entry in code-server's web worker extension host (test/web/runWeb.ts).
    name: 'web',
    needs: ['packages', 'code-server', 'build'],
    command: ['node', '--import', 'tsx', 'test/web/runWeb.ts'],
  },
  {
    // The language server over stdio: protocol tests with a real LSP client, and a headless Neovim (Debian's neovim).
    name: 'lsp',
    needs: ['packages', 'build'],
    command: [bin('mocha'), '--no-config', '--import=tsx', '--timeout', '60000', '--reporter', 'dot', 'test/lsp/**/*.test.ts'],
  },
  // New suites go here, above this line.
];

function run([command, ...args]) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) console.error(`[test] could not start ${command}: ${result.error.message}`);
  return result.status === 0;
}

function main(argv) {
  const names = SUITES.map((suite) => suite.name);
  const [first, ...rest] = argv;
  let selected = SUITES;
  let extra = [];
  if (first !== undefined) {
    const suite = SUITES.find((s) => s.name === first);
    if (!suite) {
      console.error(`[test] unknown suite "${first}"; the suites are: ${names.join(', ')}`);
      return 2;
    }
    selected = [suite];
    extra = rest;
  }

  const needed = new Set(selected.flatMap((suite) => suite.needs));
  for (const [step, prepare] of Object.entries(PREPARATION)) {
    if (!needed.has(step)) continue;
    if (!prepare()) {
      console.error(`[test] preparation step "${step}" failed; no test was run.`);
      return 1;
    }
  }

  const results = [];
  for (const suite of selected) {
    console.log(`\n[test] ${suite.name} (${suite.command.slice(1).join(' ')})`);
    const started = Date.now();
    const ok = run([...suite.command, ...extra]);
    results.push(`${suite.name} ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (!ok) break;
  }
  console.log(`\n[test] ${results.join('; ')}`);
  return results.length === selected.length && results.every((line) => line.includes(' passed ')) ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
