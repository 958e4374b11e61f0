import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ConfigHost, OwnershipHost } from '../core';
import { readTextFileSync } from './files';

/**
 * Configuration files read from disk; a missing file is `undefined`, any other failure is thrown
 * with the path in it. Read blocking (readTextFileSync): a run looks for a configuration file in
 * every folder from the note up, and a thread-pool round trip per folder cost more than the reads.
 */
export const nodeConfigHost: ConfigHost = {
  async readFile(path: string): Promise<string | undefined> {
    return readTextFileSync(path);
  },
};

/** Folders never searched for OWNERS files: dependencies and version control. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
/** A search of a huge tree stops here: owner-unknown then knows the files found so far and those on each note's path. */
const MAX_FOLDERS = 50_000;

/** Ownership files read from disk, and OWNERS files found by walking the repository (links to folders are not followed). */
export const nodeOwnershipHost: OwnershipHost = {
  readFile: nodeConfigHost.readFile,
  async findFiles(root: string, name: string): Promise<string[]> {
    const found: string[] = [];
    const queue = [root];
    for (let visited = 0; queue.length > 0 && visited < MAX_FOLDERS; visited++) {
      const folder = queue.shift() as string;
      const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) queue.push(path.posix.join(folder, entry.name));
        else if (entry.isFile() && entry.name === name) found.push(path.posix.join(folder, entry.name));
      }
    }
    return found;
  },
};
