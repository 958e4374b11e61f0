/**
 * The first hour with the extension (issue 15), in the real editor: skeletons inserted as snippets
 * (cursor on the first placeholder), the compact box in VS Code's Markdown preview, kind-aware
 * front matter completion, "Add all missing" in one undo step, the status bar icon of a note with
 * an error, and each snippet once in the suggestion list. Screenshots for the README, light and dark.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, evaluateInWebview, evaluateInWorkbench, hasRunner, noteDiagnostics, openFile, ruleId, screenshot, waitFor, waitForNoteDiagnostics, workspaceUri } from './helpers';

const POST = 'posts/staging-close-to-production.md';
const CHANGE_NOTE = 'changes/2026-11-12-query-index.md';
/** A runbook with every required field but the rollback, and a blank line in its front matter for the cursor. */
const RUNBOOK_WITHOUT_ROLLBACK = [
  '---',
  'kind: runbook',
  'title: Restart the API workers',
  'owner: "@platform-oncall"',
  '',
  '---',
  '',
  '# Restart the API workers',
  '',
  '## Expected result',
  '',
  'All workers answer `/health` throughout.',
  '',
  '## Metrics',
  '',
  '| metric | before | after |',
  '| --- | --- | --- |',
  '| p95 latency | 840 ms | 210 ms |',
  '',
  '## Checklist',
  '',
  '- [x] capture the current behavior',
  '',
].join('\n');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function writeNote(relativePath: string, text: string): Promise<vscode.TextEditor> {
  await vscode.workspace.fs.writeFile(workspaceUri(relativePath), new TextEncoder().encode(text));
  return openFile(relativePath);
}

async function removeNote(relativePath: string): Promise<void> {
  await vscode.workspace.fs.delete(workspaceUri(relativePath)).then(undefined, () => undefined);
}

async function setTheme(theme: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('workbench').update('colorTheme', theme, vscode.ConfigurationTarget.Global);
  await sleep(800);
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

/** The labels of the rows the suggestion widget shows. */
function suggestionRows(): Promise<string[]> {
  return evaluateInWorkbench<string[]>(
    "[...document.querySelectorAll('.suggest-widget.visible .monaco-list-row .label-name')].map((element) => element.textContent ?? '')",
  );
}

describe('editor experience', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  describe('skeletons as snippets', () => {
    const NOTE = 'runbooks/snippet-cursor.md';
    after(() => removeNote(NOTE));

    it('a suggestion quick fix inserts its section as a snippet: the cursor lands on the placeholder', async function () {
      if (!hasRunner()) this.skip();
      const editor = await writeNote(NOTE, RUNBOOK_WITHOUT_ROLLBACK);
      await activeExtension();
      const missing = await waitFor(() => noteDiagnostics(editor.document.uri).find((found) => ruleId(found) === 'RN002'), 15_000, 'RN002 on the runbook without a rollback');
      const titles = (await codeActions(editor.document.uri, missing.range)).map((action) => action.title);
      // The first action of the light bulb: a snippet edit is applied the way the editor applies it, from the menu.
      assert.equal(titles[0], "Append a '## Rollback' section", titles.join(' | '));
      editor.selection = new vscode.Selection(missing.range.start, missing.range.start);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await waitFor(() => evaluateInWorkbench<boolean>("!!document.querySelector('.action-widget .monaco-list-row')"), 10_000, 'the quick fix menu');
      await vscode.commands.executeCommand('acceptSelectedCodeAction');
      await waitFor(() => editor.document.getText().includes('## Rollback'), 10_000, 'the rollback section');
      assert.match(editor.document.getText(), /^## Rollback\n\nTODO: how to undo this, and how long it takes\.\n$/m);
      await waitFor(() => editor.document.getText(editor.selection) === 'TODO: how to undo this, and how long it takes.', 5_000, 'the placeholder to be selected');
      await vscode.commands.executeCommand('type', { text: 'Start the previous release; it takes a minute.' });
      assert.match(editor.document.getText(), /^## Rollback\n\nStart the previous release; it takes a minute\.\n$/m);
      await waitFor(() => !noteDiagnostics(editor.document.uri).some((found) => ruleId(found) === 'RN002'), 15_000, 'RN002 to go');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    it('New Runbook inserts its template as a snippet: type the title once, Tab to the owner', async () => {
      await activeExtension();
      const target = workspaceUri('runbooks/new-as-snippet.md');
      try {
        await vscode.commands.executeCommand('runbookNotes.newRunbook', target);
        const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === target.toString() ? vscode.window.activeTextEditor : undefined), 10_000, 'the new runbook');
        assert.equal(editor.document.getText(editor.selection), 'Title');
        assert.equal(editor.selection.start.line, 2, 'on the front matter title');
        await vscode.commands.executeCommand('type', { text: 'Rotate the cache keys' });
        assert.match(editor.document.getText(), /^title: Rotate the cache keys$/m);
        assert.match(editor.document.getText(), /^# Rotate the cache keys$/m, 'the heading mirrors the title');
        await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
        assert.equal(editor.document.getText(editor.selection), '<owner>');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      } finally {
        await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
      }
    });
  });

  describe("the compact box in VS Code's Markdown preview", () => {
    before(function () {
      if (!hasRunner()) this.skip();
    });
    after(() => setTheme(undefined));

    it('is one summary line under 200 px, closed, with space below; a click opens the whole box (screenshots light and dark)', async () => {
      const editor = await openFile(POST);
      await activeExtension();
      await vscode.commands.executeCommand('markdown.showPreviewToSide', editor.document.uri);
      const measure = () =>
        evaluateInWebview<{ height: number; open: boolean; summary: string; gap: number; text: string } | null>(
          `(() => {
            const details = document.querySelector('.runbook-notes-post-meta details.pm-compact');
            if (!details) return null;
            const box = details.getBoundingClientRect();
            const title = document.querySelector('h1');
            return { height: box.height, open: details.open, summary: details.querySelector('summary').innerText, gap: title ? title.getBoundingClientRect().top - box.bottom : -1, text: details.innerText };
          })()`,
        );
      const closed = await waitFor(measure, 30_000, 'the compact box in the Markdown preview');
      assert.equal(closed.open, false, 'closed by default');
      assert.ok(closed.height < 200, `closed, the box is ${closed.height} px tall`);
      assert.ok(closed.gap >= 16, `${closed.gap} px between the box and the article`);
      for (const part of ['post', 'expanded', 'beginner', '14 min read']) assert.ok(closed.summary.includes(part), `'${part}' in the summary '${closed.summary}'`);
      assert.ok(!closed.text.includes('Image sources'), 'the rest of the box waits behind the summary');

      await setTheme('Default Light Modern');
      await screenshot('markdown-preview-compact-light');
      await setTheme('Default Dark Modern');
      await screenshot('markdown-preview-compact-dark');

      await evaluateInWebview("document.querySelector('.runbook-notes-post-meta summary').click()");
      const opened = await waitFor(async () => {
        const found = await measure();
        return found?.open ? found : undefined;
      }, 10_000, 'the box to open');
      assert.ok(opened.height > 200, 'opened, the whole box shows');
      assert.match(opened.text, /keeping staging close to production/);
    });
  });

  describe('kind-aware front matter completion', () => {
    const NOTE = 'runbooks/completion-kind.md';
    after(() => removeNote(NOTE));

    it('lists rollback first in a runbook missing it, and no post-only keys', async () => {
      const editor = await writeNote(NOTE, RUNBOOK_WITHOUT_ROLLBACK);
      await activeExtension();
      await waitFor(() => noteDiagnostics(editor.document.uri).some((found) => ruleId(found) === 'RN002'), 15_000, 'RN002 on the runbook');
      const empty = new vscode.Position(4, 0);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, empty);
      const keys = list.items
        .filter((item) => item.kind === vscode.CompletionItemKind.Property)
        .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))
        .map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      assert.equal(keys[0], 'rollback', keys.join(', '));
      for (const key of ['expected_result', 'metric', 'revision']) assert.ok(keys.includes(key), key);
      for (const key of ['difficulty', 'reading_time', 'score', 'ai_outline']) assert.ok(!keys.includes(key), `${key} is for posts`);
      assert.ok(!keys.includes('owner') && !keys.includes('title'), 'keys already there are left out');

      // `roll` + Ctrl+Space, as RN002 tells the user to add a 'rollback:' key.
      await editor.edit((edit) => edit.insert(empty, 'roll'));
      const typed = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(4, 4));
      const rollback = typed.items.find((item) => (typeof item.label === 'string' ? item.label : item.label.label) === 'rollback');
      assert.ok(rollback, 'rollback is offered after roll');
      assert.match((rollback.documentation as vscode.MarkdownString).value, /undo the change/);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('missing fields on line 1', () => {
    it('"Add all" adds every missing field in one edit, undone in one step; the hover lists them in one line', async () => {
      const editor = await openFile(CHANGE_NOTE);
      await activeExtension();
      const original = editor.document.getText();
      const isMissing = (found: vscode.Diagnostic) => ['RN001', 'RN002', 'RN003', 'RN004', 'RN005', 'RN006', 'RN007', 'RN017', 'RN018'].includes(ruleId(found) ?? '');
      const missing = await waitFor(() => {
        const found = noteDiagnostics(editor.document.uri).filter(isMissing);
        return found.length >= 2 ? found : undefined;
      }, 15_000, 'missing-field findings on the change note');
      const firstLine = missing[0]?.range as vscode.Range;

      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, firstLine.start);
      const hover = hovers.flatMap((found) => found.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
      assert.match(hover, new RegExp(`Missing in this change note\\*\\* \\(${missing.length}\\): Owner, `));

      const actions = await codeActions(editor.document.uri, firstLine);
      const titles = actions.map((action) => action.title);
      const addAll = actions.find((action) => action.title.startsWith('Add all'));
      assert.ok(addAll?.edit, titles.join(' | '));
      assert.equal(addAll.title, `Add all ${missing.length} missing fields`);
      for (const title of new Set(titles.filter((found) => found.startsWith('Disable')))) assert.equal(titles.filter((found) => found === title).length, 1, `'${title}' once`);
      assert.equal(addAll.edit.size, 1, 'one document');
      assert.equal(addAll.edit.get(editor.document.uri).length, 1, 'one edit');

      editor.selection = new vscode.Selection(firstLine.start, firstLine.start);
      await vscode.commands.executeCommand('editor.action.quickFix');
      await sleep(1500);
      await screenshot('add-all-missing');
      await vscode.commands.executeCommand('hideCodeActionWidget');

      assert.ok(await vscode.workspace.applyEdit(addAll.edit));
      await waitFor(() => !noteDiagnostics(editor.document.uri).some(isMissing), 15_000, 'every missing field to be added');
      for (const heading of ['## Files touched', '## Command used', '## Metrics', '## Rollback']) assert.ok(editor.document.getText().includes(heading), heading);
      await vscode.window.showTextDocument(editor.document);
      await vscode.commands.executeCommand('undo');
      await waitFor(() => editor.document.getText() === original, 5_000, 'one undo to restore the note');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('the status bar', () => {
    const NOTE = 'posts/status-bar-error.md';
    before(function () {
      if (!hasRunner()) this.skip();
    });
    after(() => removeNote(NOTE));

    const item = () =>
      evaluateInWorkbench<{ text: string; icons: string[]; background: string; bar: string } | null>(
        `(() => {
          const item = [...document.querySelectorAll('.statusbar-item')].find((element) => /^\\s*Post\\b/.test(element.textContent ?? ''));
          if (!item) return null;
          const icons = [...item.querySelectorAll('.codicon')].flatMap((icon) => [...icon.classList].filter((name) => name.startsWith('codicon-')));
          return { text: item.textContent, icons, background: getComputedStyle(item).backgroundColor, bar: getComputedStyle(document.querySelector('.part.statusbar')).backgroundColor };
        })()`,
      );

    it('shows an error icon on the error background on a note with an error, and its text keeps the kind', async () => {
      const editor = await writeNote(NOTE, '---\nkind: post\ntitle: Keeping staging close to production\ndifficulty: expert\n---\n\n# Keeping staging close to production\n\nMeasure first.\n');
      await activeExtension();
      await waitForNoteDiagnostics(editor.document.uri);
      const withError = await waitFor(async () => {
        const found = await item();
        return found?.icons.includes('codicon-error') ? found : undefined;
      }, 15_000, 'the error icon in the status bar');
      assert.match(withError.text, /Post/);
      assert.notEqual(withError.background, withError.bar, 'the error background');
      await screenshot('status-bar-error');

      const at = editor.document.getText().indexOf('expert');
      await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 'expert'.length)), 'beginner'));
      const fixed = await waitFor(async () => {
        const found = await item();
        return found && !found.icons.includes('codicon-error') ? found : undefined;
      }, 15_000, 'the error icon to go with the error');
      assert.ok(fixed.icons.some((icon) => ['codicon-pass', 'codicon-warning', 'codicon-info'].includes(icon)), fixed.icons.join(' '));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });

  describe('snippets in the suggestion list', () => {
    before(function () {
      if (!hasRunner()) this.skip();
    });

    it('typing rn- lists every skeleton with no setting changed, each once; Ctrl+Space lists each snippet once', async () => {
      await activeExtension();
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('type', { text: 'r' });
      await vscode.commands.executeCommand('type', { text: 'n' });
      await vscode.commands.executeCommand('type', { text: '-' });
      const typed = await waitFor(async () => {
        const rows = await suggestionRows();
        return rows.includes('rn-runbook') ? rows : undefined;
      }, 10_000, 'the suggestion list after typing rn-');
      assert.equal(typed.filter((label) => label === 'rn-runbook').length, 1, typed.join(', '));
      assert.ok(typed.includes('rn-rollback'), typed.join(', '));
      await screenshot('snippet-suggestions');
      await vscode.commands.executeCommand('hideSuggestWidget');

      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      const invoked = await waitFor(async () => {
        const rows = await suggestionRows();
        return rows.includes('rn-runbook') ? rows : undefined;
      }, 10_000, 'the suggestion list on Ctrl+Space');
      assert.equal(invoked.filter((label) => label === 'rn-runbook').length, 1, invoked.join(', '));
      await vscode.commands.executeCommand('hideSuggestWidget');

      // The snippet accepted from the list inserts the runbook with the title selected.
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await waitFor(async () => (await suggestionRows()).includes('rn-runbook'), 10_000, 'the list again');
      const rows = await suggestionRows();
      for (let index = 0; index < rows.indexOf('rn-runbook'); index++) await vscode.commands.executeCommand('selectNextSuggestion');
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      const editor = vscode.window.activeTextEditor as vscode.TextEditor;
      await waitFor(() => editor.document.getText().startsWith('---\nkind: runbook\n'), 5_000, 'the runbook snippet to be inserted');
      assert.equal(editor.document.getText(editor.selection), 'Title');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  });
});
