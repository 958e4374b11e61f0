/**
 * The `runbookNotes.*` settings (the manifest's `contributes.configuration`), validated with the
 * same schema as `.runbook-notes.json`. One reader for every client: the VS Code extension reads
 * them with `getConfiguration`, the language server with `workspace/configuration`.
 */
import type { ConfigLayer } from './config/resolve';
import { configSchema } from './config/schema';
import { describeIssues } from './schemaIssues';

export const SETTINGS_SECTION = 'runbookNotes';

/** The settings that mirror keys of `.runbook-notes.json` and make a configuration layer of their own. */
export const CONFIGURATION_SETTINGS = ['rules', 'kinds', 'fields', 'owners', 'placeholders', 'timeZone'] as const;

export interface FolderSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  /** Milliseconds after the last keystroke before linting (0–10,000). */
  delayMs: number;
  /** Notes longer than this (characters) are linted on save only. */
  maxSizeBytes: number;
  /** The rules, kinds, fields, owners, placeholders and timeZone settings as a configuration layer; undefined when none is set or they are invalid. */
  layer?: ConfigLayer;
  /** Why the rules, kinds, fields, owners, placeholders or timeZone settings cannot be used, one sentence each. */
  problems: string[];
}

/**
 * Reads the settings of one folder. `get(key)` returns the value of `runbookNotes.<key>` (keys as
 * in the manifest, e.g. `lint.delayMs`) or undefined when it is not set; a value of the wrong type
 * falls back to the default. `base` is the folder the `kinds` globs are relative to.
 */
export function settingsFrom(get: (key: string) => unknown, base: string): FolderSettings {
  const delay = get('lint.delayMs');
  const maxSize = get('lint.maxSizeMB');
  const raw: Record<string, unknown> = {};
  for (const key of CONFIGURATION_SETTINGS) {
    const value = get(key);
    // Unset, empty (the manifest's defaults: {}, [], ''): nothing to apply.
    if (value !== undefined && value !== null && value !== '' && !(typeof value === 'object' && Object.keys(value).length === 0)) raw[key] = value;
  }
  let layer: ConfigLayer | undefined;
  let problems: string[] = [];
  if (Object.keys(raw).length > 0) {
    const parsed = configSchema().safeParse(raw);
    if (parsed.success) layer = { config: parsed.data, base };
    else problems = describeIssues(configSchema(), raw, parsed.error.issues).map((problem) => `setting ${SETTINGS_SECTION}.${problem.message}`);
  }
  return {
    enable: get('enable') !== false,
    run: get('lint.run') === 'onSave' ? 'onSave' : 'onType',
    delayMs: typeof delay === 'number' && Number.isFinite(delay) ? Math.min(Math.max(delay, 0), 10_000) : 250,
    maxSizeBytes: (typeof maxSize === 'number' && Number.isFinite(maxSize) && maxSize > 0 ? maxSize : 5) * 1024 * 1024,
    layer,
    problems,
  };
}
