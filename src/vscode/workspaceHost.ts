import * as vscode from 'vscode';
import type { ConfigHost, FileTreeHost, FolderEntry, OwnershipHost } from '../core';

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

/**
 * The workspace's files as the core's file selection reads them (Lint Workspace), through
 * `vscode.workspace.fs` like the configuration. Paths are `base`'s paths; a folder that cannot be
 * read throws, which the selection reports and walks past.
 */
export function workspaceFileTreeHost(base: vscode.Uri): FileTreeHost {
  const uri = (path: string) => base.with({ path });
  return {
    async readDirectory(folder: string): Promise<FolderEntry[]> {
      const entries = await vscode.workspace.fs.readDirectory(uri(folder));
      return entries.map(([name, type]) => ({
        name,
        type: type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : type & vscode.FileType.SymbolicLink ? 'missing' : 'other',
        symbolicLink: (type & vscode.FileType.SymbolicLink) !== 0,
      }));
    },
    async readFile(path: string): Promise<string | undefined> {
      try {
        return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri(path)));
      } catch {
        return undefined;
      }
    },
    async exists(path: string): Promise<boolean> {
      try {
        await vscode.workspace.fs.stat(uri(path));
        return true;
      } catch {
        return false;
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
