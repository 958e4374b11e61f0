#!/usr/bin/env node
/**
 * `dist/cli.js`: starts the CLI bundle (`dist/cli-main.js`, built from src/cli.ts) with a V8 code
 * cache, so that a pre-commit run on one note does not spend a third of its time compiling the
 * bundle again; the bundles it loads on demand (`dist/zod.js`, `dist/lsp.js`) get one too. Node
 * 22.1+ has this built in (`module.enableCompileCache()`); on Node 20 the launcher does what that
 * does (and what the v8-compile-cache package did): compile the bundle with `vm.Script` and V8's
 * `cachedData`, and write the cache (functions compiled during the run included) after a run that
 * had none. Measured with `npm run bench` (the one-note and five-note rows): see the README's
 * performance section.
 *
 * A cache holds what its first run compiled, so `lint`, `lsp` and the other commands keep one
 * each: a first `--version` would otherwise leave every later lint a cache without the linter
 * (measured: a one-note lint 55 ms instead of 44 ms).
 *
 * Only our own bundles, read from beside this file, are ever compiled this way. The cache lives in
 * a folder of the user's own (mode 0700) under the temporary folder, keyed by the bundle's size,
 * modification time and inode, and Node's version, and is read only when the folder belongs to the
 * user and nobody else can write to it. V8 rejects a cache made for other flags, another V8 or
 * another text, and then the bundle is compiled as usual. `NODE_DISABLE_COMPILE_CACHE=1` (Node's
 * own switch) turns it off.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';

const bundle = path.join(__dirname, 'cli-main.js');

/** The cache folder, when it may be used: the user's own, and no one else's to write. */
function cacheFolder(): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const folder = path.join(os.tmpdir(), `runbook-notes-compile-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = statSync(folder);
    if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || (process.platform !== 'win32' && (stat.mode & 0o022) !== 0)) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

/** Caches of bundles not run for a week (an older version, a rebuilt checkout) are removed when a new one is written. */
const STALE_MS = 7 * 24 * 60 * 60 * 1000;

function removeStale(folder: string, keep: string): void {
  try {
    for (const name of readdirSync(folder)) {
      const file = path.join(folder, name);
      if (file !== keep && name.endsWith('.cache') && Date.now() - statSync(file).atimeMs > STALE_MS) rmSync(file, { force: true });
    }
  } catch {
    // Tidying is best effort.
  }
}

function writeAtomically(file: string, bytes: Uint8Array): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const descriptor = openSync(temporary, 'wx', 0o600);
    try {
      writeSync(descriptor, bytes);
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written costs the next run its compile time, nothing else.
  }
}

/** Which code cache a run uses: its command's (`lint`, `lsp`), or the one of every other command. */
const PROFILE = ['lint', 'lsp'].includes(process.argv[2] ?? '') ? (process.argv[2] as string) : 'other';

/** A bundle of ours loaded with the code cache: its exports, and how to write its cache after the run. */
const loaded = new Map<string, Module>();

/**
 * Loads one of our own bundles (a file beside this one) as Node would, but compiled with V8's code
 * cache; the require it gets loads the bundles beside it the same way (dist/zod.js, which RN011 and
 * the configuration's check load on first use, and dist/lsp.js).
 */
function loadBundle(file: string, folder: string): unknown {
  const known = loaded.get(file);
  if (known) return known.exports;
  const source = readFileSync(file, 'utf8');
  // Keyed by the bundle's identity on disk (not a hash of its text: node:crypto alone costs more than the rest of the launcher).
  const stat = statSync(file);
  const cacheFile = path.join(folder, `${path.basename(file, '.js')}-${PROFILE}-${stat.size}-${Math.round(stat.mtimeMs)}-${stat.ino}-${process.version}-${process.arch}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so that the functions it compiled are in the cache too.
    process.once('exit', () => {
      writeAtomically(cacheFile, script.createCachedData());
      removeStale(folder, cacheFile);
    });
  }
  const module = new Module(file, require.main);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(folder: string): string[] })._nodeModulePaths(__dirname);
  module.loaded = true;
  loaded.set(file, module);
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, bundleRequire(file, folder), module, file, __dirname);
  return module.exports;
}

/** The require of a bundle: a `./name.js` beside this launcher is one of ours, loaded by loadBundle; anything else as Node does. */
function bundleRequire(file: string, folder: string): NodeJS.Require {
  const base = Module.createRequire(file);
  const ours = (id: string) => /^\.\/[\w-]+\.js$/.test(id) && path.dirname(base.resolve(id)) === __dirname;
  const wrapped = ((id: string) => (ours(id) ? loadBundle(base.resolve(id), folder) : base(id))) as NodeJS.Require;
  return Object.assign(wrapped, { resolve: base.resolve, cache: base.cache, main: base.main, extensions: base.extensions });
}

function start(): void {
  const folder = cacheFolder();
  const builtIn = (Module as unknown as { enableCompileCache?: (directory?: string) => unknown }).enableCompileCache;
  if (!folder || builtIn) {
    if (folder && builtIn) builtIn(folder);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./cli-main.js');
    return;
  }
  loadBundle(bundle, folder);
}

start();
