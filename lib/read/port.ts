/**
 * The port the app listens on, only where the project states it as a number:
 * 1. gunicorn.conf.py: `bind = "0.0.0.0:8000"` (or a PORT default inside it);
 * 2. the entry point's module, then the other modules (app files first): a `.run(..., port=8000)`
 *    call (Flask's app.run, uvicorn.run, ...), else a PORT default such as
 *    `os.environ.get("PORT", 8000)` or `os.getenv("PORT", "8000")`.
 * An EXPOSE in an existing Dockerfile is not read: it may be stale or wrong.
 */
import { PREFERRED_APP_FILES } from './entry-point.js';
import type { ProjectFiles } from './project-files.js';
import { brackets, type PythonModule, listPythonModules, readCode } from './source.js';
import type { EntryPoint, Sourced } from './types.js';

export const GUNICORN_CONF = 'gunicorn.conf.py';

function validPort(text: string): number | undefined {
  const port = Number(text);
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : undefined;
}

/** Longest argument text looked at for `port=` (a real run() call is far shorter). */
const MAX_RUN_ARGUMENTS = 4096;

/**
 * The argument text of the call whose `(` is at `open`, up to its matching `)` (from one pass over
 * the file's brackets), at most MAX_RUN_ARGUMENTS long; empty when the call never closes. Bounded,
 * so a file of unclosed `a.run(` stays linear.
 */
function callArguments(code: string, open: number): string {
  const close = brackets(code).close[open]!;
  return close < 0 ? '' : code.slice(open + 1, Math.min(close, open + 1 + MAX_RUN_ARGUMENTS));
}

/** `x.run(..., port=8000, ...)` with a literal port: the port and the receiver ("app", "uvicorn"). */
export function portFromRunCall(code: string): { port: number; receiver: string } | undefined {
  for (const match of code.matchAll(/\b([A-Za-z_][\w.]*)\.run[ \t]*\(/g)) {
    const args = callArguments(code, match.index + match[0].length - 1);
    const port = /(?:^|[\s,(])port\s*=\s*(\d+)\s*(?:[,)]|$)/.exec(args);
    const value = port ? validPort(port[1]!) : undefined;
    if (value !== undefined) return { port: value, receiver: match[1]! };
  }
  return undefined;
}

/** `os.environ.get("PORT", 8000)`, `os.getenv("PORT", "8000")`, `environ.get('PORT', '5000')`: the default and the call as written. */
export function portFromEnvironmentDefault(code: string): { port: number; expression: string } | undefined {
  const pattern = /\b(?:os\.)?(?:environ\.get|getenv)\(\s*(['"])PORT\1\s*,\s*(['"]?)(\d+)\2\s*\)/g;
  for (const match of code.matchAll(pattern)) {
    const port = validPort(match[3]!);
    if (port !== undefined) return { port, expression: match[0].replace(/\s+/g, ' ') };
  }
  return undefined;
}

/** gunicorn's `bind = "0.0.0.0:8000"` (or `[":8000"]`). */
export function portFromGunicornBind(code: string): number | undefined {
  const match = /^bind[ \t]*=[ \t]*\[?[ \t]*['"][^'"\n]*:(\d+)['"]/m.exec(code);
  return match ? validPort(match[1]!) : undefined;
}

function fromModuleCode(file: string, code: string): Sourced<number> | undefined {
  const run = portFromRunCall(code);
  if (run) return { value: run.port, source: `${file} ${run.receiver}.run(port=...)` };
  const environment = portFromEnvironmentDefault(code);
  if (environment) return { value: environment.port, source: `${file} ${environment.expression}` };
  return undefined;
}

function preference(module: PythonModule): [number, number, string] {
  const name = module.file.slice(module.file.lastIndexOf('/') + 1);
  const preferred = (PREFERRED_APP_FILES as readonly string[]).indexOf(name);
  return [preferred === -1 ? PREFERRED_APP_FILES.length : preferred, module.depth, module.file];
}

/** The port the project states, with where it says so; undefined when it states none. */
export async function findPort(project: ProjectFiles, entry?: EntryPoint, modules?: PythonModule[]): Promise<Sourced<number> | undefined> {
  const gunicorn = await readCode(project, GUNICORN_CONF);
  if (gunicorn !== undefined) {
    const bind = portFromGunicornBind(gunicorn);
    if (bind !== undefined) return { value: bind, source: `${GUNICORN_CONF} bind` };
    const environment = portFromEnvironmentDefault(gunicorn);
    if (environment) return { value: environment.port, source: `${GUNICORN_CONF} ${environment.expression}` };
  }

  const all = [...(modules ?? (await listPythonModules(project)))].sort((a, b) => {
    const [pa, pb] = [preference(a), preference(b)];
    return pa[0] - pb[0] || pa[1] - pb[1] || (pa[2] < pb[2] ? -1 : pa[2] > pb[2] ? 1 : 0);
  });
  const entryFile = entry && entry.kind !== 'django' ? entry.source : undefined;
  const files = [...(entryFile ? [entryFile] : []), ...all.map((module) => module.file).filter((file) => file !== entryFile && file !== GUNICORN_CONF)];
  for (const file of files) {
    const code = await readCode(project, file);
    if (code === undefined) continue;
    const found = fromModuleCode(file, code);
    if (found) return found;
  }
  return undefined;
}
