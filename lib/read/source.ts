/**
 * A project's Python modules: which there are (never executed), and a scan of their parsed source
 * (python.ts) for the readers that look at every module.
 */
import type { ProjectFiles } from './project-files.js';
import type { PythonSource } from './python.js';

/** Folders never searched for application code: virtualenvs, tests, dependencies, build output, migrations. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  '.venv',
  'venv',
  'env',
  'node_modules',
  'tests',
  'test',
  'site-packages',
  '.git',
  '__pycache__',
  'build',
  'dist',
  'migrations',
]);

/** How many folders below the root the reader walks for modules (src/<package>/<sub>/... is 3). */
export const MAX_MODULE_DEPTH = 5;
/** At most this many .py files are listed (shallowest first); a larger tree is read no further. */
export const MAX_MODULE_FILES = 2000;

export interface PythonModule {
  /** Path relative to the root, e.g. "myapp/web.py". */
  file: string;
  /** Dotted import path, e.g. "myapp.web" ("myapp" for myapp/__init__.py); undefined when not importable by name. */
  module?: string;
  /** How many folders deep the file is: 0 at the root, 1 for pkg/x.py, 2 for src/<package>/x.py or pkg/sub/x.py. */
  depth: number;
  /** Set for a src/ layout (src/<package>/...): the folder that must be on the import path ("src"). */
  pythonPath?: string;
}

/** The folder of a src/ layout: packages live in src/<package>/, importable once src is on the path. */
export const SRC_FOLDER = 'src';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A folder the walk goes into: not hidden, not skipped, not a virtualenv under another name, no egg-info. */
async function walkable(project: ProjectFiles, path: string, name: string): Promise<boolean> {
  if (name.startsWith('.') || SKIPPED_FOLDERS.has(name) || name.endsWith('.egg-info')) return false;
  return !(await project.isFile(`${path}/pyvenv.cfg`));
}

/** The dotted module name of a file inside an import root, or undefined when a part is not an identifier. */
function moduleName(parts: readonly string[], fileName: string): string | undefined {
  const stem = fileName.slice(0, -3);
  if (!parts.every((part) => IDENTIFIER.test(part)) || !IDENTIFIER.test(stem)) return undefined;
  if (stem === '__init__') return parts.length > 0 ? parts.join('.') : undefined;
  return [...parts, stem].join('.');
}

/**
 * The project's `.py` files, shallowest first (breadth-first, folders and files by name), at most
 * MAX_MODULE_DEPTH folders down and MAX_MODULE_FILES in all, skipping hidden folders, virtualenvs,
 * tests, dependencies, build output and migrations. A file's module name is its path from the
 * root (folders without `__init__.py` are namespace packages), except in a src/ layout: with
 * src/<package>/__init__.py (and no src/__init__.py), src/<package>/... is `<package>....` with
 * src on the import path.
 */
export async function listPythonModules(project: ProjectFiles): Promise<PythonModule[]> {
  const srcIsPackage = await project.isFile(`${SRC_FOLDER}/__init__.py`);
  const modules: PythonModule[] = [];
  let level: string[] = [''];
  for (let depth = 0; depth <= MAX_MODULE_DEPTH && level.length > 0; depth += 1) {
    const next: string[] = [];
    for (const folder of level) {
      const entries = await project.list(folder);
      const parts = folder === '' ? [] : folder.split('/');
      for (const entry of entries) {
        if (entry.kind !== 'file' || !entry.name.endsWith('.py')) continue;
        if (modules.length >= MAX_MODULE_FILES) return modules;
        const file = folder === '' ? entry.name : `${folder}/${entry.name}`;
        const module: PythonModule = { file, depth };
        const srcLayout = !srcIsPackage && parts[0] === SRC_FOLDER && parts.length >= 2 && (await project.isFile(`${SRC_FOLDER}/${parts[1]}/__init__.py`));
        const name = srcLayout ? moduleName(parts.slice(1), entry.name) : moduleName(parts, entry.name);
        if (name !== undefined) module.module = name;
        if (srcLayout) module.pythonPath = SRC_FOLDER;
        modules.push(module);
      }
      for (const entry of entries) {
        if (entry.kind !== 'directory') continue;
        const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
        if (await walkable(project, path, entry.name)) next.push(path);
      }
    }
    level = next;
  }
  return modules;
}

/**
 * The modules the runtime-needs readers (environment variables, writes, the port) scan: the root,
 * one folder down and src/<package>/, as before the walk went deeper (deeper modules are read for
 * the entry point only).
 */
export function shallowModules(modules: readonly PythonModule[]): PythonModule[] {
  return modules.filter((module) => module.depth <= 1 || (module.pythonPath !== undefined && module.depth <= 2));
}

/**
 * What `inSource` finds in each of the files (project-relative, parsed once by ProjectFiles, read in
 * the order given; unreadable ones and ones that do not parse are skipped, and ProjectFiles says
 * so), each key once: its first finding.
 */
export async function scanPython<T>(project: ProjectFiles, files: readonly string[], inSource: (source: PythonSource) => T[], key: (found: T) => string): Promise<T[]> {
  const byKey = new Map<string, T>();
  for (const file of files) {
    const source = await project.python(file);
    if (!source) continue;
    for (const found of inSource(source)) if (!byKey.has(key(found))) byKey.set(key(found), found);
  }
  return [...byKey.values()];
}
