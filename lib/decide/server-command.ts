/**
 * The serving command: which server runs the app and with which arguments, including following
 * the project's own serving configuration (gunicorn.conf.py, a Procfile web: line). No I/O.
 */
import type { StepComment } from './install-steps.js';
import { appArgumentIndex, bindListensOnAllInterfaces, bindPort, type GunicornHazard, type Serving, substitutePort } from '../read/serving.js';
import type { EntryKind, ProjectFacts } from '../read/types.js';
import { type Shown, shown } from './sinks.js';
import { type AppKind, appKind, type Server, SERVERS, serverChoices, serverFor } from '../tables/app-kinds.js';

export { SERVERS, serverChoices, type Server };

/** The server an entry point's kind runs in production (lib/tables/app-kinds.ts): Flask on gunicorn, FastAPI on uvicorn, Streamlit on streamlit... */
export function serverForEntry(kind: EntryKind | undefined, framework?: string): Server {
  return serverFor(appKind(framework), kind);
}

/** The server the project states (Procfile web: gunicorn / uvicorn), else the one its entry point's kind runs on. */
export function serverForProject(facts: Pick<ProjectFacts, 'entryPoint' | 'serving'>): Server {
  const program = facts.serving?.procfile?.program;
  const entry = facts.entryPoint;
  if ((program === 'gunicorn' || program === 'uvicorn') && entry && entry.kind !== 'script' && serverForEntry(entry.kind, entry.framework) !== 'sanic') return program;
  return serverForEntry(entry?.kind, entry?.framework);
}

/**
 * Python itself is PID 1 (`python app.py`, no server process in front of the app). PID 1 ignores a
 * SIGTERM it has no handler for, so this one decision gives the Dockerfile its STOPSIGNAL SIGINT
 * (the plan's stopSignal) and compose.yaml its `init: true` (a tiny init as PID 1 that forwards
 * signals and reaps the processes a script starts). The servers handle SIGTERM themselves.
 */
export function pythonIsPid1(server: Server): boolean {
  return server === 'python';
}

/** Where the CMD comes from: the project's own configuration, else the generator's defaults. */
export type ServingFrom = 'gunicorn.conf.py' | 'Procfile' | 'defaults';

/** What the serving command needs from the project input. */
export interface ServingInput {
  /** The project's own serving configuration (gunicorn.conf.py, Procfile web:). */
  serving?: Serving;
  /** A src/ layout: the folder the server adds to the import path. */
  pythonPath?: string;
  /** The user chose the server with --server: the Procfile's program is not followed. */
  serverChosenByUser?: boolean;
  /** The script `python <file>` (or `streamlit run <file>`) runs. */
  scriptEntry: string;
  /** The app's kind (lib/tables/app-kinds.ts): the server's extra arguments and environment come from it. */
  kind?: AppKind;
  /** The app is an `async def` factory (aiohttp): gunicorn's aiohttp worker awaits it. */
  asyncFactory?: boolean;
  /** Worker processes, for servers that take them as a flag (Sanic); the others read WEB_CONCURRENCY. */
  workers?: number;
}

/** The runtime image's ENV (KEY=value) and the comments that explain it. */
export interface RuntimeEnv {
  comments: StepComment[];
  settings: string[];
}

/** Renders an exec-form array the way people write it by hand: ["a", "b"] (control characters refused). */
export { execForm } from './sinks.js';

/**
 * Seconds the server lets requests in flight finish after SIGTERM: well below `docker stop`'s
 * 10 s (then SIGKILL, exit 137), so a stop during a request still sends its response and exits 0.
 * gunicorn's default is 30 s, uvicorn's unlimited: a request longer than 10 s is killed with
 * the container. Measured with gunicorn 27.0.1 on a loaded 2-CPU machine, `docker stop` 1 s into a
 * 3 s request: 9.5 s with 8, 6.7 s with 5 (answer sent, exit 0 both), so 5 leaves a margin.
 */
export const GRACEFUL_TIMEOUT_S = 5;

/** What the command needs besides the server, the app and the port. */
export interface ServeOptions {
  /** The app's kind: its extra server arguments (gunicorn's aiohttp worker). */
  kind?: AppKind;
  asyncFactory?: boolean;
  /** Sanic takes its worker count as a flag. */
  workers?: number;
}

/** The kind's own arguments for this server, when the server is the one the kind runs on. */
function kindArgs(server: Server, options: ServeOptions): string[] {
  const kind = options.kind;
  if (!kind || !Object.values(kind.servers).includes(server)) return [];
  return [...(kind.serverArgs ?? [])];
}

/** The app argument as the server takes it: gunicorn's aiohttp worker awaits an async factory named without its parentheses. */
function appArgument(server: Server, target: string, options: ServeOptions): string {
  return server === 'gunicorn' && options.asyncFactory && target.endsWith('()') ? target.slice(0, -2) : target;
}

export function serverArgs(server: Server, target: string, port: number, scriptEntry: string, options: ServeOptions = {}): string[] {
  // uvicorn and Sanic take "module:factory" plus --factory instead of gunicorn's "module:factory()".
  const factory = target.endsWith('()');
  const bare = factory ? target.slice(0, -2) : target;
  switch (server) {
    case 'gunicorn':
      return [
        'gunicorn',
        '--bind',
        `0.0.0.0:${port}`,
        '--worker-tmp-dir',
        '/dev/shm',
        '--graceful-timeout',
        String(GRACEFUL_TIMEOUT_S),
        '--access-logfile',
        '-',
        ...kindArgs(server, options),
        appArgument(server, target, options),
      ];
    case 'uvicorn':
      return ['uvicorn', '--host', '0.0.0.0', '--port', String(port), '--timeout-graceful-shutdown', String(GRACEFUL_TIMEOUT_S), ...(factory ? ['--factory'] : []), bare];
    case 'sanic':
      return ['sanic', '--host', '0.0.0.0', '--port', String(port), '--workers', String(options.workers ?? 1), '--access-logs', ...(factory ? ['--factory'] : []), bare];
    case 'streamlit':
      // headless: no browser and no e-mail prompt; no file watcher: the code in an image does not change.
      return ['streamlit', 'run', scriptEntry, '--server.address', '0.0.0.0', '--server.port', String(port), '--server.headless', 'true', '--server.fileWatcherType', 'none'];
    case 'python':
      return ['python', scriptEntry];
  }
}

/** A decision about the project's own serving configuration, worded by each language's messages. */
export type ServingDecision =
  | { kind: 'confInForce'; file: string; settings: string[] }
  | { kind: 'bindKept'; from: string; bind: string }
  | { kind: 'bindOverridden'; from: string; bind?: string; port: number }
  | { kind: 'procfileKept'; command: string }
  | { kind: 'procfileIgnored'; program: string; server: Server; byUser: boolean }
  | { kind: 'flagDropped'; flag: string; value: string }
  | { kind: 'appReplaced'; from: string; to: string }
  | { kind: 'srcLayout'; pythonPath: string; flag: string }
  /** The project's gunicorn.conf.py daemonizes (in some branch): not loaded (`--config /dev/null`); literal settings kept as flags. */
  | { kind: 'confBypassed'; file: string; hazard: ShownHazard; kept: Shown[] }
  /** A setting of the project's gunicorn.conf.py that stops the server in a container, overridden by a flag. */
  | { kind: 'confSettingOverridden'; file: string; hazard: ShownHazard; flag: string; value: string };

/** A gunicorn.conf.py hazard as texts show it: its value, place and condition are the project's own words, escaped. */
export interface ShownHazard {
  setting: GunicornHazard['setting'];
  value: Shown;
  source: Shown;
  condition?: Shown;
}

function shownHazard(hazard: GunicornHazard): ShownHazard {
  return { setting: hazard.setting, value: shown(hazard.value), source: shown(hazard.source), ...(hazard.condition !== undefined ? { condition: shown(hazard.condition) } : {}) };
}

/** What gunicorn loads instead of the project's gunicorn.conf.py when that file must not be loaded: nothing. */
export const NO_GUNICORN_CONFIG = '/dev/null';

/** A pid file gunicorn can write as the app user (in the runtime directory the image sets). */
export const GUNICORN_PIDFILE = '/dev/shm/gunicorn.pid';

/** The flag that overrides each hazard of a loaded gunicorn.conf.py (daemon has none: the file is not loaded then). */
const HAZARD_FLAGS: Readonly<Record<Exclude<GunicornHazard['setting'], 'daemon' | 'bind'>, [string, string]>> = {
  accesslog: ['--access-logfile', '-'],
  errorlog: ['--error-logfile', '-'],
  pidfile: ['--pid', GUNICORN_PIDFILE],
};

function withoutOption(argv: string[], names: string[]): { argv: string[]; values: string[] } {
  const out: string[] = [];
  const values: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const word = argv[index]!;
    const name = word.includes('=') ? word.slice(0, word.indexOf('=')) : word;
    if (!names.includes(name)) {
      out.push(word);
      continue;
    }
    if (word.includes('=')) values.push(word.slice(word.indexOf('=') + 1));
    else {
      values.push(argv[index + 1] ?? '');
      index += 1;
    }
  }
  return { argv: out, values };
}

/**
 * The server command when the project states how it is served (see lib/read/serving.ts):
 * a Procfile web: line running gunicorn or uvicorn is followed (its flags kept, $PORT filled in,
 * the bind made to listen on every interface at the planned port); else with gunicorn.conf.py,
 * gunicorn runs with the file in force and only the flags it needs (a --bind when the file binds
 * elsewhere, the app when the file does not name the same one). Everything overridden is said.
 */
export function projectServerArgs(
  server: Server,
  target: string,
  port: number,
  project: ServingInput,
): { args: string[]; from: ServingFrom; decisions: ServingDecision[] } {
  const decisions: ServingDecision[] = [];
  const serving = project.serving ?? {};
  const web = serving.procfile;
  const conf = serving.gunicornConf;
  const everywhere = `0.0.0.0:${port}`;
  const pythonPathArgs = (flag: string) => {
    if (!project.pythonPath) return [];
    decisions.push({ kind: 'srcLayout', pythonPath: project.pythonPath, flag });
    return [flag, project.pythonPath];
  };
  const confBindOk = conf?.bind !== undefined && bindListensOnAllInterfaces(conf.bind) && bindPort(conf.bind) === port;

  if (web && server !== 'python' && web.program !== server) {
    decisions.push({ kind: 'procfileIgnored', program: web.program, server, byUser: project.serverChosenByUser === true });
  }
  if (web && web.program === server && (server === 'gunicorn' || server === 'uvicorn')) {
    let argv = web.argv.map((word) => substitutePort(word, port));
    // Words that still need the shell (exec form expands nothing): dropped with their option.
    const kept: string[] = [argv[0]!];
    for (let index = 1; index < argv.length; index += 1) {
      const word = argv[index]!;
      const next = argv[index + 1];
      if (word.includes('$')) {
        decisions.push({ kind: 'flagDropped', flag: '', value: word });
        continue;
      }
      if (word.startsWith('-') && !word.includes('=') && next !== undefined && next.includes('$')) {
        decisions.push({ kind: 'flagDropped', flag: word, value: next });
        index += 1;
        continue;
      }
      kept.push(word);
    }
    argv = kept;
    if (server === 'gunicorn') {
      const { argv: rest, values } = withoutOption(argv, ['-b', '--bind']);
      const bind = values[0];
      decisions.push({ kind: 'procfileKept', command: web.command });
      if (bind !== undefined && bindListensOnAllInterfaces(bind) && bindPort(bind) === port) {
        decisions.push({ kind: 'bindKept', from: 'Procfile web:', bind });
      } else if (bind === undefined && confBindOk) {
        decisions.push({ kind: 'bindKept', from: conf!.file, bind: conf!.bind! });
      } else {
        decisions.push({ kind: 'bindOverridden', from: 'Procfile web:', bind, port });
        argv = [rest[0]!, '--bind', everywhere, ...rest.slice(1)];
      }
      argv = [argv[0]!, ...pythonPathArgs('--pythonpath'), ...argv.slice(1)];
      const at = appArgumentIndex(argv);
      if (at < 0) argv.push(target);
      else if (web.target !== target) {
        decisions.push({ kind: 'appReplaced', from: argv[at]!, to: target });
        argv[at] = target;
      }
      return { args: argv, from: 'Procfile', decisions };
    }
    // uvicorn
    const host = withoutOption(argv, ['--host']);
    const portOption = withoutOption(host.argv, ['--port']);
    const factory = target.endsWith('()');
    const app = factory ? target.slice(0, -2) : target;
    let rest = withoutOption(portOption.argv, ['--app-dir']).argv.filter((word) => word !== '--factory');
    const at = appArgumentIndex(rest);
    if (at > 0) {
      if (web.target !== target) decisions.push({ kind: 'appReplaced', from: rest[at]!, to: target });
      rest = [...rest.slice(0, at), ...rest.slice(at + 1)];
    }
    const hostOk = host.values[0] !== undefined && ['0.0.0.0', '::', '[::]'].includes(host.values[0]);
    const portOk = portOption.values[0] === String(port);
    decisions.push({ kind: 'procfileKept', command: web.command });
    if (!hostOk || !portOk) decisions.push({ kind: 'bindOverridden', from: 'Procfile web:', bind: `${host.values[0] ?? '127.0.0.1'}:${portOption.values[0] ?? '8000'}`, port });
    return {
      args: [rest[0]!, '--host', '0.0.0.0', '--port', String(port), ...pythonPathArgs('--app-dir'), ...rest.slice(1), ...(factory ? ['--factory'] : []), app],
      from: 'Procfile',
      decisions,
    };
  }
  const daemon = conf?.hazards?.find((hazard) => hazard.setting === 'daemon');
  if (conf && server === 'gunicorn' && daemon) {
    // gunicorn would fork into the background and PID 1 exit 0 with no log: the file is not loaded
    // at all; the generator's flags, plus what the file sets as plain literals, stand in for it.
    const kept = (conf.flags ?? []).flatMap(([flag, value]) => (value === '' ? [flag] : [flag, value]));
    decisions.push({ kind: 'confBypassed', file: conf.file, hazard: shownHazard(daemon), kept: (conf.flags ?? []).map(([flag, value]) => shown(value === '' ? flag : `${flag} ${value}`)) });
    // A worker class the file names comes after the kind's own, and the later flag wins.
    const args = serverArgs(server, target, port, project.scriptEntry, project);
    args.splice(1, 0, '--config', NO_GUNICORN_CONFIG);
    args.splice(args.length - 1, 0, ...kept, ...pythonPathArgs('--pythonpath'));
    return { args, from: 'defaults', decisions };
  }
  if (conf && server === 'gunicorn') {
    const hazards = conf.hazards ?? [];
    const bindHazard = hazards.find((hazard) => hazard.setting === 'bind');
    // Overriding a setting of the file: name the file, so the CMD says which one is in force.
    const args = hazards.length > 0 ? ['gunicorn', '--config', conf.file] : ['gunicorn'];
    decisions.push({ kind: 'confInForce', file: conf.file, settings: conf.sets });
    if (confBindOk && !bindHazard) decisions.push({ kind: 'bindKept', from: conf.file, bind: conf.bind! });
    else if (bindHazard && confBindOk) {
      decisions.push({ kind: 'confSettingOverridden', file: conf.file, hazard: shownHazard(bindHazard), flag: '--bind', value: everywhere });
      args.push('--bind', everywhere);
    } else {
      decisions.push({ kind: 'bindOverridden', from: conf.file, bind: conf.bind ?? (bindHazard ? shown(bindHazard.value) : undefined), port });
      args.push('--bind', everywhere);
    }
    for (const setting of ['accesslog', 'errorlog', 'pidfile'] as const) {
      const hazard = hazards.find((found) => found.setting === setting);
      if (!hazard) continue;
      const [flag, value] = HAZARD_FLAGS[setting];
      decisions.push({ kind: 'confSettingOverridden', file: conf.file, hazard: shownHazard(hazard), flag, value });
      args.push(flag, value);
    }
    args.push(...pythonPathArgs('--pythonpath'));
    if (!conf.sets.includes('worker_class')) args.push(...kindArgs(server, project));
    const app = appArgument(server, target, project);
    if (conf.wsgiApp !== app) args.push(app);
    return { args, from: 'gunicorn.conf.py', decisions };
  }
  const args = serverArgs(server, target, port, project.scriptEntry, project);
  if (project.pythonPath && (server === 'gunicorn' || server === 'uvicorn')) {
    const flag = server === 'gunicorn' ? '--pythonpath' : '--app-dir';
    args.splice(args.length - 1, 0, ...pythonPathArgs(flag));
  }

  return { args, from: 'defaults', decisions };
}

/** The comments above CMD: the project's own serving configuration, else the server's, and the graceful timeout the generator set. */
export function serverComments(server: Server, from: ServingFrom, decisions: readonly ServingDecision[] = []): StepComment[] {
  if (from !== 'defaults') return ['serverFromProject'];
  if (decisions.some((decision) => decision.kind === 'confBypassed')) return ['gunicornConfBypassed', 'serverGunicorn', 'gracefulTimeout'];
  if (server === 'gunicorn') return ['serverGunicorn', 'gracefulTimeout'];
  if (server === 'uvicorn') return ['serverUvicorn', 'gracefulTimeout'];
  if (server === 'sanic') return ['serverSanic'];
  if (server === 'streamlit') return ['serverStreamlit'];
  return ['serverScript'];
}

/**
 * The runtime image's environment: no .pyc at run time, unbuffered logs, the worker count, a
 * writable runtime dir for gunicorn's control socket; with uvicorn, a worker health-check timeout
 * that survives a slow cold start; with Sanic, the same graceful timeout as the other servers;
 * what the app's kind reads when the server is its own (Gradio's address and port).
 */
export function runtimeEnv(server: Server, workers: number, kind?: AppKind, port?: number): RuntimeEnv {
  const uvicorn = server === 'uvicorn';
  const kindEnv = kind && Object.values(kind.servers).includes(server) ? (kind.env ?? []).map((setting) => setting.replace('{port}', String(port ?? ''))) : [];
  return {
    comments: [...(uvicorn ? ['runtimeEnv', 'uvicornWorkerHealthcheck'] : ['runtimeEnv']), ...(kindEnv.length > 0 ? (['kindEnv'] as const) : [])] as StepComment[],
    settings: [
      'PYTHONDONTWRITEBYTECODE=1',
      'PYTHONUNBUFFERED=1',
      `WEB_CONCURRENCY=${workers}`,
      ...(uvicorn ? ['UVICORN_TIMEOUT_WORKER_HEALTHCHECK=60'] : []),
      ...(server === 'sanic' ? [`SANIC_GRACEFUL_SHUTDOWN_TIMEOUT=${GRACEFUL_TIMEOUT_S}`] : []),
      ...kindEnv,
      'XDG_RUNTIME_DIR=/dev/shm',
    ],
  };
}
