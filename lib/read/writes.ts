/**
 * Paths an app writes at run time next to its code, read from its parsed source (never run):
 * Flask's instance folder, SQLite files, log folders. In the image the code lives in the working
 * directory; an app user that cannot create these there crashes at start (PermissionError), and
 * what it writes is lost with the container unless a volume is mounted there.
 *
 * Found anywhere in a module (function bodies included), names meaning what the module's imports
 * make them (`from os import makedirs`, `import os as o`, `from logging import handlers`):
 * - Flask's instance folder: `os.makedirs(app.instance_path ...)`, `instance_relative_config=True`
 *   or `app.instance_path` joined with a file -> `instance/` (next to the package, which is the
 *   working directory for a package at the project root);
 * - relative folders created by the code: `os.makedirs("logs")`, `os.mkdir("data")`,
 *   `Path("uploads").mkdir(...)`, `(BASE_DIR / "media").mkdir()`;
 * - log files: `FileHandler("logs/app.log")` (and Rotating/TimedRotating/Watched) -> `logs/`, or
 *   the file itself at the root;
 * - SQLite: `sqlite3.connect("app.db")`, a relative `sqlite:///app.db` URL, Django's
 *   `"NAME": BASE_DIR / "db.sqlite3"` (or `os.path.join(BASE_DIR, "db.sqlite3")`), a `.db` /
 *   `.sqlite` file joined to `basedir` (the module's folder, taken as the working directory).
 * A path is what its expression evaluates to in an image with no environment variable of its own
 * (python-values.ts: literals with their escapes, names bound earlier, f-strings, `+`,
 * `os.path.join`, `/`, environment defaults); an expression that cannot be evaluated names no path.
 * Absolute paths (`/tmp/...`, `/data/...`) are not next to the code and are left out.
 */
import type { ProjectFiles } from './project-files.js';
import { type ModuleNames, moduleNames } from './python-names.js';
import { type NameValues, stringValue, valueScope } from './python-values.js';
import { type PythonSource, type SyntaxNode, calleeName, callArguments, children, dottedName, positionalArguments, stringLiteral } from './python.js';
import { scanPython } from './source.js';

export interface RuntimeWrite {
  /** Relative to the working directory: a folder ends with "/" ("instance/", "logs/"), else a file ("db.sqlite3"). */
  path: string;
  /** "file:line". */
  source: string;
  /** Under the app user's home instead (lib/read/home-writes.ts): `path` is then "~/.cache/", "~/" for the home itself. */
  home?: true;
}

/** A relative path as written in the code -> what it means in the working directory, or undefined when it is not under it. */
function normalize(raw: string, folder: boolean): string | undefined {
  let path = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (path === '' || path === '.' || path.startsWith('/') || path.startsWith('~') || path.startsWith('..') || /[{}%$\n\0]/.test(path)) return undefined;
  path = path.replace(/\/+$/, '');
  return folder ? `${path}/` : path;
}

/** The top-level entry of a path: "logs/app.log" -> "logs/", "app.db" -> "app.db". */
function topLevel(path: string): string {
  const slash = path.indexOf('/');
  return slash < 0 || slash === path.length - 1 ? path : `${path.slice(0, slash)}/`;
}

/** Names a module gives the folder its code lives in (Django's BASE_DIR, Flask's basedir): taken as the working directory. */
const CODE_FOLDERS: ReadonlySet<string> = new Set(['basedir', 'base_dir', 'BASE_DIR', 'BASEDIR', 'here', 'HERE']);
/** logging's handlers that write a file. */
const FILE_HANDLERS: ReadonlySet<string> = new Set(['FileHandler', 'RotatingFileHandler', 'TimedRotatingFileHandler', 'WatchedFileHandler']);
/** A database file by its name. */
const DATABASE_FILE = /\.(?:db|sqlite3?)$/;
/** `sqlite:///relative.db` (three slashes: relative to the working directory; four: absolute), `sqlite+pysqlite:///...`. */
const SQLITE_URL = /^sqlite(?:\+\w+)?:\/\/\/(?!\/)/;

/** A path expression's value: the path, and whether it starts at the code's folder (`BASE_DIR / "x"`). */
interface PathValue {
  path: string;
  fromCodeFolder: boolean;
}

/** Expressions are followed this many steps deep at most (`str(BASE_DIR / "a" / "b")`, a name bound to one...). */
const MAX_DEPTH = 12;

/** Joins path parts as os.path.join and pathlib do: an absolute part starts the path again. */
function joined(parts: readonly string[]): string {
  let path = '';
  for (const part of parts) path = part.startsWith('/') || path === '' ? part : path.endsWith('/') ? path + part : `${path}/${part}`;
  return path;
}

/** Paths one parsed module writes at run time, in the order of the file, each once. */
export function writesIn(source: PythonSource): RuntimeWrite[] {
  const names: ModuleNames = moduleNames(source);
  const valuesAt = valueScope(source);
  const found: Array<RuntimeWrite & { at: number }> = [];
  const add = (path: string | undefined, node: SyntaxNode) => {
    if (path !== undefined) found.push({ path: topLevel(path), source: `${source.file}:${source.line(node.from)}`, at: node.from });
  };
  const resolved = (call: SyntaxNode): string | undefined => {
    const callee = calleeName(source, call);
    return callee === undefined ? undefined : names.resolve(callee, call.from);
  };
  /** The argument at `position`, or `keyword=`. */
  const argument = (call: SyntaxNode, position: number, keyword: string): SyntaxNode | undefined =>
    positionalArguments(source, call)[position] ?? callArguments(source, call).find((arg) => arg.name === keyword)?.value;
  /** `x.instance_path` (or a bare `instance_path`). */
  const isInstancePath = (node: SyntaxNode | undefined): boolean => {
    const dotted = dottedName(source, node);
    return dotted !== undefined && (dotted === 'instance_path' || dotted.endsWith('.instance_path'));
  };
  const isPathClass = (call: SyntaxNode) => ['pathlib.Path', 'pathlib.PurePath', 'Path', 'PurePath'].includes(resolved(call) ?? '');

  const pathOf = (node: SyntaxNode | null | undefined, values: NameValues, depth = 0): PathValue | undefined => {
    if (!node || depth > MAX_DEPTH) return undefined;
    const inner = (next: SyntaxNode | null | undefined) => pathOf(next, values, depth + 1);
    const text = stringValue(source, node, values);
    if (text !== undefined) return { path: text.value, fromCodeFolder: false };
    switch (node.name) {
      case 'VariableName': {
        const bound = values.get(source.slice(node));
        // The bound expression's own names mean what they mean where it stands.
        const value = bound && depth < MAX_DEPTH ? pathOf(bound, valuesAt(bound), depth + 1) : undefined;
        if (value || !CODE_FOLDERS.has(source.slice(node))) return value;
        // BASE_DIR = Path(__file__).resolve().parent.parent, basedir = os.path.abspath(os.path.dirname(__file__)); or imported.
        return !bound || source.slice(bound).includes('__file__') ? { path: '', fromCodeFolder: true } : undefined;
      }
      case 'ParenthesizedExpression': {
        const items = children(node).filter((child) => child.name !== '(' && child.name !== ')');
        return items.length === 1 ? inner(items[0]) : undefined;
      }
      case 'BinaryExpression': {
        // BASE_DIR / "db.sqlite3"
        const [left, operator, right] = children(node);
        if (!operator || source.slice(operator) !== '/') return undefined;
        const base = inner(left);
        const rest = inner(right);
        return base && rest ? { path: joined([base.path, rest.path]), fromCodeFolder: base.fromCodeFolder && !rest.path.startsWith('/') } : undefined;
      }
      case 'CallExpression': {
        const callee = resolved(node);
        const args = callArguments(source, node);
        if (args.some((arg) => arg.name !== undefined || arg.star !== undefined)) return undefined;
        // str(path), os.fspath(path)
        if ((callee === 'str' || callee === 'os.fspath') && args.length === 1) return inner(args[0]!.value);
        if (callee === 'os.path.join' || isPathClass(node)) {
          const parts = args.map((arg) => inner(arg.value));
          if (parts.length === 0 || parts.some((part) => part === undefined)) return undefined;
          const path = joined(parts.map((part) => part!.path));
          return { path, fromCodeFolder: parts[0]!.fromCodeFolder && !parts.slice(1).some((part) => part!.path.startsWith('/')) };
        }
        return undefined;
      }
      default:
        return undefined;
    }
  };
  /** The relative path an argument names, as a folder or a file; undefined when it cannot be told or is not under the working directory. */
  const relative = (node: SyntaxNode | undefined, folder: boolean): string | undefined => {
    const value = node ? pathOf(node, valuesAt(node)) : undefined;
    return value === undefined ? undefined : normalize(value.path, folder);
  };

  const visitCall = (call: SyntaxNode): void => {
    if (callArguments(source, call).some((arg) => arg.name === 'instance_relative_config' && source.slice(arg.value) === 'True')) add('instance/', call);
    const callee = resolved(call);
    if (callee === 'os.makedirs' || callee === 'os.mkdir') {
      const target = argument(call, 0, callee === 'os.makedirs' ? 'name' : 'path');
      add(isInstancePath(target) ? 'instance/' : relative(target, true), call);
      return;
    }
    if (callee === 'os.path.join') {
      const [first] = positionalArguments(source, call);
      if (isInstancePath(first)) {
        add('instance/', call);
        return;
      }
    }
    const last = callee?.slice(callee.lastIndexOf('.') + 1);
    if (callee !== undefined && last !== undefined && FILE_HANDLERS.has(last) && (callee === last || callee.startsWith('logging.'))) {
      add(relative(argument(call, 0, 'filename'), false), call);
      return;
    }
    if (callee === 'sqlite3.connect') {
      const target = argument(call, 0, 'database');
      const value = target ? stringValue(source, target, valuesAt(target)) : undefined;
      if (value?.value !== ':memory:') add(relative(target, false), call);
      return;
    }
    // Path("uploads").mkdir(), (BASE_DIR / "media").mkdir(): the receiver is the folder.
    const receiver = call.firstChild;
    const parts = receiver?.name === 'MemberExpression' ? children(receiver) : [];
    if (parts.length === 3 && source.slice(parts[2]!) === 'mkdir' && isPathObject(parts[0]!, valuesAt(parts[0]!))) add(relative(parts[0], true), call);
  };
  /** A pathlib path: `Path(...)`, `a / b`, or a name bound to one. */
  const isPathObject = (node: SyntaxNode, values: NameValues, depth = 0): boolean => {
    if (depth > MAX_DEPTH) return false;
    if (node.name === 'CallExpression') return isPathClass(node);
    if (node.name === 'BinaryExpression') return source.slice(node.firstChild!.nextSibling ?? node) === '/';
    if (node.name === 'ParenthesizedExpression') {
      const items = children(node).filter((child) => child.name !== '(' && child.name !== ')');
      return items.length === 1 && isPathObject(items[0]!, values, depth + 1);
    }
    const bound = node.name === 'VariableName' ? values.get(source.slice(node)) : undefined;
    return bound !== undefined && isPathObject(bound, values, depth + 1);
  };

  /** A database file joined to the code's folder: os.path.join(basedir, "app.db"), BASE_DIR / "db.sqlite3". */
  const databaseFile = (node: SyntaxNode): string | undefined => {
    const value = pathOf(node, valuesAt(node));
    return value?.fromCodeFolder && DATABASE_FILE.test(value.path) ? normalize(value.path, false) : undefined;
  };

  source.tree.iterate({
    enter(ref) {
      const node = ref.node;
      switch (node.name) {
        case 'CallExpression':
          visitCall(node);
          if (resolved(node) === 'os.path.join') add(databaseFile(node), node);
          return undefined;
        case 'BinaryExpression': {
          // A chain BASE_DIR / "data" / "app.db" is read once, from its outermost `/`.
          const isPathJoin = (expression: SyntaxNode | null) => expression?.name === 'BinaryExpression' && source.slice(expression.firstChild!.nextSibling ?? expression) === '/';
          if (isPathJoin(node) && !(isPathJoin(node.parent) && node.parent!.firstChild?.from === node.from)) add(databaseFile(node), node);
          return undefined;
        }
        case 'DictionaryExpression': {
          // Django: "NAME": BASE_DIR / "db.sqlite3"
          const items = children(node);
          for (let index = 0; index + 2 < items.length; index += 1) {
            if (items[index + 1]!.name !== ':' || stringLiteral(source, items[index]) !== 'NAME') continue;
            const value = pathOf(items[index + 2], valuesAt(items[index + 2]!));
            if (value?.fromCodeFolder) add(normalize(value.path, false), items[index + 2]!);
          }
          return undefined;
        }
        case 'String':
        case 'ContinuedString':
        case 'FormatString': {
          // A relative SQLite URL, as a whole string: "sqlite:///app.db".
          if (!source.slice(node).includes('sqlite')) return false;
          const value = stringValue(source, node, valuesAt(node));
          const url = value?.value.match(SQLITE_URL);
          if (value && url) add(normalize(value.value.slice(url[0].length), false), node);
          return false;
        }
        default:
          return undefined;
      }
    },
  });
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter((write) => !seen.has(write.path) && seen.add(write.path))
    .map(({ path, source: where }) => ({ path, source: where }));
}

/** Paths written at run time by the given files (project-relative), each path once (its first write); files that do not parse are skipped. */
export function findRuntimeWrites(project: ProjectFiles, files: readonly string[]): Promise<RuntimeWrite[]> {
  return scanPython(project, files, writesIn, (write) => write.path);
}
