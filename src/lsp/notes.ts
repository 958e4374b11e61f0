/**
 * The open notes of a language-server session and their lint results: the server's counterpart
 * of the extension's NoteLinter. One SectionCache per open note (a keystroke re-parses the section
 * it touched), one ConfigResolver per workspace folder, settings per folder from the client.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CODEOWNERS_LOCATIONS, ConfigError, ConfigResolver, CONFIG_FILE_NAME, lintText, noteTemplate, OWNERS_ALIASES_FILE_NAME, OWNERS_FILE_NAME, OwnershipResolver, resolveConfig, resolveKind, SectionCache, settingsFrom, SETTINGS_SECTION, type FolderSettings, type LintResult, type NoteOwnership, type ResolvedConfig } from '../core';
import { repositoryRoot, toPosix } from '../cli/files';
import { RecordingFileHost } from './fileHost';

/** The last lint of an open note, for the version it was made for; `resultId` names it for pull diagnostics. */
export interface NoteState {
  version: number;
  result: LintResult;
  config: ResolvedConfig;
  /** What the ownership files said for the note (CODEOWNERS, OWNERS), for re-lints of the same version (fix all). */
  ownership: NoteOwnership;
  resultId: string;
}

/** Why a note is linted: a save lints a note over the size limit, anything else (opening, typing, a request) does not. */
export type LintTrigger = 'save' | 'other';

interface FolderState {
  resolver: ConfigResolver;
  /** CODEOWNERS and OWNERS files, each parsed once until a watched file changes (reconfigure drops the folder states). */
  ownership: OwnershipResolver;
  settings: FolderSettings;
  /** Where the built-in kinds' globs start when no configuration file applies (the folder, or the note's folder outside any). */
  root: string;
}

export interface NotesHost {
  connection: Connection;
  /** Whether settings are asked for with `workspace/configuration` (else they come with `initializationOptions` and `workspace/didChangeConfiguration`). */
  pullSettings: boolean;
  /** The file names whose changes re-lint changed: the server registers watchers for them again. */
  watchedNamesChanged(): void;
  /** Says something to the user once per key (a window message), until `resolved(key)`. */
  warnOnce(key: string, message: string): void;
  resolved(key: string): void;
  /** Problems of a configuration file (1-based positions), or none: published on the file's URI. */
  configProblems(file: string, problems: ConfigError['problems']): void;
}

/**
 * A document URI as the absolute posix path the core speaks. Other schemes (`untitled:`, a
 * remote file system) get a path under `/<scheme>/`, which names no file on disk: such a note is
 * a note by its `kind:` and is linted with the settings and the built-in configuration.
 */
export function pathOfUri(uri: string): string {
  try {
    if (uri.startsWith('file:')) return toPosix(fileURLToPath(uri));
    const url = new URL(uri);
    return path.posix.normalize(`/${url.protocol.replace(/:$/, '')}/${decodeURIComponent(url.pathname)}`);
  } catch {
    return '/untitled/note.md';
  }
}

/** Looks up `lint.delayMs` in `{ lint: { delayMs } }` or in `{ "lint.delayMs": … }`: clients send either. */
export function settingValue(values: unknown, key: string): unknown {
  if (typeof values !== 'object' || values === null) return undefined;
  const record = values as Record<string, unknown>;
  if (key in record) return record[key];
  let current: unknown = record;
  for (const segment of key.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

export class Notes {
  private readonly states = new Map<string, NoteState>();
  private readonly caches = new Map<string, SectionCache>();
  private readonly pending = new Map<string, { version: number; lint: Promise<NoteState | undefined> }>();
  private readonly folderStates = new Map<string, Promise<FolderState>>();
  private readonly lastGoodConfig = new Map<string, ResolvedConfig>();
  /** Configuration files with problems published, by path. */
  private readonly brokenConfigFiles = new Set<string>();
  /** Open notes over `lint.maxSizeMB`: linted on save only. */
  readonly largeNotes = new Set<string>();
  private nextResultId = 1;
  private host: RecordingFileHost;
  /** Settings sent by the client (init options, didChangeConfiguration), for clients without `workspace/configuration`. */
  pushedSettings: unknown;
  /** Workspace folders as absolute posix paths, longest first (the innermost folder holding a note wins). */
  private folders: { uri: string; path: string }[] = [];

  constructor(private readonly server: NotesHost) {
    this.host = this.newHost();
  }

  private newHost(): RecordingFileHost {
    // Ownership files are watched from the start: a CODEOWNERS or OWNERS file created later changes who owns a note.
    const ownershipNames = [...new Set(CODEOWNERS_LOCATIONS.map((location) => location.slice(location.lastIndexOf('/') + 1)))];
    return new RecordingFileHost([CONFIG_FILE_NAME, ...ownershipNames, OWNERS_FILE_NAME, OWNERS_ALIASES_FILE_NAME], () => this.server.watchedNamesChanged());
  }

  get fileHost(): RecordingFileHost {
    return this.host;
  }

  setFolders(folders: readonly { uri: string }[]): void {
    this.folders = folders.map((folder) => ({ uri: folder.uri, path: pathOfUri(folder.uri) })).sort((a, b) => b.path.length - a.path.length);
  }

  private folderOf(notePath: string): { uri?: string; path: string; key: string } {
    const folder = this.folders.find((candidate) => notePath === candidate.path || notePath.startsWith(candidate.path.endsWith('/') ? candidate.path : `${candidate.path}/`));
    if (folder) return { uri: folder.uri, path: folder.path, key: `folder:${folder.path}` };
    // Outside every folder (a single file opened): its own folder, and the walk up goes to the filesystem root, as in the CLI.
    const own = path.posix.dirname(notePath);
    return { path: own, key: `file:${own}` };
  }

  private folderFor(notePath: string, noteUri: string): Promise<FolderState> {
    const folder = this.folderOf(notePath);
    let state = this.folderStates.get(folder.key);
    if (!state) {
      state = this.readSettings(folder.uri ?? noteUri, folder.path).then((settings) => ({
        settings,
        root: folder.path,
        ownership: new OwnershipResolver(this.host.host),
        // Found as the CLI finds them: the nearest `.runbook-notes.json` walking up from the note, and
        // without one the Git repository holding the note (else the folder) anchors the built-in kinds.
        resolver: new ConfigResolver(this.host.host, {
          defaultRoot: folder.path,
          rootFor: async (noteFolder) => (await repositoryRoot(noteFolder)) ?? folder.path,
          settings: settings.layer,
        }),
      }));
      this.folderStates.set(folder.key, state);
      // A failed read is not cached: the next lint asks again.
      state.catch(() => this.folderStates.delete(folder.key));
    }
    return state;
  }

  private async readSettings(scopeUri: string, base: string): Promise<FolderSettings> {
    let values: unknown = this.pushedSettings;
    if (this.server.pullSettings) {
      try {
        [values] = (await this.server.connection.workspace.getConfiguration([{ scopeUri, section: SETTINGS_SECTION }])) as unknown[];
      } catch (error) {
        this.server.connection.console.warn(`Reading the ${SETTINGS_SECTION} settings failed; using the defaults: ${describe(error)}`);
        values = undefined;
      }
    }
    // Some clients answer with the whole settings object rather than its `runbookNotes` section.
    if (typeof values === 'object' && values !== null && typeof (values as Record<string, unknown>)[SETTINGS_SECTION] === 'object') values = (values as Record<string, unknown>)[SETTINGS_SECTION];
    const settings = settingsFrom((key) => settingValue(values, key), base);
    for (const problem of settings.problems) this.server.warnOnce(`settings:${problem}`, `${problem}. Linting goes on without the rules, kinds and fields settings.`);
    return settings;
  }

  /** The configuration for a note; a broken configuration file is reported on that file, and the note keeps the last configuration that worked. */
  private async configFor(notePath: string, folder: FolderState): Promise<ResolvedConfig> {
    try {
      const config = await folder.resolver.forNote(notePath);
      for (const file of config.files) this.clearConfigProblems(file);
      this.lastGoodConfig.set(notePath, config);
      return config;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.brokenConfigFiles.add(error.file);
      this.server.configProblems(error.file, error.problems);
      this.server.warnOnce(`config:${error.file}`, `${error.message}\nNotes are linted with the last valid configuration until this is fixed.`);
      return this.lastGoodConfig.get(notePath) ?? resolveConfig(folder.settings.layer ? [folder.settings.layer] : [], folder.root);
    }
  }

  private clearConfigProblems(file: string): void {
    if (!this.brokenConfigFiles.delete(file)) return;
    this.server.configProblems(file, []);
    this.server.resolved(`config:${file}`);
    this.server.connection.console.info(`${file} is valid again.`);
  }

  /** The last result for the document's current version, if there is one. */
  current(document: TextDocument): NoteState | undefined {
    const state = this.states.get(document.uri);
    return state && state.version === document.version ? state : undefined;
  }

  /** The last result, whatever version it was made for (a note over the size limit keeps its last save's). */
  last(uri: string): NoteState | undefined {
    return this.states.get(uri);
  }

  async settingsOf(document: TextDocument): Promise<FolderSettings> {
    return (await this.folderFor(pathOfUri(document.uri), document.uri)).settings;
  }

  /**
   * The result for the document as it is now: the cached one, or a fresh lint (one lint per
   * version, however many ask). Undefined when linting is off, the document changed meanwhile,
   * or for a note over the size limit unless it was saved.
   */
  resultFor(document: TextDocument, trigger: LintTrigger = 'other'): Promise<NoteState | undefined> {
    const cached = this.current(document);
    if (cached && (trigger === 'other' || !this.largeNotes.has(document.uri))) return Promise.resolve(cached);
    const pending = this.pending.get(document.uri);
    if (pending && pending.version === document.version && trigger === 'other') return pending.lint;
    const lint = this.lint(document, trigger).finally(() => {
      if (this.pending.get(document.uri)?.lint === lint) this.pending.delete(document.uri);
    });
    this.pending.set(document.uri, { version: document.version, lint });
    return lint;
  }

  private async lint(document: TextDocument, trigger: LintTrigger): Promise<NoteState | undefined> {
    const notePath = pathOfUri(document.uri);
    const version = document.version;
    const folder = await this.folderFor(notePath, document.uri);
    if (!folder.settings.enable) {
      this.forget(document.uri);
      return undefined;
    }
    const config = await this.configFor(notePath, folder);
    // The text changed while the configuration was read: that version is not linted (the next request lints the new one).
    if (document.version !== version || !this.caches.has(document.uri)) return undefined;
    const text = document.getText();
    if (text.length > folder.settings.maxSizeBytes && resolveKind(text, notePath, config).isNote) {
      if (!this.largeNotes.has(document.uri)) {
        this.largeNotes.add(document.uri);
        this.server.connection.console.info(`${notePath} is over ${SETTINGS_SECTION}.lint.maxSizeMB (${text.length} characters): it is linted on save only.`);
      }
      if (trigger !== 'save') return undefined;
    } else {
      this.largeNotes.delete(document.uri);
    }
    const cache = this.caches.get(document.uri) as SectionCache;
    // Ownership files belong to the Git repository holding the note, as in the CLI (else the workspace folder).
    const ownership = await folder.ownership.forNote(notePath, (await repositoryRoot(path.posix.dirname(notePath))) ?? folder.root, config);
    if (document.version !== version || !this.caches.has(document.uri)) return undefined;
    const result = lintText(text, { path: notePath, config, cache, ownership });
    for (const internal of result.internalErrors) {
      this.server.connection.console.error(`Internal error in rule ${internal.ruleId} ${internal.rule} while linting ${document.uri}; the other rules ran. Please report it with this stack:\n${internal.stack}`);
    }
    const state: NoteState = { version, result, config, ownership, resultId: String(this.nextResultId++) };
    this.states.set(document.uri, state);
    return state;
  }

  /**
   * Lints a note made from the runbook template once, with the built-in configuration: this loads
   * the validation library and compiles the engine's paths, most of a first lint's time, so that
   * the first note opened gets its diagnostics as fast as the next ones. Synchronous: the server
   * calls it while answering `initialize`.
   */
  warmUpEngine(): void {
    const config = resolveConfig([], '/');
    lintText(noteTemplate('runbook', config) ?? '', { path: '/warm-up/runbooks/warm-up.md', config, cache: new SectionCache() });
  }

  /**
   * Reads each workspace folder's settings and configuration while the client opens its first
   * note (reading them takes round trips to the client and to the disk). Problems found here are
   * left for the first lint to report.
   */
  async prefetchFolders(): Promise<void> {
    await Promise.all(
      this.folders.map(async (folder) => {
        const note = `${folder.path.replace(/\/$/, '')}/note.md`;
        const state = await this.folderFor(note, folder.uri);
        await state.resolver.forNote(note).catch(() => undefined);
      }),
    );
  }

  opened(document: TextDocument): void {
    this.caches.set(document.uri, new SectionCache());
  }

  /** A closed note is forgotten (its section cache too). */
  closed(uri: string): void {
    this.forget(uri);
    this.caches.delete(uri);
  }

  private forget(uri: string): void {
    this.states.delete(uri);
    this.pending.delete(uri);
    this.largeNotes.delete(uri);
  }

  /** Settings, folders or configuration files changed: everything is read again on the next lint. */
  reconfigure(): void {
    this.folderStates.clear();
    this.states.clear();
    this.pending.clear();
    // lastGoodConfig stays: a configuration file broken by this change must not turn the defaults back on.
    // Problems of configuration files are found again by the next lints; a deleted file's must not linger.
    for (const file of this.brokenConfigFiles) {
      this.server.configProblems(file, []);
      this.server.resolved(`config:${file}`);
    }
    this.brokenConfigFiles.clear();
  }
}

export function fileUri(posixPath: string): string {
  return pathToFileURL(posixPath).href;
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
