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
import { type PythonSource, type SyntaxNode, assignmentOf, children, integerLiteral, parsePython, stringLiteral } from './python.js';
import { formatStringBody, stringValue } from './python-values.js';
import type { GunicornConf, GunicornHazard, ProcfileWeb, ReadNote, Serving } from './types.js';

export const PROCFILE = 'Procfile';

export type { GunicornConf, GunicornHazard, ProcfileWeb, Serving } from './types.js';

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

/**
 * Settings of a gunicorn.conf.py that a CMD can carry as flags when the file itself is not
 * loaded (it daemonizes): each with its flag, taken only from a top-level literal.
 */
export const GUNICORN_FLAGS: Readonly<Record<string, string>> = {
  worker_class: '--worker-class',
  threads: '--threads',
  timeout: '--timeout',
  keepalive: '--keep-alive',
  worker_connections: '--worker-connections',
  max_requests: '--max-requests',
  max_requests_jitter: '--max-requests-jitter',
  forwarded_allow_ips: '--forwarded-allow-ips',
  proc_name: '--name',
  loglevel: '--log-level',
  preload_app: '--preload',
};

/** One assignment of a config file and the branch it is in. */
interface ConfAssignment {
  name: string;
  value: SyntaxNode;
  line: number;
  /** The conditions that must hold for it to run (`ENVIRONMENT == "production"`), outermost first; empty at the top. */
  conditions: string[];
}

/** Every assignment of a module, in order, with the if/elif/else conditions around it (try and with bodies count as running). */
function assignmentsWithConditions(source: PythonSource): ConfAssignment[] {
  const found: ConfAssignment[] = [];
  const visit = (block: SyntaxNode, conditions: string[]): void => {
    for (const statement of children(block)) {
      const assignment = assignmentOf(source, statement);
      if (assignment?.value && assignment.update === undefined) {
        for (const name of assignment.targets) found.push({ name, value: assignment.value, line: assignment.line, conditions });
        continue;
      }
      if (statement.name === 'IfStatement') {
        // if A: ... elif B: ... else: ...  ->  [A], [B] (an elif reads as its own test), [not (A), not (B)]
        const parts = children(statement);
        const earlier: string[] = [];
        for (let index = 0; index < parts.length; index += 1) {
          const part = parts[index]!;
          if (part.name !== 'Body') continue;
          const testNode = parts[index - 2]?.name === 'if' || parts[index - 2]?.name === 'elif' ? parts[index - 1] : undefined;
          const test = testNode ? source.slice(testNode) : undefined;
          visit(part, [...conditions, ...(test ? [test] : earlier.map((text) => `not (${text})`))]);
          if (test) earlier.push(test);
        }
      } else if (['TryStatement', 'WithStatement', 'ForStatement', 'WhileStatement'].includes(statement.name)) {
        for (const body of statement.getChildren('Body')) visit(body, conditions);
      }
    }
  };
  visit(source.tree.topNode, []);
  return found;
}

/** The strings a bind value names: a string, or a list / tuple of them; f-strings and computed parts by their leading text. */
function bindTexts(source: PythonSource, value: SyntaxNode): string[] {
  const items = value.name === 'ArrayExpression' || value.name === 'TupleExpression' ? children(value).filter((child) => !['[', ']', '(', ')', ','].includes(child.name)) : [value];
  return items.map((item) => stringValue(source, item)?.value ?? leadingText(source, item)).filter((text): text is string => text !== undefined);
}

/** The literal text an f-string starts with (f"unix:{BASE_DIR}/app.sock" -> "unix:"), when it is one. */
function leadingText(source: PythonSource, node: SyntaxNode): string | undefined {
  if (node.name !== 'FormatString') return undefined;
  const body = formatStringBody(source, node);
  const first = node.getChild('FormatReplacement');
  return source.text.slice(body.from, first ? first.from : body.to);
}

/** A value that turns a setting off: None, False, 0, "-" (standard output, for logs). */
function isOff(source: PythonSource, value: SyntaxNode, dash: boolean): boolean {
  const text = source.slice(value);
  if (text === 'None' || text === 'False' || text === '0') return true;
  return dash && stringLiteral(source, value) === '-';
}

/** What in a gunicorn.conf.py stops the server in a container, in any branch (see GunicornHazard). */
function hazardsOf(source: PythonSource, assignments: readonly ConfAssignment[]): GunicornHazard[] {
  const hazards: GunicornHazard[] = [];
  for (const { name, value, line, conditions } of assignments) {
    const setting = name === 'logfile' ? 'errorlog' : name;
    let hazard = false;
    if (setting === 'daemon') hazard = !isOff(source, value, false);
    else if (setting === 'bind') hazard = bindTexts(source, value).some((text) => text.startsWith('unix:') || text.startsWith('fd://'));
    else if (setting === 'accesslog' || setting === 'errorlog') hazard = !isOff(source, value, true);
    else if (setting === 'pidfile') hazard = !isOff(source, value, false);
    if (!hazard) continue;
    hazards.push({
      setting: setting as GunicornHazard['setting'],
      value: source.slice(value),
      source: `${source.file}:${line}`,
      ...(conditions.length > 0 ? { condition: conditions.join(' and ') } : {}),
    });
  }
  return hazards;
}

/** A literal a flag can carry: a string, a number, True. */
function flagValue(source: PythonSource, value: SyntaxNode): string | undefined {
  const text = stringLiteral(source, value);
  if (text !== undefined) return text;
  const number = integerLiteral(source, value);
  if (number !== undefined) return String(number);
  return source.slice(value) === 'True' ? '' : undefined;
}

/** Settings of a parsed gunicorn.conf.py: what it sets at the top, its bind and wsgi_app, what stops it in a container, what flags can carry. */
export function gunicornConfOf(source: PythonSource): GunicornConf {
  const conf: GunicornConf = { file: source.file, bindComputed: false, sets: [] };
  const assignments = assignmentsWithConditions(source);
  const top = assignments.filter((assignment) => assignment.conditions.length === 0);
  for (const setting of GUNICORN_SETTINGS) {
    if (top.some((assignment) => assignment.name === setting)) conf.sets.push(setting);
  }
  const bind = top.find((assignment) => assignment.name === 'bind');
  if (bind) {
    const items = bind.value.name === 'ArrayExpression' ? children(bind.value).filter((child) => !['[', ']', ','].includes(child.name)) : [bind.value];
    const literal = items.length === 1 ? stringLiteral(source, items[0]) : undefined;
    if (literal !== undefined) conf.bind = literal;
    else conf.bindComputed = true;
  }
  const app = top.find((assignment) => assignment.name === 'wsgi_app');
  const appName = app ? stringLiteral(source, app.value) : undefined;
  if (appName) conf.wsgiApp = appName;
  const hazards = hazardsOf(source, assignments);
  if (hazards.length > 0) conf.hazards = hazards;
  const flags: Array<[string, string]> = [];
  for (const [setting, flag] of Object.entries(GUNICORN_FLAGS)) {
    const last = top.filter((assignment) => assignment.name === setting).pop();
    // Only a value no branch changes: the flag must say what the file would have said in any environment.
    if (!last || assignments.some((assignment) => assignment.name === setting && assignment.conditions.length > 0)) continue;
    const value = flagValue(source, last.value);
    if (value === undefined || (value === '' && flag !== '--preload')) continue;
    flags.push([flag, value]);
  }
  if (flags.length > 0) conf.flags = flags;
  return conf;
}

/** Module-level settings of a gunicorn.conf.py text (see gunicornConfOf). */
export function parseGunicornConf(file: string, text: string): GunicornConf {
  return gunicornConfOf(parsePython(file, text));
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
  const conf = await project.python(GUNICORN_CONF);
  if (conf !== undefined) serving.gunicornConf = gunicornConfOf(conf);
  const procfile = await project.text(PROCFILE);
  if (procfile !== undefined) {
    const web = parseProcfile(procfile);
    if (web) serving.procfile = web;
  }
  return serving;
}

/** What the project's serving configuration says, as notes. */
export function servingNotes(serving: Serving): ReadNote[] {
  const notes: ReadNote[] = [];
  const conf = serving.gunicornConf;
  if (conf) {
    notes.push({ code: 'gunicornConf', file: conf.file, ...(conf.bind ? { bind: conf.bind } : {}), bindComputed: conf.bindComputed, ...(conf.wsgiApp ? { wsgiApp: conf.wsgiApp } : {}) });
  }
  if (serving.procfile) notes.push({ code: 'procfile', file: PROCFILE, command: serving.procfile.command });
  return notes;
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
