/**
 * What the runners that drive code-server share (test/web/runWeb.ts; test/integration/runOffline.ts keeps
 * its own copies for now, and can import these): where code-server is installed, a free port, the
 * environment it gets, the workbench's routine log lines, and the content frame of a webview.
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';

// Version and folder come from the one place that defines them, as for runOffline.ts.
export { CODE_SERVER_VERSION, codeServerDir } from '../scripts/codeServer.mjs';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment code-server (and so the extension host) gets: private XDG folders under `temp`, nothing of an outer VS Code, no gallery. */
export function serverEnv(temp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // VSCODE_IPC_HOOK_CLI (set in VS Code's terminal) makes code-server open the folder in *that* VS Code
    // instead of starting; PASSWORD & co. would turn authentication on; NODE_OPTIONS would reach the
    // extension host (e.g. a tsx loader).
    if (key.startsWith('VSCODE_') || key.startsWith('CODE_SERVER_') || key === 'ELECTRON_RUN_AS_NODE' || key === 'NODE_OPTIONS') continue;
    if (['PASSWORD', 'HASHED_PASSWORD', 'PORT', 'EXTENSIONS_GALLERY', 'CS_DISABLE_GETTING_STARTED_OVERRIDE'].includes(key)) continue;
    env[key] = value;
  }
  for (const name of ['CONFIG', 'DATA', 'CACHE', 'STATE']) {
    const dir = join(temp, `xdg-${name.toLowerCase()}`);
    mkdirSync(dir, { recursive: true });
    env[`XDG_${name}_HOME`] = dir;
  }
  // No extension gallery: nothing to query offline (an unreachable one only logs errors).
  env.EXTENSIONS_GALLERY = '{}';
  return env;
}

/** The workbench's own routine messages, which reach codeAutomationLog along with the suite's. */
export const WORKBENCH_NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore: )/;

/** The content frame of the visible webview: iframe.webview.ready > #active-frame. */
export async function webviewFrame(page: Page, timeout: number): Promise<Frame> {
  const outer = page.locator('iframe.webview.ready').filter({ visible: true });
  await outer.waitFor({ timeout });
  const outerFrame = await (await outer.elementHandle({ timeout }))?.contentFrame();
  if (!outerFrame) throw new Error('the webview iframe has no content frame');
  const inner = outerFrame.locator('#active-frame');
  await inner.waitFor({ timeout });
  const frame = await (await inner.elementHandle({ timeout }))?.contentFrame();
  if (!frame) throw new Error("the webview's #active-frame has no content frame");
  return frame;
}
