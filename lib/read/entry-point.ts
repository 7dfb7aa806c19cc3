/**
 * What serves the app, found by reading the code as Python (parsed with lib/read/python.ts, never
 * run) and resolving names the way a server importing the module would:
 * 1. Django: manage.py -> settings -> WSGI_APPLICATION (lib/read/django.ts).
 * 2. An app of a kind in lib/tables/app-kinds.ts recognised by its constructor, in any importable
 *    module of the project (lib/read/source.ts lists them, at any depth up to its caps):
 *    - a module-level object built by the kind's class, however it is reached: `Flask(...)`,
 *      `F(...)` after `from flask import Flask as F`, `fl.Flask(...)` after `import flask as fl`,
 *      `falcon.asgi.App()`, a subclass of the class;
 *    - a function that builds one (any name, sync or async, with or without defaults): it returns
 *      a constructor call, a local bound to one, another factory's result, or its return
 *      annotation names the class (`def get_application() -> FastAPI`): served as
 *      "module:factory()" (uvicorn and Sanic get `--factory`), when it can be called with no argument;
 *    - a name bound to either: `app = get_application()`, `from .main import app` in a package
 *      `__init__`, `server = app.server` (the object a Dash app serves).
 * 3. A file run as a program by a script kind (Streamlit, a Gradio `launch()`, http.server).
 * Several apps: see `rank`. What was recognised but cannot be served (a factory that needs
 * arguments, a Dash app with no `server = app.server`, a file no server can import) is returned
 * too, for the refusal. Typed facts only: messages word them.
 */
import path from 'node:path';
import type { ProjectFiles } from './project-files.js';
import { findDjangoEntry } from './django.js';
import { resolveRelativeImport } from './modules.js';
import {
  assignmentOf,
  callableWithoutArguments,
  children,
  type FunctionDefinition,
  functionOf,
  type ImportBinding,
  importBindings,
  importsIn,
  integerLiteral,
  keywordArgument,
  moduleStatements,
  type PythonSource,
  returnValues,
  stringLiteral,
  type SyntaxNode,
  walk,
} from './python.js';
import { type PythonModule, listPythonModules } from './source.js';
import { type TomlTable, isTable } from './toml.js';
import type { EntryDescription, EntryPoint, Serving, Sourced, UnservableApp } from './types.js';
import { APP_KINDS, type AppInterface, type AppKind, appKind, type PortSource } from '../tables/app-kinds.js';

export const PREFERRED_APP_FILES = ['app.py', 'main.py', 'wsgi.py', 'application.py', 'server.py'] as const;
/** A script kind's main file: Streamlit's default name first, then the app files above. */
export const PREFERRED_SCRIPT_FILES = ['streamlit_app.py', ...PREFERRED_APP_FILES] as const;
/** The file `--server python` runs when no script kind was recognised: the first of these at the root. */
export const SCRIPT_FILES = ['main.py', 'app.py', 'server.py'] as const;
export const FACTORY_NAMES = ['create_app', 'make_app'] as const;

/** The kinds recognised by their constructor, as named in messages: "Flask, FastAPI, ...". */
export function kindNames(by?: 'constructor' | 'script' | 'django'): string[] {
  return APP_KINDS.filter((kind) => by === undefined || kind.recognition.by === by).map((kind) => kind.name);
}

// ---------------------------------------------------------------------------------------------
// What a name refers to

/** An app a server can load as it is (`served`), or one it cannot (a Dash object: its `server` is served). */
interface Product {
  kind: AppKind;
  builds: AppInterface;
  served: boolean;
}

type Value =
  | { is: 'module'; name: string }
  /** A dotted path outside the project: `flask`, `aiohttp.web`. */
  | { is: 'external'; path: string }
  | ({ is: 'constructor' } & Omit<Product, 'served'>)
  | ({ is: 'app' } & Product)
  | ({ is: 'factory'; fn: FunctionDefinition; module: ModuleInfo } & Product)
  | { is: 'unknown' };

const UNKNOWN: Value = { is: 'unknown' };

type Binding =
  | { by: 'import'; binding: ImportBinding }
  | { by: 'assign'; value: SyntaxNode }
  | { by: 'def'; fn: FunctionDefinition }
  | { by: 'class'; node: SyntaxNode }
  /** A function parameter: shadows module names, refers to nothing known. */
  | { by: 'parameter' };

interface ModuleInfo {
  module: PythonModule;
  source: PythonSource;
  isPackage: boolean;
  /** Module-level names, each with its bindings in statement order (main guard left out: a server never runs it). */
  bindings: Map<string, Binding[]>;
  /** `from X import *` modules, absolute. */
  stars: string[];
}

interface Scope {
  info: ModuleInfo;
  /** A function's own names, which shadow the module's. */
  locals?: Map<string, Binding[]>;
}

function addBinding(map: Map<string, Binding[]>, name: string, binding: Binding): void {
  const list = map.get(name);
  if (list) list.push(binding);
  else map.set(name, [binding]);
}

/** The names a block binds (the module when `body` is undefined, else a function body): imports, assignments to plain names, defs, classes. */
function bindingsOf(source: PythonSource, body: SyntaxNode | undefined, stars?: (binding: ImportBinding) => void): Map<string, Binding[]> {
  const map = new Map<string, Binding[]>();
  const statementsHere = body === undefined ? moduleStatements(source) : blockStatements(source, body);
  for (const statement of statementsHere) {
    for (const binding of importBindings(source, statement)) {
      if (binding.local === '*') stars?.(binding);
      else if (!binding.local.includes('.')) addBinding(map, binding.local, { by: 'import', binding });
    }
    const fn = functionOf(source, statement);
    if (fn) {
      addBinding(map, fn.name, { by: 'def', fn });
      continue;
    }
    if (statement.name === 'ClassDefinition') {
      const name = statement.getChild('VariableName');
      if (name) addBinding(map, source.slice(name), { by: 'class', node: statement });
      continue;
    }
    const assignment = assignmentOf(source, statement);
    if (assignment?.value && assignment.update === undefined) {
      for (const target of assignment.targets) if (!target.includes('.')) addBinding(map, target, { by: 'assign', value: assignment.value });
    }
  }
  return map;
}

/** The statements of a function body (nested blocks included, nested functions not). */
function blockStatements(source: PythonSource, body: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (block: SyntaxNode): void => {
    for (const statement of children(block)) {
      found.push(statement.name === 'DecoratedStatement' ? (statement.getChild('FunctionDefinition') ?? statement.getChild('ClassDefinition') ?? statement) : statement);
      if (['IfStatement', 'TryStatement', 'WithStatement', 'ForStatement', 'WhileStatement'].includes(statement.name)) {
        for (const part of statement.getChildren('Body')) visit(part);
      }
    }
  };
  visit(body);
  return found;
}

/** The constructor an outside dotted path names: exact (`flask.Flask`), else re-exported deeper in the same package (`fastapi.applications.FastAPI`). */
function constructorAt(pathName: string): Value | undefined {
  let best: { kind: AppKind; builds: AppInterface; length: number } | undefined;
  const parts = pathName.split('.');
  for (const kind of APP_KINDS) {
    if (kind.recognition.by !== 'constructor') continue;
    for (const ctor of kind.recognition.constructors) {
      const full = `${ctor.module}.${ctor.name}`;
      if (pathName === full) return { is: 'constructor', kind, builds: ctor.interface };
      const moduleParts = ctor.module.split('.');
      const sameName = parts[parts.length - 1] === ctor.name && parts[0] === moduleParts[0] && parts.length > moduleParts.length + 1;
      const prefix = moduleParts.every((part, index) => parts[index] === part);
      if (sameName && prefix && (!best || moduleParts.length > best.length)) best = { kind, builds: ctor.interface, length: moduleParts.length };
    }
  }
  return best ? { is: 'constructor', kind: best.kind, builds: best.builds } : undefined;
}

/** Reads a project's modules and resolves names across them. */
class Resolver {
  private readonly byName = new Map<string, ModuleInfo>();
  private readonly names = new Map<string, Value | 'pending'>();
  private readonly factories = new Map<SyntaxNode, Value | 'pending'>();

  constructor(readonly modules: readonly ModuleInfo[]) {
    for (const info of modules) if (info.module.module !== undefined) this.byName.set(info.module.module, info);
  }

  module(name: string): ModuleInfo | undefined {
    return this.byName.get(name);
  }

  /** A module by absolute name: the project's, else an outside path. */
  private moduleValue(name: string): Value {
    return this.byName.has(name) ? { is: 'module', name } : (constructorAt(name) ?? { is: 'external', path: name });
  }

  private absolute(info: ModuleInfo, binding: ImportBinding): string | undefined {
    if (binding.level === 0) return binding.module;
    if (info.module.module === undefined) return undefined;
    return resolveRelativeImport(info.module.module, info.isPackage, binding.level, binding.module);
  }

  /** What a module-level name of a project module refers to (memoized; a cycle is unknown). */
  lookup(info: ModuleInfo, name: string): Value {
    const key = `${info.module.file}\u0000${name}`;
    const known = this.names.get(key);
    if (known === 'pending') return UNKNOWN;
    if (known) return known;
    this.names.set(key, 'pending');
    let value: Value = UNKNOWN;
    for (const binding of info.bindings.get(name) ?? []) {
      value = this.bindingValue({ info }, binding, name);
      if (value.is !== 'unknown') break;
    }
    if (value.is === 'unknown' && !info.bindings.has(name)) {
      for (const star of info.stars) {
        const target = this.module(star);
        if (target) value = this.lookup(target, name);
        if (value.is !== 'unknown') break;
      }
    }
    this.names.set(key, value);
    return value;
  }

  /** Attribute `name` of a value: a module's name, a submodule, an outside path, the object a kind serves. */
  private attribute(base: Value, name: string): Value {
    switch (base.is) {
      case 'module': {
        const info = this.module(base.name)!;
        const value = this.lookup(info, name);
        return value.is !== 'unknown' ? value : this.byName.has(`${base.name}.${name}`) ? { is: 'module', name: `${base.name}.${name}` } : UNKNOWN;
      }
      case 'external':
        return this.moduleValue(`${base.path}.${name}`);
      case 'app': {
        const serves = base.kind.recognition.by === 'constructor' ? base.kind.recognition.serves : undefined;
        return serves === name && !base.served ? { is: 'app', kind: base.kind, builds: base.builds, served: true } : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  private bindingValue(scope: Scope, binding: Binding, name: string): Value {
    switch (binding.by) {
      case 'import': {
        const from = this.absolute(scope.info, binding.binding);
        if (from === undefined) return UNKNOWN;
        // `import a.b as c` binds a.b (the binding's module); `import a.b` binds a (recorded as module a).
        if (binding.binding.name === undefined) return this.moduleValue(from);
        const source = this.module(from);
        if (source) {
          const value = this.lookup(source, binding.binding.name);
          if (value.is !== 'unknown') return value;
          return this.byName.has(`${from}.${binding.binding.name}`) ? { is: 'module', name: `${from}.${binding.binding.name}` } : UNKNOWN;
        }
        return this.moduleValue(from ? `${from}.${binding.binding.name}` : binding.binding.name);
      }
      case 'assign':
        return this.expression(scope, binding.value);
      case 'def':
        return this.factory(scope.info, binding.fn);
      case 'class': {
        const bases = binding.node.getChild('ArgList');
        for (const base of bases ? children(bases) : []) {
          const value = this.expression(scope, base);
          if (value.is === 'constructor') return value;
        }
        return UNKNOWN;
      }
      case 'parameter':
        return UNKNOWN;
    }
  }

  private name(scope: Scope, name: string): Value {
    const local = scope.locals?.get(name);
    if (local) {
      for (const binding of local) {
        const value = this.bindingValue(scope, binding, name);
        if (value.is !== 'unknown') return value;
      }
      return UNKNOWN;
    }
    return this.lookup(scope.info, name);
  }

  /** What an expression evaluates to, as far as apps are concerned. */
  expression(scope: Scope, node: SyntaxNode | undefined): Value {
    if (!node) return UNKNOWN;
    const source = scope.info.source;
    switch (node.name) {
      case 'VariableName':
        return this.name(scope, source.slice(node));
      case 'MemberExpression': {
        const parts = children(node);
        const property = parts[parts.length - 1];
        if (parts.length !== 3 || property?.name !== 'PropertyName') return UNKNOWN;
        return this.attribute(this.expression(scope, parts[0]), source.slice(property));
      }
      case 'ParenthesizedExpression':
      case 'AwaitExpression': {
        const inner = children(node).filter((child) => !['(', ')', 'await'].includes(child.name));
        return inner.length === 1 ? this.expression(scope, inner[0]) : UNKNOWN;
      }
      case 'CallExpression': {
        const callee = this.expression(scope, node.firstChild ?? undefined);
        if (callee.is === 'constructor') return { is: 'app', kind: callee.kind, builds: callee.builds, served: !servesAttribute(callee.kind) };
        if (callee.is === 'factory') return { is: 'app', kind: callee.kind, builds: callee.builds, served: callee.served };
        return UNKNOWN;
      }
      case 'String': {
        // A string annotation: "FastAPI", "web.Application".
        const text = stringLiteral(source, node);
        return text !== undefined && /^[A-Za-z_][\w.]*$/.test(text) ? this.dotted(scope, text) : UNKNOWN;
      }
      default:
        return UNKNOWN;
    }
  }

  private dotted(scope: Scope, text: string): Value {
    const [first, ...rest] = text.split('.');
    let value = this.name(scope, first!);
    for (const part of rest) value = this.attribute(value, part);
    return value;
  }

  /** A module-level function: a factory when it builds an app (see the top of this file), else unknown. */
  factory(info: ModuleInfo, fn: FunctionDefinition): Value {
    const known = this.factories.get(fn.node);
    if (known === 'pending') return UNKNOWN;
    if (known) return known;
    this.factories.set(fn.node, 'pending');
    const locals = bindingsOf(info.source, fn.body);
    for (const parameter of fn.parameters) if (!locals.has(parameter.name)) locals.set(parameter.name, [{ by: 'parameter' }]);
    const scope: Scope = { info, locals };
    let product: Product | undefined;
    const annotated = fn.returns ? this.expression(scope, fn.returns) : UNKNOWN;
    if (annotated.is === 'constructor') product = { kind: annotated.kind, builds: annotated.builds, served: !servesAttribute(annotated.kind) };
    for (const returned of product ? [] : returnValues(fn)) {
      const value = this.expression(scope, returned);
      if (value.is === 'app') {
        product = { kind: value.kind, builds: value.builds, served: value.served };
        break;
      }
    }
    const value: Value = product ? { is: 'factory', fn, module: info, ...product } : UNKNOWN;
    this.factories.set(fn.node, value);
    return value;
  }
}

function servesAttribute(kind: AppKind): boolean {
  return kind.recognition.by === 'constructor' && kind.recognition.serves !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Candidates and their ranking

interface Candidate {
  entry: EntryPoint;
  isObject: boolean;
  /** Made in this module (a constructor or factory call, a def), not imported from another. */
  madeHere: boolean;
  module: PythonModule;
  /** The module is named by a [project.scripts] entry. */
  script: boolean;
  /** Factory named create_app / make_app (Flask's documented names), else another function that builds the app. */
  namedFactory: boolean;
  /** Statement order in the file. */
  line: number;
}

/**
 * The one documented rule when several apps are found (the first is served; the others are
 * printed with how to choose one with --wsgi-app):
 *   1. modules that [project.scripts] / [tool.poetry.scripts] entries point to;
 *   2. app objects before factories (create_app / make_app before other functions that build one);
 *   3. apps made in the module before names it imports from another (a re-export);
 *   4. files named as in PREFERRED_APP_FILES, in that order;
 *   5. shallower files first (root, then one folder down, then deeper);
 *   6. path order, then order in the file.
 */
function rank(candidate: Candidate): (number | string)[] {
  const preferred = (PREFERRED_APP_FILES as readonly string[]).indexOf(path.posix.basename(candidate.module.file));
  return [
    candidate.script ? 0 : 1,
    candidate.isObject ? 0 : candidate.namedFactory ? 1 : 2,
    candidate.madeHere ? 0 : 1,
    preferred === -1 ? PREFERRED_APP_FILES.length : preferred,
    candidate.module.depth,
    candidate.module.file,
    candidate.line,
  ];
}

function compareRanks(a: (number | string)[], b: (number | string)[]): number {
  for (let index = 0; index < a.length; index += 1) {
    if (a[index]! < b[index]!) return -1;
    if (a[index]! > b[index]!) return 1;
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

/** Every app the project's code builds, servable or not (see the top of this file). */
export interface AppsFound {
  /** Apps a server can load, best first (see `rank`). */
  apps: EntryPoint[];
  /** Apps of a known kind that no server can load as written, in file order. */
  unservable: UnservableApp[];
}

async function parseModules(project: ProjectFiles, modules: readonly PythonModule[]): Promise<ModuleInfo[]> {
  const infos: ModuleInfo[] = [];
  for (const module of modules) {
    const source = await project.python(module.file);
    if (!source) continue; // unreadable, or does not parse: ProjectFiles notes it
    const stars: string[] = [];
    const isPackage = module.file.endsWith('__init__.py');
    const bindings = bindingsOf(source, undefined, (binding) => {
      if (binding.level === 0) stars.push(binding.module);
      else if (module.module !== undefined) stars.push(resolveRelativeImport(module.module, isPackage, binding.level, binding.module));
    });
    infos.push({ module, source, isPackage, bindings, stars });
  }
  return infos;
}

function locate(info: ModuleInfo, binding: Binding): number {
  const node = binding.by === 'import' ? undefined : binding.by === 'assign' ? binding.value : binding.by === 'def' ? binding.fn.node : binding.by === 'class' ? binding.node : undefined;
  return node ? info.source.line(node.from) : binding.by === 'import' ? binding.binding.line : 0;
}

/** Apps and factories built by the kinds recognised by their constructor, in the given modules (see the top of this file). */
export async function findFrameworkApps(project: ProjectFiles, modules?: PythonModule[]): Promise<AppsFound> {
  const infos = await parseModules(project, modules ?? (await listPythonModules(project)));
  const resolver = new Resolver(infos);
  const scripts = await scriptModules(project);
  const named = (module: PythonModule) =>
    module.module !== undefined && scripts.some((script) => script === module.module || script.startsWith(`${module.module}.`) || module.module!.startsWith(`${script}.`));

  const candidates: Candidate[] = [];
  const unservable: UnservableApp[] = [];
  for (const info of infos) {
    const moduleName = info.module.module;
    const servedKinds = new Set<string>();
    const objectsNeedingName: UnservableApp[] = [];
    for (const [name, bindings] of info.bindings) {
      const value = resolver.lookup(info, name);
      if (value.is !== 'app' && value.is !== 'factory') continue;
      const first = bindings[0]!;
      const line = locate(info, first);
      const isFactoryHere = value.is === 'factory' && first.by === 'def';
      if (value.is === 'factory' && !isFactoryHere) continue; // an imported factory is found where it is defined
      const facts = { kind: value.kind.id, file: info.module.file, line, name };
      if (moduleName === undefined) {
        unservable.push({ ...facts, why: 'notImportable' });
        continue;
      }
      if (!value.served) {
        objectsNeedingName.push({ ...facts, why: 'noServedName' });
        continue;
      }
      const entry: EntryPoint = {
        kind: value.builds === 'script' ? 'asgi' : value.builds,
        target: `${moduleName}:${name}`,
        framework: value.kind.id,
        source: info.module.file,
        ...(info.module.pythonPath ? { pythonPath: info.module.pythonPath } : {}),
      };
      if (value.is === 'factory') {
        const fn = value.fn;
        if (fn.async && value.builds !== 'aiohttp') {
          unservable.push({ ...facts, why: 'asyncFactory' });
          continue;
        }
        if (!callableWithoutArguments(fn)) {
          unservable.push({ ...facts, why: 'needsArguments' });
          continue;
        }
        entry.target = `${moduleName}:${name}()`;
        if (fn.async) entry.asyncFactory = true;
      }
      servedKinds.add(value.kind.id);
      candidates.push({
        entry,
        isObject: value.is === 'app',
        madeHere: first.by !== 'import',
        module: info.module,
        script: named(info.module),
        namedFactory: (FACTORY_NAMES as readonly string[]).includes(name),
        line,
      });
    }
    unservable.push(...objectsNeedingName.filter((found) => !servedKinds.has(found.kind)));
  }
  candidates.sort((a, b) => compareRanks(rank(a), rank(b)));
  const apps: EntryPoint[] = [];
  for (const candidate of candidates) if (!apps.some((entry) => entry.target === candidate.entry.target)) apps.push(candidate.entry);
  return { apps, unservable };
}

/** Files that import `module` (or a module below it). */
function importsModule(source: PythonSource, module: string): boolean {
  return importsIn(source, source.tree.topNode, { mainGuard: true }).some((binding) => {
    const full = binding.level > 0 ? '' : binding.name !== undefined ? `${binding.module}.${binding.name}` : binding.module;
    return binding.level === 0 && (binding.module === module || binding.module.startsWith(`${module}.`) || full === module);
  });
}

/** The name a call ends in: `launch` for `demo.queue().launch(...)`, `run_app` for `web.run_app(...)`. */
function calledName(source: PythonSource, call: SyntaxNode): string | undefined {
  const callee = call.firstChild;
  if (callee?.name === 'VariableName') return source.slice(callee);
  if (callee?.name === 'MemberExpression') {
    const property = callee.lastChild;
    return property?.name === 'PropertyName' ? source.slice(property) : undefined;
  }
  return undefined;
}

/** Calls anywhere in the file (functions and the main guard included) whose callee ends in one of `names`. */
function callsAny(source: PythonSource, names: readonly string[]): boolean {
  let found = false;
  walk(source.tree.topNode, (node) => {
    if (found) return false;
    if (node.name === 'CallExpression') {
      const called = calledName(source, node);
      if (called !== undefined && names.includes(called)) found = true;
    }
    return undefined;
  });
  return found;
}

/** Every string literal in a file. */
function stringsIn(source: PythonSource): Set<string> {
  const found = new Set<string>();
  walk(source.tree.topNode, (node) => {
    if (node.name === 'String') {
      const value = stringLiteral(source, node);
      if (value !== undefined) found.add(value);
    }
    return undefined;
  });
  return found;
}

/**
 * Files run as a program by a script kind (lib/tables/app-kinds.ts): they import the kind's module
 * (and call one of its `calls`), are not under its pages folder, and are not named by another such
 * file (`st.Page("home.py")`): shallowest first, then by PREFERRED_SCRIPT_FILES, then path.
 */
export async function findScriptApps(project: ProjectFiles, modules?: PythonModule[]): Promise<EntryPoint[]> {
  const all = modules ?? (await listPythonModules(project));
  const found: EntryPoint[] = [];
  for (const kind of APP_KINDS) {
    const recognition = kind.recognition;
    if (recognition.by !== 'script') continue;
    const files: { module: PythonModule; source: PythonSource }[] = [];
    for (const module of all) {
      if (recognition.pagesFolder && module.file.split('/').slice(0, -1).includes(recognition.pagesFolder)) continue;
      const source = await project.python(module.file);
      if (!source || !importsModule(source, recognition.module)) continue;
      if (recognition.calls && !callsAny(source, recognition.calls)) continue;
      files.push({ module, source });
    }
    // A file another one names (`st.Page("home.py")`) or imports (`import helpers`) is a page or a helper, not the main file.
    const namedByOthers = new Set<string>();
    const importedByOthers = new Set<string>();
    for (const { module, source } of files) {
      const folder = path.posix.dirname(module.file);
      for (const text of stringsIn(source)) namedByOthers.add(path.posix.normalize(folder === '.' ? text : `${folder}/${text}`)).add(path.posix.normalize(text));
      for (const binding of importsIn(source, source.tree.topNode, { mainGuard: true })) {
        const absolute = binding.level > 0 && module.module !== undefined ? resolveRelativeImport(module.module, module.file.endsWith('__init__.py'), binding.level, binding.module) : binding.module;
        importedByOthers.add(absolute);
        if (binding.name !== undefined) importedByOthers.add(`${absolute}.${binding.name}`);
      }
    }
    const preference = (module: PythonModule) => {
      const index = (PREFERRED_SCRIPT_FILES as readonly string[]).indexOf(path.posix.basename(module.file));
      return index === -1 ? PREFERRED_SCRIPT_FILES.length : index;
    };
    const mains = files
      .filter(({ module }) => !namedByOthers.has(module.file) && !(module.module !== undefined && importedByOthers.has(module.module)))
      .sort((a, b) => compareRanks([a.module.depth, preference(a.module), a.module.file], [b.module.depth, preference(b.module), b.module.file]));
    for (const { module } of mains) found.push({ kind: 'script', target: module.file, framework: kind.id, source: module.file });
  }
  return found;
}

/** The first of SCRIPT_FILES at the root: what `--server python` runs when no script kind was recognised. */
export async function findScript(project: ProjectFiles): Promise<string | undefined> {
  for (const file of SCRIPT_FILES) {
    if (await project.isFile(file)) return file;
  }
  return undefined;
}

/** What reading the code found: the entry point (best first), every candidate, and what cannot be served. */
export interface EntryReading {
  entry?: EntryPoint;
  /** Every app found, best first (the entry point first). */
  candidates: EntryPoint[];
  unservable: UnservableApp[];
}

/**
 * The project's entry point: Django, else an app or factory recognised by its constructor, else a
 * script kind's main file; undefined when none. Each candidate carries the port its kind's own
 * code or configuration states (`launch(server_port=...)`, `.streamlit/config.toml`).
 */
export async function readEntryPoint(project: ProjectFiles, modules?: PythonModule[]): Promise<EntryReading> {
  const listed = modules ?? (await listPythonModules(project));
  const django = await findDjangoEntry(project);
  const { apps, unservable } = await findFrameworkApps(project, listed);
  const scripts = await findScriptApps(project, listed);
  const candidates = [...(django ? [django] : []), ...apps, ...scripts];
  for (const candidate of candidates) {
    const port = await kindPort(project, candidate);
    if (port) candidate.port = port;
    const host = await kindHost(project, candidate);
    if (host) candidate.host = host;
  }
  return { entry: candidates[0], candidates, unservable };
}

/** The project's entry point (see readEntryPoint); `all`, when given, receives every candidate, best first. */
export async function findEntryPoint(project: ProjectFiles, modules?: PythonModule[], all?: EntryPoint[]): Promise<EntryPoint | undefined> {
  const reading = await readEntryPoint(project, modules);
  all?.push(...reading.candidates);
  return reading.entry;
}

function validPort(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535 ? value : undefined;
}

/** The port an entry's kind states in its own places (lib/tables/app-kinds.ts `ports`), with where. */
export async function kindPort(project: ProjectFiles, entry: EntryPoint): Promise<Sourced<number> | undefined> {
  const kind = appKind(entry.framework);
  for (const place of kind?.ports ?? []) {
    const found = 'file' in place ? await portInToml(project, place) : await portInCall(project, entry.source, place);
    if (found) return found;
  }
  return undefined;
}

/** The address literal an entry's own server call names (lib/tables/app-kinds.ts `host`), with where. */
export async function kindHost(project: ProjectFiles, entry: EntryPoint): Promise<Sourced<string> | undefined> {
  const place = appKind(entry.framework)?.host;
  if (!place || !entry.source.endsWith('.py')) return undefined;
  const source = await project.python(entry.source);
  if (!source) return undefined;
  let found: Sourced<string> | undefined;
  walk(source.tree.topNode, (node) => {
    if (found) return false;
    if (node.name !== 'CallExpression' || calledName(source, node) !== place.call) return undefined;
    const value = stringLiteral(source, keywordArgument(source, node, place.keyword));
    if (value !== undefined) found = { value, source: `${entry.source}:${source.line(node.from)} ${source.slice(node.firstChild!)}(${place.keyword}=${JSON.stringify(value)})` };
    return undefined;
  });
  return found;
}

async function portInToml(project: ProjectFiles, place: Extract<PortSource, { file: string }>): Promise<Sourced<number> | undefined> {
  let toml: TomlTable | undefined;
  try {
    toml = await project.toml(place.file);
  } catch {
    return undefined; // a malformed config file is the tool's to report
  }
  const table = toml?.[place.table];
  const value = isTable(table) ? validPort(table[place.key]) : undefined;
  return value === undefined ? undefined : { value, source: `${place.file} [${place.table}] ${place.key}` };
}

async function portInCall(project: ProjectFiles, file: string, place: Extract<PortSource, { call: string }>): Promise<Sourced<number> | undefined> {
  if (!file.endsWith('.py')) return undefined;
  const source = await project.python(file);
  if (!source) return undefined;
  let found: Sourced<number> | undefined;
  walk(source.tree.topNode, (node) => {
    if (found) return false;
    if (node.name !== 'CallExpression') return undefined;
    if (calledName(source, node) !== place.call) return undefined;
    const value = validPort(integerLiteral(source, keywordArgument(source, node, place.keyword)));
    if (value !== undefined) found = { value, source: `${file}:${source.line(node.from)} ${source.slice(node.firstChild!)}(${place.keyword}=${value})` };
    return undefined;
  });
  return found;
}

/** Files that build an app no server can import by name (`my-app.py`): the reason an app "cannot be found" when it is right there. */
export function unimportableFiles(unservable: readonly UnservableApp[]): string[] {
  return [...new Set(unservable.filter((found) => found.why === 'notImportable').map((found) => found.file))];
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

/** How an entry point is served, for the notes (the messages word it: `Flask app "server" in myapp/web.py -> gunicorn myapp.web:server`). */
export function entryDescription(entry: EntryPoint): EntryDescription {
  const kind = appKind(entry.framework);
  const named = kind ? { kindName: kind.name } : {};
  const base = { ...named, source: entry.source, asyncFactory: entry.asyncFactory === true };
  if (entry.kind === 'script') {
    const server = kind ? kind.servers.script : 'python';
    return { ...base, form: 'script', name: entry.target, command: `${server === 'streamlit' ? 'streamlit run' : 'python'} ${entry.target}` };
  }
  if (entry.kind === 'django') {
    const server = entry.source.endsWith('ASGI_APPLICATION') ? 'uvicorn' : 'gunicorn';
    return { ...base, form: 'django', name: entry.target, command: `${server} ${entry.target}` };
  }
  const attribute = entry.target.slice(entry.target.indexOf(':') + 1);
  const face: AppInterface = entry.kind;
  const server = kind?.servers[face] ?? (entry.kind === 'asgi' ? 'uvicorn' : 'gunicorn');
  if (attribute.endsWith('()')) {
    const bare = entry.target.slice(0, -2);
    const command = server === 'gunicorn' ? (entry.asyncFactory ? `gunicorn ${bare}` : `gunicorn "${entry.target}"`) : `${server} --factory ${bare}`;
    return { ...base, form: 'factory', name: attribute.slice(0, -2), command };
  }
  return { ...base, form: 'app', name: attribute, command: `${server} ${entry.target}` };
}
