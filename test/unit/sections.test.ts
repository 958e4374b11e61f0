/**
 * The body is parsed one top-level section at a time, and an edited note re-parses only the
 * sections that changed. Both must read exactly what one parse of the whole body reads: these
 * tests compare them on the example notes under random edits that aim at what could break the
 * cut (fences, HTML blocks, headings, reference definitions, line endings).
 *
 * FUZZ_RUNS=<n> runs more edit sequences than the default.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { lintText, resolveConfig, SectionCache, type LintResult } from '../../src/core';
import { bodyContent } from '../../src/core/bodyContent';
import { plainSectionEvents, scanBody, scanChunk, type BodyFacts } from '../../src/core/markdown';
import { parseNote } from '../../src/core/parse';
import { markdownFiles } from './cliHelpers';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const RUNS = Number(process.env.FUZZ_RUNS) || 150;
const config = resolveConfig([], '/repo');
const NOW = new Date('2026-11-21T12:00:00Z');

const NOTES = markdownFiles(FIXTURES).map((file) => readFileSync(file, 'utf8'));

/** Pieces that change how the lines around them read. */
const PIECES = [
  '#', '## Rollback\n', '\n# Heading\n', '```\n', '~~~', '````\n', '<!--', '-->', '<div>\n', '<script>', '</script>', '<?', '?>', '<!X', '>', '<![CDATA[', ']]>',
  '[x]: /url\n', '[x]', '![alt][x]', '[X]: <u>\n', '[ẞ]: u\n', '[ss]', '![alt](u)', '\n', '\n\n', '---\n', '- [ ] task\n', '- [x] done\n', '> ', '    ', '\t',
  '* ', '1. ', 'Owner:', '**Rollback:**\n', 'TODO', '\r\n', '\r', '&amp;', '\\', '`',
  // Inline syntax: what decides whether a paragraph's text must be parsed inline.
  '!', '[', ']', '(u)', '**', '_', '<b>', '<', '&#91;', '![', '<!-- runbook-notes-disable-line RN001 -->', '\n> TODO ', '`![x](y)`',
];

type Edit = { at: number; kind: 'insert'; piece: number } | { at: number; kind: 'delete'; length: number } | { at: number; kind: 'paste'; from: number; note: number; length: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constant('insert' as const), piece: fc.nat(PIECES.length - 1) }),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), kind: fc.constant('delete' as const), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    kind: fc.constant('paste' as const),
    from: fc.double({ min: 0, max: 1, noNaN: true }),
    note: fc.nat(NOTES.length - 1),
    length: fc.integer({ min: 1, max: 400 }),
  }),
);

function apply(text: string, change: Edit): string {
  const at = Math.floor(change.at * text.length);
  if (change.kind === 'insert') return text.slice(0, at) + PIECES[change.piece] + text.slice(at);
  if (change.kind === 'delete') return text.slice(0, at) + text.slice(at + change.length);
  const source = NOTES[change.note] as string;
  const from = Math.floor(change.from * source.length);
  return text.slice(0, at) + source.slice(from, from + change.length) + text.slice(at);
}

/** One parse of the whole body, every paragraph parsed inline: what the section cut (and the text it leaves unparsed) must reproduce. */
function wholeBody(text: string): Omit<BodyFacts, 'chunks'> {
  const { blocks, paragraphs, taskItems, images, comments, definitions } = scanChunk(text, [], 'reference');
  return { blocks, paragraphs, taskItems, images, comments, definitions: [...new Set(definitions)].sort() };
}

const comparable = (result: LintResult) => ({ kind: result.kind, diagnostics: result.diagnostics, required: result.required });

describe('section-by-section parsing', () => {
  it('reads exactly what one parse of the whole text reads, under random edits', () => {
    fc.assert(
      fc.property(fc.nat(NOTES.length - 1), fc.array(edit, { minLength: 1, maxLength: 20 }), (index, edits) => {
        let text = NOTES[index] as string;
        for (const change of edits) {
          text = apply(text, change);
          const { chunks, ...facts } = scanBody(text, 0);
          assert.deepEqual(facts, wholeBody(text));
          assert.equal(chunks.map((chunk) => text.slice(chunk.start, chunk.end)).join(''), text, 'the chunks cover the body, in order');
        }
      }),
      { seed: 5, numRuns: RUNS },
    );
  });

  it('reads plain sections without micromark exactly as micromark does', () => {
    // Lines near the edge of what a plain section is: headings with closing marks, emphasis or
    // list markers at the start, digits, blank lines of spaces and tabs.
    const LINES = [
      '# Title', '## Title ##', '### Title #', '#### Title#', '# #', '#', '##   ', '####### seven', '#tag', '# a #b', '#\tTab', '# Title  ', '# Owner:',
      'Plain text.', 'Owner: @alice', '**Owner:** @alice', '__Owner__: bob', '*emphasis* text', '**bold**', '*', '**', '* item', '*\titem', '***', '_x_', '___', '_ _ _',
      '2026 was a year', '1. first', '1) first', '12.', '1234567890. ten digits', '3.14 pi', 'TODO', 'TODO: how to undo', '| a | b |', '|---|---|', '| TODO | |',
      '', ' ', '\t', '   ', 'text  ', 'text\t', '  indented', '    code', '- item', '+ item', '= setext', '---', '===', '> quote', '```', '~~~', '<div>', '[x]: /u',
      'a <!-- c --> b', '![i](u)', 'x\u0000y', '\\# escaped', '! bang', '(paren)', '\u00a0nbsp', 'é accent', 'Rollback:', 'Rollback: roll back with `helm rollback`',
      // Lists and fences.
      '- item', '- Owner: @alice', '- **Rollback:**', '- TODO', '- `code`', '- ', '-', '- [ ] task', '- [x] done', '- - nested', '-  two spaces', '-\ttab', '- 1. ordered',
      '  continued', 'lazy continuation', '```', '```sh', '```sh `x`', '````', '~~~', '~~~ info `ok`', '   ```', '    ```', '``` ', '``', '`code` first', '~~not a fence',
      'kubectl rollout undo', '   ', 'TODO: fill in',
      // Lines opening with a bracket: links are plain text, definitions and task checks are not.
      '[a link](u)', '[a](u) and more', '[](u)', '[x](u)', '[ ](u)', '[a] (u)', '[a]: /u', '[a]:', '[a][b]', '[a\\]](u)', '[a [b]](u)', '[a', 'b](u)', '[x] done',
      '- [a link](u)', '- [x](u)', '- [ ](u)', '- [a]: /u', '- [x] (u)', '- [a](u) text',
      // Ordered items: numbers from 1 or not, both delimiters, what may follow the marker.
      '- [X] Done', '- [ ]', '- [ ] ', '- [ ]  two', '- [ ]\ttab', '- [x]x', '- [ ] [link](u)', '- [y] no', '- [ ] # not a heading', '- [x] `code`', '1. [x] ordered task',
      '2. second', '10. tenth', '0. zero', '1. [a link](u)', '1.  two spaces', '1.\titem', '1. ', '1. - nested', '1. # heading', '2) second', '1. [ ] task', '123456789. nine',
    ];
    // Mostly lines a plain section may hold, so that long plain sections come up too.
    const PLAIN = ['# Title', '## Title ##', 'Plain text.', 'Owner: @alice', '**Owner:** @alice', '*emphasis* text', '2026 was a year', 'TODO', '| a | b |', '', '   ', 'text  ', 'Rollback:',
      '- item', '- TODO', '- Owner: @alice', '```sh', '```', '~~~', 'kubectl rollout undo', '`code` first', '[a link](u)', '- [the logs](https://x/y)', '1. Run `kubectl get pods`', '2. Check the dashboard', '3. TODO', '1) first', '- [ ] check the dashboard', '- [x] done'];
    const line = fc.oneof({ arbitrary: fc.constantFrom(...PLAIN), weight: 4 }, { arbitrary: fc.constantFrom(...LINES), weight: 1 });
    let plain = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 0, maxLength: 12 }), fc.boolean(), (lines, finalNewline) => {
        const text = lines.join('\n') + (finalNewline ? '\n' : '');
        if (plainSectionEvents(text)) plain++;
        assert.deepEqual(scanChunk(text, []), scanChunk(text, [], 'reference'), JSON.stringify(text));
      }),
      { seed: 11, numRuns: RUNS * 20 },
    );
    // Both ways were compared: a good share of the texts took the plain path.
    assert.ok(plain > RUNS * 4, `only ${plain} of ${RUNS * 20} texts were plain sections`);
  });

  it('reads the same facts when it leaves unread paragraphs unparsed inline', () => {
    const samples = [
      'Plain text, *emphasis*, `code` and [a link](u).\n\n![alt *text*](u)\n\nText <!-- runbook-notes-disable-line RN001 --> more\n',
      '- [ ] task\n- [x] done\n- plain [x] item\n\n[x] not a task\n',
      '# Title with *emphasis* &amp; `code`\n\nSetext **title**\n===\n\n> **TODO**: fill in\n',
      'An image split by a line: !\n[alt](u) and a code span `<!-- no -->` and `![no](u)`\n',
      '[ref]: /url\n\nText ![alt][ref] and ![Alt][REF]\n',
    ];
    for (const text of samples) {
      assert.deepEqual(scanChunk(text, []), scanChunk(text, [], 'reference'), text);
    }
  });

  /** Edits example notes at random, one edit after another, and checks each version against the same SectionCache. */
  function afterEachEdit(seed: number, check: (text: string, cache: SectionCache) => void): void {
    fc.assert(
      fc.property(fc.nat(NOTES.length - 1), fc.array(edit, { minLength: 1, maxLength: 25 }), (index, edits) => {
        const cache = new SectionCache();
        let text = NOTES[index] as string;
        for (const change of edits) {
          text = apply(text, change);
          check(text, cache);
        }
      }),
      { seed, numRuns: RUNS },
    );
  }

  it('lints an edited note with a cache exactly as without one', () => {
    afterEachEdit(6, (text, cache) => {
      const options = { path: '/repo/runbooks/note.md', config, now: NOW };
      assert.deepEqual(comparable(lintText(text, { ...options, cache })), comparable(lintText(text, options)));
    });
  });

  it("reads the body's content (prose, images, code) per section with a cache exactly as from the whole text", () => {
    let kept = 0;
    afterEachEdit(7, (text, cache) => {
      const cached = parseNote(text, undefined, cache);
      const fresh = parseNote(text);
      const whole = bodyContent({ ...fresh, chunks: undefined });
      assert.deepEqual(bodyContent(cached), whole);
      assert.deepEqual(bodyContent(fresh), whole);
      kept += cache.stats.reused;
    });
    assert.ok(kept > RUNS, `only ${kept} sections came from the cache`);
  });

  it('joins a section with the next when a fence or an HTML block runs past its heading', () => {
    const cases = [
      '# A\n\n```\n# not a heading\n```\n\n# B\n',
      '# A\n\n<div>\n# not a heading\n\n# B\n',
      '# A\n\n<!--\n# not a heading\n-->\n# B\n',
      '# A\n\n<script>\n# not a heading\n</script>\n# B\n',
      '# A\n\n~~~~\n# not a heading\n~~~\n# still code\n~~~~\n# B\n',
    ];
    for (const text of cases) {
      const { chunks, ...body } = scanBody(text, 0);
      assert.deepEqual(body, wholeBody(text), text);
      assert.equal(chunks.length, 2, 'the heading inside the block cuts nothing');
      assert.deepEqual(
        body.blocks.filter((block) => block.type === 'heading').map((block) => block.title),
        ['A', 'B'],
        text,
      );
    }
  });

  it('resolves an image reference against a definition in another section', () => {
    const text = '# A\n\n![diagram][d]\n\n# B\n\n[d]: ./diagram.png\n';
    assert.deepEqual(scanBody(text, 0).images, [{ alt: 'diagram', span: { start: 5, end: 18 } }]);
    const { chunks, ...facts } = scanBody(text, 0);
    assert.equal(chunks.length, 2);
    assert.deepEqual(facts, wholeBody(text));
    assert.equal(bodyContent(parseNote(text)).images[0]?.url, './diagram.png', 'and so does the body content, section by section');
  });

  it('re-parses only the section a keystroke touched', () => {
    const sections = Array.from({ length: 200 }, (_, i) => `## Step ${i}\n\nRun \`step ${i}\` and watch the logs.\n\n- [ ] check ${i}\n`).join('\n');
    const text = `---\nkind: runbook\n---\n\n# Big\n\n${sections}`;
    const cache = new SectionCache();
    const options = { path: '/repo/runbooks/big.md', config, now: NOW, cache };
    lintText(text, options);
    assert.deepEqual(cache.stats, { parsed: 202, reused: 0 });
    const at = text.indexOf('Step 100');
    lintText(`${text.slice(0, at)}x${text.slice(at)}`, options);
    assert.deepEqual(cache.stats, { parsed: 1, reused: 201 });
  });
});
