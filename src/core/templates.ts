/**
 * New notes from templates (`runbook-notes new <kind>`, the editor's New Note commands) and the
 * snippets (snippets/runbook-notes.code-snippets, generated from this file at build time). Each is a
 * skeleton (skeleton.ts): plain text for the CLI, a snippet with tab stops for the editor. They leave
 * placeholders that RN009 flags until they are filled in, and no text Markdown reads as HTML (a
 * `<title>` in the body would be an HTML element, and VS Code's preview would swallow the note).
 */
import type { ResolvedConfig } from './config/types';
import { DIFFICULTIES, REVISION_STATUSES } from './metaSchema';
import { CHECKLIST_SECTION } from './rules/checklistMissing';
import { COMMAND_SECTION } from './rules/commandMissing';
import { EXPECTED_RESULT_SECTION } from './rules/expectedResultMissing';
import { fieldSection } from './rules/fieldMissing';
import { FILES_TOUCHED_SECTION } from './rules/filesTouchedMissing';
import { METRICS_SECTION } from './rules/metricMissing';
import { OWNER_ENTRY } from './rules/ownerMissing';
import { REASON_SECTION } from './rules/reasonMissing';
import { ROLLBACK_SECTION } from './rules/rollbackMissing';
import { choice, placeholder, skeletonSnippet, skeletonText, type Skeleton } from './skeleton';

/** The title, in the front matter and mirrored in the `# heading` (typed once in the editor). */
const TITLE = placeholder('Title', 'title');
const STATUS = choice(REVISION_STATUSES);

/** The post-meta keys a post fills in first, from `stack` to `reading_time` (a post and the post-meta snippet share them). */
const POST_BASICS: Skeleton = [
  '\nstack: [',
  placeholder('<stack>'),
  ']\ntools: [',
  placeholder('<tool>'),
  ']\ncode_language: ',
  placeholder('<language>'),
  '\ndifficulty: ',
  choice(DIFFICULTIES),
  '\nreading_time: ',
  placeholder('<minutes>'),
];

const RUNBOOK: Skeleton = [
  '---\nkind: runbook\ntitle: ',
  TITLE,
  '\n',
  ...OWNER_ENTRY,
  '\nrevision: { status: ',
  STATUS,
  ', version: ',
  placeholder('0.1.0'),
  ' }\n---\n\n# ',
  TITLE,
  '\n\n',
  placeholder('TODO: when to use this runbook, and what it changes.'),
  '\n\n',
  ...EXPECTED_RESULT_SECTION,
  '\n## Steps\n\n1. ',
  placeholder('TODO'),
  '\n\n',
  ...ROLLBACK_SECTION,
  '\n',
  ...METRICS_SECTION,
  '\n',
  ...CHECKLIST_SECTION,
];

const CHANGE_NOTE: Skeleton = [
  '---\nkind: change-note\ntitle: ',
  TITLE,
  '\n',
  ...OWNER_ENTRY,
  '\n---\n\n# ',
  TITLE,
  '\n\n',
  ...REASON_SECTION,
  '\n',
  ...FILES_TOUCHED_SECTION,
  '\n',
  ...COMMAND_SECTION,
  '\n',
  ...METRICS_SECTION,
  '\n',
  ...ROLLBACK_SECTION,
];

const POST: Skeleton = [
  '---\nkind: post\ntitle: ',
  TITLE,
  '\ntopic: ',
  placeholder('<topic>'),
  '\nsummary: ',
  placeholder('<summary>'),
  ...POST_BASICS,
  '\nrevision: { status: ',
  STATUS,
  ', version: ',
  placeholder('0.1.0'),
  ' }\nchecklist:\n  - ',
  placeholder('<item>'),
  '\n---\n\n# ',
  TITLE,
  '\n\n',
  placeholder('TODO: the introduction.'),
  '\n',
];

/** Front matter with every key of the post-meta box, in the box's order (snippet only: no command writes it). */
const POST_META: Skeleton = [
  '---\nkind: ',
  choice(['post', 'runbook', 'change-note']),
  '\ntitle: ',
  placeholder('Title'),
  '\ntopic: ',
  placeholder('<topic>'),
  '\nsummary: ',
  placeholder('<summary>'),
  '\nai_brief: ',
  placeholder('<brief>'),
  '\nai_outline:\n  context: ',
  placeholder('<context>'),
  '\n  problem: ',
  placeholder('<problem>'),
  '\n  stack: ',
  placeholder('<stack>'),
  '\n  recommended_action: ',
  placeholder('<recommended action>'),
  '\n',
  ...OWNER_ENTRY,
  ...POST_BASICS,
  '\nview_count: ',
  placeholder('0'),
  '\nscore:\n  quality: ',
  placeholder('<quality>'),
  '\n  freshness: ',
  placeholder('<freshness>'),
  '\n  depth: ',
  placeholder('<depth>'),
  '\n  clarity: ',
  placeholder('<clarity>'),
  '\nrevision:\n  status: ',
  STATUS,
  '\n  version: ',
  placeholder('0.1.0'),
  '\n  last_reviewed: ',
  placeholder([{ variable: 'CURRENT_YEAR' }, '-', { variable: 'CURRENT_MONTH' }, '-', { variable: 'CURRENT_DATE' }]),
  '\nreference: ',
  placeholder('<reference>'),
  '\nhash: ',
  placeholder('<hash>'),
  '\nflags:\n  ai_generated_style: ',
  choice(['0', '1']),
  '\n  has_images: ',
  choice(['0', '1']),
  '\n  image_heavy: ',
  choice(['0', '1']),
  '\n  needs_human_review: ',
  choice(['0', '1']),
  '\nchecklist:\n  - ',
  placeholder('<item>'),
  '\nentities:\n  - name: ',
  placeholder('<entity>'),
  '\n    type: ',
  placeholder('<type>'),
  '\nimage_sources:\n  - source: ',
  placeholder('<source>'),
  '\n    url: ',
  placeholder('<url>'),
  '\n    caption: ',
  placeholder('<caption>'),
  '\npayload:\n  source_id: ',
  placeholder('<source id>'),
  '\n  generator: ',
  placeholder('<generator>'),
  '\n  paragraphs: ',
  placeholder('<paragraphs>'),
  '\n  scenario: ',
  placeholder('<scenario>'),
  '\n  seed: ',
  placeholder('<seed>'),
  '\nnotes:\n  - ',
  placeholder('<note>'),
  '\nmetric:\n  name: ',
  placeholder('<metric>'),
  '\n  before: ',
  placeholder('<before>'),
  '\n  after: ',
  placeholder('<after>'),
  '\n  unit: ',
  placeholder('<unit>'),
  '\nfiles_touched:\n  - ',
  placeholder('<path>'),
  '\n---\n',
];

const BUILTIN_TEMPLATES: Record<string, Skeleton> = { runbook: RUNBOOK, 'change-note': CHANGE_NOTE, post: POST };

/** The skeleton of a new note of the given kind; kinds from the configuration get one section per required field. Undefined for an unknown kind. */
export function noteSkeleton(kind: string, config: ResolvedConfig): Skeleton | undefined {
  const definition = config.kinds.find((candidate) => candidate.name === kind);
  if (!definition) return undefined;
  const builtin = BUILTIN_TEMPLATES[kind];
  if (definition.builtin && builtin && sameRequire(definition.require, kind)) return builtin;
  const fields = new Map(config.fields.map((field) => [field.name, field]));
  const sections = definition.require
    .filter((name) => name !== 'owner')
    .map((name): Skeleton => {
      const field = fields.get(name);
      if (!field) return [`## ${name}\n\n`, placeholder('TODO'), '\n'];
      return field.taskList ? CHECKLIST_SECTION : fieldSection(field);
    });
  const owner: Skeleton = definition.require.includes('owner') ? [...OWNER_ENTRY, '\n'] : [];
  return [`---\nkind: ${kind}\ntitle: `, TITLE, '\n', ...owner, '---\n\n# ', TITLE, '\n\n', ...sections.flatMap((section, index) => (index === 0 ? section : ['\n', ...section]))];
}

/** A new note of the given kind as plain text (`runbook-notes new`). Undefined for an unknown kind. */
export function noteTemplate(kind: string, config: ResolvedConfig): string | undefined {
  const skeleton = noteSkeleton(kind, config);
  return skeleton && skeletonText(skeleton);
}

/** A new note of the given kind as a VS Code snippet (the editor's New Note commands). Undefined for an unknown kind. */
export function noteSnippet(kind: string, config: ResolvedConfig): string | undefined {
  const skeleton = noteSkeleton(kind, config);
  return skeleton && skeletonSnippet(skeleton);
}

const DEFAULT_REQUIRE: Record<string, string> = {
  runbook: 'owner,expected_result,rollback,metric,checklist',
  'change-note': 'owner,reason,files_touched,command,metric,rollback',
  post: '',
};

function sameRequire(require: readonly string[], kind: string): boolean {
  return [...require].sort().join(',') === (DEFAULT_REQUIRE[kind] ?? '').split(',').filter(Boolean).sort().join(',');
}

/** A snippet of the snippets file, and of the editor's `rn` completion. */
export interface SnippetDefinition {
  /** The snippet's name (the key in the snippets file). */
  name: string;
  /** What is typed to find it: one prefix, so that each snippet is one entry in the suggestion list. */
  prefix: string;
  description: string;
  skeleton: Skeleton;
}

/** Every snippet, in the order of the snippets file. The built-in kinds' templates, with their default requirements. */
export const SNIPPETS: readonly SnippetDefinition[] = [
  {
    name: 'New runbook',
    prefix: 'rn-runbook',
    description: 'A new runbook (the same as `runbook-notes new runbook`): owner, expected result, steps, rollback, metrics and checklist, with placeholders the linter flags until they are filled in.',
    skeleton: RUNBOOK,
  },
  {
    name: 'New change note',
    prefix: 'rn-change-note',
    description: 'A new change note (the same as `runbook-notes new change-note`): owner, reason, files touched, command used, metrics and rollback, with placeholders the linter flags until they are filled in.',
    skeleton: CHANGE_NOTE,
  },
  {
    name: 'New post',
    prefix: 'rn-post',
    description: 'A new post (the same as `runbook-notes new post`): the post-meta keys most posts fill in, with placeholders the linter flags until they are filled in.',
    skeleton: POST,
  },
  {
    name: 'Post-meta front matter',
    prefix: 'rn-post-meta',
    description: 'Front matter with every key of the post-meta box, in the order the box shows them; choices for kind, difficulty, revision status and flags. Delete the keys you do not need.',
    skeleton: POST_META,
  },
  {
    name: 'Implementation checklist',
    prefix: 'rn-checklist',
    description: "A '## Checklist' task list with the five standard steps (what the RN018 quick fix inserts): capture the current behavior, create a safe backup, test the smallest change, watch logs after release, write the final note.",
    skeleton: CHECKLIST_SECTION,
  },
  {
    name: 'Rollback section',
    prefix: 'rn-rollback',
    description: "A '## Rollback' section: how to undo the change, and how long it takes (what the RN002 quick fix inserts).",
    skeleton: ROLLBACK_SECTION,
  },
  {
    name: 'Metrics before/after table',
    prefix: 'rn-metrics',
    description: "A '## Metrics' section with a before/after table (what the RN003 quick fix inserts).",
    skeleton: METRICS_SECTION,
  },
  {
    name: 'Expected result section',
    prefix: 'rn-expected-result',
    description: "An '## Expected result' section: what you see when it worked (what the RN004 quick fix inserts).",
    skeleton: EXPECTED_RESULT_SECTION,
  },
  {
    name: 'Reason section',
    prefix: 'rn-reason',
    description: "A '## Reason' section: why the change was needed (what the RN005 quick fix inserts).",
    skeleton: REASON_SECTION,
  },
  {
    name: 'Files touched section',
    prefix: 'rn-files-touched',
    description: "A '## Files touched' list (what the RN006 quick fix inserts).",
    skeleton: FILES_TOUCHED_SECTION,
  },
  {
    name: 'Command used section',
    prefix: 'rn-command-used',
    description: "A '## Command used' section with the command in a fenced block (what the RN007 quick fix inserts).",
    skeleton: COMMAND_SECTION,
  },
];

/** The snippets file's JSON (a VS Code `.code-snippets` file): written by the build, checked by a unit test. */
export function snippetsFileText(): string {
  const file: Record<string, { prefix: string; description: string; body: string[] }> = {};
  for (const snippet of SNIPPETS) file[snippet.name] = { prefix: snippet.prefix, description: snippet.description, body: skeletonSnippet(snippet.skeleton).split('\n') };
  return `${JSON.stringify(file, null, 2)}\n`;
}
