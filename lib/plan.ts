/**
 * The decision step: answers + what the project says -> everything the templates need.
 * No I/O and no Yeoman, so every decision is unit-tested.
 */
import { type Answers, endOfLife } from './answers.js';
import { type InstallPlan, planInstall, VENV } from './install.js';
import { NO_MUSLLINUX_WHEEL, normalizePackageName, osPackagesFor } from './native-deps.js';
import type { DjangoFacts, RequiredEnv, RuntimeWrite } from './project/types.js';
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
  /** Django's production settings, when the project is a Django project (lib/project/django.ts). */
  django?: DjangoFacts;
  /** Environment variables the app cannot start without (lib/project/env-vars.ts). */
  requiredEnv?: RequiredEnv[];
  /** Paths the app writes next to its code at run time (lib/project/writes.ts). */
  writes?: RuntimeWrite[];
}

/** What a Django project needs in the image besides its code. */
export interface DjangoPlan {
  /** Set in the image when the server's settings differ from manage.py's default, so every manage.py command uses the same. */
  settingsModuleEnv?: string;
  settingsModule: string;
  settingsSource: string;
  /** The collectstatic RUN (with build-only placeholders for what the settings need to import), when STATIC_ROOT is set. */
  collectstatic?: string;
  staticRoot?: string;
  whitenoise: boolean;
  /** Variables given a build-only placeholder on the collectstatic line, as [name, value]. */
  placeholders: Array<[string, string]>;
  /** The one-off migration command, run against the built image (never in CMD). */
  migrateArgs: string[];
  /** How SECRET_KEY, DEBUG and ALLOWED_HOSTS are read, as "SETTING: $VAR (required)" lines. */
  settingsReads: Array<{ setting: string; variable?: string; required: boolean; commaList: boolean; source: string }>;
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
  /** Installing into the base image's Python (single-stage files) and into /opt/venv (builder). */
  install: { single: InstallPlan; builder: InstallPlan };
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
  /** Environment variables the app needs at start (no default in the code): documented, never given a value in the image. */
  requiredEnv: RequiredEnv[];
  /** What the app writes next to its code ("instance/", "logs/", "db.sqlite3"): the app user owns them; volumes keep them. */
  writablePaths: string[];
  /** Folders (absolute) created in the image and owned by the app user, with the working directory itself first. */
  writableDirs: string[];
  /** The Django-specific steps, for a Django project. */
  django?: DjangoPlan;
  /** Set when the Python version no longer gets security fixes. */
  endOfLife?: { minor: string; date: string };
}

/** Renders an exec-form array the way people write it by hand: ["a", "b"]. */
export function execForm(args: readonly string[]): string {
  return `[${args.map((arg) => JSON.stringify(arg)).join(', ')}]`;
}

export function serverArgs(server: Server, target: string, port: number, scriptEntry: string): string[] {
  switch (server) {
    case 'gunicorn':
      return ['gunicorn', '--bind', `0.0.0.0:${port}`, '--worker-tmp-dir', '/dev/shm', '--access-logfile', '-', target];
    case 'uvicorn': {
      // uvicorn takes "module:factory" plus --factory instead of gunicorn's "module:factory()".
      const factory = target.endsWith('()');
      return ['uvicorn', '--host', '0.0.0.0', '--port', String(port), ...(factory ? ['--factory'] : []), factory ? target.slice(0, -2) : target];
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
      builder: planInstall(project.dependencies, 'venv', addedPackages),
    },
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
    endOfLife: eol,
    requiredEnv: [...(project.requiredEnv ?? [])],
    writablePaths: (project.writes ?? []).map((write) => write.path),
    writableDirs: writableDirs(project.writes ?? []),
    django: planDjango(project.django, project.requiredEnv ?? []),
  };
}

/** Where the image puts the code (the WORKDIR of every Dockerfile). */
export const APP_DIR = '/app';

/** The working directory and the folders the app writes, when it writes anything next to its code. */
export function writableDirs(writes: readonly RuntimeWrite[]): string[] {
  if (writes.length === 0) return [];
  const folders = writes.filter((write) => write.path.endsWith('/')).map((write) => `${APP_DIR}/${write.path.slice(0, -1)}`);
  return [APP_DIR, ...new Set(folders)];
}

/**
 * A value that lets settings import at build time and is visibly not a secret. Shaped after the
 * variable's name, since django-environ parses URLs (env.db) and booleans (env.bool).
 */
export function buildPlaceholder(name: string): string {
  if (/(^|_)DATABASE_URL$|^DB_URL$/.test(name)) return 'sqlite:////tmp/build-only.sqlite3';
  if (/REDIS|BROKER|CACHE_URL/.test(name)) return 'redis://127.0.0.1:6379/0';
  if (/_(URL|URI)$/.test(name)) return 'http://127.0.0.1/';
  if (/DEBUG/.test(name)) return 'False';
  if (/HOSTS?$|ORIGINS$/.test(name)) return 'localhost';
  if (/PORT$/.test(name)) return '1';
  return 'build-only-placeholder';
}

export function planDjango(django: DjangoFacts | undefined, requiredEnv: readonly RequiredEnv[]): DjangoPlan | undefined {
  if (!django) return undefined;
  const inSettings = (read: RequiredEnv) => django.settingsFiles.includes(read.source.slice(0, read.source.lastIndexOf(':')));
  const placeholders: Array<[string, string]> = requiredEnv.filter(inSettings).map((read) => [read.name, buildPlaceholder(read.name)]);
  const collects = django.staticRoot !== undefined && django.staticfilesApp;
  return {
    settingsModuleEnv: django.manageDefault !== undefined ? django.settingsModule : undefined,
    settingsModule: django.settingsModule,
    settingsSource: django.settingsSource,
    collectstatic: collects
      ? [...placeholders.map(([name, value]) => `${name}=${value}`), 'python', 'manage.py', 'collectstatic', '--noinput'].join(' ')
      : undefined,
    staticRoot: collects ? django.staticRoot : undefined,
    whitenoise: django.whitenoise,
    placeholders,
    migrateArgs: ['python', 'manage.py', 'migrate', '--noinput'],
    settingsReads: Object.entries(django.settings).map(([setting, read]) => ({ setting, ...read })),
  };
}

/** Joins shell commands into one RUN, one per line: "a \\\n && b". */
export function shellLines(commands: readonly string[]): string {
  return commands.join(' \\\n && ');
}
