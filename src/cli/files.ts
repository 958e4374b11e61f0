/** Which files a `lint` run covers: paths, directories (skipping node_modules, .git and what .gitignore ignores) and globs. */
import { createHash } from 'node:crypto';
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fs, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { decodeNote, type DecodeOutcome, type TextEncoding } from '../core/decode';

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

const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

interface IgnoreScope {
  base: string;
  rules: Ignore;
}

export function toPosix(file: string): string {
  return file.split(path.sep).join('/');
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
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

async function readIgnoreFile(folder: string): Promise<IgnoreScope | undefined> {
  try {
    const text = await fs.readFile(path.join(folder, '.gitignore'), 'utf8');
    return { base: folder, rules: ignore().add(text) };
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false,
  );
}

const repositoryRoots = new Map<string, Promise<string | undefined>>();

/** The Git repository holding a folder (the nearest folder with a `.git`), if any: the CLI's workspace for a note. */
export function repositoryRoot(folder: string): Promise<string | undefined> {
  let found = repositoryRoots.get(folder);
  if (!found) {
    found = exists(path.join(folder, '.git')).then((isRoot) => {
      if (isRoot) return folder;
      const parent = path.dirname(folder);
      return parent === folder ? undefined : repositoryRoot(parent);
    });
    repositoryRoots.set(folder, found);
  }
  return found;
}

/**
 * The .gitignore files in the folders above `folder`, up to the repository root (the folder
 * holding `.git`), outermost first. Outside a repository, none: only what is walked applies.
 */
async function inheritedIgnores(folder: string): Promise<IgnoreScope[]> {
  const ancestors: string[] = [];
  let current = path.resolve(folder);
  while (!(await exists(path.join(current, '.git')))) {
    const parent = path.dirname(current);
    if (parent === current) return [];
    ancestors.unshift(parent);
    current = parent;
  }
  const scopes: IgnoreScope[] = [];
  for (const ancestor of ancestors) {
    const scope = await readIgnoreFile(ancestor);
    if (scope) scopes.push(scope);
  }
  return scopes;
}

function isIgnored(scopes: readonly IgnoreScope[], absolute: string, isDirectory: boolean): boolean {
  for (const scope of scopes) {
    const relative = toPosix(path.relative(scope.base, absolute));
    if (!relative || relative.startsWith('..')) continue;
    if (scope.rules.ignores(isDirectory ? `${relative}/` : relative)) return true;
  }
  return false;
}

async function walk(folder: string, scopes: IgnoreScope[], out: Set<string>, problems: FileProblem[], cwd: string): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: toPosix(path.relative(cwd, folder)) || '.', message: `cannot read the folder: ${describeError(error)}` });
    return;
  }
  const own = entries.some((entry) => entry.name === '.gitignore') ? await readIgnoreFile(folder) : undefined;
  const active = own ? [...scopes, own] : scopes;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(active, absolute, true)) continue;
      await walk(absolute, active, out, problems, cwd);
    } else if (entry.name.toLowerCase().endsWith('.md') && !isIgnored(active, absolute, false)) {
      if (entry.isFile()) out.add(absolute);
      else if (entry.isSymbolicLink()) {
        // A link to a note is linted; a broken link is a file that cannot be read. Linked folders are not followed (no cycles).
        try {
          if ((await fs.stat(absolute)).isFile()) out.add(absolute);
        } catch (error) {
          problems.push({ path: toPosix(path.relative(cwd, absolute)), message: `cannot read: ${describeError(error)}` });
        }
      }
    }
  }
}

const GLOB_CHARACTERS = /[*?[\]{}!]/;

export async function collectFiles(targets: readonly string[], cwd: string): Promise<CollectedFiles> {
  const found = new Set<string>();
  const problems: FileProblem[] = [];
  for (const target of targets) {
    const absolute = path.resolve(cwd, target);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && GLOB_CHARACTERS.test(target)) {
        await collectGlob(target, cwd, found, problems);
        continue;
      }
      problems.push({ path: target, message: `cannot read: ${describeError(error)}` });
      continue;
    }
    if (stat.isDirectory()) await walk(absolute, await inheritedIgnores(absolute), found, problems, cwd);
    else if (stat.isFile()) found.add(absolute);
    else problems.push({ path: target, message: 'cannot read: not a regular file' });
  }
  return { files: [...found].sort(), problems };
}

async function collectGlob(pattern: string, cwd: string, found: Set<string>, problems: FileProblem[]): Promise<void> {
  // `../notes/*.md` and `docs/**/*.md` alike: walk the pattern's static folder, match what lies below it.
  const { base, glob } = picomatch.scan(toPosix(pattern));
  const root = path.resolve(cwd, base || '.');
  const candidates = new Set<string>();
  await walk(root, await inheritedIgnores(root), candidates, problems, cwd);
  const matches = picomatch(glob, { dot: true });
  let matched = 0;
  for (const file of candidates) {
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
      /** SHA-256 of the bytes read: `--fix` writes only over the very same bytes. */
      digest: string;
    })
  | Extract<DecodeOutcome, { kind: 'skipped' }>
  | { kind: 'error'; message: string };

function digestOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

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
  return noteFrom(buffer);
}

/**
 * readNote, blocking: for a lint worker, which has nothing else to do meanwhile. Four awaited
 * steps per file cost a worker a few percent of a large run; these calls cost a tenth of that.
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
  return noteFrom(buffer);
}

const READ_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/** Why a file is not read at all, from its status: not a file, or too large. */
function refuseToRead(stat: { isFile(): boolean; size: number }): ReadOutcome | undefined {
  if (!stat.isFile()) return { kind: 'error', message: 'cannot read: not a regular file' };
  if (stat.size > MAX_NOTE_BYTES) return { kind: 'skipped', reason: `too large for a note (${formatSize(stat.size)}; the limit is ${formatSize(MAX_NOTE_BYTES)})` };
  return undefined;
}

function noteFrom(buffer: Buffer): ReadOutcome {
  // It may have grown between the size check and the read.
  if (buffer.length > MAX_NOTE_BYTES) return { kind: 'skipped', reason: `too large for a note (${formatSize(buffer.length)}; the limit is ${formatSize(MAX_NOTE_BYTES)})` };
  const decoded = decodeNote(buffer);
  return decoded.kind === 'text' ? { ...decoded, digest: digestOf(buffer) } : decoded;
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
   * The digest (readNote's) of the bytes the new content was made from. The file is replaced only
   * if it still holds those bytes (else ChangedOnDiskError), or left alone if it already holds the
   * new content (another run wrote the same fixes).
   */
  unchangedSince?: string;
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
  const handle = await fs.open(temporary, 'wx', existing?.mode ?? 0o666);
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
      if (!current || digestOf(current) !== options.unchangedSince) {
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
