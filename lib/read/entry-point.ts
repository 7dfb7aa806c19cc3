/**
 * What serves the app, found by reading source text (never by running it):
 * 1. Django: manage.py at the root; DJANGO_SETTINGS_MODULE in it names the settings, whose
 *    WSGI_APPLICATION (else ASGI_APPLICATION) is the target.
 * 2. Flask, FastAPI, Starlette: a module-level `NAME = Flask(...)` / `FastAPI(...)` /
 *    `Starlette(...)` in a module that imports it, at the root or one package down; else a
 *    `def create_app(` / `def make_app(` factory that builds one ("module:create_app()"), or a
 *    module-level `NAME = create_app()` that calls such a factory ("module:NAME").
 *    App objects beat factories; then files named as in PREFERRED_APP_FILES, in that order;
 *    then root files before package files; then path order.
 * 3. A script: the first of SCRIPT_FILES at the root.
 */
import path from 'node:path';
import type { ProjectFiles } from './project-files.js';
import { findDjangoEntry } from './django.js';
import { type PythonModule, listPythonModules, readCode } from './source.js';
import { type TomlTable, isTable } from './toml.js';
import type { EntryPoint, Serving } from './types.js';

export const PREFERRED_APP_FILES = ['app.py', 'main.py', 'wsgi.py', 'application.py', 'server.py'] as const;
export const SCRIPT_FILES = ['main.py', 'app.py', 'server.py'] as const;
export const FACTORY_NAMES = ['create_app', 'make_app'] as const;

type Framework = 'flask' | 'fastapi' | 'starlette' | 'quart' | 'litestar';

interface FrameworkSpec {
  framework: Framework;
  kind: 'wsgi' | 'asgi';
  /** `from <fromModule> import <className>` */
  fromModule: string;
  className: string;
}

const FRAMEWORKS: readonly FrameworkSpec[] = [
  { framework: 'flask', kind: 'wsgi', fromModule: 'flask', className: 'Flask' },
  { framework: 'fastapi', kind: 'asgi', fromModule: 'fastapi', className: 'FastAPI' },
  { framework: 'starlette', kind: 'asgi', fromModule: 'starlette.applications', className: 'Starlette' },
  { framework: 'quart', kind: 'asgi', fromModule: 'quart', className: 'Quart' },
  { framework: 'litestar', kind: 'asgi', fromModule: 'litestar', className: 'Litestar' },
];

/** Frameworks whose apps are found by reading the code, as named in messages. */
export const FRAMEWORK_LIST = 'Flask, FastAPI, Starlette, Quart or Litestar';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The expressions that construct the framework's app in this code: "Flask" or an alias for
 * `from flask import Flask [as X]`, "flask.Flask" (or "alias.Flask") for `import flask [as alias]`.
 */
export function constructorNames(code: string, spec: FrameworkSpec): string[] {
  const names: string[] = [];
  const fromImport = new RegExp(`^[ \\t]*from[ \\t]+${escape(spec.fromModule)}[ \\t]+import[ \\t]+(\\([^)]*\\)|[^\\n]*)`, 'gm');
  for (const match of code.matchAll(fromImport)) {
    for (const item of match[1]!.replace(/[()\\]/g, ' ').split(',')) {
      const parts = item.trim().split(/\s+/);
      if (parts[0] === spec.className) names.push(parts[1] === 'as' && parts[2] ? parts[2] : spec.className);
    }
  }
  const plainImport = new RegExp(`^[ \\t]*import[ \\t]+([^\\n]*)`, 'gm');
  for (const match of code.matchAll(plainImport)) {
    for (const item of match[1]!.split(',')) {
      const parts = item.trim().split(/\s+/);
      if (parts[0] !== spec.fromModule) continue;
      names.push(`${parts[1] === 'as' && parts[2] ? parts[2] : spec.fromModule}.${spec.className}`);
    }
  }
  return [...new Set(names)];
}

/** Module-level assignments `NAME = <callee>(` (optionally annotated), in file order; `callee` is a regex source. */
function moduleLevelAssignments(code: string, callee: string): string[] {
  const pattern = new RegExp(`^([A-Za-z_]\\w*)[ \\t]*(?::[^=\\n]*)?=[ \\t]*(?:${callee})[ \\t]*\\(`, 'gm');
  return [...code.matchAll(pattern)].map((match) => match[1]!);
}

/** The text between the parentheses that open at `open`. */
function parenthesized(code: string, open: number): string {
  let depth = 0;
  for (let index = open; index < code.length; index += 1) {
    if ('([{'.includes(code[index]!)) depth += 1;
    else if (')]}'.includes(code[index]!)) {
      depth -= 1;
      if (depth === 0) return code.slice(open + 1, index);
    }
  }
  return code.slice(open + 1);
}

/** Splits a parameter list at its top-level commas. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if ('([{'.includes(char)) depth += 1;
    else if (')]}'.includes(char)) depth -= 1;
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** True when every parameter has a default (or is *args / **kwargs / a bare * or /): `factory()` can call it. */
export function callableWithoutArguments(parameters: string): boolean {
  return splitTopLevel(parameters).every((parameter) => parameter.startsWith('*') || parameter === '/' || parameter.includes('='));
}

interface TopLevelFunction {
  name: string;
  parameters: string;
  body: string;
}

/** Module-level `def NAME(...)` (also async), with its parameters and its indented body. */
export function topLevelFunctions(code: string): TopLevelFunction[] {
  const found: TopLevelFunction[] = [];
  for (const match of code.matchAll(/^(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(/gm)) {
    const open = match.index + match[0].length - 1;
    const parameters = parenthesized(code, open);
    const rest = code.slice(open + parameters.length + 2);
    // The body runs to the next line that starts at column 0 with code.
    const end = rest.search(/\n(?=[^\s])/);
    found.push({ name: match[1]!, parameters, body: end === -1 ? rest : rest.slice(0, end) });
  }
  return found;
}

interface Candidate {
  entry: EntryPoint;
  isObject: boolean;
  module: PythonModule;
  /** The module is named by a [project.scripts] entry. */
  script: boolean;
  /** Factory named create_app / make_app (Flask's documented names), else another function that builds the app. */
  namedFactory: boolean;
}

/**
 * The one documented rule when several apps are found (the first is served; the others are
 * printed with how to choose one with --wsgi-app):
 *   1. modules that [project.scripts] / [tool.poetry.scripts] entries point to;
 *   2. app objects before factories (create_app / make_app before other functions that build one);
 *   3. files named as in PREFERRED_APP_FILES, in that order;
 *   4. root files, then package files, then src/<package>/ files;
 *   5. path order.
 */
function rank(candidate: Candidate): [number, number, number, number, string] {
  const preferred = (PREFERRED_APP_FILES as readonly string[]).indexOf(path.posix.basename(candidate.module.file));
  return [
    candidate.script ? 0 : 1,
    candidate.isObject ? 0 : candidate.namedFactory ? 1 : 2,
    preferred === -1 ? PREFERRED_APP_FILES.length : preferred,
    candidate.module.depth,
    candidate.module.file,
  ];
}

function compareRanks(a: Candidate, b: Candidate): number {
  const [ra, rb] = [rank(a), rank(b)];
  for (let index = 0; index < ra.length; index += 1) {
    if (ra[index]! < rb[index]!) return -1;
    if (ra[index]! > rb[index]!) return 1;
  }
  return 0;
}

/** Modules named by `[project.scripts]` / `[tool.poetry.scripts]` ("pkg.cli:main" -> "pkg.cli"); never throws. */
export async function scriptModules(project: ProjectFiles): Promise<string[]> {
  let pyproject: TomlTable | undefined;
  try {
    pyproject = await project.toml('pyproject.toml');
  } catch {
    return []; // a malformed pyproject.toml is reported where dependencies are read
  }
  const tables: unknown[] = [];
  const projectTable = pyproject?.project;
  if (isTable(projectTable)) tables.push(projectTable.scripts);
  const tool = pyproject?.tool;
  if (isTable(tool) && isTable(tool.poetry)) tables.push(tool.poetry.scripts);
  const modules: string[] = [];
  for (const table of tables) {
    if (!isTable(table)) continue;
    for (const value of Object.values(table)) {
      const reference = typeof value === 'string' ? value : isTable(value) && typeof value.reference === 'string' ? value.reference : undefined;
      const module = reference?.split(':')[0]?.trim();
      if (module && /^[A-Za-z_][\w.]*$/.test(module)) modules.push(module);
    }
  }
  return [...new Set(modules)];
}

/** Flask / FastAPI / Starlette / Quart / Litestar apps and factories in the given modules, best first (see rank). */
export async function findFrameworkApps(project: ProjectFiles, modules?: PythonModule[]): Promise<EntryPoint[]> {
  const importable = (modules ?? (await listPythonModules(project))).filter((module) => module.module !== undefined);
  const codes = new Map<PythonModule, string>();
  for (const module of importable) {
    const code = await readCode(project, module.file);
    if (code !== undefined) codes.set(module, code);
  }
  const scripts = await scriptModules(project);
  const named = (module: PythonModule) => scripts.some((script) => script === module.module || script.startsWith(`${module.module}.`) || module.module!.startsWith(`${script}.`));

  const candidates: Candidate[] = [];
  const factories = new Map<string, FrameworkSpec>();
  for (const [module, code] of codes) {
    for (const spec of FRAMEWORKS) {
      const constructors = constructorNames(code, spec);
      if (constructors.length === 0) continue;
      const make = (target: string, isObject: boolean, namedFactory = false): Candidate => ({
        entry: {
          kind: spec.kind,
          target: `${module.module}:${target}`,
          framework: spec.framework,
          source: module.file,
          ...(module.pythonPath ? { pythonPath: module.pythonPath } : {}),
        },
        isObject,
        module,
        script: named(module),
        namedFactory,
      });
      const [name] = moduleLevelAssignments(code, constructors.map(escape).join('|'));
      if (name !== undefined) candidates.push(make(name, true));
      const builds = new RegExp(`(?:${constructors.map(escape).join('|')})[ \\t]*\\(`);
      for (const fn of topLevelFunctions(code)) {
        if (!builds.test(fn.body)) continue;
        if (!factories.has(fn.name)) factories.set(fn.name, spec);
        // A factory with a required argument cannot be called as factory(): not a candidate on its own.
        if (!callableWithoutArguments(fn.parameters)) continue;
        candidates.push(make(`${fn.name}()`, false, (FACTORY_NAMES as readonly string[]).includes(fn.name)));
      }
    }
  }
  // `app = create_app()` at module level (often wsgi.py) is an app object made by a factory found above.
  for (const [module, code] of codes) {
    for (const [factory, spec] of factories) {
      const importsOrDefines =
        topLevelFunctions(code).some((fn) => fn.name === factory) || new RegExp(`^[ \\t]*(?:from|import)[ \\t][^\\n]*\\b${factory}\\b`, 'm').test(code);
      if (!importsOrDefines) continue;
      const [name] = moduleLevelAssignments(code, `(?:[A-Za-z_][\\w.]*\\.)?${factory}`);
      if (name === undefined) continue;
      const target = `${module.module}:${name}`;
      if (candidates.some((candidate) => candidate.entry.target === target)) continue;
      candidates.push({
        entry: { kind: spec.kind, target, framework: spec.framework, source: module.file, ...(module.pythonPath ? { pythonPath: module.pythonPath } : {}) },
        isObject: true,
        module,
        script: named(module),
        namedFactory: false,
      });
    }
  }
  return candidates.sort(compareRanks).map((candidate) => candidate.entry);
}

/**
 * Files that build a framework app but that no server can import by name (`my-app.py`, a
 * folder with a dash): the reason an app "cannot be found" when it is right there.
 */
export async function findUnimportableApps(project: ProjectFiles, modules?: PythonModule[]): Promise<string[]> {
  const found: string[] = [];
  for (const module of modules ?? (await listPythonModules(project))) {
    if (module.module !== undefined) continue;
    const code = await readCode(project, module.file);
    if (code === undefined) continue;
    if (FRAMEWORKS.some((spec) => constructorNames(code, spec).some((name) => new RegExp(`${escape(name)}[ \\t]*\\(`).test(code)))) found.push(module.file);
  }
  return found;
}

/** The first of SCRIPT_FILES at the root, as a script entry point. */
export async function findScript(project: ProjectFiles): Promise<EntryPoint | undefined> {
  for (const file of SCRIPT_FILES) {
    if (await project.isFile(file)) return { kind: 'script', target: file, source: file };
  }
  return undefined;
}

/**
 * The project's entry point: Django, else a framework app or factory, else a script; undefined
 * when none. `all`, when given, receives every candidate found, best first.
 */
export async function findEntryPoint(project: ProjectFiles, modules?: PythonModule[], all?: EntryPoint[]): Promise<EntryPoint | undefined> {
  const django = await findDjangoEntry(project);
  const apps = await findFrameworkApps(project, modules);
  const script = await findScript(project);
  const candidates = [...(django ? [django] : []), ...apps, ...(script ? [script] : [])];
  all?.push(...candidates);
  return candidates[0];
}

const TARGET = /^[A-Za-z_][\w.]*:[A-Za-z_]\w*(\(\))?$/;

/**
 * The app the project's own serving configuration names: the Procfile's web: line (gunicorn or
 * uvicorn), else gunicorn.conf.py's wsgi_app. Kind and framework come from the candidate found
 * in the code with the same target, else from the server named.
 */
export function statedEntryPoint(serving: Serving, candidates: readonly EntryPoint[]): EntryPoint | undefined {
  const fromProcfile = serving.procfile?.target;
  const fromConf = serving.gunicornConf?.wsgiApp;
  const target = fromProcfile && TARGET.test(fromProcfile) ? fromProcfile : fromConf && TARGET.test(fromConf) ? fromConf : undefined;
  if (target === undefined) return undefined;
  const source = target === fromProcfile ? 'Procfile web:' : `${serving.gunicornConf!.file} wsgi_app`;
  const known = candidates.find((candidate) => candidate.target === target);
  if (known) return { ...known, source: `${source} (${known.source})` };
  const kind = target === fromProcfile && serving.procfile!.program === 'uvicorn' ? 'asgi' : 'wsgi';
  return { kind, target, framework: 'other', source };
}

const FRAMEWORK_NAMES: Readonly<Record<string, string>> = {
  flask: 'Flask',
  django: 'Django',
  fastapi: 'FastAPI',
  starlette: 'Starlette',
  quart: 'Quart',
  litestar: 'Litestar',
  other: 'app',
};

/** One line for the notes, e.g. `Flask app "server" in myapp/web.py -> gunicorn myapp.web:server`. */
export function describeEntryPoint(entry: EntryPoint): string {
  if (entry.kind === 'script') return `script ${entry.target} -> python ${entry.target}`;
  if (entry.kind === 'django') {
    const server = entry.source.endsWith('ASGI_APPLICATION') ? 'uvicorn' : 'gunicorn';
    return `Django project, ${entry.source} -> ${server} ${entry.target}`;
  }
  const framework = FRAMEWORK_NAMES[entry.framework ?? 'other'];
  const attribute = entry.target.slice(entry.target.indexOf(':') + 1);
  const server = entry.kind === 'asgi' ? 'uvicorn' : 'gunicorn';
  if (attribute.endsWith('()')) {
    const factory = attribute.slice(0, -2);
    const command = entry.kind === 'asgi' ? `uvicorn --factory ${entry.target.slice(0, -2)}` : `gunicorn "${entry.target}"`;
    return `${framework} app factory "${factory}" in ${entry.source} -> ${command}`;
  }
  return `${framework} app "${attribute}" in ${entry.source} -> ${server} ${entry.target}`;
}
