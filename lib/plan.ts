/**
 * The decision step: answers + what the project says -> everything the templates need.
 * No I/O and no Yeoman, so every decision is unit-tested.
 */
import type { Answers } from './answer-types.js';
import { type InstallPlan, planInstall, VENV } from './install.js';
import { badInstallStep, builderPackagesStep, type InstallSteps, installSteps, type OsContext, type RunStep, runtimeLibrariesStep, type StepComment } from './install-steps.js';
import { BINARY_FALLBACKS, missingFromFullImage, NO_MUSLLINUX_WHEEL, normalizePackageName, osPackagesFor } from './native-deps.js';
import type { DjangoFacts, RequiredEnv, RuntimeWrite } from './project/types.js';
import { appArgumentIndex, bindListensOnAllInterfaces, bindPort, type Serving, substitutePort } from './project/serving.js';
import type { Dependencies, EntryKind, ProjectFacts } from './project/types.js';
import { ERA_COMPANIONS, ERA_REFUSALS, endOfLife, SERVER_PINS } from './versions.js';

export const SERVERS = ['gunicorn', 'uvicorn', 'python'] as const;
export type Server = (typeof SERVERS)[number];

/** WSGI apps (Flask, Django) run on gunicorn, ASGI apps (FastAPI, Starlette) on uvicorn, scripts on python. */
export function serverForEntry(kind: EntryKind | undefined): Server {
  if (kind === 'asgi') return 'uvicorn';
  if (kind === 'script') return 'python';
  return 'gunicorn';
}

/** The server the project states (Procfile web: gunicorn / uvicorn), else the one its entry point needs. */
export function serverForProject(facts: Pick<ProjectFacts, 'entryPoint' | 'serving'>): Server {
  const program = facts.serving?.procfile?.program;
  if ((program === 'gunicorn' || program === 'uvicorn') && facts.entryPoint && facts.entryPoint.kind !== 'script') return program;
  return serverForEntry(facts.entryPoint?.kind);
}

/** Why no Dockerfile can be written for this project as it is (a one-line refusal), or undefined. */
export type Refusal = { kind: 'noDependencyFile'; framework: string } | { kind: 'unimportableApp'; files: string[] } | { kind: 'noAppFound' };

/**
 * Refuse rather than write a Dockerfile that cannot build or a CMD that cannot start:
 * framework code but no dependency file; a server to run but no app found and none named
 * (--wsgi-app or a stored answer), with the reason when the app is in a file no server can import.
 */
export function servingRefusal(facts: ProjectFacts, server: Server, userNamedApp: boolean): Refusal | undefined {
  const entry = facts.entryPoint;
  if (!facts.dependencies && entry && entry.kind !== 'script') {
    const names: Record<string, string> = { flask: 'Flask', django: 'Django', fastapi: 'FastAPI', starlette: 'Starlette', quart: 'Quart', litestar: 'Litestar' };
    return { kind: 'noDependencyFile', framework: names[entry.framework ?? ''] ?? 'a web framework' };
  }
  if (server === 'python' || userNamedApp) return undefined;
  if (!entry || entry.kind === 'script') {
    if (facts.unimportableApps?.length) return { kind: 'unimportableApp', files: facts.unimportableApps };
    if (!entry) return { kind: 'noAppFound' };
  }
  return undefined;
}

/** The words for a refusal, in the user's language (Messages['text'] in lib/messages/types.ts has them). */
export interface RefusalTexts {
  noAppFound: string;
  unimportableApp: (files: string[]) => string;
  noDependencyFile: (framework: string) => string;
}

export function refusalText(refusal: Refusal, text: RefusalTexts): string {
  switch (refusal.kind) {
    case 'noDependencyFile':
      return text.noDependencyFile(refusal.framework);
    case 'unimportableApp':
      return text.unimportableApp(refusal.files);
    case 'noAppFound':
      return text.noAppFound;
  }
}

/** A src/ layout: the import-path folder of the app's top package (the entry found, or another candidate with that module). */
export function pythonPathFor(target: string, facts: Pick<ProjectFacts, 'entryPoint' | 'otherEntryPoints'>): string | undefined {
  const top = target.split(':')[0]!.split('.')[0];
  const known = [facts.entryPoint, ...(facts.otherEntryPoints ?? [])].find((entry) => entry?.pythonPath && entry.target.split(':')[0]!.split('.')[0] === top);
  return known?.pythonPath;
}

/** Something the user should know about the plan; worded by each language's messages. */
export type PlanWarning =
  | { kind: 'endOfLife'; minor: string; date: string }
  | { kind: 'noMuslWheel'; packages: string[] }
  | { kind: 'needsTomllib'; version: string }
  | { kind: 'noWheelForPython'; version: string; packages: string[] }
  /** Compiled on Linux (wheels for other systems only) with -dev headers the table does not know. */
  | { kind: 'compilesUnknownHeaders'; packages: string[] }
  | { kind: 'eraCompanion'; added: string; pinned: string; why: string }
  | { kind: 'eraUnsupported'; pinned: string; fix: string };

export interface ProjectInput {
  dependencies: Dependencies;
  server: Server;
  /** The script `python <file>` runs: the server for `python`, the dev server in the teaching Dockerfiles. */
  scriptEntry: string;
  /** The workshop's sample app (its bad/better files run its dev server). */
  sample: boolean;
  /** The project's own serving configuration (gunicorn.conf.py, Procfile web:). */
  serving?: Serving;
  /** A src/ layout: the folder the server adds to the import path. */
  pythonPath?: string;
  /** The user chose the server with --server: the Procfile's program is not followed. */
  serverChosenByUser?: boolean;
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

/** Every RUN the Dockerfiles install with, decided (lib/install-steps.ts); the templates print them. */
export interface DockerfileSteps {
  /** Dockerfile.bad's one install RUN after `COPY . .`, or none. */
  bad?: RunStep;
  /** Dockerfile.better (caches off, compilers around the step that compiles). */
  better: InstallSteps;
  /** Dockerfile (cache mounts, compilers around the step that compiles). */
  production: InstallSteps;
  /** The multi-stage builder (into /opt/venv; compilers stay in the stage). */
  builder: InstallSteps;
  /** The builder's OS packages (compilers, headers), or none. */
  builderPackages?: RunStep;
  /** The multi-stage runtime stage's shared libraries, or none. */
  runtimeLibraries?: RunStep;
  /** Django's collectstatic, after the code is copied, or none. */
  collectstatic?: RunStep;
}

export interface DockerPlan {
  pythonVersion: string;
  /** The base image variant the user chose (the runtime image's tag suffix). */
  baseVariant: Answers['baseVariant'];
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
  /** The HEALTHCHECK's command as an argument array: exec form in the Dockerfile, ["CMD", ...] in compose.yaml. */
  healthcheckArgs: string[];
  /** The RUN steps, decided (commands, mounts, comments, hadolint exceptions). */
  steps: DockerfileSteps;
  /** The comments above CMD: where the command comes from, and the graceful timeout when the generator chose it. */
  serverComments: StepComment[];
  /** The runtime image's ENV (KEY=value) and the comments that explain it. */
  runtimeEnv: { comments: StepComment[]; settings: string[] };
  warnings: PlanWarning[];
  /** The server's graceful timeout after SIGTERM (GRACEFUL_TIMEOUT_S), for the comments. */
  gracefulTimeoutS: number;
  /** Environment variables the app needs at start (no default in the code): documented, never given a value in the image. */
  requiredEnv: RequiredEnv[];
  /** What the app writes next to its code ("instance/", "logs/", "db.sqlite3"): the app user owns them; volumes keep them. */
  writablePaths: string[];
  /** Folders (absolute) created in the image and owned by the app user, with the working directory itself first. */
  writableDirs: string[];
  /** The Django-specific steps, for a Django project. */
  django?: DjangoPlan;
  /** Where the CMD comes from: the project's own configuration, else the generator's defaults. */
  servingFrom: 'gunicorn.conf.py' | 'Procfile' | 'defaults';
  /** What CMD kept from the project's serving configuration and what it overrode, and why. */
  servingDecisions: ServingDecision[];
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

/** A decision about the project's own serving configuration, worded by each language's messages. */
export type ServingDecision =
  | { kind: 'confInForce'; file: string; settings: string[] }
  | { kind: 'bindKept'; from: string; bind: string }
  | { kind: 'bindOverridden'; from: string; bind?: string; port: number }
  | { kind: 'procfileKept'; command: string }
  | { kind: 'procfileIgnored'; program: string; server: Server; byUser: boolean }
  | { kind: 'flagDropped'; flag: string; value: string }
  | { kind: 'appReplaced'; from: string; to: string }
  | { kind: 'srcLayout'; pythonPath: string; flag: string };

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
 * The server command when the project states how it is served (see lib/project/serving.ts):
 * a Procfile web: line running gunicorn or uvicorn is followed (its flags kept, $PORT filled in,
 * the bind made to listen on every interface at the planned port); else with gunicorn.conf.py,
 * gunicorn runs with the file in force and only the flags it needs (a --bind when the file binds
 * elsewhere, the app when the file does not name the same one). Everything overridden is said.
 */
export function projectServerArgs(
  server: Server,
  target: string,
  port: number,
  project: Pick<ProjectInput, 'serving' | 'pythonPath' | 'serverChosenByUser' | 'scriptEntry'>,
): { args: string[]; from: DockerPlan['servingFrom']; decisions: ServingDecision[] } {
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
  if (conf && server === 'gunicorn') {
    const args = ['gunicorn'];
    decisions.push({ kind: 'confInForce', file: conf.file, settings: conf.sets });
    if (confBindOk) decisions.push({ kind: 'bindKept', from: conf.file, bind: conf.bind! });
    else {
      decisions.push({ kind: 'bindOverridden', from: conf.file, bind: conf.bind, port });
      args.push('--bind', everywhere);
    }
    args.push(...pythonPathArgs('--pythonpath'));
    if (conf.wsgiApp !== target) args.push(target);
    return { args, from: 'gunicorn.conf.py', decisions };
  }
  const args = serverArgs(server, target, port, project.scriptEntry);
  if (project.pythonPath && server !== 'python') {
    const flag = server === 'gunicorn' ? '--pythonpath' : '--app-dir';
    args.splice(args.length - 1, 0, ...pythonPathArgs(flag));
  }
  return { args, from: 'defaults', decisions };
}

/** Numeric release parts compared: "20.1.0" < "21". */
function releaseBelow(version: string, bound: string): boolean {
  const a = version.split(/[^0-9]+/).filter(Boolean).map(Number);
  const b = bound.split('.').map(Number);
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** Pieces of an old pin's era the image must add (ERA_COMPANIONS), and pins that cannot be made to run (ERA_REFUSALS). */
export function eraPins(deps: Dependencies): { add: string[]; warnings: PlanWarning[] } {
  const pins = deps.pins ?? {};
  const add: string[] = [];
  const warnings: PlanWarning[] = [];
  for (const refusal of ERA_REFUSALS) {
    const version = pins[refusal.package];
    if (version !== undefined && releaseBelow(version, refusal.below)) {
      warnings.push({ kind: 'eraUnsupported', pinned: `${refusal.package}==${version}`, fix: refusal.fix });
    }
  }
  for (const companion of ERA_COMPANIONS) {
    const version = pins[companion.package];
    if (version === undefined || !releaseBelow(version, companion.below) || pins[companion.addName] !== undefined) continue;
    if (warnings.some((warning) => warning.kind === 'eraUnsupported' && warning.pinned.startsWith(`${companion.package}==`))) continue;
    add.push(companion.add);
    warnings.push({ kind: 'eraCompanion', added: companion.add, pinned: `${companion.package}==${version}`, why: companion.why });
  }
  return { add, warnings };
}

/** Pinned releases with no wheel for this Python (they compile from source, or fail to). */
export function releasesWithoutWheel(deps: Dependencies, version: string): Dependencies['wheels'] & object {
  const minor = version.split('.').slice(0, 2).join('.');
  return (deps.wheels ?? []).filter((release) => release.minors !== undefined && !release.minors.includes(minor));
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
  const withoutWheel = releasesWithoutWheel(project.dependencies, version);
  // A *-binary package with no wheel for this Python builds its source package: it needs those headers.
  const fallbacks = withoutWheel.map((release) => BINARY_FALLBACKS[release.name]).filter((name): name is string => name !== undefined);
  const packages = [...project.dependencies.packages, ...fallbacks];
  const native = osPackagesFor(packages, alpine ? 'alpine' : 'debian');
  const era = eraPins(project.dependencies);
  // Compilers for the builder stage; build-base / build-essential are each distro's meta-package.
  const compilers = alpine ? ['build-base'] : ['build-essential'];
  const addedPackages = missingServerPackages(project.server, packages);
  const extraPackages = [...addedPackages, ...era.add];

  const warnings: PlanWarning[] = [...era.warnings];
  const noWheel = withoutWheel.filter((release) => !release.compiles || osPackagesFor([release.name], 'debian').matched.length === 0);
  if (noWheel.length > 0) {
    warnings.push({ kind: 'noWheelForPython', version, packages: noWheel.map((release) => `${release.name}==${release.version}`) });
  }
  const untabled = (project.dependencies.wheels ?? []).filter(
    (release) => release.compiles && release.minors === undefined && osPackagesFor([release.name], 'debian').matched.length === 0,
  );
  if (untabled.length > 0) {
    warnings.push({ kind: 'compilesUnknownHeaders', packages: untabled.map((release) => `${release.name}==${release.version}`) });
  }
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

  const serving = projectServerArgs(project.server, answers.wsgiApp, answers.port, project);
  const server = serving.args;
  const devIsScript = project.sample || project.server === 'python';
  const install = {
    single: planInstall(project.dependencies, 'system', extraPackages),
    production: planInstall(project.dependencies, 'system', extraPackages, { cache: true }),
    builder: planInstall(project.dependencies, 'venv', extraPackages, { cache: true }),
  };
  const builder: DockerPlan['builder'] = alpine
    ? { image: `python:${runtimeTag}`, packages: [...compilers, ...native.build], scanRuntimeLibraries: false }
    : { image: `python:${version}`, packages: missingFromFullImage(native.build), scanRuntimeLibraries: true };
  const os: OsContext = {
    alpine,
    nativePackages: native.matched,
    buildPackages: [...compilers, ...native.build],
    runtimePackages: [...native.runtime],
    aptCacheMounts: alpine ? [] : ['/var/cache/apt', '/var/lib/apt/lists'].map((dir) => `--mount=type=cache,target=${dir},sharing=locked`),
  };
  const django = planDjango(project.django, project.requiredEnv ?? []);
  return {
    pythonVersion: version,
    baseVariant: answers.baseVariant,
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
    install,
    builder,
    aptCacheMounts: [...os.aptCacheMounts],
    venv: VENV,
    addedPackages,
    buildPackages: [...os.buildPackages],
    runtimePackages: [...os.runtimePackages],
    nativePackages: native.matched,
    serverCommand: execForm(server),
    devCommand: execForm(devIsScript ? ['python', project.scriptEntry] : server),
    devCommandIsScript: devIsScript,
    // Any HTTP answer below 500 counts as alive (a 404 on / is still a running app); stdlib only.
    healthcheckArgs: [
      'python',
      '-c',
      `import http.client as h; c = h.HTTPConnection('127.0.0.1', ${answers.port}, timeout=2); c.request('GET', '/'); exit(c.getresponse().status >= 500)`,
    ],
    steps: {
      bad: badInstallStep(install.single),
      better: installSteps(install.single, true, os),
      production: installSteps(install.production, true, os),
      builder: installSteps(install.builder, false, os),
      builderPackages: builderPackagesStep(builder.packages, os),
      runtimeLibraries: runtimeLibrariesStep(builder.scanRuntimeLibraries, os),
      collectstatic: django?.collectstatic ? { comments: ['collectstatic'], mounts: [], commands: [django.collectstatic] } : undefined,
    },
    serverComments: serverComments(project.server, serving.from),
    runtimeEnv: runtimeEnv(project.server, answers.workers),
    warnings,
    gracefulTimeoutS: GRACEFUL_TIMEOUT_S,
    servingFrom: serving.from,
    servingDecisions: serving.decisions,
    endOfLife: eol,
    requiredEnv: [...(project.requiredEnv ?? [])],
    writablePaths: (project.writes ?? []).map((write) => write.path),
    writableDirs: writableDirs(project.writes ?? []),
    django,
  };
}

/** The comments above CMD: the project's own serving configuration, else the server's, and the graceful timeout the generator set. */
export function serverComments(server: Server, from: DockerPlan['servingFrom']): StepComment[] {
  if (from !== 'defaults') return ['serverFromProject'];
  if (server === 'gunicorn') return ['serverGunicorn', 'gracefulTimeout'];
  if (server === 'uvicorn') return ['serverUvicorn', 'gracefulTimeout'];
  return ['serverScript'];
}

/**
 * The runtime image's environment: no .pyc at run time, unbuffered logs, the worker count, a
 * writable runtime dir for gunicorn's control socket; with uvicorn, a worker health-check timeout
 * that survives a slow cold start.
 */
export function runtimeEnv(server: Server, workers: number): DockerPlan['runtimeEnv'] {
  const uvicorn = server === 'uvicorn';
  return {
    comments: uvicorn ? ['runtimeEnv', 'uvicornWorkerHealthcheck'] : ['runtimeEnv'],
    settings: [
      'PYTHONDONTWRITEBYTECODE=1',
      'PYTHONUNBUFFERED=1',
      `WEB_CONCURRENCY=${workers}`,
      ...(uvicorn ? ['UVICORN_TIMEOUT_WORKER_HEALTHCHECK=60'] : []),
      'XDG_RUNTIME_DIR=/dev/shm',
    ],
  };
}

/** A project with no dependency file (a plain script): pip, nothing to install but the server. */
export const NO_DEPENDENCIES: Dependencies = { manager: 'pip', files: [], installsProject: false, packages: [], reason: 'no dependency file found' };

/**
 * What the decision step takes from the project's facts: its dependencies (none found: a plain
 * pip project with nothing to install), the script `python` runs (the script found, else the
 * entry point's file, else main.py), and the user's choices of server and app.
 */
export function projectInputFor(facts: ProjectFacts, choice: { server: Server; wsgiApp?: string; serverChosenByUser: boolean }): ProjectInput {
  const entry = facts.entryPoint;
  const scriptEntry = entry?.kind === 'script' ? entry.target : entry?.source.endsWith('.py') ? entry.source : 'main.py';
  return {
    dependencies: facts.dependencies ?? NO_DEPENDENCIES,
    server: choice.server,
    scriptEntry,
    sample: false,
    serving: facts.serving,
    pythonPath: choice.wsgiApp !== undefined ? pythonPathFor(choice.wsgiApp, facts) : undefined,
    serverChosenByUser: choice.serverChosenByUser,
    django: facts.django,
    requiredEnv: facts.requiredEnv,
    writes: facts.writes,
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
