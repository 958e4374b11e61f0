/** Where a note's owner may come from (`owners.sources` in the configuration), in the default order of precedence. */
export type OwnerSource = 'note' | 'codeowners' | 'owners-files';
export const OWNER_SOURCES: readonly OwnerSource[] = ['note', 'codeowners', 'owners-files'];

/** The id of the rule that reads the owners the ownership files mention (rules/ownerUnknown.ts): the resolver gathers them only while it is on. Here, not imported from the rule, so that the owners module does not depend on the rule list. */
export const OWNER_UNKNOWN_RULE_ID = 'RN019';
