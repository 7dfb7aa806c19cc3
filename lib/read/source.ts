/**
 * Python source, read as text (never executed): which modules a project has, and their code
 * with comments removed and triple-quoted strings (docstrings) blanked, so that examples in
 * comments and docstrings are not mistaken for code.
 */
import type { ProjectFiles } from './project-files.js';
import { lineFinder } from './python.js';

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

/**
 * One code text's derived tables, computed once (a reader asks for many lines of one file in a
 * row): a one-entry cache keyed by the string itself, so a file with 45,000 findings costs one
 * pass, not one pass per finding.
 */
let lastCode: string | undefined;
let lastLine: ((position: number) => number) | undefined;
let lastBrackets: Brackets | undefined;

function sameCode(code: string): void {
  if (code === lastCode) return;
  lastCode = code;
  lastLine = undefined;
  lastBrackets = undefined;
}

/** The line (from 1) of a character of a text: line starts computed once per text. */
export function lineOf(code: string, index: number): number {
  sameCode(code);
  lastLine ??= lineFinder(code);
  return lastLine(index);
}

/** Where each bracket of a code text closes, and the commas directly inside it. */
export interface Brackets {
  /** For an opening ( [ { at i: the index of its closing bracket, or -1 when it never closes. */
  close: Int32Array;
  /** For an opening bracket: the commas at its own depth (not inside nested brackets or strings). */
  commas: Map<number, number[]>;
}

/** The brackets of a code text (see Brackets), in one pass with a stack, strings skipped; computed once per text. */
export function brackets(code: string): Brackets {
  sameCode(code);
  if (lastBrackets) return lastBrackets;
  const close = new Int32Array(code.length).fill(-1);
  const commas = new Map<number, number[]>();
  const stack: number[] = [];
  let quote = '';
  for (let index = 0; index < code.length; index += 1) {
    const char = code[index]!;
    if (quote) {
      if (char === '\\') index += 1;
      else if (char === quote || char === '\n') quote = '';
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '(' || char === '[' || char === '{') stack.push(index);
    else if (char === ')' || char === ']' || char === '}') {
      const open = stack.pop();
      if (open !== undefined) close[open] = index;
    } else if (char === ',' && stack.length > 0) {
      const open = stack[stack.length - 1]!;
      const list = commas.get(open);
      if (list) list.push(index);
      else commas.set(open, [index]);
    }
  }
  lastBrackets = { close, commas };
  return lastBrackets;
}

/** Longest part of one argument a reader looks at (its start says whether it is a keyword, a default...). */
const ARGUMENT_PREFIX = 200;

/**
 * The arguments of the call whose "(" is at `open`, each trimmed and cut to its first
 * ARGUMENT_PREFIX characters (a trailing empty one dropped); undefined when the call never
 * closes. Bounded per argument, so nested or repeated calls stay linear in the file's size.
 */
export function argumentPrefixes(code: string, open: number): string[] | undefined {
  const { close, commas } = brackets(code);
  const end = close[open]!;
  if (end < 0) return undefined;
  const bounds = [open, ...(commas.get(open) ?? []), end];
  const args = bounds.slice(0, -1).map((start, at) => code.slice(start + 1, Math.min(bounds[at + 1]!, start + 1 + ARGUMENT_PREFIX)).trim());
  return args.filter((arg, position) => arg !== '' || position < args.length - 1);
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
