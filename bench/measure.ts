/** Timing helpers shared by the benchmark's parts: statistics, alternating rounds, progress on stderr. */
import { performance } from 'node:perf_hooks';

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * How `a` compares with `b`, measured in alternating rounds: the median of the per-round ratios
 * when both ran every round. Each round's pair ran back to back, under the same load, so this
 * holds up better than a ratio of medians when the machine's load drifts during the run; with
 * runs missing (a time budget spent), the ratio of the medians.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length === 0 || b.length === 0) return NaN;
  if (a.length !== b.length) return median(a) / median(b);
  return median(a.map((value, round) => value / (b[round] as number)));
}

/** Nearest-rank percentile: a value that was actually measured, never an interpolation. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** Milliseconds taken by `run`. */
export function timeMs(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

const started = performance.now();

/** A line on stderr, stamped with the time since the benchmark started: a long run is never silent. */
export function progress(message: string): void {
  const seconds = Math.round((performance.now() - started) / 1000);
  process.stderr.write(`[${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}] ${message}\n`);
}

/** Collects garbage between measurements when node runs with --expose-gc (as `npm run bench` does), so one pass does not pay for the last. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export interface AlternatingTask {
  name: string;
  /** One measurement, in milliseconds. */
  run: () => number | Promise<number>;
  /**
   * Stop repeating this task once its measurements add up to this many milliseconds (it always
   * runs at least once). Keeps a slow case, such as a super-linear parse of a 10 MB note, from
   * taking the whole run's time; the report says how many runs a median is of.
   */
  budgetMs?: number;
}

export interface AlternatingResult {
  samples: Map<string, number[]>;
  /** Tasks that threw (a linter that crashed or hit its time limit), with why: they were not run again. */
  failures: Map<string, string>;
}

/**
 * Runs the tasks in turn (a, b, c, a, b, c, …) for `rounds` rounds and returns each task's
 * measurements. Alternating spreads any drift in the machine's load evenly over the tasks,
 * which back-to-back repetitions of one task would not.
 */
export async function alternate(tasks: readonly AlternatingTask[], rounds: number, label: string): Promise<AlternatingResult> {
  const samples = new Map<string, number[]>(tasks.map((task) => [task.name, []]));
  const failures = new Map<string, string>();
  for (let round = 1; round <= rounds; round++) {
    for (const task of tasks) {
      const taken = samples.get(task.name) as number[];
      const spent = taken.reduce((sum, ms) => sum + ms, 0);
      if (failures.has(task.name) || (task.budgetMs !== undefined && taken.length > 0 && spent >= task.budgetMs)) continue;
      collectGarbage();
      try {
        const ms = await task.run();
        taken.push(ms);
        progress(`${label}: ${task.name}, run ${round}/${rounds}: ${formatMs(ms)}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        failures.set(task.name, message);
        progress(`${label}: ${task.name} FAILED, not run again:\n${message}`);
      }
    }
  }
  return { samples, failures };
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 10) return `${ms.toFixed(0)} ms`;
  return `${ms.toFixed(2)} ms`;
}

/** "10 MiB", "11.3 MiB", "256 KiB". */
export function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'MiB'] : bytes >= 1024 ? [bytes / 1024, 'KiB'] : [bytes, 'B'];
  return `${value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}
