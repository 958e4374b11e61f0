// Writes snippets/runbook-notes.code-snippets (contributes.snippets) from the templates and skeletons of
// src/core/templates.ts, so that the snippets cannot drift from `runbook-notes new` and the quick fixes.
// The build runs it; test/unit/snippets.test.ts fails when the committed file is out of date.
import { writeFileSync } from 'node:fs';
import { snippetsFileText } from '../src/core/templates';

writeFileSync('snippets/runbook-notes.code-snippets', snippetsFileText());
