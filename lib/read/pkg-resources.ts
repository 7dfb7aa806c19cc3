/**
 * Where the project's code imports pkg_resources. It ships with setuptools up to 80.x and is gone
 * from setuptools 81 on, and Python 3.12+ images and every venv have no setuptools at all: code
 * that imports it dies at the import (ModuleNotFoundError) unless the image adds an older
 * setuptools (lib/decide/pins.ts). Read from the parsed Python (python.ts), every import statement
 * anywhere in a module (a function that imports it fails when it runs), plus
 * `__import__("pkg_resources")` / `importlib.import_module("pkg_resources")` with a literal name.
 */
import type { ProjectFiles } from './project-files.js';
import { calleeName, importBindings, parsePython, positionalArguments, stringLiteral, walk } from './python.js';

const MODULE = 'pkg_resources';

function isPkgResources(module: string | undefined): boolean {
  return module === MODULE || (module?.startsWith(`${MODULE}.`) ?? false);
}

/** "file:line" of every import of pkg_resources in `files` (each line once), in file order. */
export async function findPkgResourcesImports(project: ProjectFiles, files: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    // Only a file that names the module at all is parsed for it; the tree decides. Parsed here, not
    // through project.python(): Lezer's tree is usable even where it reports an error (it rejects a
    // bare `yield`, valid Python), and an import must not be missed, nor the file said to be unreadable.
    const text = await project.text(file);
    if (text === undefined || !text.includes(MODULE)) continue;
    const source = parsePython(file, text);
    const lines = new Set<number>();
    walk(source.tree.topNode, (node) => {
      if (node.name === 'ImportStatement') {
        for (const binding of importBindings(source, node)) if (binding.level === 0 && isPkgResources(binding.module)) lines.add(binding.line);
        return false;
      }
      if (node.name === 'CallExpression') {
        const callee = calleeName(source, node);
        if ((callee === '__import__' || callee === 'importlib.import_module') && isPkgResources(stringLiteral(source, positionalArguments(source, node)[0]))) {
          lines.add(source.line(node.from));
        }
      }
      return undefined;
    });
    for (const line of [...lines].sort((a, b) => a - b)) found.push(`${file}:${line}`);
  }
  return found;
}
