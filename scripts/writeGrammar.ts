// Writes the placeholder patterns of syntaxes/runbook-notes.injection.tmLanguage.json from the core's
// (scripts/grammarPlaceholders.ts), so that what the editor highlights cannot drift from RN009.
// The build runs it; test/unit/grammar.test.ts fails when the committed file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { grammarText } from './grammarPlaceholders';

const file = 'syntaxes/runbook-notes.injection.tmLanguage.json';
writeFileSync(file, grammarText(JSON.parse(readFileSync(file, 'utf8'))));
