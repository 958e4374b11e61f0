/**
 * Numbers as messages and the post-meta box show them: `12,345`, `-1,234.5`, `0.333`.
 *
 * The same text as `value.toLocaleString('en-US')` (comma groups of three, at most three
 * fraction digits, rounded half away from zero), written out here because the first
 * `toLocaleString` call of a process sets up ICU's number formatting: measured at 10 to 25 ms,
 * a fifth of a one-note CLI run (`npm run bench`, the start-up rows). test/unit/numberFormat.test.ts
 * checks it against `toLocaleString('en-US')`.
 */

/** `value` with comma thousands separators and at most three fraction digits; `∞`, `-∞` and `NaN` as `toLocaleString` writes them. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const negative = value < 0;
  const magnitude = Math.abs(value);
  const [whole, fraction] = splitThousandths(magnitude);
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  const text = fraction === '' ? grouped : `${grouped}.${fraction}`;
  // ICU writes -0 (and a negative that rounds to 0) as "-0".
  return negative || Object.is(value, -0) ? `-${text}` : text;
}

/**
 * The whole part's digits and up to three fraction digits (trailing zeros dropped), rounded half
 * away from zero, from the shortest decimal that reads back as `magnitude`, as ICU reads a double
 * (so 2^57 + 4 is written 144,115,188,075,855,880, not with its binary digits).
 */
function splitThousandths(magnitude: number): [string, string] {
  const [digits, exponentText] = magnitude.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  const mantissa = digits.replace('.', '');
  // The decimal digits with the point `pointAt` digits from the left (possibly before them all, or after).
  const pointAt = exponent + 1;
  const padded = pointAt <= 0 ? '0'.repeat(1 - pointAt) + mantissa : mantissa.padEnd(pointAt, '0');
  const at = Math.max(pointAt, 1);
  let whole = BigInt(padded.slice(0, at) || '0');
  let fraction = padded.slice(at);
  if (fraction.length > 3) {
    const kept = fraction.slice(0, 3);
    const roundUp = fraction.charCodeAt(3) >= 53; /* '5' */
    let thousandths = Number(kept) + (roundUp ? 1 : 0);
    if (thousandths === 1000) {
      whole += 1n;
      thousandths = 0;
    }
    fraction = String(thousandths).padStart(3, '0');
  }
  return [whole.toString(), fraction.replace(/0+$/, '')];
}
