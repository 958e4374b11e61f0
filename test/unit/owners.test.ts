/**
 * Ownership files: each CODEOWNERS fixture (test/fixtures/owners/codeowners) carries what it
 * must give in its own comments, each Prow fixture note (test/fixtures/owners/prow) the owners
 * its OWNERS files must give it; a generated repository checks RN001 at scale.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, lintText, matchCodeowners, OwnershipResolver, parseCodeowners, parseConfigText, postMetaInput, renderPostMeta, resolveConfig, type OwnershipHost } from '../../src/core';
import { ownerKey, ownersInText } from '../../src/core/owners/handles';
import { nodeOwnershipHost } from '../../src/cli/nodeHost';
import { markdownFiles, runCli, tempTree } from './cliHelpers';

const FIXTURES = path.resolve(__dirname, '../fixtures/owners');

/** `#> path -> owners @ line; [Section] owners @ line`, `#> path -> none`; `-` for a line that names no owner. */
function codeownersExpectations(text: string) {
  const matches = [...text.matchAll(/^#> (.+?) -> (.+)$/gm)].map((match) => ({ path: match[1] as string, expected: (match[2] as string).trim() }));
  const problems = [...text.matchAll(/^#! (\d+):(\d+) "(.+)"$/gm)].map((match) => ({ at: `${match[1]}:${match[2]}`, message: match[3] as string }));
  return { matches, problems };
}

function describeMatches(file: ReturnType<typeof parseCodeowners>, target: string): string {
  const found = matchCodeowners(file, target);
  if (found.length === 0) return 'none';
  return found.map((match) => `${match.section ? `[${match.section}] ` : ''}${match.owners.length > 0 ? match.owners.join(' ') : '-'} @ ${match.line}`).join('; ');
}

describe('CODEOWNERS', () => {
  const folder = path.join(FIXTURES, 'codeowners');
  for (const name of readdirSync(folder).filter((file) => file.endsWith('.codeowners'))) {
    it(name.replace(/\.codeowners$/, '').replace(/-/g, ' '), () => {
      const text = readFileSync(path.join(folder, name), 'utf8');
      const { matches, problems } = codeownersExpectations(text);
      assert.ok(matches.length > 0, 'the fixture says nothing it expects');
      const file = parseCodeowners(text);
      for (const { path: target, expected } of matches) assert.equal(describeMatches(file, target), expected, `owners of ${target}`);
      const actual = file.problems.map((problem) => `${problem.line}:${problem.column}`);
      assert.deepEqual(actual, problems.map((problem) => problem.at), `problems:\n${file.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n')}`);
      for (const expected of problems) {
        const problem = file.problems.find((p) => `${p.line}:${p.column}` === expected.at);
        assert.ok(problem?.message.includes(expected.message), `${expected.at}: '${problem?.message}' does not say "${expected.message}"`);
      }
    });
  }

  it('matches the same with CRLF line ends and a byte order mark', () => {
    const file = parseCodeowners('\uFEFF/ops/ @acme/ops\r\n*.md @acme/docs\r\n/ops/legacy/\r\n');
    assert.equal(describeMatches(file, 'ops/a.md'), '@acme/docs @ 2');
    assert.equal(describeMatches(file, 'ops/legacy/a.md'), '- @ 3');
    assert.deepEqual(file.problems, []);
  });

  it('never throws on arbitrary text, and reports rather than guesses', () => {
    for (const text of ['[', '^[', '[][0]', '\\', '* \\', '**/***/** @a', '[Section][x] @a\n* @b', ' '.repeat(10_000), '#'.repeat(5000), '/a/ @'.repeat(200)]) {
      const file = parseCodeowners(text);
      for (const target of ['a', 'a/b.md', '']) matchCodeowners(file, target);
    }
    const sections = parseCodeowners('[Section][x] @a\n* @b');
    assert.match(sections.problems[0]?.message ?? '', /expected a number of approvals/);
  });
});

describe('owner handles', () => {
  it('reads owners out of free text and compares them without case or @', () => {
    assert.deepEqual(ownersInText('alice').map((o) => o.owner), ['alice']);
    assert.deepEqual(ownersInText('The DBA team (@acme/dba), escalate to ops@example.com.').map((o) => o.owner), ['@acme/dba', 'ops@example.com']);
    assert.deepEqual(ownersInText('Database team'), []);
    assert.equal(ownerKey('@Alice'), ownerKey('alice'));
  });
});

/** `<!-- owners dir/OWNERS:LINE login login; OWNERS:LINE login -->`, nearest file first. */
function expectedOwners(text: string): string {
  return /<!--\s*owners\s+(.+?)\s*-->/.exec(text)?.[1] ?? '';
}

describe('OWNERS files', () => {
  const root = path.join(FIXTURES, 'prow');
  const resolver = new OwnershipResolver(nodeOwnershipHost);
  const config = resolveConfig([], root);

  for (const note of markdownFiles(root)) {
    it(`gives ${path.relative(root, note)} the owners of its folder and those above`, async () => {
      const ownership = await resolver.forNote(note, root, config);
      const actual = ownership.ownersFiles.map((assignment) => `${assignment.file}:${assignment.line} ${assignment.owners.join(' ')}`).join('; ');
      assert.equal(actual, expectedOwners(readFileSync(note, 'utf8')));
      const result = lintText(readFileSync(note, 'utf8'), { path: note, config, ownership });
      assert.ok(!result.diagnostics.some((d) => d.ruleId === 'RN001'), 'RN001 fires on an owned note');
      assert.equal(result.owners[0]?.source, 'owners-files');
    });
  }

  it('reports each problem of an OWNERS file where it is, and still applies the rest', async () => {
    const ownership = await resolver.forNote(path.join(root, 'broken/note.md'), root, config);
    const report = ownership.files.find((file) => file.path.endsWith('broken/OWNERS'));
    const text = readFileSync(path.join(root, 'broken/OWNERS'), 'utf8');
    const expected = [...text.matchAll(/^# expect-problem (\d+):(\d+) "(.+)"$/gm)];
    assert.deepEqual(report?.problems.map((p) => `${p.line}:${p.column}`), expected.map((m) => `${m[1]}:${m[2]}`), report?.problems.map((p) => p.message).join('\n'));
    for (const match of expected) assert.ok(report?.problems.some((p) => p.message.includes(match[3] as string)), `no problem saying "${match[3]}"`);
  });

  it('knows every login of every OWNERS file and alias for owner-unknown', async () => {
    const ownership = await resolver.forNote(path.join(root, 'unowned/note.md'), root, config);
    for (const login of ['root-approver', 'sig-db', 'alice', 'bob', 'carol', 'dave', 'erin', 'good-login']) assert.ok(ownership.known?.has(login), login);
    assert.ok(!ownership.known?.has('zed'), 'filters are not read');
  });

  it('reports YAML that does not parse, and a file that is not a map', async () => {
    const files: Record<string, string> = { '/r/a/OWNERS': 'approvers: [alice\n', '/r/b/OWNERS': '- alice\n', '/r/c/OWNERS': '' };
    const host: OwnershipHost = { readFile: async (file) => files[file] };
    const local = new OwnershipResolver(host);
    for (const [folder, message] of [['a', 'not valid YAML'], ['b', 'expected a map with approvers and reviewers']] as const) {
      const ownership = await local.forNote(`/r/${folder}/n.md`, '/r', config);
      assert.match(ownership.files[0]?.problems[0]?.message ?? '', new RegExp(message));
    }
    assert.deepEqual((await local.forNote('/r/c/n.md', '/r', config)).files[0]?.problems, []);
  });
});

describe('ownership in a repository', () => {
  it('takes the first CODEOWNERS of .github/, the root and docs/, and no other', async () => {
    const files: Record<string, string> = { '/r/CODEOWNERS': '* @root', '/r/docs/CODEOWNERS': '* @docs' };
    const resolver = new OwnershipResolver({ readFile: async (file) => files[file] });
    const ownership = await resolver.forNote('/r/a/n.md', '/r', resolveConfig([], '/r'));
    assert.equal(ownership.codeownersFile, 'CODEOWNERS');
    assert.deepEqual(ownership.codeowners.map((a) => a.owners), [['@root']]);
  });

  it('reads only the configured sources, in their order of precedence', async () => {
    const files: Record<string, string> = { '/r/.github/CODEOWNERS': '* @from-codeowners', '/r/OWNERS': 'approvers: [from-owners]' };
    const resolver = new OwnershipResolver({ readFile: async (file) => files[file] });
    const note = '---\nkind: runbook\nowner: "@from-note"\n---\n# N\n';
    const owners = async (sources: string[]) => {
      const config = resolveConfig([{ config: { owners: { sources } } as never, base: '/r' }], '/r');
      const ownership = await resolver.forNote('/r/n.md', '/r', config);
      return lintText(note, { path: '/r/n.md', config, ownership }).owners.map((owner) => `${owner.source} ${owner.owners.join(' ')}`);
    };
    assert.deepEqual(await owners(['note', 'codeowners', 'owners-files']), ['note @from-note']);
    assert.deepEqual(await owners(['owners-files', 'codeowners']), ['owners-files from-owners']);
    assert.deepEqual(await owners(['codeowners']), ['codeowners @from-codeowners']);
  });

  it('with sources ["note"], RN001 asks for the owner in the note whatever the files say', async () => {
    const files: Record<string, string> = { '/r/.github/CODEOWNERS': '* @acme/ops' };
    const resolver = new OwnershipResolver({ readFile: async (file) => files[file] });
    const config = resolveConfig([{ config: { owners: { sources: ['note'] } } as never, base: '/r' }], '/r');
    const ownership = await resolver.forNote('/r/n.md', '/r', config);
    const result = lintText('---\nkind: runbook\n---\n# N\n', { path: '/r/n.md', config, ownership });
    assert.match(result.diagnostics.find((d) => d.ruleId === 'RN001')?.message ?? '', /No owner \(required in a runbook\): no owner in the note; add/);
  });

  it('RN001 says when the note lies outside the repository its ownership files belong to', async () => {
    const resolver = new OwnershipResolver({ readFile: async () => '* @acme/all' });
    const config = resolveConfig([], '/r');
    const ownership = await resolver.forNote('/elsewhere/n.md', '/r', config);
    const result = lintText('---\nkind: runbook\n---\n# N\n', { path: '/elsewhere/n.md', config, ownership });
    assert.match(result.diagnostics.find((d) => d.ruleId === 'RN001')?.message ?? '', /no owner in the note, and the note is outside \/r, where ownership files apply; add/);
  });

  it('owner-unknown is off where no ownership file covers the note', async () => {
    const resolver = new OwnershipResolver({ readFile: async () => undefined });
    const config = resolveConfig([], '/r');
    const ownership = await resolver.forNote('/r/n.md', '/r', config);
    assert.equal(ownership.known, undefined);
    const result = lintText('---\nkind: runbook\nowner: "@nobody-knows"\n---\n# N\n', { path: '/r/n.md', config, ownership });
    assert.ok(!result.diagnostics.some((d) => d.ruleId === 'RN019'));
  });
});

describe('a generated repository of 300 notes owned through OWNERS files', () => {
  it('RN001 fires on exactly the notes outside every owned folder', function () {
    this.timeout(120_000);
    const files: Record<string, string> = { '.git/HEAD': 'ref: refs/heads/main\n' };
    const unowned = new Set<string>();
    // 30 teams, each a folder of 10 notes: every third team is owned at its folder, every third
    // below a subfolder only (its folder's own notes unowned), the rest by nobody, one through an
    // OWNERS file with only labels, one whose parent opts out with no_parent_owners and names nobody.
    for (let team = 0; team < 30; team++) {
      const folder = `runbooks/team-${team}`;
      const mode = team % 3;
      if (mode === 0) files[`${folder}/OWNERS`] = `approvers:\n  - lead-${team}\nreviewers:\n  - dev-${team}\n`;
      if (mode === 1) files[`${folder}/deep/OWNERS`] = `approvers:\n  - deep-${team}\n`;
      if (team === 2) files[`${folder}/OWNERS`] = 'labels:\n  - area/ops\n';
      for (let index = 0; index < 10; index++) {
        const file = mode === 1 && index % 2 === 0 ? `${folder}/deep/note-${index}.md` : `${folder}/note-${index}.md`;
        files[file] = `---\nkind: runbook\ntitle: Note ${team}-${index}\n---\n\n# Note ${team}-${index}\n`;
        const owned = mode === 0 || (mode === 1 && index % 2 === 0);
        if (!owned) unowned.add(file);
      }
    }
    const tree = tempTree(files);
    try {
      const result = runCli(['lint', '--format', 'json', 'runbooks'], tree.root);
      const report = JSON.parse(result.stdout) as { files: { path: string; owners: { source: string; owners: string[]; file?: string; line: number }[]; diagnostics: { ruleId: string; message: string }[] }[] };
      assert.equal(report.files.length, 300);
      const fired = report.files.filter((file) => file.diagnostics.some((d) => d.ruleId === 'RN001')).map((file) => file.path);
      assert.deepEqual(fired.sort(), [...unowned].sort());
      const owned = report.files.find((file) => file.path === 'runbooks/team-3/note-1.md');
      assert.deepEqual(owned?.owners, [{ source: 'owners-files', owners: ['lead-3', 'dev-3'], file: 'runbooks/team-3/OWNERS', line: 1 }]);
      const missing = report.files.find((file) => file.path === 'runbooks/team-1/note-1.md');
      assert.match(missing?.diagnostics.find((d) => d.ruleId === 'RN001')?.message ?? '', /no owner in the note, no CODEOWNERS file \(\.github\/CODEOWNERS, CODEOWNERS, docs\/CODEOWNERS\), and no OWNERS file in runbooks\/team-1 or above/);
      assert.equal(result.stderr, '');
    } finally {
      tree.cleanup();
    }
  });
});

describe('ownership problems in the CLI', () => {
  it('prints each invalid line of an ownership file once, as path:line:col, and lints on with the rest', () => {
    const note = (title: string) => `---\nkind: runbook\ntitle: ${title}\n---\n\n# ${title}\n`;
    const tree = tempTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.github/CODEOWNERS': '/ops/ @acme/ops\n/db/ dba-team\n',
      'ops/a.md': note('A'),
      'ops/b.md': note('B'),
      'db/c.md': note('C'),
    });
    try {
      const result = runCli(['lint', '--format', 'json', '.'], tree.root);
      assert.equal(result.stderr, ".github/CODEOWNERS:2:6: 'dba-team' is not an owner: expected @user, @org/team or an e-mail address; the line is skipped\n");
      const report = JSON.parse(result.stdout) as { files: { path: string; owners: unknown[]; diagnostics: { ruleId: string }[] }[] };
      const fired = report.files.filter((file) => file.diagnostics.some((d) => d.ruleId === 'RN001')).map((file) => file.path);
      assert.deepEqual(fired, ['db/c.md']);
      assert.deepEqual(report.files.find((file) => file.path === 'ops/a.md')?.owners, [{ source: 'codeowners', owners: ['@acme/ops'], file: '.github/CODEOWNERS', line: 1 }]);
      assert.notEqual(result.code, 2, 'an invalid ownership line is reported, not a failure of the run');
    } finally {
      tree.cleanup();
    }
  });
});

describe('owners in the post-meta box', () => {
  it('names the owner and where it comes from, escaped', async () => {
    const files: Record<string, string> = { '/r/.github/CODEOWNERS': '# owners\n/ops/ @acme/dba\n' };
    const resolver = new OwnershipResolver({ readFile: async (file) => files[file] });
    const config = resolveConfig([], '/r');
    const render = async (text: string, note: string) => {
      const ownership = await resolver.forNote(note, '/r', config);
      return renderPostMeta(postMetaInput(text, lintText(text, { path: note, config, ownership })), { now: new Date('2026-11-21T12:00:00Z') });
    };
    const fromFile = await render('---\nkind: runbook\ntitle: T\n---\n# T\n', '/r/ops/t.md');
    assert.match(fromFile, /<dt class="pm-key">Owned by<\/dt><dd class="pm-value"><ul class="pm-list"><li class="pm-item">@acme\/dba — \.github\/CODEOWNERS:2<\/li>/);
    const hostile = await render('---\nkind: runbook\ntitle: T\nowner: "<img src=x onerror=alert(1)>"\n---\n# T\n', '/r/ops/t.md');
    assert.ok(!hostile.includes('<img src=x'), 'the owner is escaped');
    assert.ok(hostile.includes('&lt;img src=x onerror=alert(1)&gt; — this note, line 4'));
  });
});

describe('owners configuration', () => {
  const problems = (text: string) => {
    try {
      parseConfigText(text, '/r/.runbook-notes.json');
      return [];
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      return error.problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`);
    }
  };

  it('accepts the sources in any order, and names what is wrong otherwise', () => {
    assert.deepEqual(problems('{ "owners": { "sources": ["codeowners", "note"] } }'), []);
    assert.match(problems('{ "owners": { "sources": ["codeowner"] } }')[0] ?? '', /^1:27 owners\.sources\[0\]: expected one of note, codeowners, owners-files; got 'codeowner'/);
    assert.match(problems('{ "owners": { "sources": [] } }')[0] ?? '', /owners\.sources/);
    assert.match(problems('{ "owners": { "sources": ["note", "note"] } }')[0] ?? '', /expected each source once/);
    assert.match(problems('{ "owners": { "source": ["note"] } }')[0] ?? '', /owners\.source: unknown key/);
  });
});
