/**
 * The placeholder patterns of the editor's grammar (syntaxes/runbook-notes.injection.tmLanguage.json),
 * written from the core's own (PLACEHOLDER_PATTERNS in src/core/fields/placeholders.ts), so that
 * what the editor highlights cannot drift from what RN009 reports. The build runs
 * scripts/writeGrammar.ts; test/unit/grammar.test.ts fails when the committed grammar is out of
 * date, and checks the highlighting against isPlaceholder.
 */
import { PLACEHOLDER_PATTERNS } from '../src/core/fields/placeholders';
import { HTML_ELEMENTS } from '../src/core/markdown/htmlElements';

const WORD = 'A-Za-z0-9_';

/**
 * A whole-value JavaScript expression as Oniguruma reads it inside a longer pattern: the anchors
 * dropped (an expression without `$` matches a prefix, and the rest of the value with it), groups
 * made non-capturing (the grammar numbers its own), `[` and `&` escaped in classes (Oniguruma
 * nests classes and intersects them), `\w`, `\d` and `\b` spelled out in ASCII as
 * JavaScript reads them (Oniguruma's are Unicode), and the `i` flag as `(?i:…)`. Throws on a
 * flag or a construct it does not translate.
 */
export function onigurumaSource(regex: RegExp): string {
  if (/[^i]/.test(regex.flags)) throw new Error(`grammarPlaceholders: /${regex.source}/${regex.flags}: only the i flag is translated`);
  let source = regex.source;
  if (!source.startsWith('^')) throw new Error(`grammarPlaceholders: /${source}/ must match from the value's start (^)`);
  source = source.slice(1);
  const whole = source.endsWith('$') && !source.endsWith('\\$');
  if (whole) source = source.slice(0, -1);
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index] as string;
    if (char === '\\') {
      const next = source[index + 1] as string;
      index++;
      if (next === 'w') out += inClass ? WORD : `[${WORD}]`;
      else if (next === 'd') out += inClass ? '0-9' : '[0-9]';
      else if (next === 'b' && !inClass) out += `(?:(?<=[${WORD}])(?![${WORD}])|(?<![${WORD}])(?=[${WORD}]))`;
      else if ('pPukWDBc'.includes(next)) throw new Error(`grammarPlaceholders: \\${next} in /${regex.source}/ is not translated`);
      else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      // Oniguruma reads `[` in a class as a nested class, and `&&` as an intersection: both are literal in JavaScript.
      out += char === '[' ? '\\[' : char === '&' ? '\\&' : char;
    } else if (char === '[') {
      inClass = true;
      out += char;
    } else if (char === '(' && source[index + 1] !== '?') {
      out += '(?:';
    } else {
      out += char;
    }
  }
  if (!whole) out += '.*';
  return regex.flags.includes('i') ? `(?i:${out})` : out;
}

/** What a whole value that is only a placeholder looks like, as one Oniguruma alternation without capturing groups. */
export function placeholderValuePattern(): string {
  const { bare, angle, templates, bracketed } = PLACEHOLDER_PATTERNS;
  const angleSource = onigurumaSource(angle);
  if (!angleSource.startsWith('<')) throw new Error('grammarPlaceholders: the angle pattern must open with <');
  // In Markdown, `<br>` or `<details>` alone is markup, not a placeholder.
  const elements = [...HTML_ELEMENTS].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|');
  const angleInMarkdown = `<(?!(?i:${elements})[ ]*>)${angleSource.slice(1)}`;
  // The core reads the bracket's text trimmed: at least two characters, a letter among them.
  const bracketSource = onigurumaSource(bracketed);
  if (!bracketSource.startsWith('\\[')) throw new Error('grammarPlaceholders: the bracketed pattern must open with \\[');
  const bracketedInMarkdown = `\\[(?=[^\\]]*\\p{L})(?=[^\\]]*?[^\\s\\]][^\\]]*?[^\\s\\]])${bracketSource.slice(2)}`;
  return [onigurumaSource(bare), angleInMarkdown, ...templates.map(onigurumaSource), bracketedInMarkdown].join('|');
}

/** The markers that open a value and may take a hint after them (`TODO: who`), and the class of what may follow them. */
export function hintedMarkerPattern(): { markers: string; follow: string } {
  // `^(?:TODO|TBD|FIXME)(?:[\s:(\-–—,.]|$)`: the markers, then a character of the class or the value's end.
  const match = /^\^\(\?:([A-Z|]+)\)\(\?:(\[[^\]]*\])\|\$\)$/.exec(PLACEHOLDER_PATTERNS.hinted.source);
  if (!match || PLACEHOLDER_PATTERNS.hinted.flags !== '') throw new Error(`grammarPlaceholders: the hinted marker pattern /${PLACEHOLDER_PATTERNS.hinted.source}/ changed shape`);
  return { markers: match[1] as string, follow: match[2] as string };
}

interface GrammarPattern {
  match?: string;
  begin?: string;
  [key: string]: unknown;
}

interface Grammar {
  repository: Record<string, { patterns: GrammarPattern[] }>;
  [key: string]: unknown;
}

/**
 * The grammar with its placeholder patterns written from the core's: in `placeholder-at-line` and
 * `placeholder-in-cell`, the bare value, the decorated value (`**TODO**`, `_<owner>_`) and the
 * hinted marker, each after its place's prefix and before its suffix.
 */
export function withPlaceholderPatterns(grammar: Grammar): Grammar {
  const value = placeholderValuePattern();
  const { markers, follow } = hintedMarkerPattern();
  const places: Record<string, { prefix: string; suffix: string }> = {
    'placeholder-at-line': { prefix: '(?:^|\\G)(?<!\\|)[ ]{0,3}', suffix: '' },
    'placeholder-in-cell': { prefix: '(?<=\\||\\| |\\|  |\\|   |\\|    |\\|\\t)', suffix: '(?<=^[ \\t]*\\|.*)' },
  };
  const repository = { ...grammar.repository };
  for (const [name, { prefix, suffix }] of Object.entries(places)) {
    const entry = repository[name];
    if (!entry || entry.patterns.length !== 3) throw new Error(`grammarPlaceholders: ${name} must hold three patterns (bare, decorated, hinted)`);
    const [bare, decorated, hint] = entry.patterns as [GrammarPattern, GrammarPattern, GrammarPattern];
    repository[name] = {
      ...entry,
      patterns: [
        { ...bare, match: `${prefix}(${value})(?=[ \\t]*$)${suffix}` },
        { ...decorated, match: `${prefix}((\\*\\*|__|\\*|_)[ \\t]*(?:${value}|(?:${markers})(?:${follow}.*?)?)[ \\t]*\\2)(?=[ \\t]*$)${suffix}` },
        { ...hint, begin: `${prefix}(${markers})(?=${follow}|$)${suffix}` },
      ],
    };
  }
  return { ...grammar, repository };
}

/** The grammar file's text: two-space JSON, as committed. */
export function grammarText(grammar: Grammar): string {
  return `${JSON.stringify(withPlaceholderPatterns(grammar), null, 2)}\n`;
}
