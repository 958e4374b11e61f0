// Where the integration tests' code-server lives: the one place for its version and install folder, used by
// scripts/installCodeServer.mjs (installs it) and test/integration/runOffline.ts (starts it).
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The code-server release the integration tests run (it serves VS Code 1.100). */
export const CODE_SERVER_VERSION = '4.100.3';

/**
 * The install folder: `RUNBOOK_NOTES_CODE_SERVER_DIR`, else `$XDG_CACHE_HOME/runbook-notes/code-server-<version>`
 * (`~/.cache/...` without XDG_CACHE_HOME), outside the repository so that a fresh clone reuses it.
 * @returns {string}
 */
export function codeServerDir() {
  if (process.env.RUNBOOK_NOTES_CODE_SERVER_DIR) return process.env.RUNBOOK_NOTES_CODE_SERVER_DIR;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'runbook-notes', `code-server-${CODE_SERVER_VERSION}`);
}
