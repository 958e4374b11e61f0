/**
 * Runs the core on notes and owns their diagnostics: open documents as they change, closed files
 * when the whole workspace is linted, and problems of configuration files.
 */
import * as vscode from 'vscode';
import { binaryContentDiagnostic, ConfigError, ConfigResolver, decodeNote, kindForPath, lintText, OwnershipResolver, resolveConfig, resolveKind, SectionCache, selectMarkdownFiles, stripBom, type ConfigProblem, type LintResult, type NoteOwnership, type OwnershipFileReport, type ResolvedConfig } from '../core';
import { SOURCE, toVscodeDiagnostic } from './convert';
import type { Log } from './log';
import { readSettings, SECTION, type FolderSettings } from './settings';
import { workspaceConfigHost, workspaceFileTreeHost, workspaceOwnershipHost } from './workspaceHost';

/** The last lint of an open document, for the version it was made for. */
export interface LintState {
  version: number;
  result: LintResult;
  config: ResolvedConfig;
  /** What the ownership files said about the note at that lint. */
  ownership?: NoteOwnership;
}

/** Schemes whose documents are views of something else (diffs, output), never notes to lint. */
const IGNORED_SCHEMES = new Set(['git', 'gitfs', 'output', 'vscode-scm', 'vscode-notebook-cell', 'comment']);

/**
 * Everything kept for one open note, owned and disposed whole: its last lint, its section cache, its pending
 * lint timer and, over the size limit, its size.
 */
class OpenNote {
  state: LintState | undefined;
  /** Its sections as last parsed, so that a keystroke re-parses only the section it touched. */
  readonly cache = new SectionCache();
  /** The size of a note over the size limit, which is linted on save only. */
  largeSize: number | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Runs `lint` after `delayMs`, replacing a wait already running. */
  schedule(delayMs: number, lint: () => void): void {
    this.cancel();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      lint();
    }, delayMs);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

interface FolderState {
  resolver: ConfigResolver;
  /** CODEOWNERS and OWNERS files of the folder, each parsed once until they change. */
  ownership: OwnershipResolver;
  settings: FolderSettings;
  /** The base every relative glob of the settings starts from, and where no configuration file is found. */
  root: string;
}

/** A problem of a configuration or ownership file (1-based positions) as a diagnostic on that file. */
function fileProblemDiagnostic(problem: ConfigProblem, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const range = new vscode.Range(problem.line - 1, problem.column - 1, problem.endLine - 1, problem.endColumn - 1);
  const diagnostic = new vscode.Diagnostic(range, problem.message, severity);
  diagnostic.source = SOURCE;
  return diagnostic;
}

/** Why a note is linted: a save or a command lints a note over the size limit, anything else (opening, typing, hovering) does not. */
export type LintTrigger = 'save' | 'command' | 'other';

export interface WorkspaceLintSummary {
  files: number;
  notes: number;
  problems: number;
  skipped: { path: string; reason: string }[];
  cancelled: boolean;
}

export class NoteLinter implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly configCollection = vscode.languages.createDiagnosticCollection(`${SOURCE}-config`);
  /** Problems of CODEOWNERS and OWNERS files: the line is skipped, the rest of the file applies. */
  private readonly ownershipCollection = vscode.languages.createDiagnosticCollection(`${SOURCE}-owners`);
  /** The ownership files whose problems are shown, by URI: each is set once per read of the file. */
  private readonly ownershipReports = new Map<string, OwnershipFileReport>();
  /** Open notes by URI, each entry owning its state, cache and timer (see OpenNote). */
  private readonly notes = new Map<string, OpenNote>();
  private readonly folders = new Map<string, FolderState>();
  /** The last configuration that worked for a note (open, or reported by a workspace lint): used while its configuration file is broken. Pruned with the note. */
  private readonly lastGoodConfig = new Map<string, ResolvedConfig>();
  /** Closed files whose diagnostics come from a workspace lint: closing them does not clear those. */
  private readonly workspaceOwned = new Set<string>();
  private readonly didLint = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics changed. */
  readonly onDidLint = this.didLint.event;

  constructor(private readonly log: Log) {}

  static isCandidate(document: vscode.TextDocument): boolean {
    return document.languageId === 'markdown' && !IGNORED_SCHEMES.has(document.uri.scheme);
  }

  /** The last result for the document's current version, if there is one. */
  current(document: vscode.TextDocument): LintState | undefined {
    const state = this.notes.get(document.uri.toString())?.state;
    return state && state.version === document.version ? state : undefined;
  }

  private noteFor(key: string): OpenNote {
    let note = this.notes.get(key);
    if (!note) this.notes.set(key, (note = new OpenNote()));
    return note;
  }

  /**
   * The result for the document as it is now: the cached one, or a fresh lint. Undefined when linting
   * is off for it, or for a note over the size limit unless a command asked (`trigger`).
   */
  async resultFor(document: vscode.TextDocument, trigger: LintTrigger = 'other'): Promise<LintState | undefined> {
    const cached = this.current(document);
    if (cached) return cached;
    await this.lintDocument(document, trigger);
    return this.current(document);
  }

  private folderFor(uri: vscode.Uri): FolderState {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const rootUri = folder?.uri ?? vscode.Uri.joinPath(uri, '..');
    const key = rootUri.toString();
    let state = this.folders.get(key);
    if (!state) {
      const root = rootUri.path;
      const settings = readSettings(folder?.uri ?? uri, root);
      for (const problem of settings.problems) this.log.warnOnce(`settings:${key}:${problem}`, `${problem}. Linting goes on without the rules, kinds and fields settings.`);
      // Without a folder (a single file), the walk up for configuration files goes to the filesystem root.
      const resolver = new ConfigResolver(workspaceConfigHost(rootUri), { defaultRoot: root, stopAt: folder ? root : undefined, settings: settings.layer });
      state = { resolver, ownership: new OwnershipResolver(workspaceOwnershipHost(rootUri)), settings, root };
      this.folders.set(key, state);
    }
    return state;
  }

  settingsFor(uri: vscode.Uri): FolderSettings {
    return this.folderFor(uri).settings;
  }

  /**
   * The configuration for a note. A broken configuration file gets diagnostics of its own and the
   * note keeps the last configuration that worked (the defaults, the first time).
   */
  async configFor(uri: vscode.Uri): Promise<ResolvedConfig> {
    const folder = this.folderFor(uri);
    const key = uri.toString();
    try {
      const config = await folder.resolver.forNote(uri.path);
      for (const file of config.files) this.clearConfigProblems(uri.with({ path: file }));
      this.lastGoodConfig.set(key, config);
      return config;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const fileUri = uri.with({ path: error.file });
      this.configCollection.set(
        fileUri,
        error.problems.map((problem) => fileProblemDiagnostic(problem, vscode.DiagnosticSeverity.Error)),
      );
      this.log.warnOnce(`config:${fileUri.toString()}`, `${error.message}\nNotes are linted with the last valid configuration until this is fixed.`);
      return this.lastGoodConfig.get(key) ?? resolveConfig(folder.settings.layer ? [folder.settings.layer] : [], folder.root);
    }
  }

  /**
   * What the folder's CODEOWNERS and OWNERS files say about a note; their problems become
   * diagnostics on those files. Undefined (the note alone then names its owner) when they cannot be read.
   */
  async ownershipFor(uri: vscode.Uri, config: ResolvedConfig): Promise<NoteOwnership | undefined> {
    const folder = this.folderFor(uri);
    try {
      const ownership = await folder.ownership.forNote(uri.path, folder.root, config);
      for (const report of ownership.files) this.showOwnershipProblems(uri.with({ path: report.path }), report);
      return ownership;
    } catch (error) {
      this.log.error(`Reading the ownership files for ${uri.toString(true)} failed`, error);
      return undefined;
    }
  }

  private showOwnershipProblems(file: vscode.Uri, report: OwnershipFileReport): void {
    const key = file.toString();
    if (this.ownershipReports.get(key) === report) return;
    this.ownershipReports.set(key, report);
    // A warning: the line is skipped and the rest of the file applies, unlike a configuration file that cannot be used.
    this.ownershipCollection.set(
      file,
      report.problems.map((problem) => fileProblemDiagnostic(problem, vscode.DiagnosticSeverity.Warning)),
    );
  }

  /** What the ownership files said at the note's last lint, whatever its version: for callers that cannot wait (the Markdown preview). */
  ownershipNow(uri: vscode.Uri): NoteOwnership | undefined {
    return this.notes.get(uri.toString())?.state?.ownership;
  }

  /** The configuration a note was last linted with, or the folder's settings and defaults: for callers that cannot wait (the Markdown preview). */
  configNow(uri: vscode.Uri): ResolvedConfig {
    const last = this.lastGoodConfig.get(uri.toString());
    if (last) return last;
    const folder = this.folderFor(uri);
    return resolveConfig(folder.settings.layer ? [folder.settings.layer] : [], folder.root);
  }

  private clearConfigProblems(file: vscode.Uri): void {
    if (!this.configCollection.has(file)) return;
    this.configCollection.delete(file);
    this.log.resolved(`config:${file.toString()}`);
    this.log.info(`${file.path} is valid again.`);
  }

  /** The size of an open note over `runbookNotes.lint.maxSizeMB`, which is then linted on save only. */
  largeNoteSize(document: vscode.TextDocument): number | undefined {
    return this.notes.get(document.uri.toString())?.largeSize;
  }

  /** The document's length in characters, without copying its text. */
  private static sizeOf(document: vscode.TextDocument): number {
    return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
  }

  /** Lints an open note. Notes over the size limit are linted only on a save or for a command. */
  async lintDocument(document: vscode.TextDocument, trigger: LintTrigger = 'other'): Promise<void> {
    if (!NoteLinter.isCandidate(document)) return;
    const key = document.uri.toString();
    const settings = this.settingsFor(document.uri);
    if (!settings.enable) {
      this.forget(document.uri);
      return;
    }
    const version = document.version;
    try {
      const config = await this.configFor(document.uri);
      // The text may have changed, or the document closed, while the configuration was read: that result is dropped.
      if (document.isClosed || document.version !== version) return;
      const text = document.getText();
      const note = this.noteFor(key);
      if (text.length > settings.maxSizeBytes && resolveKind(text, document.uri.path, config).isNote) {
        const known = note.largeSize !== undefined;
        note.largeSize = text.length;
        if (trigger === 'other') {
          // Never skipped silently: the status bar says the note waits for a save.
          if (!known) this.log.info(`${vscode.workspace.asRelativePath(document.uri)} is over ${SECTION}.lint.maxSizeMB: it is linted on save only.`);
          this.didLint.fire(document.uri);
          return;
        }
      } else {
        note.largeSize = undefined;
      }
      const ownership = await this.ownershipFor(document.uri, config);
      if (document.isClosed || document.version !== version) return;
      const result = lintText(text, { path: document.uri.path, config, cache: note.cache, ownership });
      this.log.internalErrors(document.uri.toString(true), result.internalErrors);
      note.state = { version, result, config, ownership };
      this.collection.set(document.uri, result.diagnostics.map((diagnostic) => toVscodeDiagnostic(diagnostic, document.uri)));
      this.didLint.fire(document.uri);
    } catch (error) {
      this.log.error(`Linting ${document.uri.toString(true)} failed`, error);
      this.log.warnOnce(`lint-failed:${key}`, `linting ${vscode.workspace.asRelativePath(document.uri)} failed; see the output for details.`);
    }
  }

  /** Lints after the folder's delay, restarting the wait on every change; with `onSave`, waits for the save. */
  schedule(document: vscode.TextDocument): void {
    if (!NoteLinter.isCandidate(document)) return;
    const settings = this.settingsFor(document.uri);
    if (settings.run === 'onSave') return;
    const note = this.noteFor(document.uri.toString());
    if (NoteLinter.sizeOf(document) > settings.maxSizeBytes && note.largeSize !== undefined) return;
    note.schedule(settings.delayMs, () => void this.lintDocument(document));
  }

  /** Drops everything kept for an open note, its pending lint included. */
  private dropNote(key: string): void {
    this.notes.get(key)?.cancel();
    this.notes.delete(key);
  }

  /** A document was closed: its diagnostics go, unless a workspace lint reported them. */
  closed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.dropNote(key);
    if (!this.workspaceOwned.has(key)) {
      this.lastGoodConfig.delete(key);
      this.collection.delete(document.uri);
    }
  }

  /** Linting is off for the note, or it is no note (any more): everything kept for it goes, its pending lint too. */
  forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.dropNote(key);
    this.lastGoodConfig.delete(key);
    this.workspaceOwned.delete(key);
    this.collection.delete(uri);
    this.didLint.fire(uri);
  }

  private pendingReconfigure: Promise<void> | undefined;

  /**
   * Settings or configuration files changed: read them again and lint what is shown. A saved
   * configuration file is reported twice (the save and the file watcher): calls that come
   * together share one re-read.
   */
  reconfigure(): Promise<void> {
    this.pendingReconfigure ??= new Promise((resolve) => setTimeout(resolve, 50)).then(() => {
      // Cleared before the work starts: a change that arrives meanwhile gets a re-read of its own.
      this.pendingReconfigure = undefined;
      return this.reconfigureNow();
    });
    return this.pendingReconfigure;
  }

  private async reconfigureNow(): Promise<void> {
    this.folders.clear();
    for (const note of this.notes.values()) note.state = undefined;
    // Problems of configuration files are found again by the lints below; a deleted file's must not linger.
    this.configCollection.forEach((uri) => this.log.resolved(`config:${uri.toString()}`));
    this.configCollection.clear();
    this.ownershipCollection.clear();
    this.ownershipReports.clear();
    await Promise.all(vscode.workspace.textDocuments.map((document) => this.lintDocument(document)));
    const closed = [...this.workspaceOwned].filter((key) => !vscode.workspace.textDocuments.some((document) => document.uri.toString() === key));
    await Promise.all(closed.map((key) => this.lintClosedFile(vscode.Uri.parse(key))));
  }

  /** Lints a file from disk (or its open document), reporting into the Problems panel. Returns the number of problems, or a reason it was skipped. */
  async lintClosedFile(uri: vscode.Uri): Promise<{ note: boolean; problems: number } | { skipped: string }> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) {
      await this.lintDocument(open, 'command');
      const state = this.current(open);
      return { note: state?.result.isNote ?? false, problems: state?.result.diagnostics.length ?? 0 };
    }
    const settings = this.settingsFor(uri);
    if (!settings.enable) return { note: false, problems: 0 };
    let bytes: Uint8Array;
    try {
      // A huge file would hold the extension host for a minute: it is listed as skipped, with the way to lint it.
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > settings.maxSizeBytes) {
        return { skipped: `${(size / 1024 / 1024).toFixed(1)} MB, over ${SECTION}.lint.maxSizeMB (${(settings.maxSizeBytes / 1024 / 1024).toFixed(1)} MB): open and save it to lint it` };
      }
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      this.forget(uri);
      return { skipped: error instanceof Error ? error.message : String(error) };
    }
    const decoded = decodeNote(bytes);
    if (decoded.kind === 'skipped' && !decoded.binary) return { skipped: decoded.reason };
    const config = await this.configFor(uri);
    if (decoded.kind === 'skipped') {
      // A binary file where a note belongs is an error on the note, as in the CLI; elsewhere (an image named .md) it is only skipped.
      if (!kindForPath(uri.path, config)) return { skipped: decoded.reason };
      this.workspaceOwned.add(uri.toString());
      this.collection.set(uri, [toVscodeDiagnostic(binaryContentDiagnostic(), uri)]);
      return { note: true, problems: 1 };
    }
    const ownership = await this.ownershipFor(uri, config);
    // The editor's model of a file has no byte order mark: positions must match what it shows.
    const result = lintText(stripBom(decoded.text).text, { path: uri.path, config, ownership });
    this.log.internalErrors(uri.toString(true), result.internalErrors);
    if (!result.isNote) {
      this.forget(uri);
      return { note: false, problems: 0 };
    }
    this.workspaceOwned.add(uri.toString());
    this.collection.set(uri, result.diagnostics.map((diagnostic) => toVscodeDiagnostic(diagnostic, uri)));
    return { note: true, problems: result.diagnostics.length };
  }

  /** A file changed on disk: lint it again if a workspace lint reported it and no editor has it open. */
  async lintClosedFileIfOwned(uri: vscode.Uri): Promise<void> {
    if (this.workspaceOwned.has(uri.toString()) && !vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString())) await this.lintClosedFile(uri);
  }

  /** Every Markdown file of the workspace, open or not, into the Problems panel. */
  async lintWorkspace(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<WorkspaceLintSummary> {
    // The same files as `runbook-notes lint` in each folder: the core's file selection (Markdown files, Git's ignore files applied).
    const files: vscode.Uri[] = [];
    const unreadable: { path: string; reason: string }[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const selected = await selectMarkdownFiles(folder.uri.path, workspaceFileTreeHost(folder.uri), {
        cancelled: () => token.isCancellationRequested,
        onProblem: (problem) => unreadable.push({ path: vscode.workspace.asRelativePath(folder.uri.with({ path: problem.path })), reason: problem.message }),
      });
      files.push(...selected.map((path) => folder.uri.with({ path })));
    }
    const summary: WorkspaceLintSummary = { files: files.length, notes: 0, problems: 0, skipped: unreadable, cancelled: token.isCancellationRequested };
    let done = 0;
    for (const uri of files) {
      if (token.isCancellationRequested) {
        summary.cancelled = true;
        break;
      }
      // One file that breaks the engine costs that file, not the rest of the workspace.
      const outcome = await this.lintClosedFile(uri).catch((error: unknown) => {
        this.log.error(`Linting ${uri.toString(true)} failed`, error);
        return { skipped: `internal error (${error instanceof Error ? error.message : String(error)}); see the output` };
      });
      if ('skipped' in outcome) summary.skipped.push({ path: vscode.workspace.asRelativePath(uri), reason: outcome.skipped });
      else if (outcome.note) {
        summary.notes++;
        summary.problems += outcome.problems;
      }
      done++;
      progress.report({ message: `${done} of ${files.length} files`, increment: 100 / files.length });
    }
    return summary;
  }

  affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
    return event.affectsConfiguration(SECTION);
  }

  dispose(): void {
    for (const note of this.notes.values()) note.cancel();
    this.notes.clear();
    this.collection.dispose();
    this.configCollection.dispose();
    this.ownershipCollection.dispose();
    this.didLint.dispose();
  }
}
