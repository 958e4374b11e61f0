/** Runs every fixture under test/fixtures/rules: each rule's folder holds notes that show it firing and not firing. */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigResolver, fixAll, lintText, OwnershipResolver, RULES, applyEdits, type Diagnostic } from '../../src/core';
import { nodeConfigHost, nodeOwnershipHost } from '../../src/cli/nodeHost';
import { markdownFiles } from './cliHelpers';
import { readExpectations } from './fixtureFormat';

const FIXTURES = path.resolve(__dirname, '../fixtures/rules');
export const TODAY = new Date('2026-11-21T12:00:00Z');

function position(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${diagnostic.ruleId} ${start.line + 1}:${start.column + 1}-${end.line + 1}:${end.column + 1}`;
}

const resolver = new ConfigResolver(nodeConfigHost, { defaultRoot: FIXTURES, stopAt: FIXTURES });
const ownershipResolver = new OwnershipResolver(nodeOwnershipHost);

/** Each rule's folder is the repository root its ownership files (CODEOWNERS, OWNERS) belong to. */
async function lintFixture(file: string, text: string, root: string) {
  const expectations = readExpectations(text);
  const notePath = expectations.path ? path.join(path.dirname(file), expectations.path) : file;
  const config = await resolver.forNote(notePath);
  const ownership = await ownershipResolver.forNote(notePath, root, config);
  const lint = (input: string) => lintText(input, { path: notePath, config, now: TODAY, ownership });
  return { expectations, lint, result: lint(text) };
}

describe('rule fixtures', () => {
  const folders = readdirSync(FIXTURES).filter((name) => /^RN\d{3}-/.test(name));

  it('every rule has a fixture folder with notes that fire and notes that do not', () => {
    for (const rule of RULES) {
      const folder = folders.find((name) => name === `${rule.id}-${rule.name}`);
      assert.ok(folder, `no fixture folder ${rule.id}-${rule.name}`);
      const texts = markdownFiles(path.join(FIXTURES, folder)).map((file) => readFileSync(file, 'utf8'));
      assert.ok(texts.some((text) => readExpectations(text).findings.some((f) => f.ruleId === rule.id)), `${rule.id} has no fixture where it fires`);
      assert.ok(texts.some((text) => readExpectations(text).none), `${rule.id} has no fixture where it does not fire`);
    }
  });

  for (const folder of folders) {
    const ruleId = folder.slice(0, 5);
    describe(folder, () => {
      for (const file of markdownFiles(path.join(FIXTURES, folder))) {
        const name = path.relative(path.join(FIXTURES, folder), file);
        it(name, async () => {
          const text = readFileSync(file, 'utf8');
          const { expectations, result, lint } = await lintFixture(file, text, path.join(FIXTURES, folder));
          assert.ok(result.isNote, 'the fixture is not linted as a note');
          const actual = result.diagnostics.filter((diagnostic) => expectations.all || diagnostic.ruleId === ruleId);
          const expected = expectations.findings.filter((finding) => expectations.all || finding.ruleId === ruleId);
          assert.deepEqual(
            actual.map(position).sort(),
            expected.map((f) => `${f.ruleId} ${f.start.line}:${f.start.column}-${f.end.line}:${f.end.column}`).sort(),
            `findings of ${file}:\n${result.diagnostics.map((d) => `${position(d)} ${d.message}`).join('\n')}`,
          );
          for (const finding of expected) {
            if (!finding.message) continue;
            const match = actual.find((d) => d.ruleId === finding.ruleId && d.range.start.line + 1 === finding.start.line && d.message.includes(finding.message as string));
            assert.ok(match, `no ${finding.ruleId} message containing "${finding.message}" at line ${finding.start.line}`);
          }
          for (const finding of expected) {
            if (!finding.related) continue;
            const match = actual.find((d) => d.ruleId === finding.ruleId && d.range.start.line + 1 === finding.start.line && d.range.start.column + 1 === finding.start.column);
            const range = (r: { start: { line: number; column: number }; end: { line: number; column: number } }) => `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
            assert.deepEqual(
              match?.related.map((related) => range({ start: { line: related.range.start.line + 1, column: related.range.start.column + 1 }, end: { line: related.range.end.line + 1, column: related.range.end.column + 1 } })),
              finding.related.map(range),
              `related locations of the ${finding.ruleId} finding at ${finding.start.line}:${finding.start.column}`,
            );
          }

          // Fixed output is linted again: what was fixed is gone, and a second pass changes nothing.
          if (result.diagnostics.some((d) => d.fix)) {
            const fixed = fixAll(text, (input) => lint(input).diagnostics);
            assert.ok(fixed.applied > 0);
            const after = lint(fixed.text);
            assert.deepEqual(after.diagnostics.filter((d) => d.fix).map(position), [], 'fixable findings remain after fixing');
            assert.equal(fixAll(fixed.text, (input) => lint(input).diagnostics).text, fixed.text, 'fixing twice changed the text again');
          }

          // Each suggestion, applied alone, makes its finding go away; the skeleton's placeholders are then flagged by RN009.
          for (const diagnostic of result.diagnostics.filter((d) => d.ruleId === ruleId)) {
            for (const suggestion of diagnostic.suggestions) {
              const changed = applyEdits(text, suggestion.edits);
              const after = lint(changed).diagnostics;
              assert.ok(
                !after.some((d) => d.ruleId === diagnostic.ruleId && d.message === diagnostic.message),
                `suggestion "${suggestion.title}" left "${diagnostic.message}"`,
              );
              if (/TODO|<owner>/.test(suggestion.edits.map((edit) => edit.text).join(''))) {
                assert.ok(after.some((d) => d.ruleId === 'RN009'), `the skeleton of "${suggestion.title}" is not flagged as a placeholder`);
              }
            }
          }
        });
      }
    });
  }
});

describe('rule options', () => {
  it("each rule's defaultOptions are what its options schema gives for no options (a run without options loads no zod)", () => {
    for (const rule of RULES) {
      if (!rule.options) continue;
      assert.ok(rule.defaultOptions, `${rule.id} has options but no defaultOptions`);
      assert.deepEqual(rule.options().parse({}), rule.defaultOptions, rule.id);
    }
  });
});
