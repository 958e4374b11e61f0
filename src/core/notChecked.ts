/** Findings for notes no rule could read. */
import type { Diagnostic } from './types';

/**
 * The id and name of the finding for a note whose file is binary (it holds a NUL byte): not a
 * rule of the catalogue (no rule ran), but a finding, so that a note nobody can read fails the
 * run instead of passing unchecked.
 */
export const BINARY_CONTENT = { ruleId: 'RN000', rule: 'binary-content' } as const;

/** An error on 1:1 of a note (a file a kind's globs match) whose content is binary. */
export function binaryContentDiagnostic(): Diagnostic {
  return {
    ...BINARY_CONTENT,
    severity: 'error',
    message: 'binary content: not checked (the file holds a NUL byte; a note must be UTF-8 or UTF-16 text)',
    start: 0,
    end: 0,
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
    suggestions: [],
    related: [],
  };
}
