/**
 * Prow's OWNERS files (Kubernetes and many other projects): YAML in a folder naming who approves
 * and reviews its files, inherited by the folders below. Format: Prow's `repoowners` package and
 * the Kubernetes "OWNERS files" guide.
 *
 *   approvers: [alice, sig-storage-leads]   # logins or aliases from OWNERS_ALIASES
 *   reviewers: [bob]
 *   options: { no_parent_owners: true }     # the folders above do not own this one
 *
 * Read here: `approvers` and `reviewers` (the owners), `emeritus_approvers`, `emeritus_reviewers`
 * and `required_reviewers` (named, so owner-unknown knows them, but no owners), `options`.
 * `filters` (owners per file-name regular expression) are not read: an OWNERS file that gives
 * its owners only through filters gives none here. `labels` has nothing to do with ownership.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { editDistance } from '../editDistance';
import { LineIndex } from '../text';
import type { OwnershipProblem } from './codeowners';
import { isOwnersFileLogin, ownerKey, OWNERS_LOGIN_EXPECTED } from './handles';

export const OWNERS_FILE_NAME = 'OWNERS';
export const OWNERS_ALIASES_FILE_NAME = 'OWNERS_ALIASES';

const OWNER_LISTS = ['approvers', 'reviewers'] as const;
const NAMED_LISTS = ['emeritus_approvers', 'emeritus_reviewers', 'required_reviewers'] as const;
const OTHER_KEYS = ['labels', 'options', 'filters'] as const;
const KNOWN_KEYS: readonly string[] = [...OWNER_LISTS, ...NAMED_LISTS, ...OTHER_KEYS];
const KNOWN_OPTIONS: readonly string[] = ['no_parent_owners', 'auto_approve_unowned_subfolders'];

export interface OwnersFile {
  /** Approvers, then reviewers not already approvers, as written. */
  owners: string[];
  /** 1-based line of `approvers:` (else `reviewers:`, else 1): where the owners come from. */
  line: number;
  noParentOwners: boolean;
  problems: OwnershipProblem[];
  /** Every login the file names (owner keys). */
  mentioned: Set<string>;
}

export interface OwnersAliases {
  aliases: Map<string, string[]>;
  problems: OwnershipProblem[];
  /** Alias names and their members (owner keys). */
  mentioned: Set<string>;
}

type Ranged = { range?: [number, number, number] } | null | undefined;

/** Reads YAML and reports its syntax errors; the document's map, or undefined (reported) when the root is something else. */
function readYaml(text: string, problems: OwnershipProblem[], lines: LineIndex, expected: string) {
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const problem = (node: Ranged, message: string) => problems.push(problemAt(lines, node?.range?.[0] ?? 0, node?.range?.[1] ?? 1, message));
  for (const error of document.errors) problems.push(problemAt(lines, error.pos[0], error.pos[1], `not valid YAML: ${error.message.split('\n')[0]}`));
  const contents = document.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || contents.value === ''))) return { map: undefined, problem };
  if (!isMap(contents)) {
    problem(contents as Ranged, `expected ${expected}`);
    return { map: undefined, problem };
  }
  return { map: contents, problem };
}

function problemAt(lines: LineIndex, start: number, end: number, message: string): OwnershipProblem {
  const from = lines.positionAt(start);
  const to = lines.positionAt(Math.max(end, start + 1));
  return { line: from.line + 1, column: from.column + 1, endLine: to.line + 1, endColumn: to.column + 1, message };
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** A list of logins; wrong entries are reported and left out. */
function readLogins(pair: Pair, key: string, problem: (node: Ranged, message: string) => void): string[] {
  const value = pair.value as YamlNode | null;
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (!isSeq(value)) {
    problem((value ?? pair.key) as Ranged, `${key}: expected a list of logins, one per line ('- alice'); this key is not read`);
    return [];
  }
  const logins: string[] = [];
  for (const item of value.items) {
    const login = isScalar(item) && typeof item.value === 'string' ? item.value.trim() : undefined;
    if (login !== undefined && isOwnersFileLogin(login)) logins.push(login);
    else problem(item as Ranged, `${key}: '${login ?? (isScalar(item) ? String(item.value) : String(item))}' is not ${OWNERS_LOGIN_EXPECTED}; it is left out`);
  }
  return logins;
}

function closest(key: string, known: readonly string[]): string {
  const near = known.find((candidate) => editDistance(key, candidate, 2) <= 2);
  return near ? ` (did you mean '${near}'?)` : '';
}

/** Parses an OWNERS file. Never throws: problems are reported with their position, and what is valid applies. */
export function parseOwnersFile(source: string): OwnersFile {
  const text = source.replace(/^\uFEFF/, '');
  const problems: OwnershipProblem[] = [];
  const lines = new LineIndex(text);
  const { map, problem } = readYaml(text, problems, lines, 'a map with approvers and reviewers');
  const file: OwnersFile = { owners: [], line: 1, noParentOwners: false, problems, mentioned: new Set() };
  if (!map) return file;
  const lists = new Map<string, string[]>();
  let ownersLine: number | undefined;
  for (const pair of map.items as Pair[]) {
    const key = keyOf(pair);
    if (key === undefined) continue;
    if ((OWNER_LISTS as readonly string[]).includes(key) || (NAMED_LISTS as readonly string[]).includes(key)) {
      lists.set(key, readLogins(pair, key, problem));
      if ((OWNER_LISTS as readonly string[]).includes(key) && (key === 'approvers' || ownersLine === undefined)) {
        ownersLine = lines.positionAt((pair.key as Ranged)?.range?.[0] ?? 0).line + 1;
      }
    } else if (key === 'options') {
      file.noParentOwners = readOptions(pair, problem);
    } else if (!KNOWN_KEYS.includes(key)) {
      problem(pair.key as Ranged, `unknown key '${key}': expected one of ${KNOWN_KEYS.join(', ')}${closest(key, KNOWN_KEYS)}; it is not read`);
    }
  }
  file.owners = [...new Set([...(lists.get('approvers') ?? []), ...(lists.get('reviewers') ?? [])])];
  file.line = ownersLine ?? 1;
  for (const logins of lists.values()) for (const login of logins) file.mentioned.add(ownerKey(login));
  return file;
}

function readOptions(pair: Pair, problem: (node: Ranged, message: string) => void): boolean {
  const value = pair.value as YamlNode | null;
  if (value === null) return false;
  if (!isMap(value)) {
    problem(value as Ranged, 'options: expected a map such as { no_parent_owners: true }');
    return false;
  }
  let noParentOwners = false;
  for (const option of value.items as Pair[]) {
    const key = keyOf(option);
    if (key === undefined) continue;
    if (!KNOWN_OPTIONS.includes(key)) {
      problem(option.key as Ranged, `options: unknown option '${key}': expected ${KNOWN_OPTIONS.join(' or ')}${closest(key, KNOWN_OPTIONS)}`);
      continue;
    }
    const setting = isScalar(option.value) ? option.value.value : undefined;
    if (typeof setting !== 'boolean') {
      problem((option.value ?? option.key) as Ranged, `options.${key}: expected true or false`);
      continue;
    }
    if (key === 'no_parent_owners') noParentOwners = setting;
  }
  return noParentOwners;
}

/** Parses OWNERS_ALIASES (`aliases: { name: [login, …] }`) at the repository root. Never throws. */
export function parseOwnersAliases(source: string): OwnersAliases {
  const text = source.replace(/^\uFEFF/, '');
  const problems: OwnershipProblem[] = [];
  const lines = new LineIndex(text);
  const { map, problem } = readYaml(text, problems, lines, "a map with the key 'aliases'");
  const result: OwnersAliases = { aliases: new Map(), problems, mentioned: new Set() };
  if (!map) return result;
  for (const pair of map.items as Pair[]) {
    const key = keyOf(pair);
    if (key !== 'aliases') {
      if (key !== undefined) problem(pair.key as Ranged, `unknown key '${key}': expected 'aliases'`);
      continue;
    }
    if (!isMap(pair.value)) {
      if (pair.value !== null && !(isScalar(pair.value) && pair.value.value === null)) problem(pair.value as Ranged, 'aliases: expected a map of alias names to lists of logins');
      continue;
    }
    for (const alias of pair.value.items as Pair[]) {
      const name = keyOf(alias);
      if (name === undefined) continue;
      if (!isOwnersFileLogin(name)) problem(alias.key as Ranged, `aliases: '${name}' is not a valid alias name: expected letters, digits and -`);
      const members = readLogins(alias, `aliases.${name}`, problem);
      result.aliases.set(ownerKey(name), members);
      result.mentioned.add(ownerKey(name));
      for (const member of members) result.mentioned.add(ownerKey(member));
    }
  }
  return result;
}
