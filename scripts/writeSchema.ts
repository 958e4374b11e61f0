// Writes dist/runbook-notes.schema.json (used by contributes.jsonValidation) from the zod configuration schema.
import { mkdirSync, writeFileSync } from 'node:fs';
import { configJsonSchema } from '../src/core';

mkdirSync('dist', { recursive: true });
writeFileSync('dist/runbook-notes.schema.json', `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
