import { locate, spanAt } from '../frontMatter';
import { isPlaceholderValue } from '../fields';
import { formatPath, valueAt } from '../schemaIssues';
import type { Finding } from '../types';
import { defineRule } from './rule';

/** `['revision', 'status']` → `revision.status`; the top level reads as "front matter". */
function named(path: (string | number)[]): string {
  return path.length === 0 ? 'front matter' : formatPath(path);
}

export const frontMatterSchema = defineRule({
  id: 'RN028',
  name: 'front-matter-schema',
  defaultSeverity: 'error',
  description:
    "Front matter that breaks the team's JSON Schema for the note's kind (`\"kinds\": { \"change-note\": { \"schema\": \"schemas/change-note.json\" } }`, draft-07 or 2020-12), on top of the built-in checks. Placeholder values are RN009's.",
  appliesTo: 'kinds with a schema in the configuration',
  location: 'the value (the key for a key the schema does not allow; the parent key, or the opening `---`, for a missing key)',
  remedy: 'none',
  remedyText: "none; the message names the schema's expectation and the schema file",
  check({ note, meta, kind }): Finding[] {
    const schema = kind?.schema;
    const frontMatter = note.frontMatter;
    if (!schema || !meta || !frontMatter) return [];
    const findings: Finding[] = [];
    for (const problem of schema.validate(meta)) {
      const value = valueAt(meta, problem.path);
      if (problem.keyword !== 'required' && isPlaceholderValue(value)) continue;
      let span;
      if (problem.keyword === 'required') {
        span = problem.path.length === 0 ? frontMatter.openingFence : (locate(frontMatter, problem.path).key ?? spanAt(frontMatter, problem.path));
      } else if (problem.keyword === 'additionalProperties') {
        span = locate(frontMatter, problem.path).key ?? spanAt(frontMatter, problem.path);
      } else {
        span = spanAt(frontMatter, problem.path);
      }
      const where = named(problem.path);
      findings.push({
        start: span.start,
        end: span.end,
        message: `${where}: ${problem.message} (the ${kind.name} schema, ${schema.path})`,
      });
    }
    return findings;
  },
});
