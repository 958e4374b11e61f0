import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO, 'dist/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Options for node itself, before the script (`--require` a test hook). */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Standard input for the run (`lint --stdin`). */
  input?: string | Buffer;
}

/** Runs the built CLI, as CI would. */
export function runCli(args: string[], cwd: string, options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd, encoding: 'utf8', input: options.input, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the built CLI without waiting: for runs that must overlap. */
export function runCliAsync(args: string[], cwd: string, options: CliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A temporary folder with the given files (path → content), removed after the test. */
export function tempTree(files: Record<string, string | Buffer>): { root: string; cleanup(): void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'runbook-notes-'));
  for (const [relative, content] of Object.entries(files)) {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Every `.md` file under a folder, at any depth, sorted. */
export function markdownFiles(folder: string): string[] {
  return readdirSync(folder)
    .flatMap((name) => {
      const full = path.join(folder, name);
      return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
    })
    .sort();
}

/** A change note whose only fixable finding is the `onwer` typo (RN012). */
export const TYPO_NOTE = `---
kind: change-note
title: Add an index
onwer: "@db-team"
---

# Add an index

**Reason:** the listing query did a sequential scan.
`;
