/**
 * Python source, read as text (never executed): which modules a project has, and their code
 * with comments removed and triple-quoted strings (docstrings) blanked, so that examples in
 * comments and docstrings are not mistaken for code.
 */
import type { ProjectFiles } from './project-files.js';
import { lineFinder } from './python.js';

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
 * The code of a Python source text: comments removed, triple-quoted strings replaced by `""`
 * (keeping their line breaks, so line numbers hold), other strings kept.
 */
export function codeOnly(text: string): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '#') {
      while (index < text.length && text[index] !== '\n') index += 1;
    } else if (char === '"' || char === "'") {
      const triple = char.repeat(3);
      if (text.startsWith(triple, index)) {
        let end = index + 3;
        while (end < text.length && !text.startsWith(triple, end)) end += text[end] === '\\' ? 2 : 1;
        const literal = text.slice(index, end + 3);
        out += '""' + '\n'.repeat(literal.split('\n').length - 1);
        index = end + 3;
      } else {
        let end = index + 1;
        while (end < text.length && text[end] !== char && text[end] !== '\n') end += text[end] === '\\' ? 2 : 1;
        out += text.slice(index, end + 1);
        index = end + 1;
      }
    } else {
      out += char;
      index += 1;
    }
  }
  return out;
}

/** The code (see codeOnly) of a project file, or undefined when it cannot be read. */
export async function readCode(project: ProjectFiles, file: string): Promise<string | undefined> {
  const text = await project.text(file);
  return text === undefined ? undefined : codeOnly(text);
}

/**
 * One code text's line starts, computed once (a reader asks for many lines of one file in a
 * row): a one-entry cache keyed by the string itself, so a file with 45,000 findings costs one
 * pass, not one pass per finding.
 */
let lastCode: string | undefined;
let lastLine: ((position: number) => number) | undefined;

/** The line (from 1) of a character of a text: line starts computed once per text. */
export function lineOf(code: string, index: number): number {
  if (code !== lastCode) {
    lastCode = code;
    lastLine = undefined;
  }
  lastLine ??= lineFinder(code);
  return lastLine(index);
}

// Django's settings reader (django.ts) still reads one setting's expression as text with these two;
// everything else reads Python through the parser (python.ts).

/** The arguments of the call whose "(" is at `open`, split at top-level commas (trimmed); undefined when unbalanced. */
export function callArgumentTexts(code: string, open: number): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let quote = '';
  let start = open + 1;
  for (let index = open; index < code.length; index += 1) {
    const char = code[index]!;
    if (quote) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = '';
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if ('([{'.includes(char)) depth += 1;
    else if (')]}'.includes(char)) {
      depth -= 1;
      if (depth === 0) {
        args.push(code.slice(start, index).trim());
        return args.filter((arg, position) => arg !== '' || position < args.length - 1);
      }
    } else if (char === ',' && depth === 1) {
      args.push(code.slice(start, index).trim());
      start = index + 1;
    }
  }
  return undefined;
}

/** True when a reader call `f("X", ...)` gives a default: a second positional argument or `default=`. */
export function givesDefault(args: readonly string[]): boolean {
  return args.slice(1).some((arg) => /^default\s*=/.test(arg) || !/^\w+\s*=/.test(arg));
}

/**
 * What `inCode` finds in the code (see readCode) of each of the files (project-relative, read in
 * the order given; unreadable ones skipped), each key once: its first finding.
 */
export async function scanCode<T>(project: ProjectFiles, files: readonly string[], inCode: (code: string, file: string) => T[], key: (found: T) => string): Promise<T[]> {
  const byKey = new Map<string, T>();
  for (const file of files) {
    const code = await readCode(project, file);
    if (code === undefined) continue;
    for (const found of inCode(code, file)) if (!byKey.has(key(found))) byKey.set(key(found), found);
  }
  return [...byKey.values()];
}
