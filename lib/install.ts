/**
 * How a Dockerfile installs a project's dependencies, per dependency manager: which files form
 * the cached dependency layer, the commands for that layer, and the commands that install the
 * project itself once the code is copied. Pure data, rendered by the templates.
 */
import type { Dependencies } from './project/types.js';
import { TOOL_PINS } from './versions.js';

/** Where packages go: the base image's own Python (single stage), or a venv to copy out of a builder. */
export type InstallTarget = 'system' | 'venv';

export const VENV = '/opt/venv';

export interface InstallPlan {
  manager: Dependencies['manager'];
  /** ENV settings the tool needs (KEY=value). */
  env: string[];
  /** Dependency files copied before the code, each to its own path. */
  copyFiles: string[];
  /** Commands for the dependency layer; run before the code is copied. */
  dependencyCommands: string[];
  /** Commands run after `COPY . .` (installing the project itself). */
  projectCommands: string[];
  /** The requirements name the project itself (`-e .`): the code must be copied first. */
  codeFirst: boolean;
  /** True when packages go to /opt/venv, so PATH must include it. */
  usesVenv: boolean;
  /** Why this is installed this way, one line per fact, for the Dockerfile's comments. */
  notes: string[];
}

/** A throwaway virtual environment for a dependency tool (uv, Poetry, Pipenv). */
const TOOL = '/tmp/tool';

/**
 * Runs commands with a tool installed in a throwaway venv that is deleted in the same RUN, so
 * the tool never reaches the image: only what it installed or exported does.
 */
function withTool(packages: string, commands: string[]): string[] {
  return [`python -m venv ${TOOL}`, `${TOOL}/bin/pip install --no-cache-dir ${packages}`, ...commands, `rm -rf ${TOOL}`];
}

function pipFor(target: InstallTarget): string {
  // In a venv made --without-pip, the base image's pip installs into it (pip >= 22.3).
  return target === 'venv' ? `pip --python ${VENV}/bin/python install --no-cache-dir` : 'pip install --no-cache-dir';
}

/** pdm.lock -> a pinned, hashed requirements list (`pdm export`), installed by plain pip; the project itself only when PDM builds it. */
function planPdm(deps: Dependencies, target: InstallTarget, extraPackages: readonly string[]): InstallPlan {
  const pip = pipFor(target);
  return {
    manager: 'pdm',
    env: [],
    copyFiles: deps.files,
    dependencyCommands: [
      ...(target === 'venv' ? [`python -m venv --without-pip ${VENV}`] : []),
      ...withTool(`pdm==${TOOL_PINS.pdm} hishel==${TOOL_PINS.hishel}`, [
        `${TOOL}/bin/pdm export --prod --format requirements --output /tmp/requirements.txt`,
      ]),
      `${pip} -r /tmp/requirements.txt`,
      ...(extraPackages.length > 0 ? [`${pip} ${extraPackages.join(' ')}`] : []),
    ],
    projectCommands: deps.installsProject ? [`${pip} --no-deps .`] : [],
    codeFirst: false,
    usesVenv: target === 'venv',
    notes: ['pdm.lock: exact versions (default group), exported by `pdm export` and installed by pip.'],
  };
}

/**
 * setup.py / setup.cfg: with setup.cfg [options] install_requires, the dependencies are read
 * with the standard library's configparser and installed before the code (cached); setup.py
 * alone is a program, so the project is installed with its dependencies once the code is there.
 */
function planSetuptools(deps: Dependencies, target: InstallTarget, extraPackages: readonly string[]): InstallPlan {
  const pip = pipFor(target);
  const makeVenv = target === 'venv' ? [`python -m venv --without-pip ${VENV}`] : [];
  const extras = extraPackages.length > 0 ? [`${pip} ${extraPackages.join(' ')}`] : [];
  if (deps.setupCfgRequires) {
    return {
      manager: 'setuptools',
      env: [],
      copyFiles: ['setup.cfg'],
      dependencyCommands: [
        ...makeVenv,
        `python -c "import configparser; c = configparser.ConfigParser(); c.read('setup.cfg'); print(c.get('options', 'install_requires').strip())" > /tmp/requirements.txt`,
        `${pip} -r /tmp/requirements.txt`,
        ...extras,
      ],
      projectCommands: [`${pip} --no-deps .`],
      codeFirst: false,
      usesVenv: target === 'venv',
      notes: ['setup.cfg [options] install_requires first (cached), then the project itself with --no-deps.'],
    };
  }
  return {
    manager: 'setuptools',
    env: [],
    copyFiles: [],
    dependencyCommands: [],
    projectCommands: [...makeVenv, `${pip} .`, ...extras],
    codeFirst: true,
    usesVenv: target === 'venv',
    notes: ['setup.py is a program that may import the code, so the project and its dependencies install after the code is copied.'],
  };
}

export function planInstall(deps: Dependencies, target: InstallTarget, extraPackages: readonly string[]): InstallPlan {
  const pip = pipFor(target);
  const makeVenv = `python -m venv --without-pip ${VENV}`;
  const extras = extraPackages.length > 0 ? [`${pip} ${extraPackages.join(' ')}`] : [];
  switch (deps.manager) {
    case 'pdm':
      return planPdm(deps, target, extraPackages);
    case 'setuptools':
      return planSetuptools(deps, target, extraPackages);
    case 'pip': {
      if (!deps.requirementsFile) {
        // No dependency file at all (a plain script): only what the server needs.
        return { manager: 'pip', env: [], copyFiles: [], dependencyCommands: extras, projectCommands: [], codeFirst: false, usesVenv: target === 'venv' && extras.length > 0, notes: [] };
      }
      const requirements = deps.requirementsFile;
      return {
        manager: 'pip',
        env: [],
        copyFiles: deps.installsProject ? [] : deps.files,
        dependencyCommands: deps.installsProject ? [] : [...(target === 'venv' ? [makeVenv] : []), `${pip} -r ${requirements}`, ...extras],
        projectCommands: deps.installsProject ? [...(target === 'venv' ? [makeVenv] : []), `${pip} -r ${requirements}`, ...extras] : [],
        codeFirst: deps.installsProject,
        usesVenv: target === 'venv',
        notes: deps.installsProject
          ? [`${requirements} installs the project itself (-e . or .), so it needs the code: no separate dependency layer.`]
          : [],
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
          `python -c "import tomllib; print('\\\\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project'].get('dependencies', [])))" > /tmp/requirements.txt`,
          `${pip} -r /tmp/requirements.txt`,
          ...extras,
        ],
        projectCommands: [`${pip} --no-deps .`],
        codeFirst: false,
        usesVenv: target === 'venv',
        notes: ['pyproject.toml [project] dependencies first (cached), then the project itself with --no-deps.'],
      };
    case 'uv':
      return {
        manager: 'uv',
        // Compile .pyc at install time, copy instead of hard-linking from the cache, never
        // download a Python (use the image's), and install into /opt/venv.
        env: ['UV_COMPILE_BYTECODE=1', 'UV_LINK_MODE=copy', 'UV_PYTHON_DOWNLOADS=never', `UV_PROJECT_ENVIRONMENT=${VENV}`],
        copyFiles: deps.files,
        dependencyCommands: withTool(`uv==${TOOL_PINS.uv}`, [
          `${TOOL}/bin/uv sync --locked --no-dev --no-install-project --no-cache`,
          ...(extraPackages.length > 0 ? [`${TOOL}/bin/uv pip install --python ${VENV}/bin/python --no-cache ${extraPackages.join(' ')}`] : []),
        ]),
        projectCommands: deps.installsProject ? [`${pipFor('venv')} --no-deps .`] : [],
        codeFirst: false,
        usesVenv: true,
        notes: ['uv.lock: exact versions; `uv sync --locked` fails if the lock is out of date with pyproject.toml.'],
      };
    case 'poetry':
      return {
        manager: 'poetry',
        env: [],
        copyFiles: deps.files,
        dependencyCommands: [
          ...(target === 'venv' ? [makeVenv] : []),
          // poetry.lock -> a pinned, hashed requirements list, installed by plain pip.
          ...withTool(`poetry==${TOOL_PINS.poetry} poetry-plugin-export==${TOOL_PINS.poetryExport}`, [
            ...(deps.files.includes('poetry.lock') ? [] : [`${TOOL}/bin/poetry lock`]),
            `${TOOL}/bin/poetry export --only main --format requirements.txt --output /tmp/requirements.txt`,
          ]),
          `${pip} -r /tmp/requirements.txt`,
          ...extras,
        ],
        projectCommands: deps.installsProject ? [`${pip} --no-deps .`] : [],
        codeFirst: false,
        usesVenv: target === 'venv',
        notes: deps.files.includes('poetry.lock')
          ? ['poetry.lock: exact versions (main group), exported by `poetry export` and installed by pip.']
          : ['No poetry.lock: versions are resolved at build time (`poetry lock`); commit a lock file for repeatable builds.'],
      };
    case 'pipenv':
      return {
        manager: 'pipenv',
        env: [],
        copyFiles: deps.files,
        dependencyCommands: [
          ...(target === 'venv' ? [makeVenv] : []),
          // Pipfile.lock -> a pinned requirements list, installed by plain pip.
          ...withTool(`pipenv==${TOOL_PINS.pipenv}`, [
            ...(deps.files.includes('Pipfile.lock') ? [] : [`${TOOL}/bin/pipenv lock`]),
            `${TOOL}/bin/pipenv requirements > /tmp/requirements.txt`,
          ]),
          `${pip} -r /tmp/requirements.txt`,
          ...extras,
        ],
        projectCommands: [],
        codeFirst: false,
        usesVenv: target === 'venv',
        notes: deps.files.includes('Pipfile.lock')
          ? ['Pipfile.lock: exact versions, exported by `pipenv requirements` and installed by pip.']
          : ['No Pipfile.lock: versions are resolved at build time (`pipenv lock`); commit a lock file for repeatable builds.'],
      };
  }
}
