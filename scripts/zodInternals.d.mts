// Types for scripts/zodInternals.mjs (imported by test/unit/dependencyInternals.test.ts).
export declare const ZOD_UTIL_FILE: string;
export declare const ZOD_ALLOWS_EVAL_PROBE: RegExp;
