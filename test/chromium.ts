/** How the tests start Debian's Chromium (browser tests and the offline VS Code runner): one place for its path and flags. */

/** The browser executable: Debian's package, or `RUNBOOK_NOTES_CHROMIUM`. */
export const CHROMIUM_EXECUTABLE = process.env.RUNBOOK_NOTES_CHROMIUM || '/usr/bin/chromium';

/**
 * Headless, as root in a container, and quiet on a closed network: without the background-networking
 * flags Chromium keeps trying to reach its services and gets refused.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
