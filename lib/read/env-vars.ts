/**
 * Environment variables an app cannot start without, read from its source text (never run):
 * a container that builds and then dies on `KeyError: 'DATABASE_URL'` is the failure this finds.
 *
 * Required means: read with no default where a missing value stops the import:
 * - `os.environ["X"]` (a KeyError), outside an assignment to it;
 * - django-environ `env("X")` / `env.str("X")` / `env.db("X")` ... with no default (no second
 *   positional argument, no `default=`), where the module builds or imports an `environ.Env()` named `env`;
 * - python-decouple `config("X")` / `config("X", cast=Csv())` with no default, where `config` comes from decouple;
 * - `NAME = os.getenv("X")` / `os.environ.get("X")` followed within a few lines by
 *   `if not NAME:` / `if NAME is None:` and a `raise`.
 * Reads with a default (`os.environ.get("X", "y")`, `env.bool("X", False)`, `env("X", default=...)`)
 * are not required.
 */
import type { ProjectFiles } from './project-files.js';
import { argumentPrefixes, lineOf, scanCode } from './source.js';

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

const NAME = `['"]([A-Za-z_][A-Za-z0-9_]*)['"]`;
/** The string literal that opens a call's arguments: `("NAME"`, read from just after the parenthesis. */
const FIRST_NAME = /[ \t]*['"]([A-Za-z_][A-Za-z0-9_]*)['"]/y;
/** `if not NAME:` / `if NAME is None:`, the variable captured. */
const IF_MISSING = /^[ \t]*if[ \t]+(?:not[ \t]+([A-Za-z_]\w*)\b|([A-Za-z_]\w*)[ \t]+is[ \t]+None\b)/;
const ENV_METHODS = 'str|bool|int|float|list|tuple|dict|json|url|db|db_url|cache|cache_url|email|email_url|search_url|path';

/** Whether `env(...)` in this module is django-environ's reader. */
function usesDjangoEnviron(code: string): boolean {
  // [ \t], not \s: with /m, \s* at a line start would run on over every blank line after it (quadratic in a file of newlines).
  return /^[ \t]*env[ \t]*=[ \t]*(?:environ\.)?Env[ \t]*\(/m.test(code) || /^[ \t]*from[ \t]+\S+[ \t]+import[ \t]+(?:[^\n]*\b)?env\b/m.test(code);
}

function usesDecouple(code: string): boolean {
  return /^[ \t]*from[ \t]+decouple[ \t]+import[ \t]+[^\n]*\bconfig\b/m.test(code);
}

/** The arguments of the call whose "(" is at `open`, split at top-level commas (trimmed); undefined when unbalanced. */
export function callArguments(code: string, open: number): string[] | undefined {
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

/** Required environment variables read by one module's code (comments and docstrings already removed). */
export function requiredEnvInCode(code: string, file: string): RequiredEnv[] {
  const found: Array<RequiredEnv & { index: number }> = [];
  const add = (name: string, index: number, how: string) => {
    if (SET_BY_IMAGE.has(name)) return;
    found.push({ name, index, how, source: `${file}:${lineOf(code, index)}` });
  };

  // os.environ["X"], but not os.environ["X"] = ... (an assignment) nor a membership test.
  for (const match of code.matchAll(new RegExp(`\\b(?:os\\.)?environ\\[\\s*${NAME}\\s*\\](?!\\s*=[^=])`, 'g'))) {
    add(match[1]!, match.index!, `os.environ["${match[1]}"]`);
  }
  // Each call's arguments come from one pass over the file's brackets (lib/read/source.ts), cut to
  // their starts: a file of unclosed or nested calls stays linear.
  const withoutDefault = (pattern: RegExp, how: (match: RegExpMatchArray, name: string) => string) => {
    for (const match of code.matchAll(pattern)) {
      const open = match.index! + match[0].length - 1;
      FIRST_NAME.lastIndex = open + 1;
      const name = FIRST_NAME.exec(code)?.[1];
      const args = argumentPrefixes(code, open);
      if (name !== undefined && args && !givesDefault(args)) add(name, match.index!, how(match, name));
    }
  };
  if (usesDjangoEnviron(code)) {
    withoutDefault(new RegExp(`(?<![\\w.])env(\\.(?:${ENV_METHODS}))?\\((?=[ \\t]*${NAME})`, 'g'), (m, name) => `env${m[1] ?? ''}("${name}")`);
  }
  if (usesDecouple(code)) {
    withoutDefault(new RegExp(`(?<![\\w.])config\\((?=[ \\t]*${NAME})`, 'g'), (_, name) => `config("${name}")`);
  }
  // NAME = os.getenv("X") ... if not NAME: raise
  const lines = code.split('\n');
  const getenv = new RegExp(`^[ \\t]*([A-Za-z_]\\w*)[ \\t]*(?::[^=]*)?=[ \\t]*os\\.(?:getenv|environ\\.get)\\([ \\t]*${NAME}[ \\t]*\\)[ \\t]*$`);
  let offset = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const match = getenv.exec(lines[index]!);
    if (match) {
      const [, variable, name] = match;
      for (let next = index + 1; next < Math.min(lines.length, index + 6); next += 1) {
        const test = IF_MISSING.exec(lines[next]!);
        if ((test?.[1] ?? test?.[2]) !== variable) continue;
        const body = lines.slice(next, next + 3).join('\n');
        if (/\braise\b/.test(body)) add(name!, offset + lines[index]!.indexOf('os.'), `os.getenv("${name}") then raise`);
        break;
      }
    }
    offset += lines[index]!.length + 1;
  }
  return found.sort((a, b) => a.index - b.index).map(({ name, source, how }) => ({ name, source, how }));
}

/** Required variables read by the given files (project-relative), each variable once (its first read). */
export function findRequiredEnv(project: ProjectFiles, files: readonly string[]): Promise<RequiredEnv[]> {
  return scanCode(project, files, requiredEnvInCode, (read) => read.name);
}
