/**
 * zod, loaded on first use. Its module code costs about 20 ms to evaluate, half of what loading
 * the whole extension bundle would cost otherwise, and activation needs none of it: the schemas
 * are built when a configuration or a note's front matter is first validated. Import zod's types
 * with `import type`; a value import would load it with the bundle again.
 */
import type * as Zod from 'zod';

let loaded: typeof Zod | undefined;

export function zod(): typeof Zod['z'] {
  // A require() call is what the bundler leaves lazy: the module's code runs on the first call.
  // In the extension it loads dist/zod.js, a file of its own, parsed only then (scripts/build.mjs).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('zod') as typeof Zod;
  return loaded.z;
}

/** A value built on first use and kept: for schemas, which need zod. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
