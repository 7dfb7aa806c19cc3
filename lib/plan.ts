/**
 * The decision step: answers + what the project says -> everything the templates need.
 * No I/O and no Yeoman, so every decision is unit-tested.
 */
import { type Answers, endOfLife } from './answers.js';
import { type InstallPlan, planInstall, VENV } from './install.js';
import { BINARY_FALLBACKS, NO_MUSLLINUX_WHEEL, normalizePackageName, osPackagesFor } from './native-deps.js';
import type { Dependencies, EntryKind } from './project/types.js';
import { ERA_COMPANIONS, ERA_REFUSALS, SERVER_PINS } from './versions.js';

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
  | { kind: 'needsTomllib'; version: string }
  | { kind: 'noWheelForPython'; version: string; packages: string[] }
  | { kind: 'eraCompanion'; added: string; pinned: string; why: string }
  | { kind: 'eraUnsupported'; pinned: string; fix: string };

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
      single: planInstall(project.dependencies, 'system', extraPackages),
      builder: planInstall(project.dependencies, 'venv', extraPackages),
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
  };
}

/** Joins shell commands into one RUN, one per line: "a \\\n && b". */
export function shellLines(commands: readonly string[]): string {
  return commands.join(' \\\n && ');
}
