// A stand-in for the `vscode` module, to load an extension bundle outside VS Code (the benchmark's load
// measurement, test/unit/webBundle.test.ts). Its only job is to let module-level code run through.

/**
 * Any property, call or `new` on the stub gives the stub again, so module-level code runs
 * through. It is its own prototype because the bundler's interop copies a module's own
 * properties onto an object that inherits from the module's prototype.
 */
export const vscodeStub = new Proxy(function vscode() {}, {
  get: (_target, key) => (key === 'then' || typeof key === 'symbol' ? undefined : vscodeStub),
  getPrototypeOf: () => vscodeStub,
  apply: () => vscodeStub,
  construct: () => vscodeStub,
});
