/**
 * The RUN steps of the Dockerfiles, decided once: which commands, which cache mounts, whether the
 * compilers are installed and purged around them, which comments say why, and which hadolint rule
 * the step is exempt from. The templates print these (templates/docker/partials/install-run.ejs);
 * they decide nothing. No I/O and no Yeoman, so every decision is unit-tested.
 */
import type { InstallNote, InstallPlan } from './install.js';
import { type DockerWord, dockerWord, literalCommand, sh, type ShellCommand, shellWord, shellWords } from './sinks.js';

/**
 * A comment above a step, as a key of the generated-file messages (lib/messages, `comments`).
 * Worded by each language in lib/render/render.ts.
 */
export type StepComment =
  | 'compileAndRemove'
  | 'unpinnedDebian'
  | 'unpinnedAlpine'
  | 'unpinnedDebianShort'
  | 'unpinnedAlpineShort'
  | 'cacheMountPip'
  | 'cacheMountTool'
  | 'cacheMountApt'
  | 'noCacheBoth'
  | 'noCachePip'
  | 'projectAfterCode'
  | 'buildTools'
  | 'buildHeaders'
  | 'runtimeLibraries'
  | 'installLibraries'
  | 'loadedLibraries'
  | 'collectstatic'
  | 'serverFromProject'
  | 'gunicornConfBypassed'
  | 'serverGunicorn'
  | 'serverUvicorn'
  | 'serverSanic'
  | 'serverStreamlit'
  | 'serverScript'
  | 'stopSignal'
  | 'gracefulTimeout'
  | 'runtimeEnv'
  | 'uvicornWorkerHealthcheck'
  | 'writablePaths'
  | 'kindEnv';

/** One RUN instruction. */
export interface RunStep {
  /** The comments above it, in order: message keys, or the install plan's reasons (InstallNote). */
  comments: Array<StepComment | InstallNote>;
  /** The hadolint rule it is exempt from (unpinned apt / apk packages; a comment above says why). */
  hadolintIgnore?: 'DL3008' | 'DL3018';
  /** --mount flags, in order. */
  mounts: string[];
  /** Shell commands, joined with && into the one RUN; values from outside are quoted shell words (lib/decide/sinks.ts). */
  commands: ShellCommand[];
}

/** One COPY instruction: sources to a destination, from the build context or a named one (`from`). */
export interface FileCopy {
  sources: DockerWord[];
  dest: DockerWord;
  /** A named build context to copy from (`COPY --from=NAME`), for a uv workspace member's root. */
  from?: DockerWord;
}

/** How one Dockerfile (or the builder stage) installs: ENV, the dependency files' COPY, and the RUN before and after the code. */
export interface InstallSteps {
  /** ENV settings the tool needs (KEY=value). */
  env: string[];
  /** The venv's bin goes first on PATH. */
  usesVenv: boolean;
  /** The dependency files, copied before the code: together to ./ when all are top-level, else each to its own path. */
  copies: FileCopy[];
  /** The cached dependency layer (before the code). */
  dependencies?: RunStep;
  /** The project itself (after the code). */
  project?: RunStep;
}

/** What the OS side of the plan says, for steps that install OS packages. */
export interface OsContext {
  alpine: boolean;
  /** Python packages that compile (for the compile-and-remove comment); empty: nothing compiles. */
  nativePackages: readonly string[];
  /** Compilers and headers; runtime shared libraries. */
  buildPackages: readonly string[];
  runtimePackages: readonly string[];
  /** apt's cache mounts (Debian). */
  aptCacheMounts: readonly string[];
}

/** Installs the compilers, runs the commands and purges the compilers again, in the one RUN, so they never reach the image. */
function compileAround(commands: readonly ShellCommand[], cacheMounts: readonly string[], os: OsContext): RunStep {
  if (os.alpine) {
    return {
      comments: ['compileAndRemove', 'unpinnedAlpineShort'],
      hadolintIgnore: 'DL3018',
      mounts: [...cacheMounts],
      commands: [
        sh`apk add --no-cache --virtual .build-deps ${shellWords(os.buildPackages)}`,
        ...(os.runtimePackages.length > 0 ? [sh`apk add --no-cache ${shellWords(os.runtimePackages)}`] : []),
        ...commands,
        sh`apk del .build-deps`,
      ],
    };
  }
  const cached = cacheMounts.length > 0;
  return {
    comments: ['compileAndRemove', 'unpinnedDebianShort', ...(cached ? (['cacheMountPip', 'cacheMountApt'] as const) : [])],
    hadolintIgnore: 'DL3008',
    mounts: [...cacheMounts, ...(cached ? os.aptCacheMounts : [])],
    commands: [
      sh`apt-get update`,
      sh`apt-get install -y --no-install-recommends ${shellWords([...os.buildPackages, ...os.runtimePackages])}`,
      ...commands,
      sh`apt-get purge -y --auto-remove ${shellWords(os.buildPackages)}`,
      ...(cached ? [] : [sh`rm -rf /var/lib/apt/lists/*`]),
    ],
  };
}

/** The comments on a download cache: the cache mounts, or why every cache is off. */
function cacheComments(install: InstallPlan, part: 'dependencies' | 'project'): StepComment[] {
  if (install.cacheMounts.length > 0) return install.cacheMounts.length > 1 ? ['cacheMountPip', 'cacheMountTool'] : ['cacheMountPip'];
  return part === 'dependencies' && install.toolCacheOff ? ['noCacheBoth'] : ['noCachePip'];
}

/**
 * The install steps of one Dockerfile. `compiles`: this image compiles the native packages itself
 * (single-stage Dockerfiles), so the step that installs them is wrapped in compile-and-remove;
 * the multi-stage builder keeps its compilers (the stage is thrown away).
 */
export function installSteps(install: InstallPlan, compiles: boolean, os: OsContext): InstallSteps {
  const step = (commands: ShellCommand[], part: 'dependencies' | 'project', why: Array<StepComment | InstallNote>): RunStep | undefined => {
    if (commands.length === 0) return undefined;
    // The step that installs the packages which compile: after the code when the code comes first.
    const wrap = compiles && os.nativePackages.length > 0 && install.codeFirst === (part === 'project');
    const run = wrap ? compileAround(commands, install.cacheMounts, os) : { comments: cacheComments(install, part), mounts: [...install.cacheMounts], commands };
    return { ...run, comments: [...why, ...run.comments] };
  };
  const topLevel = install.copyFiles.every((file) => !file.includes('/'));
  // File names from the project, in COPY: nothing Docker would read as syntax (lib/decide/sinks.ts).
  const copyWord = (file: string) => dockerWord(file, 'dependency files');
  return {
    env: [...install.env],
    usesVenv: install.usesVenv,
    copies: [
      ...(install.contextCopies ?? []).map((copy) => ({ from: dockerWord(copy.from), sources: copy.sources.map(copyWord), dest: dockerWord(copy.dest) })),
      ...(install.copyFiles.length === 0
        ? []
        : topLevel
          ? [{ sources: install.copyFiles.map(copyWord), dest: dockerWord('./') }]
          : install.copyFiles.map((file) => ({ sources: [copyWord(file)], dest: copyWord(file) }))),
    ],
    dependencies: step(install.dependencyCommands, 'dependencies', install.codeFirst ? [] : install.notes),
    // Code first: the reason is the install plan's note; else the project after its dependencies.
    project: step(install.projectCommands, 'project', install.codeFirst ? install.notes : [...(install.projectNote ? [install.projectNote] : []), 'projectAfterCode']),
  };
}

/** Dockerfile.bad: everything in one RUN after `COPY . .`, every cache off, no comment (the file's problems are said elsewhere). */
export function badInstallStep(install: InstallPlan): RunStep | undefined {
  const commands = [...install.dependencyCommands, ...install.projectCommands];
  return commands.length > 0 ? { comments: [], mounts: [], commands } : undefined;
}

/** The builder stage's OS packages (compilers and headers), in their own cached layer, or none. */
export function builderPackagesStep(packages: readonly string[], os: OsContext): RunStep | undefined {
  if (packages.length === 0) return undefined;
  if (os.alpine) return { comments: ['buildTools', 'unpinnedAlpine'], hadolintIgnore: 'DL3018', mounts: [], commands: [sh`apk add --no-cache ${shellWords(packages)}`] };
  // The builder stage drops docker-clean, which would delete the archives after each install:
  // harmless there, since that stage is thrown away.
  return {
    comments: ['buildHeaders', 'unpinnedDebian', 'cacheMountApt'],
    hadolintIgnore: 'DL3008',
    mounts: [...os.aptCacheMounts],
    commands: [sh`rm -f /etc/apt/apt.conf.d/docker-clean`, sh`apt-get update`, sh`apt-get install -y --no-install-recommends ${shellWords(packages)}`],
  };
}

/**
 * The libraries the project's packages load at run time through ctypes / cffi (lib/tables/runtime-loads.ts),
 * installed in a single-stage image on their own (the multi-stage builder adds them to its list
 * instead). `cached`: apt's cache mounts (the production Dockerfile), else lists removed.
 */
export function loadedLibrariesStep(packages: readonly string[], os: OsContext, cached: boolean): RunStep | undefined {
  if (packages.length === 0) return undefined;
  if (os.alpine) return { comments: ['loadedLibraries', 'unpinnedAlpine'], hadolintIgnore: 'DL3018', mounts: [], commands: [sh`apk add --no-cache ${shellWords(packages)}`] };
  return {
    comments: ['loadedLibraries', 'unpinnedDebian', ...(cached ? (['cacheMountApt'] as const) : [])],
    hadolintIgnore: 'DL3008',
    mounts: cached ? [...os.aptCacheMounts] : [],
    commands: [sh`apt-get update`, sh`apt-get install -y --no-install-recommends ${shellWords(packages)}`, ...(cached ? [] : [sh`rm -rf /var/lib/apt/lists/*`])],
  };
}

/** Where the builder stage lists the Debian packages its compiled modules link to (templates/docker/partials/runtime-libraries-scan.ejs). */
export const RUNTIME_PACKAGES_LIST = '/tmp/runtime-packages.txt';

/**
 * The multi-stage runtime stage's shared libraries. Debian (`scan`): the packages the builder
 * listed, minus what the image has (no apt-get when nothing is missing). Alpine: the table's
 * runtime packages. None when there is nothing to install.
 */
export function runtimeLibrariesStep(scan: boolean, os: OsContext): RunStep | undefined {
  if (scan) {
    return {
      comments: ['installLibraries', 'unpinnedDebianShort'],
      hadolintIgnore: 'DL3008',
      mounts: [`--mount=type=bind,from=builder,source=${RUNTIME_PACKAGES_LIST},target=${RUNTIME_PACKAGES_LIST}`, ...os.aptCacheMounts],
      commands: [
        literalCommand("dpkg-query -W -f='${db:Status-Status} ${Package}\\n' > /tmp/installed.txt"),
        sh`awk 'NR == FNR { if ($1 == "installed") have[$2] = 1; next } !($1 in have)' /tmp/installed.txt ${shellWord(RUNTIME_PACKAGES_LIST)} > /tmp/missing.txt`,
        sh`if [ -s /tmp/missing.txt ]; then apt-get update && xargs -a /tmp/missing.txt apt-get install -y --no-install-recommends; fi`,
        sh`rm /tmp/installed.txt /tmp/missing.txt`,
      ],
    };
  }
  if (os.runtimePackages.length === 0) return undefined;
  return {
    comments: ['runtimeLibraries', os.alpine ? 'unpinnedAlpine' : 'unpinnedDebian'],
    hadolintIgnore: os.alpine ? 'DL3018' : 'DL3008',
    mounts: [],
    commands: os.alpine
      ? [sh`apk add --no-cache ${shellWords(os.runtimePackages)}`]
      : [sh`apt-get update`, sh`apt-get install -y --no-install-recommends ${shellWords(os.runtimePackages)}`, sh`rm -rf /var/lib/apt/lists/*`],
  };
}
