/**
 * `npm run bench:lsp`: the language server's figures of issue 16, on the shipped (minified)
 * bundles, spoken to over stdio by a real LSP client (test/lsp/client.ts):
 *
 * - first diagnostics of a 5 KiB note: from `didOpen` to `publishDiagnostics` in a server just
 *   started and initialized (nothing read or linted before), in fresh servers, and for notes
 *   opened later in the same session;
 * - a keystroke in a 1 MiB note: an incremental `didChange` of one character, then
 *   `textDocument/diagnostic` (pull) until its answer, and `didChange` until `publishDiagnostics`
 *   of that version (push, `lint.delayMs` 0), so the time includes the protocol both ways.
 *
 *   npm run bench:lsp                  10 fresh servers, 200 keystrokes a mode
 *   npm run bench:lsp -- --quick       3 fresh servers, 50 keystrokes a mode
 *   options: --json PATH (default bench/results/lsp.json, quick: bench/results/lsp-quick.json), --seed N
 *
 * Targets (issue 16): first diagnostics within 100 ms of didOpen; keystroke p95 under 50 ms.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentDiagnosticRequest, type DocumentDiagnosticReport } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText, resolveConfig, SectionCache } from '../src/core';
import { TestClient, uriOf } from '../test/lsp/client';
import { KIB, MIB, writeCorpus, type CorpusNote } from './corpus';
import { formatBytes, formatMs, median, percentile, progress } from './measure';
import { Random } from './random';
import { machineInfo } from './report';
import { BUNDLES } from './tools';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(BUNDLES, 'cli.js');

interface Summary {
  samples: number[];
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

function summary(samples: number[]): Summary {
  return { samples, medianMs: median(samples), p95Ms: percentile(samples, 95), maxMs: Math.max(...samples) };
}

async function started(folder: string, settings: Record<string, unknown>, pull: boolean): Promise<{ client: TestClient; startMs: number }> {
  const start = performance.now();
  const client = new TestClient({ folders: [folder], cli: CLI, settings, pull });
  await client.initialize();
  return { client, startMs: performance.now() - start };
}

async function openAndWait(client: TestClient, file: string, text: string): Promise<number> {
  const uri = uriOf(file);
  client.published.delete(uri);
  const start = performance.now();
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await client.diagnosticsOf(uri, 1);
  return (client.publishedAt.get(uri) as number) - start;
}

/**
 * One-character insertions at random places in the note's body, timed until the diagnostics of
 * each version arrive; after each, the same text is linted in this process with a section cache
 * of its own (`inProcess`), so that the server's share (protocol, sync, JSON) shows whatever the
 * machine's load.
 */
async function keystrokes(client: TestClient, note: CorpusNote, count: number, seed: number, pull: boolean): Promise<{ summary: Summary; inProcess: Summary; overhead: Summary; matchesFullLint: boolean; findings: number }> {
  const uri = uriOf(note.path);
  let document = TextDocument.create(uri, 'markdown', 1, note.text);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: note.text } });
  const report = (): Promise<DocumentDiagnosticReport> => client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
  if (pull) await report();
  else await client.diagnosticsOf(uri, 1);
  const random = new Random(seed);
  const bodyStart = note.text.indexOf('\n---', 3) + 4;
  const samples: number[] = [];
  const inProcess: number[] = [];
  const notePath = note.path.split(path.sep).join('/');
  const config = resolveConfig([], path.dirname(path.dirname(path.dirname(note.path))).split(path.sep).join('/'));
  const cache = new SectionCache();
  lintText(note.text, { path: notePath, config, cache });
  let last: DocumentDiagnosticReport | undefined;
  // Five untimed keystrokes first: the server's first incremental lints also compile their code paths.
  for (let i = -5; i < count; i++) {
    const offset = random.int(bodyStart, document.getText().length);
    const position = document.positionAt(offset);
    const character = random.pick(['e', 't', 'a', ' ', 'o']);
    const version = document.version + 1;
    document = TextDocument.create(uri, 'markdown', version, `${document.getText().slice(0, offset)}${character}${document.getText().slice(offset)}`);
    const start = performance.now();
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text: character }] });
    let end: number;
    if (pull) {
      last = await report();
      end = performance.now();
    } else {
      await client.diagnosticsOf(uri, version);
      end = client.publishedAt.get(uri) as number;
    }
    const text = document.getText();
    const inProcessStart = performance.now();
    lintText(text, { path: notePath, config, cache });
    const inProcessMs = performance.now() - inProcessStart;
    if (i >= 0) {
      samples.push(end - start);
      inProcess.push(inProcessMs);
    }
  }
  const items = pull ? (last?.kind === 'full' ? last.items : []) : (client.published.get(uri)?.diagnostics ?? []);
  const expected = lintText(document.getText(), { path: notePath, config }).diagnostics;
  const matchesFullLint = JSON.stringify(items.map((d) => [d.code, d.range.start.line, d.range.start.character])) === JSON.stringify(expected.map((d) => [d.ruleId, d.range.start.line, d.range.start.column]));
  return { summary: summary(samples), inProcess: summary(inProcess), overhead: summary(samples.map((ms, i) => ms - (inProcess[i] as number))), matchesFullLint, findings: items.length };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, json: { type: 'string' }, seed: { type: 'string', default: '20261130' } } });
  const quick = values.quick === true;
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed: expected a whole number; got '${values.seed}'`);
  const servers = quick ? 3 : 10;
  const strokes = quick ? 50 : 200;
  const json = path.resolve(values.json ?? path.join(ROOT, 'bench', 'results', quick ? 'lsp-quick.json' : 'lsp.json'));
  const machine = machineInfo();
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'runbook-notes-bench-lsp-'));
  try {
    const corpus = writeCorpus(path.join(workspace, 'corpus'), { seed, notes: 40, largeNoteBytes: [MIB], tableRows: 10 });
    const large = corpus.largeNotes[0] as CorpusNote;
    // The runbook or change note nearest 5 KiB: a note as teams write them, not a cut of the handbook.
    const small = corpus.notes.reduce((best, note) => (Math.abs(note.bytes - 5 * KIB) < Math.abs(best.bytes - 5 * KIB) ? note : best));
    progress(`language server: ${servers} fresh servers on a ${formatBytes(small.bytes)} note, ${strokes} keystrokes a mode in a ${formatBytes(large.bytes)} note; node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadAverageAtStart[0]?.toFixed(2)}`);

    // 1. First diagnostics in a server just started, then later opens in the same session.
    const startSamples: number[] = [];
    const firstSamples: number[] = [];
    const laterSamples: number[] = [];
    for (let round = 0; round < servers; round++) {
      const { client, startMs } = await started(corpus.root, { lint: { delayMs: 0 } }, false);
      startSamples.push(startMs);
      firstSamples.push(await openAndWait(client, small.path, small.text));
      for (const note of corpus.notes) if (note !== small) laterSamples.push(await openAndWait(client, note.path, note.text));
      await client.stop();
      progress(`server ${round + 1}/${servers}: started in ${formatMs(startMs)}, first diagnostics ${formatMs(firstSamples[round] as number)} after didOpen`);
    }

    // 2. Keystrokes in the 1 MiB note, pulled and pushed.
    const pulled = await started(corpus.root, {}, true);
    const pull = await keystrokes(pulled.client, large, strokes, seed, true);
    await pulled.client.stop();
    progress(`keystrokes, pull: median ${formatMs(pull.summary.medianMs)}, p95 ${formatMs(pull.summary.p95Ms)} (in process: median ${formatMs(pull.inProcess.medianMs)}, p95 ${formatMs(pull.inProcess.p95Ms)})${pull.matchesFullLint ? '' : '; DIFFERS from a full lint'}`);
    const pushed = await started(corpus.root, { lint: { delayMs: 0 } }, false);
    const push = await keystrokes(pushed.client, large, strokes, seed, false);
    await pushed.client.stop();
    progress(`keystrokes, push: median ${formatMs(push.summary.medianMs)}, p95 ${formatMs(push.summary.p95Ms)}${push.matchesFullLint ? '' : '; DIFFERS from a full lint'}`);

    const results = {
      generatedAt: new Date().toISOString(),
      mode: quick ? 'quick' : 'full',
      seed,
      machine: { ...machine, loadAverageAtEnd: os.loadavg() },
      serverStart: summary(startSamples),
      firstDiagnostics: { noteBytes: small.bytes, ...summary(firstSamples) },
      laterOpens: { notes: corpus.notes.length, meanNoteBytes: Math.round(corpus.notes.reduce((sum, note) => sum + note.bytes, 0) / corpus.notes.length), ...summary(laterSamples) },
      keystrokes: { noteBytes: large.bytes, pull, push },
    };
    mkdirSync(path.dirname(json), { recursive: true });
    writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
    progress(`wrote ${path.relative(process.cwd(), json)}`);
    const row = (name: string, value: string, target: string) => `| ${name} | ${value} | ${target} |`;
    console.log(`\n${quick ? 'Quick run: ' : ''}node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}, ${os.platform()}; load average ${machine.loadAverageAtStart[0]?.toFixed(2)} at start, ${results.machine.loadAverageAtEnd[0]?.toFixed(2)} at end.\n`);
    console.log(
      [
        '| language server | measured | target |',
        '| --- | --- | --- |',
        row('start-up to `initialize` answered', `median ${formatMs(results.serverStart.medianMs)}`, '—'),
        row(`first diagnostics of a ${formatBytes(small.bytes)} note after \`didOpen\` (fresh server)`, `median ${formatMs(results.firstDiagnostics.medianMs)}, max ${formatMs(results.firstDiagnostics.maxMs)} (${servers} servers)`, '100 ms'),
        row(`diagnostics of a note opened later (${formatBytes(results.laterOpens.meanNoteBytes)} on average)`, `median ${formatMs(results.laterOpens.medianMs)}, p95 ${formatMs(results.laterOpens.p95Ms)}`, '100 ms'),
        row(`keystroke in a ${formatBytes(large.bytes)} note, pull (\`didChange\` → \`textDocument/diagnostic\` answered)`, `median ${formatMs(pull.summary.medianMs)}, p95 ${formatMs(pull.summary.p95Ms)}`, 'p95 50 ms'),
        row(`keystroke in a ${formatBytes(large.bytes)} note, push (\`didChange\` → \`publishDiagnostics\`, delayMs 0)`, `median ${formatMs(push.summary.medianMs)}, p95 ${formatMs(push.summary.p95Ms)}`, 'p95 50 ms'),
        row('the same keystrokes linted in process (the engine alone, with a section cache)', `median ${formatMs(pull.inProcess.medianMs)}, p95 ${formatMs(pull.inProcess.p95Ms)}`, '—'),
        row("the server's share of a keystroke (pull, push: protocol, sync, JSON)", `median ${formatMs(pull.overhead.medianMs)}, ${formatMs(push.overhead.medianMs)}; p95 ${formatMs(pull.overhead.p95Ms)}, ${formatMs(push.overhead.p95Ms)}`, '—'),
      ].join('\n'),
    );
    if (!pull.matchesFullLint || !push.matchesFullLint) {
      console.error('The diagnostics after the keystrokes differ from a full lint of the same text: the figures are not valid.');
      process.exitCode = 1;
    }
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
