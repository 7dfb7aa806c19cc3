/**
 * A Django project's settings as production needs them, parsed as Python and read the way Django
 * runs them (never imported):
 * - which settings module the server runs: the one the WSGI/ASGI module names (cookiecutter-django's
 *   config/wsgi.py says config.settings.production while manage.py says config.settings.local),
 *   else manage.py's; a name built from an environment variable (`"site.settings.%s" % ENV` with
 *   `ENV = os.getenv("DJANGO_ENV") or "dev"`) takes the variable's default, as an image without
 *   that variable would;
 * - whether that module can run in production (SETTINGS_REPLACEMENTS): a module no file holds, an
 *   empty settings package, or a development module (dev.py, local.py, or DEBUG = True) gives way
 *   to a production sibling (production.py, prod.py) when there is one, and the run says so; a
 *   module that does not resolve and has no stand-in is never set in the image;
 * - what the module's statements leave set, in order: `from .base import *` runs base.py at that
 *   point, later assignments win, `INSTALLED_APPS += [...]` and `MIDDLEWARE.insert(...)` add to
 *   the lists, assignments under `if` or `except` only fill what nothing else set;
 * - STATIC_ROOT and django.contrib.staticfiles (then `collectstatic` belongs in the image), and
 *   whether whitenoise serves the files;
 * - how SECRET_KEY, DEBUG and ALLOWED_HOSTS are read: from which environment variable, with or
 *   without a default, or hard-coded.
 */
import { moduleFile, resolveRelativeImport } from './modules.js';
import type { ProjectFiles } from './project-files.js';
import {
  type PythonSource,
  type SyntaxNode,
  assignmentOf,
  callArguments,
  calleeName,
  callsIn,
  children,
  importBindings,
  keywordArgument,
  parsePython,
  positionalArguments,
  stringLiteral,
  walk,
} from './python.js';
import { envGetterRead, environSubscript, namesBefore, stringValue } from './python-values.js';
import type { DjangoEnvSetting, DjangoFacts, EntryPoint, SettingRead, SettingsReplacement } from './types.js';

export const DJANGO_ENV_SETTINGS = ['SECRET_KEY', 'DEBUG', 'ALLOWED_HOSTS'] as const satisfies readonly DjangoEnvSetting[];
export type { DjangoEnvSetting, DjangoFacts, SettingRead } from './types.js';

export const SETTINGS_VARIABLE = 'DJANGO_SETTINGS_MODULE';

/** Last parts of a settings module that mean "for a developer's machine". */
export const DEVELOPMENT_SETTINGS = ['dev', 'devel', 'develop', 'development', 'local', 'dev_settings', 'local_settings', 'settings_dev', 'settings_local'] as const;
/** A production module's last part, best first, looked for inside the named package and beside the named module. */
export const PRODUCTION_SETTINGS = ['production', 'prod'] as const;

const MODULE_NAME = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

// ---------------------------------------------------------------------------------------------
// Where a file names the settings module

export interface NamedSettings {
  module: string;
  /** "file:line" of the call or assignment. */
  source: string;
  /** The environment variables the name is built from, with the defaults it took. */
  env: Array<{ variable: string; default: string }>;
  /** `os.environ["DJANGO_SETTINGS_MODULE"] = ...`: set whatever the environment says. */
  forced: boolean;
}

/** `os.environ.setdefault("DJANGO_SETTINGS_MODULE", X)` or `os.environ["DJANGO_SETTINGS_MODULE"] = X` in a file, X evaluated. */
export function namedSettings(source: PythonSource): NamedSettings | undefined {
  let found: NamedSettings | undefined;
  const take = (node: SyntaxNode, value: SyntaxNode | undefined, forced: boolean) => {
    const evaluated = stringValue(source, value, namesBefore(source, node.from, { anywhere: true }));
    if (evaluated && MODULE_NAME.test(evaluated.value)) {
      found = { module: evaluated.value, source: `${source.file}:${source.line(node.from)}`, env: evaluated.env, forced };
    }
  };
  walk(source.tree.topNode, (node) => {
    if (found) return false;
    if (node.name === 'CallExpression') {
      const callee = calleeName(source, node);
      if (callee !== 'os.environ.setdefault' && callee !== 'environ.setdefault') return undefined;
      const [key, value] = positionalArguments(source, node);
      if (stringLiteral(source, key) === SETTINGS_VARIABLE) take(node, value, false);
    } else if (node.name === 'AssignStatement') {
      const target = node.firstChild;
      if (target && environSubscript(source, target) === SETTINGS_VARIABLE) take(node, assignmentOf(source, node)?.value, true);
    }
    return undefined;
  });
  return found;
}

/** The settings module named in a manage.py (or wsgi.py) text. */
export function djangoSettingsModule(text: string): string | undefined {
  return namedSettings(parsePython('manage.py', text))?.module;
}

async function namedIn(project: ProjectFiles, file: string | undefined): Promise<NamedSettings | undefined> {
  if (file === undefined) return undefined;
  const source = await project.python(file);
  return source === undefined ? undefined : namedSettings(source);
}

// ---------------------------------------------------------------------------------------------
// Running a settings module, as far as reading can

type ListSetting = 'INSTALLED_APPS' | 'MIDDLEWARE';
const LIST_SETTINGS: readonly ListSetting[] = ['INSTALLED_APPS', 'MIDDLEWARE'];

interface Binding {
  source: PythonSource;
  line: number;
  value?: SyntaxNode;
  /** Assigned inside an if/elif/else or an except clause: may not run. */
  conditional: boolean;
}

/** What running a settings module leaves: every name's last assignment, and the strings in INSTALLED_APPS / MIDDLEWARE. */
export interface SettingsRun {
  /** The files read, the module first, then what it imports in the order it imports them. */
  files: string[];
  bindings: Map<string, Binding>;
  lists: Record<ListSetting, Set<string>>;
}

/** Every string literal in an expression. */
function stringsIn(source: PythonSource, node: SyntaxNode | undefined): string[] {
  if (!node) return [];
  const found: string[] = [];
  const literal = stringLiteral(source, node);
  if (literal !== undefined) return [literal];
  walk(node, (child) => {
    const value = stringLiteral(source, child);
    if (value !== undefined) {
      found.push(value);
      return false;
    }
    return undefined;
  });
  return found;
}

/** True when `name` is read inside an expression (`INSTALLED_APPS = INSTALLED_APPS + [...]`). */
function mentions(source: PythonSource, node: SyntaxNode | undefined, name: string): boolean {
  let seen = false;
  if (node) {
    walk(node, (child) => {
      if (child.name === 'VariableName' && source.slice(child) === name) seen = true;
      return !seen;
    });
  }
  return seen;
}

/** Runs `module` (and what it star-imports) into `run`; false when no file holds it. */
async function runModule(project: ProjectFiles, module: string, run: SettingsRun, merge: boolean, conditional: boolean): Promise<boolean> {
  const file = await moduleFile(project, module);
  if (file === undefined) return false;
  if (run.files.includes(file)) return true; // imported already (or a cycle): Python runs a module once
  run.files.push(file);
  if (run.files.length > 20) return true;
  const source = await project.python(file);
  if (source === undefined) return true;
  const isPackage = file.endsWith('/__init__.py');
  const top = module.split('.')[0];
  const imported = (level: number, name: string) => (level > 0 ? resolveRelativeImport(module, isPackage, level, name) : name);

  const visit = async (block: SyntaxNode, inBranch: boolean): Promise<void> => {
    for (const statement of children(block)) {
      switch (statement.name) {
        case 'ImportStatement': {
          for (const binding of importBindings(source, statement)) {
            if (binding.name === undefined) continue; // `import x`: not a settings module of this project
            const target = imported(binding.level, binding.module);
            if (target.split('.')[0] !== top) continue; // a library, not the project's settings
            // `from .base import *` runs base.py here and takes its names; `from .base import env` runs it too.
            await runModule(project, target, run, merge && binding.name === '*', inBranch);
          }
          break;
        }
        case 'AssignStatement':
        case 'UpdateStatement': {
          if (!merge) break;
          const assignment = assignmentOf(source, statement)!;
          for (const target of assignment.targets) {
            const list = LIST_SETTINGS.find((name) => name === target);
            if (list) {
              const strings = stringsIn(source, assignment.value);
              if (assignment.update !== undefined || inBranch || mentions(source, assignment.value, list)) strings.forEach((item) => run.lists[list].add(item));
              else run.lists[list] = new Set(strings);
            }
            if (assignment.update !== undefined) continue;
            const before = run.bindings.get(target);
            // A value set under a condition stands in only for one nothing else set.
            if (inBranch && before && !before.conditional) continue;
            run.bindings.set(target, { source, line: assignment.line, value: assignment.value, conditional: inBranch });
          }
          break;
        }
        case 'ExpressionStatement': {
          // INSTALLED_APPS.append("x"), MIDDLEWARE.insert(1, "x"), INSTALLED_APPS.extend([...])
          const call = statement.firstChild;
          if (!merge || call?.name !== 'CallExpression') break;
          const callee = calleeName(source, call) ?? '';
          const list = LIST_SETTINGS.find((name) => callee.startsWith(`${name}.`));
          if (list) callArguments(source, call).forEach((arg) => stringsIn(source, arg.value).forEach((item) => run.lists[list].add(item)));
          break;
        }
        case 'IfStatement':
          for (const body of statement.getChildren('Body')) await visit(body, true);
          break;
        case 'TryStatement': {
          const [first, ...rest] = statement.getChildren('Body');
          if (first) await visit(first, inBranch);
          for (const body of rest) await visit(body, true);
          break;
        }
        case 'WithStatement':
          for (const body of statement.getChildren('Body')) await visit(body, inBranch);
          break;
        case 'ForStatement':
        case 'WhileStatement':
          for (const body of statement.getChildren('Body')) await visit(body, true);
          break;
        default:
          break; // functions and classes run later, if at all
      }
    }
  };
  await visit(source.tree.topNode, conditional);
  return true;
}

/** Runs a settings module (see runModule); undefined when no file holds it. */
export async function runSettings(project: ProjectFiles, module: string): Promise<SettingsRun | undefined> {
  const run: SettingsRun = { files: [], bindings: new Map(), lists: { INSTALLED_APPS: new Set(), MIDDLEWARE: new Set() } };
  return (await runModule(project, module, run, true, false)) ? run : undefined;
}

// ---------------------------------------------------------------------------------------------
// Which settings module production runs

export interface SettingsChoice {
  module: string;
  /** The project's name for it, when the image runs another module, and why. */
  replaced?: { named: string; why: SettingsReplacement };
}

/** A module with no setting of its own and no star import: an empty settings package's __init__.py. */
async function isEmptyModule(project: ProjectFiles, file: string): Promise<boolean> {
  const source = await project.python(file);
  if (!source) return false;
  for (const statement of children(source.tree.topNode)) {
    const assignment = assignmentOf(source, statement);
    if (assignment?.targets.some((target) => target === target.toUpperCase() && target !== target.toLowerCase())) return false;
    if (importBindings(source, statement).some((binding) => binding.name === '*')) return false;
    if (statement.name === 'IfStatement' || statement.name === 'TryStatement') return false;
  }
  return true;
}

/** DEBUG = True, as the module leaves it. */
function debugOn(run: SettingsRun): boolean {
  const debug = run.bindings.get('DEBUG');
  return debug?.value !== undefined && debug.source.slice(debug.value) === 'True';
}

/** A production module inside the named package or beside the named module that runs with DEBUG off. */
async function productionFor(project: ProjectFiles, named: string): Promise<string | undefined> {
  const parts = named.split('.');
  const parent = parts.slice(0, -1).join('.');
  const last = parts[parts.length - 1]!;
  const candidates = [
    ...PRODUCTION_SETTINGS.map((name) => `${named}.${name}`),
    ...(parent ? PRODUCTION_SETTINGS.map((name) => `${parent}.${name}`) : []),
    ...PRODUCTION_SETTINGS.flatMap((name) => [`${last}_${name}`, `${name}_${last}`]).map((name) => (parent ? `${parent}.${name}` : name)),
  ];
  for (const candidate of candidates) {
    if (candidate === named) continue;
    const run = await runSettings(project, candidate);
    if (run && !debugOn(run)) return candidate;
  }
  return undefined;
}

/**
 * The settings module production runs, for the module the project names: itself, or (see the top
 * of this file) a production sibling; undefined when no file holds it and nothing stands in.
 * `packageRoots` are packages a name may be relative to (the server module's packages).
 */
export async function chooseSettings(project: ProjectFiles, named: string, packageRoots: readonly string[] = []): Promise<SettingsChoice | undefined> {
  let module = named;
  let file = await moduleFile(project, module);
  let why: SettingsReplacement | undefined;
  if (file === undefined) {
    // A name relative to another package root (wsgi.py in config/ naming settings.production).
    for (const root of packageRoots) {
      const candidate = `${root}.${named}`;
      const found = await moduleFile(project, candidate);
      if (found !== undefined) {
        module = candidate;
        file = found;
        why = 'elsewhere';
        break;
      }
    }
  }
  if (file === undefined) {
    const production = await productionFor(project, named);
    return production === undefined ? undefined : { module: production, replaced: { named, why: 'missing' } };
  }
  const last = module.split('.').pop()!;
  let reason: SettingsReplacement | undefined;
  if (await isEmptyModule(project, file)) reason = 'empty';
  else if ((DEVELOPMENT_SETTINGS as readonly string[]).includes(last)) reason = 'development';
  else if (debugOn((await runSettings(project, module))!)) reason = 'debug';
  if (reason !== undefined) {
    const production = await productionFor(project, module);
    if (production !== undefined) return { module: production, replaced: { named, why: reason } };
  }
  return { module, ...(why ? { replaced: { named, why } } : {}) };
}

/** The packages a settings name may be relative to: those holding the server's module, innermost first. */
function packagesOf(module: string): string[] {
  const parts = module.split('.').slice(0, -1);
  return parts.map((_, index) => parts.slice(0, parts.length - index).join('.'));
}

// ---------------------------------------------------------------------------------------------
// How SECRET_KEY, DEBUG and ALLOWED_HOSTS are read

/** `env("X")`, `env.bool("X", False)` (django-environ), `config("X", cast=Csv())` (python-decouple). */
function isEnvReader(callee: string | undefined): boolean {
  if (callee === undefined) return false;
  return callee === 'env' || callee === 'config' || (callee.startsWith('env.') && callee.split('.').length === 2);
}

/** How a setting's value expression reads it. */
export function settingReadOf(source: PythonSource, value: SyntaxNode | undefined, where: string): SettingRead {
  if (!value) return { required: false, commaList: false, source: where };
  const calls = value.name === 'CallExpression' ? [value, ...callsIn(value)] : callsIn(value);
  // `.split(",")` on whatever was read
  const splitsOnComma = calls.some((call) => {
    const callee = call.firstChild;
    return callee?.name === 'MemberExpression' && source.slice(callee.lastChild!) === 'split' && stringLiteral(source, positionalArguments(source, call)[0]) === ',';
  });
  const subscripts: string[] = [];
  const direct = environSubscript(source, value);
  if (direct !== undefined) subscripts.push(direct);
  walk(value, (child) => {
    const variable = environSubscript(source, child);
    if (variable !== undefined) subscripts.push(variable);
    return undefined;
  });
  if (subscripts.length > 0) return { variable: subscripts[0], required: true, commaList: splitsOnComma, source: where };
  for (const call of calls) {
    const getter = envGetterRead(source, call);
    // os.getenv("X") with no default gives None, not an error: never required.
    if (getter) return { variable: getter.variable, required: false, commaList: splitsOnComma, source: where };
    const callee = calleeName(source, call);
    if (!isEnvReader(callee)) continue;
    const [first, second] = positionalArguments(source, call);
    const variable = stringLiteral(source, first);
    if (variable === undefined) continue;
    const cast = keywordArgument(source, call, 'cast');
    const csv = cast?.name === 'CallExpression' && calleeName(source, cast) === 'Csv';
    const hasDefault = second !== undefined || keywordArgument(source, call, 'default') !== undefined;
    return { variable, required: !hasDefault, commaList: splitsOnComma || callee === 'env.list' || csv, source: where };
  }
  return { required: false, commaList: splitsOnComma, source: where };
}

/** How one setting's value expression (as text) reads it, for tests and messages. */
export function settingRead(expression: string, where: string): SettingRead {
  const source = parsePython('settings.py', `VALUE = ${expression}\n`);
  return settingReadOf(source, assignmentOf(source, source.tree.topNode.firstChild!)?.value, where);
}

// ---------------------------------------------------------------------------------------------
// The facts

/** The settings the server runs, when `entry` is a Django entry point (see the top of this file). */
export async function readDjangoSettings(project: ProjectFiles, entry: EntryPoint | undefined): Promise<DjangoFacts | undefined> {
  if (entry?.kind !== 'django') return undefined;
  const manage = await namedIn(project, (await project.isFile('manage.py')) ? 'manage.py' : undefined);
  const serverModule = entry.target.split(':')[0]!;
  const serverFile = await moduleFile(project, serverModule);
  const fromServer = await namedIn(project, serverFile);
  const named = fromServer ?? manage;
  if (named === undefined) return undefined;
  const roots = packagesOf(serverModule);

  let choice = await chooseSettings(project, named.module, roots);
  // The server's name resolves to nothing: manage.py's may.
  if (choice === undefined && fromServer && manage && manage.module !== fromServer.module) {
    const fromManage = await chooseSettings(project, manage.module, roots);
    if (fromManage) choice = { module: fromManage.module, replaced: { named: named.module, why: 'missing' } };
  }
  const facts: DjangoFacts = {
    settingsModule: choice?.module ?? named.module,
    settingsSource: fromServer !== undefined ? serverFile! : 'manage.py',
    manageDefault: manage !== undefined && manage.module !== (choice?.module ?? named.module) ? manage.module : undefined,
    settingsFiles: [],
    staticfilesApp: false,
    whitenoise: false,
    settings: {},
  };
  if (choice?.replaced) facts.replaced = choice.replaced;
  if (named.env.length > 0) facts.namedFromEnv = named.env;
  if (fromServer?.forced && choice?.replaced) facts.forcedBy = fromServer.source;
  if (choice === undefined) {
    facts.unresolved = true;
    return facts;
  }
  const run = (await runSettings(project, choice.module))!;
  facts.settingsFiles = run.files;
  const staticRoot = run.bindings.get('STATIC_ROOT');
  if (staticRoot?.value !== undefined && staticRoot.source.slice(staticRoot.value) !== 'None') facts.staticRoot = `${staticRoot.source.file}:${staticRoot.line}`;
  facts.staticfilesApp = run.lists.INSTALLED_APPS.has('django.contrib.staticfiles');
  facts.whitenoise = run.lists.MIDDLEWARE.has('whitenoise.middleware.WhiteNoiseMiddleware') || run.lists.INSTALLED_APPS.has('whitenoise.runserver_nostatic');
  for (const setting of DJANGO_ENV_SETTINGS) {
    const binding = run.bindings.get(setting);
    if (binding) facts.settings[setting] = settingReadOf(binding.source, binding.value, `${binding.source.file}:${binding.line}`);
  }
  return facts;
}

/** A `module.attribute` setting value as gunicorn's "module:attribute". */
function applicationTarget(value: string): string | undefined {
  const dot = value.lastIndexOf('.');
  return dot > 0 && MODULE_NAME.test(value) ? `${value.slice(0, dot)}:${value.slice(dot + 1)}` : undefined;
}

/** Django's entry point, when manage.py is at the root and the app it serves can be found. */
export async function findDjangoEntry(project: ProjectFiles): Promise<EntryPoint | undefined> {
  if (!(await project.isFile('manage.py'))) return undefined;
  const named = await namedIn(project, 'manage.py');
  if (named === undefined) return undefined;
  // A name relative to a package (manage.py naming settings.production for config/settings/production.py): the top folders.
  const folders = (await project.list('')).filter((entry) => entry.kind === 'directory' && MODULE_NAME.test(entry.name)).map((entry) => entry.name);
  const choice = await chooseSettings(project, named.module, folders);
  const run = choice ? await runSettings(project, choice.module) : undefined;
  // WSGI_APPLICATION / ASGI_APPLICATION, as the settings leave them.
  for (const key of ['WSGI_APPLICATION', 'ASGI_APPLICATION'] as const) {
    const binding = run?.bindings.get(key);
    const value = binding?.value ? stringLiteral(binding.source, binding.value) : undefined;
    const target = value === undefined ? undefined : applicationTarget(value);
    if (target) return { kind: 'django', target, framework: 'django', source: `${binding!.source.file} ${key}` };
  }
  // No setting: Django's default project layout has <package>/wsgi.py next to the settings.
  const parts = (choice?.module ?? named.module).split('.');
  for (let length = parts.length - 1; length >= 1; length -= 1) {
    const wsgi = `${parts.slice(0, length).join('.')}.wsgi`;
    const file = await moduleFile(project, wsgi);
    if (file) return { kind: 'django', target: `${wsgi}:application`, framework: 'django', source: file };
  }
  return undefined;
}

