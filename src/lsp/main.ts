/**
 * `runbook-notes lsp --stdio`: the language server over standard input and output. Bundled apart
 * from the CLI (dist/lsp.js), and loaded by it only for this command, so that linting a note does
 * not pay for loading the LSP libraries.
 */
import { createConnection } from 'vscode-languageserver/node';
import { describe } from './notes';
import { startServer } from './server';

export const LSP_USAGE = `Usage: runbook-notes lsp [--stdio]

Runs the language server on standard input and output (the only transport; --stdio may be given,
as clients do). Diagnostics, code actions, completion and hover for Markdown notes.`;

export interface LspIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Parses the arguments and serves until the client sends `exit` or closes the stream (the process then exits). Returns an exit code only for bad arguments or `--help`. */
export function runLanguageServer(args: readonly string[], io: LspIo): Promise<number> {
  for (const arg of args) {
    if (arg === '--help' || arg === '-h') {
      io.stdout(`${LSP_USAGE}\n`);
      return Promise.resolve(0);
    }
    // --clientProcessId is what vscode-languageclient adds; the server watches the process given in `initialize` instead.
    if (arg !== '--stdio' && !arg.startsWith('--clientProcessId')) {
      io.stderr(`runbook-notes: lsp: unknown option '${arg}'\n\n${LSP_USAGE}\n`);
      return Promise.resolve(2);
    }
  }
  const connection = createConnection(process.stdin, process.stdout);
  // Standard output carries the protocol: anything a library prints goes to the client's log instead.
  const text = (values: unknown[]) => values.map(String).join(' ');
  Object.assign(console, {
    log: (...values: unknown[]) => connection.console.log(text(values)),
    info: (...values: unknown[]) => connection.console.info(text(values)),
    warn: (...values: unknown[]) => connection.console.warn(text(values)),
    error: (...values: unknown[]) => connection.console.error(text(values)),
  });
  // A bug must not end the session: the client's log gets the stack, the server goes on.
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught error (the server goes on): ${describe(error)}`));
  process.on('unhandledRejection', (reason) => connection.console.error(`Unhandled rejection (the server goes on): ${describe(reason)}`));
  startServer(connection);
  // The connection exits the process on `exit` or when the client closes the stream.
  return new Promise<number>(() => undefined);
}
