/**
 * Fingerprints of findings for code-scanning services (SARIF `partialFingerprints`) and GitLab
 * Code Quality (`fingerprint`): the same finding keeps its fingerprint from run to run, so that
 * the service tracks it as one issue, and an edit above it (which moves its line) does not churn
 * it. Built from the rule and the finding's own text (its range and the text of its line,
 * whitespace collapsed), never its line number or message (messages may carry line numbers or
 * ages); findings with the same key in one file are told apart by their order.
 */
import type * as Crypto from 'node:crypto';
import type { Diagnostic } from '../core';

/** node:crypto, loaded by the formats that print fingerprints: loading it costs a one-note run a tenth of its time. */
function sha256(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:crypto') as typeof Crypto).createHash('sha256').update(text).digest('hex').slice(0, 32);
}

const CONTEXT_CHARACTERS = 200;

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, CONTEXT_CHARACTERS);
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(offset === 0 ? 0 : start, end < 0 ? text.length : end);
}

/** One fingerprint (32 hex digits) per diagnostic, in order; `text` is the text the diagnostics' offsets refer to. */
export function fingerprintsOf(text: string, diagnostics: readonly Diagnostic[]): string[] {
  const seen = new Map<string, number>();
  return diagnostics.map((diagnostic) => {
    const key = [diagnostic.ruleId, collapse(text.slice(diagnostic.start, diagnostic.end)), collapse(lineAt(text, diagnostic.start))].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return sha256(`${key}\u0000${occurrence}`);
  });
}

/** A fingerprint unique within a report of many files: the file's path joined to the finding's own. */
export function reportFingerprint(path: string, fingerprint: string): string {
  return sha256(`${path}\u0000${fingerprint}`);
}
