/**
 * The language server's file host: the CLI's (files read from disk), wrapped so that every file
 * the core asks for through the host interface is remembered, whichever method asked. Those are
 * the files whose changes must re-lint open notes (configuration files, the files they extend,
 * ownership files), including the ones that did not exist when asked (a new `.runbook-notes.json`
 * changes which configuration applies).
 */
import { nodeOwnershipHost } from '../cli/nodeHost';
import type { OwnershipHost } from '../core';

/** Configuration files (`readFile`) and ownership files (`readFile`, `findFiles` for OWNERS files): one host serves both resolvers. */
type Host = OwnershipHost;

export class RecordingFileHost {
  /** Absolute paths (posix separators) the core asked for. */
  private readonly paths = new Set<string>();
  /** Their file names: what the client is asked to watch (`**\/<name>`). */
  private readonly names = new Set<string>();
  readonly host: Host;

  /** `onNewName` is called when the core asks for a file whose name was never asked for before. */
  constructor(
    initialNames: readonly string[],
    private readonly onNewName: (name: string) => void,
    base: Host = nodeOwnershipHost,
  ) {
    for (const name of initialNames) this.names.add(name);
    // A proxy rather than a copy: methods the host interface gains (and a host that is a class instance) are covered too.
    this.host = new Proxy(base, {
      get: (target, key) => {
        const value: unknown = Reflect.get(target, key);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          for (const arg of args) if (typeof arg === 'string' && arg.includes('/')) this.record(arg);
          return (value as (...args: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }

  private record(path: string): void {
    this.paths.add(path);
    const name = basename(path);
    if (name && !this.names.has(name)) {
      this.names.add(name);
      this.onNewName(name);
    }
  }

  /** The file names to watch, sorted. */
  watchedNames(): string[] {
    return [...this.names].sort();
  }

  /** Whether a change to this file (absolute posix path) can change a note's configuration. */
  concerns(path: string): boolean {
    return this.paths.has(path) || this.names.has(basename(path));
  }
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
