/**
 * Runs the integration suite in VS Code desktop (Electron) through @vscode/test-electron, which downloads
 * VS Code into .vscode-test/: for machines with network access (`npm run test:electron`). Offline, use
 * runOffline.ts (`npm run test:integration`). Screenshots are skipped here (helpers.ts `screenshot()`
 * returns undefined without the offline runner). Env: VSCODE_TEST_VERSION picks the VS Code version
 * (default: the latest stable); RUNBOOK_NOTES_TEST_GREP is passed on to mocha.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const temp = mkdtempSync(join(tmpdir(), 'runbook-notes-electron-'));
  const workspace = join(temp, 'workspace');
  cpSync(join(root, 'test/fixtures/workspace'), workspace, { recursive: true });
  try {
    await runTests({
      ...(process.env.VSCODE_TEST_VERSION ? { version: process.env.VSCODE_TEST_VERSION } : {}),
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out/test/integration/index'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(temp, 'user-data')],
      extensionTestsEnv: { RUNBOOK_NOTES_SCREENSHOT_DIR: undefined },
    });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`[runElectron] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
