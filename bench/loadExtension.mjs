// Loads and evaluates the built extension bundle outside VS Code, with a stub in place of the
// `vscode` module, and prints the milliseconds that took as JSON. It does not call activate():
// this is the cost the bundle adds to activation before any of our code runs.
//   node bench/loadExtension.mjs bench/dist/extension.js
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

/**
 * Any property, call or `new` on the stub gives the stub again, so module-level code runs
 * through. It is its own prototype because the bundler's interop copies a module's own
 * properties onto an object that inherits from the module's prototype.
 */
const vscodeStub = new Proxy(function vscode() {}, {
  get: (_target, key) => (key === 'then' || typeof key === 'symbol' ? undefined : vscodeStub),
  getPrototypeOf: () => vscodeStub,
  apply: () => vscodeStub,
  construct: () => vscodeStub,
});

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
};

const bundle = path.resolve(process.argv[2] ?? 'dist/extension.js');
const require = createRequire(import.meta.url);
const start = performance.now();
const extension = require(bundle);
const ms = performance.now() - start;
// zod registers itself on globalThis when its code runs: the bundle should leave it for the first validation.
process.stdout.write(`${JSON.stringify({ ms, exports: Object.keys(extension), zodLoaded: '__zod_globalRegistry' in globalThis })}\n`);
