/**
 * The decision step: answers + what the project says -> everything the templates need.
 * No I/O and no Yeoman, so every decision is unit-tested.
 */
import type { Answers } from './answer-types.js';
import { planDjango, type DjangoPlan } from './django-plan.js';
import { type InstallPlan, planInstall, VENV, WORKSPACE_CONTEXT } from './install.js';
import { badInstallStep, builderPackagesStep, type InstallSteps, installSteps, loadedLibrariesStep, type OsContext, type RunStep, runtimeLibrariesStep, type StepComment, uvInstallStep } from './install-steps.js';
import { type RuntimeLoads, runtimeLoadsFor } from '../tables/runtime-loads.js';
import { BINARY_FALLBACKS, missingFromFullImage, normalizePackageName, osPackagesFor } from '../tables/native-deps.js';
import { buildConstraintFor, eraPins, releasesWithoutWheel } from './pins.js';
import { GRACEFUL_TIMEOUT_S, projectServerArgs, pythonIsPid1, type RuntimeEnv, runtimeEnv, type Server, serverComments, type ServingDecision, type ServingFrom } from './server-command.js';
import { type PlanWarning, planWarnings } from './warnings.js';
import type { Dependencies, DjangoFacts, ProjectFacts, RequiredEnv, RuntimeWrite } from '../read/types.js';
import type { Serving } from '../read/serving.js';
import { pythonMinor, serverPinFor } from '../tables/versions.js';
import type { PythonChoice } from './python-choice.js';
import { type AppKind, appKind } from '../tables/app-kinds.js';
import { type ExecForm, execForm, type IgnorePattern, ignorePattern, sh, type ShellCommand, type ShellWord, type Shown, shellWord, shown, isUnsafeValueError, UnsafeValueError } from './sinks.js';
import { HOME_PREFIX } from '../read/home-writes.js';

/** A src/ layout: the import-path folder of the app's top package (the entry found, or another candidate with that module). */
export function pythonPathFor(target: string, facts: Pick<ProjectFacts, 'entryPoint' | 'otherEntryPoints'>): string | undefined {
  const top = target.split(':')[0]!.split('.')[0];
  const known = [facts.entryPoint, ...(facts.otherEntryPoints ?? [])].find((entry) => entry?.pythonPath && entry.target.split(':')[0]!.split('.')[0] === top);
  return known?.pythonPath;
}

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
  /** Django's production settings, when the project is a Django project (lib/read/django.ts). */
  django?: DjangoFacts;
  /** Environment variables the app cannot start without (lib/read/env-vars.ts). */
  requiredEnv?: RequiredEnv[];
  /** Paths the app writes next to its code at run time (lib/read/writes.ts). */
  writes?: RuntimeWrite[];
  /** The code reads its own installed metadata: the project is installed too (lib/read/own-distribution.ts). */
  ownDistribution?: { source: string; how: string; projectFiles: string[] };
  /** The app's kind (lib/tables/app-kinds.ts): its server arguments, environment and health path. */
  kind?: AppKind;
  /** The app is an `async def` factory (aiohttp). */
  asyncFactory?: boolean;
  /** How the project's Python was chosen (lib/decide/python-choice.ts); the plan names it and the pins that decided. */
  python?: PythonChoice;
  /** Where the code imports pkg_resources ("file:line"): setuptools < 81 is added. */
  importsPkgResources?: string[];
}

/** Every RUN the Dockerfiles install with, decided (lib/decide/install-steps.ts); the templates print them. */
export interface DockerfileSteps {
  /** Dockerfile.bad's one install RUN after `COPY . .`, or none. */
  bad?: RunStep;
  /** Dockerfile.better (caches off, compilers around the step that compiles). */
  better: InstallSteps;
  /** Dockerfile (cache mounts, compilers around the step that compiles). */
  production: InstallSteps;
  /** The stage Dockerfile borrows uv from (`pip install --target`), when it installs with uv. */
  uvStage?: RunStep;
  /** `pip install uv` in the multi-stage builder, when it installs with uv. */
  builderUv?: RunStep;
  /** The multi-stage builder (into /opt/venv; compilers stay in the stage). */
  builder: InstallSteps;
  /** The builder's OS packages (compilers, headers), or none. */
  builderPackages?: RunStep;
  /** The multi-stage runtime stage's shared libraries, or none. */
  runtimeLibraries?: RunStep;
  /** Dockerfile.better / Dockerfile: the libraries packages load at run time (runtimeLoads), or none. */
  loadedLibraries: { better?: RunStep; production?: RunStep };
  /** The working directory and the folders the app writes, created and given to the app user, or none. */
  writable?: RunStep;
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
  /** Shown in texts only (the install steps quote the file name for the shell themselves). */
  requirementsFile: Shown;
  /** Shown in comments; devCommand holds it as a value. */
  scriptEntry: Shown;
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
  /** Set when the server added is not its newest release, because that one does not install on this Python. */
  serverForPython?: { server: 'gunicorn' | 'uvicorn'; version: string; newest: string; newestNeeds: string };
  /** How the Python was chosen from the project (its statement, the pins' wheels or era), when this plan runs that Python. */
  pythonChoice?: PythonChoice;
  /**
   * A member of a uv workspace: the build needs the workspace root as a second, named build context
   * (`docker build --build-context workspace=<root> .`), where the lock file is.
   */
  workspace?: { root: string; member: string; package: string; buildContext: string };
  /** OS packages for the builder stage (compilers + headers) and the runtime stage (libraries). */
  buildPackages: string[];
  runtimePackages: string[];
  /** Packages recognised as needing a compile, for the messages. */
  nativePackages: string[];
  /**
   * Packages that load a shared library at run time through ctypes / cffi, which no ldd scan sees
   * (lib/tables/runtime-loads.ts), and the OS packages the runtime image installs for them.
   */
  runtimeLoads: RuntimeLoads;
  /** exec-form JSON arrays, ready for CMD / HEALTHCHECK. */
  serverCommand: ExecForm;
  /** What Dockerfile.bad / .better run: the sample's dev server (python main.py), else the server. */
  devCommand: ExecForm;
  devCommandIsScript: boolean;
  /** The path the HEALTHCHECK asks: the app kind's (Streamlit's /_stcore/health), else /. */
  healthPath: string;
  /** The HEALTHCHECK's command as an argument array: exec form in the Dockerfile, ["CMD", ...] in compose.yaml. */
  healthcheckArgs: string[];
  /** The RUN steps, decided (commands, mounts, comments, hadolint exceptions). */
  steps: DockerfileSteps;
  /** The comments above CMD: where the command comes from, and the graceful timeout when the generator chose it. */
  serverComments: StepComment[];
  /**
   * SIGINT when Python itself is PID 1 (`python app.py`, pythonIsPid1): PID 1 ignores a SIGTERM it has no handler
   * for, while Python always turns SIGINT into KeyboardInterrupt, so `docker stop` ends it at once.
   */
  stopSignal?: 'SIGINT';
  /** The runtime image's ENV (KEY=value) and the comments that explain it. */
  runtimeEnv: RuntimeEnv;
  warnings: PlanWarning[];
  /** The server's graceful timeout after SIGTERM (GRACEFUL_TIMEOUT_S), for the comments. */
  gracefulTimeoutS: number;
  /** Environment variables the app needs at start (no default in the code): documented, never given a value in the image. */
  requiredEnv: Array<{ name: string; source: Shown; how: Shown }>;
  /** What the app writes next to its code ("instance/", "logs/", "db.sqlite3"), as texts show it: the app user owns them; volumes keep them. */
  writablePaths: Shown[];
  /** Folders (absolute) created in the image and owned by the app user, with the working directory itself first when the app writes there. */
  writableDirs: string[];
  /** Files the app writes in the working directory (a SQLite database): .dockerignore keeps the developer's copy out of the image. */
  ignoredWrites: IgnorePattern[];
  /** The same files as texts show them. */
  filesInApp: Shown[];
  /** The app writes under its user's home (~/.cache/, ~/.local/...). */
  writesHome: boolean;
  /** A named volume per folder the app writes (not the working directory): its name, the folder, and `NAME:FOLDER` as one shell word for `docker run -v`. */
  volumes: PlanVolume[];
  /** The Django-specific steps, for a Django project. */
  django?: DjangoPlan;
  /** The project is installed too because its code reads its own installed metadata (said in the run). */
  ownDistribution?: { source: Shown; how: Shown; projectFiles: string[] };
  /** Where the CMD comes from: the project's own configuration, else the generator's defaults. */
  servingFrom: ServingFrom;
  /** What CMD kept from the project's serving configuration and what it overrode, and why. */
  servingDecisions: ServingDecision[];
  /** Set when the Python version no longer gets security fixes. */
  endOfLife?: { minor: string; date: string };
}

/**
 * The server package to add when the project does not depend on it: the newest release that installs
 * on this Python (the servers a kind brings itself, Sanic's and Streamlit's, are its own dependency).
 */
function missingServer(server: Server, packages: readonly string[], version: string): DockerPlan['serverForPython'] | undefined {
  if (server !== 'gunicorn' && server !== 'uvicorn') return undefined;
  const declared = new Set(packages.map(normalizePackageName));
  return declared.has(server) ? undefined : { server, ...serverPinFor(server, version) };
}

/** The pins that hold the image on the chosen Python, when the plan runs that Python. */
function heldBy(choice: PythonChoice | undefined, version: string): string[] {
  if (!choice?.version || pythonMinor(choice.version.value) !== pythonMinor(version)) return [];
  const { decision } = choice;
  return decision.kind === 'heldBack' || decision.kind === 'era' || decision.kind === 'eraWithinRange' ? decision.pins.map((pin) => `${pin.name}==${pin.version}`) : [];
}

/** Compilers for the builder stage; build-base / build-essential are each distro's meta-package. */
export const COMPILERS: Readonly<Record<'alpine' | 'debian', readonly string[]>> = { alpine: ['build-base'], debian: ['build-essential'] };

export function planDocker(answers: Answers, project: ProjectInput, today: Date = new Date()): DockerPlan {
  const alpine = answers.baseVariant === 'alpine';
  const version = answers.pythonVersion;
  const runtimeTag = answers.baseVariant === 'full' ? version : `${version}-${answers.baseVariant}`;
  const withoutWheel = releasesWithoutWheel(project.dependencies, version);
  // A *-binary package with no wheel for this Python builds its source package: it needs those headers.
  const fallbacks = withoutWheel.map((release) => BINARY_FALLBACKS[release.name]).filter((name): name is string => name !== undefined);
  const packages = [...project.dependencies.packages, ...fallbacks];
  const native = osPackagesFor(packages, alpine ? 'alpine' : 'debian');
  const era = eraPins(project.dependencies, project.importsPkgResources);
  const compilers = COMPILERS[alpine ? 'alpine' : 'debian'];
  const added = missingServer(project.server, packages, version);
  const addedPackages = added ? [`${added.server}==${added.version}`] : [];
  const extraPackages = [...addedPackages, ...era.add];

  const { warnings: more, endOfLife: eol } = planWarnings(project.dependencies, version, answers.baseVariant, packages, withoutWheel, today, heldBy(project.python, version));
  const warnings: PlanWarning[] = [...era.warnings, ...more];

  const serving = projectServerArgs(project.server, answers.wsgiApp, answers.port, { ...project, workers: answers.workers });
  const healthPath = project.kind?.healthPath ?? '/';
  const server = serving.args;
  const servingOrigin = serving.from === 'defaults' ? undefined : serving.from === 'Procfile' ? 'Procfile web:' : serving.from;
  const writes = project.writes ?? [];
  const devIsScript = project.sample || project.server === 'python';
  const own = project.ownDistribution ? { installProject: { source: project.ownDistribution.source, how: project.ownDistribution.how } } : {};
  const buildConstraint = buildConstraintFor(project.dependencies);
  const install = {
    single: planInstall(project.dependencies, 'system', extraPackages, { buildConstraint, ...own }),
    production: planInstall(project.dependencies, 'system', extraPackages, { cache: true, uv: 'stage', buildConstraint, ...own }),
    builder: planInstall(project.dependencies, 'venv', extraPackages, { cache: true, uv: 'image', buildConstraint, ...own }),
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
  // Locked names count too: a lock lists psycopg-binary when the project asked for psycopg[binary].
  const loads = runtimeLoadsFor([...packages, ...Object.keys(project.dependencies.pins ?? {})], project.dependencies.extras ?? {}, alpine ? 'alpine' : 'debian');
  // The Debian builder adds them to the list its ldd scan writes; elsewhere the runtime stage installs them with the table's.
  const multistageRuntime = builder.scanRuntimeLibraries ? os : { ...os, runtimePackages: [...new Set([...os.runtimePackages, ...loads.packages])].sort() };
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
    home: HOME_DIR,
    wsgiApp: answers.wsgiApp,
    server: project.server,
    sample: project.sample,
    requirementsFile: shown(project.dependencies.requirementsFile ?? 'requirements.txt'),
    scriptEntry: shown(project.scriptEntry),
    install,
    builder,
    aptCacheMounts: [...os.aptCacheMounts],
    venv: VENV,
    addedPackages,
    ...(added && added.version !== added.newest ? { serverForPython: added } : {}),
    ...(project.dependencies.workspace
      ? { workspace: { root: project.dependencies.workspace.root, member: project.dependencies.workspace.member, package: project.dependencies.workspace.package, buildContext: `${WORKSPACE_CONTEXT}=${project.dependencies.workspace.root}` } }
      : {}),
    ...(project.python && project.python.decision.kind !== 'stated' && project.python.decision.kind !== 'unpinned' ? { pythonChoice: project.python } : {}),
    buildPackages: [...os.buildPackages],
    runtimePackages: [...os.runtimePackages],
    nativePackages: native.matched,
    runtimeLoads: loads,
    serverCommand: execForm(server, servingOrigin),
    devCommand: devIsScript ? execForm(['python', project.scriptEntry], project.scriptEntry) : execForm(server, servingOrigin),
    devCommandIsScript: devIsScript,
    healthPath,
    // Any HTTP answer below 500 counts as alive (a 404 on / is still a running app); stdlib only.
    healthcheckArgs: [
      'python',
      '-c',
      `import http.client as h; c = h.HTTPConnection('127.0.0.1', ${answers.port}, timeout=2); c.request('GET', '${healthPath}'); exit(c.getresponse().status >= 500)`,
    ],
    steps: {
      bad: badInstallStep(install.single),
      better: installSteps(install.single, true, os),
      production: installSteps(install.production, true, os),
      builder: installSteps(install.builder, false, os),
      uvStage: install.production.installer === 'uv' ? uvInstallStep('stage') : undefined,
      builderUv: install.builder.installer === 'uv' ? { ...uvInstallStep('image'), comments: ['builderUv'] } : undefined,
      builderPackages: builderPackagesStep(builder.packages, os),
      runtimeLibraries: runtimeLibrariesStep(builder.scanRuntimeLibraries, multistageRuntime),
      loadedLibraries: { better: loadedLibrariesStep(loads.packages, os, false), production: loadedLibrariesStep(loads.packages, os, true) },
      collectstatic: django?.collectstatic ? { comments: ['collectstatic'], mounts: [], commands: [django.collectstatic] } : undefined,
      writable: writableStep(writes, answers),
    },
    serverComments: [...serverComments(project.server, serving.from, serving.decisions), ...(pythonIsPid1(project.server) ? ['stopSignal' as const] : [])],
    ...(pythonIsPid1(project.server) ? { stopSignal: 'SIGINT' as const } : {}),
    runtimeEnv: runtimeEnv(project.server, answers.workers, project.kind, answers.port),
    warnings,
    gracefulTimeoutS: GRACEFUL_TIMEOUT_S,
    servingFrom: serving.from,
    servingDecisions: serving.decisions.map(shownDecision),
    endOfLife: eol,
    requiredEnv: (project.requiredEnv ?? []).map(({ name, source, how }) => ({ name, source: shown(source), how: shown(how) })),
    writablePaths: writes.map((write) => shown(write.path)),
    writableDirs: writableDirs(writes),
    ignoredWrites: ignoredWrites(writes),
    filesInApp: writes.filter((write) => !write.path.endsWith('/') && !write.home).map((write) => shown(write.path)),
    writesHome: writes.some((write) => write.home === true),
    volumes: volumesFor(writes),
    django,
    ...(install.production.projectNote && project.ownDistribution
      ? { ownDistribution: { source: shown(project.ownDistribution.source), how: shown(project.ownDistribution.how), projectFiles: [...project.ownDistribution.projectFiles] } }
      : {}),
  };
}

/** A project with no dependency file (a plain script): pip, nothing to install but the server. */
export const NO_DEPENDENCIES: Dependencies = { manager: 'pip', files: [], installsProject: false, packages: [], reasonParts: [] };

/**
 * What the decision step takes from the project's facts: its dependencies (none found: a plain
 * pip project with nothing to install), the app's kind (the candidate the chosen app names, else
 * the entry point's), the file a script server runs (the candidate of the chosen server's kind,
 * else the entry point's file, else the root's main.py / app.py / server.py), and the user's
 * choices of server and app.
 */
export function projectInputFor(facts: ProjectFacts, choice: { server: Server; wsgiApp?: string; serverChosenByUser: boolean; python?: PythonChoice }): ProjectInput {
  const entry = facts.entryPoint;
  const candidates = [...(entry ? [entry] : []), ...(facts.otherEntryPoints ?? [])];
  const chosen = (choice.wsgiApp !== undefined ? candidates.find((candidate) => candidate.target === choice.wsgiApp) : undefined) ?? entry;
  const runsFile = candidates.find((candidate) => candidate.kind === 'script' && appKind(candidate.framework)?.servers.script === choice.server);
  const scriptEntry = runsFile?.target ?? (entry?.kind === 'script' ? entry.target : entry?.source.endsWith('.py') ? entry.source : (facts.scriptFile ?? 'main.py'));
  const kind = appKind((runsFile ?? chosen)?.framework);
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
    ownDistribution: facts.ownDistribution,
    ...(kind ? { kind } : {}),
    ...(chosen?.asyncFactory && chosen.target === choice.wsgiApp ? { asyncFactory: true } : {}),
    python: choice.python,
    importsPkgResources: facts.importsPkgResources,
  };
}

/** Where the image puts the code (the WORKDIR of every Dockerfile). */
export const APP_DIR = '/app';
/** The app user's home: it exists and is the user's (useradd --create-home). */
export const HOME_DIR = '/home/app';

/** Where a write's path lands in the image: "logs/" -> /app/logs, "~/.cache/" -> /home/app/.cache, "~/" -> /home/app. */
export function writeDir(write: RuntimeWrite): string {
  if (write.home) return write.path === HOME_PREFIX ? HOME_DIR : `${HOME_DIR}/${write.path.slice(HOME_PREFIX.length, -1)}`;
  return `${APP_DIR}/${write.path.slice(0, -1)}`;
}

/**
 * The folders the app writes, each created and given to the app user: the working directory
 * first when the app writes next to its code, then each folder it writes there or under its home.
 */
export function writableDirs(writes: readonly RuntimeWrite[]): string[] {
  const inApp = writes.some((write) => !write.home);
  const folders = writes.filter((write) => write.path.endsWith('/')).map(writeDir);
  return [...new Set([...(inApp ? [APP_DIR] : []), ...folders])];
}

/**
 * Files the app writes in the working directory itself (a SQLite database, a log file): the
 * developer's own copy stays out of the build context, so the image starts without it.
 */
export function ignoredWrites(writes: readonly RuntimeWrite[]): IgnorePattern[] {
  return writes
    .filter((write) => !write.path.endsWith('/') && !write.home)
    .flatMap((write) => {
      // A name no pattern can match (control characters) is left out of .dockerignore, not refused: the
      // run's other files show it escaped, and at worst a local copy of that file reaches the image.
      try {
        return [ignorePattern(write.path, write.source)];
      } catch (error) {
        if (isUnsafeValueError(error)) return [];
        throw error;
      }
    });
}

/**
 * The RUN that creates the working directory and the folders the app writes and hands them to
 * the app user; each folder is a path from the project's code, so one quoted shell word.
 */
function writableStep(writes: readonly RuntimeWrite[], answers: Pick<Answers, 'uid' | 'gid'>): RunStep | undefined {
  const dirs = writableDirs(writes);
  if (dirs.length === 0) return undefined;
  const sourceOf = (dir: string) => writes.find((write) => write.path.endsWith('/') && writeDir(write) === dir)?.source;
  const words = dirs.map((dir) => shellWord(dir, sourceOf(dir)));
  return { comments: ['writablePaths'], mounts: [], commands: [sh`mkdir -p ${words}`, sh`chown ${answers.uid}:${answers.gid} ${words}`] };
}

export interface PlanVolume {
  name: string;
  dir: string;
  flag: ShellWord;
}

/**
 * A named volume per folder the app writes: the name from the folder's (a valid Docker volume
 * name: letters, digits, _ . -, at least two characters, each name once). A folder holding `:`
 * cannot be a volume target (`NAME:FOLDER` is split there): refused.
 */
function volumesFor(writes: readonly RuntimeWrite[]): PlanVolume[] {
  const used = new Set<string>();
  return writableDirs(writes)
    .filter((dir) => dir !== APP_DIR)
    .map((dir) => {
      const origin = writes.find((write) => write.path.endsWith('/') && writeDir(write) === dir)?.source;
      if (dir.includes(':')) throw new UnsafeValueError('yaml', shown(dir), origin === undefined ? undefined : shown(origin), 'syntax');
      let base = dir.slice(dir.lastIndexOf('/') + 1).replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
      if (base.length < 2) base = `${base || 'app'}-data`;
      let name = base;
      for (let n = 2; used.has(name); n += 1) name = `${base}-${n}`;
      used.add(name);
      return { name, dir, flag: shellWord(`${name}:${dir}`, origin) };
    });
}

/** A serving decision as texts show it: the project's words in it (a Procfile command, a bind) with control characters escaped. */
function shownDecision(decision: ServingDecision): ServingDecision {
  const show = (value: unknown): unknown => (typeof value === 'string' ? shown(value) : Array.isArray(value) ? value.map(show) : value);
  return Object.fromEntries(Object.entries(decision).map(([key, value]) => [key, key === 'kind' ? value : show(value)])) as ServingDecision;
}

/** Joins shell commands into one RUN, one per line: "a \\\n && b". */
export function shellLines(commands: readonly ShellCommand[]): string {
  return commands.join(' \\\n && ');
}

