/**
 * The extension host loads this file (compiled to out/test/integration/index.js) as `extensionTestsPath`
 * and calls `run()`: mocha over the compiled `*.test.js` next to it. Mocha's report goes to the console,
 * which the runner prints. Env: RUNBOOK_NOTES_TEST_GREP runs only the tests whose title matches.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { runAndReport, SUITE_START_MARKER } from './protocol';

export function run(): Promise<void> {
  console.log(SUITE_START_MARKER);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', forbidOnly: Boolean(process.env.CI) });
  const grep = process.env.RUNBOOK_NOTES_TEST_GREP;
  if (grep) mocha.grep(grep);

  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort();
  if (files.length === 0) return Promise.reject(new Error(`No *.test.js files in ${__dirname}: run node scripts/buildIntegration.mjs`));
  for (const file of files) mocha.addFile(join(__dirname, file));

  return runAndReport(mocha, 'integration');
}
