/**
 * `npm run bench:owners` (or `node --import tsx bench/owners.ts` after `npm run bench` built
 * bench/dist): what a 5,000-line CODEOWNERS costs the CLI on the benchmark's corpus (issue 14:
 * under 5 %). The same 2,000 notes are linted with and without `.github/CODEOWNERS`, in
 * alternating rounds, by the production bundle; the report gives both medians, the paired
 * overhead, and the in-process cost of parsing the file and of matching every note against it.
 *
 *   options: --quick (200 notes), --rounds N (default 5), --seed N, --keep
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import { lintText, matchCodeowners, OwnershipResolver, parseCodeowners, resolveConfig } from '../src/core';
import { writeCorpus } from './corpus';
import { alternate, formatMs, median, pairedRatio, progress, timeMs } from './measure';
import { runTool, tools } from './tools';
import { Random } from './random';

const LINES = 5000;

/**
 * A CODEOWNERS as large repositories write it: mostly anchored folders (most of them not in the
 * corpus, as in a monorepo whose notes are a small part), some floating names and extensions,
 * some wildcards, a few sections' worth of comments, and lines for the corpus' own folders, so
 * that every note is matched, several times over.
 */
function largeCodeowners(noteFolders: readonly string[], seed: number, lines = LINES): string {
  const random = new Random(seed);
  const teams = ['@acme/dba', '@acme/sre', '@acme/web', '@acme/payments', '@acme/search', 'ops@example.com', '@alice', '@bob'];
  const out: string[] = ['# Generated for the benchmark: a large monorepo CODEOWNERS', '* @acme/maintainers'];
  let service = 0;
  while (out.length < lines) {
    const kind = random.next();
    const team = teams[Math.floor(random.next() * teams.length)] as string;
    if (kind < 0.02) out.push(`# ${'Section'} ${out.length}`);
    else if (kind < 0.72) out.push(`/services/svc-${service++}/ ${team}`);
    else if (kind < 0.8) out.push(`/services/svc-${Math.floor(random.next() * service)}/docs/*.md ${team}`);
    else if (kind < 0.85) out.push(`*.${['go', 'ts', 'py', 'tf', 'yaml', 'sql'][Math.floor(random.next() * 6)]} ${team}`);
    else if (kind < 0.9) out.push(`**/fixtures/**/case-${out.length}.json ${team}`);
    else if (kind < 0.95) out.push(`/libs/lib-${out.length}/src/ ${team} @acme/reviewers`);
    else out.push(`/${noteFolders[Math.floor(random.next() * noteFolders.length)]}/ ${team}`);
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string', default: '5' },
      seed: { type: 'string', default: '20261121' },
      keep: { type: 'boolean', default: false },
    },
  });
  const rounds = Number(values.rounds);
  const seed = Number(values.seed);
  const notes = values.quick ? 200 : 2000;
  const root = mkdtempSync(path.join(os.tmpdir(), 'runbook-notes-bench-owners-'));
  const scratch = path.join(root, 'scratch');
  mkdirSync(scratch);
  try {
    progress(`writing ${notes} notes to ${root}`);
    const corpus = writeCorpus(path.join(root, 'repo'), { seed, notes, largeNoteBytes: [], tableRows: 10 });
    const relative = corpus.notes.map((note) => path.relative(corpus.root, note.path).split(path.sep).join('/'));
    const folders = [...new Set(relative.map((file) => path.posix.dirname(file)))];
    const text = largeCodeowners(folders, seed);
    const file = path.join(corpus.root, '.github', 'CODEOWNERS');

    // In-process: what the file costs to parse and index, and to match every note.
    let parsed = parseCodeowners(text);
    const firstParseMs = timeMs(() => (parsed = parseCodeowners(text)));
    const parseMs = median(Array.from({ length: 5 }, () => timeMs(() => (parsed = parseCodeowners(text)))));
    let matched = 0;
    const matchMs = timeMs(() => {
      for (const note of relative) matched += matchCodeowners(parsed, note).length;
    });
    if (parsed.problems.length > 0) throw new Error(`the generated CODEOWNERS has problems: ${parsed.problems[0]?.message}`);

    // In process, CPU time (steadier than wall time on a busy machine): a whole lint of every note,
    // ownership resolved from a fresh resolver (the file parsed once), with and without the file.
    const config = resolveConfig([], corpus.root.split(path.sep).join('/'));
    const texts = corpus.notes.map((note) => ({ path: note.path.split(path.sep).join('/'), text: readFileSync(note.path, 'utf8') }));
    const repository = corpus.root.split(path.sep).join('/');
    const codeownersPath = `${repository}/.github/CODEOWNERS`;
    const lintAll = (withFile: boolean) => async () => {
      const resolver = new OwnershipResolver({ readFile: async (file) => (withFile && file === codeownersPath ? text : undefined) });
      const start = process.cpuUsage();
      for (const note of texts) lintText(note.text, { path: note.path, config, ownership: await resolver.forNote(note.path, repository, config) });
      const used = process.cpuUsage(start);
      return (used.user + used.system) / 1000;
    };
    const inProcess = await alternate(
      [
        { name: 'lint in process, without CODEOWNERS', run: lintAll(false) },
        { name: 'lint in process, with CODEOWNERS', run: lintAll(true) },
      ],
      rounds,
      'owners',
    );
    const [cpuWithout, cpuWith] = [...inProcess.samples.values()] as [number[], number[]];

    const ours = tools().ours;
    const run = (withFile: boolean) => () => {
      if (withFile) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, text);
      } else {
        rmSync(path.dirname(file), { recursive: true, force: true });
      }
      return runTool(ours, corpus.notesFolder, corpus.root, scratch, 600_000).ms;
    };
    const result = await alternate(
      [
        { name: 'without CODEOWNERS', run: run(false) },
        { name: `with a ${LINES.toLocaleString('en-US')}-line CODEOWNERS`, run: run(true) },
      ],
      rounds,
      'owners',
    );
    const [without, withFile] = [...result.samples.values()] as [number[], number[]];
    const overhead = pairedRatio(withFile, without) - 1;
    const lines = [
      `| ${notes.toLocaleString('en-US')} notes, CLI (production bundle), ${rounds} alternating rounds | median |`,
      '| --- | --- |',
      `| without CODEOWNERS | ${formatMs(median(without))} |`,
      `| with a ${LINES.toLocaleString('en-US')}-line .github/CODEOWNERS | ${formatMs(median(withFile))} |`,
      `| overhead (median of paired rounds) | ${(overhead * 100).toFixed(1)} % (target: under 5 %) |`,
      `| lint of all notes in process, CPU time, without / with | ${formatMs(median(cpuWithout))} / ${formatMs(median(cpuWith))}: ${((pairedRatio(cpuWith, cpuWithout) - 1) * 100).toFixed(1)} % |`,
      `| parse and index the file, in process (second call; median of 5 more) | ${formatMs(firstParseMs)}; ${formatMs(parseMs)} |`,
      `| match all ${notes.toLocaleString('en-US')} notes, in process | ${formatMs(matchMs)} (${matched.toLocaleString('en-US')} section matches) |`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (result.failures.size > 0) process.exitCode = 1;
  } finally {
    if (values.keep) progress(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

void main();
