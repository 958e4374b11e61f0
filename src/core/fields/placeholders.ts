/**
 * Placeholder detection (RN009). A value is a placeholder when it is nothing but one of the
 * markers a template leaves behind, optionally followed by a hint ("TODO: who owns this"); the
 * same marker inside longer text (`Restore the ${ENV} snapshot`) is real content.
 */
import type { Span } from '../frontMatter';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Block } from '../markdown';
import { HTML_ELEMENTS } from '../markdown/htmlElements';
import { paragraphLines, readTable } from '../markdown/table';
import { UnicodePattern } from '../unicodePattern';

/** Upper case only when a hint follows, so that "Todo app migration" is not taken for one. */
const MARKER_WITH_HINT = /^(?:TODO|TBD|FIXME)(?:[\s:(\-–—,.]|$)/;
const BARE_MARKER = /^(?:todo|tbd|fixme|\?{3,}|n\/a|\.{3}|…)[.!]?$/i;
/** `<owner>`, `<date>`, `<what changed>`: but not autolinks (`<https://…>`), e-mail addresses or HTML elements (`<br>`, `<details>`). */
const ANGLE_PLACEHOLDER = /^<([A-Za-z][\w .'-]{0,60})>$/;
/** `[Describe the rollback]`: see isBracketedInstruction. */
const BRACKETED = /^\[([^[\]^][^[\]]*)\]$/;
/**
 * Markers of template engines and of templates written by hand, each a whole value:
 * - variables: `${OWNER}`, `$OWNER` (shell, Helm, GitHub Actions), `{{ owner }}` (Mustache, Jinja,
 *   Hugo, Liquid), `{owner}` (Python's str.format, cookiecutter prompts);
 * - date and number masks: `YYYY-MM-DD`, `DD/MM/YYYY`, `HH:MM`, `xxx`, `XXX-XXXX`;
 * - words that ask to be replaced: `CHANGEME`, `CHANGE_ME`, `REPLACE_ME`, `FILL_ME_IN`, `lorem ipsum…`;
 * - template handles: `@your-team`, `@username`, `@handle`, `@org/team-name`;
 * - e-mail addresses at the domains reserved for examples (RFC 2606): `oncall@example.com`.
 */
const TEMPLATE_MARKERS: readonly RegExp[] = [
  /^\$\{[^{}\s][^{}]{0,60}\}$/,
  /^\$[A-Z][A-Z0-9_]{1,60}$/,
  /^\{\{[^{}]{1,60}\}\}$/,
  /^\{[ \t]*[A-Za-z_][\w .-]{0,60}\}$/,
  /^(?:YYYY|YY|MM|DD|HH|hh|mm|ss)(?:[-/.: T](?:YYYY|YY|MM|DD|HH|hh|mm|ss))+$/i,
  /^x{3,}$/i,
  /^X{2,}(?:[-./ ]X{2,})+$/,
  /^(?:change|replace|fill|edit|update)[-_ ]?me(?:[-_ ]?in)?[.!]?$/i,
  /^lorem ipsum\b/i,
  /^@(?:your[-_]?[a-z][\w-]*|user(?:[-_]?name)?|handle|github[-_]?(?:user(?:name)?|handle)|someone|somebody|(?:org|organi[sz]ation)\/team(?:[-_]?name)?|team[-_]?name)$/i,
  /^(?:mailto:)?[^\s@<>()[\]]+@(?:[\w-]+\.)*example\.(?:com|org|net)$/i,
];


/**
 * The built-in markers, for the editor's grammar (scripts/grammarPlaceholders.ts writes them into
 * syntaxes/runbook-notes.injection.tmLanguage.json): a whole value matched by `bare`, `angle` (but
 * an HTML element's name), one of `templates`, or `bracketed` with two characters or more and a
 * letter; `hinted` opens a value (`TODO: who`).
 */
export const PLACEHOLDER_PATTERNS = { hinted: MARKER_WITH_HINT, bare: BARE_MARKER, angle: ANGLE_PLACEHOLDER, templates: TEMPLATE_MARKERS, bracketed: BRACKETED } as const;

/** Removes the Markdown decoration around a short value: `**TODO**`, `` `TBD` ``, `_N/A_`. */
function undecorate(value: string): string {
  let text = value.trim();
  for (let i = 0; i < 3; i++) {
    const match = /^(\*\*|__|\*|_|`)([\s\S]*)\1$/.exec(text);
    if (!match || match[2] === undefined) break;
    text = match[2].trim();
  }
  return text;
}

/** Values longer than this are never placeholders (and custom expressions are never run on them). */
const MAX_PLACEHOLDER_LENGTH = 400;

/** Whether a value is nothing but a placeholder, by the built-in markers only. */
export function isPlaceholder(value: string, where: PlaceholderSource = 'markdown'): boolean {
  const text = undecorate(value);
  if (text.length === 0 || text.length > MAX_PLACEHOLDER_LENGTH) return false;
  return isBuiltinPlaceholder(text, where);
}

/**
 * Where a value was written: in Markdown, `<summary>` alone is an HTML element; in YAML (front
 * matter) nothing is HTML, so any `<word>` is a template's placeholder.
 */
export type PlaceholderSource = 'markdown' | 'yaml';

function isBuiltinPlaceholder(text: string, where: PlaceholderSource): boolean {
  if (MARKER_WITH_HINT.test(text) || BARE_MARKER.test(text)) return true;
  const angle = ANGLE_PLACEHOLDER.exec(text);
  if (angle) return where === 'yaml' || !HTML_ELEMENTS.has((angle[1] as string).trim().toLowerCase());
  if (text.charCodeAt(0) === 91 /* [ */) return isBracketedInstruction(text);
  return TEMPLATE_MARKERS.some((marker) => marker.test(text));
}

/**
 * `[Describe the rollback]`, `[owner]`: bracketed text that is no link. A task box (`[ ]`, `[x]`),
 * a footnote (`[^1]`) and a reference to a definition the note holds are not instructions.
 */
const HAS_LETTER = new UnicodePattern(String.raw`\p{L}`, 'u');

function isBracketedInstruction(text: string, definitions?: ReadonlySet<string>): boolean {
  const match = BRACKETED.exec(text);
  if (!match) return false;
  const inner = (match[1] as string).trim();
  if (inner.length < 2 || !HAS_LETTER.for(inner).test(inner)) return false;
  return !definitions?.has(normalizeIdentifier(inner));
}

/**
 * Decides what a placeholder is: the built-in markers plus a team's own (`"placeholders"` in the
 * configuration and the `runbookNotes.placeholders` setting). An entry that starts with `^` or
 * ends with `$` is a regular expression (Unicode, case-sensitive), tested against the whole value
 * (after the Markdown decoration around it is removed); any other entry is literal text, which
 * the whole value must equal, case and surrounding spaces aside.
 */
export class PlaceholderMatcher {
  private readonly literals: ReadonlySet<string>;
  private readonly patterns: readonly RegExp[];

  constructor(readonly entries: readonly string[] = []) {
    this.literals = new Set(entries.filter((entry) => !isPatternEntry(entry)).map((entry) => entry.trim().toLowerCase()));
    this.patterns = entries.filter(isPatternEntry).map((entry) => new RegExp(entry, 'u'));
  }

  /**
   * Whether `value` is nothing but a placeholder. `definitions`: the normalized labels of the
   * note's link reference definitions, so that `[runbook]` is read as a link when one is defined.
   */
  test(value: string, definitions?: ReadonlySet<string>, where: PlaceholderSource = 'markdown'): boolean {
    const text = undecorate(value);
    if (text.length === 0 || text.length > MAX_PLACEHOLDER_LENGTH) return false;
    if (text.charCodeAt(0) === 91 /* [ */ && /^\[[^[\]]*\]$/.test(text)) return isBracketedInstruction(text, definitions) || this.custom(text);
    return isBuiltinPlaceholder(text, where) || this.custom(text);
  }

  private custom(text: string): boolean {
    if (this.literals.size > 0 && this.literals.has(text.toLowerCase())) return true;
    return this.patterns.some((pattern) => pattern.test(text));
  }
}

/** Whether a `placeholders` entry is a regular expression rather than literal text. */
export function isPatternEntry(entry: string): boolean {
  return entry.startsWith('^') || entry.endsWith('$');
}

/**
 * A group holding a repetition, itself repeated: `(a+)+`, `(\w*\s?)*`, `(x+){2,}`. Such an
 * expression can take exponential time on a value that almost matches; configuration comes with
 * the workspace, and a note must not be able to hang the editor.
 */
const NESTED_REPETITION = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/;

/** Why a `placeholders` entry cannot be used, or undefined when it can. */
export function placeholderEntryProblem(entry: string): string | undefined {
  if (entry.trim() === '') return 'a non-empty text or regular expression';
  if (!isPatternEntry(entry)) return undefined;
  if (NESTED_REPETITION.test(entry)) return 'a regular expression without nested repetition (a repeated group holding a repetition, such as (a+)+), which can take exponential time';
  try {
    new RegExp(entry, 'u');
    return undefined;
  } catch (error) {
    return `a valid regular expression (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The built-in markers only: for callers without a configuration. */
export const BUILTIN_PLACEHOLDERS = new PlaceholderMatcher();

/**
 * The span to report when a top-level block is nothing but a placeholder, else undefined: a
 * paragraph ("TODO: how to undo"), a table whose body cells all are, a quote or alert block, a code
 * block or an HTML block whose text is, a list whose items all are (the first item is reported).
 * `definitions`: the note's link reference labels, so that `[runbook]` linking somewhere is content.
 */
export function blockPlaceholder(block: Block, text: string, placeholders: PlaceholderMatcher = BUILTIN_PLACEHOLDERS, definitions?: ReadonlySet<string>): Span | undefined {
  const is = (value: string) => placeholders.test(value, definitions);
  switch (block.type) {
    case 'paragraph': {
      const firstLineEnd = text.indexOf('\n', block.span.start);
      const firstLine = text.slice(block.span.start, firstLineEnd === -1 || firstLineEnd > block.span.end ? block.span.end : firstLineEnd);
      // A table that is the whole paragraph has a pipe on its first line; other paragraphs are not split into lines.
      const table = firstLineEnd !== -1 && firstLineEnd < block.span.end && firstLine.includes('|') ? readTable(paragraphLines(text, block.span)) : undefined;
      if (table && table.firstLine === 0) return table.rows.every((row) => row.every((cell) => cell.text === '' || is(cell.text))) ? block.span : undefined;
      return is(withoutComments(text.slice(block.span.start, block.span.end))) ? block.span : undefined;
    }
    case 'blockquote':
      // An alert block's marker (`[!NOTE]`) is its type, not its text.
      return block.text !== undefined && is(block.text.replace(ALERT_MARKER, '')) ? block.span : undefined;
    case 'code':
    case 'html':
      return block.text !== undefined && is(block.text) ? block.span : undefined;
    case 'list': {
      const items = block.items ?? [];
      const first = items[0];
      if (!first) return undefined;
      return items.every((item) => item.end > item.start && is(text.slice(item.start, item.end))) ? first : undefined;
    }
    default:
      return undefined;
  }
}

/** A GitHub alert block's first line: `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]` (Obsidian's callouts take any word). */
const ALERT_MARKER = /^\s*\[![A-Za-z]+\][+-]?[^\n]*\n?/;

/** Nothing inside a comment is a placeholder (or real text): `TODO <!-- owner team -->` is only a placeholder. */
function withoutComments(value: string): string {
  return value.includes('<!--') ? value.replace(/<!--[\s\S]*?-->/g, ' ') : value;
}
