/** The README's rule table and docs/rules.md are generated from the rule list; this fails when someone forgot `npm run docs`. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderReadmeRuleTable, renderRulesPage, replaceBetweenMarkers } from '../../scripts/docsContent';

const root = path.resolve(__dirname, '../..');

describe('generated documentation', () => {
  it('README.md rule table matches the rules in the code (run npm run docs)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(readme, replaceBetweenMarkers(readme, 'rules', renderReadmeRuleTable()));
  });
  it('docs/rules.md matches the rules in the code (run npm run docs)', () => {
    assert.equal(readFileSync(path.join(root, 'docs/rules.md'), 'utf8'), renderRulesPage());
  });
  it('the manifest points jsonValidation at the generated schema', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.runbook-notes.json', url: './dist/runbook-notes.schema.json' }]);
    const schema = JSON.parse(readFileSync(path.join(root, 'dist/runbook-notes.schema.json'), 'utf8'));
    assert.ok(schema.properties.rules.properties.RN013, 'the schema lists the rules');
    assert.equal(schema.additionalProperties, false);
  });
});
