/**
 * Which Python the project asks for. PYTHON_VERSION_SOURCES is an ordered list of sources and
 * IS the order: the first that states a CPython 3 version wins (adding a source is one entry).
 * Exact pins are returned as written ("3.12" or "3.12.4"); ranges (requires-python, Poetry's
 * python) give the newest supported minor they allow, up to the default (see
 * newestPythonAllowed in pep440.ts).
 */
import type { ProjectFiles } from './project-files.js';
import type { FoundWorkspace } from './workspace.js';
import {
  type SpecifierSet,
  SpecifierSyntaxError,
  newestPythonAllowed,
  parsePoetryConstraint,
  parseSpecifierSet,
  versionFits,
} from './pep440.js';
import { PIPFILE, type Pipfile, readPipfile } from './pipfile.js';
import { PYPROJECT, type Pyproject, readPyproject } from './pyproject.js';
import { PYTHON_VERSION_PATTERN, isPythonVersion } from '../tables/versions.js';
import type { PythonIgnoredWhy, ReadNote, Sourced } from './types.js';
import { ProjectFileError } from './problems.js';

/** What the project states about its Python: an exact version, or the newest a range allows with that range. */
export interface StatedPython extends Sourced<string> {
  /** The range the value was chosen from (requires-python, Poetry's python); undefined for an exact pin. */
  range?: SpecifierSet[];
}

const UV_STYLE = new RegExp(`^cpython-(${PYTHON_VERSION_PATTERN})(?:[-+].*)?$`, 'i');

/** A CPython version as written in a pin ("3.12", "3.12.4", "cpython-3.12.4-linux-x86_64-gnu"), else undefined. */
export function cpythonVersion(text: string): string | undefined {
  const value = text.trim();
  if (isPythonVersion(value)) return value;
  return UV_STYLE.exec(value)?.[1];
}

/** The first line of `.python-version` that is not blank or a comment. */
export function firstPythonVersionLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('#'));
}

/** `python-3.11.4` in Heroku's runtime.txt -> "3.11.4". */
export function runtimeTxtVersion(text: string): string | undefined {
  const match = /^python-(\S+)$/.exec(text.trim());
  return match ? cpythonVersion(match[1]!) : undefined;
}

/** The first version on the `python` line of asdf/mise's .tool-versions, as written ("3.12.1", "system"). */
export function toolVersionsPython(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    const [tool, first] = line.split(/\s+/);
    if (tool === 'python' && first !== undefined) return first;
  }
  return undefined;
}

function specifiers(file: string, key: string, text: string, parser: (text: string) => SpecifierSet[]): SpecifierSet[] {
  try {
    return parser(text);
  } catch (error) {
    if (error instanceof SpecifierSyntaxError) throw new ProjectFileError({ code: 'badPythonRange', file, key, text, reason: error.message });
    throw error;
  }
}

/** The newest supported Python a PEP 440 requires-python range allows (">=3.9,<3.12" -> "3.11"). */
export function pythonForRequiresPython(text: string): string | undefined {
  return newestPythonAllowed([parseSpecifierSet(text)]);
}

/** The newest supported Python a Poetry python constraint allows ("^3.11" -> "3.14"). */
export function pythonForPoetryConstraint(text: string): string | undefined {
  return newestPythonAllowed(parsePoetryConstraint(text));
}

/** What the version sources look at, read once, and how they report what they skip. */
export interface VersionFiles {
  project: ProjectFiles;
  /** The uv workspace the project is a member of (its root's files), when it is one. */
  workspace?: FoundWorkspace;
  pyproject: Pyproject | undefined;
  pipfile: Pipfile | undefined;
  /** pyproject.toml [project] requires-python, parsed. */
  requiresPython: SpecifierSet[] | undefined;
  /** pyproject.toml [tool.poetry.dependencies] python, parsed. */
  poetryRange: SpecifierSet[] | undefined;
  /** An exact pin from `source`, with a warning in the notes when requires-python does not allow it. */
  pinned(version: string, source: string): Sourced<string>;
  /** Notes a source that is present but says nothing usable; the next source is asked. */
  ignored(source: string, value: string, why: PythonIgnoredWhy): void;
}

/** One place a project states its Python: the first source that gives a version wins. */
export interface VersionSource {
  /** Where it is read, in words (docs, README). */
  source: string;
  /** The version it states, or undefined when it is absent or says nothing usable (see `ignored`). */
  detect(files: VersionFiles): Promise<StatedPython | undefined>;
}

const POETRY_PYTHON = '[tool.poetry.dependencies] python';

const dotPythonVersion: VersionSource = {
  source: '.python-version',
  async detect({ project, pinned, ignored }) {
    const text = await project.text('.python-version');
    if (text === undefined) return undefined;
    const line = firstPythonVersionLine(text);
    const version = line === undefined ? undefined : cpythonVersion(line);
    if (version) return pinned(version, '.python-version');
    if (line !== undefined) ignored('.python-version', line, 'notCPython3');
    return undefined;
  },
};

/** uv looks for .python-version up to the workspace root: a member without its own uses the root's. */
const workspacePythonVersion: VersionSource = {
  source: '.python-version at the root of the uv workspace the project is a member of',
  async detect({ workspace, pinned, ignored }) {
    const text = await workspace?.files.text('.python-version');
    if (text === undefined) return undefined;
    const where = `${workspace!.workspace.root}/.python-version`;
    const line = firstPythonVersionLine(text);
    const version = line === undefined ? undefined : cpythonVersion(line);
    if (version) return pinned(version, where);
    if (line !== undefined) ignored(where, line, 'notCPython3');
    return undefined;
  },
};

const runtimeTxt: VersionSource = {
  source: 'runtime.txt',
  async detect({ project, pinned, ignored }) {
    const text = await project.text('runtime.txt');
    if (text === undefined) return undefined;
    const version = runtimeTxtVersion(text);
    if (version) return pinned(version, 'runtime.txt');
    ignored('runtime.txt', text.trim(), 'expectedRuntimeTxt');
    return undefined;
  },
};

const requiresPython: VersionSource = {
  source: 'pyproject.toml [project] requires-python',
  async detect({ pyproject, requiresPython: range, ignored }) {
    if (!range) return undefined;
    const written = pyproject!.requiresPython!;
    const version = newestPythonAllowed(range);
    if (version) return { value: version, source: `${PYPROJECT} [project] requires-python ${JSON.stringify(written)}`, range };
    ignored(`${PYPROJECT} [project] requires-python`, written, 'noSupportedPython');
    return undefined;
  },
};

const pipfileRequires: VersionSource = {
  source: 'Pipfile [requires] python_full_version / python_version',
  async detect({ pipfile, pinned, ignored }) {
    if (pipfile?.pythonVersion === undefined) return undefined;
    const version = cpythonVersion(pipfile.pythonVersion);
    const source = `${PIPFILE} [requires] ${pipfile.pythonVersionKey}`;
    if (version) return pinned(version, source);
    ignored(source, pipfile.pythonVersion, 'expectedVersion');
    return undefined;
  },
};

const toolVersions: VersionSource = {
  source: '.tool-versions',
  async detect({ project, pinned, ignored }) {
    const text = await project.text('.tool-versions');
    const written = text === undefined ? undefined : toolVersionsPython(text);
    if (written === undefined) return undefined;
    const version = cpythonVersion(written);
    if (version) return pinned(version, '.tool-versions');
    ignored('.tool-versions python', written, 'notCPython3');
    return undefined;
  },
};

const poetryPython: VersionSource = {
  source: `pyproject.toml ${POETRY_PYTHON}`,
  async detect({ pyproject, poetryRange, ignored }) {
    if (!poetryRange) return undefined;
    const written = pyproject!.poetry!.python!;
    const version = newestPythonAllowed(poetryRange);
    if (version) return { value: version, source: `${PYPROJECT} ${POETRY_PYTHON} ${JSON.stringify(written)}`, range: poetryRange };
    ignored(`${PYPROJECT} ${POETRY_PYTHON}`, written, 'noSupportedPython');
    return undefined;
  },
};

/**
 * Where the Python version is looked for, in order: the first source that states a usable
 * version wins. Files that only name a version (.python-version, runtime.txt) come before
 * ranges; Poetry's python range, which Poetry projects often leave wide, comes last.
 */
export const PYTHON_VERSION_SOURCES: readonly VersionSource[] = [
  dotPythonVersion,
  workspacePythonVersion,
  runtimeTxt,
  requiresPython,
  pipfileRequires,
  toolVersions,
  poetryPython,
];

/**
 * Finds the Python version. Sources that are present but say nothing usable (e.g. "pypy3.10"
 * or "system" in .python-version, a range no supported Python meets) are skipped with a line
 * in `notes`; so is a pin that requires-python does not allow. Malformed files throw UsageError.
 */
export async function readPythonVersion(
  project: ProjectFiles,
  notes: ReadNote[] = [],
  sources: readonly VersionSource[] = PYTHON_VERSION_SOURCES,
  workspace?: FoundWorkspace,
): Promise<StatedPython | undefined> {
  const pyproject = await readPyproject(project);
  const pipfile = await readPipfile(project);
  const range =
    pyproject?.requiresPython === undefined
      ? undefined
      : specifiers(PYPROJECT, '[project] requires-python', pyproject.requiresPython, (text) => [parseSpecifierSet(text)]);
  const poetryConstraint = pyproject?.poetry?.python;
  const files: VersionFiles = {
    project,
    workspace,
    pyproject,
    pipfile,
    requiresPython: range,
    poetryRange:
      poetryConstraint === undefined ? undefined : specifiers(PYPROJECT, POETRY_PYTHON, poetryConstraint, parsePoetryConstraint),
    pinned(version, source) {
      if (range && !versionFits(version, range)) {
        notes.push({ code: 'pythonOutsideRange', version, source, range: pyproject!.requiresPython! });
      }
      return { value: version, source };
    },
    ignored(source, value, why) {
      notes.push({ code: 'pythonIgnored', source, value, why });
    },
  };
  for (const candidate of sources) {
    const found = await candidate.detect(files);
    if (found) return found;
  }
  return undefined;
}
