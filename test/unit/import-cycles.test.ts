/**
 * No module in lib/ or generators/ imports itself through others. Type-only imports count: a
 * circle of types still ties modules that should depend one way (read -> decide -> render:
 * answers and project facts <- plan <- messages), and one value import added later makes it real.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(full);
  }
  return files;
}

/** Each file's relative imports (static, type-only, re-exports, import() calls and types), as files. */
async function importGraph(dirs: readonly string[]): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  for (const dir of dirs) {
    for (const file of await sourceFiles(dir)) {
      const { importedFiles } = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
      graph.set(
        file,
        importedFiles
          .map((imported) => imported.fileName)
          .filter((name) => name.startsWith('.'))
          .map((name) => path.resolve(path.dirname(file), name).replace(/\.js$/, '.ts')),
      );
    }
  }
  return graph;
}

/** Every circle found by a depth-first walk, each as the files in import order, the first repeated at the end. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    const at = stack.indexOf(file);
    if (at >= 0) {
      found.push([...stack.slice(at), file]);
      return;
    }
    if (done.has(file)) return;
    stack.push(file);
    for (const next of graph.get(file) ?? []) visit(next);
    stack.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) visit(file);
  return found;
}

const show = (circle: string[]): string => circle.map((file) => path.relative(ROOT, file)).join(' -> ');

/**
 * lib/'s folders are the steps of the data flow, in order: a module imports only from its own
 * step or an earlier one. `tables/` holds what every step consults (Python releases, pins, packages
 * that compile); `errors.ts` is shared by all; generators/ come last.
 */
export const LAYERS = ['tables', 'read', 'decide', 'messages', 'render', 'verify', 'state', 'yeoman'] as const;

/** The step of a file (its index in LAYERS; -1 for lib/errors.ts, LAYERS.length for generators/), or undefined outside lib/ and generators/. */
function layerOf(file: string): number | undefined {
  const relative = path.relative(ROOT, file).split(path.sep);
  if (relative[0] === 'generators') return LAYERS.length;
  if (relative[0] !== 'lib') return undefined;
  if (relative.length === 2) return -1;
  const at = (LAYERS as readonly string[]).indexOf(relative[1]!);
  return at === -1 ? undefined : at;
}

/** Imports that go against the flow: "from -> to" for every import of a later step. */
function backwardImports(graph: Map<string, string[]>): string[] {
  const found: string[] = [];
  for (const [file, imports] of graph) {
    const from = layerOf(file);
    for (const imported of imports) {
      const to = layerOf(imported);
      if (from === undefined || to === undefined || to > from) found.push(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, imported)}`);
    }
  }
  return found.sort();
}

describe('import cycles', () => {
  it('lib/ and generators/ import in one direction: no module reaches itself', async () => {
    const graph = await importGraph([path.join(ROOT, 'lib'), path.join(ROOT, 'generators')]);
    assert.ok(graph.size > 40, `only ${graph.size} modules found`);
    assert.deepEqual(cycles(graph).map(show), []);
  });

  it('lib/ is folders in the order data flows (tables -> read -> decide -> messages -> render -> state -> yeoman): no import goes back', async () => {
    const graph = await importGraph([path.join(ROOT, 'lib'), path.join(ROOT, 'generators')]);
    const outside = [...graph.keys()].filter((file) => layerOf(file) === undefined).map((file) => path.relative(ROOT, file));
    assert.deepEqual(outside, [], `lib/ files outside the steps ${LAYERS.join(', ')}`);
    assert.deepEqual(backwardImports(graph), []);
  });

  it('finds an import that goes back a step', () => {
    const graph = new Map([
      [path.join(ROOT, 'lib/decide/plan.ts'), [path.join(ROOT, 'lib/read/types.ts')]],
      [path.join(ROOT, 'lib/read/types.ts'), [path.join(ROOT, 'lib/decide/plan.ts')]],
    ]);
    assert.deepEqual(backwardImports(graph), ['lib/read/types.ts -> lib/decide/plan.ts']);
  });

  it('finds a circle, type-only imports and import() types included', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'import-cycles-'));
    try {
      await writeFile(path.join(dir, 'a.ts'), "import { b } from './b.js';\nexport const a = b;\n");
      await writeFile(path.join(dir, 'b.ts'), "import type { C } from './c.js';\nexport const b: C = 1;\n");
      await writeFile(path.join(dir, 'c.ts'), "// from './a.js' in a comment is no import\nexport type C = import('./a.js').A | 1;\n");
      await writeFile(path.join(dir, 'd.ts'), "export * from './a.js';\n");
      const found = cycles(await importGraph([dir])).map((circle) => circle.map((file) => path.basename(file)).join(' -> '));
      assert.deepEqual(found, ['a.ts -> b.ts -> c.ts -> a.ts']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
