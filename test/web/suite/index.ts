/**
 * The web suite's entry, loaded by the browser worker extension host as `extensionTestsPath` (bundled by
 * runWeb.ts into the staged extension's web-test/index.js) and called through `run()`. The worker host
 * evaluates it as CommonJS with a `require` that knows only `vscode`, so mocha is its browser build, bundled
 * in; the report goes to the console, which reaches the runner through the page's `codeAutomationLog`.
 */
import { runAndReport, SUITE_START_MARKER } from '../../integration/protocol';
import { suiteConfig } from './helpers';

export function run(): Promise<void> {
  console.log(SUITE_START_MARKER);
  // mocha's browser build sets the global `mocha` (an ES module to the bundler, since mocha's package is
  // "type": "module", so its UMD wrapper takes the global branch); setup() defines describe/it as globals.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('mocha/mocha.js');
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
  const grep = suiteConfig().grep;
  if (grep) mocha.grep(grep);
  // The tests are required after setup: they call describe() as they load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./web.test');

  return runAndReport(mocha, 'web');
}
