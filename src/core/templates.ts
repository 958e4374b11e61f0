/** New notes from templates (`runbook-notes new <kind>`). Each leaves placeholders that RN009 flags until they are filled in. */
import type { ResolvedConfig } from './config/types';
import { fieldTitle } from './fields';
import { CHECKLIST_SKELETON } from './rules/checklistMissing';
import { COMMAND_SKELETON } from './rules/commandMissing';
import { EXPECTED_RESULT_SKELETON } from './rules/expectedResultMissing';
import { FILES_TOUCHED_SKELETON } from './rules/filesTouchedMissing';
import { METRICS_SKELETON } from './rules/metricMissing';
import { REASON_SKELETON } from './rules/reasonMissing';
import { ROLLBACK_SKELETON } from './rules/rollbackMissing';

const RUNBOOK = `---
kind: runbook
title: <title>
owner: "<owner>"
revision: { status: draft, version: 0.1.0 }
---

# <title>

TODO: when to use this runbook, and what it changes.

${EXPECTED_RESULT_SKELETON}
## Steps

1. TODO

${ROLLBACK_SKELETON}
${METRICS_SKELETON}
${CHECKLIST_SKELETON}`;

const CHANGE_NOTE = `---
kind: change-note
title: <title>
owner: "<owner>"
---

# <title>

${REASON_SKELETON}
${FILES_TOUCHED_SKELETON}
${COMMAND_SKELETON}
${METRICS_SKELETON}
${ROLLBACK_SKELETON}`;

const POST = `---
kind: post
title: <title>
topic: <topic>
summary: <summary>
stack: [<stack>]
tools: [<tool>]
code_language: <language>
difficulty: <difficulty>
reading_time: <minutes>
revision: { status: draft, version: 0.1.0 }
checklist:
  - <item>
---

# <title>

TODO: the introduction.
`;

const BUILTIN_TEMPLATES: Record<string, string> = { runbook: RUNBOOK, 'change-note': CHANGE_NOTE, post: POST };

/** A note of the given kind; kinds from the configuration get one section per required field. Undefined for an unknown kind. */
export function noteTemplate(kind: string, config: ResolvedConfig): string | undefined {
  const definition = config.kinds.find((candidate) => candidate.name === kind);
  if (!definition) return undefined;
  if (definition.builtin && BUILTIN_TEMPLATES[kind] && sameRequire(definition.require, kind)) return BUILTIN_TEMPLATES[kind];
  const fields = new Map(config.fields.map((field) => [field.name, field]));
  const sections = definition.require
    .filter((name) => name !== 'owner')
    .map((name) => {
      const field = fields.get(name);
      const title = field ? fieldTitle(field) : name;
      return field?.taskList ? CHECKLIST_SKELETON : `## ${title}\n\nTODO\n`;
    });
  return `---\nkind: ${kind}\ntitle: <title>\n${definition.require.includes('owner') ? 'owner: "<owner>"\n' : ''}---\n\n# <title>\n\n${sections.join('\n')}`;
}

const DEFAULT_REQUIRE: Record<string, string> = {
  runbook: 'owner,expected_result,rollback,metric,checklist',
  'change-note': 'owner,reason,files_touched,command,metric,rollback',
  post: '',
};

function sameRequire(require: readonly string[], kind: string): boolean {
  return [...require].sort().join(',') === (DEFAULT_REQUIRE[kind] ?? '').split(',').filter(Boolean).sort().join(',');
}
