/**
 * Inline control: `<!-- runbook-notes-disable RN003 -->` … `<!-- runbook-notes-enable RN003 -->`
 * and `<!-- runbook-notes-disable-next-line RN009 -->`; with no ids, all rules. In front matter the
 * same words work as YAML comments (`# runbook-notes-disable-next-line RN012`).
 *
 * A disable comment placed first in the body (nothing but front matter above it), or written in
 * the front matter, covers the whole file, first line included: that is where the missing-field
 * rules report.
 */
import type { ParsedNote } from './parse';
import { findRule } from './rules';

type RuleSet = ReadonlySet<string> | 'all';

interface RegionEvent {
  line: number;
  enable: boolean;
  rules: RuleSet;
}

const DIRECTIVE = /^runbook-notes-(disable-next-line|disable|enable)(?:\s+([\s\S]*))?$/;
const YAML_DIRECTIVE = /^[ \t]*#[ \t]*(runbook-notes-(?:disable-next-line|disable|enable)\b[^\r\n]*)$/gm;

function parseRules(list: string | undefined): RuleSet {
  const names = (list ?? '').split(/[\s,]+/).filter(Boolean);
  if (names.length === 0) return 'all';
  return new Set(names.map((name) => findRule(name)?.id ?? name));
}

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

export function findSuppressions(note: ParsedNote): Suppressions {
  const events: RegionEvent[] = [];
  const nextLine = new Map<number, RuleSet[]>();
  // Where the body's first real content starts: a disable comment before it stands at the top of the file.
  const firstContentStart = note.blocks.find((block) => !block.comment)?.span.start ?? note.text.length;

  const directive = (body: string, offset: number, endOffset: number, atTop: boolean): void => {
    const match = DIRECTIVE.exec(body.trim());
    if (!match) return;
    const rules = parseRules(match[2]);
    if (match[1] === 'disable-next-line') {
      const line = note.lines.positionAt(endOffset).line + 1;
      nextLine.set(line, [...(nextLine.get(line) ?? []), rules]);
    } else {
      events.push({ line: atTop ? 0 : note.lines.positionAt(offset).line, enable: match[1] === 'enable', rules });
    }
  };

  for (const comment of note.comments) directive(comment.body, comment.span.start, comment.span.end, comment.span.start < firstContentStart);
  const frontMatter = note.frontMatter;
  if (frontMatter) {
    const source = note.text.slice(frontMatter.content.start, frontMatter.content.end);
    for (const match of source.matchAll(YAML_DIRECTIVE)) {
      const offset = frontMatter.content.start + (match.index ?? 0);
      // Front matter is the top of the file: a region opened there covers it all, like a comment first in the body.
      directive(match[1] ?? '', offset, offset, true);
    }
  }
  events.sort((a, b) => a.line - b.line);

  const covers = (rules: RuleSet, ruleId: string): boolean => rules === 'all' || rules.has(ruleId);
  return {
    isSuppressed(ruleId: string, line: number): boolean {
      if (nextLine.get(line)?.some((rules) => covers(rules, ruleId))) return true;
      let disabled = false;
      for (const event of events) {
        if (event.line > line) break;
        if (covers(event.rules, ruleId)) disabled = !event.enable;
      }
      return disabled;
    },
  };
}
