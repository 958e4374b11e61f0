/**
 * The browser bundle (dist/web/extension.js, the manifest's `browser` entry) loads no Node built-in: VS Code's
 * browser worker extension host (vscode.dev, github.dev) evaluates it as CommonJS with a `require` that knows
 * only `vscode`, in a worker that has Web APIs and no DOM. Checked twice: by what the bundle asks for, and by
 * evaluating it the host's way in a context holding a worker's globals only. test/web (npm run test:web) runs
 * it in a real browser worker.
 */
import { strict as assert } from 'node:assert';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { vscodeStub } from '../../bench/vscodeStub.mjs';
import { REPO } from './cliHelpers';

const BUNDLE = path.join(REPO, 'dist/web/extension.js');

/** Every module the text asks for by name: require('x'), the bundler's __require('x'), import('x'), import … from 'x'. */
export function requestedModules(source: string): string[] {
  const found = new Set<string>();
  const patterns = [/\b(?:__)?require\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g, /\bimport\s*\(\s*(["'`])([^"'`]+)\1\s*\)/g, /\b(?:import|export)\b[^;'"`]*?\bfrom\s*(["'])([^"']+)\1/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.add(match[2] as string);
  return [...found].sort();
}

/** Node's built-in module names, with and without `node:`. */
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/**
 * The globals a dedicated worker has that the bundle may use (Web APIs, taken from Node, which implements the
 * same standards); nothing Node-only (require, process, Buffer, global, setImmediate, __dirname) and no DOM
 * (document, window).
 */
function workerGlobals(): Record<string, unknown> {
  const names = [
    'console', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'structuredClone',
    'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'atob', 'btoa', 'crypto', 'performance',
    'AbortController', 'AbortSignal', 'Event', 'EventTarget', 'fetch', 'Blob',
  ];
  const globals: Record<string, unknown> = {};
  for (const name of names) globals[name] = (globalThis as Record<string, unknown>)[name];
  globals.self = globals;
  // VS Code's worker extension host runs from a blob: URL, whose origin and path make no URL together: a
  // library that builds one from self.location when it is evaluated failed to activate there.
  const location = new URL('blob:http://127.0.0.1:8080/2f0c5b1e-6a4e-4c1e-9d55-0d6f3c1a7b21');
  globals.location = { href: location.href, origin: location.origin, pathname: location.pathname, search: '', protocol: location.protocol };
  return globals;
}

describe('browser bundle (dist/web/extension.js)', () => {
  let source: string;
  before(() => {
    assert.ok(existsSync(BUNDLE), 'dist/web/extension.js is missing: run npm run build first');
    source = readFileSync(BUNDLE, 'utf8');
  });

  it('asks for no module but vscode, and for no Node built-in', () => {
    const requested = requestedModules(source);
    assert.deepEqual(requested.filter((name) => NODE_BUILTINS.has(name)), [], 'Node built-ins');
    assert.deepEqual(requested, ['vscode']);
    assert.doesNotMatch(source, /["'`]node:[a-z]/, 'no node: specifier anywhere, however it is loaded');
  });

  it('finds what it checks for: require, __require, import() and import … from', () => {
    assert.deepEqual(requestedModules(`require("fs"); __require('node:path'); import('os'); import { x } from "worker_threads";`), ['fs', 'node:path', 'os', 'worker_threads']);
  });

  it('evaluates as the browser worker host does, in a context with a worker\u2019s globals only', () => {
    const context = vm.createContext(workerGlobals());
    const asked: string[] = [];
    const require = (request: string): unknown => {
      asked.push(request);
      if (request === 'vscode') return vscodeStub;
      throw new Error(`Cannot load module '${request}'`);
    };
    // The host's own wrapping: new Function('module', 'exports', 'require', text), here compiled in the worker-like context.
    const wrapped = vm.runInContext(`(function (module, exports, require) {\n${source}\n})`, context, { filename: BUNDLE }) as (module: object, exports: object, require: (request: string) => unknown) => void;
    const module = { exports: {} as Record<string, unknown> };
    wrapped(module, module.exports, require);
    assert.deepEqual([...new Set(asked)], ['vscode']);
    assert.deepEqual(Object.keys(module.exports).sort(), ['activate', 'deactivate']);
    for (const name of ['process', 'Buffer', 'require', 'document', 'window']) assert.equal(name in context, false, `${name} was defined by the bundle`);
  });
});
