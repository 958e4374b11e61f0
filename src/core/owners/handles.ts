/**
 * What counts as an owner, and how owners written in different places are compared.
 *
 * CODEOWNERS (GitHub, GitLab) names `@user`, `@org/team` (GitLab: `@group/subgroup`, roles
 * `@@maintainer`) or an e-mail address. Prow's OWNERS files name bare GitHub logins (`alice`) or
 * aliases from OWNERS_ALIASES, and Prow compares them without case. A note may write either form.
 */

/** `@user`, `@org/team`, `@group/sub/group` (letters, digits, `_`, `.`, `-`; the first character no `.` or `-`). */
const HANDLE = /^@[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;
/** GitLab's role owners (GitLab 17.7+): `@@developer`, `@@maintainer`, `@@owner`. */
const ROLE = /^@@(?:developer|developers|maintainer|maintainers|owner|owners)$/i;
/** An address with one `@`, a local part and a dotted domain: what GitHub and GitLab match against a verified e-mail. */
const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]+$/;
/** A Prow login or alias: a GitHub login (letters, digits, `-`, `_`), optionally written with `@`. */
const LOGIN = /^@?[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** Whether a CODEOWNERS owner is valid: `@user`, `@org/team`, a GitLab role or an e-mail address. */
export function isCodeownersOwner(owner: string): boolean {
  return HANDLE.test(owner) || ROLE.test(owner) || EMAIL.test(owner);
}

/** Whether an entry of an OWNERS file's `approvers` or `reviewers` is valid: a login or an alias. */
export function isOwnersFileLogin(login: string): boolean {
  return LOGIN.test(login);
}

export const CODEOWNERS_OWNER_EXPECTED = '@user, @org/team or an e-mail address';
export const OWNERS_LOGIN_EXPECTED = 'a GitHub login (letters, digits, -) or an alias from OWNERS_ALIASES';

/** The key owners are compared by: lower case, without a leading `@` (Prow writes `alice`, CODEOWNERS `@alice`). */
export function ownerKey(owner: string): string {
  return owner.trim().replace(/^@/, '').toLowerCase();
}

/** Tokens in free text that name an owner: `@handle`, `@org/team`, e-mail addresses. */
const OWNER_TOKEN = /(?<![\w.@/-])(@[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*|[^\s@<>()[\],;:"'`]+@[^\s@<>()[\],;:"'`]+\.[A-Za-z]{2,})/g;

/**
 * The owners a note's value names, each with its offset in the value. A single word is a login
 * (`alice`, `@alice`); in longer text only `@handles` and e-mail addresses count, so "Database
 * team (on call)" names no owner that ownership files could confirm.
 */
export function ownersInText(value: string): { owner: string; offset: number }[] {
  const trimmed = value.trim();
  if (trimmed === '') return [];
  if (LOGIN.test(trimmed) || HANDLE.test(trimmed) || EMAIL.test(trimmed)) return [{ owner: trimmed, offset: value.indexOf(trimmed) }];
  const found: { owner: string; offset: number }[] = [];
  for (const match of value.matchAll(OWNER_TOKEN)) {
    // A sentence's full stop after a handle is no part of it.
    const owner = (match[1] as string).replace(/\.+$/, '');
    found.push({ owner, offset: match.index ?? 0 });
  }
  return found;
}
