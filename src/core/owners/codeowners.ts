/**
 * CODEOWNERS: parsing, validation and matching.
 *
 * Syntax and meaning follow GitHub's documentation ("About code owners") and GitLab's ("Code
 * Owners", "Code Owners syntax and error handling"):
 * - one rule per line, `pattern owner…`; `#` starts a comment (a whole line, or a word starting
 *   with `#`); `\ ` is a space inside a pattern, `\#` a literal `#`;
 * - patterns are gitignore-like: `/x` is anchored at the repository root, as is any pattern with
 *   a `/` before its end; other patterns match at any depth; `x/` matches the folder's files at
 *   any depth; `*` and `?` stay within one path segment, `**` spans segments; `docs/*` matches the
 *   files directly in `docs` and not those further down (GitHub's own example);
 * - the last matching line wins; a matching line with no owners leaves the path without owner;
 * - owners are `@user`, `@org/team` or an e-mail address;
 * - GitLab sections: `[Section]`, `^[Optional section]`, `[Section][2]` (approvals), with default
 *   owners after the header for the section's lines that name none; each section's last matching
 *   line applies, so a path can have owners from several sections. Sections of the same name (any
 *   case) are one section.
 * GitHub does not support `!` negation nor `[ ]` character ranges; a file with GitLab sections
 * may use ranges. A line that is not valid is reported and skipped (GitHub skips it too); the
 * rest of the file applies.
 *
 * Matching a path costs a lookup in an index of the patterns' literal leading folders, then a
 * test of the few candidate patterns, last line first: a 5,000-line file is compiled once (each
 * glob on first use) and does not cost 5,000 tests per note.
 */
import picomatch from 'picomatch';
import type { ConfigProblem } from '../config/types';
import { globProblem } from '../glob';
import { CODEOWNERS_OWNER_EXPECTED, isCodeownersOwner, ownerKey } from './handles';

/** Where GitHub looks for the file, in this order (GitLab looks in the same three places). */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

export type OwnershipProblem = ConfigProblem;

export interface CodeownersRule {
  /** 1-based. */
  line: number;
  /** The pattern as written (escapes kept). */
  pattern: string;
  /** The line's owners, or the section's default owners when the line names none; empty: the line clears ownership. */
  owners: string[];
  /** Whether the path (relative to the repository root, `/`-separated, no leading `/`) matches. */
  matches(path: string): boolean;
}

export interface CodeownersSection {
  /** Undefined for the lines before the first section header (and for a file without sections). */
  name?: string;
  optional: boolean;
  /** GitLab's `[Section][2]`: approvals required. */
  approvals?: number;
  rules: CodeownersRule[];
  index: PatternIndex;
}

export interface CodeownersFile {
  sections: CodeownersSection[];
  problems: OwnershipProblem[];
  /** Every owner the file names (owner keys, see ownerKey). */
  mentioned: Set<string>;
}

/** A section's last matching line for a path. */
export interface CodeownersMatch {
  section?: string;
  optional: boolean;
  line: number;
  pattern: string;
  owners: string[];
}

const SECTION_HEADER = /^(\^)?\[([^\]]*)\](?:\[([^\]]*)\])?(?=\s|$)/;
/** The same, anywhere after leading blanks: whether a file has GitLab sections. */
const SECTION_LINE = /^[ \t]*\^?\[[^\]]*\](?:\[[^\]]*\])?(?=\s|$)/;

interface Token {
  text: string;
  column: number;
}

/** Splits a line into words at unescaped blanks, up to a word starting with `#`. Columns are 0-based. */
function tokenize(line: string, from = 0): Token[] {
  const tokens: Token[] = [];
  let index = from;
  while (index < line.length) {
    while (index < line.length && (line[index] === ' ' || line[index] === '\t')) index++;
    if (index >= line.length || line[index] === '#') break;
    const start = index;
    while (index < line.length && line[index] !== ' ' && line[index] !== '\t') index += line[index] === '\\' && index + 1 < line.length ? 2 : 1;
    tokens.push({ text: line.slice(start, index), column: start });
  }
  return tokens;
}

/** Whether the pattern has an unescaped character of `chars`. */
function hasUnescaped(pattern: string, chars: string): boolean {
  for (let index = 0; index < pattern.length; index++) {
    if (pattern[index] === '\\') index++;
    else if (chars.includes(pattern[index] as string)) return true;
  }
  return false;
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

const PICOMATCH_OPTIONS = { dot: true, noextglob: true, nobrace: true, windows: false } as const;

interface CompiledPattern {
  matches(path: string): boolean;
  /** Anchored patterns: the literal folders (and name) they start with, `/`-joined, for the index. */
  anchoredPrefix?: string;
  /** A segment without wildcards that any matching path must have (`README.md`, `apps/`, `fixtures` in a pattern that starts with two stars). */
  requiredName?: string;
  /** The literal extension after the last wildcard of the last segment (`*.md` → `md`): a matching path has a segment ending with it. */
  requiredExtension?: string;
}

/**
 * A pattern without wildcards (`name` unescaped, without leading or trailing `/`): matched by
 * string comparison, indexed by its folders (anchored) or its name (at any depth).
 */
function literalPattern(name: string, folderOnly: boolean, anchored: boolean): CompiledPattern {
  if (anchored) {
    const below = `${name}/`;
    return { matches: (path) => (!folderOnly && path === name) || path.startsWith(below), anchoredPrefix: name };
  }
  return {
    matches: (path) => {
      // Any folder (or, unless the pattern ends with '/', the file itself) of that name.
      const parts = path.split('/');
      const upTo = folderOnly ? parts.length - 1 : parts.length;
      for (let index = 0; index < upTo; index++) if (parts[index] === name) return true;
      return false;
    },
    requiredName: name,
  };
}

/** Compiles a pattern, or says why it cannot be used. */
function compilePattern(pattern: string, allowRanges: boolean): CompiledPattern | string {
  if (pattern.startsWith('!')) return "a pattern without '!': CODEOWNERS has no negation (give the path a line with no owners to leave it without owner)";
  if (/(?:^|[^\\])(?:\\\\)*\\$/.test(pattern)) return 'a pattern that does not end with a lone backslash';
  if (!allowRanges && hasUnescaped(pattern, '[]')) return "a pattern without '[ ]': GitHub's CODEOWNERS does not support character ranges (write \\[ for a literal bracket)";
  const folderOnly = pattern.endsWith('/') && !pattern.endsWith('\\/');
  const body = pattern.replace(/\/+$/, '');
  const anchored = body.includes('/');
  const relative = body.replace(/^\/+/, '');
  if (relative === '') return "a pattern that names a path ('/' alone matches nothing; '*' matches every file)";
  // Most lines of a large file are plain folders (`/services/api/`): no glob, no limits check.
  if (!hasUnescaped(relative, '*?[')) return literalPattern(unescape(relative), folderOnly, anchored);
  // gitignore has no extglobs or braces: the library must take these characters literally, and so must the limits check.
  const limited = globProblem(relative.replace(/([@*+?!])\(/g, '$1\\('));
  if (limited) return limited;
  const segments = relative.split('/');
  const last = segments[segments.length - 1] as string;
  const base = anchored ? relative : `**/${relative}`;
  // `x/` covers everything below; `docs/*` and `x/**` mean what they say; any other pattern is a file or a folder.
  const globs = folderOnly ? [`${base}/**`] : last === '*' || last === '**' ? [base] : [base, `${base}/**`];
  let compiled: ((path: string) => boolean) | undefined;
  const matches = (path: string) => (compiled ??= picomatch(globs, PICOMATCH_OPTIONS))(path);

  // What the index needs to skip this pattern for most paths without testing it.
  const compiledPattern: CompiledPattern = { matches };
  const prefix: string[] = [];
  for (const segment of anchored ? segments : []) {
    if (hasUnescaped(segment, '*?[')) break;
    prefix.push(unescape(segment));
  }
  if (prefix.length > 0) compiledPattern.anchoredPrefix = prefix.join('/');
  else {
    // Each segment without wildcards matches exactly one path segment of that name.
    const named = segments.filter((segment) => segment !== '' && !hasUnescaped(segment, '*?['));
    if (named.length > 0) compiledPattern.requiredName = unescape(named[named.length - 1] as string);
    else if (!folderOnly) {
      const tail = last.slice(Math.max(last.lastIndexOf('*'), last.lastIndexOf('?'), last.lastIndexOf(']')) + 1);
      const dot = tail.lastIndexOf('.');
      if (dot >= 0 && dot < tail.length - 1 && !tail.includes('\\')) compiledPattern.requiredExtension = tail.slice(dot + 1);
    }
  }
  return compiledPattern;
}

interface IndexedRule {
  rule: CodeownersRule;
  order: number;
}

function addTo(map: Map<string, IndexedRule[]>, key: string, entry: IndexedRule): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

/**
 * Finds the rules that may match a path without testing them all: anchored patterns by their
 * literal leading folders (a trie), others by a segment name or an extension every matching path
 * must have; only patterns with none of these (such as a lone `*`) are tested for every path.
 */
export class PatternIndex {
  /** Anchored patterns by their literal leading folders (`services/api`); `''` for those starting with a wildcard. */
  private readonly byPrefix = new Map<string, IndexedRule[]>();
  private readonly byName = new Map<string, IndexedRule[]>();
  private readonly byExtension = new Map<string, IndexedRule[]>();
  private readonly always: IndexedRule[] = [];
  private size = 0;

  add(rule: CodeownersRule, compiled: CompiledPattern): void {
    const entry = { rule, order: this.size++ };
    if (compiled.anchoredPrefix !== undefined) addTo(this.byPrefix, compiled.anchoredPrefix, entry);
    else if (compiled.requiredName !== undefined) addTo(this.byName, compiled.requiredName, entry);
    else if (compiled.requiredExtension !== undefined) addTo(this.byExtension, compiled.requiredExtension, entry);
    else this.always.push(entry);
  }

  /** The last rule (in file order) that matches the path. */
  lastMatch(path: string): CodeownersRule | undefined {
    // The lists that may hold a match, each in file order; nothing is copied or sorted per path.
    const lists: IndexedRule[][] = this.always.length > 0 ? [this.always] : [];
    // Each leading part of the path (`a`, `a/b`, `a/b/c.md`) names the anchored patterns that start with it.
    let end = -1;
    do {
      end = path.indexOf('/', end + 1);
      const anchored = this.byPrefix.get(end < 0 ? path : path.slice(0, end));
      if (anchored) lists.push(anchored);
    } while (end >= 0);
    // A name or an extension met twice in the path must not give its rules twice.
    const names = new Set<string>();
    const extensions = new Set<string>();
    for (const segment of path.split('/')) {
      if (names.has(segment)) continue;
      names.add(segment);
      const named = this.byName.get(segment);
      if (named) lists.push(named);
      const dot = segment.lastIndexOf('.');
      const extension = dot >= 0 ? segment.slice(dot + 1) : undefined;
      if (extension === undefined || extensions.has(extension)) continue;
      extensions.add(extension);
      const byExtension = this.byExtension.get(extension);
      if (byExtension) lists.push(byExtension);
    }
    // The list whose last line is latest first; in each, from its end, until a match or a line before the best match so far.
    lists.sort((a, b) => (b[b.length - 1] as IndexedRule).order - (a[a.length - 1] as IndexedRule).order);
    let best: IndexedRule | undefined;
    for (const list of lists) {
      for (let index = list.length - 1; index >= 0; index--) {
        const candidate = list[index] as IndexedRule;
        if (best && candidate.order <= best.order) break;
        if (candidate.rule.matches(path)) {
          best = candidate;
          break;
        }
      }
    }
    return best?.rule;
  }
}

/** Parses a CODEOWNERS file. Never throws: each invalid line is a problem, and is skipped. */
export function parseCodeowners(text: string): CodeownersFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const sectioned = lines.some((line) => SECTION_LINE.test(line));
  const problems: OwnershipProblem[] = [];
  const mentioned = new Set<string>();
  const sections = new Map<string, CodeownersSection>();
  const defaultSection: CodeownersSection = { optional: false, rules: [], index: new PatternIndex() };
  sections.set('', defaultSection);
  let current = defaultSection;
  let defaults: string[] = [];

  const problem = (line: number, column: number, length: number, message: string) =>
    problems.push({ line: line + 1, column: column + 1, endLine: line + 1, endColumn: column + 1 + Math.max(length, 1), message });

  /** The owners of a line, or undefined (after reporting) when one is not valid. */
  const ownersOf = (tokens: Token[], lineNumber: number): string[] | undefined => {
    let valid = true;
    for (const token of tokens) {
      if (isCodeownersOwner(token.text)) continue;
      valid = false;
      problem(lineNumber, token.column, token.text.length, `'${token.text}' is not an owner: expected ${CODEOWNERS_OWNER_EXPECTED}; the line is skipped`);
    }
    return valid ? tokens.map((token) => token.text) : undefined;
  };

  for (const [lineNumber, line] of lines.entries()) {
    const start = line.length - line.trimStart().length;
    const rest = line.slice(start);
    if (rest === '' || rest.startsWith('#')) continue;

    const header = sectioned ? SECTION_HEADER.exec(rest) : null;
    if (header) {
      const name = (header[2] as string).trim();
      const approvals = header[3];
      if (name === '') {
        problem(lineNumber, start, header[0].length, 'a section header with a name: expected [Section name]; the section\'s lines are read as part of the previous section');
        continue;
      }
      if (approvals !== undefined && !/^[1-9]\d*$/.test(approvals.trim())) {
        problem(lineNumber, start + header[0].lastIndexOf('[') , approvals.length + 2, `[${approvals}]: expected a number of approvals, 1 or more, as in [${name}][2]`);
      }
      const sectionOwners = ownersOf(tokenize(line, start + header[0].length), lineNumber);
      defaults = sectionOwners ?? [];
      for (const owner of defaults) mentioned.add(ownerKey(owner));
      const key = name.toLowerCase();
      let section = sections.get(key);
      if (!section) {
        section = { name, optional: header[1] === '^', approvals: approvals && /^[1-9]\d*$/.test(approvals.trim()) ? Number(approvals) : undefined, rules: [], index: new PatternIndex() };
        sections.set(key, section);
      }
      current = section;
      continue;
    }

    const [patternToken, ...ownerTokens] = tokenize(line, start);
    if (!patternToken) continue;
    const compiled = compilePattern(patternToken.text, sectioned);
    const owners = ownersOf(ownerTokens, lineNumber);
    if (typeof compiled === 'string') {
      problem(lineNumber, patternToken.column, patternToken.text.length, `'${patternToken.text}': expected ${compiled}; the line is skipped`);
      continue;
    }
    if (!owners) continue;
    for (const owner of owners) mentioned.add(ownerKey(owner));
    const rule: CodeownersRule = { line: lineNumber + 1, pattern: patternToken.text, owners: owners.length > 0 ? owners : defaults, matches: compiled.matches };
    current.rules.push(rule);
    current.index.add(rule, compiled);
  }
  return { sections: [...sections.values()].filter((section) => section.rules.length > 0 || section.name !== undefined), problems, mentioned };
}

/** Each section's last matching line for a path relative to the repository root (`runbooks/db/restore.md`). */
export function matchCodeowners(file: CodeownersFile, path: string): CodeownersMatch[] {
  const matches: CodeownersMatch[] = [];
  for (const section of file.sections) {
    const rule = section.index.lastMatch(path);
    if (rule) matches.push({ section: section.name, optional: section.optional, line: rule.line, pattern: rule.pattern, owners: rule.owners });
  }
  return matches;
}
