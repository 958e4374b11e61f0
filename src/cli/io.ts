/** What a CLI command reads and writes: the process's streams and directory, or a test's stand-ins. */
export interface Io {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard input, read whole (`lint --stdin`). */
  stdin?(): Promise<Buffer>;
  colors: boolean;
  now?: Date;
}
