/**
 * Which files a lint of folders covers: the Markdown files below them, skipping `node_modules`,
 * `.git` and what Git ignores. One module for the CLI (`lint DIR`) and the editor's Lint
 * Workspace, so that both lint the same files. Pure: the files are listed through a
 * `FileTreeHost` (Node's `fs` in the CLI, `vscode.workspace.fs` in the editor).
 *
 * Ignore files are read the way Git reads them (gitignore(5)): `.git/info/exclude` and every
 * `.gitignore` from the repository root down; within a file the last matching pattern wins, and
 * a deeper file wins over the files above it; a folder that is ignored is not entered, so nothing
 * below it can be re-included (as in Git). The patterns themselves are matched by the `ignore`
 * package, which follows gitignore(5) (anchoring, `**`, `!` negation, escapes, trailing spaces);
 * test/unit/fileSelection.test.ts checks the result against `git check-ignore` on a real repository.
 * Git's per-user `core.excludesFile` is not read: a CI run must not depend on a developer's home.
 */
import type { Ignore } from 'ignore';
import { ignoreRules } from './lazyModules';
import { isMarkdownPath } from './paths';

export interface FolderEntry {
  name: string;
  /** What the entry is, after following a symbolic link; `missing` for a link to nothing. */
  type: 'file' | 'directory' | 'other' | 'missing';
  symbolicLink: boolean;
  /** For a link that cannot be followed: why (`too many symbolic links`). */
  problem?: string;
}

export interface FileTreeHost {
  /** The entries of a folder (absolute posix path). Throws when it cannot be read. */
  readDirectory(folder: string): Promise<FolderEntry[]>;
  /** A file's text, or undefined when it does not exist or cannot be read. */
  readFile(file: string): Promise<string | undefined>;
  /** Whether anything exists at the path (a `.git` folder, or the `.git` file of a worktree). */
  exists(path: string): Promise<boolean>;
}

export interface SelectionProblem {
  /** Absolute posix path. */
  path: string;
  message: string;
}

/** Folders never walked, whatever the ignore files say. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);

interface IgnoreScope {
  /** The folder the patterns are relative to (absolute posix, no trailing slash). */
  base: string;
  rules: Ignore;
}

/** The ignore files in force in a folder, outermost (lowest precedence) first. */
export type IgnoreScopes = readonly IgnoreScope[];

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function join(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}

async function scopeFrom(host: FileTreeHost, file: string, base: string): Promise<IgnoreScope | undefined> {
  const text = await host.readFile(file);
  // Case-sensitive like Git's default (core.ignorecase is false unless the file system folds case).
  return text === undefined ? undefined : { base, rules: ignoreRules()({ ignorecase: false }).add(text) };
}

/** The repository holding a folder: the nearest folder at or above it with a `.git` entry. */
export async function findRepositoryRoot(folder: string, host: FileTreeHost): Promise<string | undefined> {
  for (let current = folder; ; current = parentOf(current)) {
    if (await host.exists(join(current, '.git'))) return current;
    if (current === '/') return undefined;
  }
}

/**
 * The ignore files that apply inside `folder` from the folders above it, up to its repository's
 * root (`.git/info/exclude` first, then each `.gitignore` outermost first, `folder`'s own
 * included). Outside a repository, only `folder`'s own `.gitignore` applies, as the walk reads it.
 */
export async function ignoreScopesFor(folder: string, host: FileTreeHost): Promise<IgnoreScopes> {
  const root = await findRepositoryRoot(folder, host);
  if (root === undefined) {
    const own = await scopeFrom(host, join(folder, '.gitignore'), folder);
    return own ? [own] : [];
  }
  const chain: string[] = [];
  for (let current = folder; ; current = parentOf(current)) {
    chain.unshift(current);
    if (current === root) break;
  }
  const scopes: IgnoreScope[] = [];
  const exclude = await scopeFrom(host, `${join(root, '.git')}/info/exclude`, root);
  if (exclude) scopes.push(exclude);
  for (const current of chain) {
    const scope = await scopeFrom(host, join(current, '.gitignore'), current);
    if (scope) scopes.push(scope);
  }
  return scopes;
}

/**
 * Whether Git would ignore a path, given the scopes in force in its folder (and its folders not
 * ignored themselves: the walk does not enter an ignored folder). `isFolder` decides whether
 * patterns ending in `/` apply.
 */
export function isIgnored(scopes: IgnoreScopes, path: string, isFolder: boolean): boolean {
  for (let index = scopes.length - 1; index >= 0; index--) {
    const scope = scopes[index] as IgnoreScope;
    const prefix = scope.base === '/' ? '/' : `${scope.base}/`;
    if (!path.startsWith(prefix)) continue;
    const relative = path.slice(prefix.length);
    const verdict = scope.rules.test(isFolder ? `${relative}/` : relative);
    // The deepest file with a matching pattern decides, whether that pattern ignores or re-includes.
    if (verdict.ignored) return true;
    if (verdict.unignored) return false;
  }
  return false;
}

export interface WalkOptions {
  /** Called for a folder that cannot be read or a link to nothing; the walk goes on. */
  onProblem?(problem: SelectionProblem): void;
  /** Checked between folders: return true to stop the walk (the editor's Cancel). */
  cancelled?(): boolean;
}

/**
 * The Markdown files (see MARKDOWN_EXTENSIONS) at or below `root` that Git would not ignore, in
 * sorted order (absolute posix paths). Symbolic links to files are included; links to folders
 * are not followed (no cycles). A folder holding its own `.git` (a nested repository or a
 * submodule) starts afresh with its own ignore files, as Git does.
 */
export async function selectMarkdownFiles(root: string, host: FileTreeHost, options: WalkOptions = {}): Promise<string[]> {
  const found: string[] = [];
  await walk(root, await ignoreScopesFor(root, host), host, found, options, true);
  return found;
}

async function walk(folder: string, scopes: IgnoreScopes, host: FileTreeHost, found: string[], options: WalkOptions, scopesIncludeOwn: boolean): Promise<void> {
  if (options.cancelled?.()) return;
  let entries: FolderEntry[];
  try {
    entries = await host.readDirectory(folder);
  } catch (error) {
    options.onProblem?.({ path: folder, message: `cannot read the folder: ${error instanceof Error ? error.message : String(error)}` });
    return;
  }
  let active = scopes;
  if (!scopesIncludeOwn) {
    if (entries.some((entry) => entry.name === '.git')) active = await ignoreScopesFor(folder, host);
    else if (entries.some((entry) => entry.name === '.gitignore' && entry.type === 'file')) {
      const own = await scopeFrom(host, join(folder, '.gitignore'), folder);
      if (own) active = [...scopes, own];
    }
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.type === 'directory') {
      if (entry.symbolicLink || SKIPPED_FOLDERS.has(entry.name) || isIgnored(active, path, true)) continue;
      await walk(path, active, host, found, options, false);
    } else if (isMarkdownPath(entry.name) && !isIgnored(active, path, false)) {
      if (entry.type === 'file') found.push(path);
      else if (entry.type === 'missing') options.onProblem?.({ path, message: `cannot read: ${entry.problem ?? 'no such file or directory (a symbolic link to nothing)'}` });
    }
  }
}
