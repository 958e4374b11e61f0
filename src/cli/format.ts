/**
 * Report formats: stylish (people), json (scripts), sarif (code-scanning services), github
 * (workflow commands: annotations on a pull request), codequality (GitLab Code Quality) and junit
 * (JUnit XML for Azure Pipelines, Jenkins and GitLab's test reports). Each is a function from one
 * run's report to text (see FORMATS); every machine format also lists the files that were not
 * checked, with the reason.
 */
import { catalogue, type Diagnostic, type ResolvedOwner, type Severity } from '../core';
import { reportFingerprint } from './fingerprint';

export interface ReportedDiagnostic extends Diagnostic {
  /** Stable across runs and edits above the finding (see fingerprint.ts); unique within the file. Computed for the formats that print it (sarif, codequality). */
  fingerprint?: string;
}

export interface FileReport {
  /** Relative to the current directory, with `/` separators. */
  path: string;
  kind: string | undefined;
  diagnostics: ReportedDiagnostic[];
  /** Who owns the note and from where (json output). */
  owners?: readonly ResolvedOwner[];
}

/** A file (or configuration) that was not checked, and why. */
export interface NotChecked {
  /** Relative to the current directory, with `/` separators. */
  path: string;
  reason: string;
  /** Whether it fails the run (exit 2); a binary file that is no note does not. */
  fails: boolean;
}

/** Everything one `lint` run found: what each format prints. */
export interface RunReport {
  files: readonly FileReport[];
  notChecked: readonly NotChecked[];
  summary: Summary;
}

export interface FormatContext {
  /** `file:` URI of the current directory: SARIF's `%SRCROOT%`. */
  cwdUri: string;
  version: string;
  colors: Colors;
}

export interface Summary {
  files: number;
  notes: number;
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
}

export function summarize(reports: readonly FileReport[], files: number): Summary {
  const summary: Summary = { files, notes: reports.length, errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      if (diagnostic.severity === 'error') summary.errors++;
      else if (diagnostic.severity === 'warning') summary.warnings++;
      else summary.infos++;
      if (diagnostic.fix) summary.fixable++;
    }
  }
  return summary;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export interface Colors {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const ansi = (code: number, reset: number) => (text: string) => `\u001b[${code}m${text}\u001b[${reset}m`;
export const COLORS: Colors = { red: ansi(31, 39), yellow: ansi(33, 39), blue: ansi(34, 39), dim: ansi(2, 22), bold: ansi(1, 22) };
export const NO_COLORS: Colors = { red: String, yellow: String, blue: String, dim: String, bold: String };

export function formatStylish(reports: readonly FileReport[], summary: Summary, colors: Colors, notChecked: readonly NotChecked[] = []): string {
  const out: string[] = [];
  const paint: Record<Severity, (text: string) => string> = { error: colors.red, warning: colors.yellow, info: colors.blue };
  for (const report of reports) {
    if (report.diagnostics.length === 0) continue;
    out.push(colors.bold(report.path) + colors.dim(report.kind ? ` (${report.kind})` : ''));
    const rows = report.diagnostics.map((diagnostic) => [
      `${report.path}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.column + 1}`,
      diagnostic.severity,
      diagnostic.message,
      `${diagnostic.ruleId}/${diagnostic.rule}`,
    ]);
    const widths = [0, 1].map((column) => Math.max(...rows.map((row) => (row[column] as string).length)));
    for (const [location, severity, message, rule] of rows as [string, Severity, string, string][]) {
      out.push(`  ${location.padEnd(widths[0] as number)}  ${paint[severity](severity.padEnd(widths[1] as number))}  ${message}  ${colors.dim(rule)}`);
    }
    out.push('');
  }
  out.push(...stylishSummary(reports, summary, colors, notChecked));
  return out.join('\n') + '\n';
}

/** The closing lines of the stylish report: counts, what --fix can do, and how many files were not checked. */
function stylishSummary(reports: readonly FileReport[], summary: Summary, colors: Colors, notChecked: readonly NotChecked[]): string[] {
  const out: string[] = [];
  const problems = summary.errors + summary.warnings + summary.infos;
  const withProblems = reports.filter((report) => report.diagnostics.length > 0).length;
  if (problems === 0 && notChecked.length > 0) {
    // Not "no problems": files that were not checked may hold some.
    out.push(summary.notes === 0 ? 'No note was checked' : `No problems in the ${plural(summary.notes, 'note')} checked (${plural(summary.files, 'Markdown file')})`);
  } else if (problems === 0) {
    out.push(`No problems in ${plural(summary.notes, 'note')} (${plural(summary.files, 'Markdown file')} checked)`);
  } else {
    const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning')];
    if (summary.infos > 0) parts.push(plural(summary.infos, 'info'));
    const line = `${plural(problems, 'problem')} (${parts.join(', ')}) in ${withProblems} of ${plural(summary.notes, 'note')}`;
    out.push(summary.errors > 0 ? colors.red(colors.bold(line)) : colors.yellow(colors.bold(line)));
    if (summary.fixable > 0) out.push(colors.dim(`${plural(summary.fixable, 'problem')} can be fixed with --fix`));
  }
  if (notChecked.length > 0) {
    const line = `${plural(notChecked.length, 'file')} not checked (see the messages above)`;
    // When the run fails for them (exit 2), said as plainly as problems are.
    out.push(notChecked.some((entry) => entry.fails) ? colors.yellow(colors.bold(line)) : colors.dim(line));
  }
  return out;
}

/** A finding in the `json` format: positions 1-based, columns in UTF-16 code units, the end exclusive. */
export interface JsonDiagnostic {
  ruleId: string;
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixable: boolean;
  /** Other places the finding points at (the first of two duplicate sections). */
  related?: { message: string; line: number; column: number; endLine: number; endColumn: number }[];
}

export function formatJson(reports: readonly FileReport[], summary: Summary, notChecked: readonly NotChecked[] = []): string {
  const document = {
    version: 1,
    files: reports.map((report) => ({
      path: report.path,
      kind: report.kind ?? null,
      owners: (report.owners ?? []).map((owner) => ({ source: owner.source, owners: owner.owners, ...(owner.file ? { file: owner.file } : {}), line: owner.line, ...(owner.section ? { section: owner.section } : {}) })),
      diagnostics: report.diagnostics.map((diagnostic): JsonDiagnostic => ({
        ruleId: diagnostic.ruleId,
        rule: diagnostic.rule,
        severity: diagnostic.severity,
        message: diagnostic.message,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.column + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.column + 1,
        fixable: diagnostic.fix !== undefined,
        // Other places the finding points at (the first of two duplicate sections), 1-based like the finding.
        ...(diagnostic.related.length > 0
          ? { related: diagnostic.related.map((related) => ({ message: related.message, line: related.range.start.line + 1, column: related.range.start.column + 1, endLine: related.range.end.line + 1, endColumn: related.range.end.column + 1 })) }
          : {}),
      })),
    })),
    notChecked: notChecked.map(({ path, reason, fails }) => ({ path, reason, fails })),
    summary: { files: summary.files, notes: summary.notes, errors: summary.errors, warnings: summary.warnings, infos: summary.infos, notChecked: notChecked.length },
  };
  return JSON.stringify(document, null, 2) + '\n';
}

const SARIF_LEVEL: Record<string, 'error' | 'warning' | 'note' | 'none'> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

function sarifUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * SARIF 2.1.0 (OASIS). Columns are UTF-16 code units, as the engine counts them and as the run's
 * `columnKind` says (SARIF's default is Unicode code points, which would put a viewer one column
 * off after an emoji). `partialFingerprints` let code scanning follow a finding across edits.
 * Files not checked are `toolExecutionNotifications` of the invocation.
 */
export function formatSarif(reports: readonly FileReport[], cwdUri: string, version: string, notChecked: readonly NotChecked[] = []): string {
  const rules = catalogue();
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'runbook-notes',
            version,
            informationUri: 'https://github.com/runbook-notes/runbook-notes',
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.name,
              shortDescription: { text: rule.description },
              fullDescription: { text: `${rule.description} Applies to: ${rule.appliesTo}. Remedy: ${rule.remedy}.` },
              helpUri: rule.docs,
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUri.endsWith('/') ? cwdUri : `${cwdUri}/` } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: !notChecked.some((entry) => entry.fails),
            toolExecutionNotifications: notChecked.map((entry) => ({
              level: entry.fails ? 'error' : 'warning',
              message: { text: `not checked: ${entry.reason}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(entry.path), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
        results: reports.flatMap((report) =>
          report.diagnostics.map((diagnostic) => ({
            ruleId: diagnostic.ruleId,
            ruleIndex: ruleIndex.get(diagnostic.ruleId),
            level: SARIF_LEVEL[diagnostic.severity],
            message: { text: diagnostic.message },
            partialFingerprints: diagnostic.fingerprint ? { 'runbookNotesFinding/v1': diagnostic.fingerprint } : undefined,
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: sarifUri(report.path), uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: diagnostic.range.start.line + 1,
                    startColumn: diagnostic.range.start.column + 1,
                    endLine: diagnostic.range.end.line + 1,
                    endColumn: diagnostic.range.end.column + 1,
                  },
                },
              },
            ],
            // SARIF 2.1.0 §3.27.22: places the result refers to, which viewers link to.
            relatedLocations:
              diagnostic.related.length > 0
                ? diagnostic.related.map((related, index) => ({
                    id: index + 1,
                    message: { text: related.message },
                    physicalLocation: {
                      artifactLocation: { uri: sarifUri(report.path), uriBaseId: '%SRCROOT%' },
                      region: { startLine: related.range.start.line + 1, startColumn: related.range.start.column + 1, endLine: related.range.end.line + 1, endColumn: related.range.end.column + 1 },
                    },
                  }))
                : undefined,
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** GitHub's escaping of a workflow command's message (its data). */
function githubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a workflow command's property value: the data's, and `:` and `,`. */
function githubProperty(text: string): string {
  return githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): annotations on the pull
 * request and the run, without code-scanning permissions. Positions are 1-based, end inclusive
 * of its column as GitHub draws it. Escaping as GitHub's toolkit (`@actions/core`) does.
 */
export function formatGithub(reports: readonly FileReport[], notChecked: readonly NotChecked[] = []): string {
  const lines: string[] = [];
  const command = (name: string, properties: Record<string, string | number>, message: string) =>
    `::${name} ${Object.entries(properties)
      .map(([key, value]) => `${key}=${githubProperty(String(value))}`)
      .join(',')}::${githubData(message)}`;
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      lines.push(
        command(
          GITHUB_COMMAND[diagnostic.severity],
          {
            file: report.path,
            line: diagnostic.range.start.line + 1,
            col: diagnostic.range.start.column + 1,
            endLine: diagnostic.range.end.line + 1,
            endColumn: diagnostic.range.end.column + 1,
            title: `${diagnostic.ruleId} ${diagnostic.rule}`,
          },
          diagnostic.message,
        ),
      );
    }
  }
  for (const entry of notChecked) lines.push(command(entry.fails ? 'error' : 'warning', { file: entry.path, title: 'runbook-notes: not checked' }, `not checked: ${entry.reason}`));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

const CODE_QUALITY_SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { info: 'info', warning: 'minor', error: 'major' };

/**
 * GitLab Code Quality: a JSON array of issues (GitLab's subset of the Code Climate spec:
 * description, check_name, fingerprint, severity, location.path and location.lines.begin).
 * Fingerprints are the file's path joined to the finding's own (fingerprint.ts): stable across
 * runs and edits above the finding, unique within the report. A file not checked is a `critical`
 * issue on its first line (`blocker` when a note nobody could read fails the run).
 */
export function formatCodeQuality(reports: readonly FileReport[], notChecked: readonly NotChecked[] = []): string {
  const issues: unknown[] = [];
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) {
      issues.push({
        type: 'issue',
        description: `${diagnostic.message} (${diagnostic.ruleId} ${diagnostic.rule})`,
        check_name: `${diagnostic.ruleId} ${diagnostic.rule}`,
        categories: ['Style'],
        fingerprint: reportFingerprint(report.path, diagnostic.fingerprint ?? `${diagnostic.ruleId}\u0000${diagnostic.start}`),
        severity: CODE_QUALITY_SEVERITY[diagnostic.severity],
        location: { path: report.path, lines: { begin: diagnostic.range.start.line + 1, end: diagnostic.range.end.line + 1 } },
      });
    }
  }
  for (const entry of notChecked) {
    issues.push({
      type: 'issue',
      description: `not checked: ${entry.reason}`,
      check_name: 'runbook-notes not-checked',
      categories: ['Bug Risk'],
      fingerprint: reportFingerprint(entry.path, `not-checked\u0000${entry.reason}`),
      severity: entry.fails ? 'blocker' : 'critical',
      location: { path: entry.path, lines: { begin: 1 } },
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}

/** XML's escaping of text and attribute values; characters XML 1.0 cannot hold at all are written as U+FFFD. */
function xml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/**
 * JUnit XML as Jenkins, Azure Pipelines (PublishTestResults, JUnit) and GitLab read it: one
 * `testsuite` per note, one `testcase` per finding (a `failure` with its message, its position and
 * its severity as `type`, as ESLint's junit format does), or one passing `testcase` for a note
 * without findings. A file not checked is a suite whose test case has an `error`. Valid against
 * the common JUnit schema (test/fixtures/junit/junit-10.xsd).
 */
export function formatJunit(reports: readonly FileReport[], notChecked: readonly NotChecked[] = []): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const report of reports) {
    const cases = report.diagnostics.map((diagnostic) => {
      const position = `${report.path}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.column + 1}`;
      return (
        `    <testcase classname="${xml(report.path)}" name="${xml(`${diagnostic.ruleId} ${diagnostic.rule} at ${position}`)}" time="0">\n` +
        `      <failure message="${xml(diagnostic.message)}" type="${diagnostic.severity}">${xml(`${position}: ${diagnostic.severity}: ${diagnostic.message} (${diagnostic.ruleId} ${diagnostic.rule})`)}</failure>\n` +
        '    </testcase>'
      );
    });
    if (cases.length === 0) cases.push(`    <testcase classname="${xml(report.path)}" name="${xml(`${report.kind ?? 'note'}: no problems`)}" time="0"/>`);
    tests += cases.length;
    failures += report.diagnostics.length;
    suites.push(`  <testsuite name="${xml(report.path)}" tests="${cases.length}" failures="${report.diagnostics.length}" errors="0" skipped="0" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  for (const entry of notChecked) {
    tests++;
    if (entry.fails) errors++;
    const outcome = entry.fails ? `<error message="${xml(`not checked: ${entry.reason}`)}" type="not-checked"/>` : `<skipped message="${xml(`not checked: ${entry.reason}`)}"/>`;
    suites.push(
      `  <testsuite name="${xml(entry.path)}" tests="1" failures="0" errors="${entry.fails ? 1 : 0}" skipped="${entry.fails ? 0 : 1}" time="0">\n` +
        `    <testcase classname="${xml(entry.path)}" name="not checked" time="0">\n      ${outcome}\n    </testcase>\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="runbook-notes" tests="${tests}" failures="${failures}" errors="${errors}" time="0">\n${suites.join('\n')}${suites.length > 0 ? '\n' : ''}</testsuites>\n`;
}

/** The report formats by name: what `--format` accepts. */
export const FORMATS = {
  stylish: (run: RunReport, context: FormatContext) => formatStylish(run.files, run.summary, context.colors, run.notChecked),
  json: (run: RunReport) => formatJson(run.files, run.summary, run.notChecked),
  sarif: (run: RunReport, context: FormatContext) => formatSarif(run.files, context.cwdUri, context.version, run.notChecked),
  github: (run: RunReport) => formatGithub(run.files, run.notChecked),
  codequality: (run: RunReport) => formatCodeQuality(run.files, run.notChecked),
  junit: (run: RunReport) => formatJunit(run.files, run.notChecked),
} satisfies Record<string, (run: RunReport, context: FormatContext) => string>;

export type FormatName = keyof typeof FORMATS;
export const FORMAT_NAMES = Object.keys(FORMATS) as FormatName[];

/** The closing lines of the stylish report: what a run that wrote its reports to files still says on the terminal. */
export function summaryLines(run: RunReport, colors: Colors): string {
  return `${stylishSummary(run.files, run.summary, colors, run.notChecked).join('\n')}\n`;
}
