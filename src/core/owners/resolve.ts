/**
 * Who owns a note according to the repository's ownership files: the CODEOWNERS file at the root
 * and the OWNERS files from the note's folder up. Files are read through the host (disk for the
 * CLI, `vscode.workspace.fs` in the editor), parsed once per resolver and cached, so a run
 * compiles each file's patterns once, whatever the number of notes.
 */
import type { ConfigHost, ResolvedConfig } from '../config/types';
import { dirname, isInside, joinPath, normalizePath, relativePath } from '../paths';
import { CODEOWNERS_LOCATIONS, matchCodeowners, parseCodeowners, type CodeownersFile, type OwnershipProblem } from './codeowners';
import { OWNERS_ALIASES_FILE_NAME, OWNERS_FILE_NAME, parseOwnersAliases, parseOwnersFile, type OwnersAliases, type OwnersFile } from './ownersFiles';

import { OWNER_UNKNOWN_RULE_ID, type OwnerSource } from './sources';

export { OWNER_SOURCES, type OwnerSource } from './sources';

export interface OwnershipHost extends ConfigHost {
  /**
   * Every file named `name` below `root` (absolute paths), skipping dependency and version-control
   * folders. Optional: without it, owner-unknown knows the OWNERS files on the note's own path only.
   */
  findFiles?(root: string, name: string): Promise<string[]>;
}

export type OwnershipFileKind = 'codeowners' | 'owners' | 'owners-aliases';

/** An ownership file that was read, with what is wrong in it (each problem's line was skipped or left out). */
export interface OwnershipFileReport {
  /** Absolute. */
  path: string;
  kind: OwnershipFileKind;
  problems: OwnershipProblem[];
}

/** Owners given to a note by one line of an ownership file. */
export interface OwnerAssignment {
  source: Exclude<OwnerSource, 'note'>;
  /** As written; empty for a CODEOWNERS line that leaves the path without owner. */
  owners: string[];
  /** The ownership file, relative to the repository root (`.github/CODEOWNERS`, `runbooks/db/OWNERS`). */
  file: string;
  /** 1-based. */
  line: number;
  /** The CODEOWNERS pattern that matched. */
  pattern?: string;
  /** The GitLab section the line belongs to. */
  section?: string;
  /** A GitLab optional section (`^[Section]`). */
  optional?: boolean;
}

export interface NoteOwnership {
  /** The repository root (absolute). */
  root: string;
  /** The note's path relative to the root; undefined when the note is outside it (no ownership file applies). */
  path?: string;
  /** The sources configured for the note. */
  sources: readonly OwnerSource[];
  /** The CODEOWNERS file in use, relative to the root; undefined when there is none or `codeowners` is not a source. */
  codeownersFile?: string;
  /** Each CODEOWNERS section's last matching line (one for a file without sections). */
  codeowners: OwnerAssignment[];
  /** The OWNERS files from the note's folder up that name owners, nearest first, up to one with `no_parent_owners`. */
  ownersFiles: OwnerAssignment[];
  /** Whether any OWNERS file lies on the note's path (to say where RN001 looked). */
  ownersFileSeen: boolean;
  /** Owners named anywhere in the repository's ownership files (lower case, no `@`); undefined when there is no ownership file. */
  known?: ReadonlySet<string>;
  /** The ownership files read for this note, with their problems. */
  files: OwnershipFileReport[];
}

interface Loaded<T> {
  path: string;
  parsed?: T;
  report: OwnershipFileReport;
}


export class OwnershipResolver {
  private readonly files = new Map<string, Promise<Loaded<unknown> | undefined>>();
  private readonly codeowners = new Map<string, Promise<Loaded<CodeownersFile> | undefined>>();
  private readonly known = new Map<string, Promise<Set<string> | undefined>>();

  constructor(private readonly host: OwnershipHost) {}

  /** The ownership of a note, for the sources its configuration names. `root` is the repository root (the CLI) or the workspace folder (the editor). */
  async forNote(notePath: string, root: string, config: Pick<ResolvedConfig, 'owners' | 'rules'>): Promise<NoteOwnership> {
    const rootPath = normalizePath(root);
    const absolute = normalizePath(notePath);
    const sources = config.owners.sources;
    const ownership: NoteOwnership = { root: rootPath, sources, codeowners: [], ownersFiles: [], ownersFileSeen: false, files: [] };
    if (!isInside(rootPath, absolute)) return ownership;
    const path = relativePath(rootPath, absolute);
    ownership.path = path;

    if (sources.includes('codeowners')) {
      const codeowners = await this.codeownersFile(rootPath);
      if (codeowners) {
        ownership.codeownersFile = relativePath(rootPath, codeowners.path);
        ownership.files.push(codeowners.report);
        if (codeowners.parsed) {
          for (const match of matchCodeowners(codeowners.parsed, path)) {
            ownership.codeowners.push({ source: 'codeowners', owners: match.owners, file: ownership.codeownersFile, line: match.line, pattern: match.pattern, section: match.section, optional: match.optional || undefined });
          }
        }
      }
    }

    if (sources.includes('owners-files')) {
      for (let folder = dirname(absolute); isInside(rootPath, folder); folder = dirname(folder)) {
        const loaded = await this.load(joinPath(folder, OWNERS_FILE_NAME), 'owners', parseOwnersFile);
        if (loaded) {
          ownership.ownersFileSeen = true;
          ownership.files.push(loaded.report);
          const file = loaded.parsed;
          if (file && file.owners.length > 0) ownership.ownersFiles.push({ source: 'owners-files', owners: file.owners, file: relativePath(rootPath, loaded.path), line: file.line });
          if (file?.noParentOwners) break;
        }
        if (folder === rootPath || dirname(folder) === folder) break;
      }
      const aliases = await this.load(joinPath(rootPath, OWNERS_ALIASES_FILE_NAME), 'owners-aliases', parseOwnersAliases);
      if (aliases) ownership.files.push(aliases.report);
    }

    // owner-unknown compares with every ownership file of the repository, once one covers this note (else a note far from any would be judged by them).
    const covered = ownership.codeownersFile !== undefined || ownership.ownersFileSeen || ownership.files.some((report) => report.kind === 'owners-aliases');
    if (covered && config.rules.get(OWNER_UNKNOWN_RULE_ID)?.severity !== 'off') ownership.known = await this.knownOwners(rootPath, sources, ownership);
    return ownership;
  }

  private codeownersFile(root: string): Promise<Loaded<CodeownersFile> | undefined> {
    let found = this.codeowners.get(root);
    if (!found) {
      found = (async () => {
        // The first of the three locations that exists is the file; the others are not read (GitHub's rule).
        for (const location of CODEOWNERS_LOCATIONS) {
          const loaded = await this.load(joinPath(root, location), 'codeowners', parseCodeowners);
          if (loaded) return loaded;
        }
        return undefined;
      })();
      this.codeowners.set(root, found);
    }
    return found;
  }

  /** A file read and parsed once; undefined when it does not exist. A file that cannot be read is reported, and gives no owners. */
  private load<T extends { problems: OwnershipProblem[] }>(path: string, kind: OwnershipFileKind, parse: (text: string) => T): Promise<Loaded<T> | undefined> {
    let loaded = this.files.get(path) as Promise<Loaded<T> | undefined> | undefined;
    if (!loaded) {
      loaded = this.host.readFile(path).then(
        (text) => {
          if (text === undefined) return undefined;
          const parsed = parse(text);
          return { path, parsed, report: { path, kind, problems: parsed.problems } };
        },
        (error: unknown) => ({ path, report: { path, kind, problems: [{ line: 1, column: 1, endLine: 1, endColumn: 1, message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` }] } }),
      );
      this.files.set(path, loaded as Promise<Loaded<unknown> | undefined>);
    }
    return loaded;
  }

  /** Owners named in any ownership file of the repository, for the configured sources. */
  private async knownOwners(root: string, sources: readonly OwnerSource[], ownership: NoteOwnership): Promise<Set<string> | undefined> {
    // The repository is searched for OWNERS files only when it uses them (one on the note's path, or
    // OWNERS_ALIASES): a repository with CODEOWNERS alone is not walked.
    const usesOwnersFiles = sources.includes('owners-files') && ownership.files.some((report) => report.kind !== 'codeowners');
    const listed = usesOwnersFiles && this.host.findFiles ? await this.allOwnersFiles(root) : undefined;
    // Without a way to list files, the OWNERS files on the note's own path.
    const paths = usesOwnersFiles ? (listed ?? ownership.files.filter((report) => report.kind === 'owners').map((report) => report.path)) : [];
    const key = `${root}\n${sources.join(',')}\n${listed ? '*' : paths.join('\n')}`;
    let known = this.known.get(key);
    if (!known) {
      known = (async () => {
        const names = new Set<string>();
        let anyFile = false;
        const add = (mentioned: ReadonlySet<string> | undefined) => {
          if (!mentioned) return;
          anyFile = true;
          for (const name of mentioned) names.add(name);
        };
        if (sources.includes('codeowners')) add((await this.codeownersFile(root))?.parsed?.mentioned);
        for (const path of paths) add((await this.load(normalizePath(path), 'owners', parseOwnersFile))?.parsed?.mentioned);
        if (usesOwnersFiles) add((await this.load(joinPath(root, OWNERS_ALIASES_FILE_NAME), 'owners-aliases', parseOwnersAliases))?.parsed?.mentioned);
        return anyFile ? names : undefined;
      })();
      this.known.set(key, known);
    }
    return known;
  }

  private readonly listedOwnersFiles = new Map<string, Promise<string[] | undefined>>();

  private allOwnersFiles(root: string): Promise<string[] | undefined> {
    let listed = this.listedOwnersFiles.get(root);
    if (!listed) {
      // A search that fails leaves owner-unknown with the files on the note's path, rather than failing the lint.
      listed = (this.host.findFiles as NonNullable<OwnershipHost['findFiles']>)(root, OWNERS_FILE_NAME).catch(() => undefined);
      this.listedOwnersFiles.set(root, listed);
    }
    return listed;
  }
}

export type { OwnersAliases, OwnersFile };
