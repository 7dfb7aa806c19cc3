/**
 * Which tool installs the project's dependencies, from which files, and which packages it
 * names. DEPENDENCY_MANAGER_PRECEDENCE is an ordered list of detectors, one per manager, and the
 * list IS the order: the first detector whose files the project has wins (a lock file is the most
 * exact statement of what the project runs with), and `reasonParts` lists the others' files it saw.
 * Adding a manager is one entry in that list (plus its install plan in lib/decide/install.ts).
 */
import type { ProjectFiles } from './project-files.js';
import { PIPFILE, PIPFILE_LOCK, type Pipfile, checkPipfileLock, readPipfile, readPipfileLockPins } from './pipfile.js';
import { PYPROJECT, type Pyproject, readPyproject } from './pyproject.js';
import { readLockReleases, uvLockReleases } from './lock-files.js';
import { normalizeName } from './pep508.js';
import { readRequirementsFile } from './requirements.js';
import { SETUP_CFG, SETUP_PY, type SetupFacts, readSetupProject } from './setup-py.js';
import type { Dependencies, DependencyManager, DependencyReasonPart } from './types.js';
import { type ReleaseFiles, wheelSupport } from './wheels.js';
import { DEV_GROUP_NAMES } from '../tables/installers.js';
import { type FoundWorkspace, memberInLock } from './workspace.js';
import { ProjectFileError } from './problems.js';

export const REQUIREMENTS_TXT = 'requirements.txt';
export const UV_LOCK = 'uv.lock';
export const POETRY_LOCK = 'poetry.lock';
export const PDM_LOCK = 'pdm.lock';
export const REQUIREMENTS_IN = 'requirements.in';
export const REQUIREMENTS_DIR = 'requirements';
/** In a requirements/ folder, the file a production image installs: the first of these that exists. */
export const REQUIREMENTS_DIR_FILES = ['prod.txt', 'production.txt', 'requirements.txt', 'base.txt', 'common.txt', 'main.txt'] as const;

const POETRY_TABLE = 'pyproject.toml [tool.poetry]';
const PROJECT_TABLE = 'pyproject.toml [project]';

/** A PEP 621 project that `pip install .` can install. */
function isInstallablePep621(pyproject: Pyproject | undefined): boolean {
  return pyproject !== undefined && pyproject.hasProject && (pyproject.dependencies !== undefined || pyproject.hasBuildSystem);
}

/** Why a manager was chosen, as words-free parts (lib/messages says them): the detector's, then the other managers' files seen. */
function reasonParts(found: DependencyReasonPart[], evidence: readonly string[], used: readonly string[]): DependencyReasonPart[] {
  const others = evidence.filter((item) => !used.includes(item));
  return others.length > 0 ? [...found, { key: 'alsoPresent', files: others }] : found;
}

function isString(item: unknown): item is string {
  return typeof item === 'string';
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
async function hasPackageFolder(project: ProjectFiles, name: string | undefined): Promise<boolean> {
  if (name === undefined) return true;
  const module = normalizeName(name).replace(/-/g, '_');
  for (const candidate of [module, `src/${module}`]) {
    if (await project.isFile(`${candidate}/__init__.py`)) return true;
  }
  return project.isFile(`${module}.py`);
}

/** Which requirements file a production image installs, and what else was seen beside it. */
export async function findRequirementsFile(project: ProjectFiles): Promise<{ file: string; parts: DependencyReasonPart[] } | undefined> {
  const has = async (file: string): Promise<boolean> => project.isFile(file);
  if (await has(REQUIREMENTS_TXT)) {
    const fromIn = await has(REQUIREMENTS_IN);
    const parts: DependencyReasonPart[] = [{ key: 'found', file: REQUIREMENTS_TXT }];
    if (fromIn) parts.push({ key: 'compiledFrom', file: REQUIREMENTS_IN });
    return { file: REQUIREMENTS_TXT, parts };
  }
  const listing = (await project.list(REQUIREMENTS_DIR)).map((entry) => entry.name);
  for (const name of REQUIREMENTS_DIR_FILES) {
    if (!listing.includes(name) || !(await has(`${REQUIREMENTS_DIR}/${name}`))) continue;
    const others = listing.filter((other) => other !== name && /\.(txt|in)$/.test(other));
    const parts: DependencyReasonPart[] = [{ key: 'foundWithout', file: `${REQUIREMENTS_DIR}/${name}`, missing: REQUIREMENTS_TXT }];
    if (others.length > 0) parts.push({ key: 'notInstalled', files: others.map((other) => `${REQUIREMENTS_DIR}/${other}`) });
    return { file: `${REQUIREMENTS_DIR}/${name}`, parts };
  }
  if (await has(REQUIREMENTS_IN)) {
    return {
      file: REQUIREMENTS_IN,
      parts: [{ key: 'installedAsWritten', file: REQUIREMENTS_IN, missing: REQUIREMENTS_TXT }],
    };
  }
  return undefined;
}


/** The project's dependency files, read once and shown to every detector. */
export interface DependencyFiles {
  project: ProjectFiles;
  pyproject: Pyproject | undefined;
  pipfile: Pipfile | undefined;
  hasPipfileLock: boolean;
  hasUvLock: boolean;
  hasPoetryLock: boolean;
  hasPdmLock: boolean;
  requirements: { file: string; parts: DependencyReasonPart[] } | undefined;
  setup: SetupFacts | undefined;
  /** The uv workspace this folder is a member of (workspace.ts), read through its own ProjectFiles. */
  workspace: FoundWorkspace | undefined;
}

/** Reads the files every detector looks at. Malformed ones throw UsageError, whichever manager wins. */
export async function readDependencyFiles(project: ProjectFiles, workspace?: FoundWorkspace): Promise<DependencyFiles> {
  const has = async (file: string): Promise<boolean> => project.isFile(file);
  return {
    project,
    pyproject: await readPyproject(project),
    pipfile: await readPipfile(project),
    hasPipfileLock: await checkPipfileLock(project),
    hasUvLock: await has(UV_LOCK),
    hasPoetryLock: await has(POETRY_LOCK),
    hasPdmLock: await has(PDM_LOCK),
    requirements: await findRequirementsFile(project),
    setup: await readSetupProject(project),
    workspace,
  };
}

/** What a detector read: the dependencies (all but `reasonParts`) and why this manager was chosen. */
export interface Detected {
  dependencies: Omit<Dependencies, 'reasonParts'>;
  /** The first parts of `reasonParts` (uv.lock found); the other managers' files are added after them. */
  parts: DependencyReasonPart[];
}

/** One dependency manager: how a project shows it uses it, and what it installs. */
export interface ManagerDetector {
  manager: DependencyManager;
  /** The files that choose this manager, in words (docs, README). */
  foundBy: string;
  /** The files it reads: each must be readable when present (refusals.ts), and makes a folder a Python project. */
  files: readonly string[];
  /** This manager's files that the project has; [] when it has none, and the detector does not match. */
  present(files: DependencyFiles): string[];
  /** Files of other detectors that this manager installs from too (not listed as "also present"). */
  alsoUses?: readonly string[];
  /** Reads what the manager installs, once it matched; throws UsageError when its files cannot be used. */
  read(files: DependencyFiles): Promise<Detected>;
}

const uv: ManagerDetector = {
  manager: 'uv',
  foundBy: 'uv.lock (with pyproject.toml)',
  files: [PYPROJECT, UV_LOCK],
  present: (files) => (files.hasUvLock ? [UV_LOCK] : []),
  alsoUses: [PROJECT_TABLE],
  async read({ project, pyproject }) {
    if (!pyproject) throw new ProjectFileError({ code: 'lockWithoutManifest', file: UV_LOCK, manifest: PYPROJECT, tool: 'uv' });
    return {
      dependencies: {
        manager: 'uv',
        files: [PYPROJECT, UV_LOCK],
        // uv builds and installs the project itself when it is a package: [tool.uv] package, else a [build-system].
        installsProject: pyproject.uvPackage ?? pyproject.hasBuildSystem,
        packages: union(pyproject.dependencies),
        ...fromLock(await readLockReleases(project, UV_LOCK)),
      },
      parts: [{ key: 'found', file: UV_LOCK }],
    };
  },
};

/**
 * A member of a uv workspace (workspace.ts): its pyproject.toml here, the workspace's uv.lock at
 * the root. Only what the member reaches counts (its own dependencies, and the workspace members
 * it depends on, which the image installs from the workspace too).
 */
const uvWorkspaceMember: ManagerDetector = {
  manager: 'uv',
  foundBy: 'pyproject.toml in a member folder of a uv workspace, with uv.lock at the workspace root',
  files: [PYPROJECT],
  present: (files) => (files.workspace && files.pyproject && !files.hasUvLock ? [`${files.workspace.workspace.root}/${UV_LOCK}`] : []),
  async read({ pyproject, workspace }) {
    const { workspace: where, files: root } = workspace!;
    const lockFile = `${where.root}/${UV_LOCK}`;
    const lock = await root.toml(UV_LOCK);
    if (!lock) throw new ProjectFileError({ code: 'workspaceLockMissing', declaredIn: `${where.root}/${where.declaredIn.split(' ')[0]}`, member: where.member, lockFile, root: where.root });
    const inLock = memberInLock(lock, where.member);
    if (!inLock) throw new ProjectFileError({ code: 'workspaceMemberNotLocked', lockFile, member: where.member, root: where.root });
    const releases = uvLockReleases(lock, inLock.name);
    return {
      dependencies: {
        manager: 'uv',
        files: [PYPROJECT],
        installsProject: pyproject!.uvPackage ?? pyproject!.hasBuildSystem,
        packages: union(pyproject!.dependencies),
        pins: Object.fromEntries(releases.map((release) => [release.name, release.version])),
        wheels: releases.map((release) => wheelSupport({ ...release, from: lockFile })),
        workspace: { ...where, package: inLock.name, dependsOn: inLock.dependsOn },
      },
      parts: [{ key: 'foundInWorkspace', file: lockFile, root: where.root }],
    };
  },
};

const poetry: ManagerDetector = {
  manager: 'poetry',
  foundBy: 'poetry.lock, or [tool.poetry] in pyproject.toml',
  files: [PYPROJECT, POETRY_LOCK],
  present: (files) => [files.hasPoetryLock && POETRY_LOCK, files.pyproject?.poetry && POETRY_TABLE].filter(isString),
  alsoUses: [PROJECT_TABLE],
  async read({ project, pyproject, hasPoetryLock }) {
    if (!pyproject) throw new ProjectFileError({ code: 'lockWithoutManifest', file: POETRY_LOCK, manifest: PYPROJECT, tool: 'Poetry' });
    const parts: DependencyReasonPart[] = [
      hasPoetryLock ? { key: 'found', file: POETRY_LOCK } : { key: 'tableWithout', table: '[tool.poetry]', file: PYPROJECT, missing: POETRY_LOCK },
    ];
    let installsProject = pyproject.poetry?.packageMode ?? true;
    const name = pyproject.poetry?.name ?? pyproject.name;
    if (installsProject && !pyproject.poetry?.hasPackagesKey && !(await hasPackageFolder(project, name))) {
      installsProject = false;
      parts.push({ key: 'noPackageFolder', name: String(name) });
    } else if (!installsProject) {
      parts.push({ key: 'dependenciesOnly', why: 'packageModeFalse' });
    }
    // Every group a production install takes besides main: not optional, not for development.
    const groups = (pyproject.poetry?.groups ?? []).filter((group) => !group.optional && !DEV_GROUP_NAMES.includes(group.name.toLowerCase()));
    return {
      dependencies: {
        manager: 'poetry',
        files: hasPoetryLock ? [PYPROJECT, POETRY_LOCK] : [PYPROJECT],
        installsProject,
        packages: union(pyproject.dependencies, pyproject.poetry?.packages, ...groups.map((group) => group.packages)),
        ...(groups.length > 0 ? { poetryGroups: groups.map((group) => group.name) } : {}),
        ...fromLock(hasPoetryLock ? await readLockReleases(project, POETRY_LOCK, ['main', ...groups.map((group) => group.name)]) : undefined),
      },
      parts,
    };
  },
};

const pdm: ManagerDetector = {
  manager: 'pdm',
  foundBy: 'pdm.lock (with pyproject.toml)',
  files: [PYPROJECT, PDM_LOCK],
  present: (files) => (files.hasPdmLock ? [PDM_LOCK] : []),
  alsoUses: [PROJECT_TABLE],
  async read({ project, pyproject }) {
    if (!pyproject) throw new ProjectFileError({ code: 'lockWithoutManifest', file: PDM_LOCK, manifest: PYPROJECT, tool: 'PDM' });
    // PDM builds the project itself only when it is a distribution: [tool.pdm] distribution, else a [build-system].
    const installsProject = pyproject.pdmDistribution ?? pyproject.hasBuildSystem;
    return {
      dependencies: {
        manager: 'pdm',
        files: [PYPROJECT, PDM_LOCK],
        installsProject,
        packages: union(pyproject.dependencies),
        ...fromLock(await readLockReleases(project, PDM_LOCK)),
      },
      parts: [{ key: 'found', file: PDM_LOCK }, ...(installsProject ? [] : [{ key: 'dependenciesOnly', why: 'notADistribution' } as const])],
    };
  },
};

const pipenv: ManagerDetector = {
  manager: 'pipenv',
  foundBy: 'Pipfile.lock or Pipfile',
  files: [PIPFILE, PIPFILE_LOCK],
  present: (files) => [files.hasPipfileLock && PIPFILE_LOCK, files.pipfile && PIPFILE].filter(isString),
  async read({ project, pipfile, hasPipfileLock }) {
    if (!pipfile) throw new ProjectFileError({ code: 'lockWithoutManifest', file: PIPFILE_LOCK, manifest: PIPFILE, tool: 'Pipenv' });
    // The lock's exact pins: their wheels and their era choose the Python (lib/decide/python-choice.ts).
    const pins = hasPipfileLock ? await readPipfileLockPins(project) : undefined;
    return {
      dependencies: {
        manager: 'pipenv',
        files: hasPipfileLock ? [PIPFILE, PIPFILE_LOCK] : [PIPFILE],
        installsProject: pipfile.installsProject,
        packages: pipfile.packages,
        ...(pins ? { pins } : {}),
      },
      parts: [hasPipfileLock ? { key: 'found', file: PIPFILE_LOCK } : { key: 'foundWithout', file: PIPFILE, missing: PIPFILE_LOCK }],
    };
  },
};

const pip: ManagerDetector = {
  manager: 'pip',
  foundBy: 'requirements.txt, else requirements/prod.txt (production.txt, base.txt, ...), else requirements.in',
  files: [REQUIREMENTS_TXT],
  present: (files) => (files.requirements ? [files.requirements.file] : []),
  async read({ project, requirements: chosen }) {
    const requirements = await readRequirementsFile(project, chosen!.file);
    return {
      dependencies: {
        manager: 'pip',
        files: requirements.files,
        requirementsFile: chosen!.file,
        installsProject: requirements.installsProject,
        packages: requirements.packages,
        pins: requirements.pins,
        ...(requirements.options.length > 0 ? { requirementsOptions: requirements.options } : {}),
        ...(requirements.hashed ? { requirementsHashed: true } : {}),
        ...(requirements.extras ? { extras: requirements.extras } : {}),
      },
      parts: chosen!.parts,
    };
  },
};

const pep621: ManagerDetector = {
  manager: 'pyproject',
  foundBy: 'pyproject.toml with a PEP 621 [project] table that has dependencies or a [build-system] (pip install .)',
  files: [PYPROJECT],
  present: (files) => (isInstallablePep621(files.pyproject) ? [PROJECT_TABLE] : []),
  async read({ pyproject }) {
    return {
      dependencies: {
        manager: 'pyproject',
        files: [PYPROJECT],
        installsProject: true,
        packages: union(pyproject!.dependencies),
        ...(pyproject!.dependencyExtras ? { extras: pyproject!.dependencyExtras } : {}),
      },
      parts: [{ key: 'pipInstallDot', file: PROJECT_TABLE }],
    };
  },
};

const setuptools: ManagerDetector = {
  manager: 'setuptools',
  foundBy: 'setup.py or setup.cfg (pip install .)',
  files: [SETUP_PY, SETUP_CFG],
  present: (files) => [...(files.setup?.files ?? [])],
  async read({ setup }) {
    const { files, packages, pins, setupCfgRequires } = setup!;
    return {
      dependencies: { manager: 'setuptools', files, installsProject: true, packages, pins, setupCfgRequires },
      parts: [{ key: 'setupFound', files: [...files], installRequiresFirst: Boolean(setupCfgRequires) }],
    };
  },
};

/**
 * The dependency managers, in the order they are chosen when a project has files for several:
 * the first whose files are present wins. Lock files come before the files they are exported to
 * or compiled from (a requirements.txt beside a lock is usually `poetry export`'s output), and
 * `pip install .` of a bare pyproject.toml or setup.py comes last.
 */
export const DEPENDENCY_MANAGER_PRECEDENCE: readonly ManagerDetector[] = [uv, uvWorkspaceMember, poetry, pdm, pipenv, pip, pep621, setuptools];

/** Every file a dependency manager reads, once each, in the detectors' order. */
export const DEPENDENCY_FILES: readonly string[] = [...new Set(DEPENDENCY_MANAGER_PRECEDENCE.flatMap((detector) => detector.files))];

/** Reads the project's dependency files; undefined when it has none that a manager installs. */
export async function readDependencies(
  project: ProjectFiles,
  detectors: readonly ManagerDetector[] = DEPENDENCY_MANAGER_PRECEDENCE,
  workspace?: FoundWorkspace,
): Promise<Dependencies | undefined> {
  const files = await readDependencyFiles(project, workspace);
  const present = detectors.map((detector) => detector.present(files));
  const evidence = present.flat();
  const winner = present.findIndex((list) => list.length > 0);
  if (winner < 0) return undefined;
  const detector = detectors[winner]!;
  const { dependencies, parts } = await detector.read(files);
  const used = [...present[winner]!, ...(detector.alsoUses ?? [])];
  return { ...dependencies, reasonParts: reasonParts(parts, evidence, used) };
}
