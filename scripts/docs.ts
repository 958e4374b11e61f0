// Writes docs/rules.md and the rule table in README.md from the rule list, so that they cannot drift from the code.
// `npm run docs` rewrites them; the unit tests fail when they are out of date.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { renderCommandsList, renderReadmeRuleTable, renderRulesPage, renderSettingsTable, replaceBetweenMarkers } from './docsContent';

const root = path.resolve(__dirname, '..');
mkdirSync(path.join(root, 'docs'), { recursive: true });
writeFileSync(path.join(root, 'docs/rules.md'), renderRulesPage());
const readmePath = path.join(root, 'README.md');
let readme = readFileSync(readmePath, 'utf8');
readme = replaceBetweenMarkers(readme, 'rules', renderReadmeRuleTable());
readme = replaceBetweenMarkers(readme, 'settings', renderSettingsTable());
readme = replaceBetweenMarkers(readme, 'commands', renderCommandsList());
writeFileSync(readmePath, readme);
console.log('Wrote docs/rules.md, and the rule, settings and command tables in README.md');
