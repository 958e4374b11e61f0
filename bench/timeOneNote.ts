/**
 * A child process of the benchmark: times one lint, or one parse, of one long note in a fresh
 * process and prints `{"ms": …}`. Apart, the measurements of a long note share no heap (a
 * remark-parse tree of a 10 MB note takes gigabytes, and the lints after it in the same process
 * ran twice as slow), and each gets its own peak memory.
 *
 *   node --import tsx bench/timeOneNote.ts lint|parse NOTE CONFIG_ROOT WARM_UP_NOTE
 */
import { readFileSync } from 'node:fs';
import { resolveConfig } from '../src/core';
import { lintNote, parseMarkdown, posixPath } from './engines';
import { timeMs } from './measure';

const WARM_UP_RUNS = 20;

const [task, notePath, configRoot, warmUpPath] = process.argv.slice(2);
if ((task !== 'lint' && task !== 'parse') || !notePath || !configRoot || !warmUpPath) {
  console.error('usage: timeOneNote.ts lint|parse NOTE CONFIG_ROOT WARM_UP_NOTE');
  process.exit(2);
}
const config = resolveConfig([], posixPath(configRoot));
const run = (file: string, text: string) => (task === 'lint' ? lintNote(text, file, config) : parseMarkdown(text));

// As warm as the in-process figures: the JIT has seen typical notes before the long one.
const warmUp = readFileSync(warmUpPath, 'utf8');
for (let i = 0; i < WARM_UP_RUNS; i++) run(warmUpPath, warmUp);
const text = readFileSync(notePath, 'utf8');
const ms = timeMs(() => run(notePath, text));
process.stdout.write(`${JSON.stringify({ ms })}\n`);
