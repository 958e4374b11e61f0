/**
 * The two packages built from this repository: the VS Code extension (.vsix, by vsce, files chosen by .vscodeignore) holds
 * what runs in the editor and nothing else; the npm package (files chosen by .npmignore) holds the CLI.
 */
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

interface ZipEntry {
  name: string;
  size: number;
}

function listZip(file: string): Promise<ZipEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) {
        reject(error ?? new Error(`cannot open ${file}`));
        return;
      }
      const entries: ZipEntry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push({ name: entry.fileName, size: entry.uncompressedSize });
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Every file the manifest points at: the entry point, the icon, and each `path` or `url` under `contributes`. */
function manifestFiles(): string[] {
  const files = [manifest.main, manifest.browser, manifest.icon];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if ((key === 'path' || key === 'url') && typeof inner === 'string' && !/^[a-z]+:/i.test(inner)) files.push(inner);
        else walk(inner);
      }
    }
  };
  walk(manifest.contributes);
  return files.map((file: string) => path.posix.normalize(file));
}

describe('VS Code package (.vsix)', function () {
  this.timeout(60_000);
  let folder: string;
  let entries: ZipEntry[];
  let names: string[];

  before(async () => {
    assert.ok(existsSync(path.join(root, 'dist/extension.js')), 'dist/extension.js is missing: run npm run build first');
    folder = mkdtempSync(path.join(tmpdir(), 'runbook-notes-vsix-'));
    const vsix = path.join(folder, 'runbook-notes.vsix');
    // `npm run package` builds for production first; here the bundle of this run is packaged as it is.
    const vsce = path.join(path.dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
    const result = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', vsix], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, `vsce package failed:\n${result.stdout}\n${result.stderr}`);
    entries = await listZip(vsix);
    names = entries.map((entry) => entry.name);
    // The listing is for a reader checking the package by eye; the tests below check it.
    if (process.env.RUNBOOK_NOTES_VERBOSE === '1') {
      console.log(`      runbook-notes.vsix: ${(statSync(vsix).size / 1024).toFixed(1)} KiB, ${entries.length} files:`);
      for (const entry of entries) console.log(`        ${entry.name} (${(entry.size / 1024).toFixed(1)} KiB)`);
    }
  });

  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('holds both bundles, the manifest, the snippets, the grammar and the icon', () => {
    for (const name of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/web/extension.js',
      'extension/dist/runbook-notes.schema.json',
      'extension/snippets/runbook-notes.code-snippets',
      'extension/syntaxes/runbook-notes.injection.tmLanguage.json',
      'extension/images/icon.png',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension.vsixmanifest',
    ]) {
      assert.ok(names.includes(name), `${name} is packaged`);
    }
  });

  it('holds every image the README shows, at the relative path it names (the details page of an installed .vsix)', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1] as string);
    assert.ok(images.length > 0, 'the README shows screenshots');
    for (const image of images) {
      assert.ok(!/^[a-z]+:/i.test(image) && !image.startsWith('/') && !image.startsWith('..'), `${image}: a relative path inside the extension`);
      assert.ok(names.includes(`extension/${image}`), `${image} is packaged`);
    }
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    assert.match(manifest.scripts.package, /--no-rewrite-relative-links/, 'vsce keeps them relative rather than pointing them at the repository');
  });

  it('resolves every README link on the details page: relative ones to packed files, repository ones to files of the repository', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8').replace(/^```[\s\S]*?^```/gm, '');
    // Markdown links and images (`[text](target)`, `![alt](target "title")`) and HTML `href`/`src`.
    const targets = [...readme.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g), ...readme.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((match) => match[1] as string);
    const repository = String(manifest.repository?.url ?? '').replace(/\.git$/, '');
    assert.match(repository, /^https:\/\//, 'package.json names the repository');
    const relative = targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#'));
    assert.ok(relative.length > 0, 'the README has relative links (its images)');
    for (const target of relative) {
      const file = path.posix.normalize(decodeURIComponent(target.replace(/[#?].*$/, '')));
      // vsce renames README.md, CHANGELOG.md and LICENSE inside the package, so a link to them by name does not resolve there.
      assert.ok(names.includes(`extension/${file}`), `${target}: a relative link must name a packed file; link to a file that is not packed by its URL under ${repository}/blob/main/`);
    }
    const prefix = new RegExp(`^${repository.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:blob|tree)/main/([^#?]+)`);
    const onRepository = targets.map((target) => prefix.exec(target)?.[1]).filter((file): file is string => file !== undefined);
    assert.ok(onRepository.length > 0, 'the README links the documentation that is not packed by its repository URL');
    for (const file of onRepository) assert.ok(existsSync(path.join(root, decodeURIComponent(file))), `${file}: linked from the README on the repository, but no such file`);
  });

  it('holds every file the manifest points at', () => {
    for (const file of manifestFiles()) assert.ok(names.includes(`extension/${file}`), `${file} (named in package.json) is packaged`);
  });

  it('holds nothing that does not run: no sources, tests, dependencies, source maps or the CLI', () => {
    const unwanted = names.filter((name) => /^extension\/(?:src|test|node_modules|scripts|bench|docs|out|\.cache)\//.test(name) || /\.(?:map|ts|mjs|vsix)$/.test(name) || name === 'extension/dist/cli.js' || name === 'extension/dist/cli-main.js');
    assert.deepEqual(unwanted, []);
    const allowed = /^(?:\[Content_Types\]\.xml|extension\.vsixmanifest|extension\/(?:package\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/[^/]+\.(?:js|json)|dist\/web\/extension\.js|snippets\/[^/]+|syntaxes\/[^/]+|images\/[\w.-]+\.png|media\/(?:postMeta\.css|preview\.js)))$/;
    assert.deepEqual(names.filter((name) => !allowed.test(name)), [], 'only the files the editor loads');
  });
});

describe('npm package', () => {
  it('holds the CLI and its documentation, and no sources or tests', function () {
    this.timeout(30_000);
    const output = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const files = (JSON.parse(output) as { files: { path: string }[] }[])[0]?.files.map((file) => file.path) ?? [];
    assert.ok(files.includes(manifest.bin['runbook-notes']), 'the CLI named in "bin" is packaged');
    for (const file of ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'dist/runbook-notes.schema.json', 'docs/rules.md']) assert.ok(files.includes(file), `${file} is packaged`);
    assert.ok(files.includes('dist/lsp.js'), 'the language server the CLI loads for `lsp` is packaged');
    const allowed = /^(?:package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/(?:cli|cli-main|extension|lsp|zod|web\/extension)\.js|dist\/runbook-notes\.schema\.json|docs\/.+)$/;
    assert.deepEqual(files.filter((file) => !allowed.test(file)), []);
  });
});

describe('language server bundle', () => {
  it('is apart from the CLI, which loads it for `lsp` only (linting does not parse the LSP libraries)', () => {
    // dist/cli.js is the launcher; the CLI's bundle is dist/cli-main.js.
    const cli = readFileSync(path.join(root, 'dist/cli-main.js'), 'utf8');
    const lsp = readFileSync(path.join(root, 'dist/lsp.js'), 'utf8');
    assert.ok(lsp.includes('textDocument/publishDiagnostics'), 'dist/lsp.js holds the server');
    assert.ok(!cli.includes('textDocument/publishDiagnostics'), 'dist/cli-main.js does not (see the lsp-apart plugin in scripts/build.mjs)');
    assert.match(cli, /require\("\.\/lsp\.js"\)/, 'dist/cli-main.js loads ./lsp.js');
  });
});
