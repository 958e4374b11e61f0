/**
 * The language server over stdio, spoken to by a real LSP client library: diagnostics pushed and
 * pulled (equal to the CLI's), incremental edits, code actions with fix all, completion, hover,
 * settings, watched configuration files, and requests or notes that must not bring it down.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DocumentDiagnosticRequest,
  ErrorCodes,
  FileChangeType,
  HoverRequest,
  InsertTextFormat,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText, OwnershipResolver, resolveConfig, type NoteOwnership } from '../../src/core';
import { repositoryRoot, toPosix } from '../../src/cli/files';
import { nodeOwnershipHost } from '../../src/cli/nodeHost';
import { readExpectations } from '../unit/fixtureFormat';
import { CLI, ROOT, TestClient, uriOf } from './client';
import { asLsp, cliReport, copyFixture, markdownFiles, messageOf, shape } from './helpers';

/** Opens a file of the workspace in the client, as an editor does; returns the client's copy of the document. */
async function open(client: TestClient, file: string, text = readFileSync(file, 'utf8')): Promise<TextDocument> {
  const document = TextDocument.create(uriOf(file), 'markdown', 1, text);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: document.uri, languageId: 'markdown', version: 1, text } });
  return document;
}

/** Applies edits in the client's copy and sends them as incremental changes (each range in the text as left by the one before, as editors send them). */
async function change(client: TestClient, document: TextDocument, edits: readonly TextEdit[]): Promise<TextDocument> {
  let current = document;
  const changes = [];
  for (const edit of edits) {
    changes.push({ range: edit.range, text: edit.newText });
    current = TextDocument.create(current.uri, 'markdown', current.version, TextDocument.applyEdits(current, [edit]));
  }
  const next = TextDocument.create(document.uri, 'markdown', document.version + 1, current.getText());
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: document.uri, version: next.version }, contentChanges: changes });
  return next;
}

/** Applies a workspace edit the server offered to the client's copy, checking it was made for that version. */
function applyWorkspaceEdit(document: TextDocument, edit: WorkspaceEdit | undefined): { text: string; edits: TextEdit[] } {
  const change = edit?.documentChanges?.[0];
  assert.ok(change && 'textDocument' in change, 'the edit comes as documentChanges');
  assert.equal(change.textDocument.uri, document.uri);
  assert.equal(change.textDocument.version, document.version, 'the edit names the version it was made for');
  return { text: TextDocument.applyEdits(document, change.edits as TextEdit[]), edits: change.edits as TextEdit[] };
}

/** What the ownership files say for a note, found as the server finds them: the Git repository holding it, else the workspace folder. */
async function ownershipOf(file: string, folder: string, config: ReturnType<typeof resolveConfig>): Promise<NoteOwnership> {
  const root = (await repositoryRoot(path.dirname(file))) ?? folder;
  return new OwnershipResolver(nodeOwnershipHost).forNote(toPosix(file), toPosix(root), config);
}

/** The core's findings for a text, in the shape of `shape()`: what the server must report for the text the client holds. */
function coreFindings(text: string, file: string, config: ReturnType<typeof resolveConfig>, ownership: NoteOwnership): ReturnType<typeof shape> {
  return lintText(text, { path: file, config, ownership }).diagnostics.map((d) => ({
    code: d.ruleId,
    severity: { error: 1, warning: 2, info: 3 }[d.severity],
    message: d.message,
    range: { start: { line: d.range.start.line, character: d.range.start.column }, end: { line: d.range.end.line, character: d.range.end.column } },
  }));
}

async function pull(client: TestClient, document: TextDocument, previousResultId?: string): Promise<DocumentDiagnosticReport> {
  return client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: document.uri }, previousResultId });
}

function fullItems(report: DocumentDiagnosticReport): Diagnostic[] {
  assert.equal(report.kind, 'full', `a full report; got ${JSON.stringify(report)}`);
  return report.kind === 'full' ? report.items : [];
}

describe('language server: diagnostics', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  for (const fixture of ['workspace', 'examples', 'lsp']) {
    it(`pushes the CLI's findings, ranges and rule links for every note of test/fixtures/${fixture}`, async () => {
      const folder = path.join(ROOT, 'test/fixtures', fixture);
      const expected = cliReport(folder);
      client = new TestClient({ folders: [folder] });
      await client.initialize();
      const files = markdownFiles(folder);
      assert.ok(files.length > 0);
      for (const file of files) await open(client, file);
      for (const file of files) {
        const published = await client.diagnosticsOf(uriOf(file), 1);
        assert.deepEqual(shape(published), asLsp(expected.get(file) ?? []), path.relative(folder, file));
        for (const diagnostic of published) {
          assert.equal(diagnostic.source, 'runbook-notes');
          assert.match(diagnostic.codeDescription?.href ?? '', new RegExp(`/docs/rules\\.md#${String(diagnostic.code).toLowerCase()}-[a-z-]+$`));
        }
      }
    });
  }

  it('reports what the fixture says, every rule', async () => {
    const file = path.join(ROOT, 'test/fixtures/lsp/runbooks/fixable.md');
    const expectations = readExpectations(readFileSync(file, 'utf8'));
    client = new TestClient({ folders: [path.dirname(file)] });
    await client.initialize();
    await open(client, file);
    const published = await client.diagnosticsOf(uriOf(file), 1);
    const found = published.map((d) => `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`).sort();
    assert.deepEqual(found, expectations.findings.map((e) => `${e.ruleId} ${e.start.line}:${e.start.column}-${e.end.line}:${e.end.column}`).sort());
    for (const expectation of expectations.findings) assert.ok(published.some((d) => d.code === expectation.ruleId && messageOf(d).includes(expectation.message ?? '')), expectation.ruleId);
  });

  it('answers pull requests (LSP 3.17) where the client supports them, with result ids, and pushes nothing for notes', async () => {
    const folder = path.join(ROOT, 'test/fixtures/workspace');
    const file = path.join(folder, 'changes/2026-11-12-query-index.md');
    client = new TestClient({ folders: [folder], pull: true });
    const init = await client.initialize();
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'runbook-notes', interFileDependencies: false, workspaceDiagnostics: false });
    const document = await open(client, file);
    const first = await pull(client, document);
    assert.deepEqual(shape(fullItems(first)), asLsp(cliReport(folder).get(file) ?? []));
    const resultId = first.kind === 'full' ? first.resultId : undefined;
    assert.ok(resultId);
    assert.deepEqual(await pull(client, document, resultId), { kind: 'unchanged', resultId });

    // `owner:` in the front matter settles RN001: the next pull is a new full report.
    const edited = await change(client, document, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'owner: "@search-team"\n' }]);
    const second = await pull(client, edited, resultId);
    const items = fullItems(second);
    assert.ok(!items.some((d) => d.code === 'RN001'));
    assert.deepEqual(shape(items), coreFindings(edited.getText(), file, resolveConfig([], ROOT), await ownershipOf(file, folder, resolveConfig([], ROOT))));
    assert.equal(client.published.has(document.uri), false, 'no diagnostics pushed for a pulled note');
  });

  it('answers pulls with the last lint until a save with lint.run onSave', async () => {
    const fixture = copyFixture('workspace');
    try {
      client = new TestClient({ folders: [fixture.folder], pull: true, settings: { lint: { run: 'onSave' } } });
      await client.initialize();
      const document = await open(client, path.join(fixture.folder, 'changes/2026-11-12-query-index.md'));
      const first = await pull(client, document);
      assert.ok(fullItems(first).some((d) => d.code === 'RN001'));
      const edited = await change(client, document, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'owner: "@search-team"\n' }]);
      const resultId = first.kind === 'full' ? first.resultId : undefined;
      assert.deepEqual(await pull(client, edited, resultId), { kind: 'unchanged', resultId }, 'not linted while typing');
      const refreshes = client.refreshes;
      await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: document.uri } });
      await client.waitFor('a refresh after the save', () => (client?.refreshes ?? 0) > refreshes);
      assert.ok(!fullItems(await pull(client, edited, resultId)).some((d) => d.code === 'RN001'), 'linted on save');
    } finally {
      fixture.remove();
    }
  });

  it('keeps the document in step through incremental edits (several changes a notification, CRLF, astral characters)', async () => {
    const fixture = copyFixture('workspace');
    try {
      client = new TestClient({ folders: [fixture.folder], pull: true });
      await client.initialize();
      const file = path.join(fixture.folder, 'runbooks/restart-api.md');
      let document = await open(client, file);
      const config = resolveConfig([], fixture.folder);
      const ownership = await ownershipOf(file, fixture.folder, config);
      const pieces = ['owner: "@x"\n', '## Rollback\n\nRevert.\n', '- [ ] step\n', '\r\n', '😀', '---\n', 'kind: runbook\n', '`cmd`', '# Title\n', '', 'TODO'];
      // A fixed seed: the same edits every run, and a failure names the step.
      let seed = 16;
      const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
      for (let step = 0; step < 60; step++) {
        const edits: TextEdit[] = [];
        let text = document.getText();
        for (let count = 1 + random(3); count > 0; count--) {
          const mirror = TextDocument.create(document.uri, 'markdown', 0, text);
          let start = random(text.length + 1);
          let end = Math.min(text.length, start + random(12));
          // Never split a surrogate pair: editors do not.
          if (/[\uDC00-\uDFFF]/.test(text.charAt(start))) start--;
          if (/[\uDC00-\uDFFF]/.test(text.charAt(end))) end++;
          const edit = { range: { start: mirror.positionAt(start), end: mirror.positionAt(end) }, newText: pieces[random(pieces.length)] as string };
          edits.push(edit);
          text = TextDocument.applyEdits(mirror, [edit]);
        }
        document = await change(client, document, edits);
        assert.equal(document.getText(), text);
        assert.deepEqual(shape(fullItems(await pull(client, document))), coreFindings(text, file, config, ownership), `after step ${step}`);
      }
    } finally {
      fixture.remove();
    }
  });

  it('re-lints on type after lint.delayMs, and only on save with lint.run onSave', async () => {
    const fixture = copyFixture('workspace');
    try {
      const file = path.join(fixture.folder, 'changes/2026-11-12-query-index.md');
      client = new TestClient({ folders: [fixture.folder], settings: { lint: { delayMs: 0 } } });
      await client.initialize();
      let document = await open(client, file);
      assert.ok((await client.diagnosticsOf(document.uri, 1)).some((d) => d.code === 'RN001'));
      document = await change(client, document, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'owner: "@search-team"\n' }]);
      assert.ok(!(await client.diagnosticsOf(document.uri, 2)).some((d) => d.code === 'RN001'));

      client.settings = { lint: { run: 'onSave' } };
      const asked = client.configurationRequests;
      await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      // The change re-lints the open note with the new settings (read again): then the next edit waits for a save.
      await client.waitFor('the settings read again', () => (client?.configurationRequests ?? 0) > asked);
      await new Promise((resolve) => setTimeout(resolve, 200));
      document = await change(client, document, [{ range: { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, newText: '' }]);
      await new Promise((resolve) => setTimeout(resolve, 400));
      assert.notEqual(client.published.get(document.uri)?.version, 3, 'not linted while typing');
      await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: document.uri } });
      assert.ok((await client.diagnosticsOf(document.uri, 3)).some((d) => d.code === 'RN001'), 'linted on save');
    } finally {
      fixture.remove();
    }
  });

  it('lints a note over lint.maxSizeMB on save only, and says so in the log', async () => {
    const folder = path.join(ROOT, 'test/fixtures/lsp');
    const file = path.join(folder, 'runbooks/fixable.md');
    client = new TestClient({ folders: [folder], settings: { lint: { maxSizeMB: 0.0001 } } });
    await client.initialize();
    const document = await open(client, file);
    await client.waitFor('the size limit in the log', () => client?.logs.some((line) => line.includes('over runbookNotes.lint.maxSizeMB')));
    assert.equal(client.published.get(document.uri), undefined);
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: document.uri } });
    assert.equal((await client.diagnosticsOf(document.uri, 1)).length, 7);
  });

  it('clears the diagnostics of a closed note', async () => {
    const file = path.join(ROOT, 'test/fixtures/lsp/runbooks/fixable.md');
    client = new TestClient({ folders: [path.dirname(file)] });
    await client.initialize();
    const document = await open(client, file);
    await client.diagnosticsOf(document.uri, 1, (d) => d.length > 0);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: document.uri } });
    await client.diagnosticsOf(document.uri, undefined, (d) => d.length === 0);
  });
});

describe('language server: code actions', function () {
  this.timeout(60_000);
  const file = path.join(ROOT, 'test/fixtures/lsp/runbooks/fixable.md');
  let client: TestClient;
  let document: TextDocument;
  let diagnostics: Diagnostic[];
  before(async () => {
    client = new TestClient({ folders: [path.join(ROOT, 'test/fixtures/lsp')] });
    await client.initialize();
    document = await open(client, file);
    diagnostics = await client.diagnosticsOf(document.uri, 1);
  });
  after(() => client.stop());

  const actionsFor = (diagnostic: Diagnostic | undefined, only?: string[]) =>
    client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: document.uri },
      range: diagnostic?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: diagnostic ? [diagnostic] : [], ...(only ? { only } : {}) },
    }) as Promise<CodeAction[]>;

  it("offers a finding's fix (preferred), disabling for the line and the file, and fix all", async () => {
    const unknownKey = diagnostics.find((d) => d.code === 'RN012');
    const actions = await actionsFor(unknownKey);
    assert.deepEqual(
      actions.map((action) => [action.title, action.kind, action.isPreferred ?? false]),
      [
        ["Rename 'ownr' to 'owner'", 'quickfix', true],
        ['Disable RN012 for this line', 'quickfix', false],
        ['Disable RN012 for this file', 'quickfix', false],
        ['Fix all Runbook Notes problems', 'quickfix', false],
      ],
    );
    assert.deepEqual(actions[0]?.diagnostics, [unknownKey]);
    const fixed = applyWorkspaceEdit(document, actions[0]?.edit);
    assert.match(fixed.text, /^owner: "@db-oncall"$/m);
    const disabled = applyWorkspaceEdit(document, actions[1]?.edit);
    assert.match(disabled.text, /^# runbook-notes-disable-next-line RN012\nownr:/m);
    const disabledFile = applyWorkspaceEdit(document, actions[2]?.edit);
    assert.match(disabledFile.text, /^---\n<!-- runbook-notes-disable RN012 -->\n/m);
  });

  it("offers a missing field's suggestions", async () => {
    const actions = await actionsFor(diagnostics.find((d) => d.code === 'RN002'));
    const suggestions = actions.filter((action) => !action.title.startsWith('Disable') && !action.title.startsWith('Fix all'));
    assert.ok(suggestions.length > 0, 'at least one suggestion');
    for (const suggestion of suggestions) {
      assert.equal(suggestion.isPreferred, undefined, 'a suggestion is never preferred: it needs a person');
      assert.match(applyWorkspaceEdit(document, suggestion.edit).text, /rollback/i);
    }
  });

  it('answers source.fixAll (as clients ask on save) with the fix-all action alone, equal to lint --fix', async () => {
    for (const only of [['source.fixAll'], ['source'], ['source.fixAll.runbook-notes']]) {
      const actions = await actionsFor(undefined, only);
      assert.deepEqual(actions.map((action) => [action.title, action.kind]), [['Fix all Runbook Notes problems', 'source.fixAll.runbook-notes']], only.join());
    }
    const [fixAll] = await actionsFor(undefined, ['source.fixAll']);
    const fixed = applyWorkspaceEdit(document, fixAll?.edit);
    assert.equal(fixed.edits.length, 1, 'one minimal edit');
    const copy = copyFixture('lsp');
    try {
      execFileSync(process.execPath, [CLI, 'lint', '--fix', '--format', 'json', 'runbooks/fixable.md'], { cwd: copy.folder, stdio: 'ignore' });
    } catch {
      // Exit code 1: problems are left (the ones without a fix).
    }
    try {
      assert.equal(fixed.text, readFileSync(path.join(copy.folder, 'runbooks/fixable.md'), 'utf8'));
    } finally {
      copy.remove();
    }
    assert.deepEqual(await actionsFor(undefined, ['refactor']), []);
  });

  it('offers the actions under the cursor to clients that send no diagnostics in the context', async () => {
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: document.uri },
      range: { start: { line: 5, character: 2 }, end: { line: 5, character: 2 } },
      context: { diagnostics: [] },
    });
    assert.ok((actions as CodeAction[]).some((action) => action.title === "Rename 'ownr' to 'owner'"));
  });

  it('applied, the fix and a disable comment make their findings go', async () => {
    const fix = (await actionsFor(diagnostics.find((d) => d.code === 'RN012')))[0];
    let edited = await change(client, document, applyWorkspaceEdit(document, fix?.edit).edits);
    let published = await client.diagnosticsOf(document.uri, edited.version);
    assert.deepEqual(published.map((d) => d.code).sort(), ['RN002', 'RN003', 'RN004', 'RN011', 'RN018']);
    document = edited;
    const disable = (await actionsFor(published.find((d) => d.code === 'RN011'))).find((action) => action.title === 'Disable RN011 for this line');
    edited = await change(client, document, applyWorkspaceEdit(document, disable?.edit).edits);
    published = await client.diagnosticsOf(document.uri, edited.version);
    assert.deepEqual(published.map((d) => d.code).sort(), ['RN002', 'RN003', 'RN004', 'RN018']);
    document = edited;
  });
});

describe('language server: completion and hover', function () {
  this.timeout(60_000);
  let client: TestClient;
  before(async () => {
    client = new TestClient({ folders: [path.join(ROOT, 'test/fixtures/lsp')] });
    await client.initialize();
  });
  after(() => client.stop());

  const complete = async (document: TextDocument, line: number, character: number) =>
    (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: document.uri }, position: { line, character } })) as CompletionItem[];

  it('completes keys the front matter does not have yet, with their documentation and a snippet', async () => {
    const document = await open(client, path.join(ROOT, 'test/fixtures/lsp/runbooks/fixable.md'), '---\nkind: runbook\ntitle: T\n\n---\n# T\n');
    const items = await complete(document, 3, 0);
    const labels = items.map((item) => item.label);
    assert.ok(labels.includes('owner') && labels.includes('revision'), labels.join());
    assert.ok(!labels.includes('kind') && !labels.includes('title'), 'keys already present are not offered');
    const revision = items.find((item) => item.label === 'revision');
    assert.equal(revision?.insertTextFormat, InsertTextFormat.Snippet);
    assert.match(JSON.stringify(revision?.documentation), /\*\*revision\*\*/);
    const difficulty = items.find((item) => item.label === 'difficulty');
    assert.equal(difficulty && 'newText' in (difficulty.textEdit ?? {}) ? (difficulty.textEdit as TextEdit).newText : undefined, 'difficulty: ${1|beginner,intermediate,advanced|}');
  });

  it("completes a key's values, and `kind` from the configuration", async () => {
    const document = await open(client, path.join(ROOT, 'test/fixtures/lsp/runbooks/values.md'), '---\nkind: \ndifficulty: \n---\n');
    const kinds = (await complete(document, 1, 6)).map((item) => item.label);
    assert.deepEqual(kinds, ['runbook', 'change-note', 'post']);
    const levels = (await complete(document, 2, 12)).map((item) => item.label);
    assert.deepEqual(levels, ['beginner', 'intermediate', 'advanced']);
  });

  it('offers only `kind` in the front matter of Markdown that is not a note, and nothing in the body', async () => {
    const file = path.join(ROOT, 'test/fixtures/lsp/pages/plain.md');
    const document = await open(client, file, '---\ntitle: x\n\n---\n\nbody\n');
    assert.deepEqual((await complete(document, 2, 0)).map((item) => item.label), ['kind']);
    assert.deepEqual(await complete(document, 5, 2), []);
  });

  it('inserts plain text for clients without snippets', async () => {
    const plain = new TestClient({ folders: [path.join(ROOT, 'test/fixtures/lsp')], snippets: false });
    try {
      await plain.initialize();
      const document = await open(plain, path.join(ROOT, 'test/fixtures/lsp/runbooks/fixable.md'), '---\nkind: runbook\n\n---\n');
      const items = (await plain.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: document.uri }, position: { line: 2, character: 0 } })) as CompletionItem[];
      const tools = items.find((item) => item.label === 'tools');
      assert.equal(tools?.insertTextFormat, InsertTextFormat.PlainText);
      assert.equal((tools?.textEdit as TextEdit).newText, 'tools:\n  - ');
    } finally {
      await plain.stop();
    }
  });

  it("shows a key's documentation on hover, in notes only", async () => {
    const document = await open(client, path.join(ROOT, 'test/fixtures/lsp/runbooks/hover.md'), '---\nkind: runbook\nowner: "@a"\n---\n# x\n');
    const found = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: document.uri }, position: { line: 2, character: 2 } });
    assert.ok(found && typeof found.contents === 'object' && 'kind' in found.contents);
    assert.equal(found.contents.kind, 'markdown');
    assert.match(found.contents.value, /^\*\*owner\*\*: /);
    assert.deepEqual(found.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: document.uri }, position: { line: 4, character: 1 } }), null);
    const plain = await open(client, path.join(ROOT, 'test/fixtures/lsp/pages/plain.md'));
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: plain.uri }, position: { line: 1, character: 1 } }), null);
  });
});

describe('language server: configuration', function () {
  this.timeout(60_000);
  let client: TestClient | undefined;
  let fixture: ReturnType<typeof copyFixture> | undefined;
  afterEach(async () => {
    await client?.stop();
    fixture?.remove();
    client = fixture = undefined;
  });

  it('watches configuration files (registered dynamically) and re-lints open notes when they change, break or go', async () => {
    fixture = copyFixture('workspace');
    const config = path.join(fixture.folder, '.runbook-notes.json');
    const file = path.join(fixture.folder, 'changes/2026-11-12-query-index.md');
    client = new TestClient({ folders: [fixture.folder] });
    await client.initialize();
    const watchers = await client.waitFor('a file watcher registration', () => client?.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    assert.deepEqual(watchers.registerOptions, { watchers: [{ globPattern: '**/.runbook-notes.json' }, { globPattern: '**/CODEOWNERS' }, { globPattern: '**/OWNERS' }, { globPattern: '**/OWNERS_ALIASES' }] });
    await open(client, file);
    assert.ok((await client.diagnosticsOf(uriOf(file), 1)).some((d) => d.code === 'RN001'));
    const watched = (type: FileChangeType, target = config) => client?.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(target), type }] });

    writeFileSync(config, JSON.stringify({ rules: { RN001: 'off' } }));
    client.published.delete(uriOf(file));
    await watched(FileChangeType.Created);
    assert.ok(!(await client.diagnosticsOf(uriOf(file))).some((d) => d.code === 'RN001'), 'the new file turned RN001 off');

    writeFileSync(config, '{ "rules": { "RN001": "of" } }');
    client.published.delete(uriOf(file));
    await watched(FileChangeType.Changed);
    const problems = await client.diagnosticsOf(uriOf(config), undefined, (d) => d.length > 0);
    assert.match(problems[0] ? messageOf(problems[0]) : '', /RN001/);
    assert.equal(problems[0]?.range.start.line, 0);
    await client.waitFor('a warning shown once', () => client?.messages.some((message) => message.includes('.runbook-notes.json')));
    assert.ok(!(await client.diagnosticsOf(uriOf(file))).some((d) => d.code === 'RN001'), 'the last valid configuration still applies');

    rmSync(config);
    client.published.delete(uriOf(file));
    await watched(FileChangeType.Deleted);
    assert.ok((await client.diagnosticsOf(uriOf(file))).some((d) => d.code === 'RN001'), 'back to the defaults');
    assert.deepEqual(await client.diagnosticsOf(uriOf(config)), [], "the deleted file's problems are gone");
  });

  it('watches every file the engine reads, such as the file a configuration extends, and re-lints when it changes', async () => {
    fixture = copyFixture('workspace');
    const base = path.join(fixture.folder, 'shared/team-rules.json');
    mkdirSync(path.dirname(base));
    writeFileSync(base, JSON.stringify({ rules: { RN001: 'off' } }));
    writeFileSync(path.join(fixture.folder, '.runbook-notes.json'), JSON.stringify({ extends: './shared/team-rules.json' }));
    const file = path.join(fixture.folder, 'changes/2026-11-12-query-index.md');
    client = new TestClient({ folders: [fixture.folder] });
    await client.initialize();
    await open(client, file);
    assert.ok(!(await client.diagnosticsOf(uriOf(file), 1)).some((d) => d.code === 'RN001'));
    const watchers = await client.waitFor('a watcher for the extended file', () =>
      client?.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles' && JSON.stringify(r.registerOptions).includes('team-rules.json')),
    );
    assert.deepEqual(watchers.registerOptions, { watchers: [{ globPattern: '**/.runbook-notes.json' }, { globPattern: '**/CODEOWNERS' }, { globPattern: '**/OWNERS' }, { globPattern: '**/OWNERS_ALIASES' }, { globPattern: '**/team-rules.json' }] });
    await client.waitFor('the first registration withdrawn', () => (client?.unregistered.length ?? 0) > 0);

    writeFileSync(base, JSON.stringify({ rules: { RN001: 'error' } }));
    client.published.delete(uriOf(file));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(base), type: FileChangeType.Changed }] });
    assert.equal((await client.diagnosticsOf(uriOf(file))).find((d) => d.code === 'RN001')?.severity, 1);
  });

  it('reads configuration files again on save for clients that cannot watch files', async () => {
    fixture = copyFixture('workspace');
    const file = path.join(fixture.folder, 'changes/2026-11-12-query-index.md');
    client = new TestClient({ folders: [fixture.folder], watchFiles: false });
    await client.initialize();
    const document = await open(client, file);
    assert.ok((await client.diagnosticsOf(document.uri, 1)).some((d) => d.code === 'RN001'));
    assert.ok(!client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'no watcher asked of a client that cannot');
    writeFileSync(path.join(fixture.folder, '.runbook-notes.json'), JSON.stringify({ rules: { RN001: 'off' } }));
    client.published.delete(document.uri);
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri: document.uri } });
    await client.diagnosticsOf(document.uri, 1, (d) => !d.some((diagnostic) => diagnostic.code === 'RN001'));
  });

  it('asks for a refresh of pulled diagnostics when a configuration file changes', async () => {
    fixture = copyFixture('workspace');
    client = new TestClient({ folders: [fixture.folder], pull: true });
    await client.initialize();
    const document = await open(client, path.join(fixture.folder, 'changes/2026-11-12-query-index.md'));
    assert.ok(fullItems(await pull(client, document)).some((d) => d.code === 'RN001'));
    writeFileSync(path.join(fixture.folder, '.runbook-notes.json'), JSON.stringify({ rules: { 'owner-missing': 'off' } }));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(path.join(fixture.folder, '.runbook-notes.json')), type: FileChangeType.Created }] });
    await client.waitFor('workspace/diagnostic/refresh', () => (client?.refreshes ?? 0) > 0);
    assert.ok(!fullItems(await pull(client, document)).some((d) => d.code === 'RN001'));
  });

  it('reads the runbookNotes settings with workspace/configuration, per folder, and again when they change', async () => {
    fixture = copyFixture('workspace');
    const file = path.join(fixture.folder, 'changes/2026-11-12-query-index.md');
    client = new TestClient({ folders: [fixture.folder], settings: { rules: { RN001: 'error', 'rollback-missing': 'off' } } });
    await client.initialize();
    await open(client, file);
    const published = await client.diagnosticsOf(uriOf(file), 1);
    assert.equal(published.find((d) => d.code === 'RN001')?.severity, 1);
    assert.ok(!published.some((d) => d.code === 'RN002'));

    client.settings = { enable: false };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.diagnosticsOf(uriOf(file), undefined, (d) => d.length === 0);

    client.settings = { rules: { RN001: 'loud' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await client.waitFor('a warning about the setting', () => client?.messages.find((message) => message.includes('runbookNotes.rules.RN001')));
    assert.ok((await client.diagnosticsOf(uriOf(file), 1, (d) => d.length > 0)).some((d) => d.code === 'RN001' && d.severity === 2), 'linting goes on with the defaults');
  });

  it('reads settings from clients that answer workspace/configuration with the whole settings object, and dotted keys', async () => {
    fixture = copyFixture('workspace');
    const file = path.join(fixture.folder, 'changes/2026-11-12-query-index.md');
    client = new TestClient({ folders: [fixture.folder], settings: { runbookNotes: { rules: { RN001: 'error' }, 'lint.run': 'onSave' } } });
    await client.initialize();
    let document = await open(client, file);
    assert.equal((await client.diagnosticsOf(uriOf(file), 1)).find((d) => d.code === 'RN001')?.severity, 1);
    document = await change(client, document, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: 'owner: "@search-team"\n' }]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(client.published.get(document.uri)?.version, 1, 'lint.run onSave: not linted while typing');
  });

  it('takes settings from initializationOptions and didChangeConfiguration from clients without workspace/configuration', async () => {
    fixture = copyFixture('workspace');
    const file = path.join(fixture.folder, 'changes/2026-11-12-query-index.md');
    client = new TestClient({ folders: [fixture.folder], configuration: false, initializationOptions: { runbookNotes: { rules: { RN001: 'off' } } } });
    await client.initialize();
    await open(client, file);
    assert.ok(!(await client.diagnosticsOf(uriOf(file), 1)).some((d) => d.code === 'RN001'));
    assert.equal(client.configurationRequests, 0);
    client.published.delete(uriOf(file));
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { runbookNotes: { 'lint.delayMs': 0 } } });
    assert.ok((await client.diagnosticsOf(uriOf(file))).some((d) => d.code === 'RN001'));
  });
});

describe('language server: bad requests and bad notes', function () {
  this.timeout(60_000);
  let client: TestClient;
  before(async () => {
    client = new TestClient({ folders: [path.join(ROOT, 'test/fixtures/lsp')] });
    await client.initialize();
  });
  after(async () => {
    assert.equal(await client.stop(), 0, 'exits with 0 after shutdown and exit');
  });

  const rejects = async (method: string, params: unknown, code: number, message: RegExp) => {
    await assert.rejects(client.connection.sendRequest(method, params), (error: { code?: number; message?: string }) => {
      assert.equal(error.code, code, `${method}: ${error.message}`);
      assert.match(error.message ?? '', message);
      return true;
    });
  };

  it('answers malformed requests with an LSP error that says what was expected, and goes on', async () => {
    await rejects('textDocument/hover', {}, ErrorCodes.InvalidParams, /expected params\.textDocument\.uri/);
    await rejects('textDocument/hover', { textDocument: { uri: 'file:///nowhere/never-opened.md' }, position: { line: 0, character: 0 } }, ErrorCodes.InvalidParams, /is not open/);
    const document = await open(client, path.join(ROOT, 'test/fixtures/lsp/runbooks/bad.md'), '---\nkind: runbook\n---\n');
    await rejects('textDocument/completion', { textDocument: { uri: document.uri }, position: { line: -1, character: 'x' } }, ErrorCodes.InvalidParams, /expected params\.position/);
    await rejects('textDocument/codeAction', { textDocument: { uri: document.uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }, ErrorCodes.InvalidParams, /params\.context/);
    await rejects('textDocument/diagnostic', { textDocument: { uri: 42 } }, ErrorCodes.InvalidParams, /textDocument\.uri/);
    await rejects('runbookNotes/noSuchMethod', {}, ErrorCodes.MethodNotFound, /noSuchMethod/);
    // Positions past the end are clamped, as the protocol says.
    assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: document.uri }, position: { line: 999, character: 999 } }), []);
    assert.ok(client.logs.some((line) => line.includes('is not open')), 'logged');
  });

  it('survives a message that is not JSON and a broken change notification', async () => {
    const body = '{"jsonrpc":"2.0","id":';
    client.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///nowhere/x.md', version: 2 }, contentChanges: 'garbage' });
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: null });
    const document = await open(client, path.join(ROOT, 'test/fixtures/lsp/runbooks/after-garbage.md'), '---\nkind: runbook\nownr: x\n---\n');
    assert.ok((await client.diagnosticsOf(document.uri, 1)).some((d) => d.code === 'RN012'), 'still linting');
  });

  it('lints a note that is not a file (untitled:) by its kind', async () => {
    const uri = 'untitled:Untitled-1';
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: '---\nkind: runbook\nownr: x\n---\n# A new runbook\n' } });
    const codes = (await client.diagnosticsOf(uri, 1)).map((d) => String(d.code));
    assert.ok(codes.includes('RN012') && codes.includes('RN001'), codes.join());
  });

  it('lints hostile notes without failing: NUL bytes, lone surrogates, a YAML bomb, deep nesting, a huge line', async () => {
    const notes = {
      'nul.md': '---\nkind: runbook\ntitle: a\u0000b\n---\n\u0000# x\u0000\n',
      'surrogates.md': '---\nkind: runbook\nowner: "\uD800"\n---\n# \uDFFF\n',
      'bomb.md': `---\nkind: runbook\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n---\n`,
      'nesting.md': `---\nkind: runbook\nx: ${'['.repeat(5000)}\n---\n${'> '.repeat(5000)}deep\n`,
      'long-line.md': `---\nkind: runbook\n---\n${'word '.repeat(200_000)}\n`,
    };
    for (const [name, text] of Object.entries(notes)) {
      const uri = (await open(client, path.join(ROOT, 'test/fixtures/lsp/runbooks', name), text)).uri;
      const diagnostics = await client.diagnosticsOf(uri, 1);
      assert.ok(Array.isArray(diagnostics), name);
    }
    assert.equal(client.child.exitCode, null, 'the server is still running');
  });
});

describe('runbook-notes lsp: arguments', () => {
  it('refuses an unknown option with the usage, and prints the usage for --help', () => {
    const bad = spawnSync(process.execPath, [CLI, 'lsp', '--socket=4000'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown option '--socket'[\s\S]*Usage: runbook-notes lsp/);
    const help = spawnSync(process.execPath, [CLI, 'lsp', '--help'], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: runbook-notes lsp/);
  });

  it('exits when the client goes away without a shutdown', async () => {
    const client = new TestClient({ folders: [ROOT] });
    await client.initialize();
    const exited = new Promise<number | null>((resolve) => client.child.once('exit', resolve));
    client.child.stdin.end();
    assert.equal(await exited, 1);
    client.connection.dispose();
  });
});
