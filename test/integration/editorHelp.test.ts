/** Front matter completion and hovers, the commands of the manifest, the status bar, and configuration changes, in the real editor. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activeExtension, evaluateInWorkbench, hasRunner, noteDiagnostics, openFile, ruleId, waitFor, waitForNoteDiagnostics, workspaceUri } from './helpers';

const POST = 'posts/staging-close-to-production.md';

function positionAfter(document: vscode.TextDocument, text: string): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `'${text}' in ${document.uri.path}`);
  return document.positionAt(offset + text.length);
}

async function completionLabels(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

describe('front matter help', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('completes difficulty values', async () => {
    const editor = await openFile(POST);
    await activeExtension();
    const labels = await waitFor(async () => {
      const found = await completionLabels(editor.document, positionAfter(editor.document, 'difficulty: '));
      return found.includes('advanced') ? found : undefined;
    }, 15_000, 'difficulty values in the completion list');
    for (const value of ['beginner', 'intermediate', 'advanced']) assert.ok(labels.includes(value), value);
  });

  it('completes keys with documentation, and leaves out keys already there', async () => {
    const editor = await openFile(POST);
    await activeExtension();
    const line = positionAfter(editor.document, 'reference: anp-ref-009095-4950\n');
    await editor.edit((edit) => edit.insert(line, 'ow\n'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(line.line, 2));
    const owner = list.items.find((item) => item.label === 'owner');
    assert.ok(owner, list.items.map((item) => String(item.label)).join(', '));
    const docs = owner.documentation as vscode.MarkdownString;
    assert.match(docs.value, /Who answers for this note/);
    assert.ok(!list.items.some((item) => item.label === 'difficulty'), 'difficulty is already in the front matter');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows a key’s documentation on hover', async () => {
    const editor = await openFile(POST);
    await activeExtension();
    const position = positionAfter(editor.document, 'diffi');
    const hovers = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
      return found.length > 0 ? found : undefined;
    }, 15_000, 'a hover on difficulty');
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /How hard the note is to follow/);
    assert.match(text, /beginner, intermediate, advanced/);
  });
});

describe('commands', () => {
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('registers every command of the manifest', async () => {
    const extension = await activeExtension();
    const manifest = JSON.parse(readFileSync(join(extension.extensionPath, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest.contributes.commands.map((entry) => entry.command);
    assert.ok(contributed.length >= 7);
    for (const command of contributed) assert.ok(registered.has(command), `${command} is contributed but not registered`);
  });

  it('New Runbook writes the template and selects the first placeholder (the title)', async () => {
    await activeExtension();
    const target = workspaceUri('runbooks/new-from-command.md');
    const created = await vscode.commands.executeCommand<vscode.Uri>('runbookNotes.newRunbook', target);
    assert.equal(created?.toString(), target.toString());
    const editor = await waitFor(() => (vscode.window.activeTextEditor?.document.uri.toString() === target.toString() ? vscode.window.activeTextEditor : undefined), 10_000, 'the new runbook in an editor');
    assert.match(editor.document.getText(), /^kind: runbook$/m);
    assert.equal(editor.document.getText(editor.selection), 'Title');
    // A template's only findings are its placeholders.
    const diagnostics = await waitForNoteDiagnostics(target);
    assert.deepEqual([...new Set(diagnostics.map(ruleId))], ['RN009']);
    // It never overwrites: the same target again is refused.
    assert.equal(await vscode.commands.executeCommand('runbookNotes.newRunbook', target), undefined);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(target);
  });

  it('shows the kind and field completeness in the status bar', async function () {
    if (!hasRunner()) this.skip();
    const editor = await openFile('runbooks/rotate-cache-keys.md');
    await activeExtension();
    await waitForNoteDiagnostics(editor.document.uri);
    const text = await waitFor(
      () => evaluateInWorkbench<string>(`[...document.querySelectorAll('.statusbar-item')].map((item) => item.textContent).find((text) => /Runbook \\d\\/\\d/.test(text ?? '')) ?? ''`),
      15_000,
      'the status bar item',
    );
    // rotate-cache-keys has a placeholder owner, an empty rollback, no metric and no expected result: 1 of 5 filled.
    assert.match(text, /Runbook 1\/5/);
  });

  it('dates reviews in the time zone of runbookNotes.timeZone, and re-lints when it changes', async () => {
    // UTC+14 and UTC-12 are 26 hours apart: today in UTC+14 is always a later date than today in UTC-12.
    const ahead = new Intl.DateTimeFormat('en-CA', { timeZone: 'Etc/GMT-14', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
    const settings = vscode.workspace.getConfiguration('runbookNotes');
    const target = workspaceUri('posts/reviewed-today.md');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`---\nkind: post\nrevision: { last_reviewed: ${ahead} }\n---\n\n# Reviewed today\n`));
    const future = (uri: vscode.Uri) => noteDiagnostics(uri).filter((found) => ruleId(found) === 'RN011' && /in the future/.test(found.message));
    try {
      await settings.update('timeZone', 'Etc/GMT+12', vscode.ConfigurationTarget.Workspace);
      const editor = await openFile('posts/reviewed-today.md');
      await activeExtension();
      await waitFor(() => future(editor.document.uri).length === 1, 15_000, 'the review to be in the future in UTC-12');
      await settings.update('timeZone', 'Etc/GMT-14', vscode.ConfigurationTarget.Workspace);
      await waitFor(() => future(editor.document.uri).length === 0, 15_000, 'the review to be today in UTC+14');
    } finally {
      await settings.update('timeZone', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });

  it('lints a note over runbookNotes.lint.maxSizeMB on save only, and says so in the status bar', async function () {
    if (!hasRunner()) this.skip();
    const settings = vscode.workspace.getConfiguration('runbookNotes');
    // About 1 KB: the test note is larger, the other fixtures are not all smaller, so only this one is opened.
    await settings.update('lint.maxSizeMB', 0.001, vscode.ConfigurationTarget.Workspace);
    // code-server saves edited files after a second by default: that save would lint the note.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'off', vscode.ConfigurationTarget.Workspace);
    // The extension re-reads settings 50 ms after a change (coalescing bursts): let it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const target = workspaceUri('runbooks/large-note.md');
    const body = Array.from({ length: 40 }, (_, i) => `## Step ${i}\n\nRun step ${i} and watch the error rate.\n`).join('\n');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(`---\nkind: runbook\nonwer: "@ops"\n---\n\n# Large note\n\n${body}`));
    try {
      const editor = await openFile('runbooks/large-note.md');
      await activeExtension();
      const text = await waitFor(
        () => evaluateInWorkbench<string>(`[...document.querySelectorAll('.statusbar-item')].map((item) => item.textContent).find((text) => /lint on save/.test(text ?? '')) ?? ''`),
        15_000,
        'the status bar to say the note is linted on save',
      );
      assert.match(text, /lint on save/);
      // Not linted on open, nor while typing.
      assert.deepEqual(noteDiagnostics(editor.document.uri), []);
      await editor.edit((edit) => edit.insert(new vscode.Position(5, 0), 'x'));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.deepEqual(noteDiagnostics(editor.document.uri), []);
      // Saved: linted (the `onwer` typo is RN012).
      await editor.document.save();
      await waitFor(() => noteDiagnostics(editor.document.uri).some((found) => ruleId(found) === 'RN012'), 15_000, 'diagnostics after the save');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await settings.update('lint.maxSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    }
  });
});

describe('configuration', () => {
  const configUri = () => workspaceUri('.runbook-notes.json');
  const write = (text: string) => vscode.workspace.fs.writeFile(configUri(), new TextEncoder().encode(text));
  const has = (uri: vscode.Uri, id: string) => noteDiagnostics(uri).some((found) => ruleId(found) === id);

  after(async () => {
    await vscode.workspace.fs.delete(configUri()).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lints again when .runbook-notes.json changes, reports an invalid one, and keeps the last valid one meanwhile', async () => {
    const editor = await openFile('changes/2026-11-12-query-index.md');
    await activeExtension();
    const uri = editor.document.uri;
    await waitFor(() => has(uri, 'RN012'), 15_000, 'RN012 before any configuration');

    await write('{ "rules": { "meta-unknown-key": "off", "RN003": "error" } }\n');
    await waitFor(() => !has(uri, 'RN012'), 15_000, 'RN012 to be turned off by the configuration file');
    const metric = noteDiagnostics(uri).find((found) => ruleId(found) === 'RN003');
    assert.equal(metric?.severity, vscode.DiagnosticSeverity.Error);

    await write('{ "rules": { "RN003": "eror" } }\n');
    const problems = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(configUri());
      return found.length > 0 ? found : undefined;
    }, 15_000, 'a diagnostic on the invalid configuration file');
    assert.match(problems[0]?.message ?? '', /rules\.RN003: expected one of off, info, warning, error; got 'eror'/);
    assert.equal(problems[0]?.range.start.line, 0);
    // The last valid configuration still applies to the note.
    assert.ok(!has(uri, 'RN012'));

    await vscode.workspace.fs.delete(configUri());
    await waitFor(() => has(uri, 'RN012'), 15_000, 'RN012 back once the configuration file is gone');
    await waitFor(() => vscode.languages.getDiagnostics(configUri()).length === 0, 15_000, 'the configuration problems to go with the file');
  });

  it('applies the runbookNotes.rules setting where no configuration file exists', async () => {
    const editor = await openFile('changes/2026-11-12-query-index.md');
    await activeExtension();
    const uri = editor.document.uri;
    await waitFor(() => has(uri, 'RN012'), 15_000, 'RN012 before the setting');
    const settings = vscode.workspace.getConfiguration('runbookNotes');
    await settings.update('rules', { RN012: 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => !has(uri, 'RN012'), 15_000, 'RN012 to be turned off by the setting');
    } finally {
      await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => has(uri, 'RN012'), 15_000, 'RN012 back once the setting is removed');
  });

  it("applies the runbookNotes.placeholders setting: a team's own placeholder is RN009", async () => {
    const editor = await openFile('changes/2026-11-12-query-index.md');
    await activeExtension();
    const uri = editor.document.uri;
    await waitFor(() => has(uri, 'RN012'), 15_000, 'the note linted before the setting');
    assert.ok(!has(uri, 'RN009'), 'no placeholder before the setting');
    const settings = vscode.workspace.getConfiguration('runbookNotes');
    // The reason's value, written as a regular expression on the whole value.
    await settings.update('placeholders', ['^the listing query did .*rows\\.$'], vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => has(uri, 'RN009'), 15_000, 'RN009 on the value the setting names');
    } finally {
      await settings.update('placeholders', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(() => !has(uri, 'RN009'), 15_000, 'RN009 gone once the setting is removed');
  });
});

describe("front matter help from a team's schema", () => {
  const NOTE = 'team/changes/rotate-credentials.md';
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it("completes the schema's enum values and hovers its descriptions; a condition names why a field is required", async () => {
    const editor = await openFile(NOTE);
    await activeExtension();
    const labels = await waitFor(async () => {
      const found = await completionLabels(editor.document, positionAfter(editor.document, 'risk: '));
      return found.includes('medium') ? found : undefined;
    }, 15_000, "the schema's risk values in the completion list");
    for (const value of ['low', 'medium', 'high']) assert.ok(labels.includes(value), value);
    const hovers = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, positionAfter(editor.document, 'ri'));
      return found.length > 0 ? found : undefined;
    }, 15_000, 'a hover on risk');
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /How much can go wrong, as the change board rates it/);
    const diagnostics = await waitForNoteDiagnostics(editor.document.uri);
    assert.ok(diagnostics.some((diagnostic) => /required because risk is high/.test(diagnostic.message)), diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
  });
});
