import * as vscode from 'vscode';
import type { ConfigHost } from '../core';

/**
 * Configuration files read through `vscode.workspace.fs`, so that virtual and remote workspaces
 * work too. The core speaks in paths; `base` gives them their scheme and authority back.
 */
export function workspaceConfigHost(base: vscode.Uri): ConfigHost {
  return {
    async readFile(path: string): Promise<string | undefined> {
      // No file system behind the scheme (an untitled note): there are no configuration files to read.
      if (vscode.workspace.fs.isWritableFileSystem(base.scheme) === undefined) return undefined;
      try {
        const bytes = await vscode.workspace.fs.readFile(base.with({ path }));
        return new TextDecoder('utf-8').decode(bytes);
      } catch (error) {
        if (error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'FileIsADirectory')) return undefined;
        throw error;
      }
    },
  };
}
