/**
 * The promises of SECURITY.md that code can check: the manifest's trust capabilities, and that
 * neither our code nor the extension bundle evaluates code or starts processes. The scan works on
 * syntax trees (TypeScript's parser), so comments and strings that merely mention `eval` do not count.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO, runCli } from './cliHelpers';

const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  main: string;
  capabilities: { untrustedWorkspaces: { supported: unknown; restrictedConfigurations?: string[] }; virtualWorkspaces: unknown };
};

/** Modules that run other code: a process, a VM context, a thread or a native addon. */
const FORBIDDEN_MODULES = new Set(['child_process', 'cluster', 'vm', 'worker_threads', 'module', 'inspector', 'wasi'].flatMap((name) => [name, `node:${name}`]));

/** The Node modules the extension bundle may load at all: anything else is a change to review. */
const EXTENSION_MODULES = new Set(['./zod.js', 'vscode', 'buffer', 'node:buffer', 'crypto', 'node:crypto', 'process', 'node:process', 'path', 'node:path', 'url', 'node:url', 'util', 'node:util', 'events', 'node:events']);

interface Escape {
  what: string;
  /** 1-based. */
  line: number;
  /** Where it stands: the file, or in a bundle the module esbuild's `// path` comment names. */
  where: string;
}

/** Every way out of "only our own, fixed code runs" that the syntax shows, and every module loaded. */
function scan(file: string, text: string): { escapes: Escape[]; modules: Set<string> } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  // esbuild writes `// node_modules/zod/v4/core/doc.js` above each module it bundles.
  const sections = [...text.matchAll(/^\/\/ ((?:node_modules|src)\/\S+)$/gm)].map((match) => ({ start: match.index, name: match[1] as string }));
  const whereAt = (position: number) => sections.filter((section) => section.start <= position).at(-1)?.name ?? path.relative(REPO, file);
  const escapes: Escape[] = [];
  const modules = new Set<string>();
  const report = (node: ts.Node, what: string) => escapes.push({ what, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, where: whereAt(node.getStart(source)) });
  const loads = (node: ts.Node, specifier: ts.Node | undefined) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      modules.add(specifier.text);
      if (FORBIDDEN_MODULES.has(specifier.text)) report(node, `loads ${specifier.text}`);
    } else {
      report(node, 'loads a module whose name is computed');
    }
  };
  const isNameOnly = (node: ts.Identifier) => {
    const parent = node.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.name === node) return true;
    if (ts.isTypeReferenceNode(parent) || ts.isTypeQueryNode(parent) || ts.isExpressionWithTypeArguments(parent)) return true;
    return 'name' in parent && (parent as { name?: ts.Node }).name === node && !ts.isShorthandPropertyAssignment(parent);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && (node.text === 'eval' || node.text === 'Function' || node.text === 'WebAssembly') && !isNameOnly(node)) report(node, `uses ${node.text}`);
    if (ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) && ['eval', 'Function'].includes(node.argumentExpression.text)) report(node, `uses ${node.argumentExpression.text}`);
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier) loads(node, node.moduleSpecifier);
    }
    if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) loads(node, node.moduleReference.expression);
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) loads(node, node.arguments[0]);
      if (ts.isIdentifier(callee) && ['setTimeout', 'setInterval', 'setImmediate'].includes(callee.text) && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) report(node, `${callee.text} with code in a string`);
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process' && ['binding', 'dlopen', '_linkedBinding'].includes(callee.name.text)) report(node, `process.${callee.name.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { escapes, modules };
}

function filesUnder(folder: string, pattern: RegExp): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('security', () => {
  it('the manifest supports restricted mode and virtual workspaces, and the extension starts from the bundle only', () => {
    // Everything works in Restricted Mode, except that a workspace cannot turn remote images on.
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['runbookNotes.preview.remoteImages']);
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('the scan finds what it looks for (so that finding nothing means something)', () => {
    const planted = [
      "import { exec } from 'node:child_process';",
      "const vm = require('vm');",
      'eval(text);',
      "const run = new Function('x', body);",
      'const F = Function; new F(body)();',
      "globalThis['eval'](text);",
      "setTimeout('alert(1)', 10);",
      'await import(name);',
      "process.binding('fs');",
    ].join('\n');
    const { escapes } = scan('planted.ts', planted);
    assert.deepEqual(
      escapes.map((escape) => `${escape.line}: ${escape.what}`),
      ['1: loads node:child_process', '2: loads vm', '3: uses eval', '4: uses Function', '5: uses Function', '6: uses eval', '7: setTimeout with code in a string', '8: loads a module whose name is computed', '9: process.binding'],
    );
    assert.deepEqual(scan('innocent.ts', "// eval(x) and new Function in a comment\nconst s = 'eval(x)';\ntype Callback = Function;\nobj.eval(1);\nconst o = { Function: 1 };\n").escapes, []);
  });

  it('our extension, engine and webview code never evaluate code, start processes or threads, or load native code', () => {
    const files = [...filesUnder(path.join(REPO, 'src/core'), /\.ts$/), ...filesUnder(path.join(REPO, 'src/vscode'), /\.ts$/), ...filesUnder(path.join(REPO, 'media'), /\.js$/)];
    assert.ok(files.length > 40, `only ${files.length} files found`);
    const found = files.flatMap((file) => scan(file, readFileSync(file, 'utf8')).escapes.map((escape) => `${escape.where}:${escape.line}: ${escape.what}`));
    assert.deepEqual(found, []);
  });

  it('the extension bundle loads only vscode and harmless Node modules; its only code generation sites are zod\'s, unreachable', function () {
    this.timeout(60_000);
    const bundle = path.join(REPO, 'dist/extension.js');
    assert.ok(existsSync(bundle), 'dist/extension.js is missing: run npm run build first');
    // zod is a file of its own beside the bundles (scripts/build.mjs), which they load on first validation: both are checked.
    const zodBundle = path.join(REPO, 'dist/zod.js');
    const text = readFileSync(bundle, 'utf8');
    const ownScan = scan(bundle, text);
    const zodScan = scan(zodBundle, readFileSync(zodBundle, 'utf8'));
    const escapes = [...ownScan.escapes, ...zodScan.escapes];
    const modules = new Set([...ownScan.modules, ...zodScan.modules]);
    assert.deepEqual([...modules].filter((name) => !EXTENSION_MODULES.has(name)), [], 'modules outside the list the extension may load');
    if (!/^\/\/ node_modules\//m.test(text)) this.skip(); // a production (minified) bundle names no modules: build with npm run build
    // zod 4 would build a fast validator for each object schema with `new Function` (its "JIT")
    // after checking `new Function("")` works; the build makes that check answer no (see
    // scripts/build.mjs and the run-time test below), which leaves these sites unreachable. Any
    // other site, or one in another module, fails here.
    const ZOD_CODE_GENERATION = ['node_modules/zod/v4/core/util.js', 'node_modules/zod/v4/core/doc.js', 'node_modules/zod/v4/core/compile.js'];
    const elsewhere = escapes.filter((escape) => !(escape.what === 'uses Function' && ZOD_CODE_GENERATION.includes(escape.where)));
    assert.deepEqual(elsewhere, []);
    assert.ok(escapes.length <= ZOD_CODE_GENERATION.length, JSON.stringify(escapes));
  });

  it('the command-line launcher only compiles the bundles beside it, with a V8 code cache', () => {
    // dist/cli.js (src/cliLauncher.ts) loads node:vm and node:module to do what Node 22's
    // module.enableCompileCache() does; it compiles the bundle named in it and, when that bundle
    // requires them, the bundles beside it (./zod.js, ./lsp.js), and nothing else.
    const launcher = path.join(REPO, 'dist/cli.js');
    const text = readFileSync(launcher, 'utf8');
    const { escapes, modules } = scan(launcher, text);
    assert.deepEqual(escapes.map((escape) => escape.what).sort(), ['loads node:module', 'loads node:vm']);
    assert.deepEqual([...modules].sort(), ['./cli-main.js', 'node:fs', 'node:module', 'node:os', 'node:path', 'node:vm']);
    assert.match(text, /\.join\(__dirname, "cli-main\.js"\)/);
    // A require the bundle makes is one of ours only when it names a plain `./name.js` that resolves beside the launcher.
    assert.match(text, /const ours = \(id\) => \/\^\\\.\\\/\[\\w-\]\+\\\.js\$\/\.test\(id\) && [\w.]+\.dirname\(base\.resolve\(id\)\) === __dirname;/);
    assert.ok(text.length < 8000, 'the launcher stays small: the program is in the bundle');
  });

  it('the command-line bundle starts no process and evaluates no code either (its worker threads run the same bundle)', function () {
    this.timeout(60_000);
    const bundle = path.join(REPO, 'dist/cli-main.js');
    assert.ok(existsSync(bundle), 'dist/cli-main.js is missing: run npm run build first');
    const { escapes } = scan(bundle, readFileSync(bundle, 'utf8'));
    const unexpected = escapes.filter((escape) => escape.what !== 'loads worker_threads' && escape.what !== 'loads node:worker_threads' && !(escape.what === 'uses Function' && escape.where.startsWith('node_modules/zod/')));
    assert.deepEqual(unexpected, []);
  });

  it('the built engine never constructs a Function or calls eval at run time, zod included', function () {
    this.timeout(60_000);
    // The hook replaces the global Function and eval with traps that count calls; the run lints
    // notes whose front matter zod validates (valid and invalid), then the hook prints the count.
    const hook = path.join(REPO, 'test/fixtures/security/countCodeGeneration.cjs');
    const result = runCli(['lint', '--format', 'json', 'test/fixtures/examples', 'test/fixtures/rules/RN011-meta-invalid'], REPO, { nodeArgs: ['--require', hook] });
    assert.ok(result.code === 0 || result.code === 1, result.stderr);
    assert.match(result.stderr, /code generation calls: 0\b/);
    assert.ok(JSON.parse(result.stdout).files.length > 5);
  });

  it('the preview webview may load files from the extension media folder only', () => {
    const preview = readFileSync(path.join(REPO, 'src/vscode/preview.ts'), 'utf8');
    const roots = [...preview.matchAll(/localResourceRoots:\s*(\[[^\]]*\])/g)].map((match) => match[1]);
    assert.deepEqual(roots, ["[vscode.Uri.joinPath(this.extensionUri, 'media')]"]);
  });
});
