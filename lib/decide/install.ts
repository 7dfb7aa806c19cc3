/**
 * How a Dockerfile installs a project's dependencies, per dependency manager: which files form
 * the cached dependency layer, the commands for that layer, and the commands that install the
 * project itself once the code is copied. Pure data, rendered by the templates.
 *
 * One install pass, always: the installer reads the requirements itself, so `--hash` lines are
 * checked against the files the index serves and sdist-only packages are built where they are
 * installed. The production files (Dockerfile, Dockerfile.multistage) install with uv wherever
 * it is a drop-in for pip, and keep what it downloads and builds in uv's cache mount; the
 * teaching files (Dockerfile.bad, Dockerfile.better) keep the original note's pip.
 */
import type { Dependencies, RequirementOption } from '../read/types.js';
import { PYPI_INDEX_LINE, UV_IGNORED_OPTIONS } from '../tables/installers.js';
import { literalCommand, sh, type ShellCommand, shellWord, shellWords, type Shown, shown } from './sinks.js';
import { TOOL_PINS } from '../tables/versions.js';

/** Where packages go: the base image's own Python (single stage), or a venv to copy out of a builder. */
export type InstallTarget = 'system' | 'venv';

export const VENV = '/opt/venv';

/** Who installs the packages. */
export type Installer = 'uv' | 'pip';

/**
 * Where uv comes from, in the files that install with it: `stage` for the single-stage Dockerfile
 * (a small stage pip-installs it; each install step borrows the binary through a bind mount, so
 * uv never reaches the image), `image` for the multi-stage builder (pip-installed into the
 * builder itself, which is thrown away).
 */
export type UvSource = 'stage' | 'image';

export interface InstallPlan {
  manager: Dependencies['manager'];
  installer: Installer;
  /** ENV settings the tool needs (KEY=value). */
  env: string[];
  /** Dependency files copied before the code, each to its own path. */
  copyFiles: string[];
  /**
   * A uv workspace member: files copied from the workspace root, a named build context
   * (`docker build --build-context workspace=<root> .`), before the dependency install.
   */
  contextCopies?: ContextCopy[];
  /** Commands for the dependency layer; run before the code is copied. */
  dependencyCommands: ShellCommand[];
  /** Commands run after `COPY . .` (installing the project itself). */
  projectCommands: ShellCommand[];
  /** The requirements name the project itself (`-e .`): the code must be copied first. */
  codeFirst: boolean;
  /** True when packages go to /opt/venv, so PATH must include it. */
  usesVenv: boolean;
  /** Why this is installed this way, one note per fact, worded by each language's messages above the install step. */
  notes: InstallNote[];
  /** Why the project itself is installed after its code, when the dependency files alone would not install it. */
  projectNote?: InstallNote;
  /** Without the cache, the dependency commands also turn a tool's own cache off (uv --no-cache), not only pip's. */
  toolCacheOff: boolean;
  /**
   * `--mount=type=cache,...` flags for every RUN that installs (empty: no cache mounts, and
   * every tool runs with its cache off instead). See `cacheMountsFor`.
   */
  cacheMounts: string[];
  /**
   * The other `--mount` flags of every RUN that installs: uv borrowed from its stage, and the
   * index login as a BuildKit secret (production files only).
   */
  mounts: string[];
  /** The build arguments this stage declares (INDEX_URL and the two tool settings it feeds), or none. */
  args: string[];
}

/** A COPY from a named build context (`COPY --from=NAME sources dest`). */
export interface ContextCopy {
  from: string;
  sources: string[];
  dest: string;
}

/** The named build context a uv workspace member's Dockerfile reads the workspace root from, and where it goes in the image. */
export const WORKSPACE_CONTEXT = 'workspace';
export const WORKSPACE_DIR = '/workspace';

/** Why a dependency manager installs the way it does: the one-line comment above its install step. */
export type InstallNote =
  | { kind: 'pdmLock' }
  | { kind: 'setupCfg' }
  | { kind: 'setupPy' }
  | { kind: 'requirementsInstallProject'; file: string }
  | { kind: 'pyprojectDependencies' }
  | { kind: 'uvLock' }
  /** A uv workspace member: the lock at the workspace root, given as a named build context. */
  | { kind: 'uvWorkspace'; root: string }
  | { kind: 'poetryLock'; groups?: string[] }
  | { kind: 'poetryNoLock'; groups?: string[] }
  | { kind: 'pipfileLock' }
  | { kind: 'pipfileNoLock' }
  /** The code reads its own distribution's metadata (lib/read/own-distribution.ts): "file:line" and the call. */
  | { kind: 'readsOwnDistribution'; source: Shown; how: Shown }
  /** Installed with pip, not uv: the requirements carry an option uv reads differently. */
  | { kind: 'pipNotUv'; option: string; file: string }
  /** `--extra-index-url` in the requirements: uv is told to choose across indexes as pip does. */
  | { kind: 'indexStrategy'; file: string }
  /** Old sdist-only pins build with the setuptools of their time. */
  | { kind: 'buildConstraint'; constraint: string; pins: string[] }
  /** Every package pinned with its hashes (a lock's export, hash-checked requirements): installed as listed, then checked. */
  | { kind: 'closedSet' };

/** A build constraint for sdists (`setuptools<70`) and the pins that need it (decide/pins.ts). */
export interface BuildConstraint {
  constraint: string;
  pins: string[];
}

export interface InstallOptions {
  /**
   * Downloads go through BuildKit cache mounts (kept by the builder between builds, never in the
   * image) instead of --no-cache-dir / --no-cache. The production files; they install with uv.
   */
  cache?: boolean;
  /** Where uv comes from (production files); default `image`. */
  uv?: UvSource;
  /** Old sdist-only pins that must build with an older setuptools. */
  buildConstraint?: BuildConstraint;
  /**
   * The code reads its own installed metadata (`importlib.metadata.version("notes")`) and the
   * dependency files do not install the project: install it too, after the code, without its
   * dependencies, built by its declared backend.
   */
  installProject?: { source: string; how: string };
}

/** pip's and uv's cache directories for root, where the cache mounts go. */
export const PIP_CACHE = '/root/.cache/pip';
export const UV_CACHE = '/root/.cache/uv';

/** Where the uv stage puts uv (`pip install --target`), and where an install step mounts the binary. */
export const UV_STAGE = 'uv';
export const UV_STAGE_DIR = '/uv';
export const UV_BINARY = '/usr/local/bin/uv';

/**
 * The index login, as a BuildKit secret in netrc format (pip and uv both read ~/.netrc):
 * `docker build --secret id=netrc,src=$HOME/.netrc .`. Without it the mount is simply absent.
 */
export const NETRC_SECRET = '--mount=type=secret,id=netrc,target=/root/.netrc';

/**
 * One build argument for the package index, which pip and uv read under their own names (an
 * empty value is ignored by both, so leaving it out keeps their defaults and any pip.conf).
 */
export const INDEX_ARGS = ['INDEX_URL', 'PIP_INDEX_URL=$INDEX_URL', 'UV_DEFAULT_INDEX=$INDEX_URL'];

/** The cache directory of each dependency tool (as root, which runs the install steps). */
export const TOOL_CACHES = {
  uv: UV_CACHE,
  poetry: '/root/.cache/pypoetry',
  pipenv: '/root/.cache/pipenv',
  pdm: '/root/.cache/pdm',
} as const;

/** The cache mount of the installer: uv's (it also holds uv-run tools), or pip's. */
export function cacheMountsFor(installer: Installer): string[] {
  return [`--mount=type=cache,target=${installer === 'uv' ? UV_CACHE : PIP_CACHE}`];
}

/** How the uv stage (Dockerfile) and the builder (Dockerfile.multistage) get uv: from the index, pinned. */
export function uvInstallCommand(into: 'stage' | 'image'): ShellCommand {
  return literalCommand(into === 'stage' ? `pip install --target ${UV_STAGE_DIR} uv==${TOOL_PINS.uv}` : `pip install uv==${TOOL_PINS.uv}`);
}

/** The `--mount` that lends uv from its stage to one RUN. */
export const UV_BIND_MOUNT = `--mount=type=bind,from=${UV_STAGE},source=${UV_STAGE_DIR}/bin/uv,target=${UV_BINARY}`;

/** A throwaway virtual environment for a dependency tool (Poetry, Pipenv, PDM, uv) in the teaching files. */
const TOOL = '/tmp/tool';
/** Where an exported lock, and build constraints, are written for the one RUN that installs them. */
const EXPORTED = '/tmp/requirements.txt';
const BUILD_CONSTRAINTS = '/tmp/build-constraints.txt';

/** Drops the lines of an exported requirements file that name PyPI itself as the index (see PYPI_INDEX_LINE). */
export const DROP_PYPI_INDEX_LINES = literalCommand(`sed -E -i '\\#${PYPI_INDEX_LINE}#d' ${EXPORTED}`);

/** The first option in the requirements that uv does not honour as pip does, if any. */
export function uvIgnoredOption(deps: Dependencies): RequirementOption | undefined {
  return deps.requirementsOptions?.find((option) => (UV_IGNORED_OPTIONS as readonly string[]).includes(option.name));
}

/** The teaching files' pip: a command without its subcommand, for the base image's Python or a venv. */
function pipCommand(target: InstallTarget): ShellCommand {
  // In a venv made --without-pip, the base image's pip installs into it (pip >= 22.3).
  return literalCommand(target === 'venv' ? `pip --python ${VENV}/bin/python` : 'pip');
}

export function planInstall(deps: Dependencies, target: InstallTarget, extraPackages: readonly string[], options: InstallOptions = {}): InstallPlan {
  const cache = options.cache === true;
  const fallback = cache && deps.manager !== 'uv' ? uvIgnoredOption(deps) : undefined;
  const installer: Installer = cache && fallback === undefined ? 'uv' : 'pip';
  // uv projects state their own build constraints ([tool.uv] build-constraint-dependencies): uv lock needs them already.
  const buildConstraint = deps.manager === 'uv' ? undefined : options.buildConstraint;
  const steps = installer === 'uv' ? uvSteps(deps, target, extraPackages, { ...options, buildConstraint }) : pipSteps(deps, target, extraPackages, cache, buildConstraint);
  const notes = [...steps.notes];
  if (fallback) notes.push({ kind: 'pipNotUv', option: fallback.name, file: fallback.file });
  if (buildConstraint) notes.push({ kind: 'buildConstraint', ...buildConstraint });
  let projectCommands = steps.projectCommands;
  let projectNote: InstallNote | undefined;
  // Requirements that do not install the project, for code that needs it installed: the project without its dependencies once the code is there.
  if (options.installProject && deps.manager === 'pip' && !deps.installsProject && deps.requirementsFile && projectCommands.length === 0) {
    projectCommands = [
      installer === 'uv'
        ? sh`uv pip install ${literalCommand(target === 'venv' ? `--python ${VENV}/bin/python` : '--system')} --compile-bytecode --no-deps .`
        : sh`${pipCommand(target)} install${cache ? sh`` : sh` --no-cache-dir`} --no-deps .`,
    ];
    projectNote = { kind: 'readsOwnDistribution', source: shown(options.installProject.source), how: shown(options.installProject.how) };
  }
  return {
    manager: steps.manager,
    env: steps.env,
    copyFiles: steps.copyFiles,
    ...(steps.contextCopies ? { contextCopies: steps.contextCopies } : {}),
    dependencyCommands: steps.dependencyCommands,
    projectCommands,
    codeFirst: steps.codeFirst,
    usesVenv: steps.usesVenv,
    notes,
    ...(projectNote ? { projectNote } : {}),
    installer,
    toolCacheOff: !cache && deps.manager === 'uv',
    cacheMounts: cache ? cacheMountsFor(installer) : [],
    mounts: cache ? [...(installer === 'uv' && options.uv === 'stage' ? [UV_BIND_MOUNT] : []), NETRC_SECRET] : [],
    args: cache ? [...INDEX_ARGS] : [],
  };
}

type Steps = Omit<InstallPlan, 'installer' | 'cacheMounts' | 'toolCacheOff' | 'mounts' | 'args' | 'projectNote'>;

/**
 * A member of a uv workspace: the workspace's pyproject.toml and uv.lock, and the workspace members
 * this one depends on, come from the workspace root (a named build context), and uv installs this
 * member's dependencies from the root's lock (--frozen: the other members' pyproject.toml files are
 * not in the image to check it against; --no-editable: the members it depends on are installed,
 * not linked to /workspace). The member's own code is the build context, as for any project.
 * `uv` is how the install runs uv: the production files' own, or one in a throwaway venv.
 */
function uvWorkspaceMember(deps: Dependencies, run: { env: string[]; uv: ShellCommand; flags: ShellCommand; wrap: (commands: ShellCommand[]) => ShellCommand[]; extras: ShellCommand[]; project: ShellCommand }): Steps {
  const workspace = deps.workspace!;
  // The member's package name and the workspace folders come from the project's files: each one word.
  const member = shellWord(workspace.package, 'uv.lock [[package]] name');
  return {
    manager: 'uv',
    env: [...run.env, `UV_PROJECT_ENVIRONMENT=${VENV}`],
    copyFiles: [],
    contextCopies: [
      { from: WORKSPACE_CONTEXT, sources: ['pyproject.toml', 'uv.lock'], dest: `${WORKSPACE_DIR}/` },
      ...workspace.dependsOn.map((folder) => ({ from: WORKSPACE_CONTEXT, sources: [folder], dest: `${WORKSPACE_DIR}/${folder}` })),
    ],
    dependencyCommands: run.wrap([sh`${run.uv} sync --directory ${shellWord(WORKSPACE_DIR)} --frozen --no-dev --package ${member} --no-install-project --no-editable${run.flags}`, ...run.extras]),
    projectCommands: deps.installsProject ? [run.project] : [],
    codeFirst: false,
    usesVenv: true,
    notes: [{ kind: 'uvWorkspace', root: workspace.root }],
  };
}

/** What installs a manager's dependencies, whatever the installer: the lock exported to a list, or the list itself. */
interface Source {
  /** Commands that write EXPORTED (a lock exported by its tool), or none when the list is a file of the project. */
  exportCommands: ShellCommand[];
  /** The requirements file the installer reads. */
  file: string;
  note: InstallNote;
  installsProject: boolean;
}

/** Poetry's export of the groups a production install takes: main and the others that are neither optional nor for development. */
function poetryExport(deps: Dependencies, tool: ShellCommand): ShellCommand {
  // Group names come from pyproject.toml: one shell word, quoted when it needs to be.
  const groups = shellWord(['main', ...(deps.poetryGroups ?? [])].join(','), 'pyproject.toml');
  return sh`${tool} export --only ${groups} --format requirements.txt --output ${literalCommand(EXPORTED)}`;
}

/** The list a tool-managed project installs from: the lock, exported by the tool the way `run` runs it. */
function exportedSource(deps: Dependencies, run: (tool: 'pdm' | 'poetry' | 'pipenv') => ShellCommand): Source | undefined {
  const groups = deps.poetryGroups && deps.poetryGroups.length > 0 ? { groups: [...deps.poetryGroups] } : {};
  switch (deps.manager) {
    case 'pdm':
      // pdm.lock -> a pinned, hashed requirements list (`pdm export`); the project itself only when PDM builds it.
      return { exportCommands: [sh`${run('pdm')} export --prod --format requirements --output ${literalCommand(EXPORTED)}`, DROP_PYPI_INDEX_LINES], file: EXPORTED, note: { kind: 'pdmLock' }, installsProject: deps.installsProject };
    case 'poetry': {
      const locked = deps.files.includes('poetry.lock');
      return {
        exportCommands: [...(locked ? [] : [sh`${run('poetry')} lock`]), poetryExport(deps, run('poetry')), DROP_PYPI_INDEX_LINES],
        file: EXPORTED,
        note: { kind: locked ? 'poetryLock' : 'poetryNoLock', ...groups },
        installsProject: deps.installsProject,
      };
    }
    case 'pipenv': {
      const locked = deps.files.includes('Pipfile.lock');
      return {
        exportCommands: [...(locked ? [] : [sh`${run('pipenv')} lock`]), sh`${run('pipenv')} requirements > ${literalCommand(EXPORTED)}`, DROP_PYPI_INDEX_LINES],
        file: EXPORTED,
        note: { kind: locked ? 'pipfileLock' : 'pipfileNoLock' },
        installsProject: false,
      };
    }
    default:
      return undefined;
  }
}

/** The pinned packages of each tool, for a throwaway venv (pip) or `uv tool run --from ... --with ...`. */
const TOOL_PACKAGES: Record<'pdm' | 'poetry' | 'pipenv', string[]> = {
  pdm: [`pdm==${TOOL_PINS.pdm}`, `hishel==${TOOL_PINS.hishel}`],
  poetry: [`poetry==${TOOL_PINS.poetry}`, `poetry-plugin-export==${TOOL_PINS.poetryExport}`],
  pipenv: [`pipenv==${TOOL_PINS.pipenv}`],
};

/** uv runs a dependency tool from its cache (never in the image): `uv tool run --from poetry==X --with plugin==Y poetry`. */
function uvToolRun(tool: 'pdm' | 'poetry' | 'pipenv'): ShellCommand {
  const [main, ...more] = TOOL_PACKAGES[tool];
  return literalCommand(`uv tool run --from ${main}${more.map((pkg) => ` --with ${pkg}`).join('')} ${tool}`);
}

/** setup.cfg's install_requires or pyproject.toml's dependencies, written out with the standard library. */
const SETUP_CFG_REQUIRES = literalCommand(`python -c "import configparser; c = configparser.ConfigParser(); c.read('setup.cfg'); print(c.get('options', 'install_requires').strip())" > ${EXPORTED}`);
// Read with the standard library (tomllib, Python 3.11+), so this layer stays cached while only the code changes.
const PYPROJECT_REQUIRES = literalCommand(`python -c "import tomllib; print('\\\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project'].get('dependencies', [])))" > ${EXPORTED}`);

/** How one installer spells each part of an install; the managers' steps are then the same for both (stepsFor). */
interface InstallerCommands {
  env: string[];
  /** Creates /opt/venv when installing there. */
  makeVenv: ShellCommand[];
  /** Installs ARGS (`-r FILE`, `.`) with the build constraint, if any. */
  install: (args: ShellCommand) => ShellCommand;
  /** The project itself, after the code, without its dependencies. */
  project: ShellCommand;
  /** The server and era packages the project does not pin. */
  extras: ShellCommand[];
  /** Writes the build constraints file first, when there is one. */
  writeConstraints: ShellCommand[];
  /** Run right after the requirements are installed (uv pip check, for a closed set). */
  afterInstall: ShellCommand[];
  /** Runs a lock's tool to export it: the tool's command, and the commands wrapped around those that use it. */
  tool: (tool: 'pdm' | 'poetry' | 'pipenv') => ShellCommand;
  withTool: (tool: 'pdm' | 'poetry' | 'pipenv', commands: ShellCommand[]) => ShellCommand[];
}

/** The managers' steps, spelled by one installer. uv projects differ per installer and are not here. */
function stepsFor(deps: Dependencies, target: InstallTarget, run: InstallerCommands, constraint: boolean): Steps {
  const { makeVenv, install, project, extras, writeConstraints } = run;
  const removeAfter = (...paths: string[]) => {
    const all = [...paths, ...(constraint ? [BUILD_CONSTRAINTS] : [])];
    return all.length > 0 ? [literalCommand(`rm -f ${all.join(' ')}`)] : [];
  };
  const base = { manager: deps.manager, env: run.env, codeFirst: false, usesVenv: target === 'venv' };
  /** A requirements list written in this RUN (exported, or read from setup.cfg / pyproject.toml), then the project after the code. */
  const fromList = (copyFiles: string[], writeList: ShellCommand[], note: InstallNote, installsProject: boolean): Steps => ({
    ...base,
    copyFiles,
    dependencyCommands: [...makeVenv, ...writeList, ...writeConstraints, install(literalCommand(`-r ${EXPORTED}`)), ...run.afterInstall, ...removeAfter(EXPORTED), ...extras],
    projectCommands: installsProject ? [project] : [],
    notes: [note],
  });

  const exported = exportedSource(deps, run.tool);
  if (exported) return fromList(deps.files, run.withTool(deps.manager as 'pdm' | 'poetry' | 'pipenv', exported.exportCommands), exported.note, exported.installsProject);
  switch (deps.manager) {
    case 'setuptools':
      // setup.cfg [options] install_requires is read with the standard library's configparser and
      // installed before the code (cached); setup.py alone is a program, so the project installs
      // with its dependencies once the code is there.
      if (deps.setupCfgRequires) return fromList(['setup.cfg'], [SETUP_CFG_REQUIRES], { kind: 'setupCfg' }, true);
      return { ...base, copyFiles: [], dependencyCommands: [], projectCommands: [...makeVenv, ...writeConstraints, install(literalCommand('.')), ...extras, ...removeAfter()], codeFirst: true, notes: [{ kind: 'setupPy' }] };
    case 'pyproject':
      return fromList(['pyproject.toml'], [PYPROJECT_REQUIRES], { kind: 'pyprojectDependencies' }, true);
    default: {
      if (!deps.requirementsFile) {
        // No dependency file at all (a plain script): only what the server needs.
        return { ...base, copyFiles: [], dependencyCommands: [...(extras.length > 0 ? makeVenv : []), ...extras], projectCommands: [], usesVenv: target === 'venv' && extras.length > 0, notes: [] };
      }
      const file = deps.requirementsFile;
      const strategy = deps.requirementsOptions?.find((option) => option.name === '--extra-index-url');
      const notes: InstallNote[] = strategy && run.env.length > 0 ? [{ kind: 'indexStrategy', file: strategy.file }] : [];
      // A file name from the project: one shell word, quoted when it needs to be.
      const commands = [...makeVenv, ...writeConstraints, install(sh`-r ${shellWord(file, file)}`), ...run.afterInstall, ...extras, ...removeAfter()];
      // `-e .` in the requirements: the code first.
      if (deps.installsProject) return { ...base, copyFiles: [], dependencyCommands: [], projectCommands: commands, codeFirst: true, notes: [{ kind: 'requirementsInstallProject', file }, ...notes] };
      return { ...base, copyFiles: deps.files, dependencyCommands: commands, projectCommands: [], notes };
    }
  }
}

/** The server and era packages the project does not pin: ours, but each a shell word all the same. */
const packageWords = (packages: readonly string[]) => shellWords(packages);

/** Writes the build constraint, one requirement line of ours, where the installers read it. */
const writeConstraint = (constraint: BuildConstraint | undefined): ShellCommand[] =>
  constraint ? [sh`echo ${shellWord(constraint.constraint)} > ${literalCommand(BUILD_CONSTRAINTS)}`] : [];

/** The production files: uv installs (see the top of this file). */
function uvSteps(deps: Dependencies, target: InstallTarget, extraPackages: readonly string[], options: InstallOptions): Steps {
  // --compile-bytecode: .pyc at install time, as pip does (on the command, not UV_COMPILE_BYTECODE:
  // that would also compile every throwaway build and tool environment).
  const into = literalCommand(`${target === 'venv' ? `--python ${VENV}/bin/python` : '--system'} --compile-bytecode`);
  // Copy from the cache mount instead of hard-linking across file systems, and never download a
  // Python: the image's is the one.
  const env = ['UV_LINK_MODE=copy', 'UV_PYTHON_DOWNLOADS=never'];
  const extras = extraPackages.length > 0 ? [sh`uv pip install ${into} ${packageWords(extraPackages)}`] : [];
  if (deps.manager === 'uv') {
    // uv sync installs into /opt/venv whatever the target; the rest goes there too.
    const venvPython = literalCommand(`--python ${VENV}/bin/python --compile-bytecode`);
    const venvExtras = extraPackages.length > 0 ? [sh`uv pip install ${venvPython} ${packageWords(extraPackages)}`] : [];
    if (deps.workspace) {
      return uvWorkspaceMember(deps, { env, uv: sh`uv`, flags: sh` --compile-bytecode`, wrap: (commands) => commands, extras: venvExtras, project: sh`uv pip install ${venvPython} --no-deps .` });
    }
    return {
      manager: 'uv',
      env: [...env, `UV_PROJECT_ENVIRONMENT=${VENV}`],
      copyFiles: deps.files,
      // uv keeps every wheel in its own cache (the cache mount), whatever the index's HTTP headers say.
      dependencyCommands: [sh`uv sync --locked --no-dev --no-install-project --compile-bytecode`, ...venvExtras],
      projectCommands: deps.installsProject ? [sh`uv pip install ${venvPython} --no-deps .`] : [],
      codeFirst: false,
      usesVenv: true,
      notes: [{ kind: 'uvLock' }],
    };
  }
  const constraint = options.buildConstraint;
  const constrained = constraint ? literalCommand(` --build-constraints ${BUILD_CONSTRAINTS}`) : sh``;
  // A closed set (a lock's export; requirements whose --hash lines make pip require every package
  // pinned): installed as listed, without resolving it again, which also spares fetching every
  // index page and rebuilding sdists whose wheels uv already built; uv pip check then fails the
  // build if a dependency is missing, as pip's hash-checking mode would.
  const closed = ['poetry', 'pdm', 'pipenv'].includes(deps.manager) || (deps.manager === 'pip' && deps.requirementsHashed === true && !deps.installsProject);
  const noDeps = closed ? sh` --no-deps` : sh``;
  // As pip does: the best version across every index, not the first index that knows the name.
  const indexStrategy = deps.requirementsOptions?.some((option) => option.name === '--extra-index-url') ? sh` --index-strategy unsafe-best-match` : sh``;
  const steps = stepsFor(
    deps,
    target,
    {
      env,
      makeVenv: target === 'venv' ? [literalCommand(`python -m venv --without-pip ${VENV}`)] : [],
      install: (args) => sh`uv pip install ${into}${args.startsWith('-r') ? sh`${noDeps}${indexStrategy}` : sh``}${constrained} ${args}`,
      // The project's own build is its own business: no constraint on it.
      project: sh`uv pip install ${into} --no-deps .`,
      extras,
      writeConstraints: writeConstraint(constraint),
      afterInstall: closed ? [sh`uv pip check ${literalCommand(target === 'venv' ? `--python ${VENV}/bin/python` : '--system')}`] : [],
      tool: uvToolRun,
      withTool: (_tool, commands) => commands,
    },
    constraint !== undefined,
  );
  return closed ? { ...steps, notes: [...steps.notes, { kind: 'closedSet' }] } : steps;
}

/**
 * pip installs: the teaching files (no cache: --no-cache-dir), and the production files of a
 * project whose requirements uv would read differently (pip's cache mount). Tools run from a
 * throwaway venv that is deleted in the same RUN.
 */
function pipSteps(deps: Dependencies, target: InstallTarget, extraPackages: readonly string[], cache: boolean, buildConstraint: BuildConstraint | undefined): Steps {
  const pip = pipCommand(target);
  const noCache = cache ? sh`` : sh` --no-cache-dir`;
  const tool = literalCommand(TOOL);
  if (deps.manager === 'uv') {
    const uvNoCache = cache ? sh`` : sh` --no-cache`;
    const uvExtras = extraPackages.length > 0 ? [sh`${tool}/bin/uv pip install --python ${literalCommand(VENV)}/bin/python${uvNoCache} ${packageWords(extraPackages)}`] : [];
    if (deps.workspace) {
      return uvWorkspaceMember(deps, {
        env: ['UV_COMPILE_BYTECODE=1', 'UV_LINK_MODE=copy', 'UV_PYTHON_DOWNLOADS=never'],
        uv: sh`${tool}/bin/uv`,
        flags: uvNoCache,
        wrap: (commands) => [sh`python -m venv ${tool}`, sh`${tool}/bin/pip install${noCache} ${shellWord(`uv==${TOOL_PINS.uv}`)}`, ...commands, sh`rm -rf ${tool}`],
        extras: uvExtras,
        project: sh`${pipCommand('venv')} install${noCache} --no-deps .`,
      });
    }
    return {
      manager: 'uv',
      // Compile .pyc at install time, copy instead of hard-linking from the cache, never
      // download a Python (use the image's), and install into /opt/venv.
      env: ['UV_COMPILE_BYTECODE=1', 'UV_LINK_MODE=copy', 'UV_PYTHON_DOWNLOADS=never', `UV_PROJECT_ENVIRONMENT=${VENV}`],
      copyFiles: deps.files,
      dependencyCommands: [
        sh`python -m venv ${tool}`,
        sh`${tool}/bin/pip install${noCache} ${shellWord(`uv==${TOOL_PINS.uv}`)}`,
        sh`${tool}/bin/uv sync --locked --no-dev --no-install-project${uvNoCache}`,
        ...uvExtras,
        sh`rm -rf ${tool}`,
      ],
      projectCommands: deps.installsProject ? [sh`${pipCommand('venv')} install${noCache} --no-deps .`] : [],
      codeFirst: false,
      usesVenv: true,
      notes: [{ kind: 'uvLock' }],
    };
  }
  // pip 25.3 and later take build constraints as PIP_BUILD_CONSTRAINT; older ones apply
  // PIP_CONSTRAINT to the builds as well (and to the install itself, so not when the project pins setuptools).
  const constrainedEnv = buildConstraint
    ? literalCommand(`PIP_BUILD_CONSTRAINT=${BUILD_CONSTRAINTS}${deps.pins?.['setuptools'] === undefined ? ` PIP_CONSTRAINT=${BUILD_CONSTRAINTS}` : ''} `)
    : sh``;
  return stepsFor(
    deps,
    target,
    {
      env: [],
      makeVenv: target === 'venv' ? [literalCommand(`python -m venv --without-pip ${VENV}`)] : [],
      install: (args) => sh`${constrainedEnv}${pip} install${noCache} ${args}`,
      project: sh`${pip} install${noCache} --no-deps .`,
      extras: extraPackages.length > 0 ? [sh`${pip} install${noCache} ${packageWords(extraPackages)}`] : [],
      writeConstraints: writeConstraint(buildConstraint),
      afterInstall: [],
      tool: (name) => sh`${tool}/bin/${literalCommand(name)}`,
      withTool: (name, commands) => [sh`python -m venv ${tool}`, sh`${tool}/bin/pip install${noCache} ${packageWords(TOOL_PACKAGES[name])}`, ...commands, sh`rm -rf ${tool}`],
    },
    buildConstraint !== undefined,
  );
}
