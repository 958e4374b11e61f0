/** The offline runner's bridge to the page, which later tests (the preview's) rely on. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { evaluateInWebview, evaluateInWorkbench, hasRunner, openFile, screenshot, waitFor } from './helpers';

describe('test harness', () => {
  before(function () {
    if (!hasRunner()) this.skip();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('evaluates in the workbench page', async () => {
    await openFile('README.md');
    const title = await waitFor(
      () => evaluateInWorkbench<string | null>("document.querySelector('.tabs-container .tab.active')?.getAttribute('aria-label') ?? null"),
      10_000,
      'the active tab',
    );
    assert.match(title, /README\.md/);
  });

  it("evaluates in a webview's content (the built-in Markdown preview)", async () => {
    await openFile('README.md');
    await vscode.commands.executeCommand('markdown.showPreview');
    const text = await waitFor(
      async () => {
        const body = await evaluateInWebview<string>('document.body.innerText', 20_000);
        return body.includes('Operations notes') ? body : undefined;
      },
      30_000,
      'the Markdown preview to render README.md',
    );
    assert.match(text, /not a note/);
    await screenshot('harness-markdown-preview');
  });
});
