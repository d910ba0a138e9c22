/**
 * Imports run downward. Every import (type-only ones too: a type import is still a dependency a reader must
 * follow) of support/ and steps/ is resolved the way TypeScript resolves it, then checked for circles and
 * against the layer rules below. The compiler's own resolver is used rather than a regex over the text, so
 * re-exports, `import type` and extensionless paths count exactly as tsc counts them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const SCANNED = ['support', 'steps'];

/** What may not import what: each rule names the files it holds for and the folder they must not reach up to. */
const LAYER_RULES: { files: (file: string) => boolean; mayNotImport: string; why: string }[] = [
  {
    files: (f) => !f.startsWith('support/cli/'),
    mayNotImport: 'support/cli/',
    why: 'the CLI is the top layer: what it shares with lower code lives in support/base/',
  },
  {
    files: (f) => f.startsWith('support/'),
    mayNotImport: 'steps/',
    why: 'steps sit on the support code, never under it',
  },
  {
    files: (f) => f.startsWith('support/') && !f.startsWith('support/world/') && !f.startsWith('support/cli/'),
    mayNotImport: 'support/world/',
    why: 'the World is Cucumber glue above the clients, simulators and reports',
  },
  {
    files: (f) => f.startsWith('support/topology/') || f.startsWith('support/domain/'),
    mayNotImport: 'support/simulators/',
    why: 'the SDS directory model is domain (support/domain/registry.ts), which the simulators build on',
  },
];

const toPosix = (path: string) => path.split(sep).join('/');

function sourceFiles(): string[] {
  return SCANNED.flatMap((dir) =>
    (readdirSync(join(ROOT, dir), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.ts'))
      .map((f) => toPosix(join(dir, f))),
  );
}

/** file → the project files it imports (node_modules left out), both relative to the root. */
function importGraph(): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    resolveJsonModule: true,
  };
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles()) {
    const absolute = join(ROOT, file);
    const { importedFiles } = ts.preProcessFile(readFileSync(absolute, 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => ts.resolveModuleName(i.fileName, absolute, options, ts.sys).resolvedModule)
      .filter((m): m is ts.ResolvedModuleFull => !!m && !m.isExternalLibraryImport)
      .map((m) => toPosix(relative(ROOT, m.resolvedFileName)));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components of more than one file (or a file importing itself): the circles. */
function circles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const graph = importGraph();

test('the import graph is read: every scanned file is in it and the World imports the support code', () => {
  // A resolver that found nothing would pass every rule below over an empty graph.
  assert.ok(graph.size > 100, `only ${graph.size} files scanned`);
  assert.ok(graph.get('support/world/world.ts')?.some((t) => t.startsWith('support/spine/')));
});

test('no import circle under support/ or steps/', () => {
  const found = circles(graph);
  assert.deepEqual(found, [], `import circles:\n${found.map((c) => `  ${c.join(' → ')}`).join('\n')}`);
});

test('imports run downward: no file reaches up a layer', () => {
  const broken = [...graph].flatMap(([file, targets]) =>
    LAYER_RULES.filter((rule) => rule.files(file)).flatMap((rule) =>
      targets.filter((t) => t.startsWith(rule.mayNotImport)).map((t) => `${file} → ${t} (${rule.why})`),
    ),
  );
  assert.deepEqual(broken, []);
});

test('the circle finder finds a circle, and the layer rules see an upward import', () => {
  assert.deepEqual(
    circles(
      new Map([
        ['a', ['b']],
        ['b', ['a']],
        ['c', ['a']],
      ]),
    ),
    [['a', 'b']],
  );
  const rule = LAYER_RULES[0];
  assert.ok(rule.files('support/world/hooks.ts') && 'support/cli/usage.ts'.startsWith(rule.mayNotImport));
});
