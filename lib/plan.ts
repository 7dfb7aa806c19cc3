/**
 * The decision step: answers + what the project says -> everything the templates need.
 * No I/O and no Yeoman, so every decision is unit-tested.
 */
import { type Answers, endOfLifeWarning } from './answers.js';
import { NO_MUSLLINUX_WHEEL, normalizePackageName, osPackagesFor } from './native-deps.js';

export interface ProjectInput {
  /** pip requirements file the image installs from. */
  requirementsFile: string;
  /** Declared package names (any spelling). */
  packages: readonly string[];
  /** The script `python <file>` runs in the teaching Dockerfiles (bad, better). */
  scriptEntry: string;
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
  requirementsFile: string;
  scriptEntry: string;
  /** OS packages for the builder stage (compilers + headers) and the runtime stage (libraries). */
  buildPackages: string[];
  runtimePackages: string[];
  /** Packages recognised as needing a compile, for the messages. */
  nativePackages: string[];
  /** exec-form JSON arrays, ready for CMD / HEALTHCHECK. */
  serverCommand: string;
  scriptCommand: string;
  healthcheckCommand: string;
  warnings: string[];
}

/** Renders an exec-form array the way people write it by hand: ["a", "b"]. */
export function execForm(args: readonly string[]): string {
  return `[${args.map((arg) => JSON.stringify(arg)).join(', ')}]`;
}

export function planDocker(answers: Answers, project: ProjectInput, today: Date = new Date()): DockerPlan {
  const alpine = answers.baseVariant === 'alpine';
  const version = answers.pythonVersion;
  const runtimeTag = answers.baseVariant === 'full' ? version : `${version}-${answers.baseVariant}`;
  const os = alpine ? 'alpine' : 'debian';
  const native = osPackagesFor(project.packages, os);
  // Compilers for the builder stage; build-base / build-essential are each distro's meta-package.
  const compilers = alpine ? ['build-base'] : ['build-essential'];

  const warnings: string[] = [];
  const eol = endOfLifeWarning(version, today);
  if (eol) warnings.push(eol);
  if (alpine) {
    const normalized = new Set(project.packages.map(normalizePackageName));
    const noWheel = NO_MUSLLINUX_WHEEL.filter((name) => normalized.has(name));
    if (noWheel.length > 0) {
      warnings.push(
        `Alpine (musl): ${noWheel.join(', ')} publish no musllinux wheel, so pip compiles them from source (slow, needs the builder stage) or fails; slim is the safer base for this project.`,
      );
    }
  }

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
    requirementsFile: project.requirementsFile,
    scriptEntry: project.scriptEntry,
    buildPackages: [...compilers, ...native.build],
    runtimePackages: [...native.runtime],
    nativePackages: native.matched,
    serverCommand: execForm([
      'gunicorn',
      '--bind',
      `0.0.0.0:${answers.port}`,
      '--worker-tmp-dir',
      '/dev/shm',
      '--access-logfile',
      '-',
      answers.wsgiApp,
    ]),
    scriptCommand: execForm(['python', project.scriptEntry]),
    healthcheckCommand: execForm([
      'python',
      '-c',
      `import urllib.request; urllib.request.urlopen('http://127.0.0.1:${answers.port}/', timeout=2)`,
    ]),
    warnings,
  };
}

