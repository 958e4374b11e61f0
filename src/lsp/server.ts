/**
 * The language server: the core's diagnostics, code actions and front matter help for any LSP
 * client (Neovim, Helix, Zed, Emacs, JetBrains), over a connection made by `main.ts`.
 *
 * Diagnostics are pulled (`textDocument/diagnostic`, LSP 3.17) where the client supports it and
 * pushed (`textDocument/publishDiagnostics`) otherwise. No request or note can stop the server: a
 * bad request is answered with an LSP error and logged, a failure while linting is logged.
 */
import type { CancellationToken, ClientCapabilities, Connection, Disposable, DocumentDiagnosticReport, InitializeParams, InitializeResult, ServerCapabilities } from 'vscode-languageserver';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  MarkupKind,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SETTINGS_SECTION } from '../core';
import { SOURCE, toLspDiagnostic } from './convert';
import { codeActions, completions, FIX_ALL_KIND, hover, type ClientFeatures } from './features';
import { describe, fileUri, Notes, pathOfUri, type LintTrigger } from './notes';

declare const RUNBOOK_NOTES_VERSION: string;
const VERSION = typeof RUNBOOK_NOTES_VERSION === 'string' ? RUNBOOK_NOTES_VERSION : '0.0.0-dev';

/** How long a burst of watched-file or settings changes is gathered before open notes are re-linted, in milliseconds. */
const RECONFIGURE_DELAY_MS = 50;

interface Position {
  line: number;
  character: number;
}

const isPosition = (value: unknown): value is Position => {
  const position = value as Partial<Position> | undefined;
  return typeof position === 'object' && position !== null && Number.isInteger(position.line) && Number.isInteger(position.character) && (position.line as number) >= 0 && (position.character as number) >= 0;
};

const invalid = (message: string) => new ResponseError(ErrorCodes.InvalidParams, message);

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let capabilities: ClientCapabilities = {};
  let client: ClientFeatures = { documentChanges: false, snippets: false, completionMarkdown: false, hoverMarkdown: false };
  let pullDiagnostics = false;
  const shownWarnings = new Set<string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents whose didOpen is being handled: the change event TextDocuments fires with it is not a change. */
  const justOpened = new Set<string>();
  let watcherRegistration: Promise<Disposable> | undefined;
  let watcherUpdate: Promise<void> = Promise.resolve();
  let reconfigureTimer: ReturnType<typeof setTimeout> | undefined;

  const notes = new Notes({
    connection,
    get pullSettings() {
      return capabilities.workspace?.configuration === true;
    },
    watchedNamesChanged: () => {
      watcherUpdate = watcherUpdate.then(registerWatchers);
    },
    warnOnce(key, message) {
      connection.console.warn(message);
      if (shownWarnings.has(key)) return;
      shownWarnings.add(key);
      // A notification, not window/showMessageRequest: there is nothing to answer, and every client shows these.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Runbook Notes: ${message}` });
    },
    resolved: (key) => shownWarnings.delete(key),
    configProblems(file, problems) {
      void connection.sendDiagnostics({
        uri: fileUri(file),
        diagnostics: problems.map((problem) => ({
          range: { start: { line: problem.line - 1, character: problem.column - 1 }, end: { line: problem.endLine - 1, character: problem.endColumn - 1 } },
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          message: problem.message,
        })),
      });
    },
  });

  /** Wraps a request handler: its failure is logged and answered with an LSP error, never thrown into the connection. */
  function request<P, R>(method: string, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (error) {
        if (error instanceof ResponseError) {
          connection.console.warn(`${method}: ${error.message}`);
          throw error;
        }
        connection.console.error(`${method} failed: ${describe(error)}`);
        throw new ResponseError(LSPErrorCodes.RequestFailed, `${method} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }

  /** Wraps a notification or event handler: its failure is logged. */
  function guarded<P>(what: string, handler: (params: P) => unknown) {
    return (params: P): void => {
      try {
        const result = handler(params);
        if (result instanceof Promise) result.catch((error: unknown) => connection.console.error(`${what} failed: ${describe(error)}`));
      } catch (error) {
        connection.console.error(`${what} failed: ${describe(error)}`);
      }
    };
  }

  /** The open document a request names; an LSP error saying what is wrong otherwise. */
  function documentOf(params: unknown): TextDocument {
    const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    if (typeof uri !== 'string') throw invalid('expected params.textDocument.uri, a document URI');
    const document = documents.get(uri);
    if (!document) throw invalid(`${uri} is not open: send textDocument/didOpen first`);
    return document;
  }

  function offsetOf(document: TextDocument, params: unknown): number {
    const position = (params as { position?: unknown } | undefined)?.position;
    if (!isPosition(position)) throw invalid(`expected params.position as { line, character }, whole numbers from 0; got ${JSON.stringify(position)}`);
    return document.offsetAt(position);
  }

  function registerWatchers(): Promise<void> {
    if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) return Promise.resolve();
    const previous = watcherRegistration;
    const watchers = notes.fileHost.watchedNames().map((name) => ({ globPattern: `**/${name}` }));
    watcherRegistration = connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
    return (previous ?? Promise.resolve(undefined))
      .then((registration) => registration?.dispose())
      .then(() => watcherRegistration)
      .then(
        () => undefined,
        (error: unknown) => connection.console.warn(`Registering file watchers failed (configuration changes are seen after a restart): ${describe(error)}`),
      );
  }

  /** Push mode: lints the document and publishes the result, unless a newer version is on its way. */
  async function publish(document: TextDocument, trigger: LintTrigger): Promise<void> {
    const state = await notes.resultFor(document, trigger);
    const current = documents.get(document.uri);
    if (!current || current.version !== document.version) return;
    if (!state) {
      // A note over the size limit keeps what its last save showed; a disabled one shows nothing.
      if (!notes.largeNotes.has(document.uri)) await connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
      return;
    }
    await connection.sendDiagnostics({ uri: document.uri, version: state.version, diagnostics: state.result.diagnostics.map(toLspDiagnostic) });
  }

  async function schedule(document: TextDocument): Promise<void> {
    const settings = await notes.settingsOf(document);
    if (settings.run === 'onSave') return;
    clearTimeout(timers.get(document.uri));
    timers.set(
      document.uri,
      setTimeout(
        guarded(`Linting ${document.uri}`, () => {
          timers.delete(document.uri);
          const current = documents.get(document.uri);
          return current && publish(current, 'other');
        }),
        settings.delayMs,
      ),
    );
  }

  /** Settings, folders or configuration files changed: read them again and lint the open notes. */
  function reconfigure(): void {
    // Forgotten at once, so that a note opened meanwhile is linted with what changed; the re-lint of open notes waits for the burst to end.
    notes.reconfigure();
    clearTimeout(reconfigureTimer);
    reconfigureTimer = setTimeout(
      guarded('Applying changed configuration', async () => {
        if (pullDiagnostics) {
          if (capabilities.workspace?.diagnostics?.refreshSupport) await connection.languages.diagnostics.refresh();
          return;
        }
        await Promise.all(documents.all().map((document) => publish(document, 'other')));
      }),
      RECONFIGURE_DELAY_MS,
    );
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    capabilities = params.capabilities ?? {};
    const textDocument = capabilities.textDocument;
    client = {
      documentChanges: capabilities.workspace?.workspaceEdit?.documentChanges === true,
      snippets: textDocument?.completion?.completionItem?.snippetSupport === true,
      completionMarkdown: textDocument?.completion?.completionItem?.documentationFormat?.includes(MarkupKind.Markdown) ?? false,
      hoverMarkdown: textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown) ?? false,
    };
    pullDiagnostics = textDocument?.diagnostic !== undefined;
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : params.rootPath ? [{ uri: fileUri(params.rootPath) }] : []);
    notes.setFolders(folders);
    const options = params.initializationOptions as { runbookNotes?: unknown; settings?: { runbookNotes?: unknown } } | undefined;
    notes.pushedSettings = options?.runbookNotes ?? options?.settings?.runbookNotes;
    const serverCapabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
      completionProvider: { triggerCharacters: [':', ' '] },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    };
    // Before answering: the client opens its first note right after, and its diagnostics should not wait for this.
    try {
      notes.warmUpEngine();
    } catch (error) {
      connection.console.error(`Warming up the engine failed (linting goes on): ${describe(error)}`);
    }
    if (pullDiagnostics) serverCapabilities.diagnosticProvider = { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false };
    return { capabilities: serverCapabilities, serverInfo: { name: SOURCE, version: VERSION } };
  });

  connection.onInitialized(
    guarded('Initializing', async () => {
      connection.console.info(`runbook-notes language server ${VERSION}: diagnostics ${pullDiagnostics ? 'pulled' : 'pushed'}, settings ${capabilities.workspace?.configuration ? 'from workspace/configuration' : 'from initializationOptions'}.`);
      if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) await connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
      if (capabilities.workspace?.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          guarded('Applying changed workspace folders', async () => {
            notes.setFolders((await connection.workspace.getWorkspaceFolders()) ?? []);
            reconfigure();
          }),
        );
      }
      watcherUpdate = watcherUpdate.then(registerWatchers);
      await Promise.all([watcherUpdate, notes.prefetchFolders()]);
    }),
  );

  connection.onDidChangeConfiguration(
    guarded('Applying changed settings', (params: { settings?: unknown }) => {
      const settings = params?.settings as { runbookNotes?: unknown } | undefined;
      if (settings && typeof settings === 'object' && SETTINGS_SECTION in settings) notes.pushedSettings = settings.runbookNotes;
      reconfigure();
    }),
  );

  connection.onDidChangeWatchedFiles(
    guarded('Applying changed files', (params: { changes?: { uri?: unknown }[] }) => {
      const changes = Array.isArray(params?.changes) ? params.changes : [];
      if (changes.some((change) => typeof change?.uri === 'string' && notes.fileHost.concerns(pathOfUri(change.uri)))) reconfigure();
    }),
  );

  documents.onDidOpen(
    guarded('Linting an opened note', (event: { document: TextDocument }) => {
      justOpened.add(event.document.uri);
      notes.opened(event.document);
      if (!pullDiagnostics) return publish(event.document, 'other');
      return undefined;
    }),
  );
  documents.onDidChangeContent(
    guarded('Scheduling a lint', (event: { document: TextDocument }) => {
      if (justOpened.delete(event.document.uri) || pullDiagnostics) return undefined;
      return schedule(event.document);
    }),
  );
  documents.onDidSave(
    guarded('Linting a saved note', async (event: { document: TextDocument }) => {
      // A client that cannot watch files never says a configuration file changed: a save is when it is read again.
      if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) reconfigure();
      if (!pullDiagnostics) return publish(event.document, 'save');
      await notes.resultFor(event.document, 'save');
      if (capabilities.workspace?.diagnostics?.refreshSupport) await connection.languages.diagnostics.refresh();
      return undefined;
    }),
  );
  documents.onDidClose(
    guarded('Closing a note', (event: { document: TextDocument }) => {
      const uri = event.document.uri;
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      justOpened.delete(uri);
      notes.closed(uri);
      if (!pullDiagnostics) return connection.sendDiagnostics({ uri, diagnostics: [] });
      return undefined;
    }),
  );

  connection.languages.diagnostics.on(
    request('textDocument/diagnostic', async (params: { previousResultId?: string }): Promise<DocumentDiagnosticReport> => {
      const document = documentOf(params);
      const settings = await notes.settingsOf(document);
      // With lint.run onSave, an edit is not linted: the last lint (of the opened or saved text) stands until the next save.
      const saved = settings.run === 'onSave' ? notes.last(document.uri) : undefined;
      let state = saved ?? (await notes.resultFor(document));
      // Over the size limit: what the last save's lint found.
      if (!state && settings.enable) state = notes.last(document.uri);
      if (!state) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      if (params.previousResultId === state.resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: state.resultId };
      return { kind: DocumentDiagnosticReportKind.Full, resultId: state.resultId, items: state.result.diagnostics.map(toLspDiagnostic) };
    }),
  );

  connection.onCodeAction(
    request('textDocument/codeAction', async (params) => {
      const document = documentOf(params);
      const range = (params as { range?: { start?: unknown; end?: unknown } }).range;
      if (!isPosition(range?.start) || !isPosition(range?.end)) throw invalid('expected params.range as { start, end } positions');
      const context = (params as { context?: { diagnostics?: unknown; only?: unknown } }).context;
      if (typeof context !== 'object' || context === null) throw invalid('expected params.context, an object');
      if (context.diagnostics !== undefined && !Array.isArray(context.diagnostics)) throw invalid('expected params.context.diagnostics, a list');
      if (context.only !== undefined && !(Array.isArray(context.only) && context.only.every((kind) => typeof kind === 'string'))) throw invalid('expected params.context.only, a list of code action kinds');
      const state = await notes.resultFor(document);
      if (!state || state.version !== document.version) return [];
      return codeActions(document, state, params, client);
    }),
  );

  connection.onCompletion(
    request('textDocument/completion', async (params) => {
      const document = documentOf(params);
      const offset = offsetOf(document, params);
      return completions(document, offset, await notes.resultFor(document), client);
    }),
  );

  connection.onHover(
    request('textDocument/hover', async (params) => {
      const document = documentOf(params);
      const offset = offsetOf(document, params);
      return hover(document, offset, await notes.resultFor(document), client);
    }),
  );

  documents.listen(connection);
  connection.listen();
}
