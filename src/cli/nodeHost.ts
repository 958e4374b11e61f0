import { promises as fs } from 'node:fs';
import type { ConfigHost } from '../core';

/** Configuration files read from disk; a missing file is `undefined`, any other failure is thrown with the path in it. */
export const nodeConfigHost: ConfigHost = {
  async readFile(path: string): Promise<string | undefined> {
    try {
      return await fs.readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
  },
};
