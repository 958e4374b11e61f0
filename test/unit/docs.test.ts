/** The README's rule table and docs/rules.md are generated from the rule list; this fails when someone forgot `npm run docs`. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderCommandsList, renderReadmeRuleTable, renderRulesPage, renderSettingsTable, replaceBetweenMarkers } from '../../scripts/docsContent';
import { CONFIGURATION_SETTINGS } from '../../src/core/settings';

const root = path.resolve(__dirname, '../..');

describe('generated documentation', () => {
  it('README.md rule table matches the rules in the code (run npm run docs)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(readme, replaceBetweenMarkers(readme, 'rules', renderReadmeRuleTable()));
  });
  it('README.md settings and command tables match the manifest (run npm run docs)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    assert.equal(readme, replaceBetweenMarkers(replaceBetweenMarkers(readme, 'settings', renderSettingsTable()), 'commands', renderCommandsList()));
  });
  it('every setting the editor reads is contributed in the manifest, and every contributed one is read', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const contributed = Object.keys(manifest.contributes.configuration.properties).sort();
    // One reader for the extension and the language server.
    const source = readFileSync(path.join(root, 'src/core/settings.ts'), 'utf8');
    const read = [...source.matchAll(/\bget\('([\w.]+)'\)/g)].map((match) => `runbookNotes.${match[1]}`);
    for (const key of CONFIGURATION_SETTINGS) read.push(`runbookNotes.${key}`);
    assert.deepEqual([...new Set(read)].sort(), contributed.filter((key) => !key.startsWith('runbookNotes.preview.')));
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
