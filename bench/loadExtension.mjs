// Loads and evaluates the built extension bundle outside VS Code, with a stub in place of the
// `vscode` module, and prints the milliseconds that took as JSON. It does not call activate():
// this is the cost the bundle adds to activation before any of our code runs.
//   node bench/loadExtension.mjs bench/dist/extension.js
//   node bench/loadExtension.mjs --worker bench/dist/web/extension.js
// --worker loads the browser bundle as VS Code's browser worker extension host does: its text is read,
// compiled with `new Function('module', 'exports', 'require', text)` and called with a `require` that knows
// only `vscode` (the same V8 as Chromium's, without the fetch).
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { vscodeStub } from './vscodeStub.mjs';

const worker = process.argv.includes('--worker');
const bundle = path.resolve(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? (worker ? 'dist/web/extension.js' : 'dist/extension.js'));

function loadAsWorker(file) {
  const module = { exports: {} };
  const require = (request) => {
    if (request === 'vscode') return vscodeStub;
    throw new Error(`Cannot load module '${request}'`);
  };
  new Function('module', 'exports', 'require', readFileSync(file, 'utf8'))(module, module.exports, require);
  return module.exports;
}

function loadAsNode(file) {
  const load = Module._load;
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
  };
  return createRequire(import.meta.url)(file);
}

const start = performance.now();
const extension = worker ? loadAsWorker(bundle) : loadAsNode(bundle);
const ms = performance.now() - start;
// zod registers itself on globalThis when its code runs: the bundle should leave it for the first validation.
process.stdout.write(`${JSON.stringify({ ms, exports: Object.keys(extension), zodLoaded: '__zod_globalRegistry' in globalThis })}\n`);
