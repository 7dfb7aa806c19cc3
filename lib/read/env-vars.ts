/**
 * Environment variables an app cannot start without, read from its parsed source (never run):
 * a container that builds and then dies on `KeyError: 'DATABASE_URL'` is the failure this finds.
 *
 * What a name means comes from the module's imports and bindings (python-names.ts): `o.environ`
 * after `import os as o`, `e["X"]` after `from os import environ as e`, `cfg("X")` after
 * `from decouple import config as cfg`. Required means read with no default where a missing
 * value stops the app, anywhere in a module (module level, functions, the main guard, f-strings):
 * - `os.environ["X"]` (a KeyError), unless it is assigned or deleted, or guarded: inside a `try`
 *   whose handler catches the error and does not raise again, or under a test that is false when
 *   the variable is missing (`if "X" in os.environ:`, `... if os.getenv("X") else ...`, `and`);
 * - django-environ: an `environ.Env()` called or one of its readers (`env.str("X")`,
 *   `env.db()` reads DATABASE_URL) with no default: no `default=`, no default in the position
 *   django-environ's signature gives it, no `(cast, default)` scheme in the `Env(...)` that made it;
 *   an `env` imported from another module (`from .base import env`) counts as one;
 * - python-decouple: `config("X")` (or an `AutoConfig()` / `Config()` instance) with no default
 *   (no second positional argument, no `default=`), whatever `cast=` says;
 * - `os.getenv("X")` / `os.environ.get("X")` with no default that a test stops on: `NAME = os.getenv("X")`
 *   followed in its block by `if not NAME:` / `if NAME is None:` (or `if not os.getenv("X"):`,
 *   `if "X" not in os.environ:`, `if not all([A, B]):`) whose body raises or exits, or an
 *   `assert NAME`.
 * A file that does not parse is skipped (ProjectFiles says so).
 */
import type { ProjectFiles } from './project-files.js';
import { type ModuleNames, moduleNames } from './python-names.js';
import { stringValue, valueScope } from './python-values.js';
import { scanPython } from './source.js';
import { type PythonSource, type SyntaxNode, assignmentOf, callArguments, calleeName, children, dottedName, positionalArguments, stringLiteral } from './python.js';

export interface RequiredEnv {
  name: string;
  /** "file:line". */
  source: string;
  /** The read as written, e.g. `os.environ["DATABASE_URL"]`. */
  how: string;
}

/** Variables the generated files set themselves, or that configure the interpreter: never reported. */
export const SET_BY_IMAGE: ReadonlySet<string> = new Set([
  'DJANGO_SETTINGS_MODULE',
  'PYTHONPATH',
  'PYTHONUNBUFFERED',
  'PYTHONDONTWRITEBYTECODE',
  'WEB_CONCURRENCY',
  'XDG_RUNTIME_DIR',
  'HOME',
  'PATH',
]);

/** One read of an environment variable in the code. */
export interface EnvRead {
  variable: string;
  /** The default the read gives; undefined when it gives none. */
  default?: SyntaxNode;
  /** A missing variable with no default is an error (KeyError, ImproperlyConfigured, UndefinedValueError), not None. */
  strict: boolean;
  /** The error class a missing variable raises, for a strict read. */
  error?: string;
  /** The read as written: `os.environ["X"]`, `env.db("DATABASE_URL")`, `cfg("X")`. */
  how: string;
  node: SyntaxNode;
}

/** `os.getenv` and `os.environ.get`: None when the variable is missing. */
const GETTERS: ReadonlySet<string> = new Set(['os.getenv', 'os.environ.get']);

/**
 * django-environ's readers: where their default argument sits (after `var`), and the variable a
 * URL reader reads when called with none (environ.Env's DEFAULT_*_ENV).
 */
const DJANGO_ENVIRON_READERS: Readonly<Record<string, { defaultAt: number; variable?: string }>> = {
  '': { defaultAt: 2 }, // env("X", cast, default)
  get_value: { defaultAt: 2 },
  list: { defaultAt: 2 },
  tuple: { defaultAt: 2 },
  dict: { defaultAt: 2 },
  str: { defaultAt: 1 },
  bytes: { defaultAt: 1 },
  bool: { defaultAt: 1 },
  int: { defaultAt: 1 },
  float: { defaultAt: 1 },
  json: { defaultAt: 1 },
  url: { defaultAt: 1 },
  path: { defaultAt: 1 },
  db: { defaultAt: 1, variable: 'DATABASE_URL' },
  db_url: { defaultAt: 1, variable: 'DATABASE_URL' },
  cache: { defaultAt: 1, variable: 'CACHE_URL' },
  cache_url: { defaultAt: 1, variable: 'CACHE_URL' },
  email: { defaultAt: 1, variable: 'EMAIL_URL' },
  email_url: { defaultAt: 1, variable: 'EMAIL_URL' },
  search_url: { defaultAt: 1, variable: 'SEARCH_URL' },
  channels: { defaultAt: 1, variable: 'CHANNELS_URL' },
  channels_url: { defaultAt: 1, variable: 'CHANNELS_URL' },
};

/** python-decouple's readers: the module-level `config` and the objects its classes build. */
const DECOUPLE_READERS: ReadonlySet<string> = new Set(['decouple.config', 'decouple.AutoConfig()', 'decouple.Config()']);

/** An environment variable name as a shell and Compose can carry it: [A-Za-z_][A-Za-z0-9_]*. */
function isVariableName(text: string): boolean {
  if (text.length === 0) return false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
    if (!letter && !(index > 0 && code >= 48 && code <= 57)) return false;
  }
  return true;
}

/** The string an expression names a variable with: a literal, or what python-values.ts evaluates (`KEY` after `KEY = "DATABASE_URL"`, `f"{PREFIX}_URL"`). */
type VariableNamer = (node: SyntaxNode | undefined) => string | undefined;

function variableNamer(source: PythonSource): VariableNamer {
  let valuesAt: ReturnType<typeof valueScope> | undefined; // one more pass over the module, made only when a name is not a literal
  return (node) => {
    if (!node) return undefined;
    let name = stringLiteral(source, node);
    if (name === undefined && node.name !== 'String' && node.name !== 'ContinuedString') {
      valuesAt ??= valueScope(source);
      name = stringValue(source, node, valuesAt(node))?.value;
    }
    return name !== undefined && isVariableName(name) ? name : undefined;
  };
}

/** The variable a read names: its first positional argument or `keyword=`. */
function variableArgument(source: PythonSource, nameOf: VariableNamer, call: SyntaxNode, keyword: string): string | undefined {
  const args = callArguments(source, call);
  const first = args[0] && args[0].name === undefined && args[0].star === undefined ? args[0].value : args.find((arg) => arg.name === keyword)?.value;
  return nameOf(first);
}

/** A call's argument by position or keyword. */
function argumentAt(source: PythonSource, call: SyntaxNode, position: number, keyword: string): SyntaxNode | undefined {
  return positionalArguments(source, call)[position] ?? callArguments(source, call).find((arg) => arg.name === keyword)?.value;
}

/** The `(cast, default)` a django-environ `Env(NAME=(cast, default))` gives a variable: its default. */
function schemeDefault(source: PythonSource, built: SyntaxNode, variable: string): SyntaxNode | undefined {
  const scheme = callArguments(source, built).find((arg) => arg.name === variable)?.value;
  if (scheme?.name !== 'TupleExpression' && scheme?.name !== 'ParenthesizedExpression') return undefined;
  const items = children(scheme).filter((child) => !['(', ')', ','].includes(child.name));
  return items.length === 2 ? items[1] : undefined;
}

/** The function that tells what a node reads from the environment, if anything, in one module. */
export type EnvReader = (node: SyntaxNode) => EnvRead | undefined;

/** Reads of the environment in one parsed module (see EnvRead), names resolved through its imports and bindings. */
export function envReader(source: PythonSource, names: ModuleNames = moduleNames(source)): EnvReader {
  const nameOf = variableNamer(source);
  return (node) => {
    if (node.name === 'MemberExpression') {
      // os.environ["X"]
      const parts = children(node);
      if (parts.length !== 4 || parts[1]!.name !== '[' || parts[3]!.name !== ']') return undefined;
      const base = dottedName(source, parts[0]);
      if (base === undefined || names.resolve(base, node.from) !== 'os.environ') return undefined;
      const variable = nameOf(parts[2]);
      if (variable === undefined) return undefined;
      return { variable, strict: true, error: 'KeyError', how: `${base}["${variable}"]`, node };
    }
    if (node.name !== 'CallExpression') return undefined;
    const callee = calleeName(source, node);
    if (callee === undefined) return undefined;
    const full = names.resolve(callee, node.from);
    if (GETTERS.has(full)) {
      const variable = variableArgument(source, nameOf, node, 'key');
      return variable === undefined ? undefined : { variable, default: argumentAt(source, node, 1, 'default'), strict: false, how: `${callee}("${variable}")`, node };
    }
    if (DECOUPLE_READERS.has(full)) {
      const variable = variableArgument(source, nameOf, node, 'option');
      if (variable === undefined) return undefined;
      return { variable, default: argumentAt(source, node, 1, 'default'), strict: true, error: 'UndefinedValueError', how: `${callee}("${variable}")`, node };
    }
    // django-environ: env(...) / env.str(...) on an environ.Env(), or on an `env` imported from another module.
    const [head, method = '', ...more] = callee.split('.');
    const reader = DJANGO_ENVIRON_READERS[method];
    if (!reader || more.length > 0) return undefined;
    const bound = names.binding(head!, node.from);
    const importedEnv = bound?.by === 'import' && bound.binding.name === 'env';
    if (!importedEnv && names.resolve(head!, node.from) !== 'environ.Env()') return undefined;
    const variable = variableArgument(source, nameOf, node, 'var');
    const args = callArguments(source, node);
    const named = variable ?? (args.length === 0 ? reader.variable : undefined);
    if (named === undefined) return undefined;
    const given = (variable === undefined ? undefined : positionalArguments(source, node)[reader.defaultAt]) ?? args.find((arg) => arg.name === 'default')?.value;
    return {
      variable: named,
      default: given ?? (bound?.by === 'call' ? schemeDefault(source, bound.call, named) : undefined),
      strict: true,
      error: 'ImproperlyConfigured',
      how: variable === undefined ? `${callee}()` : `${callee}("${named}")`,
      node,
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Tests on a missing variable

/** One parsed module, its names and its environment reads. */
interface Module {
  source: PythonSource;
  names: ModuleNames;
  read: EnvReader;
}

/** Reads by variable. */
type Reads = Map<string, EnvRead>;

const NONE: Reads = new Map();
const union = (a: Reads, b: Reads): Reads => new Map([...a, ...b]);
const intersection = (a: Reads, b: Reads): Reads => new Map([...a].filter(([variable]) => b.has(variable)));

/** A read that gives None for a missing variable: a getter with no default, or a name bound to one (`known`). */
function noneWhenMissing(module: Module, node: SyntaxNode, known: ReadonlyMap<string, EnvRead>): EnvRead | undefined {
  if (node.name === 'VariableName') return known.get(module.source.slice(node));
  if (node.name === 'ParenthesizedExpression') {
    const inner = children(node).filter((child) => child.name !== '(' && child.name !== ')');
    return inner.length === 1 ? noneWhenMissing(module, inner[0]!, known) : undefined;
  }
  const found = module.read(node);
  return found && !found.strict && found.default === undefined ? found : undefined;
}

/** Tests nested deeper than this are not looked into. */
const MAX_TEST_DEPTH = 32;

/**
 * The reads whose variable, when missing, makes `test` evaluate to `value` (truthy or falsy)
 * whatever the other variables hold: `not X` is true when X's variable is missing, `A or B` when
 * either's is, `"X" in os.environ` is false when X is. `known` are names bound to a getter.
 */
function decidedWhenMissing(module: Module, test: SyntaxNode, value: boolean, known: ReadonlyMap<string, EnvRead> = NONE, depth = 0): Reads {
  if (depth > MAX_TEST_DEPTH) return NONE;
  const { source } = module;
  const inner = (node: SyntaxNode | undefined, wanted: boolean) => (node ? decidedWhenMissing(module, node, wanted, known, depth + 1) : NONE);
  const parts = children(test);
  switch (test.name) {
    case 'ParenthesizedExpression': {
      const items = parts.filter((child) => child.name !== '(' && child.name !== ')');
      return items.length === 1 ? inner(items[0], value) : NONE;
    }
    case 'UnaryExpression':
      return parts[0]?.name === 'not' ? inner(parts[1], !value) : NONE;
    case 'BinaryExpression': {
      const left = parts[0]!;
      const right = parts[parts.length - 1]!;
      const operator = parts
        .slice(1, -1)
        .map((part) => source.slice(part))
        .join(' ');
      if (operator === 'or') return value ? union(inner(left, true), inner(right, true)) : intersection(inner(left, false), inner(right, false));
      if (operator === 'and') return value ? intersection(inner(left, true), inner(right, true)) : union(inner(left, false), inner(right, false));
      if (operator === 'in' || operator === 'not in') {
        // "X" in os.environ: false when X is missing.
        const variable = stringLiteral(source, left);
        const mapping = dottedName(source, right);
        if (variable === undefined || mapping === undefined || module.names.resolve(mapping, test.from) !== 'os.environ') return NONE;
        if ((operator === 'in') === value) return NONE;
        return new Map([[variable, { variable, strict: false, how: `"${variable}" ${operator} ${mapping}`, node: test }]]);
      }
      if (operator === 'is' || operator === '==' || operator === 'is not' || operator === '!=') {
        // X is None: true when X is missing.
        const other = source.slice(right) === 'None' ? left : source.slice(left) === 'None' ? right : undefined;
        const found = other ? noneWhenMissing(module, other, known) : undefined;
        return found && (operator === 'is' || operator === '==') === value ? new Map([[found.variable, found]]) : NONE;
      }
      return NONE;
    }
    case 'CallExpression': {
      // all([A, B]) is false when any of them is missing.
      const args = positionalArguments(source, test);
      const list = args.length === 1 ? args[0]! : undefined;
      if (!value && calleeName(source, test) === 'all' && (list?.name === 'ArrayExpression' || list?.name === 'TupleExpression')) {
        // One map filled in place: a union per item would copy it each time (quadratic in a long list).
        const found: Reads = new Map();
        for (const item of children(list)) for (const [variable, read] of inner(item, false)) found.set(variable, read);
        return found;
      }
      break;
    }
    default:
      break;
  }
  const found = noneWhenMissing(module, test, known);
  return found && !value ? new Map([[found.variable, found]]) : NONE;
}

/** Calls that end the program: sys.exit(), exit(), quit(), os._exit(). */
const EXITS: ReadonlySet<string> = new Set(['sys.exit', 'exit', 'quit', 'os._exit']);

/** Whether a block always stops the program or the import: it raises or exits at its own level. */
function stops(module: Module, body: SyntaxNode | null | undefined): boolean {
  if (!body) return false;
  return children(body).some((statement) => {
    if (statement.name === 'RaiseStatement') return true;
    const call = statement.name === 'ExpressionStatement' ? statement.firstChild : null;
    const callee = call?.name === 'CallExpression' ? calleeName(module.source, call) : undefined;
    return callee !== undefined && EXITS.has(module.names.resolve(callee, call!.from));
  });
}

// ---------------------------------------------------------------------------------------------
// The walk

/** What surrounds a node: errors a `try` around it catches without raising again, variables a test around it has checked. */
interface Guard {
  /** Error class names caught (last dotted part); '*' for a bare except, Exception or BaseException. */
  caught: ReadonlySet<string>;
  /** Variables a surrounding test has found set. */
  set: ReadonlySet<string>;
}

const OPEN: Guard = { caught: new Set(), set: new Set() };
const CATCH_ALL: ReadonlySet<string> = new Set(['Exception', 'BaseException']);
/** Base classes that catch an error too. */
const ALSO_CAUGHT_BY: Readonly<Record<string, string>> = { KeyError: 'LookupError' };

function withSet(guard: Guard, reads: Reads): Guard {
  return reads.size === 0 ? guard : { caught: guard.caught, set: new Set([...guard.set, ...reads.keys()]) };
}

/** The errors a try statement's handlers catch and swallow (a handler that raises again guards nothing). */
function swallowed(module: Module, statement: SyntaxNode): Set<string> {
  const caught = new Set<string>();
  const parts = children(statement);
  for (let index = 0; index < parts.length; index += 1) {
    if (parts[index]!.name !== 'except') continue;
    let at = index + 1;
    if (parts[at]?.name === '*') at += 1; // except* (a group)
    const type = parts[at]?.name === 'Body' ? undefined : parts[at];
    if (stops(module, parts.slice(at).find((part) => part.name === 'Body'))) continue;
    if (!type) {
      caught.add('*');
      continue;
    }
    const types = type.name === 'TupleExpression' || type.name === 'ParenthesizedExpression' ? children(type) : [type];
    for (const item of types) {
      const name = dottedName(module.source, item);
      if (name === undefined) continue;
      const last = name.slice(name.lastIndexOf('.') + 1);
      caught.add(CATCH_ALL.has(last) ? '*' : last);
    }
  }
  return caught;
}

function isGuarded(guard: Guard, read: EnvRead): boolean {
  if (guard.set.has(read.variable) || guard.caught.has('*')) return true;
  if (read.error === undefined) return false;
  const base = ALSO_CAUGHT_BY[read.error];
  return guard.caught.has(read.error) || (base !== undefined && guard.caught.has(base));
}

/** Whether a subscript is being assigned or deleted here, not read. */
function isTarget(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (parent?.name === 'DeleteStatement') return true;
  if (parent?.name === 'AssignStatement') {
    for (let next = node.nextSibling; next; next = next.nextSibling) if (next.name === 'AssignOp') return true;
  }
  return false;
}

/** Required environment variables read by one parsed module, in the order of the file. */
export function requiredEnvIn(source: PythonSource): RequiredEnv[] {
  const names = moduleNames(source);
  const module: Module = { source, names, read: envReader(source, names) };
  const found: Array<RequiredEnv & { at: number }> = [];
  const add = (read: EnvRead, how: string) => {
    if (!SET_BY_IMAGE.has(read.variable)) found.push({ name: read.variable, source: `${source.file}:${source.line(read.node.from)}`, how, at: read.node.from });
  };

  /** `NAME = os.getenv("X")` then `if not NAME: raise` (or `assert NAME`) in the same block; `if not os.getenv("X"): raise`. */
  const block = (body: SyntaxNode): void => {
    const pending = new Map<string, EnvRead>();
    for (const statement of children(body)) {
      const assignment = assignmentOf(source, statement);
      if (assignment) {
        for (const target of assignment.targets) pending.delete(target);
        const read = assignment.value && assignment.update === undefined ? noneWhenMissing(module, assignment.value, NONE) : undefined;
        if (read && assignment.targets.length === 1) pending.set(assignment.targets[0]!, read);
        continue;
      }
      const parts = children(statement);
      let stopping = NONE;
      if (statement.name === 'IfStatement' && parts[0]?.name === 'if' && parts[2]?.name === 'Body' && stops(module, parts[2])) {
        stopping = decidedWhenMissing(module, parts[1]!, true, pending);
      } else if (statement.name === 'AssertStatement' && parts[1]) {
        stopping = decidedWhenMissing(module, parts[1], false, pending);
      }
      for (const read of stopping.values()) add(read, `${read.how} then raise`);
    }
  };

  // Depth first with a stack of its own, not recursion: a file nested thousands deep stays within the call stack.
  const stack: Array<[SyntaxNode, Guard]> = [[source.tree.topNode, OPEN]];
  /** What is visited next, in the order given. */
  const then = (next: ReadonlyArray<[SyntaxNode, Guard]>) => {
    for (let index = next.length - 1; index >= 0; index -= 1) stack.push(next[index]!);
  };
  while (stack.length > 0) {
    let [node, guard] = stack.pop()!;
    if (node.name === 'Script' || node.name === 'Body') block(node);
    // A function's body runs later, outside the try or test around its definition.
    if (node.name === 'FunctionDefinition' || node.name === 'LambdaExpression') guard = OPEN;
    const read = module.read(node);
    if (read && read.strict && read.default === undefined && !isGuarded(guard, read) && !isTarget(node)) add(read, read.how);
    const parts = children(node);
    const test = (at: number) => parts[at]!;
    switch (node.name) {
      case 'TryStatement': {
        const caught = swallowed(module, node);
        const tryBody = parts.find((part) => part.name === 'Body');
        const inTry = caught.size === 0 ? guard : { caught: new Set([...guard.caught, ...caught]), set: guard.set };
        then(parts.map((part): [SyntaxNode, Guard] => [part, part === tryBody ? inTry : guard]));
        continue;
      }
      case 'IfStatement': {
        // if T: (T held) ... else: (T failed), when there is no elif.
        const bodies = parts.filter((part) => part.name === 'Body');
        const simple = parts[0]?.name === 'if' && !parts.some((part) => part.name === 'elif');
        then(
          parts.map((part): [SyntaxNode, Guard] => {
            if (parts[0]?.name === 'if' && part === bodies[0]) return [part, withSet(guard, decidedWhenMissing(module, test(1), false))];
            if (simple && bodies.length === 2 && part === bodies[1]) return [part, withSet(guard, decidedWhenMissing(module, test(1), true))];
            return [part, guard];
          }),
        );
        continue;
      }
      case 'ConditionalExpression': {
        // A if T else B
        if (parts.length === 5 && parts[1]!.name === 'if' && parts[3]!.name === 'else') {
          then([
            [parts[0]!, withSet(guard, decidedWhenMissing(module, test(2), false))],
            [parts[2]!, guard],
            [parts[4]!, withSet(guard, decidedWhenMissing(module, test(2), true))],
          ]);
          continue;
        }
        break;
      }
      case 'BinaryExpression': {
        // T and A: A runs only when T held.
        if (parts.length === 3 && parts[1]!.name === 'and') {
          then([
            [parts[0]!, guard],
            [parts[2]!, withSet(guard, decidedWhenMissing(module, test(0), false))],
          ]);
          continue;
        }
        break;
      }
      default:
        break;
    }
    then(parts.map((part): [SyntaxNode, Guard] => [part, guard]));
  }
  return found.sort((a, b) => a.at - b.at).map(({ name, source: where, how }) => ({ name, source: where, how }));
}

/** Required variables read by the given files (project-relative), each variable once (its first read); files that do not parse are skipped. */
export function findRequiredEnv(project: ProjectFiles, files: readonly string[]): Promise<RequiredEnv[]> {
  return scanPython(project, files, requiredEnvIn, (read) => read.name);
}
