/** Owners from CODEOWNERS in the real editor: a covered note has no RN001, and deleting its CODEOWNERS line and saving brings RN001. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { noteDiagnostics, openFile, ruleId, waitFor, waitForNoteDiagnostics, workspaceUri } from './helpers';

const NOTE = 'owned/orphan-runbook.md';
const PLACEHOLDER_NOTE = 'owned/placeholder-owner.md';
const CODEOWNERS = '.github/CODEOWNERS';

async function write(relativePath: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(workspaceUri(relativePath), new TextEncoder().encode(text));
}

describe('owners from CODEOWNERS', () => {
  before(async () => {
    await write(CODEOWNERS, '# Ownership of the test workspace\n/owned/ @acme/dba\n/broken/ nobody\n');
    // A runbook with no owner line: only CODEOWNERS gives it one.
    await write(NOTE, '---\nkind: runbook\ntitle: Restore the orders database\n---\n\n# Restore the orders database\n\n## Steps\n\nRun `restore --latest`.\n');
    // An owner key holding only a placeholder names nobody: the owner comes from CODEOWNERS.
    await write(PLACEHOLDER_NOTE, '---\nkind: runbook\ntitle: Flush the cache\nowner: TODO\n---\n\n# Flush the cache\n');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of [NOTE, PLACEHOLDER_NOTE, CODEOWNERS]) await vscode.workspace.fs.delete(workspaceUri(file)).then(undefined, () => undefined);
  });

  it('the hover on owner: says who owns the note and where from', async () => {
    const editor = await openFile(PLACEHOLDER_NOTE);
    await waitForNoteDiagnostics(editor.document.uri);
    const hovers = await waitFor(async () => {
      const found = (await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(3, 2))) as vscode.Hover[];
      const texts = found.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value).replace(/\\/g, '')));
      // The file watcher tells the extension about the new CODEOWNERS shortly after it is written.
      return texts.some((text) => text.includes('Owner: @acme/dba')) ? texts : undefined;
    }, 15_000, 'a hover on owner: naming the CODEOWNERS owner');
    assert.ok(hovers.some((text) => text.includes('Owner: @acme/dba — .github/CODEOWNERS:2')), hovers.join('\n---\n'));
  });

  it('a covered note has no RN001; deleting its CODEOWNERS line and saving brings RN001', async () => {
    const note = await openFile(NOTE);
    const noteUri = note.document.uri;
    await waitForNoteDiagnostics(noteUri);
    // Until the file watcher reports the new CODEOWNERS, the note may be linted without it: wait for the lint that has it.
    await waitFor(() => {
      const diagnostics = noteDiagnostics(noteUri);
      return diagnostics.length > 0 && !diagnostics.some((diagnostic) => ruleId(diagnostic) === 'RN001');
    }, 15_000, 'no RN001 on the note CODEOWNERS covers');

    // The invalid line is reported on CODEOWNERS itself; the rest of the file applies.
    const codeownersUri = workspaceUri(CODEOWNERS);
    const problems = await waitFor(() => {
      const found = noteDiagnostics(codeownersUri);
      return found.length > 0 ? found : undefined;
    }, 15_000, 'a diagnostic on CODEOWNERS');
    assert.match(problems[0]?.message ?? '', /'nobody' is not an owner/);
    assert.equal(problems[0]?.range.start.line, 2);

    const editor = await openFile(CODEOWNERS);
    await editor.edit((edit) => edit.delete(editor.document.lineAt(1).rangeIncludingLineBreak));
    assert.ok(await editor.document.save(), 'CODEOWNERS saved');
    const rn001 = await waitFor(() => noteDiagnostics(noteUri).find((diagnostic) => ruleId(diagnostic) === 'RN001'), 15_000, 'RN001 once the CODEOWNERS line is gone');
    assert.match(rn001.message, /no owner in the note, no CODEOWNERS line matches owned\/orphan-runbook\.md/);
  });
});
