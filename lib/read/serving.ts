/**
 * How the project says it wants to be served, read from its own files (never executed):
 * - gunicorn.conf.py at the root: gunicorn loads it from the working directory on its own, so
 *   its `bind`, `wsgi_app`, `workers`, `accesslog`, `worker_tmp_dir` are in force in the image;
 * - a Procfile's `web:` line (Heroku, Dokku, honcho): the server, the app and the flags the
 *   project runs with.
 * The decisions (what CMD keeps, what it overrides and why) are in lib/decide/plan.ts.
 */
import type { ProjectFiles } from './project-files.js';
import { GUNICORN_CONF } from './port.js';
import { readCode } from './source.js';
import type { GunicornConf, ProcfileWeb, Serving } from './types.js';

export const PROCFILE = 'Procfile';

export type { GunicornConf, ProcfileWeb, Serving } from './types.js';

/** Splits a command line like a POSIX shell does for plain words and quotes (no expansion). */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let index = 0; index < command.length; index += 1) {
    const char = command[index]!;
    if (char === "'") {
      const end = command.indexOf("'", index + 1);
      current += command.slice(index + 1, end === -1 ? undefined : end);
      index = end === -1 ? command.length : end;
      inWord = true;
    } else if (char === '"') {
      let end = index + 1;
      while (end < command.length && command[end] !== '"') {
        if (command[end] === '\\' && end + 1 < command.length) end += 1;
        current += command[end];
        end += 1;
      }
      index = end;
      inWord = true;
    } else if (char === '\\' && index + 1 < command.length) {
      current += command[index + 1];
      index += 1;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** gunicorn / uvicorn options that take a value (the app argument is the first other word). */
const VALUE_OPTIONS = new Set([
  '-b', '--bind', '-w', '--workers', '-k', '--worker-class', '-c', '--config', '-t', '--timeout', '--threads', '--log-level', '--log-file',
  '--access-logfile', '--error-logfile', '--chdir', '--pythonpath', '--worker-tmp-dir', '--keep-alive', '--graceful-timeout', '--max-requests',
  '--max-requests-jitter', '--forwarded-allow-ips', '-e', '--env', '--user', '--group', '--name', '-n', '--host', '--port', '--app-dir',
  '--root-path', '--proxy-headers-ips', '--log-config', '--limit-concurrency', '--backlog', '--timeout-keep-alive', '--env-file', '--uds', '--fd',
  '--ws', '--http', '--loop', '--lifespan', '--interface', '--h11-max-incomplete-event-size', '--limit-max-requests', '--timeout-graceful-shutdown',
  '--access-logformat', '--statsd-host', '--capture-output', '--paste', '--certfile', '--keyfile',
]);

/** Where the app argument of a gunicorn / uvicorn command line is: the first word that is not an option or an option's value; -1 when none. */
export function appArgumentIndex(argv: string[]): number {
  for (let index = 1; index < argv.length; index += 1) {
    const word = argv[index]!;
    if (word.startsWith('-')) {
      if (!word.includes('=') && VALUE_OPTIONS.has(word)) index += 1;
      continue;
    }
    return index;
  }
  return -1;
}

/** The app argument of a gunicorn / uvicorn command line, as "module:attribute" (gunicorn reads a bare module as module:application). */
export function appArgument(argv: string[]): string | undefined {
  const word = argv[appArgumentIndex(argv)];
  if (word === undefined) return undefined;
  if (/^[A-Za-z_][\w.]*:[A-Za-z_][\w.]*(\(.*\))?$/.test(word)) return word;
  if (/^[A-Za-z_][\w.]*$/.test(word) && argv[0]!.endsWith('gunicorn')) return `${word}:application`;
  return undefined;
}

/** The `web:` line of a Procfile text. */
export function parseProcfile(text: string): ProcfileWeb | undefined {
  const line = text.split(/\r?\n/).find((l) => /^web[ \t]*:/.test(l));
  if (!line) return undefined;
  const command = line.replace(/^web[ \t]*:/, '').trim();
  let argv = shellWords(command);
  while (argv.length > 0 && /^[A-Za-z_]\w*=/.test(argv[0]!)) argv = argv.slice(1); // FOO=bar gunicorn ...
  if (argv[0] === 'exec') argv = argv.slice(1);
  if (argv.length === 0) return undefined;
  const program = argv[0]!.split('/').pop()!;
  const web: ProcfileWeb = { command, argv, program };
  if (program === 'gunicorn' || program === 'uvicorn') {
    let target = appArgument(argv);
    // uvicorn --factory module:create_app is gunicorn's module:create_app()
    if (target && program === 'uvicorn' && argv.includes('--factory') && !target.endsWith(')')) target = `${target}()`;
    if (target) web.target = target;
  }
  return web;
}

const GUNICORN_SETTINGS = ['bind', 'wsgi_app', 'workers', 'worker_class', 'accesslog', 'errorlog', 'worker_tmp_dir', 'loglevel', 'timeout', 'threads', 'chdir', 'pythonpath'];

/** Module-level settings of a gunicorn.conf.py text (code only: comments and docstrings removed). */
export function parseGunicornConf(file: string, code: string): GunicornConf {
  const conf: GunicornConf = { file, bindComputed: false, sets: [] };
  for (const setting of GUNICORN_SETTINGS) {
    if (new RegExp(`^${setting}[ \\t]*=`, 'm').test(code)) conf.sets.push(setting);
  }
  const bindLine = /^bind[ \t]*=[ \t]*(.*)$/m.exec(code);
  if (bindLine) {
    const literal = /^\[?[ \t]*(['"])([^'"\n]*)\1[ \t]*,?[ \t]*\]?[ \t]*$/.exec(bindLine[1]!.trim());
    if (literal) conf.bind = literal[2];
    else conf.bindComputed = true;
  }
  const app = /^wsgi_app[ \t]*=[ \t]*(['"])([^'"\n]+)\1/m.exec(code);
  if (app) conf.wsgiApp = app[2];
  return conf;
}

/** Where a bind address listens: reachable from outside the container (every interface), or not. */
export function bindListensOnAllInterfaces(bind: string): boolean {
  if (bind.startsWith('unix:') || bind.startsWith('fd://')) return false;
  const host = bind.includes(':') ? bind.slice(0, bind.lastIndexOf(':')) : bind;
  return ['0.0.0.0', '', '[::]', '::', '*'].includes(host);
}

/** The port of a bind address ("0.0.0.0:8000" -> 8000); gunicorn's default is 8000. */
export function bindPort(bind: string): number | undefined {
  const match = /:(\d+)$/.exec(bind);
  if (match) return Number(match[1]);
  return /^[\w.]+$/.test(bind) ? 8000 : undefined;
}

/** Reads gunicorn.conf.py and the Procfile at the root. */
export async function readServing(project: ProjectFiles): Promise<Serving> {
  const serving: Serving = {};
  const conf = await readCode(project, GUNICORN_CONF);
  if (conf !== undefined) serving.gunicornConf = parseGunicornConf(GUNICORN_CONF, conf);
  const procfile = await project.text(PROCFILE);
  if (procfile !== undefined) {
    const web = parseProcfile(procfile);
    if (web) serving.procfile = web;
  }
  return serving;
}

/** Lines for the "Read from the project" block. */
export function describeServing(serving: Serving): string[] {
  const lines: string[] = [];
  const conf = serving.gunicornConf;
  if (conf) {
    const bind = conf.bind ? `binds ${conf.bind}` : conf.bindComputed ? 'computes its bind' : 'sets no bind (gunicorn would listen on 127.0.0.1:8000)';
    const app = conf.wsgiApp ? `, wsgi_app ${conf.wsgiApp}` : '';
    lines.push(`serving: ${conf.file} ${bind}${app} (gunicorn loads it from the working directory)`);
  }
  if (serving.procfile) lines.push(`serving: ${PROCFILE} web: ${serving.procfile.command}`);
  return lines;
}

/** `$PORT`, `${PORT}`, `${PORT:-8000}` in a word, replaced by the port. */
export function substitutePort(word: string, port: number): string {
  return word.replace(/\$\{PORT(?::?-[^}]*)?\}|\$PORT\b/g, String(port));
}

/** A literal port the Procfile's web: line states (--bind host:8000, --port 8000). */
export function procfilePort(web: ProcfileWeb): number | undefined {
  for (let index = 1; index < web.argv.length; index += 1) {
    const word = web.argv[index]!;
    const [flag, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, undefined];
    const value = inline ?? web.argv[index + 1];
    if (value === undefined) continue;
    if (flag === '-b' || flag === '--bind') {
      const match = /:(\d+)$/.exec(value);
      if (match) return Number(match[1]);
    }
    if (flag === '--port' && /^\d+$/.test(value)) return Number(value);
  }
  return undefined;
}
