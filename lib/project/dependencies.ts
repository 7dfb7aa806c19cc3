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
import { readLockReleases } from './lock-files.js';
import { normalizeName } from './pep508.js';
import { readRequirementsFile } from './requirements.js';
import { readSetupProject } from './setup-py.js';
import type { Dependencies, DependencyManager, DependencyReasonPart } from './types.js';
import { type ReleaseFiles, wheelSupport } from './wheels.js';
import { readdir } from 'node:fs/promises';

export const REQUIREMENTS_TXT = 'requirements.txt';
export const UV_LOCK = 'uv.lock';
export const POETRY_LOCK = 'poetry.lock';
export const PDM_LOCK = 'pdm.lock';
export const REQUIREMENTS_IN = 'requirements.in';
export const REQUIREMENTS_DIR = 'requirements';
/** In a requirements/ folder, the file a production image installs: the first of these that exists. */
export const REQUIREMENTS_DIR_FILES = ['prod.txt', 'production.txt', 'requirements.txt', 'base.txt', 'common.txt', 'main.txt'] as const;

/** The order in which dependency managers are chosen when a project has files for several. */
export const DEPENDENCY_MANAGER_PRECEDENCE = [
  { manager: 'uv', foundBy: 'uv.lock (with pyproject.toml)' },
  { manager: 'poetry', foundBy: 'poetry.lock, or [tool.poetry] in pyproject.toml' },
  { manager: 'pdm', foundBy: 'pdm.lock (with pyproject.toml)' },
  { manager: 'pipenv', foundBy: 'Pipfile.lock or Pipfile' },
  { manager: 'pip', foundBy: 'requirements.txt, else requirements/prod.txt (production.txt, base.txt, ...), else requirements.in' },
  { manager: 'pyproject', foundBy: 'pyproject.toml with a PEP 621 [project] table that has dependencies or a [build-system] (pip install .)' },
  { manager: 'setuptools', foundBy: 'setup.py or setup.cfg (pip install .)' },
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

/**
 * Dependencies.reason as parts with no words in them, for the terminal's languages to say
 * (lib/messages/cli-*.ts). Kept beside the record, not in it, so the record stays as it was.
 */
const reasonPartsOf = new WeakMap<Dependencies, DependencyReasonPart[]>();
const REASON_PARTS = Symbol('reasonParts');

export function dependencyReasonParts(dependencies: Dependencies): DependencyReasonPart[] | undefined {
  return reasonPartsOf.get(dependencies);
}

/** The same reason as words-free parts (the terminal says them in its language). */
function reasonParts(found: DependencyReasonPart[], evidence: readonly string[], used: readonly string[]): DependencyReasonPart[] {
  const others = evidence.filter((item) => !used.includes(item));
  return others.length > 0 ? [...found, { key: 'alsoPresent', files: others }] : found;
}

function union(...lists: (readonly string[] | undefined)[]): string[] {
  const names: string[] = [];
  for (const list of lists) for (const name of list ?? []) if (!names.includes(name)) names.push(name);
  return names;
}

/** The pins of a lock file and, for each, the Pythons it has wheels for. */
function fromLock(releases: readonly ReleaseFiles[] | undefined): Pick<Dependencies, 'pins' | 'wheels'> {
  if (!releases) return {};
  return {
    pins: Object.fromEntries(releases.map((release) => [release.name, release.version])),
    wheels: releases.map((release) => wheelSupport(release)),
  };
}

/**
 * Is there a package Poetry (or another backend that looks for the project's name) would find?
 * `name/`, `src/name/` or `name.py`, with the name's dashes as underscores, or a `packages` key.
 * Without one, installing the project fails ("No file/folder found for package"), so only the
 * dependencies are installed.
 */
async function hasPackageFolder(root: string, name: string | undefined): Promise<boolean> {
  if (name === undefined) return true;
  const module = normalizeName(name).replace(/-/g, '_');
  for (const candidate of [module, `src/${module}`]) {
    if (await isFile(path.join(root, candidate, '__init__.py'))) return true;
  }
  return isFile(path.join(root, `${module}.py`));
}

/** Which requirements file a production image installs, and what else was seen beside it. */
export async function findRequirementsFile(root: string): Promise<{ file: string; found: string; parts: DependencyReasonPart[] } | undefined> {
  const has = async (file: string): Promise<boolean> => isFile(path.join(root, file));
  if (await has(REQUIREMENTS_TXT)) {
    const fromIn = await has(REQUIREMENTS_IN);
    const compiled = fromIn ? ` (compiled from ${REQUIREMENTS_IN}, which is not installed)` : '';
    const parts: DependencyReasonPart[] = [{ key: 'found', file: REQUIREMENTS_TXT }];
    if (fromIn) parts.push({ key: 'compiledFrom', file: REQUIREMENTS_IN });
    return { file: REQUIREMENTS_TXT, found: `${REQUIREMENTS_TXT} found${compiled}`, parts };
  }
  let listing: string[] = [];
  try {
    listing = (await readdir(path.join(root, REQUIREMENTS_DIR))).sort();
  } catch {
    listing = [];
  }
  for (const name of REQUIREMENTS_DIR_FILES) {
    if (!listing.includes(name) || !(await has(`${REQUIREMENTS_DIR}/${name}`))) continue;
    const others = listing.filter((other) => other !== name && /\.(txt|in)$/.test(other));
    const skipped = others.length > 0 ? `; not installed: ${others.map((other) => `${REQUIREMENTS_DIR}/${other}`).join(', ')}` : '';
    const parts: DependencyReasonPart[] = [{ key: 'foundWithout', file: `${REQUIREMENTS_DIR}/${name}`, missing: REQUIREMENTS_TXT }];
    if (others.length > 0) parts.push({ key: 'notInstalled', files: others.map((other) => `${REQUIREMENTS_DIR}/${other}`) });
    return { file: `${REQUIREMENTS_DIR}/${name}`, found: `${REQUIREMENTS_DIR}/${name} found (no ${REQUIREMENTS_TXT})${skipped}`, parts };
  }
  if (await has(REQUIREMENTS_IN)) {
    return {
      file: REQUIREMENTS_IN,
      found: `${REQUIREMENTS_IN} found with no compiled ${REQUIREMENTS_TXT}: installed as written (pip-compile it for repeatable builds)`,
      parts: [{ key: 'installedAsWritten', file: REQUIREMENTS_IN, missing: REQUIREMENTS_TXT }],
    };
  }
  return undefined;
}

/** Reads the project's dependency files; undefined when it has none that a manager installs. */
export async function readDependencies(root: string): Promise<Dependencies | undefined> {
  const found = await readDependenciesAndReason(root);
  if (!found) return undefined;
  const { [REASON_PARTS]: parts, ...dependencies } = found;
  if (parts) reasonPartsOf.set(dependencies, parts);
  return dependencies;
}

async function readDependenciesAndReason(root: string): Promise<(Dependencies & { [REASON_PARTS]?: DependencyReasonPart[] }) | undefined> {
  const has = async (file: string): Promise<boolean> => isFile(path.join(root, file));
  const pyproject = await readPyproject(root);
  const pipfile = await readPipfile(root);
  const hasPipfileLock = await checkPipfileLock(root);
  const hasUvLock = await has(UV_LOCK);
  const hasPoetryLock = await has(POETRY_LOCK);
  const hasPdmLock = await has(PDM_LOCK);
  const requirementsFile = await findRequirementsFile(root);
  const hasRequirements = requirementsFile !== undefined;
  const setup = await readSetupProject(root);

  const evidence = [
    hasUvLock && UV_LOCK,
    hasPoetryLock && POETRY_LOCK,
    pyproject?.poetry && POETRY_TABLE,
    hasPdmLock && PDM_LOCK,
    hasPipfileLock && PIPFILE_LOCK,
    pipfile && PIPFILE,
    hasRequirements && requirementsFile.file,
    isInstallablePep621(pyproject) && PROJECT_TABLE,
    ...(setup?.files ?? []),
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
      [REASON_PARTS]: reasonParts([{ key: 'found', file: UV_LOCK }], evidence, [UV_LOCK, PROJECT_TABLE]),
      ...fromLock(await readLockReleases(root, UV_LOCK)),
    };
  }
  if (hasPoetryLock || pyproject?.poetry) {
    if (!pyproject) throw new UsageError(`${POETRY_LOCK}: found without ${PYPROJECT}, which Poetry needs to install the project`);
    let found = hasPoetryLock ? `${POETRY_LOCK} found` : `[tool.poetry] found in ${PYPROJECT} (no ${POETRY_LOCK})`;
    const parts: DependencyReasonPart[] = [
      hasPoetryLock ? { key: 'found', file: POETRY_LOCK } : { key: 'tableWithout', table: '[tool.poetry]', file: PYPROJECT, missing: POETRY_LOCK },
    ];
    let installsProject = pyproject.poetry?.packageMode ?? true;
    const name = pyproject.poetry?.name ?? pyproject.name;
    if (installsProject && !pyproject.poetry?.hasPackagesKey && !(await hasPackageFolder(root, name))) {
      installsProject = false;
      found += `; no package folder for ${JSON.stringify(name)}, so only its dependencies are installed`;
      parts.push({ key: 'noPackageFolder', name: String(name) });
    } else if (!installsProject) {
      found += '; package-mode = false: dependencies only';
      parts.push({ key: 'dependenciesOnly', why: 'packageModeFalse' });
    }
    return {
      manager: 'poetry',
      files: hasPoetryLock ? [PYPROJECT, POETRY_LOCK] : [PYPROJECT],
      installsProject,
      packages: union(pyproject.dependencies, pyproject.poetry?.packages),
      reason: reason(found, evidence, [POETRY_LOCK, POETRY_TABLE, PROJECT_TABLE]),
      [REASON_PARTS]: reasonParts(parts, evidence, [POETRY_LOCK, POETRY_TABLE, PROJECT_TABLE]),
      ...fromLock(hasPoetryLock ? await readLockReleases(root, POETRY_LOCK) : undefined),
    };
  }
  if (hasPdmLock) {
    if (!pyproject) throw new UsageError(`${PDM_LOCK}: found without ${PYPROJECT}, which PDM needs to install the project`);
    // PDM builds the project itself only when it is a distribution: [tool.pdm] distribution, else a [build-system].
    const installsProject = pyproject.pdmDistribution ?? pyproject.hasBuildSystem;
    return {
      manager: 'pdm',
      files: [PYPROJECT, PDM_LOCK],
      installsProject,
      packages: union(pyproject.dependencies),
      reason: reason(`${PDM_LOCK} found${installsProject ? '' : '; not a distribution: dependencies only'}`, evidence, [PDM_LOCK, PROJECT_TABLE]),
      [REASON_PARTS]: reasonParts(
        [{ key: 'found', file: PDM_LOCK }, ...(installsProject ? [] : [{ key: 'dependenciesOnly', why: 'notADistribution' } as const])],
        evidence,
        [PDM_LOCK, PROJECT_TABLE],
      ),
      ...fromLock(await readLockReleases(root, PDM_LOCK)),
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
      [REASON_PARTS]: reasonParts(
        [hasPipfileLock ? { key: 'found', file: PIPFILE_LOCK } : { key: 'foundWithout', file: PIPFILE, missing: PIPFILE_LOCK }],
        evidence,
        [PIPFILE_LOCK, PIPFILE],
      ),
    };
  }
  if (hasRequirements) {
    const requirements = await readRequirementsFile(root, requirementsFile.file);
    return {
      manager: 'pip',
      files: requirements.files,
      requirementsFile: requirementsFile.file,
      installsProject: requirements.installsProject,
      packages: requirements.packages,
      reason: reason(requirementsFile.found, evidence, [requirementsFile.file]),
      [REASON_PARTS]: reasonParts(requirementsFile.parts, evidence, [requirementsFile.file]),
      pins: requirements.pins,
    };
  }
  if (pyproject && isInstallablePep621(pyproject)) {
    return {
      manager: 'pyproject',
      files: [PYPROJECT],
      installsProject: true,
      packages: union(pyproject.dependencies),
      reason: reason(`${PROJECT_TABLE} found, installed with pip install .`, evidence, [PROJECT_TABLE]),
      [REASON_PARTS]: reasonParts([{ key: 'pipInstallDot', file: PROJECT_TABLE }], evidence, [PROJECT_TABLE]),
    };
  }
  if (setup) {
    const how = setup.setupCfgRequires
      ? `${setup.files.join(' and ')} found: setup.cfg [options] install_requires first, then pip install .`
      : `${setup.files.join(' and ')} found: installed with pip install . (needs the code)`;
    return {
      manager: 'setuptools',
      files: setup.files,
      installsProject: true,
      packages: setup.packages,
      reason: reason(how, evidence, setup.files),
      [REASON_PARTS]: reasonParts([{ key: 'setupFound', files: setup.files, installRequiresFirst: Boolean(setup.setupCfgRequires) }], evidence, setup.files),
      pins: setup.pins,
      setupCfgRequires: setup.setupCfgRequires,
    };
  }
  return undefined;
}
