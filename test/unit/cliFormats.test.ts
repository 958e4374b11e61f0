/** The machine formats read back as their consumers read them, --output-file, --stdin and --help. */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { CLI, REPO, runCli, tempTree, TYPO_NOTE } from './cliHelpers';

const JUNIT_XSD = readFileSync(path.join(REPO, 'test/fixtures/junit/junit-10.xsd'), 'utf8');

/** A runbook with findings at known places: a placeholder owner (RN009, line 4), an empty rollback (RN008) and no metric (RN003). */
const RUNBOOK = `---
kind: runbook
title: Rotate the keys
owner: TODO
---

# Rotate the keys

## Expected result

Every client verifies with the new key.

## Rollback

## Checklist

- [ ] rotate
`;

interface Annotation {
  command: string;
  properties: Record<string, string>;
  message: string;
}

/** Reads workflow commands back the way GitHub's runner does: `::name k=v,k=v::message`, then undoes the escapes. */
function parseWorkflowCommands(output: string): Annotation[] {
  const unescape = (text: string) => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const match = /^::(\w+) ([^:]*)::(.*)$/.exec(line);
      assert.ok(match, `not a workflow command: ${line}`);
      const properties = Object.fromEntries(
        (match[2] as string).split(',').map((pair) => {
          const at = pair.indexOf('=');
          return [pair.slice(0, at), unescape(pair.slice(at + 1))];
        }),
      );
      return { command: match[1] as string, properties, message: unescape(match[3] as string) };
    });
}

interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

describe('runbook-notes lint: report formats', function () {
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run npm run build first'));

  it('github: one workflow command per finding, fields escaped and read back, info as notice, files not checked too', () => {
    const tree = tempTree({ 'runbooks/a,b:c%.md': RUNBOOK, 'changes/a.md': TYPO_NOTE, 'runbooks/bad.md': Buffer.from('caf\xe9\n', 'latin1') });
    try {
      const result = runCli(['lint', '--format', 'github'], tree.root);
      assert.equal(result.code, 2, 'a note that could not be read fails the run');
      const annotations = parseWorkflowCommands(result.stdout);
      const placeholder = annotations.find((annotation) => annotation.properties.title === 'RN009 placeholder-value');
      assert.ok(placeholder, result.stdout);
      assert.deepEqual(placeholder.properties, { file: 'runbooks/a,b:c%.md', line: '4', col: '8', endLine: '4', endColumn: '12', title: 'RN009 placeholder-value' });
      assert.equal(placeholder.command, 'warning');
      assert.match(placeholder.message, /placeholder/);
      const typo = annotations.find((annotation) => annotation.properties.file === 'changes/a.md' && annotation.properties.title === 'RN012 meta-unknown-key');
      assert.equal(typo?.properties.line, '4');
      const unread = annotations.find((annotation) => annotation.properties.file === 'runbooks/bad.md');
      assert.equal(unread?.command, 'error');
      assert.match(unread?.message ?? '', /not checked: skipped: not UTF-8/);
      const json = JSON.parse(runCli(['lint', '--format', 'json'], tree.root).stdout);
      const count = json.files.reduce((sum: number, file: { diagnostics: unknown[] }) => sum + file.diagnostics.length, 0);
      assert.equal(annotations.length, count + 1, 'one command per finding, one per file not checked');
    } finally {
      tree.cleanup();
    }
    const info = tempTree({ 'posts/p.md': '---\nrevision:\n  status: reviewed\n---\n# Post\n\n- [ ] an open item\n' });
    try {
      const annotations = parseWorkflowCommands(runCli(['lint', '--format', 'github'], info.root).stdout);
      assert.ok(annotations.some((annotation) => annotation.command === 'notice' && annotation.properties.title === 'RN010 checklist-incomplete'), JSON.stringify(annotations));
    } finally {
      info.cleanup();
    }
  });

  it('codequality: the keys GitLab requires, severities mapped, fingerprints unique and stable across an edit above the finding', () => {
    const tree = tempTree({ 'runbooks/one.md': RUNBOOK, 'runbooks/two.md': RUNBOOK, 'changes/a.md': TYPO_NOTE });
    try {
      const first = runCli(['lint', '--format', 'codequality'], tree.root);
      const issues = JSON.parse(first.stdout) as CodeQualityIssue[];
      assert.ok(issues.length > 4);
      for (const issue of issues) {
        assert.equal(typeof issue.description, 'string');
        assert.match(issue.check_name, /^RN\d{3} [a-z-]+$/);
        assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
        assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(issue.severity), issue.severity);
        assert.equal(typeof issue.location.path, 'string');
        assert.ok(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1);
      }
      assert.equal(new Set(issues.map((issue) => issue.fingerprint)).size, issues.length, 'unique within the report, even for two identical notes');
      assert.equal(issues.find((issue) => issue.check_name === 'RN009 placeholder-value')?.severity, 'minor');

      // An edit above the findings moves them down; their fingerprints stay.
      const file = path.join(tree.root, 'runbooks/one.md');
      writeFileSync(file, RUNBOOK.replace('# Rotate the keys\n', '# Rotate the keys\n\nA paragraph added\nabove every finding.\n'));
      const again = JSON.parse(runCli(['lint', '--format', 'codequality'], tree.root).stdout) as CodeQualityIssue[];
      const mine = (list: CodeQualityIssue[]) => list.filter((issue) => issue.location.path === 'runbooks/one.md');
      const before = new Map(mine(issues).map((issue) => [issue.check_name, issue]));
      const after = new Map(mine(again).map((issue) => [issue.check_name, issue]));
      assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
      const empty = after.get('RN008 section-empty') as CodeQualityIssue;
      assert.equal(empty.location.lines.begin, (before.get('RN008 section-empty') as CodeQualityIssue).location.lines.begin + 3, 'the finding moved');
      for (const [name, issue] of after) assert.equal(issue.fingerprint, before.get(name)?.fingerprint, `${name} kept its fingerprint`);
      // And a run on the unchanged tree gives the same fingerprints.
      assert.deepEqual(JSON.parse(runCli(['lint', '--format', 'codequality'], tree.root).stdout), again);
      // The error severity is major.
      writeFileSync(file, '---\nkind: runbook\nreview_by: [\n---\n# x\n');
      assert.ok((JSON.parse(runCli(['lint', '--format', 'codequality'], tree.root).stdout) as CodeQualityIssue[]).some((issue) => issue.severity === 'major'));
    } finally {
      tree.cleanup();
    }
  });

  it('junit: valid against the JUnit schema, one suite per note, failures with message and position, files not checked as errors', async () => {
    const tree = tempTree({ 'runbooks/one.md': RUNBOOK, 'runbooks/clean.md': readFileSync(path.join(REPO, 'test/fixtures/examples/runbooks/restart-api-workers.md'), 'utf8'), 'changes/<&"x">.md': TYPO_NOTE, 'runbooks/bad.md': Buffer.from('caf\xe9\n', 'latin1') });
    try {
      const result = runCli(['lint', '--format', 'junit'], tree.root);
      assert.equal(result.code, 2);
      const validation = await validateXML({ xml: [{ fileName: 'report.xml', contents: result.stdout }], schema: [{ fileName: 'junit-10.xsd', contents: JUNIT_XSD }] });
      assert.deepEqual(validation.errors, [], validation.rawOutput);
      assert.equal(validation.valid, true);
      const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'failure' }).parse(result.stdout);
      const suites = parsed.testsuites.testsuite as { name: string; tests: string; failures: string; errors: string; testcase: { name: string; failure?: { message: string; type: string; '#text': string }[]; error?: { message: string } }[] }[];
      const names = suites.map((suite) => suite.name);
      assert.deepEqual(names.slice(0, 3), ['changes/<&"x">.md', 'runbooks/clean.md', 'runbooks/one.md']);
      const one = suites.find((suite) => suite.name === 'runbooks/one.md');
      const placeholder = one?.testcase.find((testcase) => testcase.name.startsWith('RN009'));
      assert.ok(placeholder?.failure?.[0], JSON.stringify(one));
      assert.equal(placeholder.failure[0].type, 'warning');
      assert.match(placeholder.failure[0].message, /placeholder/);
      assert.match(placeholder.failure[0]['#text'], /^runbooks\/one\.md:4:8: warning: /);
      assert.equal(Number(one?.failures), one?.testcase.length);
      const clean = suites.find((suite) => suite.name === 'runbooks/clean.md');
      assert.equal(clean?.failures, '0');
      assert.equal(clean?.testcase.length, 1);
      const bad = suites.find((suite) => suite.name === 'runbooks/bad.md');
      assert.equal(bad?.errors, '1');
      assert.match(bad?.testcase[0]?.error?.message ?? '', /not checked/);
      assert.equal(Number(parsed.testsuites.tests), suites.reduce((sum, suite) => sum + Number(suite.tests), 0));
    } finally {
      tree.cleanup();
    }
  });

  it('sarif: UTF-16 columns said so (columnKind), partialFingerprints, files not checked as notifications', () => {
    const tree = tempTree({ 'runbooks/one.md': RUNBOOK.replace('owner: TODO', 'owner: "🚀 TODO"'), 'runbooks/bad.md': Buffer.from('caf\xe9\n', 'latin1') });
    try {
      const log = JSON.parse(runCli(['lint', '--format', 'sarif'], tree.root).stdout);
      const run = log.runs[0];
      assert.equal(run.columnKind, 'utf16CodeUnits');
      for (const result of run.results) assert.match(result.partialFingerprints['runbookNotesFinding/v1'], /^[0-9a-f]{32}$/);
      const notifications = run.invocations[0].toolExecutionNotifications;
      assert.equal(run.invocations[0].executionSuccessful, false);
      assert.equal(notifications.length, 1);
      assert.equal(notifications[0].locations[0].physicalLocation.artifactLocation.uri, 'runbooks/bad.md');
      assert.match(notifications[0].message.text, /not UTF-8/);
    } finally {
      tree.cleanup();
    }
  });

  it('json lists the files not checked with the reason; a binary file that is no note is skipped without failing the run', () => {
    const tree = tempTree({ 'runbooks/binary.md': Buffer.from([0x89, 0x50, 0x00, 0x01]), 'images/logo.md': Buffer.from([0x89, 0x50, 0x00, 0x01]), 'changes/a.md': TYPO_NOTE });
    try {
      const result = runCli(['lint', '--format', 'json'], tree.root);
      assert.equal(result.code, 1, 'the binary note is an error finding; the binary non-note changes nothing');
      const report = JSON.parse(result.stdout);
      const binary = report.files.find((file: { path: string }) => file.path === 'runbooks/binary.md');
      assert.deepEqual(
        binary.diagnostics.map((diagnostic: { ruleId: string; severity: string; line: number; column: number }) => [diagnostic.ruleId, diagnostic.severity, diagnostic.line, diagnostic.column]),
        [['RN000', 'error', 1, 1]],
      );
      assert.match(binary.diagnostics[0].message, /^binary content: not checked/);
      assert.deepEqual(report.notChecked, [{ path: 'images/logo.md', reason: 'skipped: binary file, not a note', fails: false }]);
      assert.match(result.stderr, /skipped images\/logo\.md: binary file, not a note/);
      rmSync(path.join(tree.root, 'runbooks/binary.md'));
      assert.equal(runCli(['lint', '--format', 'json'], tree.root).code, 0, 'a binary non-note beside a note with warnings only: exit 0');
    } finally {
      tree.cleanup();
    }
  });

  it('--output-file writes several reports in one run, atomically, and the summary still goes to the terminal', () => {
    const tree = tempTree({ 'runbooks/one.md': RUNBOOK, 'changes/a.md': TYPO_NOTE });
    try {
      const result = runCli(['lint', '--format', 'sarif', '--output-file', 'out/a.sarif', '--format', 'github', '--format', 'junit', '-o', 'out/j.xml'], tree.root);
      assert.ok(result.code === 0 || result.code === 1, result.stderr);
      assert.equal(JSON.parse(readFileSync(path.join(tree.root, 'out/a.sarif'), 'utf8')).version, '2.1.0');
      assert.match(readFileSync(path.join(tree.root, 'out/j.xml'), 'utf8'), /^<\?xml/);
      assert.ok(parseWorkflowCommands(result.stdout).length > 0, 'github went to standard output');
      assert.match(result.stderr, /problems? \(\d+ errors?, \d+ warnings?/);
      assert.match(result.stderr, /Wrote out\/a\.sarif \(sarif\), out\/j\.xml \(junit\)/);
      assert.deepEqual(readdirSync(path.join(tree.root, 'out')).sort(), ['a.sarif', 'j.xml'], 'no temporary file left behind');

      const only = runCli(['lint', '--format', 'json', '--output-file', 'report.json'], tree.root);
      assert.match(only.stdout, /problems? \(/, 'all reports in files: the summary on stdout');
      assert.equal(JSON.parse(readFileSync(path.join(tree.root, 'report.json'), 'utf8')).version, 1);

      for (const [args, message] of [
        [['--format', 'json', '--format', 'sarif'], /only one report can go to standard output/],
        [['--format', 'json', '-o', 'x', '--format', 'sarif', '-o', 'x'], /given for two reports/],
        [['--format', 'xml'], /--format: expected one of stylish, json, sarif, github, codequality, junit; got 'xml'/],
        [['--output-file'], /--output-file expects a value/],
      ] as [string[], RegExp][]) {
        const bad = runCli(['lint', ...args], tree.root);
        assert.equal(bad.code, 2, args.join(' '));
        assert.match(bad.stderr, message);
      }
      const unwritable = runCli(['lint', '--format', 'json', '-o', 'out'], tree.root);
      assert.equal(unwritable.code, 2);
      assert.match(unwritable.stderr, /cannot write the json report to out: /, 'a folder is no report file');
    } finally {
      tree.cleanup();
    }
  });
});

describe('runbook-notes lint --stdin', function () {
  it('lints standard input as the file --stdin-filename names: its kind and configuration come from that path', () => {
    const tree = tempTree({ '.runbook-notes.json': '{ "rules": { "RN009": "error" } }', 'runbooks/.keep': '' });
    try {
      const asRunbook = runCli(['lint', '--stdin', '--stdin-filename', 'runbooks/new.md', '--format', 'json'], tree.root, { input: RUNBOOK.replace('kind: runbook\n', '') });
      assert.equal(asRunbook.code, 1, asRunbook.stderr);
      const report = JSON.parse(asRunbook.stdout);
      assert.equal(report.files[0].path, 'runbooks/new.md');
      assert.equal(report.files[0].kind, 'runbook');
      assert.ok(report.files[0].diagnostics.some((diagnostic: { ruleId: string; severity: string }) => diagnostic.ruleId === 'RN009' && diagnostic.severity === 'error'));
      assert.equal(existsSync(path.join(tree.root, 'runbooks/new.md')), false, 'nothing written');

      const notANote = runCli(['lint', '--stdin', '--stdin-filename', 'README.md', '--format', 'json'], tree.root, { input: '# Hello\n' });
      assert.equal(notANote.code, 0);
      assert.deepEqual(JSON.parse(notANote.stdout).files, []);

      const unnamed = runCli(['lint', '--stdin', '--format', 'json'], tree.root, { input: TYPO_NOTE });
      assert.equal(JSON.parse(unnamed.stdout).files[0].path, '<stdin>');
    } finally {
      tree.cleanup();
    }
  });

  it('--fix with --stdin prints the fixed text on stdout and the report on stderr', () => {
    const tree = tempTree({});
    try {
      const result = runCli(['lint', '--stdin', '--stdin-filename', 'changes/a.md', '--fix'], tree.root, { input: TYPO_NOTE });
      assert.equal(result.stdout, TYPO_NOTE.replace('onwer:', 'owner:'));
      assert.doesNotMatch(result.stderr, /RN012/, 'the fixed finding is gone from the report');
      assert.match(result.stderr, /changes\/a\.md/);
      const nothing = runCli(['lint', '--stdin', '--fix'], tree.root, { input: '# Not a note\n' });
      assert.equal(nothing.stdout, '# Not a note\n', 'text with nothing to fix comes back as it was');
    } finally {
      tree.cleanup();
    }
  });

  it('refuses --stdin with paths, and --stdin-filename without --stdin', () => {
    for (const args of [['lint', '--stdin', 'a.md'], ['lint', '--stdin-filename', 'a.md']]) {
      const result = runCli(args, REPO, { input: '' });
      assert.equal(result.code, 2);
      assert.match(result.stderr, /--stdin/);
    }
  });
});

describe('runbook-notes --help and unknown options', function () {
  for (const command of ['lint', 'init', 'render', 'new', 'rules']) {
    it(`${command} --help prints its usage on stdout and exits 0`, () => {
      for (const flag of ['--help', '-h']) {
        const result = runCli([command, flag], REPO);
        assert.equal(result.code, 0, result.stderr);
        assert.match(result.stdout, new RegExp(`^Usage: runbook-notes ${command}`));
        assert.match(result.stdout, /--help/);
        assert.equal(result.stderr, '');
      }
      assert.equal(runCli(['help', command], REPO).stdout, runCli([command, '--help'], REPO).stdout);
    });
  }

  it('an unknown option or command names itself and the nearest valid one, without a stack trace', () => {
    for (const [args, expected] of [
      [['lint', '--fromat', 'json'], /lint: unknown option '--fromat'; did you mean --format\?/],
      [['lint', '--max-warning', '3'], /unknown option '--max-warning'; did you mean --max-warnings\?/],
      [['lint', '--stdin-file', 'x'], /did you mean --stdin-filename\?/],
      [['render', '--them', 'dark', 'x.md'], /did you mean --theme\?/],
      [['lnt'], /unknown command 'lnt'; did you mean lint\?/],
      [['lint', '--fix=yes'], /--fix takes no value/],
      [['lint', '--zzzzzz'], /unknown option '--zzzzzz'\n/],
      [['new', 'runbok'], /did you mean runbook\?/],
    ] as [string[], RegExp][]) {
      const result = runCli(args, REPO);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, expected);
      assert.doesNotMatch(result.stderr, /ERR_PARSE_ARGS|\n\s+at /, 'no raw parseArgs error, no stack trace');
    }
  });
});

describe('related locations in the machine formats', () => {
  it('gives the first of two duplicate sections as a SARIF relatedLocation and a json related entry', () => {
    const note = readFileSync(path.join(REPO, 'test/fixtures/rules/RN016-section-duplicate/fires-two-rollback-sections.md'), 'utf8');
    const tree = tempTree({ 'runbooks/twice.md': note });
    try {
      const sarif = JSON.parse(runCli(['lint', '--format', 'sarif', 'runbooks/twice.md'], tree.root).stdout);
      const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'RN016');
      assert.ok(result, 'an RN016 result');
      assert.equal(result.relatedLocations.length, 1);
      assert.deepEqual(result.relatedLocations[0].physicalLocation.region, { startLine: 7, startColumn: 1, endLine: 7, endColumn: 12 });
      assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, result.locations[0].physicalLocation.artifactLocation.uri);
      const json = JSON.parse(runCli(['lint', '--format', 'json', 'runbooks/twice.md'], tree.root).stdout);
      const finding = json.files[0].diagnostics.find((d: { ruleId: string }) => d.ruleId === 'RN016');
      assert.deepEqual(finding.related.map((r: { line: number; column: number }) => [r.line, r.column]), [[7, 1]]);
      assert.ok(sarif.runs[0].results.filter((r: { ruleId: string }) => r.ruleId !== 'RN016').every((r: { relatedLocations?: unknown }) => r.relatedLocations === undefined), 'none where there is nothing to point at');
    } finally {
      tree.cleanup();
    }
  });
});
