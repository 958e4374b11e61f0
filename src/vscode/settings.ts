/** The `runbookNotes.*` settings of a workspace folder, validated with the same schema as `.runbook-notes.json`. */
import * as vscode from 'vscode';
import { settingsFrom, SETTINGS_SECTION, type FolderSettings } from '../core';

export type { FolderSettings };

export const SECTION = SETTINGS_SECTION;

export function readSettings(scope: vscode.Uri | undefined, base: string): FolderSettings {
  const settings = vscode.workspace.getConfiguration(SECTION, scope);
  return settingsFrom((key) => settings.get<unknown>(key), base);
}
