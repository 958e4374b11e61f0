/** Report formats: stylish (people), json (scripts), sarif (code-scanning services). */
import { catalogue, type Diagnostic, type ResolvedOwner, type Severity } from '../core';

export interface FileReport {
  /** Relative to the current directory, with `/` separators. */
  path: string;
  kind: string | undefined;
  diagnostics: Diagnostic[];
  /** Who owns the note and from where (json output). */
  owners?: readonly ResolvedOwner[];
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

export function formatStylish(reports: readonly FileReport[], summary: Summary, colors: Colors): string {
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
  const problems = summary.errors + summary.warnings + summary.infos;
  const withProblems = reports.filter((report) => report.diagnostics.length > 0).length;
  if (problems === 0) {
    out.push(`No problems in ${plural(summary.notes, 'note')} (${plural(summary.files, 'Markdown file')} checked)`);
  } else {
    const parts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning')];
    if (summary.infos > 0) parts.push(plural(summary.infos, 'info'));
    const line = `${plural(problems, 'problem')} (${parts.join(', ')}) in ${withProblems} of ${plural(summary.notes, 'note')}`;
    out.push(summary.errors > 0 ? colors.red(colors.bold(line)) : colors.yellow(colors.bold(line)));
    if (summary.fixable > 0) out.push(colors.dim(`${plural(summary.fixable, 'problem')} can be fixed with --fix`));
  }
  return out.join('\n') + '\n';
}

export function formatJson(reports: readonly FileReport[], summary: Summary): string {
  const document = {
    version: 1,
    files: reports.map((report) => ({
      path: report.path,
      kind: report.kind ?? null,
      owners: (report.owners ?? []).map((owner) => ({ source: owner.source, owners: owner.owners, ...(owner.file ? { file: owner.file } : {}), line: owner.line, ...(owner.section ? { section: owner.section } : {}) })),
      diagnostics: report.diagnostics.map((diagnostic) => ({
        ruleId: diagnostic.ruleId,
        rule: diagnostic.rule,
        severity: diagnostic.severity,
        message: diagnostic.message,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.column + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.column + 1,
        fixable: diagnostic.fix !== undefined,
      })),
    })),
    summary: { files: summary.files, notes: summary.notes, errors: summary.errors, warnings: summary.warnings, infos: summary.infos },
  };
  return JSON.stringify(document, null, 2) + '\n';
}

const SARIF_LEVEL: Record<string, 'error' | 'warning' | 'note' | 'none'> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

export function formatSarif(reports: readonly FileReport[], cwdUri: string, version: string): string {
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
        results: reports.flatMap((report) =>
          report.diagnostics.map((diagnostic) => ({
            ruleId: diagnostic.ruleId,
            ruleIndex: ruleIndex.get(diagnostic.ruleId),
            level: SARIF_LEVEL[diagnostic.severity],
            message: { text: diagnostic.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: report.path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                  region: {
                    startLine: diagnostic.range.start.line + 1,
                    startColumn: diagnostic.range.start.column + 1,
                    endLine: diagnostic.range.end.line + 1,
                    endColumn: diagnostic.range.end.column + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
