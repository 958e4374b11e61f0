/** The post-meta preview in the real editor: the panel beside a post, live while the front matter is edited, and the box in VS Code's Markdown preview. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, evaluateInWebview, hasRunner, openFile, screenshot, waitFor } from './helpers';

const POST = 'posts/staging-close-to-production.md';

// textContent, not innerText: in the Markdown preview the box waits closed behind its summary line.
const boxText = () => evaluateInWebview<string>("(document.getElementById('pm-root') || document.querySelector('.runbook-notes-post-meta'))?.textContent ?? ''");

describe('post-meta preview', () => {
  before(function () {
    // Reading the webview's DOM needs the offline runner's page access.
    if (!hasRunner()) this.skip();
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('shows the box beside a post and follows edits of its front matter', async () => {
    const editor = await openFile(POST);
    await activeExtension();
    await vscode.commands.executeCommand('runbookNotes.openPreviewToSide');
    const text = await waitFor(async () => {
      const shown = await boxText();
      return shown.includes('keeping staging close to production') ? shown : undefined;
    }, 30_000, 'the post-meta box in the preview panel');
    assert.match(text, /beginner/);
    const stackItems = await evaluateInWebview<number>(`document.querySelectorAll('[data-key="stack"] li').length`);
    assert.equal(stackItems, 3, 'stack: [python services, backend, python] shows as a list of three');

    await vscode.window.showTextDocument(editor.document);
    const at = editor.document.getText().indexOf('difficulty: beginner');
    await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'difficulty: beginner'.length)), 'difficulty: advanced'));
    await waitFor(async () => /advanced/.test(await boxText()), 15_000, 'the box to show the edited difficulty');
    await screenshot('post-meta-preview');

    // A click on a field selects its key in the editor.
    await evaluateInWebview(`document.querySelector('[data-key="revision"]').click()`);
    await waitFor(() => vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection) === 'revision', 15_000, "the click on 'revision' to select the key in the editor");
    // Undo the edit in the note itself: after the click the active editor may be the preview panel, and the next
    // test opens the same note (a dirty buffer would show it 'advanced').
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(editor.document.isDirty, false, 'the edited note is reverted');
  });

  it("puts the same box, compact, at the top of VS Code's Markdown preview", async () => {
    const editor = await openFile(POST);
    await activeExtension();
    await vscode.commands.executeCommand('markdown.showPreviewToSide', editor.document.uri);
    const text = await waitFor(async () => {
      const shown = await boxText();
      return shown.includes('keeping staging close to production') ? shown : undefined;
    }, 30_000, 'the post-meta box in the Markdown preview');
    assert.match(text, /beginner/);
  });
});
