/**
 * The decision step: answers + what the project says -> everything the templates need.
 * No I/O and no Yeoman, so every decision is unit-tested.
 */
import { type Answers, endOfLife } from './answers.js';
import { type InstallPlan, planInstall, VENV } from './install.js';
import { missingFromFullImage, NO_MUSLLINUX_WHEEL, normalizePackageName, osPackagesFor } from './native-deps.js';
import type { Dependencies, EntryKind } from './project/types.js';
import { SERVER_PINS } from './versions.js';

export const SERVERS = ['gunicorn', 'uvicorn', 'python'] as const;
export type Server = (typeof SERVERS)[number];

/** WSGI apps (Flask, Django) run on gunicorn, ASGI apps (FastAPI, Starlette) on uvicorn, scripts on python. */
export function serverForEntry(kind: EntryKind | undefined): Server {
  if (kind === 'asgi') return 'uvicorn';
  if (kind === 'script') return 'python';
  return 'gunicorn';
}

/** Something the user should know about the plan; worded by each language's messages. */
export type PlanWarning =
  | { kind: 'endOfLife'; minor: string; date: string }
  | { kind: 'noMuslWheel'; packages: string[] }
  | { kind: 'needsTomllib'; version: string };

export interface ProjectInput {
  dependencies: Dependencies;
  server: Server;
  /** The script `python <file>` runs: the server for `python`, the dev server in the teaching Dockerfiles. */
  scriptEntry: string;
  /** The workshop's sample app (its bad/better files run its dev server). */
  sample: boolean;
}

export interface DockerPlan {
  pythonVersion: string;
  alpine: boolean;
  images: {
    /** The big image with compilers: what Dockerfile.bad starts from. */
    full: string;
    /** What the better, production and runtime stages start from. */
    runtime: string;
  };
  port: number;
  workers: number;
  uid: number;
  gid: number;
  /** Name of the non-root user and group; its home exists (gunicorn and pip expect one). */
  user: string;
  home: string;
  wsgiApp: string;
  server: Server;
  /** The workshop's sample app, as opposed to a user's project. */
  sample: boolean;
  requirementsFile: string;
  scriptEntry: string;
  /**
   * Installing into the base image's Python (single-stage files) and into /opt/venv (builder).
   * `single` has every cache off (Dockerfile.bad / .better teach --no-cache-dir); `production`
   * (Dockerfile) and `builder` download through BuildKit cache mounts.
   */
  install: { single: InstallPlan; production: InstallPlan; builder: InstallPlan };
  /** The multi-stage builder stage. */
  builder: {
    /** Debian: the full python image (compilers and common -dev headers already in it); Alpine: the runtime image. */
    image: string;
    /** OS packages apt-get / apk still installs in the builder (empty: no apt-get at all). */
    packages: string[];
    /**
     * Debian: the builder lists the shared libraries the built extension modules link to outside
     * the venv (ldd), maps them to Debian packages (dpkg -S), and the runtime stage installs those.
     * Alpine: the table's runtimePackages instead.
     */
    scanRuntimeLibraries: boolean;
  };
  /** Cache mounts for apt's lists and archives (Debian; sharing=locked: apt takes locks). */
  aptCacheMounts: string[];
  venv: string;
  /** Server packages the project does not declare, installed so CMD exists (pinned). */
  addedPackages: string[];
  /** OS packages for the builder stage (compilers + headers) and the runtime stage (libraries). */
  buildPackages: string[];
  runtimePackages: string[];
  /** Packages recognised as needing a compile, for the messages. */
  nativePackages: string[];
  /** exec-form JSON arrays, ready for CMD / HEALTHCHECK. */
  serverCommand: string;
  /** What Dockerfile.bad / .better run: the sample's dev server (python main.py), else the server. */
  devCommand: string;
  devCommandIsScript: boolean;
  healthcheckCommand: string;
  warnings: PlanWarning[];
  /** The server's graceful timeout after SIGTERM (GRACEFUL_TIMEOUT_S), for the comments. */
  gracefulTimeoutS: number;
  /** Set when the Python version no longer gets security fixes. */
  endOfLife?: { minor: string; date: string };
}

/** Renders an exec-form array the way people write it by hand: ["a", "b"]. */
export function execForm(args: readonly string[]): string {
  return `[${args.map((arg) => JSON.stringify(arg)).join(', ')}]`;
}

/**
 * Seconds the server lets requests in flight finish after SIGTERM: well below `docker stop`'s
 * 10 s (then SIGKILL, exit 137), so a stop during a request still sends its response and exits 0.
 * gunicorn's default is 30 s, uvicorn's unlimited: a request longer than 10 s is killed with
 * the container. Measured with gunicorn 27.0.1 on a loaded 2-CPU machine, `docker stop` 1 s into a
 * 3 s request: 9.5 s with 8, 6.7 s with 5 (answer sent, exit 0 both), so 5 leaves a margin.
 */
export const GRACEFUL_TIMEOUT_S = 5;

export function serverArgs(server: Server, target: string, port: number, scriptEntry: string): string[] {
  switch (server) {
    case 'gunicorn':
      return ['gunicorn', '--bind', `0.0.0.0:${port}`, '--worker-tmp-dir', '/dev/shm', '--graceful-timeout', String(GRACEFUL_TIMEOUT_S), '--access-logfile', '-', target];
    case 'uvicorn': {
      // uvicorn takes "module:factory" plus --factory instead of gunicorn's "module:factory()".
      const factory = target.endsWith('()');
      return [
        'uvicorn',
        '--host',
        '0.0.0.0',
        '--port',
        String(port),
        '--timeout-graceful-shutdown',
        String(GRACEFUL_TIMEOUT_S),
        ...(factory ? ['--factory'] : []),
        factory ? target.slice(0, -2) : target,
      ];
    }
    case 'python':
      return ['python', scriptEntry];
  }
}

/** Server packages to add when the project does not depend on them. */
function missingServerPackages(server: Server, packages: readonly string[]): string[] {
  if (server === 'python') return [];
  const declared = new Set(packages.map(normalizePackageName));
  return declared.has(server) ? [] : [`${server}==${SERVER_PINS[server]}`];
}

export function planDocker(answers: Answers, project: ProjectInput, today: Date = new Date()): DockerPlan {
  const alpine = answers.baseVariant === 'alpine';
  const version = answers.pythonVersion;
  const runtimeTag = answers.baseVariant === 'full' ? version : `${version}-${answers.baseVariant}`;
  const packages = project.dependencies.packages;
  const native = osPackagesFor(packages, alpine ? 'alpine' : 'debian');
  // Compilers for the builder stage; build-base / build-essential are each distro's meta-package.
  const compilers = alpine ? ['build-base'] : ['build-essential'];
  const addedPackages = missingServerPackages(project.server, packages);

  const warnings: PlanWarning[] = [];
  const eol = endOfLife(version, today);
  if (eol) warnings.push({ kind: 'endOfLife', ...eol });
  if (alpine) {
    const normalized = new Set(packages.map(normalizePackageName));
    const noWheel = NO_MUSLLINUX_WHEEL.filter((name) => normalized.has(name));
    if (noWheel.length > 0) warnings.push({ kind: 'noMuslWheel', packages: noWheel });
  }
  if (project.dependencies.manager === 'pyproject' && /^3\.(8|9|10)(\.|$)/.test(version)) {
    warnings.push({ kind: 'needsTomllib', version });
  }

  const server = serverArgs(project.server, answers.wsgiApp, answers.port, project.scriptEntry);
  const devIsScript = project.sample || project.server === 'python';
  return {
    pythonVersion: version,
    alpine,
    images: { full: `python:${version}`, runtime: `python:${runtimeTag}` },
    port: answers.port,
    workers: answers.workers,
    uid: answers.uid,
    gid: answers.gid,
    user: 'app',
    home: '/home/app',
    wsgiApp: answers.wsgiApp,
    server: project.server,
    sample: project.sample,
    requirementsFile: project.dependencies.requirementsFile ?? 'requirements.txt',
    scriptEntry: project.scriptEntry,
    install: {
      single: planInstall(project.dependencies, 'system', addedPackages),
      production: planInstall(project.dependencies, 'system', addedPackages, { cache: true }),
      builder: planInstall(project.dependencies, 'venv', addedPackages, { cache: true }),
    },
    builder: alpine
      ? { image: `python:${runtimeTag}`, packages: [...compilers, ...native.build], scanRuntimeLibraries: false }
      : { image: `python:${version}`, packages: missingFromFullImage(native.build), scanRuntimeLibraries: true },
    aptCacheMounts: alpine ? [] : ['/var/cache/apt', '/var/lib/apt/lists'].map((dir) => `--mount=type=cache,target=${dir},sharing=locked`),
    venv: VENV,
    addedPackages,
    buildPackages: [...compilers, ...native.build],
    runtimePackages: [...native.runtime],
    nativePackages: native.matched,
    serverCommand: execForm(server),
    devCommand: execForm(devIsScript ? ['python', project.scriptEntry] : server),
    devCommandIsScript: devIsScript,
    // Any HTTP answer below 500 counts as alive (a 404 on / is still a running app); stdlib only.
    healthcheckCommand: execForm([
      'python',
      '-c',
      `import http.client as h; c = h.HTTPConnection('127.0.0.1', ${answers.port}, timeout=2); c.request('GET', '/'); exit(c.getresponse().status >= 500)`,
    ]),
    warnings,
    gracefulTimeoutS: GRACEFUL_TIMEOUT_S,
    endOfLife: eol,
  };
}

/** Joins shell commands into one RUN, one per line: "a \\\n && b". */
export function shellLines(commands: readonly string[]): string {
  return commands.join(' \\\n && ');
}
