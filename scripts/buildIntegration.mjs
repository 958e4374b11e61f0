// Compiles the integration suite (test/integration) for the extension host: one CommonJS bundle per test
// file plus the mocha entry (index.js) into out/test/integration/. `vscode` comes from the extension host;
// mocha stays a require of the repository's node_modules (its CommonJS build: mocha 12's main is ESM).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const source = join(root, 'test/integration');
const outdir = join(root, 'out/test/integration');

const tests = readdirSync(source, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.test.ts'));
rmSync(outdir, { recursive: true, force: true });

/** @type {import('esbuild').Plugin} */
const mochaCommonJs = {
  name: 'mocha-commonjs',
  setup(b) {
    b.onResolve({ filter: /^mocha$/ }, () => ({ path: 'mocha/lib/mocha.cjs', external: true }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: [join(source, 'index.ts'), ...tests.map((file) => join(source, file))],
  outbase: source,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  mainFields: ['module', 'main'],
  sourcemap: 'linked',
  external: ['vscode'],
  plugins: [mochaCommonJs],
  logLevel: 'warning',
});
console.log(`Integration suite: ${tests.length} test file(s) compiled into ${outdir}`);
