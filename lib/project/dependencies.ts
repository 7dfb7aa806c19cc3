/**
 * Which tool installs the project's dependencies, from which files, and which packages it
 * names. When several are present the first in DEPENDENCY_MANAGER_PRECEDENCE wins (a lock
 * file is the most exact statement of what the project runs with), and `reason` lists the rest.
 */
import path from 'node:path';
import { UsageError } from '../errors.js';
import { isFile } from './files.js';
import { PIPFILE, PIPFILE_LOCK, checkPipfileLock, readPipfile } from './pipfile.js';
import { PYPROJECT, type Pyproject, readPyproject } from './pyproject.js';
import { readRequirementsFile } from './requirements.js';
import type { Dependencies, DependencyManager } from './types.js';

export const REQUIREMENTS_TXT = 'requirements.txt';
export const UV_LOCK = 'uv.lock';
export const POETRY_LOCK = 'poetry.lock';

/** The order in which dependency managers are chosen when a project has files for several. */
export const DEPENDENCY_MANAGER_PRECEDENCE = [
  { manager: 'uv', foundBy: 'uv.lock (with pyproject.toml)' },
  { manager: 'poetry', foundBy: 'poetry.lock, or [tool.poetry] in pyproject.toml' },
  { manager: 'pipenv', foundBy: 'Pipfile.lock or Pipfile' },
  { manager: 'pip', foundBy: 'requirements.txt' },
  { manager: 'pyproject', foundBy: 'pyproject.toml with a PEP 621 [project] table that has dependencies or a [build-system] (pip install .)' },
] as const satisfies readonly { manager: DependencyManager; foundBy: string }[];

const POETRY_TABLE = 'pyproject.toml [tool.poetry]';
const PROJECT_TABLE = 'pyproject.toml [project]';

/** A PEP 621 project that `pip install .` can install. */
function isInstallablePep621(pyproject: Pyproject | undefined): boolean {
  return pyproject !== undefined && pyproject.hasProject && (pyproject.dependencies !== undefined || pyproject.hasBuildSystem);
}

function reason(found: string, evidence: readonly string[], used: readonly string[]): string {
  const others = evidence.filter((item) => !used.includes(item));
  return others.length > 0 ? `${found}; also present: ${others.join(', ')}` : found;
}

function union(...lists: (readonly string[] | undefined)[]): string[] {
  const names: string[] = [];
  for (const list of lists) for (const name of list ?? []) if (!names.includes(name)) names.push(name);
  return names;
}

/** Reads the project's dependency files; undefined when it has none that a manager installs. */
export async function readDependencies(root: string): Promise<Dependencies | undefined> {
  const has = async (file: string): Promise<boolean> => isFile(path.join(root, file));
  const pyproject = await readPyproject(root);
  const pipfile = await readPipfile(root);
  const hasPipfileLock = await checkPipfileLock(root);
  const hasUvLock = await has(UV_LOCK);
  const hasPoetryLock = await has(POETRY_LOCK);
  const hasRequirements = await has(REQUIREMENTS_TXT);

  const evidence = [
    hasUvLock && UV_LOCK,
    hasPoetryLock && POETRY_LOCK,
    pyproject?.poetry && POETRY_TABLE,
    hasPipfileLock && PIPFILE_LOCK,
    pipfile && PIPFILE,
    hasRequirements && REQUIREMENTS_TXT,
    isInstallablePep621(pyproject) && PROJECT_TABLE,
  ].filter((item): item is string => typeof item === 'string');

  if (hasUvLock) {
    if (!pyproject) throw new UsageError(`${UV_LOCK}: found without ${PYPROJECT}, which uv needs to install the project`);
    return {
      manager: 'uv',
      files: [PYPROJECT, UV_LOCK],
      // uv builds and installs the project itself when it is a package: [tool.uv] package, else a [build-system].
      installsProject: pyproject.uvPackage ?? pyproject.hasBuildSystem,
      packages: union(pyproject.dependencies),
      reason: reason(`${UV_LOCK} found`, evidence, [UV_LOCK, PROJECT_TABLE]),
    };
  }
  if (hasPoetryLock || pyproject?.poetry) {
    if (!pyproject) throw new UsageError(`${POETRY_LOCK}: found without ${PYPROJECT}, which Poetry needs to install the project`);
    const found = hasPoetryLock ? `${POETRY_LOCK} found` : `[tool.poetry] found in ${PYPROJECT} (no ${POETRY_LOCK})`;
    return {
      manager: 'poetry',
      files: hasPoetryLock ? [PYPROJECT, POETRY_LOCK] : [PYPROJECT],
      installsProject: pyproject.poetry?.packageMode ?? true,
      packages: union(pyproject.dependencies, pyproject.poetry?.packages),
      reason: reason(found, evidence, [POETRY_LOCK, POETRY_TABLE, PROJECT_TABLE]),
    };
  }
  if (hasPipfileLock || pipfile) {
    if (!pipfile) throw new UsageError(`${PIPFILE_LOCK}: found without ${PIPFILE}, which Pipenv needs to install the project`);
    const found = hasPipfileLock ? `${PIPFILE_LOCK} found` : `${PIPFILE} found (no ${PIPFILE_LOCK})`;
    return {
      manager: 'pipenv',
      files: hasPipfileLock ? [PIPFILE, PIPFILE_LOCK] : [PIPFILE],
      installsProject: pipfile.installsProject,
      packages: pipfile.packages,
      reason: reason(found, evidence, [PIPFILE_LOCK, PIPFILE]),
    };
  }
  if (hasRequirements) {
    const requirements = await readRequirementsFile(root, REQUIREMENTS_TXT);
    return {
      manager: 'pip',
      files: requirements.files,
      requirementsFile: REQUIREMENTS_TXT,
      installsProject: requirements.installsProject,
      packages: requirements.packages,
      reason: reason(`${REQUIREMENTS_TXT} found`, evidence, [REQUIREMENTS_TXT]),
    };
  }
  if (pyproject && isInstallablePep621(pyproject)) {
    return {
      manager: 'pyproject',
      files: [PYPROJECT],
      installsProject: true,
      packages: union(pyproject.dependencies),
      reason: reason(`${PROJECT_TABLE} found, installed with pip install .`, evidence, [PROJECT_TABLE]),
    };
  }
  return undefined;
}
