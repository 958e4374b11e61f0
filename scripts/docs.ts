// Writes docs/rules.md and the rule table in README.md from the rule list, so that they cannot drift from the code.
// `npm run docs` rewrites them; the unit tests fail when they are out of date.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { renderReadmeRuleTable, renderRulesPage, replaceBetweenMarkers } from './docsContent';

const root = path.resolve(__dirname, '..');
mkdirSync(path.join(root, 'docs'), { recursive: true });
writeFileSync(path.join(root, 'docs/rules.md'), renderRulesPage());
const readmePath = path.join(root, 'README.md');
writeFileSync(readmePath, replaceBetweenMarkers(readFileSync(readmePath, 'utf8'), 'rules', renderReadmeRuleTable()));
console.log('Wrote docs/rules.md and the rule table in README.md');
