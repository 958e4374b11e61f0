/** Note kinds: which files are notes, and which fields each kind requires. */

export interface GlobPattern {
  pattern: string;
  /** The folder the pattern is relative to (posix, absolute). */
  base: string;
}

export interface KindDefinition {
  name: string;
  include: GlobPattern[];
  require: string[];
  builtin: boolean;
}

export const BUILTIN_KINDS: readonly { name: string; include: string[]; require: string[] }[] = [
  { name: 'runbook', include: ['**/runbooks/**/*.md', '**/*.runbook.md'], require: ['owner', 'expected_result', 'rollback', 'metric', 'checklist'] },
  {
    name: 'change-note',
    include: ['**/changes/**/*.md', '**/change-notes/**/*.md', '**/*.change.md'],
    require: ['owner', 'reason', 'files_touched', 'command', 'metric', 'rollback'],
  },
  { name: 'post', include: ['**/posts/**/*.md', '**/*.post.md', '**/_posts/**/*.md'], require: [] },
];

/** Display name for a kind: `change-note` → `Change note`. */
export function kindLabel(name: string): string {
  const words = name.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "a runbook", "an alert runbook": how messages name the kind that requires a field. */
export function withArticle(name: string): string {
  const label = kindLabel(name).toLowerCase();
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}
