// The import graph of the production sources (shared, bot, sync-server and desktop's src/; tests, test
// fakes and shared's evaluation CLIs left out), its cycles (strongly connected components of more than
// one file, or a file importing itself) and its imports of test code (a fake under `testing/`, a test
// helper). `npx tsx scripts/import-cycles.ts` prints both; import-cycles.test.ts keeps them at zero. Imports are resolved by TypeScript with the repository's compiler options, so a
// package import (`@app/shared/schemas`) is followed to its file like a relative one; `import type`
// counts too (a cycle of types still ties the modules' meaning together).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..');
const sourceDirs = ['shared/src', 'bot/src', 'sync-server/src', 'desktop/src'];

/** Test code and the fakes tests run against: not production, so not part of the graph. */
export const isTestFile = (path: string) =>
  /\.test\.tsx?$|(^|\/)(test|testing|test-support|__tests__)\//.test(path) ||
  /\/test-support\.ts$/.test(path);

/** Developer tools run from a checkout (`npm run eval:answers`, tune-*): they may load data-set loaders. */
const isTooling = (path: string) => path.startsWith('shared/src/cli/');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') out.push(...sourceFiles(path));
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const options: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  jsx: ts.JsxEmit.ReactJSX,
};

/**
 * Each production file (relative to the repository) and the files of src/ it imports: production files,
 * or test code it should not import (`testImports`).
 */
export function importGraph(): Map<string, string[]> {
  const all = sourceDirs.flatMap((d) => sourceFiles(join(root, d)));
  const known = new Set(all);
  const graph = new Map<string, string[]>();
  for (const file of all.filter((f) => !isTestFile(relative(root, f)) && !isTooling(relative(root, f)))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = new Set<string>();
    for (const { fileName } of importedFiles) {
      const found = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (found && known.has(found)) targets.add(relative(root, found));
    }
    graph.set(relative(root, file), [...targets]);
  }
  return graph;
}

/** Production files importing test code: `file -> imported`. */
export function testImports(graph: Map<string, string[]>): string[] {
  return [...graph].flatMap(([file, targets]) =>
    targets.filter((t) => isTestFile(t)).map((t) => `${file} -> ${t}`),
  );
}

/** The cycles of a graph: its strongly connected components of two or more nodes, or with a self-loop. */
export function cycles(input: Map<string, string[]>): string[][] {
  // Edges to files outside the graph (test code) close no cycle of it.
  const graph = new Map([...input].map(([n, to]) => [n, to.filter((t) => input.has(t))]));
  // Tarjan's algorithm, iterative (the graph has over a thousand files).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let next = 0;
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; edge: number }[] = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const top = work[work.length - 1]!;
      const edges = graph.get(top.node) ?? [];
      if (top.edge < edges.length) {
        const to = edges[top.edge++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) !== index.get(top.node)) continue;
      const component: string[] = [];
      for (;;) {
        const n = stack.pop()!;
        onStack.delete(n);
        component.push(n);
        if (n === top.node) break;
      }
      const selfLoop = (graph.get(top.node) ?? []).includes(top.node);
      if (component.length > 1 || selfLoop) found.push(component.sort());
    }
  }
  return found;
}

if (process.argv[1] === import.meta.filename) {
  const graph = importGraph();
  const found = cycles(graph);
  const wrong = testImports(graph);
  console.log(
    `${graph.size} production files, ${found.length} import cycle(s), ${wrong.length} import(s) of test code`,
  );
  for (const c of found) console.log(`\n${c.length} files:\n  ${c.join('\n  ')}`);
  for (const w of wrong) console.log(`\ntest code in production: ${w}`);
}
