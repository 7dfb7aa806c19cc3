/**
 * Python modules and the files that hold them: `a.b.c` is a/b/c.py or a/b/c/__init__.py, and a
 * relative import is resolved the way Python resolves it.
 */
import type { ProjectFiles } from './project-files.js';

/** `from ..name import x` inside `module` (a package when `isPackage`), as an absolute module name. */
export function resolveRelativeImport(module: string, isPackage: boolean, dots: number, name: string): string {
  const parts = module.split('.');
  const packageParts = isPackage ? parts : parts.slice(0, -1);
  const base = packageParts.slice(0, packageParts.length - (dots - 1));
  return [...base, ...(name ? [name] : [])].join('.');
}

/** Module `a.b.c` as a project file: a/b/c.py or a/b/c/__init__.py, when it exists. */
export async function moduleFile(project: ProjectFiles, module: string): Promise<string | undefined> {
  const base = module.split('.').join('/');
  for (const file of [`${base}.py`, `${base}/__init__.py`]) {
    if (await project.isFile(file)) return file;
  }
  return undefined;
}
