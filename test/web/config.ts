/**
 * What the web runner (runWeb.ts, Node) hands the web suite (suite/, in the browser worker, which has
 * no environment variables or file system of its own): built into the suite's bundle as the constant
 * `RUNBOOK_NOTES_WEB_SUITE`. No `vscode` or Node import here (types only).
 */
import type { JsonDiagnostic } from '../../src/cli/format';

/** The CLI's JSON report (`runbook-notes lint --format json`), the part the suite compares. */
export interface CliReport {
  files: { path: string; kind: string | null; diagnostics: CliDiagnostic[] }[];
  summary: { files: number; notes: number; errors: number; warnings: number; infos: number };
}

/** The part of a finding of the json format (src/cli/format.ts) that the editor shows too. */
export type CliDiagnostic = Pick<JsonDiagnostic, 'ruleId' | 'severity' | 'message' | 'line' | 'column' | 'endLine' | 'endColumn'>;

export interface WebSuiteConfig {
  /** Run only the tests whose full title matches (RUNBOOK_NOTES_TEST_GREP), or all. */
  grep?: string;
  /** The CLI's report on the workspace (a copy of test/fixtures/examples), made by the runner before the editor opens it. */
  cli: CliReport;
  /** The folder (a path on the server, as the staged extension is) the runner writes its answers to the suite's requests (test/integration/protocol.ts) in. */
  answersPath: string;
}

/** The name of the constant the runner defines in the suite's bundle. */
export const WEB_SUITE_CONSTANT = 'RUNBOOK_NOTES_WEB_SUITE';
