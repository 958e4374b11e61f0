import type { TextEdit } from './text';

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** A change a finding offers: a fix (safe to apply unattended) or a suggestion (a skeleton a person must fill in). */
export interface Remedy {
  title: string;
  edits: TextEdit[];
}

/**
 * Another place in the same note that explains a finding (the first of two duplicate sections): LSP's
 * `DiagnosticRelatedInformation`, SARIF's `relatedLocations`. Offsets refer to the parsed note's text.
 */
export interface RelatedLocation {
  start: number;
  end: number;
  /** What is there, as a short phrase ("the first 'Rollback' section"). */
  message: string;
}

/** What a rule reports; offsets refer to the parsed note's text. */
export interface Finding {
  start: number;
  end: number;
  message: string;
  /** Other places in the note the finding refers to. */
  related?: RelatedLocation[];
  /** Caps the rule's configured severity for this finding (a single string where a list is expected is only an info). */
  severity?: Severity;
  fix?: Remedy;
  suggestions?: Remedy[];
  /** For a required field the note lacks: the field's name (its suggestion is one of "Add All Missing Sections"). */
  missingField?: string;
  /** Set by the declared-vs-found rules: what the body shows instead of the declared value ("the body reads in about 2 min"), for the post-meta box. */
  contradiction?: Contradiction;
}

/** A declared front matter value that the body contradicts: what the body shows instead. */
export interface Contradiction {
  found: string;
}

export interface Range {
  start: { line: number; column: number };
  end: { line: number; column: number };
}

/** A finding after configuration: with its rule, severity and line/column range (0-based, end exclusive). */
export interface Diagnostic {
  ruleId: string;
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  start: number;
  end: number;
  fix?: Remedy;
  suggestions: Remedy[];
  /** For a required field the note lacks: the field's name. */
  missingField?: string;
  /** Other places in the note the finding refers to, with their line/column ranges (0-based, end exclusive). */
  related: (RelatedLocation & { range: Range })[];
  contradiction?: Contradiction;
}

export function severityRank(severity: SeveritySetting): number {
  return SEVERITY_SETTINGS.indexOf(severity);
}
