import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { activeExtension, hasRunner, noteDiagnostics, openFile, ruleId, screenshot, waitForNoteDiagnostics } from './helpers';

describe('activation', () => {
  it('activates on a runbook and shows its findings as diagnostics', async () => {
    const editor = await openFile('runbooks/restart-api.md');
    assert.equal(editor.document.languageId, 'markdown');
    await activeExtension();

    const diagnostics = await waitForNoteDiagnostics(editor.document.uri);
    // The runbook has no rollback section.
    assert.ok(
      diagnostics.some((diagnostic) => ruleId(diagnostic) === 'RN002'),
      `expected RN002 among ${diagnostics.map((diagnostic) => ruleId(diagnostic)).join(', ')}`,
    );
    assert.ok(diagnostics.every((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Warning));

    if (hasRunner()) {
      await new Promise((resolve) => setTimeout(resolve, 500)); // let the squiggles render
      const path = await screenshot('activation-restart-api');
      assert.ok(path && statSync(path).size > 10_000, `screenshot ${path} is missing or empty`);
    }
  });

  it('leaves a Markdown file that is not a note alone', async () => {
    const readme = await openFile('README.md');
    // Open a note after the README and wait for its findings: by then the README has been linted too.
    const note = await openFile('changes/2026-11-12-query-index.md');
    await waitForNoteDiagnostics(note.document.uri);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(noteDiagnostics(readme.document.uri), []);
  });
});
