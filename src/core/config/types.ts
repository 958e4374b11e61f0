/**
 * The resolved configuration's shape, apart from the code that builds it (resolve.ts): the rules read it
 * (rules/rule.ts), and resolve.ts needs the rule list, so the types live below both and the import graph
 * has no circle.
 */
import type { FieldDefinition } from '../fields';
import type { PlaceholderMatcher } from '../fields/placeholders';
import type { KindDefinition } from '../kinds';
import type { OwnerSource } from '../owners/sources';
import type { SeveritySetting } from '../types';

export interface RuleSetting {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  rules: ReadonlyMap<string, RuleSetting>;
  /** Kinds in matching order: kinds from configuration first, then the built-in ones. */
  kinds: readonly KindDefinition[];
  fields: readonly FieldDefinition[];
  /** What a placeholder is: the built-in markers and every layer's `placeholders`. */
  placeholders: PlaceholderMatcher;
  /** The configuration files that made this, nearest first. */
  files: readonly string[];
  /** Where notes get their owners, in order of precedence (`owners.sources`; default: all three). */
  owners: { sources: readonly OwnerSource[] };
  /** The IANA time zone whose date is "today" for review dates; undefined: where the lint runs. */
  timeZone?: string;
}

/** How the core reads configuration and the files it names (schemas, ownership files): the CLI from disk, the editor through `vscode.workspace.fs`. */
export interface ConfigHost {
  /** The file's text, or undefined when it does not exist. Throws when it exists but cannot be read. */
  readFile(path: string): Promise<string | undefined>;
}

export interface ConfigProblem {
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}
