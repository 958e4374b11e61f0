/**
 * Standard output and error for the CLI. When a stream is certainly no terminal (a pipe, as under
 * pre-commit and CI, a file, a socket or /dev/null) it is written with blocking `writeSync` calls
 * on its descriptor: `process.stdout` loads Node's stream and net stack on first use, and that
 * cost a one-note run 3 to 4 ms (`npm run bench`, the start-up rows). A terminal, and Windows
 * (whose console wants Node's own UTF-16 writes), get `process.stdout` and `process.stderr`.
 *
 * `runbook-notes lint | head` closing the pipe early is the reader's choice, not a crash: what is
 * left to write there is dropped, and the run goes on, so that its exit code (and any report
 * written with `--output-file`) is still the run's own.
 */
import { fstatSync, statSync, writeSync } from 'node:fs';

/** A stream's writer, and whether the stream is a terminal (for colors). */
export interface ProcessOutput {
  write(text: string): void;
  isTerminal(): boolean;
}

/** Whether descriptor `fd` is certainly not a terminal, asked with fstat (node:tty alone costs 4 ms to load). */
function plainDescriptor(fd: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    const stat = fstatSync(fd);
    if (stat.isFIFO() || stat.isFile() || stat.isSocket()) return true;
    // A character device is a terminal, but for /dev/null (a child's output thrown away).
    return stat.isCharacterDevice() && stat.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}

/** For a descriptor another process made non-blocking: wait a millisecond when its pipe is full. */
const pause = new Int32Array(new SharedArrayBuffer(4));

const closedPipe = (error: unknown) => (error as NodeJS.ErrnoException).code === 'EPIPE';

function descriptorOutput(fd: 1 | 2): ProcessOutput {
  let closed = false;
  return {
    write(text: string): void {
      const bytes = Buffer.from(text, 'utf8');
      let offset = 0;
      while (offset < bytes.length && !closed) {
        try {
          offset += writeSync(fd, bytes, offset, bytes.length - offset);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
          else if (closedPipe(error)) closed = true;
          else throw error;
        }
      }
    },
    isTerminal: () => false,
  };
}

function streamOutput(fd: 1 | 2): ProcessOutput {
  const stream = () => (fd === 1 ? process.stdout : process.stderr);
  let listening = false;
  let closed = false;
  return {
    write(text: string): void {
      if (!listening) {
        stream().on('error', (error: unknown) => {
          if (!closedPipe(error)) throw error;
          closed = true;
        });
        listening = true;
      }
      if (!closed) stream().write(text);
    },
    isTerminal: () => stream().isTTY === true,
  };
}

/** The writer of standard output (1) or standard error (2). */
export function processOutput(fd: 1 | 2): ProcessOutput {
  return plainDescriptor(fd) ? descriptorOutput(fd) : streamOutput(fd);
}
