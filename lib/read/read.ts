/**
 * Reads an existing Python project, the way Nixpacks' Python provider does, instead of asking:
 * what installs its dependencies, which Python it wants, what serves it and on which port.
 * Plain functions over the file system (no Yeoman); each fact records its source.
 *
 * Dependency manager: DEPENDENCY_MANAGER_PRECEDENCE in dependencies.ts, an ordered list of
 * detectors; the first whose files the project has wins.
 * Python version: PYTHON_VERSION_SOURCES in python-version.ts, an ordered list of sources;
 * the first that states a usable version wins.
 *
 * Entry point: Django (manage.py -> settings -> WSGI_APPLICATION), else an app object or factory
 * of a kind in lib/tables/app-kinds.ts, else a script kind's main file (Streamlit, Gradio); the
 * Python is parsed and names resolved across modules (entry-point.ts).
 * Port: a Procfile's literal port, gunicorn.conf.py bind, the kind's own places
 * (`.streamlit/config.toml`, `launch(server_port=N)`), else `.run(port=N)` or a PORT default in
 * the code (port.ts).
 *
 * Malformed pyproject.toml, Pipfile, Pipfile.lock or requirements files throw UsageError with
 * a one-line message naming the file (and line). A folder with no Python project at all gives
 * isPythonProject=false; the caller decides what to do.
 */
import { DEPENDENCY_FILES, DEPENDENCY_MANAGER_PRECEDENCE, readDependencies } from './dependencies.js';
import { readDjangoSettings } from './django.js';
import { findRequiredEnv } from './env-vars.js';
import { entryDescription, findScript, kindNames, readEntryPoint, statedEntryPoint, unimportableFiles } from './entry-point.js';
import { refuseUnusableProjectFiles } from './refusals.js';
import { servingNotes, procfilePort, readServing } from './serving.js';
import { ProjectFiles } from './project-files.js';
import { findPort, GUNICORN_CONF } from './port.js';
import { type IndexFetcher, indexFetcher, indexUrl, lookUpPins } from './package-index.js';
import { PYTHON_VERSION_SOURCES, readPythonVersion } from './python-version.js';
import { wheelSupport } from './wheels.js';
import { listPythonModules, shallowModules, SRC_FOLDER } from './source.js';
import { findHomeWrites } from './home-writes.js';
import { findRuntimeWrites } from './writes.js';
import { findOwnDistributionRead } from './own-distribution.js';
import { findPkgResourcesImports } from './pkg-resources.js';
import { findWorkspace } from './workspace.js';
import { builtFromSource, type ProjectFacts, type ReadNote } from './types.js';

export { DEPENDENCY_MANAGER_PRECEDENCE, PYTHON_VERSION_SOURCES };

/** Files that make a folder a Python project even without a .py file in it: any a dependency manager reads. */
export const PYTHON_PROJECT_FILES = DEPENDENCY_FILES;

export interface ReadOptions {
  /** Asks the package index about pinned releases; null never asks. Default: from the environment (package-index.ts). */
  index?: IndexFetcher | null;
}

function defaultIndex(): IndexFetcher | null {
  const url = indexUrl();
  return url === undefined ? null : indexFetcher(url);
}

/** Reads the project at `root` (see the top of this file); every file through one ProjectFiles. */
export async function readProject(root: string, options: ReadOptions = {}): Promise<ProjectFacts> {
  return readProjectFiles(await ProjectFiles.open(root), options);
}

/** Reads a project through its ProjectFiles (each file read and parsed once per run). */
export async function readProjectFiles(project: ProjectFiles, options: ReadOptions = {}): Promise<ProjectFacts> {
  const absoluteRoot = project.root;
  const modules = await listPythonModules(project);
  let hasProjectFile = false;
  for (const file of PYTHON_PROJECT_FILES) {
    if (await project.isFile(file)) hasProjectFile = true;
  }
  if (!hasProjectFile && modules.length === 0) {
    return {
      root: absoluteRoot,
      isPythonProject: false,
      notes: [{ code: 'noProject' }],
    };
  }

  await refuseUnusableProjectFiles(project);
  const notes: ReadNote[] = [];
  const facts: ProjectFacts = { root: absoluteRoot, isPythonProject: true, notes };

  // A member of a uv workspace: its lock file (and maybe .python-version) are at the workspace root.
  const workspace = await findWorkspace(project);
  if (workspace) notes.push({ code: 'workspace', member: workspace.workspace.member, root: workspace.workspace.root, declaredIn: workspace.workspace.declaredIn });
  const dependencies = await readDependencies(project, undefined, workspace);
  if (dependencies) {
    facts.dependencies = dependencies;
    notes.push({ code: 'dependencies', manager: dependencies.manager, files: [...dependencies.files], parts: dependencies.reasonParts });
  } else {
    notes.push({ code: 'noDependencies' });
  }

  const versionNotes: ReadNote[] = [];
  const stated = await readPythonVersion(project, versionNotes, undefined, workspace);
  // Pinned requirements that no lock file describes: ask the package index which wheels they have.
  const unreachable: string[] = [];
  if (dependencies && dependencies.wheels === undefined && dependencies.pins && Object.keys(dependencies.pins).length > 0) {
    const index = options.index === undefined ? defaultIndex() : options.index;
    const wheels = [];
    if (index === null) {
      unreachable.push(...Object.entries(dependencies.pins).map(([name, version]) => `${name}==${version}`));
    } else {
      const answers = await lookUpPins(dependencies.pins, index);
      // In the order the project pins them, whichever answer came first.
      for (const name of Object.keys(dependencies.pins)) {
        const answer = answers.get(name)!;
        if (answer === 'unreachable') unreachable.push(`${name}==${dependencies.pins[name]}`);
        else if (answer !== 'missing') wheels.push(wheelSupport(answer));
      }
      dependencies.wheels = wheels;
    }
  } else if (dependencies?.wheels?.some((release) => builtFromSource(release) && release.released === undefined)) {
    // A lock file that records no upload times (poetry.lock, pdm.lock): the index says when each
    // source-only release came out, which decides the setuptools it builds with (decide/pins.ts).
    const index = options.index === undefined ? defaultIndex() : options.index;
    const undated = dependencies.wheels.filter((release) => builtFromSource(release) && release.released === undefined);
    if (index !== null) {
      const answers = await lookUpPins(Object.fromEntries(undated.map((release) => [release.name, release.version])), index);
      for (const release of undated) {
        const answer = answers.get(release.name);
        if (typeof answer === 'object' && answer.uploadTime) release.released = answer.uploadTime.slice(0, 10);
      }
    }
  }
  // What the project states; the pins' wheels and era narrow it in the decision step (lib/decide/python-choice.ts).
  if (unreachable.length > 0) {
    facts.unreachablePins = unreachable;
    facts.pinsIndexAsked = options.index === undefined ? indexUrl() !== undefined : options.index !== null;
  }
  if (stated) {
    facts.pythonVersion = stated;
    notes.push({ code: 'python', version: stated.value, source: stated.source });
  } else {
    notes.push({ code: 'noPython' });
  }
  notes.push(...versionNotes);

  const serving = await readServing(project);
  if (serving.gunicornConf || serving.procfile) {
    facts.serving = serving;
    notes.push(...servingNotes(serving));
  }

  // What the project states (Procfile web:, gunicorn.conf.py wsgi_app) beats what reading the code finds.
  const reading = await readEntryPoint(project, modules);
  const candidates = reading.candidates;
  const statedEntry = statedEntryPoint(serving, candidates);
  const entryPoint = statedEntry ?? reading.entry;
  if (entryPoint) {
    facts.entryPoint = entryPoint;
    notes.push({ code: 'entry', entry: entryDescription(entryPoint) });
    const others = candidates.filter((candidate) => candidate.target !== entryPoint.target);
    if (others.length > 0) facts.otherEntryPoints = others;
  } else {
    notes.push({ code: 'noEntry', constructors: kindNames('constructor'), scripts: kindNames('script') });
    const unimportable = unimportableFiles(reading.unservable);
    if (unimportable.length > 0) facts.unimportableApps = unimportable;
    const unservable = reading.unservable.filter((found) => found.why !== 'notImportable');
    if (unservable.length > 0) facts.unservableApps = unservable;
    const scriptFile = await findScript(project);
    if (scriptFile !== undefined) facts.scriptFile = scriptFile;
  }

  // The runtime-needs readers scan what they always scanned: the root, one folder down, src/<package>/.
  const scanned = shallowModules(modules);
  const stating = serving.procfile ? procfilePort(serving.procfile) : undefined;
  const fromCode = stating === undefined ? await findPort(project, entryPoint, scanned) : undefined;
  const fromConf = fromCode?.source.startsWith(GUNICORN_CONF) ? fromCode : undefined;
  const port = stating !== undefined ? { value: stating, source: 'Procfile web:' } : (fromConf ?? entryPoint?.port ?? fromCode);
  if (port) {
    facts.port = port;
    notes.push({ code: 'port', port: port.value, source: port.source });
  } else {
    notes.push({ code: 'noPort' });
  }

  await readRuntimeNeeds(project, facts, scanned.map((module) => module.file));
  if (project.skipped.length > 0) {
    facts.skippedFiles = [...project.skipped];
    for (const skipped of project.skipped) facts.notes.push({ code: 'notRead', file: skipped.file, reason: skipped.reason, ...(skipped.line !== undefined ? { line: skipped.line } : {}) });
  }
  return facts;
}

/**
 * What the app needs in the container besides its code: Django's production settings, the
 * environment variables it cannot start without, the paths it writes. Read from the modules the
 * server may import: the project's Python files (root and one folder down, no migrations), with
 * a Django project's settings limited to the chain the server runs (not local.py or test.py).
 */
async function readRuntimeNeeds(project: ProjectFiles, facts: ProjectFacts, files: string[]): Promise<void> {
  const django = await readDjangoSettings(project, facts.entryPoint);
  let scanned = files.filter((file) => !/(^|\/)migrations\//.test(file) && file !== 'setup.py' && !/(^|\/)conftest\.py$/.test(file));
  if (django) {
    facts.django = django;
    const isSettings = (file: string) => /(^|\/)settings(\/|[^/]*\.py$)/.test(file);
    scanned = [...django.settingsFiles, ...scanned.filter((file) => !isSettings(file))];
    facts.notes.push({ code: 'djangoSettings', module: django.settingsModule, source: django.settingsSource, ...(django.manageDefault ? { manageDefault: django.manageDefault } : {}) });
    const reads = Object.entries(django.settings).map(([setting, read]) => ({
      setting,
      ...(read.variable ? { variable: read.variable } : {}),
      required: read.required,
      file: read.source.split(':')[0]!,
    }));
    if (reads.length > 0) facts.notes.push({ code: 'djangoReads', reads });
    facts.notes.push(
      django.staticRoot && django.staticfilesApp
        ? { code: 'djangoStatic', staticRoot: django.staticRoot, whitenoise: django.whitenoise }
        : { code: 'djangoStatic', whitenoise: django.whitenoise },
    );
  }
  const requiredEnv = await findRequiredEnv(project, scanned);
  if (requiredEnv.length > 0) {
    facts.requiredEnv = requiredEnv;
    facts.notes.push({ code: 'needsAtStart', reads: requiredEnv.map((read) => ({ name: read.name, source: read.source })) });
  }
  const pkgResources = await findPkgResourcesImports(project, scanned);
  if (pkgResources.length > 0) {
    facts.importsPkgResources = pkgResources;
    facts.notes.push({ code: 'importsPkgResources', sources: [...pkgResources] });
  }
  const dependencies = facts.dependencies;
  if (dependencies?.manager === 'pip' && !dependencies.installsProject) {
    const own = await findOwnDistributionRead(project, files.filter((file) => file !== 'setup.py' && !/(^|\/)conftest\.py$/.test(file)));
    if (own) {
      facts.ownDistribution = own;
      facts.notes.push({ code: 'installsProject', source: own.source, how: own.how, projectFiles: [...own.projectFiles] });
    }
  }
  // Flask puts the instance folder next to the package's folder: src/instance for a src/ layout.
  const nextToCode = (await findRuntimeWrites(project, scanned)).map((write) =>
    write.path === 'instance/' && write.source.startsWith(`${SRC_FOLDER}/`) ? { ...write, path: `${SRC_FOLDER}/instance/` } : write,
  );
  const writes = [...nextToCode, ...(await findHomeWrites(project, scanned))];
  if (writes.length > 0) {
    facts.writes = writes;
    facts.notes.push({ code: 'writesAtRunTime', writes: writes.map((write) => ({ path: write.path, source: write.source })) });
  }
}
