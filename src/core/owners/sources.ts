/** Where a note's owner may come from (`owners.sources` in the configuration), in the default order of precedence. */
export type OwnerSource = 'note' | 'codeowners' | 'owners-files';
export const OWNER_SOURCES: readonly OwnerSource[] = ['note', 'codeowners', 'owners-files'];
