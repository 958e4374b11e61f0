/** Quick fixes, fix all (also on save) and disable comments, applied in the real editor, and undone. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, noteDiagnostics, openFile, ruleId, screenshot, waitFor, waitForNoteDiagnostics } from './helpers';

const NOTE = 'changes/2026-11-12-query-index.md';

async function actionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

async function diagnostic(uri: vscode.Uri, id: string): Promise<vscode.Diagnostic> {
  return waitFor(() => noteDiagnostics(uri).find((found) => ruleId(found) === id), 15_000, `${id} on ${vscode.workspace.asRelativePath(uri)}`);
}

async function undoAll(editor: vscode.TextEditor, original: string): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('undo');
  await waitFor(() => editor.document.getText() === original, 5_000, 'undo to restore the note');
}

describe('code actions', () => {
  let editor: vscode.TextEditor;
  let original: string;

  beforeEach(async () => {
    editor = await openFile(NOTE);
    await activeExtension();
    original = editor.document.getText();
    await waitForNoteDiagnostics(editor.document.uri);
  });
  afterEach(async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it("offer a finding's fix as the preferred quick fix: one edit, undone in one step", async () => {
    const typo = await diagnostic(editor.document.uri, 'RN012');
    const actions = await actionsAt(editor.document.uri, typo.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Disable RN012 for this line') && titles.includes('Disable RN012 for this file'), titles.join(' | '));
    const fix = actions.find((action) => action.isPreferred);
    assert.ok(fix?.edit, `a preferred fix among ${titles.join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.getText(), original.replace('onwer:', 'owner:'));
    // The typo was why RN001 (no owner) fired: both go.
    await waitFor(() => !noteDiagnostics(editor.document.uri).some((found) => ['RN012', 'RN001'].includes(ruleId(found) ?? '')), 15_000, 'RN012 and RN001 to go');
    await undoAll(editor, original);
    await diagnostic(editor.document.uri, 'RN012');
  });

  it('offer suggestions that insert a section skeleton', async () => {
    const missing = await diagnostic(editor.document.uri, 'RN002');
    const actions = await actionsAt(editor.document.uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const suggestion = actions.find((action) => /rollback/i.test(action.title) && !action.title.startsWith('Disable'));
    assert.ok(suggestion?.edit, actions.map((action) => action.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(suggestion.edit));
    assert.match(editor.document.getText(), /^## Rollback$/m);
    await waitFor(() => !noteDiagnostics(editor.document.uri).some((found) => ruleId(found) === 'RN002'), 15_000, 'RN002 to go');
    await undoAll(editor, original);
  });

  it('disable a rule for a line and for the file with the documented comments', async () => {
    const typo = await diagnostic(editor.document.uri, 'RN012');
    const actions = await actionsAt(editor.document.uri, typo.range, vscode.CodeActionKind.QuickFix.value);
    const forLine = actions.find((action) => action.title === 'Disable RN012 for this line');
    assert.ok(forLine?.edit);
    assert.ok(await vscode.workspace.applyEdit(forLine.edit));
    assert.match(editor.document.getText(), /^# runbook-notes-disable-next-line RN012\nonwer:/m);
    await waitFor(() => !noteDiagnostics(editor.document.uri).some((found) => ruleId(found) === 'RN012'), 15_000, 'RN012 to be disabled for the line');
    await undoAll(editor, original);

    const missing = await diagnostic(editor.document.uri, 'RN003');
    const forFile = (await actionsAt(editor.document.uri, missing.range, vscode.CodeActionKind.QuickFix.value)).find((action) => action.title === 'Disable RN003 for this file');
    assert.ok(forFile?.edit);
    assert.ok(await vscode.workspace.applyEdit(forFile.edit));
    assert.match(editor.document.getText(), /^---\n<!-- runbook-notes-disable RN003 -->\n/m);
    await waitFor(() => !noteDiagnostics(editor.document.uri).some((found) => ruleId(found) === 'RN003'), 15_000, 'RN003 to be disabled for the file');
    await undoAll(editor, original);
  });

  it('fix all as a source action, and as the command', async () => {
    await diagnostic(editor.document.uri, 'RN012');
    const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
    const [fixAll] = await actionsAt(editor.document.uri, whole, 'source.fixAll.runbookNotes');
    assert.equal(fixAll?.title, 'Fix all Runbook Notes problems');
    assert.ok(fixAll.edit && (await vscode.workspace.applyEdit(fixAll.edit)));
    assert.equal(editor.document.getText(), original.replace('onwer:', 'owner:'));
    await undoAll(editor, original);

    await diagnostic(editor.document.uri, 'RN012');
    assert.equal(await vscode.commands.executeCommand('runbookNotes.fixAll'), true);
    assert.equal(editor.document.getText(), original.replace('onwer:', 'owner:'));
    await undoAll(editor, original);
  });

  it('fix on save through editor.codeActionsOnSave', async () => {
    const settings = vscode.workspace.getConfiguration('editor');
    await settings.update('codeActionsOnSave', { 'source.fixAll.runbookNotes': 'explicit' }, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnostic(editor.document.uri, 'RN012');
      await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\nSaved with fixes.\n'));
      await editor.document.save();
      assert.match(editor.document.getText(), /^owner: "@db-team"$/m);
      assert.equal(editor.document.isDirty, false);
    } finally {
      await settings.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace);
      // Put the file back as the other tests expect it.
      const full = new vscode.Range(0, 0, editor.document.lineCount, 0);
      await editor.edit((edit) => edit.replace(full, original));
      await editor.document.save();
    }
  });

  it('show the light bulb menu on a finding (screenshot for the README)', async () => {
    const typo = await diagnostic(editor.document.uri, 'RN012');
    editor.selection = new vscode.Selection(typo.range.start, typo.range.start);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await screenshot('diagnostics-quick-fix');
    await vscode.commands.executeCommand('hideCodeActionWidget');
  });
});
