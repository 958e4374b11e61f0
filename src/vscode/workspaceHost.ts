import * as vscode from 'vscode';
import type { ConfigHost, OwnershipHost } from '../core';

/**
 * Configuration files read through `vscode.workspace.fs`, so that virtual and remote workspaces
 * work too. The core speaks in paths; `base` gives them their scheme and authority back.
 */
export function workspaceConfigHost(base: vscode.Uri): ConfigHost {
  return {
    async readFile(path: string): Promise<string | undefined> {
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

/**
 * Ownership files (CODEOWNERS, OWNERS) through `vscode.workspace.fs`; an open file is read from
 * its editor, so that an edit counts before it is saved. OWNERS files are listed with `findFiles`.
 */
export function workspaceOwnershipHost(base: vscode.Uri): OwnershipHost {
  const files = workspaceConfigHost(base);
  return {
    async readFile(path: string): Promise<string | undefined> {
      const open = vscode.workspace.textDocuments.find((document) => document.uri.scheme === base.scheme && document.uri.authority === base.authority && document.uri.path === path);
      return open ? open.getText() : files.readFile(path);
    },
    async findFiles(root: string, name: string): Promise<string[]> {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base.with({ path: root }), `**/${name}`), '**/{node_modules,.git}/**');
      return found.map((uri) => uri.path);
    },
  };
}
