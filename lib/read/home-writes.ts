/**
 * Paths an app writes under the user's home at run time, read on the parser (never run): outside
 * /app, so the working directory's ownership does not cover them, and `docker run --read-only`
 * (or compose.yaml's read_only) stops them unless a volume is mounted there.
 *
 * Found, in any module the server may import (function bodies included):
 * - `os.path.expanduser("~/.notes")`, `Path("~/.notes").expanduser()`;
 * - `os.path.join(os.path.expanduser("~"), ".notes")` and `Path.home() / ".cache" / "notes"`;
 * - platformdirs / appdirs: `user_data_dir(...)`, `user_cache_dir`, `user_config_dir`,
 *   `user_log_dir`, `user_state_dir` (functions, or attributes of a PlatformDirs / AppDirs), at
 *   their Linux places (~/.local/share, ~/.cache, ~/.config, ~/.local/state).
 * Each is reported as the folder right under the home it lives in ("~/.cache/", "~/.local/"),
 * where a volume keeps what the app writes, or "~/" for a file in the home itself.
 */
import type { ProjectFiles } from './project-files.js';
import { type PythonSource, type SyntaxNode, children, positionalArguments, stringLiteral, walk } from './python.js';
import { type ModuleNames, moduleNames, resolvedCalleeOf } from './python-names.js';
import type { RuntimeWrite } from './writes.js';

/** The user's home in a path as the readers report it. */
export const HOME_PREFIX = '~/';

/** platformdirs / appdirs on Linux: where each kind of directory lives, relative to the home. */
const USER_DIRS: Readonly<Record<string, string>> = {
  user_data_dir: '.local/share',
  user_cache_dir: '.cache',
  user_config_dir: '.config',
  user_log_dir: '.local/state',
  user_state_dir: '.local/state',
};
const DIRS_MODULES = ['platformdirs', 'appdirs'];

/** "~/.cache/notes" -> "~/.cache/"; "~/notes.db" -> "~/"; undefined for anything not under the home. */
export function homeFolder(path: string): string | undefined {
  if (path === '~') return HOME_PREFIX;
  if (!path.startsWith(HOME_PREFIX)) return undefined;
  const rest = path.slice(HOME_PREFIX.length).replace(/^\/+/, '');
  if (rest === '' || rest.startsWith('..')) return rest === '' ? HOME_PREFIX : undefined;
  const slash = rest.indexOf('/');
  if (slash < 0) return rest.startsWith('.') || !rest.includes('.') ? `${HOME_PREFIX}${rest}/` : HOME_PREFIX;
  return `${HOME_PREFIX}${rest.slice(0, slash)}/`;
}

/** The path a `Path.home() / "a" / "b"` or `os.path.join(<home>, "a", ...)` expression names under the home, as "~/a/b". */
function homePath(source: PythonSource, node: SyntaxNode, names: ModuleNames): string | undefined {
  const resolved = (call: SyntaxNode) => resolvedCalleeOf(source, names, call) ?? '';
  if (node.name === 'CallExpression') {
    const name = resolved(node);
    if (name === 'pathlib.Path.home' || name === 'Path.home') return '~';
    if (name === 'os.path.expanduser' || name === 'posixpath.expanduser') {
      const text = stringLiteral(source, positionalArguments(source, node)[0]);
      return text === '~' || text?.startsWith(HOME_PREFIX) ? text : undefined;
    }
    // Path("~/.notes").expanduser()
    const callee = node.firstChild;
    if (callee?.name === 'MemberExpression' && source.slice(callee.lastChild!) === 'expanduser' && callee.firstChild?.name === 'CallExpression') {
      const inner = callee.firstChild;
      if (['pathlib.Path', 'Path'].includes(resolved(inner))) {
        const text = stringLiteral(source, positionalArguments(source, inner)[0]);
        return text === '~' || text?.startsWith(HOME_PREFIX) ? text : undefined;
      }
    }
    if (name === 'os.path.join') {
      const [first, ...rest] = positionalArguments(source, node);
      const base = first ? homePath(source, first, names) : undefined;
      if (base === undefined) return undefined;
      // The literal parts up to the first computed one.
      const known: string[] = [];
      for (const part of rest) {
        const text = stringLiteral(source, part);
        if (text === undefined) break;
        known.push(text);
      }
      return [base, ...known].join('/');
    }
    return undefined;
  }
  if (node.name === 'BinaryExpression') {
    const [left, operator, right] = children(node);
    if (!left || source.slice(operator!) !== '/') return undefined;
    const base = homePath(source, left, names);
    if (base === undefined) return undefined;
    const part = stringLiteral(source, right);
    return part === undefined ? base : `${base}/${part}`;
  }
  return undefined;
}

/** Paths under the home one module writes (see the top of this file). */
export function homeWritesIn(source: PythonSource): RuntimeWrite[] {
  const names = moduleNames(source);
  const usesDirs = names.imports.some((binding) => DIRS_MODULES.includes(binding.module.split('.')[0]!));
  const found: RuntimeWrite[] = [];
  const add = (path: string | undefined, node: SyntaxNode) => {
    const folder = path === undefined ? undefined : homeFolder(path);
    if (folder !== undefined && !found.some((write) => write.path === folder)) found.push({ path: folder, source: `${source.file}:${source.line(node.from)}`, home: true });
  };
  walk(source.tree.topNode, (node) => {
    if (node.name === 'CallExpression' || node.name === 'BinaryExpression') {
      const path = homePath(source, node, names);
      // The outermost expression names the longest path: skip what is inside it.
      if (path !== undefined) {
        add(path, node);
        return false;
      }
    }
    if (usesDirs && node.name === 'CallExpression') {
      const name = resolvedCalleeOf(source, names, node) ?? '';
      const [module, fn] = [name.slice(0, name.lastIndexOf('.')), name.slice(name.lastIndexOf('.') + 1)];
      if (DIRS_MODULES.includes(module) && USER_DIRS[fn]) add(`${HOME_PREFIX}${USER_DIRS[fn]}`, node);
    }
    // PlatformDirs("notes").user_cache_dir, dirs.user_data_path
    if (usesDirs && node.name === 'PropertyName') {
      const property = source.slice(node).replace(/_path$/, '_dir');
      if (USER_DIRS[property]) add(`${HOME_PREFIX}${USER_DIRS[property]}`, node);
    }
    return undefined;
  });
  return found;
}

/** Paths under the home written by the given files (project-relative), each folder once, the first source named. */
export async function findHomeWrites(project: ProjectFiles, files: readonly string[]): Promise<RuntimeWrite[]> {
  const found: RuntimeWrite[] = [];
  for (const file of files) {
    const source = await project.python(file);
    if (!source) continue;
    for (const write of homeWritesIn(source)) if (!found.some((seen) => seen.path === write.path)) found.push(write);
  }
  return found;
}
