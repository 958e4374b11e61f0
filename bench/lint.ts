/**
 * Linting should cost about what parsing costs. For each example note (and a 5,000-line note),
 * times parsing alone (Markdown + front matter, the floor no linter avoids) and a full lint
 * (parse + kind + fields + all 18 rules), and prints the medians and their ratio.
 *
 * Then times the built CLI on a folder of 1,000 notes (copies of the examples), end to end.
 *
 *   npm run bench
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { lintText, resolveConfig } from '../src/core';
import { parseNote } from '../src/core/parse';

const EXAMPLES = path.resolve(__dirname, '../test/fixtures/examples');
const config = resolveConfig([], EXAMPLES);

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? files(full) : name.endsWith('.md') ? [full] : [];
  });
}

function bigRunbook(lines: number): string {
  const out = ['---', 'kind: runbook', 'owner: "@ops"', 'revision: { status: reviewed, version: 1.0.0, last_reviewed: 2026-10-01 }', '---', '', '# Big runbook', ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(`## Step ${i}`, '', `Run \`step-${i}\` and **watch** the [logs](https://example.com/${i}).`, '', '- [x] done', `- [ ] item ${i}`, '', '```sh', `echo ${i}`, '```', '');
  }
  return out.join('\n');
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function measure(run: () => void, budgetMs: number): number {
  for (let i = 0; i < 20; i++) run(); // warm up the JIT
  const samples: number[] = [];
  const end = performance.now() + budgetMs;
  while (performance.now() < end || samples.length < 30) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const cases: { name: string; text: string; path: string }[] = files(EXAMPLES)
  .sort()
  .map((file) => ({ name: path.relative(EXAMPLES, file), text: readFileSync(file, 'utf8'), path: file }));
cases.push({ name: 'synthetic 5,000-line runbook', text: bigRunbook(5000), path: path.join(EXAMPLES, 'runbooks/big.md') });

console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('| note | lines | parse (ms) | lint (ms) | lint / parse |');
console.log('| --- | ---: | ---: | ---: | ---: |');
let parseTotal = 0;
let lintTotal = 0;
for (const { name, text, path: notePath } of cases) {
  const budget = text.length > 50_000 ? 3000 : 1000;
  const parse = measure(() => parseNote(text), budget);
  const lint = measure(() => lintText(text, { path: notePath, config }), budget);
  if (!name.startsWith('synthetic')) {
    parseTotal += parse;
    lintTotal += lint;
  }
  console.log(`| ${name} | ${text.split('\n').length} | ${parse.toFixed(3)} | ${lint.toFixed(3)} | ${(lint / parse).toFixed(2)} |`);
}
console.log(`\nExample notes together: parse ${parseTotal.toFixed(3)} ms, lint ${lintTotal.toFixed(3)} ms, ratio ${(lintTotal / parseTotal).toFixed(2)}`);

// The CLI end to end: process start, walk, configuration discovery, read, lint, report.
const cli = path.resolve(__dirname, '../dist/cli.js');
const folder = mkdtempSync(path.join(os.tmpdir(), 'runbook-notes-bench-'));
try {
  const examples = cases.filter((c) => !c.name.startsWith('synthetic'));
  for (let i = 0; i < 1000; i++) {
    const example = examples[i % examples.length] as (typeof examples)[number];
    const target = path.join(folder, `team-${i % 10}`, example.name.replace(/\.md$/, `-${i}.md`));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, example.text);
  }
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', folder], { encoding: 'utf8', maxBuffer: 1 << 28 });
    runs.push(performance.now() - start);
    if (result.status !== 0 && result.status !== 1) throw new Error(`the CLI failed: ${result.stderr}`);
  }
  console.log(`CLI, 1,000 notes in 10 folders: median ${(median(runs) / 1000).toFixed(2)} s over ${runs.length} runs (${(median(runs) / 1000).toFixed(2)} ms per note)`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
