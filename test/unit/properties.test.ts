/**
 * Property-based tests of the core with fast-check: arbitrary text, notes built around generated
 * front matter, and the example notes under random mutations (lines inserted, deleted, duplicated;
 * random bytes; CRLF/CR/LF mixes; BOM; NUL; lone surrogates; 100,000-character lines; nesting
 * 2,000 deep), linted at paths of every kind; and random edit sequences linted with and without a
 * SectionCache. The properties (P1 to P4) are spelled out in noteProperties.ts; the summary line
 * printed after the run counts the inputs tried and how often each property held.
 *
 * Runs are reproducible: a fixed seed and a fixed number of runs per property.
 *   FUZZ_RUNS=<n>     runs every property n times instead of its default (as in sections.test.ts)
 *   FUZZ_SEED=<n>     starts from another seed, to explore other inputs
 *   FUZZ_SAVE=1       writes a shrunk counterexample to test/fixtures/properties/ (else to the temp folder)
 *   FUZZ_HANG_MS=<n>  the time one lint may take before it counts as a hang (default 5000)
 *   FUZZ_SHRINK=0     reports the first failure unshrunk (a failure of the hang guard is never shrunk)
 * e.g. `FUZZ_RUNS=2000 FUZZ_SEED=7 npx mocha --no-config --import tsx test/unit/properties.test.ts`
 * (without --no-config, .mocharc adds every other unit test).
 *
 * A counterexample becomes a fixture: a JSON file in test/fixtures/properties/ holding the path,
 * the configuration and the text (or the successive texts of an edit sequence), which the last
 * test runs through the same checks. JSON, because a lone surrogate cannot be written as UTF-8.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { applyMutations, arbitraryText, editedExample, editVersions, EXAMPLES, frontMatterNote, mutatedExample, target, TARGETS, type ConfigName, type Target } from './noteGenerators';
import { checkIncremental, checkNote, summary } from './noteProperties';

const FIXTURES = path.resolve(__dirname, '../fixtures/properties');
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20261121;
/** Each property's runs, unless FUZZ_RUNS says otherwise: together well under a minute on a 2-core machine. */
const runs = (defaultRuns: number) => (process.env.FUZZ_RUNS ? Math.max(1, Number(process.env.FUZZ_RUNS)) : defaultRuns);

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** A fixture's text: a string, or parts joined, where `{ repeat, times }` spells a long run (a 100,000-character line) in a few bytes. */
type FixtureText = string | (string | { repeat: string; times: number })[];

interface PropertyFixture {
  /** What failed, in the words of the check that failed. */
  found: string;
  path: string;
  config: ConfigName;
  /** One text, or the successive versions of a text under edits (checked with one SectionCache). */
  texts: FixtureText[];
}

function fixtureText(text: FixtureText): string {
  return typeof text === 'string' ? text : text.map((part) => (typeof part === 'string' ? part : part.repeat.repeat(part.times))).join('');
}

function saveCounterexample(fixture: PropertyFixture): string {
  // Plain ASCII: a byte order mark, a no-break space or a lone surrogate stays visible, and no editor can change it.
  const json = `${JSON.stringify(fixture, null, 2).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
  const name = `${fixture.found.match(/\[(P\d)\]/)?.[1] ?? 'P'}-${createHash('sha256').update(json).digest('hex').slice(0, 10)}.json`;
  const folder = process.env.FUZZ_SAVE === '1' ? FIXTURES : path.join(os.tmpdir(), 'runbook-notes-properties');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  writeFileSync(file, json);
  return file;
}

const SHRINK_LIMIT_MS = 60_000;

const errorText = (details: { errorInstance: unknown }) => (details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance));

/**
 * Runs a property; on failure, the shrunk counterexample is written as a fixture and the error says
 * where. A failure of the hang guard is not shrunk: every try would lint for seconds again.
 */
function runProperty<T>(arbitrary: fc.Arbitrary<T>, numRuns: number, toFixture: (value: T) => Omit<PropertyFixture, 'found'>, check: (value: T) => void): void {
  const property = fc.property(arbitrary, check);
  let details = fc.check(property, { seed: SEED, numRuns, endOnFailure: true });
  if (!details.failed) return;
  const shrink = process.env.FUZZ_SHRINK !== '0' && !/^\[P1\] linting .* took/.test(errorText(details)) && details.counterexamplePath;
  // Replaying the failing run from its path, shrinking this time; a minute at most (inputs near a
  // parser's limits can take seconds each), then the smallest failure found so far is reported.
  if (shrink) details = fc.check(property, { seed: SEED, path: details.counterexamplePath ?? undefined, numRuns, plugins: [fc.interruptAfterTimeLimit(SHRINK_LIMIT_MS, { failOnInterrupt: true }) as fc.Plugin<[T]>] });
  const message = fc.defaultReportMessage(details) ?? 'property failed';
  const counterexample = details.counterexample?.[0];
  if (counterexample === undefined) throw new Error(message);
  const error = errorText(details);
  const fixture: PropertyFixture = { found: error.split('\n')[0] ?? error, ...toFixture(counterexample) };
  throw new Error(`${message}\n\n${error}\n\n${shrink ? 'Shrunk counterexample' : 'Counterexample (not shrunk)'} saved as ${saveCounterexample(fixture)}; move it to test/fixtures/properties/ to keep it as a regression test.`);
}

function timeoutFor(numRuns: number): number {
  return 60_000 + numRuns * 1_000;
}

describe('properties (fast-check)', function () {
  const started = performance.now();
  // The counts and timings, for a reader tuning the generators (RUNBOOK_NOTES_VERBOSE=1); a failure prints its seed itself.
  after(() => {
    if (process.env.RUNBOOK_NOTES_VERBOSE === '1') console.log(`      ${summary((performance.now() - started) / 1000)}; seed ${SEED}`);
  });

  it('P1–P3 hold for each example note as it is, at its own path and at every kind\'s', function () {
    this.timeout(60_000);
    for (const example of EXAMPLES) {
      checkNote(example.text, { path: example.path, config: 'default' });
      for (const other of TARGETS) checkNote(example.text, other);
    }
  });

  /** P1–P3 on single generated texts, each linted at a generated kind's path. */
  const textProperty = (what: string, texts: fc.Arbitrary<string>, defaultRuns: number) => {
    const count = runs(defaultRuns);
    it(`P1–P3 hold for ${what} (${count} runs)`, function () {
      this.timeout(timeoutFor(count));
      runProperty(
        fc.record({ text: texts, target }),
        count,
        ({ text, target }) => ({ path: target.path, config: target.config, texts: [text] }),
        ({ text, target }) => checkNote(text, target),
      );
    });
  };
  textProperty('arbitrary text (unicode, lone surrogates, NUL, Markdown pieces) at the path of each kind', arbitraryText, 300);
  textProperty('notes built around generated front matter (typos, lists as strings, broken YAML, CR/CRLF/LF, BOM)', frontMatterNote, 300);

  const mutationRuns = runs(250);
  it(`P1–P3 hold for the example notes under sequences of mutations (${mutationRuns} runs)`, function () {
    this.timeout(timeoutFor(mutationRuns));
    const prepare = ({ example, mutations, target }: Generated<typeof mutatedExample>) => {
      const source = EXAMPLES[example] as { path: string; text: string };
      return { text: applyMutations(source.text, mutations), target: target ?? { path: source.path, config: 'default' as const } };
    };
    runProperty(
      mutatedExample,
      mutationRuns,
      (value) => {
        const { text, target } = prepare(value);
        return { path: target.path, config: target.config, texts: [text] };
      },
      (value) => {
        const { text, target } = prepare(value);
        checkNote(text, target);
      },
    );
  });

  const editRuns = runs(120);
  it(`P4 linting with a SectionCache agrees with linting without one, along random edit sequences (${editRuns} runs)`, function () {
    this.timeout(timeoutFor(editRuns));
    const prepare = ({ example, setup, edits, target }: Generated<typeof editedExample>) => {
      const source = EXAMPLES[example] as { path: string; text: string };
      return { versions: editVersions(applyMutations(source.text, setup), edits), target: target ?? { path: source.path, config: 'default' as const } };
    };
    runProperty(
      editedExample,
      editRuns,
      (value) => {
        const { versions, target } = prepare(value);
        return { path: target.path, config: target.config, texts: versions };
      },
      (value) => {
        const { versions, target } = prepare(value);
        checkIncremental(versions, target);
      },
    );
  });

  describe('regression fixtures (test/fixtures/properties/*.json: counterexamples once found)', () => {
    const files = readdirSync(FIXTURES)
      .filter((name) => name.endsWith('.json'))
      .sort();
    for (const name of files) {
      it(name, function () {
        // A hang found by the fuzzer takes seconds to lint before the check can fail.
        this.timeout(120_000);
        const fixture = JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as PropertyFixture;
        const where: Target = { path: fixture.path, config: fixture.config };
        const texts = fixture.texts.map(fixtureText);
        for (const text of texts) checkNote(text, where);
        checkIncremental(texts, where);
      });
    }
  });
});
