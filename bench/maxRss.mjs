// Preloaded into each CLI the benchmark times (node --import): on exit, writes the process's peak
// resident set size, in bytes, to the file named by BENCH_MAX_RSS_FILE. Worker threads share the
// process, so the main thread's figure covers them; they do not write.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_MAX_RSS_FILE;
if (file && isMainThread) {
  process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
}
