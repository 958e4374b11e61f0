/** Diagnostics in the real editor: the same findings as the CLI, only on notes, live while typing, and for closed files on Lint Workspace. */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { JsonDiagnostic } from '../../src/cli/format';
import { activeExtension, noteDiagnostics, openFile, ruleId, waitFor, waitForNoteDiagnostics, workspaceFolder, workspaceUri } from './helpers';

/** What `runbook-notes lint --format json` reports for a workspace file: the CLI of this very build. */
function cliFindings(extensionPath: string, relativePath: string): string[] {
  const output = execFileSync(process.execPath, [join(extensionPath, 'dist/cli.js'), 'lint', '--format', 'json', relativePath], {
    cwd: workspaceFolder().uri.fsPath,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  const report = JSON.parse(output) as { files: { diagnostics: JsonDiagnostic[] }[] };
  return (report.files[0]?.diagnostics ?? []).map((found) => `${found.ruleId} ${found.line - 1}:${found.column - 1}-${found.endLine - 1}:${found.endColumn - 1} ${found.message}`).sort();
}

function editorFindings(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics
    .map((found) => `${ruleId(found)} ${found.range.start.line}:${found.range.start.character}-${found.range.end.line}:${found.range.end.character} ${found.message}`)
    .sort();
}

describe('diagnostics', () => {
  let extensionPath: string;
  before(async () => {
    await openFile('runbooks/restart-api.md');
    extensionPath = (await activeExtension()).extensionPath;
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  for (const note of ['changes/2026-11-12-query-index.md', 'runbooks/rotate-cache-keys.md', 'runbooks/restart-api.md']) {
    it(`match the CLI's findings exactly for ${note} (ids, ranges, messages)`, async () => {
      const editor = await openFile(note);
      const diagnostics = await waitForNoteDiagnostics(editor.document.uri);
      assert.deepEqual(editorFindings(diagnostics), cliFindings(extensionPath, note));
      const first = diagnostics[0] as vscode.Diagnostic;
      assert.equal(first.source, 'runbook-notes');
      const code = first.code as { value: string; target: vscode.Uri };
      assert.match(code.target.toString(), new RegExp(`docs/rules\\.md#${code.value.toLowerCase()}-`));
    });
  }

  it('point at the first of two duplicate sections as related information', async () => {
    const uri = workspaceUri('runbooks/duplicate-rollback.md');
    const text = '# Rotate keys\n\n## Rollback\n\nPut the old key back.\n\n## Back-out plan\n\nRedeploy.\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const editor = await openFile('runbooks/duplicate-rollback.md');
      const diagnostics = await waitForNoteDiagnostics(editor.document.uri);
      const duplicate = diagnostics.find((found) => ruleId(found) === 'RN016');
      assert.ok(duplicate, 'RN016 on the second section');
      assert.equal(duplicate.range.start.line, 6);
      const related = duplicate.relatedInformation ?? [];
      assert.equal(related.length, 1);
      assert.equal(related[0]?.location.uri.toString(), editor.document.uri.toString());
      assert.equal(related[0]?.location.range.start.line, 2, 'the first section: ## Rollback on line 3');
      assert.match(related[0]?.message ?? '', /first section of this field: 'Rollback'/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('leave a Markdown file that is not a note alone', async () => {
    const editor = await openFile('README.md');
    // The README shares the notes' folder: give the linter the time it takes for a note, then check nothing came.
    await waitForNoteDiagnostics((await openFile('runbooks/restart-api.md')).document.uri);
    assert.deepEqual(noteDiagnostics(editor.document.uri), []);
  });

  it('follow typing, and closing the note clears them', async () => {
    const editor = await openFile('runbooks/restart-api.md');
    const uri = editor.document.uri;
    await waitFor(() => noteDiagnostics(uri).some((diagnostic) => ruleId(diagnostic) === 'RN002'), 15_000, 'RN002 on restart-api.md');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\n## Rollback\n\nRestart the previous release with `deploy --previous`.\n'));
    await waitFor(() => !noteDiagnostics(uri).some((diagnostic) => ruleId(diagnostic) === 'RN002'), 15_000, 'RN002 to go once a rollback is written');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor(() => noteDiagnostics(uri).length === 0, 15_000, 'the diagnostics of a closed note to go');
  });

  it('Lint Workspace reports closed notes and skips other Markdown', async () => {
    const closed = workspaceUri('changes/2026-11-04-cache-bypass-rules.md');
    assert.deepEqual(noteDiagnostics(closed), []);
    const summary = (await vscode.commands.executeCommand('runbookNotes.lintWorkspace')) as { notes: number; files: number; problems: number; cancelled: boolean };
    assert.equal(summary.cancelled, false);
    assert.ok(summary.files > summary.notes && summary.notes >= 5, JSON.stringify(summary));
    assert.ok(noteDiagnostics(workspaceUri('runbooks/rotate-cache-keys.md')).length > 0, 'a closed runbook has its findings');
    assert.deepEqual(noteDiagnostics(workspaceUri('README.md')), []);
    assert.equal(
      summary.problems,
      (await vscode.workspace.findFiles('**/*.md')).reduce((sum, uri) => sum + noteDiagnostics(uri).length, 0),
    );
  });
  it('Lint Workspace selects the same files as the CLI: Git ignore files applied, nested negations included', async () => {
    const write = (path: string, text: string) => vscode.workspace.fs.writeFile(workspaceUri(path), new TextEncoder().encode(text));
    const runbook = '# Restart\n\nNo fields at all.\n';
    await write('.gitignore', 'drafts/\n*.scratch.md\n');
    await write('drafts/runbooks/ignored.md', runbook);
    await write('runbooks/today.scratch.md', runbook);
    await write('runbooks/nested/.gitignore', '!keep.scratch.md\n');
    await write('runbooks/nested/keep.scratch.md', runbook);
    try {
      const summary = (await vscode.commands.executeCommand('runbookNotes.lintWorkspace')) as { files: number; notes: number };
      const cli = spawnSync(process.execPath, [join((await activeExtension()).extensionPath, 'dist/cli.js'), 'lint', '--format', 'json'], {
        cwd: workspaceFolder().uri.fsPath,
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        encoding: 'utf8',
      });
      const report = JSON.parse(cli.stdout) as { files: { path: string; diagnostics: unknown[] }[]; summary: { files: number; notes: number } };
      assert.equal(summary.files, report.summary.files, 'the same Markdown files');
      assert.equal(summary.notes, report.summary.notes, 'the same notes');
      const cliPaths = report.files.map((file) => file.path);
      assert.ok(cliPaths.includes('runbooks/nested/keep.scratch.md') && !cliPaths.includes('runbooks/today.scratch.md') && !cliPaths.includes('drafts/runbooks/ignored.md'), cliPaths.join(', '));
      for (const file of report.files) assert.equal(noteDiagnostics(workspaceUri(file.path)).length, file.diagnostics.length, file.path);
      assert.deepEqual(noteDiagnostics(workspaceUri('drafts/runbooks/ignored.md')), []);
      assert.deepEqual(noteDiagnostics(workspaceUri('runbooks/today.scratch.md')), []);
    } finally {
      for (const path of ['.gitignore', 'drafts', 'runbooks/today.scratch.md', 'runbooks/nested']) await vscode.workspace.fs.delete(workspaceUri(path), { recursive: true });
    }
  });
});
