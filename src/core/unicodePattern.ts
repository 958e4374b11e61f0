/**
 * Regular expressions over Unicode letters, digits and marks (`\p{L}`, `\p{N}`, `\p{M}`) that cost
 * nothing until used, with an ASCII twin for ASCII text. V8 builds a `\p` class from ICU's tables
 * when the expression is created and again when it first runs, 0.3 to 0.6 ms each (measured with
 * `node -e`); a one-note CLI run paid for six of them at start-up. Most headings, labels and lines
 * are ASCII: they are matched with the twin, in which `\p{L}` is `A-Za-z`, `\p{N}` is `0-9` and
 * `\p{M}` matches nothing, which on ASCII text finds exactly what the Unicode expression finds
 * (test/unit/unicodePattern.test.ts compares them on generated text).
 */

const ASCII_ONLY = /^[\x00-\x7f]*$/;

const created: UnicodePattern[] = [];

/** Every pattern made so far (by the modules loaded): for the test that holds each twin to its Unicode expression. */
export function unicodePatterns(): readonly UnicodePattern[] {
  return created;
}

/** An expression written with `\p{L}`, `\p{N}` and `\p{M}` (and the `u` flag), built on first use. */
export class UnicodePattern {
  private unicode?: RegExp;
  private ascii?: RegExp;

  /** `source` and `flags` as `new RegExp` takes them; `flags` must include `u`. Throws a SyntaxError, when first used, for an invalid source. */
  constructor(
    readonly source: string,
    readonly flags: string,
  ) {
    if (!flags.includes('u')) throw new Error(`UnicodePattern: /${source}/${flags} needs the u flag`);
    created.push(this);
  }

  /** The expression to run on `text`: the ASCII twin when `text` is all ASCII. A `g` or `y` expression is shared: reset `lastIndex` before `exec` loops. */
  for(text: string): RegExp {
    if (ASCII_ONLY.test(text)) return (this.ascii ??= new RegExp(asciiSource(this.source), this.flags));
    return this.full();
  }

  /** The Unicode expression itself, for text known to hold more than ASCII (a character already found outside it). */
  full(): RegExp {
    return (this.unicode ??= new RegExp(this.source, this.flags));
  }
}

const CLASS_BODY: Record<string, string> = { L: 'A-Za-z', N: '0-9', M: '' };
const OUTSIDE_CLASS: Record<string, string> = { L: '[A-Za-z]', N: '[0-9]', M: '(?!)' };

/** The source with each `\p{L}`, `\p{N}` and `\p{M}` replaced by its ASCII members; any other `\p{…}` or `\P{…}` throws. */
export function asciiSource(source: string): string {
  let out = '';
  let inClass = false;
  for (let index = 0; index < source.length; index++) {
    const char = source[index] as string;
    if (char === '\\') {
      const property = /^[pP]\{([A-Za-z_=]+)\}/.exec(source.slice(index + 1));
      if (property) {
        const name = property[1] as string;
        const replacement = source[index + 1] === 'p' ? (inClass ? CLASS_BODY : OUTSIDE_CLASS)[name] : undefined;
        if (replacement === undefined) throw new Error(`UnicodePattern: no ASCII twin for \\${source[index + 1]}{${name}} in /${source}/`);
        out += replacement;
        index += property[0].length;
        continue;
      }
      out += source.slice(index, index + 2);
      index++;
      continue;
    }
    if (char === '[' && !inClass) inClass = true;
    else if (char === ']' && inClass) inClass = false;
    out += char;
  }
  return out;
}
