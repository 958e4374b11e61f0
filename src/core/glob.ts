import picomatch from 'picomatch';
import type { GlobPattern } from './kinds';
import { relativePath, withMdExtension } from './paths';

const compiled = new Map<string, (path: string) => boolean>();

function matcher(pattern: string): (path: string) => boolean {
  let match = compiled.get(pattern);
  if (!match) {
    // Patterns of configurations edited over a long session would otherwise pile up.
    if (compiled.size >= 10_000) compiled.clear();
    match = picomatch(pattern, { dot: true });
    compiled.set(pattern, match);
  }
  return match;
}

/**
 * Limits on the `include` globs of a configuration. A glob becomes a backtracking regular
 * expression: `*a*a*a*a*b` took 90 s to reject a 255-letter file name, `+(ab|abab)` 17 s for 81
 * letters, and three `**` 8 s for a 4,000-character path. Within these limits the worst path
 * found takes about a tenth of a second per glob, and a note is matched against every glob.
 */
export const GLOB_LIMITS = {
  /** Characters in one glob. */
  length: 500,
  /** `*` and `**` in one glob, each `**` counting as one. */
  wildcards: 4,
  /** `**` in one glob. */
  globstars: 2,
  /** `*` within one path segment (between two `/`). */
  starsPerSegment: 2,
  /** Include globs in one configuration, all kinds together. */
  includes: 1000,
} as const;

/** Why a glob is refused (the phrase of what is expected instead), or undefined when it is within GLOB_LIMITS. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.length > GLOB_LIMITS.length) return `a glob of at most ${GLOB_LIMITS.length} characters (this one has ${pattern.length})`;
  let wildcards = 0;
  let globstars = 0;
  let starsInSegment = 0;
  let segmentStart = 0;
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    if (char === '\\') {
      index++;
    } else if (char === '[') {
      // A character class matches one character, whatever it holds: `[*]` is no wildcard.
      const close = pattern.indexOf(']', index + 2);
      if (close > 0) index = close;
    } else if (char === '/') {
      starsInSegment = 0;
      segmentStart = index + 1;
    } else if ('@*+?!'.includes(char as string) && pattern[index + 1] === '(') {
      return 'a glob without extglob groups such as +(…), *(…) or @(…), which can take minutes to match (write \\( for a literal parenthesis)';
    } else if (char === '*') {
      let end = index;
      while (pattern[end + 1] === '*') end++;
      const wholeSegment = index === segmentStart && (end + 1 === pattern.length || pattern[end + 1] === '/');
      if (end > index && wholeSegment) globstars++;
      else starsInSegment++;
      wildcards++;
      index = end;
      if (globstars > GLOB_LIMITS.globstars) return `a glob with at most ${GLOB_LIMITS.globstars} '**', so that matching stays fast`;
      if (starsInSegment > GLOB_LIMITS.starsPerSegment) return `a glob with at most ${GLOB_LIMITS.starsPerSegment} '*' between two '/', so that matching stays fast`;
      if (wildcards > GLOB_LIMITS.wildcards) return `a glob with at most ${GLOB_LIMITS.wildcards} wildcards ('*' or '**'), so that matching stays fast`;
    }
  }
  return undefined;
}

/**
 * Whether an absolute posix path matches a glob relative to its base folder. A path outside the
 * base is matched by its path below the nearest common folder (leading `..` segments dropped),
 * so that `**`-patterns still apply to notes linted from a sibling folder. The path's Markdown
 * extension, in any case and any of MARKDOWN_EXTENSIONS, also matches a glob's `.md`.
 */
export function matchesGlob(glob: GlobPattern, absolutePath: string): boolean {
  let relative = relativePath(glob.base, absolutePath);
  if (relative.startsWith('../')) {
    if (!glob.pattern.startsWith('**/')) return false;
    relative = relative.replace(/^(?:\.\.\/)+/, '');
  }
  const match = matcher(glob.pattern);
  if (match(relative)) return true;
  // A note's Markdown extension is not what makes its kind: `*.md` also matches `x.MD`,
  // `x.markdown`, `x.mkd`… (see MARKDOWN_EXTENSIONS), for the built-in kinds and the team's own
  // globs alike. The rest of the pattern stays case-sensitive, as in Git and picomatch, and a glob
  // that names another extension (`*.markdown`) matches it as written.
  const asMd = withMdExtension(relative);
  return asMd !== relative && match(asMd);
}
