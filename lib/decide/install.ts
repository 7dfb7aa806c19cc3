/**
 * How a Dockerfile installs a project's dependencies, per dependency manager: which files form
 * the cached dependency layer, the commands for that layer, and the commands that install the
 * project itself once the code is copied. Pure data, rendered by the templates.
 */
import type { Dependencies } from '../read/types.js';
import { literalCommand, sh, type ShellCommand, shellWord, shellWords, type Shown, shown } from './sinks.js';
import { TOOL_PINS } from '../tables/versions.js';

/** Where packages go: the base image's own Python (single stage), or a venv to copy out of a builder. */
export type InstallTarget = 'system' | 'venv';

export const VENV = '/opt/venv';

export interface InstallPlan {
  manager: Dependencies['manager'];
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
  | { kind: 'poetryLock' }
  | { kind: 'poetryNoLock' }
  | { kind: 'pipfileLock' }
  | { kind: 'pipfileNoLock' }
  /** The code reads its own distribution's metadata (lib/read/own-distribution.ts): "file:line" and the call. */
  | { kind: 'readsOwnDistribution'; source: Shown; how: Shown };

export interface InstallOptions {
  /**
   * Downloads go through BuildKit cache mounts (kept by the builder between builds, never in the
   * image) instead of --no-cache-dir / --no-cache.
   */
  cache?: boolean;
  /**
   * The code reads its own installed metadata (`importlib.metadata.version("notes")`) and the
   * dependency files do not install the project: install it too, after the code, without its
   * dependencies, built by its declared backend.
   */
  installProject?: { source: string; how: string };
}

/** pip's cache directory for root, where the cache mount goes. */
export const PIP_CACHE = '/root/.cache/pip';
/**
 * A wheelhouse inside the pip cache mount: every file pip fetched, kept whatever the index's
 * headers say. pip's own HTTP cache stores a download only when the index's response headers
 * allow it (PyPI sends Cache-Control: max-age, immutable; a proxy or mirror that drops those
 * headers gets nothing cached, so a cache mount alone saves nothing there). `pip wheel` skips a
 * file already in the wheelhouse ("File was already downloaded") and turns sdists into wheels
 * (built once: pip's wheel cache keeps them); `pip install --no-index --find-links` installs
 * from it. A plain `--find-links` with the index would not do: pip takes the index's copy of
 * the same file and downloads it again.
 */
export const PIP_WHEELHOUSE = `${PIP_CACHE}/wheelhouse`;

/** The cache directory of each dependency tool (as root, which runs the install steps). */
export const TOOL_CACHES = {
  uv: '/root/.cache/uv',
  poetry: '/root/.cache/pypoetry',
  pipenv: '/root/.cache/pipenv',
  pdm: '/root/.cache/pdm',
} as const;

/** One cache mount per tool cache the install uses; pip's is always there (every path runs pip). */
export function cacheMountsFor(manager: Dependencies['manager']): string[] {
  const dirs: string[] = [PIP_CACHE];
  if (manager === 'uv' || manager === 'poetry' || manager === 'pipenv' || manager === 'pdm') dirs.push(TOOL_CACHES[manager]);
  return dirs.map((dir) => `--mount=type=cache,target=${dir}`);
}

/**
 * `pip install ARGS` for a target: with the cache, the files are first fetched into (or found in)
 * PIP_WHEELHOUSE as wheels, then installed from there with no index; without it, one install
 * with --no-cache-dir. `pip` is the pip command (the base image's, optionally
 * `--python <venv>`, or a tool venv's).
 */
export function pipInstallCommands(pip: ShellCommand, args: ShellCommand, cache: boolean): ShellCommand[] {
  if (!cache) return [sh`${pip} install --no-cache-dir ${args}`];
  const wheelhouse = shellWord(PIP_WHEELHOUSE);
  return [sh`${pip} wheel --wheel-dir ${wheelhouse} ${args}`, sh`${pip} install --no-index --find-links ${wheelhouse} ${args}`];
}

/** A throwaway virtual environment for a dependency tool (uv, Poetry, Pipenv). */
const TOOL = shellWord('/tmp/tool');
const VENV_WORD = shellWord(VENV);

/**
 * Runs commands with a tool installed in a throwaway venv that is deleted in the same RUN, so
 * the tool never reaches the image: only what it installed or exported does.
 */
function withTool(packages: ShellCommand, commands: ShellCommand[], cache = false): ShellCommand[] {
  return [sh`python -m venv ${TOOL}`, ...pipInstallCommands(sh`${TOOL}/bin/pip`, packages, cache), ...commands, sh`rm -rf ${TOOL}`];
}

/** The pip command for a target, without its subcommand. */
function pipCommand(target: InstallTarget): ShellCommand {
  // In a venv made --without-pip, the base image's pip installs into it (pip >= 22.3).
  return target === 'venv' ? sh`pip --python ${VENV_WORD}/bin/python` : sh`pip`;
}

/**
 * A member of a uv workspace: the workspace's pyproject.toml and uv.lock, and the workspace members
 * this one depends on, come from the workspace root (a named build context), and uv installs this
 * member's dependencies from the root's lock (--frozen: the other members' pyproject.toml files are
 * not in the image to check it against; --no-editable: the members it depends on are installed,
 * not linked to /workspace). The member's own code is the build context, as for any project.
 */
function uvWorkspaceMember(deps: Dependencies, extraPackages: readonly string[], cache: boolean): Omit<InstallPlan, 'cacheMounts' | 'toolCacheOff'> {
  const workspace = deps.workspace!;
  const noCache = cache ? sh`` : sh` --no-cache`;
  const extraWords = shellWords(extraPackages, 'the packages the image adds');
  // The member's package name and the workspace folders come from the project's files: each one word.
  const member = shellWord(workspace.package, 'uv.lock [[package]] name');
  return {
    manager: 'uv',
    env: ['UV_COMPILE_BYTECODE=1', 'UV_LINK_MODE=copy', 'UV_PYTHON_DOWNLOADS=never', `UV_PROJECT_ENVIRONMENT=${VENV}`],
    copyFiles: [],
    contextCopies: [
      { from: WORKSPACE_CONTEXT, sources: ['pyproject.toml', 'uv.lock'], dest: `${WORKSPACE_DIR}/` },
      ...workspace.dependsOn.map((folder) => ({ from: WORKSPACE_CONTEXT, sources: [folder], dest: `${WORKSPACE_DIR}/${folder}` })),
    ],
    dependencyCommands: withTool(
      sh`${shellWord(`uv==${TOOL_PINS.uv}`)}`,
      [
        sh`${TOOL}/bin/uv sync --directory ${shellWord(WORKSPACE_DIR)} --frozen --no-dev --package ${member} --no-install-project --no-editable${noCache}`,
        ...(extraPackages.length > 0 ? [sh`${TOOL}/bin/uv pip install --python ${VENV_WORD}/bin/python${noCache} ${extraWords}`] : []),
      ],
      cache,
    ),
    projectCommands: deps.installsProject ? [sh`${pipCommand('venv')} install${cache ? sh`` : sh` --no-cache-dir`} --no-deps .`] : [],
    codeFirst: false,
    usesVenv: true,
    notes: [{ kind: 'uvWorkspace', root: workspace.root }],
  };
}

export function planInstall(deps: Dependencies, target: InstallTarget, extraPackages: readonly string[], options: InstallOptions = {}): InstallPlan {
  const cache = options.cache === true;
  const plan = planInstallSteps(deps, target, extraPackages, cache);
  // Requirements that do not install the project, for code that needs it installed: `pip install --no-deps .` once the code is there.
  if (options.installProject && deps.manager === 'pip' && !deps.installsProject && deps.requirementsFile && plan.projectCommands.length === 0) {
    plan.projectCommands = [cache ? sh`${pipCommand(target)} install --no-deps .` : sh`${pipCommand(target)} install --no-cache-dir --no-deps .`];
    plan.projectNote = { kind: 'readsOwnDistribution', source: shown(options.installProject.source), how: shown(options.installProject.how) };
  }
  return { ...plan, toolCacheOff: !cache && deps.manager === 'uv', cacheMounts: cache ? cacheMountsFor(deps.manager) : [] };
}

function planInstallSteps(deps: Dependencies, target: InstallTarget, extraPackages: readonly string[], cache: boolean): Omit<InstallPlan, 'cacheMounts' | 'toolCacheOff'> {
  const pipBase = pipCommand(target);
  /** Installs ARGS with pip: one command, or download + install with the cache. */
  const pipi = (args: ShellCommand) => pipInstallCommands(pipBase, args, cache);
  /** The project itself (`--no-deps .`): nothing to download but its build backend. */
  const noCacheDir = cache ? sh`` : sh` --no-cache-dir`;
  const pipProject = sh`${pipBase} install${noCacheDir} --no-deps .`;
  const makeVenv = sh`python -m venv --without-pip ${VENV_WORD}`;
  const extraWords = shellWords(extraPackages);
  const extras = extraPackages.length > 0 ? pipi(sh`${extraWords}`) : [];
  const fromExport = sh`-r /tmp/requirements.txt`;
  /**
   * PDM, Poetry and Pipenv install the same way: the lock exported to a pinned requirements list
   * by the tool in a throwaway venv, then plain pip installs that list (and the project itself,
   * with --no-deps, when the tool would build it).
   */
  const exportedByTool = (tool: ShellCommand, exportCommands: ShellCommand[], note: InstallNote, installsProject: boolean): Omit<InstallPlan, 'cacheMounts' | 'toolCacheOff'> => ({
    manager: deps.manager,
    env: [],
    copyFiles: deps.files,
    dependencyCommands: [...(target === 'venv' ? [makeVenv] : []), ...withTool(tool, exportCommands, cache), ...pipi(fromExport), ...extras],
    projectCommands: installsProject ? [pipProject] : [],
    codeFirst: false,
    usesVenv: target === 'venv',
    notes: [note],
  });
  switch (deps.manager) {
    case 'pdm':
      // pdm.lock -> a pinned, hashed requirements list (`pdm export`); the project itself only when PDM builds it.
      return exportedByTool(
        sh`${shellWords([`pdm==${TOOL_PINS.pdm}`, `hishel==${TOOL_PINS.hishel}`])}`,
        [sh`${TOOL}/bin/pdm export --prod --format requirements --output /tmp/requirements.txt`],
        { kind: 'pdmLock' },
        deps.installsProject,
      );
    case 'setuptools':
      // setup.cfg [options] install_requires is read with the standard library's configparser and
      // installed before the code (cached); setup.py alone is a program, so the project installs
      // with its dependencies once the code is there.
      if (deps.setupCfgRequires) {
        return {
          manager: 'setuptools',
          env: [],
          copyFiles: ['setup.cfg'],
          dependencyCommands: [
            ...(target === 'venv' ? [makeVenv] : []),
            literalCommand(`python -c "import configparser; c = configparser.ConfigParser(); c.read('setup.cfg'); print(c.get('options', 'install_requires').strip())" > /tmp/requirements.txt`),
            ...pipi(fromExport),
            ...extras,
          ],
          projectCommands: [pipProject],
          codeFirst: false,
          usesVenv: target === 'venv',
          notes: [{ kind: 'setupCfg' }],
        };
      }
      return {
        manager: 'setuptools',
        env: [],
        copyFiles: [],
        dependencyCommands: [],
        // Needs its build backend from the index: a plain install (the cache mount keeps what it may).
        projectCommands: [...(target === 'venv' ? [makeVenv] : []), sh`${pipBase} install${noCacheDir} .`, ...extras],
        codeFirst: true,
        usesVenv: target === 'venv',
        notes: [{ kind: 'setupPy' }],
      };
    case 'pip': {
      if (!deps.requirementsFile) {
        // No dependency file at all (a plain script): only what the server needs.
        return { manager: 'pip', env: [], copyFiles: [], dependencyCommands: extras, projectCommands: [], codeFirst: false, usesVenv: target === 'venv' && extras.length > 0, notes: [] };
      }
      // A file name from the project: one shell word, quoted when it needs to be.
      const requirements = shellWord(deps.requirementsFile, deps.requirementsFile);
      return {
        manager: 'pip',
        env: [],
        copyFiles: deps.installsProject ? [] : deps.files,
        dependencyCommands: deps.installsProject ? [] : [...(target === 'venv' ? [makeVenv] : []), ...pipi(sh`-r ${requirements}`), ...extras],
        // `-e .` needs its build backend from the index: a plain install (the cache mount still
        // keeps what pip's HTTP cache may store).
        projectCommands: deps.installsProject ? [...(target === 'venv' ? [makeVenv] : []), sh`${pipBase} install${noCacheDir} -r ${requirements}`, ...extras] : [],
        codeFirst: deps.installsProject,
        usesVenv: target === 'venv',
        notes: deps.installsProject ? [{ kind: 'requirementsInstallProject', file: deps.requirementsFile }] : [],
      };
    }
    case 'pyproject':
      return {
        manager: 'pyproject',
        env: [],
        copyFiles: ['pyproject.toml'],
        // Dependencies only, read from pyproject.toml with the standard library (tomllib, Python 3.11+),
        // so this layer stays cached while only the code changes.
        dependencyCommands: [
          ...(target === 'venv' ? [makeVenv] : []),
          literalCommand(`python -c "import tomllib; print('\\\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project'].get('dependencies', [])))" > /tmp/requirements.txt`),
          ...pipi(fromExport),
          ...extras,
        ],
        projectCommands: [pipProject],
        codeFirst: false,
        usesVenv: target === 'venv',
        notes: [{ kind: 'pyprojectDependencies' }],
      };
    case 'uv':
      if (deps.workspace) return uvWorkspaceMember(deps, extraPackages, cache);
      return {
        manager: 'uv',
        // Compile .pyc at install time, copy instead of hard-linking from the cache, never
        // download a Python (use the image's), and install into /opt/venv.
        env: ['UV_COMPILE_BYTECODE=1', 'UV_LINK_MODE=copy', 'UV_PYTHON_DOWNLOADS=never', `UV_PROJECT_ENVIRONMENT=${VENV}`],
        copyFiles: deps.files,
        // With the cache, uv keeps every wheel in its own cache (the uv cache mount), whatever the
        // index's HTTP headers say.
        dependencyCommands: withTool(
          sh`${shellWord(`uv==${TOOL_PINS.uv}`)}`,
          [
            sh`${TOOL}/bin/uv sync --locked --no-dev --no-install-project${cache ? sh`` : sh` --no-cache`}`,
            ...(extraPackages.length > 0 ? [sh`${TOOL}/bin/uv pip install --python ${VENV_WORD}/bin/python${cache ? sh`` : sh` --no-cache`} ${extraWords}`] : []),
          ],
          cache,
        ),
        projectCommands: deps.installsProject ? [sh`${pipCommand('venv')} install${noCacheDir} --no-deps .`] : [],
        codeFirst: false,
        usesVenv: true,
        notes: [{ kind: 'uvLock' }],
      };
    case 'poetry': {
      // poetry.lock -> a pinned, hashed requirements list, installed by plain pip.
      const locked = deps.files.includes('poetry.lock');
      return exportedByTool(
        sh`${shellWords([`poetry==${TOOL_PINS.poetry}`, `poetry-plugin-export==${TOOL_PINS.poetryExport}`])}`,
        [...(locked ? [] : [sh`${TOOL}/bin/poetry lock`]), sh`${TOOL}/bin/poetry export --only main --format requirements.txt --output /tmp/requirements.txt`],
        { kind: locked ? 'poetryLock' : 'poetryNoLock' },
        deps.installsProject,
      );
    }
    case 'pipenv': {
      // Pipfile.lock -> a pinned requirements list, installed by plain pip.
      const locked = deps.files.includes('Pipfile.lock');
      return exportedByTool(
        sh`${shellWord(`pipenv==${TOOL_PINS.pipenv}`)}`,
        [...(locked ? [] : [sh`${TOOL}/bin/pipenv lock`]), sh`${TOOL}/bin/pipenv requirements > /tmp/requirements.txt`],
        { kind: locked ? 'pipfileLock' : 'pipfileNoLock' },
        false,
      );
    }
  }
}
