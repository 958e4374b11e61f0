/** What the tests compare the server with: the CLI's report of the same files, and fixture workspaces copied to a temporary folder. */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { JsonDiagnostic as CliDiagnostic } from '../../src/cli/format';
import { CLI } from './client';

/** `runbook-notes lint --format json` of a folder, by absolute file path. */
export function cliReport(folder: string): Map<string, CliDiagnostic[]> {
  let output: string;
  try {
    output = execFileSync(process.execPath, [CLI, 'lint', '--format', 'json', '.'], { cwd: folder, encoding: 'utf8' });
  } catch (error) {
    // Exit code 1: problems were found; the report is on stdout all the same.
    output = (error as { stdout?: string }).stdout ?? '';
  }
  const report = JSON.parse(output) as { files: { path: string; diagnostics: CliDiagnostic[] }[] };
  return new Map(report.files.map((file) => [path.join(folder, file.path), file.diagnostics]));
}

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/** The CLI's findings in the shape the server publishes (0-based), for deepEqual. */
export function asLsp(diagnostics: readonly CliDiagnostic[]): { code: string; severity: number; message: string; range: Diagnostic['range'] }[] {
  return diagnostics.map((d) => ({
    code: d.ruleId,
    severity: SEVERITY[d.severity],
    message: d.message,
    range: { start: { line: d.line - 1, character: d.column - 1 }, end: { line: d.endLine - 1, character: d.endColumn - 1 } },
  }));
}

/** A diagnostic's message as text (LSP 3.18 also allows Markdown, which this server does not send). */
export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function shape(diagnostics: readonly Diagnostic[]): ReturnType<typeof asLsp> {
  return diagnostics.map((d) => ({ code: String(d.code), severity: d.severity as number, message: messageOf(d), range: d.range }));
}

/** A fixture folder copied to a fresh temporary folder (tests change files in it). */
export function copyFixture(name: string): { folder: string; remove(): void } {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'runbook-notes-lsp-'));
  cpSync(path.resolve(__dirname, '../fixtures', name), folder, { recursive: true });
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Every Markdown file under a folder, sorted. */
export function markdownFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder)) {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) found.push(...markdownFiles(full));
    else if (entry.endsWith('.md')) found.push(full);
  }
  return found.sort();
}
