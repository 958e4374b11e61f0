/** Which files a `lint` run covers (paths, folders through the core's file selection, globs), and reading and writing notes. */
import { closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, promises as fs, readFileSync, statSync, type Dirent, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { decodeNote, type DecodeOutcome, type TextEncoding } from '../core/decode';
import { selectMarkdownFiles, type FileTreeHost, type FolderEntry } from '../core/fileSelection';

export interface FileProblem {
  path: string;
  message: string;
}

export interface CollectedFiles {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Arguments or entries that could not be read: each makes the run exit 2. */
  problems: FileProblem[];
}

const GLOB_CHARACTERS = /[*?[\]{}!]/;

export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

function fromPosix(file: string): string {
  return path.sep === '/' ? file : file.split('/').join(path.sep);
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENOTDIR':
      return 'not a folder';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Whether a path exists (a broken link included), asked without the thread pool: the lookups of a
 * run's start (a `.git` in each folder up to the root, an argument's status) are each one system
 * call, and an await per call cost a one-note run a few milliseconds (`npm run bench`).
 */
function existsNow(file: string): boolean {
  try {
    return lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** The file tree as the core's file selection reads it: Node's file system, posix paths. */
export const nodeFileTreeHost: FileTreeHost = {
  async readDirectory(folder: string): Promise<FolderEntry[]> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(fromPosix(folder), { withFileTypes: true });
    } catch (error) {
      throw new Error(describeError(error));
    }
    return Promise.all(
      entries.map(async (entry): Promise<FolderEntry> => {
        if (!entry.isSymbolicLink()) return { name: entry.name, type: entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other', symbolicLink: false };
        const target = await fs.stat(path.join(fromPosix(folder), entry.name)).catch((error: unknown) => describeError(error));
        if (typeof target === 'string') return { name: entry.name, type: 'missing', symbolicLink: true, problem: target };
        return { name: entry.name, type: target.isFile() ? 'file' : target.isDirectory() ? 'directory' : 'other', symbolicLink: true };
      }),
    );
  },
  async readFile(file: string): Promise<string | undefined> {
    return fs.readFile(fromPosix(file), 'utf8').catch(() => undefined);
  },
  exists: (file: string) => exists(fromPosix(file)),
};

const repositoryRoots = new Map<string, Promise<string | undefined>>();

/** The Git repository holding a folder (the nearest folder with a `.git`), if any: the CLI's workspace for a note. */
export function repositoryRoot(folder: string): Promise<string | undefined> {
  let found = repositoryRoots.get(folder);
  if (!found) {
    if (existsNow(path.join(folder, '.git'))) found = Promise.resolve(folder);
    else {
      const parent = path.dirname(folder);
      found = parent === folder ? Promise.resolve(undefined) : repositoryRoot(parent);
    }
    repositoryRoots.set(folder, found);
  }
  return found;
}

async function walkFolder(folder: string, cwd: string, problems: FileProblem[]): Promise<string[]> {
  const files = await selectMarkdownFiles(toPosix(folder), nodeFileTreeHost, {
    onProblem: (problem) => problems.push({ path: toPosix(path.relative(cwd, fromPosix(problem.path))) || '.', message: problem.message }),
  });
  return files.map(fromPosix);
}

/** `\[draft\]` → `[draft]`: a glob's escapes removed, for the path the user meant. */
function unescapeGlob(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** A path's status, or the error that says why there is none (one blocking call: see existsNow). */
function statOrError(file: string): Stats | NodeJS.ErrnoException {
  try {
    return statSync(file);
  } catch (error) {
    return error as NodeJS.ErrnoException;
  }
}

/**
 * The files a `lint` run covers, from the arguments as users type them: a path that exists is
 * taken as it is (a folder named `[slug]` included) before any glob reading; then the path with
 * its glob escapes removed (`notes/\[draft\].md`); then a glob (picomatch, relative to the
 * current folder). A folder is walked by the core's file selection (Markdown files, `.gitignore`
 * applied as Git does). A pattern that matches nothing, or an argument that cannot be read, is a
 * problem named by the argument as typed. An argument that starts with `!` and names no existing
 * path excludes what it matches (`!runbooks/legacy/**`, `!drafts`: a folder with all below it), as
 * in markdownlint-cli2; with only exclusions, the current folder is linted.
 */
export async function collectFiles(targets: readonly string[], cwd: string): Promise<CollectedFiles> {
  const found = new Set<string>();
  const problems: FileProblem[] = [];
  const includes: string[] = [];
  const excludes: ((relative: string) => boolean)[] = [];
  for (const target of targets) {
    if (target.length > 1 && target.startsWith('!') && (statOrError(path.resolve(cwd, target))) instanceof Error) {
      const pattern = toPosix(target.slice(1)).replace(/^\.\//, '').replace(/\/+$/, '');
      try {
        excludes.push(picomatch([pattern, `${pattern}/**`], { dot: true }));
      } catch (error) {
        problems.push({ path: target, message: `not a valid exclusion pattern: ${(error as Error).message}` });
      }
    } else {
      includes.push(target);
    }
  }
  for (const target of includes.length > 0 || excludes.length === 0 ? includes : ['.']) {
    if (target === '') {
      problems.push({ path: "''", message: 'an empty argument names no file' });
      continue;
    }
    let literal = target;
    let stat = statOrError(path.resolve(cwd, target));
    if (stat instanceof Error && target.includes('\\')) {
      const unescaped = unescapeGlob(target);
      const second = statOrError(path.resolve(cwd, unescaped));
      if (!(second instanceof Error)) {
        stat = second;
        literal = unescaped;
      }
    }
    if (stat instanceof Error) {
      if (stat.code === 'ENOENT' && GLOB_CHARACTERS.test(target)) await collectGlob(target, cwd, found, problems);
      else problems.push({ path: target, message: `cannot read: ${describeError(stat)}` });
      continue;
    }
    const absolute = path.resolve(cwd, literal);
    if (stat.isDirectory()) for (const file of await walkFolder(absolute, cwd, problems)) found.add(file);
    else if (stat.isFile()) found.add(absolute);
    else problems.push({ path: target, message: 'cannot read: not a regular file' });
  }
  const kept = excludes.length === 0 ? [...found] : [...found].filter((file) => !excludes.some((excluded) => excluded(toPosix(path.relative(cwd, file)))));
  return { files: kept.sort(), problems };
}

async function collectGlob(pattern: string, cwd: string, found: Set<string>, problems: FileProblem[]): Promise<void> {
  // `../notes/*.md` and `docs/**/*.md` alike: walk the pattern's static folder, match what lies below it.
  // picomatch matches `[slug]` both as a class and as the literal folder name (Next.js, Astro routes).
  const posix = toPosix(pattern);
  const { base, glob, isGlob } = picomatch.scan(posix);
  if (!isGlob || glob === '') {
    // Every special character escaped: a literal path, and it does not exist.
    problems.push({ path: pattern, message: `cannot read: no such file or directory (${unescapeGlob(posix)})` });
    return;
  }
  const root = path.resolve(cwd, unescapeGlob(base) || '.');
  let matches: (file: string) => boolean;
  try {
    matches = picomatch(glob, { dot: true });
  } catch (error) {
    problems.push({ path: pattern, message: `not a valid glob: ${(error as Error).message}` });
    return;
  }
  const rootStat = statOrError(root);
  if (rootStat instanceof Error || !rootStat.isDirectory()) {
    problems.push({ path: pattern, message: `no Markdown file matches this pattern (its folder ${toPosix(path.relative(cwd, root)) || '.'} ${rootStat instanceof Error ? 'does not exist' : 'is not a folder'})` });
    return;
  }
  let matched = 0;
  for (const file of await walkFolder(root, cwd, problems)) {
    if (matches(toPosix(path.relative(root, file)))) {
      found.add(file);
      matched++;
    }
  }
  if (matched === 0) problems.push({ path: pattern, message: 'no Markdown file matches this pattern' });
}

export type { TextEncoding };

/**
 * The largest file read as a note. Real notes are a few kilobytes; linting grows linearly, about
 * half a second per megabyte here, so 32 MB is a quarter of a minute, while 100 MB (a log or an
 * export with a `.md` name) would take a minute and gigabytes of memory for nothing.
 */
export const MAX_NOTE_BYTES = 32 * 1024 * 1024;

export type ReadOutcome =
  | (Extract<DecodeOutcome, { kind: 'text' }> & {
      /** The bytes read: `--fix` writes only over the very same bytes. */
      bytes: Buffer;
    })
  | Extract<DecodeOutcome, { kind: 'skipped' }>
  | { kind: 'error'; message: string };

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Reads a note: UTF-8, or UTF-16 with a byte order mark; anything else, or anything over MAX_NOTE_BYTES, is skipped with a reason. */
export async function readNote(file: string): Promise<ReadOutcome> {
  let buffer: Buffer;
  try {
    // Non-blocking, so that a file swapped for a named pipe since the walk cannot stall the run.
    const handle = await fs.open(file, READ_FLAGS);
    try {
      const stat = await handle.stat();
      const refused = refuseToRead(stat);
      if (refused) return refused;
      buffer = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { kind: 'error', message: `cannot read: ${describeError(error)}` };
  }
  return noteFromBytes(buffer);
}

/**
 * readNote, blocking: for `lint`, on the main thread and in each worker, which have nothing else to
 * do meanwhile. Four awaited steps per file cost a large run a few percent, and a one-note run a
 * few milliseconds; these calls cost a tenth of that. Opened non-blocking: a named pipe is refused, not waited on.
 */
export function readNoteSync(file: string): ReadOutcome {
  let buffer: Buffer;
  try {
    const descriptor = openSync(file, READ_FLAGS);
    try {
      const refused = refuseToRead(fstatSync(descriptor));
      if (refused) return refused;
      buffer = readFileSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch (error) {
    return { kind: 'error', message: `cannot read: ${describeError(error)}` };
  }
  return noteFromBytes(buffer);
}

const READ_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/**
 * A small text file as UTF-8 (a configuration or an ownership file), read blocking, as readNoteSync:
 * undefined when it does not exist (ENOENT, ENOTDIR). Throws the file system's error otherwise, with
 * `code` EISDIR for a folder and ENOTFILE for anything else that is not a regular file (a named pipe,
 * a device), which is never read.
 */
export function readTextFileSync(file: string): string | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(file, READ_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  try {
    const stat = fstatSync(descriptor);
    // The callers name the file: the messages say only what is wrong with it.
    if (stat.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    return readFileSync(descriptor, 'utf8');
  } finally {
    closeSync(descriptor);
  }
}

/** Why a file is not read at all, from its status: not a file, or too large. */
function refuseToRead(stat: { isFile(): boolean; size: number }): ReadOutcome | undefined {
  if (!stat.isFile()) return { kind: 'error', message: 'cannot read: not a regular file' };
  if (stat.size > MAX_NOTE_BYTES) return { kind: 'skipped', reason: `too large for a note (${formatSize(stat.size)}; the limit is ${formatSize(MAX_NOTE_BYTES)})` };
  return undefined;
}

/** A note from bytes already read (standard input, or a file): decoded, or skipped with the reason. */
export function noteFromBytes(buffer: Buffer): ReadOutcome {
  // It may have grown between the size check and the read.
  if (buffer.length > MAX_NOTE_BYTES) return { kind: 'skipped', reason: `too large for a note (${formatSize(buffer.length)}; the limit is ${formatSize(MAX_NOTE_BYTES)})` };
  const decoded = decodeNote(buffer);
  return decoded.kind === 'text' ? { ...decoded, bytes: buffer } : decoded;
}

/** The bytes of a note in the encoding it was read in (a UTF-16 note keeps its byte order mark, which is part of its text). */
export function encodeNote(text: string, encoding: TextEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const bytes = Buffer.from(text, 'utf16le');
  return encoding === 'utf16le' ? bytes : bytes.swap16();
}

/** The file is not what was read any more (another program, or another run, wrote it): nothing was written. */
export class ChangedOnDiskError extends Error {
  constructor() {
    super('changed on disk since it was read; not fixed (run again to fix it)');
    this.name = 'ChangedOnDiskError';
  }
}

export interface WriteOptions {
  /**
   * The bytes (readNote's) the new content was made from. The file is replaced only
   * if it still holds those bytes (else ChangedOnDiskError), or left alone if it already holds the
   * new content (another run wrote the same fixes).
   */
  unchangedSince?: Uint8Array;
}

/**
 * Writes through a temporary file in the same folder and a rename, so that an interrupted run
 * never leaves a half-written note. Follows a symbolic link to the real file and keeps its mode
 * (and its owner, where the process may set it).
 */
export async function writeFileAtomic(file: string, content: string | Buffer, options: WriteOptions = {}): Promise<void> {
  let target: string;
  // A new file (render -o) gets the default mode, the umask applied; an existing one keeps its own.
  let existing: { mode: number; uid: number; gid: number } | undefined;
  try {
    target = await fs.realpath(file);
    const stat = await fs.stat(target);
    existing = { mode: stat.mode & 0o7777, uid: stat.uid, gid: stat.gid };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    // A note deleted since it was read is not written back.
    if (missing && options.unchangedSince !== undefined) throw new ChangedOnDiskError();
    if (!missing) throw error;
    target = path.resolve(file);
  }
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let handle: FileHandle;
  try {
    handle = await fs.open(temporary, 'wx', existing?.mode ?? 0o666);
  } catch (error) {
    // Said of the folder: the temporary file's name means nothing to the reader.
    const folder = path.dirname(target);
    const code = (error as NodeJS.ErrnoException).code;
    throw Object.assign(new Error(code === 'ENOENT' ? `the folder ${folder} does not exist` : `cannot create a file in ${folder}: ${describeError(error)}`), { code });
  }
  try {
    await handle.writeFile(bytes);
    await handle.sync();
    if (existing) {
      await handle.chmod(existing.mode);
      const own = await handle.stat();
      // Root fixing someone else's note must not take it over; others cannot give files away, and need not.
      if (own.uid !== existing.uid || own.gid !== existing.gid) await handle.chown(existing.uid, existing.gid).catch(() => undefined);
    }
  } catch (error) {
    await handle.close();
    await fs.rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    if (options.unchangedSince !== undefined) {
      // As late as possible: what lies on disk now must be what the fixes were computed from.
      const current = await fs.readFile(target).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      if (!current || !current.equals(options.unchangedSince)) {
        await fs.rm(temporary, { force: true });
        if (current?.equals(bytes)) return;
        throw new ChangedOnDiskError();
      }
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}
