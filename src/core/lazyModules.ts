/**
 * Libraries that only some runs need, loaded on first use, as zod is (zod.ts): a require() call
 * is what the bundler leaves lazy, the module's code running on the first call. A lint of notes
 * with no configuration file, of files named on the command line, evaluates none of them; their module code cost a one-note CLI run about
 * a millisecond (`npm run bench`, the start-up rows). Import their types with `import type`; a
 * value import would load them with the bundle again.
 */
import type * as JsonSchema from '@cfworker/json-schema';
import type ignore from 'ignore';
import type * as Jsonc from 'jsonc-parser';
import { lazy } from './zod';

/** jsonc-parser: configuration files and team schemas, with positions. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const jsonc = lazy(() => require('jsonc-parser') as typeof Jsonc);

/** ignore: `.gitignore` rules, for walking folders (fileSelection.ts). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ignoreRules = lazy(() => require('ignore') as typeof ignore);

/** @cfworker/json-schema: the validator of team schemas (`kinds.<name>.schema`, RN028). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const jsonSchema = lazy(() => require('@cfworker/json-schema') as typeof JsonSchema);
