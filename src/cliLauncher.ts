#!/usr/bin/env node
/**
 * `dist/cli.js`: starts the CLI bundle (`dist/cli-main.js`, built from src/cli.ts) with a V8 code
 * cache, so that a pre-commit run on one note does not spend a third of its time compiling the
 * bundle again. Node 22.1+ has this built in (`module.enableCompileCache()`); on Node 20 the
 * launcher does what that does (and what the v8-compile-cache package did): compile the bundle
 * with `vm.Script` and V8's `cachedData`, and write the cache (functions compiled during the run
 * included) after a run that had none. Measured with `npm run bench` (the one-note and five-note
 * rows): see the README's performance section.
 *
 * Only our own bundle, read from beside this file, is ever compiled. The cache lives in a folder
 * of the user's own (mode 0700) under the temporary folder, keyed by the bundle's size,
 * modification time and inode, and Node's version, and is read only when the folder belongs to the user and nobody else can write to it.
 * V8 rejects a cache made for other flags, another V8 or another text, and then the bundle is
 * compiled as usual. `NODE_DISABLE_COMPILE_CACHE=1` (Node's own switch) turns it off.
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

function start(): void {
  const folder = cacheFolder();
  const builtIn = (Module as unknown as { enableCompileCache?: (directory?: string) => unknown }).enableCompileCache;
  if (!folder || builtIn) {
    if (folder && builtIn) builtIn(folder);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./cli-main.js');
    return;
  }
  const source = readFileSync(bundle, 'utf8');
  // Keyed by the bundle's identity on disk (not a hash of its text: node:crypto alone costs more than the rest of the launcher).
  const stat = statSync(bundle);
  const cacheFile = path.join(folder, `${stat.size}-${Math.round(stat.mtimeMs)}-${stat.ino}-${process.version}-${process.arch}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so that the functions it compiled are in the cache too.
    process.once('exit', () => {
      writeAtomically(cacheFile, script.createCachedData());
      removeStale(folder, cacheFile);
    });
  }
  const module = new Module(bundle, require.main);
  module.filename = bundle;
  module.paths = (Module as unknown as { _nodeModulePaths(folder: string): string[] })._nodeModulePaths(__dirname);
  module.loaded = true;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, __dirname);
}

start();
