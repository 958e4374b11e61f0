/** The ASCII twins of the Unicode expressions (src/core/unicodePattern.ts): on ASCII text they must find exactly what the Unicode expressions find. */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import '../../src/core';
import { asciiSource, UnicodePattern, unicodePatterns } from '../../src/core/unicodePattern';

/** ASCII text shaped like what the patterns meet: headings, labels, list items, table cells, words with joiners. */
const asciiText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'abcXYZ019 \t-*_:./\'()[]{}#|!?`<>'.split('')), maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.tuple(fc.constantFrom('', '  ', '- ', '* ', '**', '__', '1. '), fc.constantFrom('Owner', 'rollback', "don't", 'v1.2', 'Step 2', 'x'), fc.constantFrom('', '**', '_'), fc.constantFrom(':', ': ', ' :', '', '.', ' (optional)', ' !!'), fc.string({ maxLength: 8 })).map((parts) => parts.join('')),
);

function sameMatches(pattern: UnicodePattern, text: string): void {
  const unicode = new RegExp(pattern.source, pattern.flags);
  const twin = pattern.for(text);
  assert.notEqual(twin.source, unicode.source, 'ASCII text gets the twin');
  if (pattern.flags.includes('g')) assert.deepEqual(text.match(twin), text.match(unicode), `/${pattern.source}/ on ${JSON.stringify(text)}`);
  else assert.deepEqual(twin.exec(text), unicode.exec(text), `/${pattern.source}/ on ${JSON.stringify(text)}`);
  assert.equal(text.replace(twin, '~'), text.replace(unicode, '~'));
}

describe('Unicode patterns and their ASCII twins', () => {
  it('the core makes its \\p expressions this way, and each twin matches as its expression does on ASCII text', () => {
    const patterns = unicodePatterns();
    assert.ok(patterns.length >= 5, `only ${patterns.length} patterns were made`);
    for (const pattern of patterns) fc.assert(fc.property(asciiText, (text) => sameMatches(pattern, text)), { numRuns: 1500, seed: 23 });
  });

  it('text outside ASCII gets the Unicode expression', () => {
    const pattern = new UnicodePattern(String.raw`^\p{L}+`, 'u');
    assert.equal(pattern.for('Rückbau').exec('Rückbau')?.[0], 'Rückbau');
    assert.equal(pattern.for('Rollback').exec('Rollback')?.[0], 'Rollback');
    assert.equal(pattern.for('回滚').exec('回滚')?.[0], '回滚');
  });

  it('writes \\p{L}, \\p{N} and \\p{M} in and out of classes, and refuses properties it has no twin for', () => {
    assert.equal(asciiSource(String.raw`[^\p{L}\p{N}\p{M}]+`), '[^A-Za-z0-9]+');
    assert.equal(asciiSource(String.raw`\p{L}\p{M}\[\p{N}]`), String.raw`[A-Za-z](?!)\[[0-9]]`);
    assert.equal(asciiSource(String.raw`\\p{L}`), String.raw`\\p{L}`, 'an escaped backslash is no property');
    assert.throws(() => asciiSource(String.raw`\p{Lu}`), /no ASCII twin for \\p\{Lu\}/);
    assert.throws(() => asciiSource(String.raw`\P{L}`), /no ASCII twin for \\P\{L\}/);
    assert.throws(() => new UnicodePattern('a', 'g'), /needs the u flag/);
  });
});
