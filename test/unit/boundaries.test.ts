/**
 * The import graph of src/: no circle (type-only imports count: a circle of types is still one the reader must
 * untangle), the core never imports the editor or the CLI, and the editor reaches the core through its public
 * API only (src/core/index.ts; eslint's no-restricted-imports says so while typing, this checks the whole tree).
 */
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const src = path.resolve(__dirname, '../../src');

/** Each .ts file under src/ (relative, posix) with the src/ files it imports. */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(path.join(src, file), 'utf8'), true, true);
    const targets: string[] = [];
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const base = path.resolve(path.dirname(path.join(src, file)), fileName);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (target) targets.push(path.relative(src, target).split(path.sep).join('/'));
    }
    graph.set(file.split(path.sep).join('/'), targets);
  }
  return graph;
}

/** Strongly connected components with more than one file (Tarjan), each as a list of files. */
function circles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('import boundaries (src/)', () => {
  const graph = importGraph();

  it('finds the imports it checks', () => {
    assert.ok(graph.size > 40, `only ${graph.size} files under src/`);
    assert.ok(graph.get('core/rules/rule.ts')?.includes('core/config/types.ts'), 'rule.ts should import the config types');
  });

  it('has no import circle, type-only imports included', () => {
    assert.deepEqual(circles(graph), []);
  });

  it('keeps the core free of the editor and the CLI', () => {
    const wrong = [...graph].flatMap(([file, targets]) => (file.startsWith('core/') ? targets.filter((t) => !t.startsWith('core/')).map((t) => `${file} -> ${t}`) : []));
    assert.deepEqual(wrong, []);
  });

  it('lets the editor reach the core only through src/core/index.ts', () => {
    const wrong = [...graph].flatMap(([file, targets]) =>
      file.startsWith('vscode/') ? targets.filter((t) => t.startsWith('core/') && t !== 'core/index.ts').map((t) => `${file} -> ${t}`) : [],
    );
    assert.deepEqual(wrong, []);
  });
});
