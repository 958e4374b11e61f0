/**
 * A real editor as the client: Neovim (0.7+, Debian's `neovim`) started headless opens a note
 * with its built-in LSP client, and the test reads back what `vim.diagnostic.get` shows, an edit
 * later and the code actions offered (neovim.lua writes them to a file).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from './client';
import { cliReport, copyFixture } from './helpers';

const NVIM = process.env.RUNBOOK_NOTES_NVIM ?? 'nvim';

describe('language server in Neovim', function () {
  this.timeout(120_000);

  it('shows the CLI diagnostics of a note, follows an edit and offers the quick fixes', async () => {
    const version = spawnSync(NVIM, ['--version'], { encoding: 'utf8', timeout: 20_000 });
    if (version.error || version.status !== 0) {
      assert.fail(`Neovim is needed for this test and '${NVIM} --version' failed (${version.error?.message ?? version.stderr}). Install it with 'apt-get install -y neovim' (0.7 or later), or name it in RUNBOOK_NOTES_NVIM.`);
    }
    const fixture = copyFixture('workspace');
    try {
      const note = path.join(fixture.folder, 'changes/2026-11-12-query-index.md');
      const resultFile = path.join(fixture.folder, 'nvim-result.json');
      // The CLI is the reference (run before Neovim saves the fixed note), with the settings Neovim sent through workspace/configuration (owner-missing as an error).
      const expected = (cliReport(fixture.folder).get(note) ?? []).map((d) => ({ ...d, severity: d.ruleId === 'RN001' ? 'error' : d.severity }));
      assert.ok(expected.some((d) => d.ruleId === 'RN001'), 'the fixture note has no owner');
      const child = spawn(NVIM, ['--headless', '--clean', '-n', '-c', `luafile ${path.join(__dirname, 'neovim.lua')}`], {
        cwd: fixture.folder,
        env: { ...process.env, RN_NOTE: note, RN_ROOT: fixture.folder, RN_NODE: process.execPath, RN_CLI: CLI, RN_RESULT: resultFile },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      // Bounded: Neovim is killed if the script has not quit (each wait in it is bounded too).
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
        child.on('exit', (status) => {
          clearTimeout(timer);
          resolve(status);
        });
      });
      assert.ok(existsSync(resultFile), `Neovim wrote no result (exit ${code}):\n${output}`);
      const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
        error?: string;
        opened_in_time: boolean;
        edited_in_time: boolean;
        stopped: boolean;
        opened: { lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; source: string; code: string; href: string }[];
        edited: { code: string }[];
        fixed: { code: string }[];
        fixed_in_time: boolean;
        fix_all: string[];
        text: string;
        actions: string[];
      };
      assert.equal(result.error, undefined, `the Lua script failed: ${result.error}`);
      assert.ok(result.opened_in_time, 'diagnostics shown after opening the note');

      const severity = { error: 1, warning: 2, info: 3 } as const;
      const sortKey = (d: { code: string; lnum: number; col: number }) => `${d.lnum}:${d.col}:${d.code}`;
      assert.deepEqual(
        result.opened.map((d) => ({ code: d.code, lnum: d.lnum, col: d.col, end_lnum: d.end_lnum, end_col: d.end_col, severity: d.severity, message: d.message })).sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
        expected.map((d) => ({ code: d.ruleId, lnum: d.line - 1, col: d.column - 1, end_lnum: d.endLine - 1, end_col: d.endColumn - 1, severity: severity[d.severity], message: d.message })).sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
      );
      for (const shown of result.opened) {
        assert.equal(shown.source, 'runbook-notes');
        assert.match(shown.href, /docs\/rules\.md#rn\d{3}-/);
      }
      assert.ok(result.edited_in_time, 'the edit was linted');
      assert.deepEqual(
        result.edited.map((d) => d.code).sort(),
        result.opened.map((d) => d.code).filter((c) => c !== 'RN002').sort(),
        'the rollback section settled RN002 and nothing else changed',
      );
      // The first line is the front matter's fence: no comment can go above it, so "for this file" only.
      for (const title of ["Append a '## Metrics' section", 'Disable RN003 for this file', 'Fix all Runbook Notes problems']) assert.ok(result.actions.includes(title), `${title} among the code actions: ${result.actions.join(', ')}`);
      assert.ok(!result.actions.includes('Disable RN003 for this line'));
      assert.deepEqual(result.fix_all, ['source.fixAll.runbook-notes']);
      assert.ok(result.fixed_in_time, 'fix all was applied and linted');
      assert.deepEqual(result.fixed.map((d) => d.code).sort(), ['RN003', 'RN006', 'RN007'], 'the rename settled RN012 and RN001');
      assert.match(result.text, /^owner: "@db-team"$/m);
      assert.equal(readFileSync(note, 'utf8'), `${result.text}\n`, 'written as shown');
      assert.ok(result.stopped, 'the server stopped when asked');
    } finally {
      fixture.remove();
    }
  });
});
