/**
 * The extension's `browser` entry in VS Code's browser worker extension host (code-server, driven by
 * test/web/runWeb.ts): it activates there, reports on the example notes exactly what the CLI reports,
 * applies a quick fix and Fix All, shows the post-meta box in its panel, completes and explains front
 * matter, shows the status bar, follows a configuration file, and renders the Markdown preview's box.
 */
import { assert } from 'chai';
import * as vscode from 'vscode';
import type { CliDiagnostic } from '../config';
import { evaluateInWebview, evaluateInWorkbench, EXTENSION_ID, noteDiagnostics, ruleId, screenshot, suiteConfig, waitFor, workspaceUri } from './helpers';

/** Our diagnostics use three severities, as the CLI does; a hint would show as itself and fail the comparison. */
const SEVERITY: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** An editor diagnostic in the CLI's terms: 1-based lines and columns, as `lint --format json` gives them. */
function asCli(diagnostic: vscode.Diagnostic): CliDiagnostic {
  const { start, end } = diagnostic.range;
  return {
    ruleId: ruleId(diagnostic) ?? '(no rule id)',
    severity: SEVERITY[diagnostic.severity] as CliDiagnostic['severity'],
    message: diagnostic.message,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
  };
}

/** The CLI report's fields the editor shows, in a stable order. */
function comparable(diagnostics: readonly CliDiagnostic[]): CliDiagnostic[] {
  return diagnostics
    .map(({ ruleId, severity, message, line, column, endLine, endColumn }) => ({ ruleId, severity, message, line, column, endLine, endColumn }))
    .sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));
}

function editorReport(uri: vscode.Uri): CliDiagnostic[] {
  return comparable(noteDiagnostics(uri).map(asCli));
}

const boxText = () => evaluateInWebview<string>("document.getElementById('pm-root')?.innerText ?? ''");

describe('web extension (browser worker extension host)', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('activates from the browser entry in a web worker', async () => {
    // The test runs in the extension's own host (its file lies inside the extension), so this is the extension's global scope.
    const scope = globalThis as { WorkerGlobalScope?: new () => unknown; process?: { versions?: { node?: string } } };
    assert.isFunction(scope.WorkerGlobalScope, 'WorkerGlobalScope: a browser worker');
    assert.instanceOf(globalThis, scope.WorkerGlobalScope as new () => unknown, 'the global scope is a worker');
    assert.isUndefined(scope.process?.versions?.node, 'no Node.js in this extension host');
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);

    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const manifest = extension.packageJSON as { main?: string; browser?: string };
    assert.isUndefined(manifest.main, 'the staged manifest has no main: the browser entry is the one that runs');
    assert.equal(manifest.browser, './dist/web/extension.js');
    // Extensions of the browser worker host run on the UI side.
    assert.equal(extension.extensionKind, vscode.ExtensionKind.UI);

    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('runbooks/rotate-cache-keys.md')));
    await waitFor(() => extension.isActive, 30_000, `${EXTENSION_ID} to activate`);
    assert.isFunction((extension.exports as { extendMarkdownIt?: unknown }).extendMarkdownIt, 'the Markdown preview plugin is exported');
    await waitFor(() => noteDiagnostics(workspaceUri('runbooks/rotate-cache-keys.md')).length > 0, 15_000, 'diagnostics on the runbook');
  });

  it("reports on each open example note exactly what the CLI reports", async () => {
    const { cli } = suiteConfig();
    assert.isAbove(cli.files.length, 0, 'the CLI linted the examples');
    for (const file of cli.files) {
      const uri = workspaceUri(file.path);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      const expected = comparable(file.diagnostics);
      // Linting runs after a configuration read: wait for the first result that matches, then compare exactly.
      await waitFor(() => JSON.stringify(editorReport(uri)) === JSON.stringify(expected), 15_000, `${file.path} to show the CLI's ${expected.length} diagnostic(s)`).catch(() => undefined);
      assert.deepEqual(editorReport(uri), expected, `${file.path}: the editor's diagnostics against the CLI's`);
    }
  });

  it("lints the closed files of the workspace (Lint Workspace) into the CLI's totals", async () => {
    const { cli } = suiteConfig();
    const summary = (await vscode.commands.executeCommand('runbookNotes.lintWorkspace')) as { files: number; notes: number; problems: number; skipped: unknown[]; cancelled: boolean };
    assert.deepEqual(
      { files: summary.files, notes: summary.notes, problems: summary.problems, skipped: summary.skipped },
      { files: cli.summary.files, notes: cli.summary.notes, problems: cli.summary.errors + cli.summary.warnings + cli.summary.infos, skipped: [] },
    );
    for (const file of cli.files) assert.deepEqual(editorReport(workspaceUri(file.path)), comparable(file.diagnostics), `${file.path} after Lint Workspace`);
  });

  it('applies a quick fix: the misspelt front matter key is renamed, and its findings go', async () => {
    const uri = workspaceUri('changes/2026-11-12-query-index.md');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const typo = await waitFor(() => noteDiagnostics(uri).find((diagnostic) => ruleId(diagnostic) === 'RN012'), 15_000, 'the RN012 finding on onwer');
    assert.equal(document.getText(typo.range), 'onwer');
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, typo.range, vscode.CodeActionKind.QuickFix.value)) as vscode.CodeAction[];
    // The rule's fix is the preferred action (the others disable the rule, or fix all).
    const fix = actions.find((action) => action.isPreferred);
    assert.ok(fix?.edit, `a preferred quick fix for RN012 among: ${actions.map((action) => action.title).join('; ')}`);
    assert.equal(fix.title, "Rename 'onwer' to 'owner'");
    assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
    assert.equal(document.lineAt(typo.range.start.line).text, 'owner: "@db-team"');
    // The owner is now found: the missing-owner finding goes with the typo's.
    await waitFor(() => !noteDiagnostics(uri).some((diagnostic) => ['RN012', 'RN001'].includes(ruleId(diagnostic) ?? '')), 15_000, 'RN012 and RN001 to go after the fix');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(() => document.lineAt(typo.range.start.line).text === 'onwer: "@db-team"' && !document.isDirty, 10_000, 'the note to be reverted');

    // Fix All (the command) applies the same safe fix.
    await waitFor(() => noteDiagnostics(uri).some((diagnostic) => ruleId(diagnostic) === 'RN012'), 15_000, 'RN012 again after the revert');
    assert.isTrue(await vscode.commands.executeCommand<boolean>('runbookNotes.fixAll'), 'Fix All made an edit');
    assert.equal(document.lineAt(typo.range.start.line).text, 'owner: "@db-team"');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows the post-meta box of a post in the preview panel', async () => {
    const post = 'posts/documenting-production-defaults.md';
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(post)));
    await vscode.commands.executeCommand('runbookNotes.openPreviewToSide');
    const text = await waitFor(async () => {
      const shown = await boxText();
      return shown.includes('documenting production defaults during a production cleanup') ? shown : undefined;
    }, 30_000, 'the post-meta box in the preview panel');
    assert.match(text, /beginner/);
    assert.equal(await evaluateInWebview<number>(`document.querySelectorAll('[data-key="stack"] li').length`), 3, 'stack: [python services, backend, python] as a list of three');
    await screenshot('web-post-meta-preview');
  });
  it('completes and explains front matter keys, and shows the note in the status bar', async () => {
    const uri = workspaceUri('posts/documenting-production-defaults.md');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const text = editor.document.getText();
    const difficulty = editor.document.positionAt(text.indexOf('difficulty: beginner') + 'difficulty: '.length);
    const labels = await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, difficulty);
      const found = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      return found.includes('advanced') ? found : undefined;
    }, 15_000, 'difficulty values among the completions');
    assert.includeMembers(labels, ['beginner', 'intermediate', 'advanced']);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, editor.document.positionAt(text.indexOf('difficulty') + 3));
    const hoverText = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(hoverText, /How hard the note is to follow/);

    // The status bar item of the active note: the runbook misses some of its five required fields.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('runbooks/rotate-cache-keys.md')));
    const status = await waitFor(
      () => evaluateInWorkbench<string[]>("[...document.querySelectorAll('.statusbar-item')].map((item) => item.innerText.trim()).filter((text) => /Runbook/.test(text))").then((texts) => texts[0]),
      15_000,
      'the Runbook status bar item',
    );
    assert.match(status, /^Runbook \d\/5$/);
  });

  it('follows a configuration file written through the workspace file system', async () => {
    const uri = workspaceUri('posts/documenting-production-defaults.md');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor(() => noteDiagnostics(uri).some((diagnostic) => ruleId(diagnostic) === 'RN010'), 15_000, 'RN010 on the post');
    const configUri = workspaceUri('.runbook-notes.json');
    await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(JSON.stringify({ rules: { RN010: 'off', RN013: 'error' } })));
    try {
      await waitFor(() => !noteDiagnostics(uri).some((diagnostic) => ruleId(diagnostic) === 'RN010'), 15_000, 'RN010 to go when the configuration turns it off');
      const stale = noteDiagnostics(uri).find((diagnostic) => ruleId(diagnostic) === 'RN013');
      assert.equal(stale?.severity, vscode.DiagnosticSeverity.Error, 'RN013 raised to an error by the configuration file');
    } finally {
      await vscode.workspace.fs.delete(configUri);
    }
    await waitFor(() => noteDiagnostics(uri).some((diagnostic) => ruleId(diagnostic) === 'RN010'), 15_000, 'RN010 back once the configuration file is deleted');
  });

  it("renders the post-meta box through its markdown-it plugin, as VS Code's Markdown preview calls it", async () => {
    // code-server ships the built-in Markdown extension for its Node host only, so its preview cannot reach a
    // plugin in the worker (vscode.dev runs both in the worker): the plugin is called here as that preview does,
    // with markdown-it and the document in `env.currentDocument`.
    const extension = vscode.extensions.getExtension<{ extendMarkdownIt<T>(md: T): T }>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    const api = await extension.activate();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it') as new (options: { html: boolean }) => { render(src: string, env: object): string };
    const md = api.extendMarkdownIt(new MarkdownIt({ html: true }));
    const uri = workspaceUri('posts/staging-close-to-production.md');
    const html = md.render(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), { currentDocument: uri });
    assert.match(html, /^<div class="runbook-notes-post-meta">/);
    assert.include(html, 'keeping staging close to production');
    assert.include(html, 'beginner');
    const readme = md.render('---\ntitle: not a note\n---\n# Notes\n', { currentDocument: workspaceUri('README.md') });
    assert.notInclude(readme, 'runbook-notes-post-meta', 'a Markdown file that is not a note gets no box');
  });
});
