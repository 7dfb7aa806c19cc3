/**
 * Which Python the project asks for. The first source in PYTHON_VERSION_SOURCES that states
 * a CPython 3 version wins. Exact pins are returned as written ("3.12" or "3.12.4"); ranges
 * (requires-python, Poetry's python) give the newest supported minor they allow, up to the
 * default (see newestPythonAllowed in pep440.ts).
 */
import { UsageError } from '../errors.js';
import { readTextIfExists } from './files.js';
import {
  type SpecifierSet,
  SpecifierSyntaxError,
  newestPythonAllowed,
  parsePoetryConstraint,
  parseSpecifierSet,
  versionFits,
} from './pep440.js';
import { PIPFILE, readPipfile } from './pipfile.js';
import { PYPROJECT, readPyproject } from './pyproject.js';
import type { Sourced } from './types.js';

/** Where the Python version is looked for, first found wins. */
export const PYTHON_VERSION_SOURCES = [
  '.python-version',
  'runtime.txt',
  'pyproject.toml [project] requires-python',
  'Pipfile [requires] python_full_version / python_version',
  '.tool-versions',
  'pyproject.toml [tool.poetry.dependencies] python',
] as const;

const EXACT = /^3\.\d{1,2}(?:\.\d{1,3})?$/;

/** A CPython version as written in a pin ("3.12", "3.12.4", "cpython-3.12.4-linux-x86_64-gnu"), else undefined. */
export function cpythonVersion(text: string): string | undefined {
  const value = text.trim();
  if (EXACT.test(value)) return value;
  const uvStyle = /^cpython-(3\.\d{1,2}(?:\.\d{1,3})?)(?:[-+].*)?$/i.exec(value);
  return uvStyle ? uvStyle[1] : undefined;
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
    if (error instanceof SpecifierSyntaxError) throw new UsageError(`${file}: ${key} ${JSON.stringify(text)}: ${error.message}`);
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

/**
 * Finds the Python version. Sources that are present but say nothing usable (e.g. "pypy3.10"
 * or "system" in .python-version, a range no supported Python meets) are skipped with a line
 * in `notes`; so is a pin that requires-python does not allow. Malformed files throw UsageError.
 */
export async function readPythonVersion(root: string, notes: string[] = []): Promise<Sourced<string> | undefined> {
  const pyproject = await readPyproject(root);
  const pipfile = await readPipfile(root);
  const requiresPython =
    pyproject?.requiresPython === undefined
      ? undefined
      : specifiers(PYPROJECT, '[project] requires-python', pyproject.requiresPython, (text) => [parseSpecifierSet(text)]);

  const poetryKey = '[tool.poetry.dependencies] python';
  const poetryPython = pyproject?.poetry?.python;
  const poetryRange =
    poetryPython === undefined ? undefined : specifiers(PYPROJECT, poetryKey, poetryPython, parsePoetryConstraint);

  const ignored = (source: string, value: string, why: string): void => {
    notes.push(`python: ignored ${source} ${JSON.stringify(value)} (${why})`);
  };
  const pinned = (version: string, source: string): Sourced<string> => {
    if (requiresPython && !versionFits(version, requiresPython)) {
      notes.push(
        `python: warning: ${version} from ${source} is outside ${PYPROJECT} requires-python ${JSON.stringify(pyproject!.requiresPython)}`,
      );
    }
    return { value: version, source };
  };

  const dotPythonVersion = await readTextIfExists(root, '.python-version');
  if (dotPythonVersion !== undefined) {
    const line = firstPythonVersionLine(dotPythonVersion);
    const version = line === undefined ? undefined : cpythonVersion(line);
    if (version) return pinned(version, '.python-version');
    if (line !== undefined) ignored('.python-version', line, 'not a CPython 3 version');
  }

  const runtimeTxt = await readTextIfExists(root, 'runtime.txt');
  if (runtimeTxt !== undefined) {
    const version = runtimeTxtVersion(runtimeTxt);
    if (version) return pinned(version, 'runtime.txt');
    ignored('runtime.txt', runtimeTxt.trim(), 'expected python-3.N or python-3.N.P');
  }

  if (requiresPython) {
    const written = pyproject!.requiresPython!;
    const version = newestPythonAllowed(requiresPython);
    const source = `${PYPROJECT} [project] requires-python ${JSON.stringify(written)}`;
    if (version) return { value: version, source };
    ignored(`${PYPROJECT} [project] requires-python`, written, 'allows no supported Python');
  }

  if (pipfile?.pythonVersion !== undefined) {
    const version = cpythonVersion(pipfile.pythonVersion);
    const source = `${PIPFILE} [requires] ${pipfile.pythonVersionKey}`;
    if (version) return pinned(version, source);
    ignored(source, pipfile.pythonVersion, 'expected 3.N or 3.N.P');
  }

  const toolVersions = await readTextIfExists(root, '.tool-versions');
  if (toolVersions !== undefined) {
    const written = toolVersionsPython(toolVersions);
    if (written !== undefined) {
      const version = cpythonVersion(written);
      if (version) return pinned(version, '.tool-versions');
      ignored('.tool-versions python', written, 'not a CPython 3 version');
    }
  }

  if (poetryRange) {
    const version = newestPythonAllowed(poetryRange);
    if (version) return { value: version, source: `${PYPROJECT} ${poetryKey} ${JSON.stringify(poetryPython)}` };
    ignored(`${PYPROJECT} ${poetryKey}`, poetryPython!, 'allows no supported Python');
  }
  return undefined;
}

/**
 * The range a stated version was chosen from (requires-python, Poetry's python), so a newer
 * choice can be narrowed to it; undefined when the project pinned an exact version.
 */
export async function statedRange(root: string, stated: Sourced<string> | undefined): Promise<SpecifierSet[] | undefined> {
  const pyproject = await readPyproject(root);
  if (!stated || !pyproject) return undefined;
  if (stated.source.startsWith(`${PYPROJECT} [project] requires-python`) && pyproject.requiresPython !== undefined) {
    return [parseSpecifierSet(pyproject.requiresPython)];
  }
  if (stated.source.startsWith(`${PYPROJECT} [tool.poetry.dependencies] python`) && pyproject.poetry?.python !== undefined) {
    return parsePoetryConstraint(pyproject.poetry.python);
  }
  return undefined;
}
