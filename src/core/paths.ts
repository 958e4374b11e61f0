/** Posix path helpers: the core runs without Node's `path`, so that it also runs in a browser. */

export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
    } else {
      parts.push(part);
    }
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export function dirname(path: string): string {
  const normalized = normalizePath(path);
  const slash = normalized.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : normalized.slice(0, slash);
}

export function joinPath(base: string, relative: string): string {
  return relative.startsWith('/') ? normalizePath(relative) : normalizePath(`${base}/${relative}`);
}

/** `from` and `to` are absolute. The result uses `..` when `to` is outside `from`. */
export function relativePath(from: string, to: string): string {
  const fromParts = normalizePath(from).split('/').filter(Boolean);
  const toParts = normalizePath(to).split('/').filter(Boolean);
  let common = 0;
  while (common < fromParts.length && common < toParts.length && fromParts[common] === toParts[common]) common++;
  return [...new Array<string>(fromParts.length - common).fill('..'), ...toParts.slice(common)].join('/') || '.';
}

export function isInside(folder: string, path: string): boolean {
  const relative = relativePath(folder, path);
  return relative !== '..' && !relative.startsWith('../');
}

/**
 * The file extensions VS Code's Markdown language claims (its `markdown-basics` extension), in any
 * case: the files the CLI walks and the built-in kinds' globs match.
 */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.mdown', '.mkd', '.mkdn'];

const MARKDOWN_EXTENSION = /\.(?:md|markdown|mdown|mkd|mkdn)$/i;

/** Whether a file name or path ends in one of MARKDOWN_EXTENSIONS, in any case. */
export function isMarkdownPath(path: string): boolean {
  return MARKDOWN_EXTENSION.test(path);
}

/** The path with its Markdown extension, whichever it is, written `.md` (`x.runbook.MD` → `x.runbook.md`); other paths unchanged. */
export function withMdExtension(path: string): string {
  return path.replace(MARKDOWN_EXTENSION, '.md');
}
