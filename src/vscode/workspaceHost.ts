import * as vscode from 'vscode';
import type { ConfigHost } from '../core';

/** Configuration files read through `vscode.workspace.fs`, so that virtual and remote workspaces work too. */
export const workspaceConfigHost: ConfigHost = {
  async readFile(path: string): Promise<string | undefined> {
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.file(path));
      return new TextDecoder('utf-8').decode(bytes);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'FileIsADirectory')) return undefined;
      throw error;
    }
  },
};
