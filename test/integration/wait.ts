/** Polling for a condition: no Node or `vscode` import, so that the web suite (test/web, in a browser worker) shares it. */

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls `predicate` (every 50 ms) until it returns a truthy value, and returns that value. A predicate that
 * throws counts as not yet; on timeout the error names `what` and the predicate's last error, if any.
 */
export async function waitFor<T>(predicate: () => T | Promise<T>, timeoutMs = 10_000, what = 'a condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
      lastError = undefined;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError === undefined ? '' : ` (last error: ${lastError instanceof Error ? lastError.message : String(lastError)})`;
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await sleep(50);
  }
}
