/**
 * Python source, read as text (never executed): which modules a project has, and their code
 * with comments removed and triple-quoted strings (docstrings) blanked, so that examples in
 * comments and docstrings are not mistaken for code.
 */
import type { ProjectFiles } from './project-files.js';

/** Folders never searched for application code. */
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
]);

export interface PythonModule {
  /** Path relative to the root, e.g. "myapp/web.py". */
  file: string;
  /** Dotted import path, e.g. "myapp.web" ("myapp" for myapp/__init__.py); undefined when not importable by name. */
  module?: string;
  /** 0 for files at the root, 1 for files one folder down, 2 for src/<package>/ files. */
  depth: 0 | 1 | 2;
  /** Set for a src/ layout (src/<package>/...): the folder that must be on the import path ("src"). */
  pythonPath?: string;
}

/** The folder of a src/ layout: packages live in src/<package>/, importable once src is on the path. */
export const SRC_FOLDER = 'src';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

async function pythonFiles(project: ProjectFiles, folder: string): Promise<string[]> {
  return (await project.list(folder)).filter((entry) => entry.kind === 'file' && entry.name.endsWith('.py')).map((entry) => entry.name);
}

async function folders(project: ProjectFiles, folder: string): Promise<string[]> {
  return (await project.list(folder)).filter((entry) => entry.kind === 'directory').map((entry) => entry.name);
}

/** `.py` files at the root and one folder down, skipping virtualenvs, tests, dependencies and hidden folders. */
export async function listPythonModules(project: ProjectFiles): Promise<PythonModule[]> {
  const modules: PythonModule[] = [];
  for (const name of await pythonFiles(project, '')) {
    const stem = name.slice(0, -3);
    const module: PythonModule = { file: name, depth: 0 };
    if (IDENTIFIER.test(stem) && stem !== '__init__') module.module = stem;
    modules.push(module);
  }
  const topFolders = (await folders(project, '')).filter((name) => !name.startsWith('.') && !SKIPPED_FOLDERS.has(name));
  for (const folder of topFolders) {
    if (await project.isFile(`${folder}/pyvenv.cfg`)) continue; // a virtualenv under another name
    for (const name of await pythonFiles(project, folder)) {
      const stem = name.slice(0, -3);
      const module: PythonModule = { file: `${folder}/${name}`, depth: 1 };
      if (IDENTIFIER.test(folder) && IDENTIFIER.test(stem)) module.module = stem === '__init__' ? folder : `${folder}.${stem}`;
      modules.push(module);
    }
  }
  modules.push(...(await srcLayoutModules(project)));
  return modules;
}

/** src/<package>/*.py: importable as <package>.<module> with src on the import path (PEP 517 src layout). */
async function srcLayoutModules(project: ProjectFiles): Promise<PythonModule[]> {
  const packages = (await folders(project, SRC_FOLDER)).filter((name) => IDENTIFIER.test(name) && !SKIPPED_FOLDERS.has(name) && !name.endsWith('.egg-info'));
  const modules: PythonModule[] = [];
  for (const pkg of packages) {
    const files = await pythonFiles(project, `${SRC_FOLDER}/${pkg}`);
    if (!files.includes('__init__.py')) continue; // a package, not a folder of scripts
    for (const name of files) {
      const stem = name.slice(0, -3);
      const module: PythonModule = { file: `${SRC_FOLDER}/${pkg}/${name}`, depth: 2, pythonPath: SRC_FOLDER };
      if (IDENTIFIER.test(stem)) module.module = stem === '__init__' ? pkg : `${pkg}.${stem}`;
      modules.push(module);
    }
  }
  return modules;
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

/** The line (from 1) of a character of a text. */
export function lineOf(code: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (code.charCodeAt(i) === 10) line += 1;
  return line;
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
