/**
 * The ways teams run the CLI outside this repository, each run the way its host runs it:
 * - the npm package on its own: `npm pack`, installed offline into an empty project (no dev dependency
 *   around), then `npx runbook-notes lint`; the package holds no source maps and no tests;
 * - the pre-commit hook (.pre-commit-hooks.yaml): its `entry` with the staged files its `types` select, on a
 *   temporary git repository, from the installed package's bin (as pre-commit's node environment has it);
 * - the GitHub Action (action.yml): its composite step's script under bash as the runner starts it, with the
 *   inputs' defaults in the environment, running the packed CLI.
 * The package is packed from dist/ as built (`--ignore-scripts`: `prepack` would rebuild dist/ for production).
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(root, 'test/fixtures/examples');

/** The extensions pre-commit's `identify` tags `markdown` (its extensions.py). */
const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.mdown', '.mkd', '.mkdn'];

interface Hook {
  id: string;
  entry: string;
  language: string;
  types: string[];
}

interface ActionInput {
  default?: string;
}

interface Action {
  inputs: Record<string, ActionInput>;
  runs: { using: string; steps: { shell: string; env: Record<string, string>; run: string }[] };
}

function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A repository with a clean runbook, one with warnings, a post with an error, a Markdown file that is no note, and a text file. */
function writeRepository(folder: string): void {
  mkdirSync(path.join(folder, 'runbooks'), { recursive: true });
  mkdirSync(path.join(folder, 'posts'), { recursive: true });
  cpSync(path.join(EXAMPLES, 'runbooks/restart-api-workers.md'), path.join(folder, 'runbooks/restart-api-workers.md'));
  cpSync(path.join(EXAMPLES, 'runbooks/rotate-cache-keys.md'), path.join(folder, 'runbooks/rotate-cache-keys.md'));
  writeFileSync(path.join(folder, 'posts/reading-time.md'), '---\nkind: post\ntitle: Reading time\nreading_time: -3\n---\n\n# Reading time\n');
  writeFileSync(path.join(folder, 'notes.txt'), 'Owner: nobody\n');
  // Markdown by pre-commit's types, not a note: linted, no finding.
  writeFileSync(path.join(folder, 'runbooks/GUIDE.markdown'), '# How we write runbooks\n');
}

describe('CI integrations: npm package, pre-commit hook, GitHub Action', function () {
  this.timeout(180_000);
  let temp: string;
  let tarball: string;
  let project: string;
  let bin: string;

  before(() => {
    assert.ok(existsSync(path.join(root, 'dist/cli.js')), 'dist/cli.js is missing: run npm run build first');
    temp = mkdtempSync(path.join(tmpdir(), 'runbook-notes-ci-'));
    const packed = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    tarball = path.join(temp, (JSON.parse(packed) as { filename: string }[])[0]!.filename);
    // An empty project, far from this repository's node_modules: only what the package brings is there.
    project = path.join(temp, 'project');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "consumer", "private": true }\n');
    const install = run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project });
    assert.equal(install.status, 0, `npm install of the packed tarball failed:\n${install.stdout}\n${install.stderr}`);
    bin = path.join(project, 'node_modules/.bin');
  });

  after(() => {
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  describe('npm package', () => {
    it('installs with no dependency of its own, and holds no source maps and no tests', () => {
      assert.deepEqual(readdirSync(path.join(project, 'node_modules')).filter((name) => !name.startsWith('.')), ['runbook-notes']);
      const files = readdirSync(path.join(project, 'node_modules/runbook-notes'), { recursive: true, encoding: 'utf8' });
      assert.ok(files.includes(path.join('dist', 'cli.js')));
      assert.deepEqual(files.filter((file) => file.endsWith('.map') || file.startsWith('test') || file.startsWith('src')), []);
    });

    it('runs `npx runbook-notes lint` in the empty project', () => {
      writeRepository(project);
      const result = run('npx', ['--offline', 'runbook-notes', 'lint', '--format', 'json', 'runbooks', 'posts'], { cwd: project });
      assert.equal(result.status, 1, `exit 1 for the post's error:\n${result.stdout}\n${result.stderr}`);
      const report = JSON.parse(result.stdout) as { files: { path: string; diagnostics: { ruleId: string; severity: string }[] }[] };
      const byPath = new Map(report.files.map((file) => [file.path, file.diagnostics.map((d) => `${d.ruleId} ${d.severity}`)]));
      assert.deepEqual(byPath.get('posts/reading-time.md'), ['RN011 error']);
      assert.deepEqual(byPath.get('runbooks/restart-api-workers.md'), []);
      assert.ok(byPath.get('runbooks/rotate-cache-keys.md')?.every((finding) => finding.endsWith('warning')));
    });
  });

  describe('pre-commit hook (.pre-commit-hooks.yaml)', () => {
    const hooks = parseYaml(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    const hook = hooks.find((candidate) => candidate.id === 'runbook-notes') as Hook;

    it('declares the runbook-notes hook for Markdown files, installed as a node package', () => {
      assert.ok(hook);
      assert.equal(hook.language, 'node');
      assert.deepEqual(hook.types, ['markdown']);
    });

    /** Runs the hook's entry on the repository's staged files of the hook's types, from the installed bin. */
    function commitHook(repository: string): SpawnSyncReturns<string> {
      const staged = execFileSync('git', ['diff', '--cached', '--name-only', '-z'], { cwd: repository, encoding: 'utf8' }).split('\0').filter(Boolean);
      const files = staged.filter((file) => MARKDOWN_EXTENSIONS.includes(path.extname(file).toLowerCase()));
      const [command, ...args] = hook.entry.split(/\s+/);
      return run(command as string, [...args, ...files], { cwd: repository, env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' } });
    }

    it('passes a commit of clean notes and fails one with an error, naming it', () => {
      const repository = path.join(temp, 'hooked');
      writeRepository(repository);
      execFileSync('git', ['init', '-q'], { cwd: repository });
      execFileSync('git', ['add', 'runbooks', 'notes.txt'], { cwd: repository });
      const clean = commitHook(repository);
      assert.equal(clean.status, 0, `warnings only: the commit passes\n${clean.stdout}\n${clean.stderr}`);
      assert.match(clean.stdout, /rotate-cache-keys\.md/);
      assert.doesNotMatch(clean.stdout + clean.stderr, /notes\.txt/, 'only the types the hook declares are passed');

      execFileSync('git', ['add', 'posts'], { cwd: repository });
      const failing = commitHook(repository);
      assert.equal(failing.status, 1, `${failing.stdout}\n${failing.stderr}`);
      assert.match(failing.stdout, /posts\/reading-time\.md:4:15 +error .*RN011/);
    });
  });

  describe('GitHub Action (action.yml)', () => {
    const action = parseYaml(readFileSync(path.join(root, 'action.yml'), 'utf8')) as Action;

    /** The step's script as the runner runs a composite `shell: bash` step, its `${{ inputs.x }}` env from `inputs`. */
    function runAction(inputs: Record<string, string>, cwd: string): SpawnSyncReturns<string> {
      assert.equal(action.runs.using, 'composite');
      const [step] = action.runs.steps;
      assert.ok(step && step.shell === 'bash');
      const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_PATH: root, NO_COLOR: '1', npm_config_prefer_offline: 'true' };
      for (const [name, value] of Object.entries(step.env)) {
        const input = /^\$\{\{\s*inputs\.([\w-]+)\s*\}\}$/.exec(value)?.[1];
        assert.ok(input && input in action.inputs, `${name}: ${value} is not an input`);
        env[name] = inputs[input] ?? action.inputs[input]?.default ?? '';
      }
      const script = path.join(temp, 'action-step.sh');
      writeFileSync(script, step.run);
      // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`.
      return run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, env });
    }

    let workspace: string;
    before(() => {
      workspace = path.join(temp, 'workspace');
      writeRepository(workspace);
    });

    it('has the inputs paths, config, format (default github) and fail-on (default error)', () => {
      assert.deepEqual(Object.keys(action.inputs).slice(0, 4), ['paths', 'config', 'format', 'fail-on']);
      assert.equal(action.inputs.format?.default, 'github');
      assert.equal(action.inputs['fail-on']?.default, 'error');
    });

    it('with the inputs’ defaults, annotates the findings and fails on the error', function () {
      // The github format is being added to the CLI beside this action (issue 17 item 1).
      const usage = execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), '--help'], { encoding: 'utf8' });
      if (!/\bgithub\b/.test(usage)) this.skip();
      const result = runAction({ package: tarball }, workspace);
      assert.equal(result.status, 1, `${result.stdout}\n${result.stderr}`);
      assert.match(result.stdout, /^::error .*file=posts\/reading-time\.markdown,line=4/m);
      assert.match(result.stdout, /^::warning .*file=runbooks\/rotate-cache-keys\.md/m);
    });

    it('fails on warnings with fail-on: warning, on nothing with never, and passes a config file and paths', () => {
      const only = (inputs: Record<string, string>) => runAction({ package: tarball, format: 'json', ...inputs }, workspace);
      const runbooks = only({ paths: 'runbooks/rotate-cache-keys.md\nrunbooks/restart-api-workers.md' });
      assert.equal(runbooks.status, 0, `warnings only pass by default\n${runbooks.stderr}`);
      assert.deepEqual((JSON.parse(runbooks.stdout) as { files: { path: string }[] }).files.map((file) => file.path).sort(), ['runbooks/restart-api-workers.md', 'runbooks/rotate-cache-keys.md']);
      assert.equal(only({ paths: 'runbooks', 'fail-on': 'warning' }).status, 1);
      assert.equal(only({ 'fail-on': 'never' }).status, 0, 'never: the post’s error does not fail the step');
      writeFileSync(path.join(workspace, 'quiet.json'), '{ "rules": { "RN011": "off" } }\n');
      assert.equal(only({ config: 'quiet.json' }).status, 0, 'the configuration turns the error off');
      const wrong = only({ 'fail-on': 'sometimes' });
      assert.equal(wrong.status, 2);
      assert.match(wrong.stdout, /::error title=runbook-notes::fail-on must be error, warning or never/);
    });
  });
});
