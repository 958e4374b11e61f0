import { isScalar, visit } from 'yaml';
import type { Span } from '../frontMatter';
import type { Finding } from '../types';
import { defineRule } from './rule';

function shown(text: string): string {
  const line = text.trim().split(/\r?\n/)[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}

export const placeholderValue = defineRule({
  id: 'RN009',
  name: 'placeholder-value',
  defaultSeverity: 'warning',
  description: 'A value or a section body that is only a placeholder: TODO, TBD, FIXME, ???, N/A, `<owner>`, `...`, template variables (`${OWNER}`, `{{ owner }}`), `[Describe the rollback]`, `YYYY-MM-DD`, `CHANGEME`, `@your-team`, addresses at example.com, and the configured `placeholders`.',
  appliesTo: 'all notes',
  location: 'the placeholder text',
  remedy: 'none',
  remedyText: 'none',
  check({ note, config }): Finding[] {
    const { placeholders } = config;
    const findings: Finding[] = [];
    const frontMatter = note.frontMatter;
    if (frontMatter && frontMatter.errors.length === 0) {
      visit(frontMatter.document, {
        Scalar(key, node, path) {
          if (key === 'key' || typeof node.value !== 'string' || !node.range || !placeholders.test(node.value, undefined, 'yaml')) return;
          const pair = [...path].reverse().find((item) => 'key' in item && isScalar(item.key));
          const name = pair && 'key' in pair && isScalar(pair.key) ? String(pair.key.value) : 'value';
          findings.push({
            start: node.range[0],
            end: node.range[1],
            message: `'${name}' is a placeholder ('${shown(node.value)}'): replace it with the real value`,
          });
        },
      });
    }
    const covered: Span[] = [];
    for (const section of note.sections) {
      if (!section.placeholder) continue;
      covered.push(section.placeholder);
      const body = note.text.slice(section.placeholder.start, section.placeholder.end);
      findings.push({
        ...section.placeholder,
        message: `The '${section.title}' section holds only a placeholder ('${shown(body)}'): write the real content`,
      });
    }
    for (const label of note.labels) {
      const value = label.valueSpan;
      if (!value || !placeholders.test(label.value, note.definitions)) continue;
      if (covered.some((span) => value.start >= span.start && value.end <= span.end)) continue;
      const written = note.text.slice(label.labelSpan.start, label.labelSpan.end);
      findings.push({ ...value, message: `'${written}:' is a placeholder ('${shown(label.value)}'): replace it with the real value` });
    }
    return findings;
  },
});
