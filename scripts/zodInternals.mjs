// zod internals the build depends on (scripts/build.mjs), in one place so that test/unit/dependencyInternals.test.ts
// can check them against the installed zod: an upgrade that moves one fails that test, naming it.

/** The file holding zod's `allowsEval` probe, relative to node_modules/zod. */
export const ZOD_UTIL_FILE = 'v4/core/util.js';

/** zod's `allowsEval` probe (`new Function("")` in a try); the build makes it answer "no" (see build.mjs). */
export const ZOD_ALLOWS_EVAL_PROBE = /try \{\s*const F = Function;\s*new F\(""\);\s*return true;\s*\}/;
