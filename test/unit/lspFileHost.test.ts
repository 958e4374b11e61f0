/** The language server's file host: every file the core asks for is read from disk and remembered, so that its changes re-lint. */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeConfigHost } from '../../src/cli/nodeHost';
import { toPosix } from '../../src/cli/files';
import { RecordingFileHost } from '../../src/lsp/fileHost';

describe('language server file host', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(tmpdir(), 'runbook-notes-host-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads through the CLI host and remembers each path and file name asked for, found or not', async () => {
    const added: string[] = [];
    const recording = new RecordingFileHost(['.runbook-notes.json'], (name) => added.push(name));
    writeFileSync(path.join(folder, 'team.json'), '{}');
    assert.equal(await recording.host.readFile(toPosix(path.join(folder, 'team.json'))), '{}');
    assert.equal(await recording.host.readFile(toPosix(path.join(folder, 'missing', '.runbook-notes.json'))), undefined);
    assert.deepEqual(added, ['team.json'], 'a new name is announced once; the initial ones never');
    assert.deepEqual(recording.watchedNames(), ['.runbook-notes.json', 'team.json']);
    assert.ok(recording.concerns(toPosix(path.join(folder, 'team.json'))));
    assert.ok(recording.concerns('/elsewhere/.runbook-notes.json'), 'a configuration file anywhere');
    assert.ok(!recording.concerns(toPosix(path.join(folder, 'notes.md'))));
  });

  it('records what any method of the host reads, including methods the interface gains (ownership files)', async () => {
    const added: string[] = [];
    const withOwners = { ...nodeConfigHost, readOwnershipFile: (file: string) => nodeConfigHost.readFile(file) };
    const recording = new RecordingFileHost([], (name) => added.push(name), withOwners);
    writeFileSync(path.join(folder, 'CODEOWNERS'), '* @team\n');
    const host = recording.host as typeof withOwners;
    assert.equal(await host.readOwnershipFile(toPosix(path.join(folder, 'CODEOWNERS'))), '* @team\n');
    assert.deepEqual(added, ['CODEOWNERS']);
  });
});
