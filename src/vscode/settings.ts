/** The `runbookNotes.*` settings of a workspace folder, validated with the same schema as `.runbook-notes.json`. */
import * as vscode from 'vscode';
import { configSchema, type ConfigLayer } from '../core';
import { describeIssues } from '../core/schemaIssues';

export interface FolderSettings {
  enable: boolean;
  run: 'onType' | 'onSave';
  delayMs: number;
  /** Notes longer than this (characters) are linted on save only. */
  maxSizeBytes: number;
  /** The rules, kinds, fields and placeholders settings as a configuration layer; undefined when none is set or they are invalid. */
  layer?: ConfigLayer;
  /** Why the rules, kinds, fields or placeholders settings cannot be used. */
  problems: string[];
}

export const SECTION = 'runbookNotes';

export function readSettings(scope: vscode.Uri | undefined, base: string): FolderSettings {
  const settings = vscode.workspace.getConfiguration(SECTION, scope);
  const run = settings.get<string>('lint.run') === 'onSave' ? 'onSave' : 'onType';
  const delay = settings.get<number>('lint.delayMs', 250);
  const maxSize = settings.get<number>('lint.maxSizeMB', 5);
  const raw: Record<string, unknown> = {};
  for (const key of ['rules', 'kinds', 'fields', 'placeholders'] as const) {
    const value = settings.get<unknown>(key);
    if (value !== undefined && !(typeof value === 'object' && value !== null && Object.keys(value).length === 0)) raw[key] = value;
  }
  let layer: ConfigLayer | undefined;
  let problems: string[] = [];
  if (Object.keys(raw).length > 0) {
    const parsed = configSchema().safeParse(raw);
    if (parsed.success) layer = { config: parsed.data, base };
    else problems = describeIssues(configSchema(), raw, parsed.error.issues).map((problem) => `setting ${SECTION}.${problem.message}`);
  }
  return {
    enable: settings.get<boolean>('enable', true),
    run,
    delayMs: typeof delay === 'number' && Number.isFinite(delay) ? Math.min(Math.max(delay, 0), 10_000) : 250,
    maxSizeBytes: (typeof maxSize === 'number' && Number.isFinite(maxSize) && maxSize > 0 ? maxSize : 5) * 1024 * 1024,
    layer,
    problems,
  };
}
