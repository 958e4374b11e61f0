/** The commands of the manifest: new notes from templates, workspace lint, fix all, missing fields, output. */
import * as vscode from 'vscode';
import { BUILTIN_KINDS, kindLabel, noteSnippet, noteTemplate, resolveConfig, withArticle } from '../core';
import { fixAllEdit } from './codeActions';
import { toRange, toWorkspaceEdit } from './convert';
import type { Log } from './log';
import { NoteLinter, type WorkspaceLintSummary } from './noteLinter';
import { SHOW_MISSING_FIELDS } from './statusBar';

/** `runbooks/new-runbook.md` for `**\/runbooks/**\/*.md`: the folder the kind's first glob names, or none. */
export function defaultNotePath(kind: string, today: Date): string {
  const glob = BUILTIN_KINDS.find((candidate) => candidate.name === kind)?.include[0] ?? '';
  const folder = glob
    .split('/')
    .filter((segment) => segment !== '**')
    .filter((segment, index, all) => index < all.length - 1 && !/[*?[{]/.test(segment))
    .join('/');
  const name = kind === 'change-note' ? `${today.toISOString().slice(0, 10)}-new-change.md` : `new-${kind}.md`;
  return folder ? `${folder}/${name}` : name;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function folderOf(target: vscode.Uri | undefined): vscode.Uri | undefined {
  const base = target ?? vscode.window.activeTextEditor?.document.uri;
  const folder = (base && vscode.workspace.getWorkspaceFolder(base)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri;
}

/**
 * Creates a note of `kind` from its template and opens it with the first placeholder selected.
 * `target` may name the new file (tests, other extensions) or a folder to create it in (the
 * Explorer's context menu); otherwise the user is asked for a path in the workspace.
 */
async function newNote(linter: NoteLinter, kind: string, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  let file: vscode.Uri | undefined;
  const targetIsFolder = target ? await vscode.workspace.fs.stat(target).then((stat) => (stat.type & vscode.FileType.Directory) !== 0, () => false) : false;
  if (target && !targetIsFolder) file = target;
  else {
    const base = targetIsFolder ? target : folderOf(target);
    if (!base) {
      // No folder to write into: the note opens untitled, to be saved wherever the user likes.
      // Nowhere to look for configuration files either: the built-in kinds' templates.
      const config = resolveConfig([], '/');
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      await fillIn(document, new vscode.SnippetString(noteSnippet(kind, config)));
      return document.uri;
    }
    const suggested = targetIsFolder ? `new-${kind}.md` : defaultNotePath(kind, new Date());
    const nameStart = suggested.lastIndexOf('/') + 1;
    const answer = await vscode.window.showInputBox({
      title: `New ${kindLabel(kind)}`,
      prompt: `File name of the new ${kindLabel(kind).toLowerCase()}, relative to ${vscode.workspace.asRelativePath(base, true) || base.path}`,
      value: suggested,
      valueSelection: [nameStart, suggested.length - 3],
      validateInput: async (value) => {
        const name = value.trim();
        if (!name) return 'Enter a file name, such as restart-api.md.';
        if (/(^|\/)\.\.(\/|$)/.test(name)) return 'The note must stay inside the folder: remove the "..".';
        const candidate = vscode.Uri.joinPath(base, name.endsWith('.md') ? name : `${name}.md`);
        return (await exists(candidate)) ? `${vscode.workspace.asRelativePath(candidate)} already exists: choose another name.` : undefined;
      },
    });
    if (answer === undefined) return undefined;
    const name = answer.trim();
    file = vscode.Uri.joinPath(base, name.endsWith('.md') ? name : `${name}.md`);
  }
  if (await exists(file)) {
    void vscode.window.showErrorMessage(`Runbook Notes: ${vscode.workspace.asRelativePath(file)} already exists; nothing was written.`);
    return undefined;
  }
  const config = await linter.configFor(file);
  const template = noteTemplate(kind, config);
  if (template === undefined) {
    void vscode.window.showErrorMessage(`Runbook Notes: no kind '${kind}' in the configuration for ${vscode.workspace.asRelativePath(file)}.`);
    return undefined;
  }
  // The file holds the plain template (a note closed unsaved is still whole); the editor then
  // replaces it with the same text as a snippet, so that Tab walks through its placeholders.
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(template));
  const snippet = noteSnippet(kind, config);
  await fillIn(await vscode.workspace.openTextDocument(file), snippet === undefined ? new vscode.SnippetString().appendText(template) : new vscode.SnippetString(snippet));
  return file;
}

/** Shows the document and replaces its text with the snippet: the cursor lands on the first placeholder (the title). */
async function fillIn(document: vscode.TextDocument, snippet: vscode.SnippetString): Promise<void> {
  const editor = await vscode.window.showTextDocument(document);
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  await editor.insertSnippet(snippet, whole);
}

async function lintWorkspace(linter: NoteLinter, log: Log): Promise<WorkspaceLintSummary> {
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Runbook Notes: linting the workspace', cancellable: true },
    (progress, token) => linter.lintWorkspace(progress, token),
  );
  for (const skipped of summary.skipped) log.info(`Skipped ${skipped.path}: ${skipped.reason}`);
  const problems = `${summary.problems} problem${summary.problems === 1 ? '' : 's'} in ${summary.notes} note${summary.notes === 1 ? '' : 's'}`;
  const skipped = summary.skipped.length > 0 ? `; ${summary.skipped.length} skipped (see the output)` : '';
  const message = `${summary.cancelled ? 'Stopped: ' : ''}${problems} (${summary.files} Markdown files${skipped}).`;
  log.info(`Lint Workspace: ${message}`);
  void vscode.window.showInformationMessage(`Runbook Notes: ${message}`);
  return summary;
}

async function fixAllInEditor(linter: NoteLinter): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !NoteLinter.isCandidate(editor.document)) {
    void vscode.window.showInformationMessage('Runbook Notes: open a note to fix its problems.');
    return false;
  }
  const document = editor.document;
  // Fixes are offsets into one version of the text. A note that changes while they are computed
  // gets them computed again for its new version, never the old ones applied to the new text.
  for (let attempt = 0; attempt < 3; attempt++) {
    const version = document.version;
    const state = await linter.resultFor(document, 'command');
    if (document.isClosed) return false;
    if (document.version !== version || (state && state.version !== document.version)) continue;
    const edit = state && fixAllEdit(document, state);
    if (!state || !edit) {
      void vscode.window.showInformationMessage('Runbook Notes: nothing in this note can be fixed automatically.');
      return false;
    }
    // Nothing is awaited between the version check and the edit: it is made for the version it was computed for.
    return vscode.workspace.applyEdit(toWorkspaceEdit(document, [edit]));
  }
  void vscode.window.showInformationMessage('Runbook Notes: the note kept changing while its fixes were computed; nothing was changed. Run Fix All again.');
  return false;
}

async function showMissingFields(linter: NoteLinter): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const state = editor && (await linter.resultFor(editor.document, 'command'));
  if (!editor || !state?.result.isNote) {
    void vscode.window.showInformationMessage('Runbook Notes: the active file is not a note.');
    return;
  }
  const result = state.result;
  const kind = result.kind ? withArticle(result.kind) : 'this note';
  const missing = result.required.filter((field) => !field.filled);
  if (result.required.length === 0) {
    void vscode.window.showInformationMessage(`Runbook Notes: ${kind} has no required fields.`);
    return;
  }
  if (missing.length === 0) {
    void vscode.window.showInformationMessage(`Runbook Notes: all ${result.required.length} fields required in ${kind} are filled.`);
    return;
  }
  const items = missing.map((field) => {
    const finding = result.diagnostics.find((diagnostic) => diagnostic.missingField === field.name) ?? result.diagnostics.find((diagnostic) => diagnostic.message.toLowerCase().includes(field.title.toLowerCase()));
    return { label: field.title, description: finding ? finding.ruleId : undefined, detail: finding?.message, finding };
  });
  const picked = await vscode.window.showQuickPick(items, { title: `Missing in ${kind}: ${missing.length} of ${result.required.length} required fields`, placeHolder: 'Pick a field to go to its finding and its quick fixes' });
  if (!picked?.finding || editor.document.version !== state.version) return;
  const range = toRange(picked.finding.range);
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range);
  await vscode.commands.executeCommand('editor.action.quickFix');
}

export function registerCommands(context: vscode.ExtensionContext, linter: NoteLinter, log: Log): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('runbookNotes.newRunbook', (target?: vscode.Uri) => newNote(linter, 'runbook', target)),
    vscode.commands.registerCommand('runbookNotes.newChangeNote', (target?: vscode.Uri) => newNote(linter, 'change-note', target)),
    vscode.commands.registerCommand('runbookNotes.newPost', (target?: vscode.Uri) => newNote(linter, 'post', target)),
    vscode.commands.registerCommand('runbookNotes.lintWorkspace', () => lintWorkspace(linter, log)),
    vscode.commands.registerCommand('runbookNotes.fixAll', () => fixAllInEditor(linter)),
    vscode.commands.registerCommand(SHOW_MISSING_FIELDS, () => showMissingFields(linter)),
    vscode.commands.registerCommand('runbookNotes.showOutput', () => log.channel.show()),
  );
}
