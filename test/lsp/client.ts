/**
 * A real LSP client for the tests: the server is spawned as users run it (`node dist/cli.js lsp
 * --stdio`) and spoken to with vscode-languageserver-protocol's node connection. Server-to-client
 * requests are answered as an editor would: settings from `settings`, registrations recorded.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  UnregistrationRequest,
  type ClientCapabilities,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
} from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

export const uriOf = (file: string): string => pathToFileURL(file).href;

export interface ClientOptions {
  /** Folders of the workspace (absolute paths). */
  folders: string[];
  /** Pull diagnostics (LSP 3.17) instead of push. */
  pull?: boolean;
  /** `workspace/configuration` support; its answer for the `runbookNotes` section. */
  settings?: Record<string, unknown>;
  configuration?: boolean;
  initializationOptions?: unknown;
  snippets?: boolean;
  /** `workspace/didChangeWatchedFiles` with dynamic registration (default true). */
  watchFiles?: boolean;
  /** The CLI bundle to run (default dist/cli.js; the benchmark runs the shipped, minified one). */
  cli?: string;
}

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcessWithoutNullStreams;
  readonly logs: string[] = [];
  readonly messages: string[] = [];
  readonly registrations: Registration[] = [];
  readonly unregistered: string[] = [];
  refreshes = 0;
  configurationRequests = 0;
  settings: Record<string, unknown>;
  stderr = '';
  /** The diagnostics last published for each URI, and when they arrived (performance.now()). */
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly publishedAt = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];

  constructor(readonly options: ClientOptions) {
    this.settings = options.settings ?? {};
    this.child = spawn(process.execPath, [options.cli ?? CLI, 'lsp', '--stdio'], { stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.publishedAt.set(params.uri, performance.now());
      this.published.set(params.uri, params);
      this.notify();
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    this.connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params.message);
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      return params.items.map((item) => (item.section === 'runbookNotes' ? this.settings : null));
    });
    this.connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations);
      this.notify();
    });
    this.connection.onRequest(UnregistrationRequest.type, (params) => {
      this.unregistered.push(...params.unregisterations.map((item) => item.id));
    });
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      this.notify();
    });
    this.connection.listen();
  }

  async initialize(): Promise<Awaited<ReturnType<TestClient['sendInitialize']>>> {
    const result = await this.sendInitialize();
    await this.connection.sendNotification(InitializedNotification.type, {});
    return result;
  }

  private sendInitialize() {
    const options = this.options;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration ?? true,
        workspaceFolders: true,
        didChangeWatchedFiles: { dynamicRegistration: options.watchFiles ?? true },
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true },
        ...(options.pull ? { diagnostics: { refreshSupport: true } } : {}),
      },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { versionSupport: true, codeDescriptionSupport: true },
        completion: { completionItem: { snippetSupport: options.snippets ?? true, documentationFormat: ['markdown', 'plaintext'] } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
        ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
    };
    return this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.folders[0] ? uriOf(options.folders[0]) : null,
      workspaceFolders: options.folders.map((folder) => ({ uri: uriOf(folder), name: path.basename(folder) })),
      capabilities,
      initializationOptions: options.initializationOptions,
    });
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Waits until `check` holds (checked on every message that can change it), at most `timeoutMs`; says what it waited for when it fails. */
  async waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\nServer log:\n${this.logs.join('\n')}\n${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for diagnostics of `uri` published for `version` (any version when undefined). */
  diagnosticsOf(uri: string, version?: number, accept: (diagnostics: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${uri}${version === undefined ? '' : ` version ${version}`}`, () => {
      const published = this.published.get(uri);
      return published && (version === undefined || published.version === version) && accept(published.diagnostics) ? published.diagnostics : undefined;
    });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    if (this.child.exitCode !== null) return this.child.exitCode;
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      this.child.kill();
    }
    const timer = setTimeout(() => this.child.kill(), 5000);
    const code = await exited;
    clearTimeout(timer);
    this.connection.dispose();
    return code;
  }
}
