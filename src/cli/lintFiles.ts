/**
 * The per-file work of `lint`: read, find the configuration, lint, fix. A large run spreads the
 * files over worker threads, one per core: linting is CPU work, and one thread left the other
 * cores idle. Each worker resolves configuration on its own (a cache per worker) and sends back
 * plain outcomes; the main thread reports them in the order of the file list.
 */
import os from 'node:os';
import type * as WorkerThreads from 'node:worker_threads';
import path from 'node:path';
import { binaryContentDiagnostic, ConfigError, ConfigResolver, fixAll, kindForPath, lintText, OwnershipResolver, type Diagnostic, type InternalError, type LintResult, type OwnershipFileReport, type ResolvedOwner } from '../core';
import { fingerprintsOf } from './fingerprint';
import { encodeNote, readNoteSync, repositoryRoot, toPosix, writeFileAtomic, type ReadOutcome } from './files';
import { nodeConfigHost, nodeOwnershipHost } from './nodeHost';

export interface LintJob {
  cwd: string;
  /** `--config FILE`, absolute. */
  explicitFile?: string;
  fix: boolean;
  /** With `fix`: return the fixed text (`fixedText`) instead of writing it (`--stdin`). */
  fixToOutput?: boolean;
  /** Compute the findings' fingerprints (for the formats that print them). */
  fingerprints?: boolean;
  now?: Date;
}

export type FileOutcome =
  /** Not linted: cannot be read. The run fails: not linted means not checked. */
  | { kind: 'unread'; message: string }
  /**
   * Not linted: not text (binary, an unknown encoding, too large). `fails`: the run fails too,
   * except for a binary file that is no note (no kind's glob matches it): an image or an export
   * named `.md` is no note nobody checked.
   */
  | { kind: 'skipped'; reason: string; fails: boolean }
  /** Its configuration is invalid; `file` names the configuration file (reported once per file). */
  | { kind: 'config-error'; file: string; message: string }
  | {
      kind: 'linted';
      isNote: boolean;
      noteKind?: string;
      diagnostics: Diagnostic[];
      /** One per diagnostic (see fingerprint.ts) when the job asks for them, else none. */
      fingerprints: string[];
      /** With `fixToOutput`: the text after the fixes (the text read when there was nothing to fix). */
      fixedText?: string;
      /** Set when fixes were found but could not be written. */
      writeError?: string;
      internalErrors: InternalError[];
      /** Who owns the note, and from where. */
      owners: ResolvedOwner[];
      /** Ownership files first read for this note, with their problems (each file once per linter). */
      ownershipFiles: OwnershipFileReport[];
    };

/** Lints one file after another, sharing one configuration cache. */
export class FileLinter {
  private readonly resolver: ConfigResolver;
  private readonly ownershipResolver = new OwnershipResolver(nodeOwnershipHost);
  private readonly reportedOwnershipFiles = new Set<string>();

  constructor(private readonly job: LintJob) {
    this.resolver = new ConfigResolver(nodeConfigHost, { defaultRoot: toPosix(job.cwd), explicitFile: job.explicitFile && toPosix(job.explicitFile), rootFor: repositoryRoot });
  }

  async lint(file: string, read: Promise<ReadOutcome> | ReadOutcome = readNoteSync(file)): Promise<FileOutcome> {
    const content = await read;
    if (content.kind === 'error') return { kind: 'unread', message: content.message };
    let config;
    try {
      config = await this.resolver.forNote(toPosix(file));
    } catch (error) {
      if (error instanceof ConfigError) return { kind: 'config-error', file: error.file, message: error.message };
      throw error;
    }
    if (content.kind === 'skipped') {
      if (!content.binary) return { kind: 'skipped', reason: content.reason, fails: true };
      const kind = kindForPath(toPosix(file), config);
      if (!kind) return { kind: 'skipped', reason: `${content.reason}, not a note`, fails: false };
      return { kind: 'linted', isNote: true, noteKind: kind.name, diagnostics: [binaryContentDiagnostic()], fingerprints: this.job.fingerprints ? fingerprintsOf('', [binaryContentDiagnostic()]) : [], internalErrors: [], owners: [], ownershipFiles: [] };
    }
    // CODEOWNERS and OWNERS files belong to the Git repository holding the note (else the current directory).
    const root = (await repositoryRoot(path.dirname(file))) ?? this.job.cwd;
    const ownership = await this.ownershipResolver.forNote(toPosix(file), toPosix(root), config);
    const ownershipFiles = ownership.files.filter((report) => !this.reportedOwnershipFiles.has(report.path));
    for (const report of ownershipFiles) this.reportedOwnershipFiles.add(report.path);
    const options = { path: toPosix(file), config, now: this.job.now, ownership };
    let result: LintResult = lintText(content.text, options);
    let text = content.text;
    let writeError: string | undefined;
    if (result.isNote && this.job.fix && result.diagnostics.some((diagnostic) => diagnostic.fix)) {
      const fixed = fixAll(content.text, (candidate) => lintText(candidate, options).diagnostics);
      if (fixed.text !== content.text) {
        try {
          // Only over the bytes the fixes were computed from: an edit made meanwhile (another run, an editor) is never lost.
          if (!this.job.fixToOutput) await writeFileAtomic(file, encodeNote(fixed.text, content.encoding), { unchangedSince: content.bytes });
          result = lintText(fixed.text, options);
          text = fixed.text;
        } catch (error) {
          // The report then shows the note as it still is on disk.
          writeError = (error as Error).message;
        }
      }
    }
    return {
      kind: 'linted',
      isNote: result.isNote,
      noteKind: result.kind,
      diagnostics: result.diagnostics,
      fingerprints: result.isNote && this.job.fingerprints ? fingerprintsOf(text, result.diagnostics) : [],
      fixedText: this.job.fixToOutput ? text : undefined,
      writeError,
      internalErrors: result.internalErrors,
      owners: result.owners,
      ownershipFiles,
    };
  }
}

/** An outcome for a file whose linting threw: a bug in the engine costs that file, not the run. */
function crashed(error: unknown): FileOutcome {
  return { kind: 'unread', message: `internal error while linting, please report it: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
}

/** Below this many files, starting workers costs more than it saves. */
const PARALLEL_THRESHOLD = 64;
/** Files handed to a worker at a time: enough to keep it busy, few enough to balance the load. */
const BATCH = 16;

interface WorkerRequest {
  batch: number;
  files: string[];
}

interface WorkerReply {
  batch: number;
  outcomes: FileOutcome[];
}

interface WorkerInit {
  runbookNotesLintWorker: true;
  job: LintJob;
}

/** The argument a lint worker is started with, so that the bundle knows it is one without loading worker_threads first. */
const WORKER_FLAG = '--runbook-notes-lint-worker';

/** node:worker_threads, loaded when first needed: a run of a few notes has no workers. */
function workerThreads(): typeof WorkerThreads {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:worker_threads') as typeof WorkerThreads;
}

/** The script a worker runs: this bundle (`dist/cli.js`), which starts `serveWorker` in a worker thread. Undefined when running from source. */
function workerScript(): string | undefined {
  return __filename.endsWith('.js') ? __filename : undefined;
}

/** Lints the files, on worker threads when there are many and more than one core; outcomes in the order of `files`. */
export async function lintFiles(files: readonly string[], job: LintJob): Promise<FileOutcome[]> {
  const script = workerScript();
  const threads = Math.min(os.availableParallelism(), Math.ceil(files.length / BATCH));
  if (!script || files.length < PARALLEL_THRESHOLD || threads < 2) return lintInProcess(files, job);
  return lintInWorkers(files, job, script, threads);
}

async function lintInProcess(files: readonly string[], job: LintJob, linter = new FileLinter(job)): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  // Reads block, as in a worker (readNoteSync): linting is CPU work, and nothing else waits meanwhile.
  for (const file of files) outcomes.push(await linter.lint(file, readNoteSync(file)).catch(crashed));
  return outcomes;
}

function lintInWorkers(files: readonly string[], job: LintJob, script: string, threads: number): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  const batches: number[][] = [];
  for (let start = 0; start < files.length; start += BATCH) batches.push(Array.from({ length: Math.min(BATCH, files.length - start) }, (_, i) => start + i));
  let nextBatch = 0;
  let running = 0;

  return new Promise((resolve) => {
    const finish = (batch: number, results: FileOutcome[]) => {
      for (const [i, index] of (batches[batch] as number[]).entries()) {
        outcomes[index] = results[i] as FileOutcome;
      }
    };
    const lintHere = async (batch: number) => finish(batch, await lintInProcess((batches[batch] as number[]).map((index) => files[index] as string), job));
    const settle = () => {
      if (running === 0 && nextBatch >= batches.length) resolve(outcomes);
    };
    const start = () => {
      const init: WorkerInit = { runbookNotesLintWorker: true, job };
      const worker: WorkerThreads.Worker = new (workerThreads().Worker)(script, { workerData: init, argv: [WORKER_FLAG] });
      running++;
      let current: number | undefined;
      const feed = () => {
        if (nextBatch >= batches.length) {
          current = undefined;
          void worker.terminate();
          return;
        }
        current = nextBatch++;
        const request: WorkerRequest = { batch: current, files: (batches[current] as number[]).map((index) => files[index] as string) };
        worker.postMessage(request);
      };
      worker.on('message', (reply: WorkerReply) => {
        finish(reply.batch, reply.outcomes);
        feed();
      });
      let ended = false;
      const end = async () => {
        if (ended) return;
        ended = true;
        // A worker that dies takes no file with it: its batch, and any batch no worker is left to take, is linted here.
        const died = current !== undefined;
        if (current !== undefined) await lintHere(current);
        while (died && nextBatch < batches.length) await lintHere(nextBatch++);
        running--;
        settle();
      };
      worker.on('error', () => void end());
      worker.on('exit', () => void end());
      feed();
    };
    for (let i = 0; i < threads; i++) start();
  });
}

/** In a worker thread started by `lintFiles`: lint the batches the main thread sends. Returns false elsewhere. */
export function serveWorker(): boolean {
  // Only a process started as a worker loads worker_threads: a small run never needs it.
  if (!process.argv.includes(WORKER_FLAG)) return false;
  const { isMainThread, parentPort, workerData } = workerThreads();
  const init = workerData as WorkerInit | undefined;
  if (isMainThread || !parentPort || !init?.runbookNotesLintWorker) return false;
  const port = parentPort;
  const job: LintJob = init.job;
  const linter = new FileLinter(job);
  port.on('message', async (request: WorkerRequest) => {
    const outcomes: FileOutcome[] = [];
    // Reads block: this thread has nothing else to do meanwhile, and the other workers keep the disk busy.
    for (const file of request.files) outcomes.push(await linter.lint(file, readNoteSync(file)).catch(crashed));
    const reply: WorkerReply = { batch: request.batch, outcomes };
    port.postMessage(reply);
  });
  return true;
}
