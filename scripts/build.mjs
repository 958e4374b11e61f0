// Bundles the extension (desktop and web), the CLI and the language server with esbuild, then writes the
// configuration's JSON Schema from the zod schema, the snippets file from the templates and the grammar's
// placeholder patterns from the core's.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tsImport } from 'tsx/esm/api';
import { ZOD_ALLOWS_EVAL_PROBE, ZOD_UTIL_FILE } from './zodInternals.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
// --outdir DIR: where the bundles go (default dist/). The benchmark builds the shipped (production) bundles apart, leaving dist/ to the tests.
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag === -1 ? 'dist' : process.argv[outdirFlag + 1];
if (!outdir || outdir.startsWith('--')) throw new Error('--outdir: expected a folder');

/**
 * zod re-exports all of its ~45 message locales (about 250 KB minified) through `z.locales`; we
 * use none of them (messages are our own, see src/core/schemaIssues.ts) and zod sets English
 * itself. Bundling them made the extension a third slower to load: they resolve to English only.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(new URL('../node_modules/zod/v4/locales/en.js', import.meta.url).pathname)};`,
      loader: 'js',
      resolveDir: new URL('..', import.meta.url).pathname,
    }));
  },
};

/**
 * zod compiles a fast validator per object schema with `new Function` when a probe finds it may.
 * The extension must never generate code from strings (SECURITY.md), and setting zod's `jitless`
 * at run time would switch it off for every extension in the host, which share zod's global
 * configuration: so the probe answers "no" in our bundles, and zod takes its interpreted path.
 * The build fails if zod's probe ever changes shape.
 */
const zodWithoutCodeGeneration = {
  name: 'zod-without-code-generation',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!args.path.replaceAll('\\', '/').endsWith(`zod/${ZOD_UTIL_FILE}`) || !ZOD_ALLOWS_EVAL_PROBE.test(source)) {
        throw new Error(`${args.path}: zod's allowsEval probe has changed; update scripts/zodInternals.mjs`);
      }
      return { contents: source.replace(ZOD_ALLOWS_EVAL_PROBE, 'try { return false; }'), loader: 'js' };
    });
  },
};

/**
 * The core loads zod on first use with require() (src/core/zod.ts), which would pick zod's
 * CommonJS build: the ES module build is the one the two plugins above trim, and bundled from a
 * require() it is still evaluated only on the first call. The web and language server bundles hold
 * zod this way.
 */
const zodModuleBuild = {
  name: 'zod-module-build',
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, (args) => (args.kind === 'require-call' ? { path: new URL('../node_modules/zod/index.js', import.meta.url).pathname } : undefined));
  },
};

/**
 * For the extension and the CLI, zod (about half of a bundle) is a file of its own, dist/zod.js,
 * which the bundle require()s on the first value the front matter's value shapes refuse or the
 * first configuration checked: activation, and a lint of valid notes, never even parse it. Loading
 * a bundle is mostly V8 compiling it, and VS Code keeps no code cache for an extension (the CLI's
 * launcher keeps one for each of its bundles).
 */
const zodApart = {
  name: 'zod-apart',
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, (args) => (args.kind === 'require-call' ? { path: './zod.js', external: true } : undefined));
  },
};

// The front matter's key lists and value shapes, derived from its zod schema now, so that the bundles know them
// (and accept valid values) without loading zod.
const { deriveMetaFacts } = await tsImport('../src/core/metaSchema.ts', import.meta.url);

/**
 * @cfworker/json-schema (team schemas, RN028) sets its default base URI when it is evaluated, from
 * `self.location` where there is one: in VS Code's browser worker extension host that location
 * makes no valid URL, `new URL` throws, and the whole web bundle failed to activate. Schemas are
 * read through our own host with their own paths, so the fixed fallback base is the right one in
 * every host. The build fails if the library's expression ever changes shape (its version is pinned).
 */
const JSON_SCHEMA_BASE_FROM_LOCATION = /typeof self !== 'undefined' &&\s*self\.location &&\s*self\.location\.origin !== 'null'/;
const jsonSchemaFixedBase = {
  name: 'json-schema-fixed-base',
  setup(build) {
    // The core loads the library on first use, with require() (src/core/lazyModules.ts), which would pick its
    // CommonJS build: the ES module build is the one patched here, and bundled from a require() it is still
    // evaluated only on the first call.
    build.onResolve({ filter: /^@cfworker\/json-schema$/ }, (args) =>
      args.kind === 'require-call' ? { path: new URL('../node_modules/@cfworker/json-schema/dist/esm/index.js', import.meta.url).pathname } : undefined,
    );
    build.onLoad({ filter: /[\\/]@cfworker[\\/]json-schema[\\/]dist[\\/]esm[\\/]dereference\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!JSON_SCHEMA_BASE_FROM_LOCATION.test(source)) throw new Error(`${args.path}: @cfworker/json-schema's base URI from self.location has changed; update scripts/build.mjs`);
      return { contents: source.replace(JSON_SCHEMA_BASE_FROM_LOCATION, 'false'), loader: 'js' };
    });
  },
};

const common = {
  plugins: [zodModuleBuild, zodEnglishOnly, zodWithoutCodeGeneration, jsonSchemaFixedBase],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD entry hides its requires from the bundler; its ES module build does not.
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { RUNBOOK_NOTES_VERSION: JSON.stringify(pkg.version), RUNBOOK_NOTES_META: JSON.stringify(deriveMetaFacts()) },
  // media/postMeta.css is imported as a string, so both bundles carry it and need no file beside them.
  loader: { '.css': 'text' },
};

/** The CLI loads the language server from its own bundle beside it (dist/lsp.js), so that `lint` does not parse the LSP libraries. */
const lspApart = {
  name: 'lsp-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/lsp\/main$/ }, () => ({ path: './lsp.js', external: true }));
  },
};

await Promise.all([
  build({ ...common, plugins: [zodApart, zodEnglishOnly, zodWithoutCodeGeneration, jsonSchemaFixedBase], entryPoints: ['src/vscode/extension.ts'], outfile: `${outdir}/extension.js`, external: ['vscode'] }),
  // The CLI: dist/cli.js is the launcher (src/cliLauncher.ts), which starts the bundle dist/cli-main.js with a V8 code cache.
  // zod is dist/zod.js here too (zodApart): a run whose front matter is valid never loads it (src/core/valueShape.ts),
  // and the launcher loads it, when needed, with its own code cache.
  build({ ...common, plugins: [zodApart, zodEnglishOnly, zodWithoutCodeGeneration, jsonSchemaFixedBase, lspApart], entryPoints: ['src/cli.ts'], outfile: `${outdir}/cli-main.js` }),
  build({ ...common, plugins: [], entryPoints: ['src/cliLauncher.ts'], outfile: `${outdir}/cli.js`, sourcemap: false, external: ['./cli-main.js'] }),
  // zod's ES module build, trimmed as above, for the extension (see zodApart).
  build({
    ...common,
    plugins: [zodEnglishOnly, zodWithoutCodeGeneration],
    stdin: { contents: "export * from 'zod';", resolveDir: new URL('..', import.meta.url).pathname, sourcefile: 'zod-entry.js' },
    outfile: `${outdir}/zod.js`,
  }),
  // The same extension for VS Code for the Web (vscode.dev, github.dev), whose extension host is a browser web
  // worker: the manifest's `browser` entry. CommonJS still, which is what that host evaluates. No Node built-in may
  // reach it (test/unit/webBundle.test.ts): with platform 'browser' an import of one fails the build.
  build({
    ...common,
    entryPoints: ['src/vscode/extension.ts'],
    outfile: `${outdir}/web/extension.js`,
    external: ['vscode'],
    platform: 'browser',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    // A web worker has no DOM: packages' worker builds before their browser ones (decode-named-character-reference's
    // browser build decodes entities with document.createElement).
    conditions: ['worker'],
    // zod stays inside this bundle (common's plugins, not zodApart): a web worker host cannot require() a file beside it.
  }),
  build({ ...common, entryPoints: ['src/lsp/main.ts'], outfile: `${outdir}/lsp.js` }),
]);
chmodSync(`${outdir}/cli.js`, 0o755);
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/writeSchema.ts'], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/writeSnippets.ts'], { stdio: 'inherit' });
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/writeGrammar.ts'], { stdio: 'inherit' });
