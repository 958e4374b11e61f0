import { serveWorker } from './cli/lintFiles';
import { run } from './cli/main';
import { processOutput } from './cli/processOutput';

// The same bundle runs the lint workers of a large run (see lintFiles.ts).
if (!serveWorker()) main();

function main(): void {
  const stdout = processOutput(1);
  const stderr = processOutput(2);
  const colors = !process.env.NO_COLOR && (process.env.FORCE_COLOR !== undefined ? process.env.FORCE_COLOR !== '0' : stdout.isTerminal());

  run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => stdout.write(text),
    stderr: (text) => stderr.write(text),
    stdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    colors,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      stderr.write(`runbook-notes: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
