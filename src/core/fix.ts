/** Applying fixes: the one place that turns findings' edits into new text, for the editor and for `lint --fix`. */
import { applyEdits, editsOverlap, minimalEdit, stripBom, BOM, type TextEdit } from './text';
import type { Diagnostic, Remedy } from './types';

/** The fixes of the given diagnostics that can be applied together: a fix overlapping an earlier one waits for the next pass. */
export function compatibleFixes(diagnostics: readonly Diagnostic[]): Remedy[] {
  const chosen: Remedy[] = [];
  const edits: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fix;
    if (!fix || editsOverlap(fix.edits, edits)) continue;
    chosen.push(fix);
    edits.push(...fix.edits);
  }
  return chosen;
}

export interface FixResult {
  text: string;
  /** How many fixes were applied, over all passes. */
  applied: number;
}

/**
 * Applies every safe fix, linting again between passes (a fix can make another possible), until
 * nothing is left to fix. A byte order mark is kept. Suggestions are never applied here.
 */
export function fixAll(input: string, lint: (text: string) => readonly Diagnostic[], maxPasses = 10): FixResult {
  const { bom, text: original } = stripBom(input);
  let text = original;
  let applied = 0;
  for (let pass = 0; pass < maxPasses; pass++) {
    // The note as given: with its byte order mark, so that the linter strips exactly that one
    // (a second one is text, and offsets must not move by it).
    const fixes = compatibleFixes(lint(bom ? BOM + text : text));
    if (fixes.length === 0) break;
    text = applyEdits(text, fixes.flatMap((fix) => fix.edits));
    applied += fixes.length;
  }
  return { text: bom ? BOM + text : text, applied };
}

/** The findings of required fields the note lacks that come with a suggestion to add them (RN001–RN007, RN017, RN018). */
export function missingFieldFindings(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((diagnostic) => diagnostic.missingField !== undefined && (diagnostic.suggestions[0]?.edits.length ?? 0) > 0);
}

/**
 * "Add all N missing sections": the suggestion of every missing required field, applied one after
 * the other and linting again between them, so that each section lands after the one before it
 * (not all at the same end offset) and the owner key goes into the front matter the note has by
 * then. A field whose suggestion did not make its finding go away is not tried twice. A byte order
 * mark is kept. `applied` counts the fields added.
 */
export function addMissingFields(input: string, lint: (text: string) => readonly Diagnostic[]): FixResult {
  const { bom, text: original } = stripBom(input);
  let text = original;
  let applied = 0;
  const tried = new Set<string>();
  for (;;) {
    const next = missingFieldFindings(lint(bom ? BOM + text : text)).find((diagnostic) => !tried.has(diagnostic.missingField as string));
    if (!next) break;
    tried.add(next.missingField as string);
    text = applyEdits(text, (next.suggestions[0] as Remedy).edits);
    applied++;
  }
  return { text: bom ? BOM + text : text, applied };
}

/**
 * Every safe fix of `text` (as `fixAll`) as one edit that touches only what changed, so that an
 * editor keeps cursors and markers elsewhere; undefined when nothing is fixable. `known` are the
 * diagnostics of `text` itself, reused for the first pass; `lint` lints the text of later passes.
 */
export function fixAllEdit(text: string, known: readonly Diagnostic[], lint: (text: string) => readonly Diagnostic[]): TextEdit | undefined {
  if (!known.some((diagnostic) => diagnostic.fix)) return undefined;
  const fixed = fixAll(text, (current) => (current === text ? known : lint(current)));
  return minimalEdit(text, fixed.text);
}
