/** formatNumber against the formatting it stands in for, `toLocaleString('en-US')`, on chosen and generated numbers. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { formatNumber } from '../../src/core/numberFormat';

const same = (value: number) => assert.equal(formatNumber(value), value.toLocaleString('en-US'), `formatNumber(${value})`);

describe('formatNumber', () => {
  it('writes counts, fractions, signs and the edges as toLocaleString("en-US") does', () => {
    const chosen = [
      0, -0, 1, -1, 7, 999, 1000, -1000, 12_345, 999_999, 1_000_000, 1_234_567_890, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 1.5e300, Number.MAX_VALUE,
      0.5, 1.5, 2.5, -2.5, 0.1, 0.2 + 0.1, 1 / 3, 2 / 3, 0.0005, 0.0004, 0.0015, 1.0005, 1.2345, 9.9995, 999.9996, 1_000.5, 123_456.789, -0.0004, -0.0005,
      1e-7, 5e-324, 0.001, 0.01, 12.3, 1e20 + 0.5, Infinity, -Infinity, NaN,
    ];
    for (const value of chosen) same(value);
  });

  it('matches on generated integers and doubles', () => {
    fc.assert(fc.property(fc.integer({ min: -1e12, max: 1e12 }), same), { numRuns: 2000, seed: 41 });
    fc.assert(fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), same), { numRuns: 5000, seed: 42 });
    fc.assert(fc.property(fc.double({ noNaN: true }), same), { numRuns: 2000, seed: 43 });
  });
});
