import picomatch from 'picomatch';
import type { GlobPattern } from './kinds';
import { relativePath } from './paths';

const compiled = new Map<string, (path: string) => boolean>();

function matcher(pattern: string): (path: string) => boolean {
  let match = compiled.get(pattern);
  if (!match) {
    match = picomatch(pattern, { dot: true });
    compiled.set(pattern, match);
  }
  return match;
}

/**
 * Whether an absolute posix path matches a glob relative to its base folder. A path outside the
 * base is matched by its path below the nearest common folder (leading `..` segments dropped),
 * so that `**`-patterns still apply to notes linted from a sibling folder.
 */
export function matchesGlob(glob: GlobPattern, absolutePath: string): boolean {
  let relative = relativePath(glob.base, absolutePath);
  if (relative.startsWith('../')) {
    if (!glob.pattern.startsWith('**/')) return false;
    relative = relative.replace(/^(?:\.\.\/)+/, '');
  }
  return matcher(glob.pattern)(relative);
}
