/** The rule catalogue, printed from the rule list: `runbook-notes rules`, the README table and SARIF's rule metadata all come from here. */
import { RULES } from './rules';
import type { Rule } from './rules/rule';

export const DOCS_URL = 'https://github.com/runbook-notes/runbook-notes/blob/main/docs/rules.md';

export function ruleDocsUrl(rule: Pick<Rule, 'id' | 'name'>): string {
  return `${DOCS_URL}#${rule.id.toLowerCase()}-${rule.name}`;
}

export interface CatalogueEntry {
  id: string;
  name: string;
  defaultSeverity: string;
  appliesTo: string;
  description: string;
  location: string;
  remedy: string;
  fixable: boolean;
  hasSuggestions: boolean;
  options: string[];
  docs: string;
}

export function catalogue(): CatalogueEntry[] {
  return RULES.map((rule) => ({
    id: rule.id,
    name: rule.name,
    defaultSeverity: rule.defaultSeverity,
    appliesTo: rule.appliesTo,
    description: rule.description,
    location: rule.location,
    remedy: rule.remedyText,
    fixable: rule.remedy === 'fix',
    hasSuggestions: rule.remedy === 'suggestion',
    options: rule.options ? Object.keys((rule.options() as unknown as { shape: Record<string, unknown> }).shape ?? {}) : [],
    docs: ruleDocsUrl(rule),
  }));
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The catalogue as a Markdown table. */
export function catalogueMarkdown(): string {
  const rows = catalogue().map(
    (entry) =>
      `| ${entry.id} | ${entry.name} | ${entry.defaultSeverity} | ${cell(entry.appliesTo)} | ${cell(entry.description)} | ${cell(entry.location)} | ${cell(entry.remedy)}${entry.options.length ? ` (options: ${entry.options.map((o) => `\`${o}\``).join(', ')})` : ''} |`,
  );
  return ['| id | name | default | applies to | what it flags | where | fix or suggestion |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
