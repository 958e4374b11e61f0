/** The editor side: wires VS Code's events to the linter and registers the providers, commands and status bar. */
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, OWNERS_ALIASES_FILE_NAME, OWNERS_FILE_NAME } from '../core';
import { NoteCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { FrontMatterCompletions, FrontMatterHovers } from './frontMatterProviders';
import { Log } from './log';
import { MissingFieldsHover } from './missingFieldsHover';
import { NoteLinter } from './noteLinter';
import { extendMarkdownIt } from './markdownItPlugin';
import { PostMetaPreview, remoteImagesAllowed } from './preview';
import { SECTION } from './settings';
import { SKELETON_TRIGGER_CHARACTERS, SkeletonCompletions } from './skeletonCompletions';
import { NoteStatusBar } from './statusBar';

const MARKDOWN: vscode.DocumentSelector = { language: 'markdown' };

/** Wraps an event handler so that a failure is logged, never thrown into VS Code. */
function guarded<T>(log: Log, what: string, handler: (event: T) => unknown): (event: T) => void {
  return (event) => {
    try {
      const result = handler(event);
      if (result instanceof Promise) result.catch((error: unknown) => log.error(`${what} failed`, error));
    } catch (error) {
      log.error(`${what} failed`, error);
    }
  };
}

/** What VS Code's Markdown preview asks of the extension (`markdown.markdownItPlugins`). */
export interface RunbookNotesApi {
  extendMarkdownIt<T>(md: T): T;
}

export function activate(context: vscode.ExtensionContext): RunbookNotesApi {
  const started = performance.now();
  const log = new Log();
  const linter = new NoteLinter(log);
  context.subscriptions.push(log, linter, new NoteStatusBar(linter));

  const isConfigFile = (uri: vscode.Uri) => uri.path.endsWith(`/${CONFIG_FILE_NAME}`);
  // CODEOWNERS and OWNERS files: an edit re-lints the open notes (read from the editor, unsaved), as does a save or a change on disk.
  const ownershipNames = new Set(['CODEOWNERS', OWNERS_FILE_NAME, OWNERS_ALIASES_FILE_NAME]);
  const isOwnershipFile = (uri: vscode.Uri) => ownershipNames.has(uri.path.slice(uri.path.lastIndexOf('/') + 1));
  const ownershipWatcher = vscode.workspace.createFileSystemWatcher(`**/{${[...ownershipNames].join(',')}}`);
  let ownershipEdit: ReturnType<typeof setTimeout> | undefined;
  const ownershipEdited = (document: vscode.TextDocument) => {
    clearTimeout(ownershipEdit);
    ownershipEdit = setTimeout(() => void linter.reconfigure(), linter.settingsFor(document.uri).delayMs);
  };
  context.subscriptions.push({ dispose: () => clearTimeout(ownershipEdit) });
  const reconfigure = () => linter.reconfigure();
  const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE_NAME}`);
  // Closed notes reported by Lint Workspace follow their file on disk.
  const noteWatcher = vscode.workspace.createFileSystemWatcher('**/*.md', true, false, false);

  context.subscriptions.push(
    configWatcher,
    configWatcher.onDidCreate(guarded(log, 'Reading a new configuration file', reconfigure)),
    configWatcher.onDidChange(guarded(log, 'Reading a changed configuration file', reconfigure)),
    configWatcher.onDidDelete(guarded(log, 'Forgetting a deleted configuration file', reconfigure)),
    ownershipWatcher,
    ownershipWatcher.onDidCreate(guarded(log, 'Reading a new ownership file', reconfigure)),
    ownershipWatcher.onDidChange(guarded(log, 'Reading a changed ownership file', reconfigure)),
    ownershipWatcher.onDidDelete(guarded(log, 'Forgetting a deleted ownership file', reconfigure)),
    noteWatcher,
    noteWatcher.onDidChange(guarded(log, 'Linting a changed file', (uri: vscode.Uri) => linter.lintClosedFileIfOwned(uri))),
    noteWatcher.onDidDelete(guarded(log, 'Forgetting a deleted file', (uri: vscode.Uri) => linter.forget(uri))),
    vscode.workspace.onDidOpenTextDocument(guarded(log, 'Linting an opened note', (document: vscode.TextDocument) => linter.lintDocument(document))),
    vscode.workspace.onDidChangeTextDocument(
      guarded(log, 'Scheduling a lint', (event: vscode.TextDocumentChangeEvent) => {
        if (event.contentChanges.length === 0) return;
        if (isOwnershipFile(event.document.uri)) ownershipEdited(event.document);
        else linter.schedule(event.document);
      }),
    ),
    vscode.workspace.onDidSaveTextDocument(
      guarded(log, 'Linting a saved note', (document: vscode.TextDocument) => (isConfigFile(document.uri) || isOwnershipFile(document.uri) ? reconfigure() : linter.lintDocument(document, 'save'))),
    ),
    vscode.workspace.onDidCloseTextDocument(
      // An ownership file closed without saving: what is on disk applies again.
      guarded(log, 'Closing a note', (document: vscode.TextDocument) => (isOwnershipFile(document.uri) && document.isDirty ? reconfigure() : linter.closed(document))),
    ),
    vscode.workspace.onDidChangeConfiguration(
      guarded(log, 'Applying changed settings', (event: vscode.ConfigurationChangeEvent) => (linter.affectsSettings(event) ? reconfigure() : undefined)),
    ),
    vscode.workspace.onDidChangeWorkspaceFolders(guarded(log, 'Applying changed workspace folders', reconfigure)),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new NoteCodeActions(linter), NoteCodeActions.metadata),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new FrontMatterCompletions(linter), ':', ' '),
    vscode.languages.registerHoverProvider(MARKDOWN, new FrontMatterHovers(linter)),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new SkeletonCompletions(), ...SKELETON_TRIGGER_CHARACTERS),
    vscode.languages.registerHoverProvider(MARKDOWN, new MissingFieldsHover(linter)),
  );
  registerCommands(context, linter, log);

  const preview = new PostMetaPreview(context.extensionUri, linter, log);
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand('runbookNotes.openPreviewToSide', (uri?: vscode.Uri) =>
      uri instanceof vscode.Uri ? vscode.workspace.openTextDocument(uri).then((document) => preview.open(document)) : preview.open(),
    ),
    vscode.commands.registerCommand('runbookNotes.togglePreviewLock', () => preview.toggleLock()),
  );
  for (const document of vscode.workspace.textDocuments) void linter.lintDocument(document);
  // The open notes are linted after this returns (reading configuration is asynchronous).
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms`);

  return {
    extendMarkdownIt: (md) =>
      extendMarkdownIt(md, {
        enabled: (uri) => vscode.workspace.getConfiguration(SECTION, uri).get<boolean>('preview.markdownPreview', true),
        open: (uri) => vscode.workspace.getConfiguration(SECTION, uri).get<boolean>('preview.markdownPreviewOpen', false),
        remoteImages: (uri) => (uri ? remoteImagesAllowed(uri) : false),
        config: (uri) => linter.configNow(uri ?? vscode.Uri.file('/untitled.md')),
        ownership: (uri) => (uri ? linter.ownershipNow(uri) : undefined),
        log: (message, error) => log.error(message, error),
      }),
  };
}

export function deactivate(): void {
  // Everything is disposed through the extension context's subscriptions.
}
