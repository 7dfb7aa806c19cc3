/** Pipenv's Pipfile (TOML) and Pipfile.lock (JSON). */
import { normalizeName } from './pep508.js';
import type { ProjectFiles } from './project-files.js';
import { type TomlTable, isTable } from './toml.js';
import { type KeyExpected, ProjectFileError } from './problems.js';

export const PIPFILE = 'Pipfile';
export const PIPFILE_LOCK = 'Pipfile.lock';

export interface Pipfile {
  /** `[packages]` names (PEP 503); `[dev-packages]` are not read. */
  packages: string[];
  /** `[requires] python_full_version`, else `python_version`, as written. */
  pythonVersion?: string;
  /** The key it came from: "python_full_version" or "python_version". */
  pythonVersionKey?: 'python_full_version' | 'python_version';
  /** A package is a local path (`{path = ".", editable = true}`), so the code must be present to install. */
  installsProject: boolean;
}

function fail(key: string, expected: KeyExpected): never {
  throw new ProjectFileError({ code: 'badKey', file: PIPFILE, key, expected });
}

export function interpretPipfile(data: TomlTable): Pipfile {
  const packagesValue = data['packages'];
  if (packagesValue !== undefined && !isTable(packagesValue)) fail('[packages]', 'table');
  const result: Pipfile = { packages: [], installsProject: false };
  for (const [name, spec] of Object.entries(packagesValue ?? {})) {
    const normalized = normalizeName(name);
    if (!result.packages.includes(normalized)) result.packages.push(normalized);
    if (isTable(spec) && typeof spec['path'] === 'string') result.installsProject = true;
  }
  const requires = data['requires'];
  if (requires !== undefined) {
    if (!isTable(requires)) fail('[requires]', 'table');
    for (const key of ['python_full_version', 'python_version'] as const) {
      const value = requires[key];
      if (value === undefined) continue;
      if (typeof value !== 'string') fail(`[requires] ${key}`, 'string');
      result.pythonVersion = value;
      result.pythonVersionKey = key;
      break;
    }
  }
  return result;
}

/** Reads the Pipfile; undefined when there is none. */
export async function readPipfile(project: ProjectFiles): Promise<Pipfile | undefined> {
  const data = await project.toml(PIPFILE);
  return data === undefined ? undefined : interpretPipfile(data);
}

/** Checks that Pipfile.lock, when present, is a JSON object; true when present. */
export async function checkPipfileLock(project: ProjectFiles): Promise<boolean> {
  const data = await project.json(PIPFILE_LOCK);
  if (data === undefined) return false;
  if (!isTable(data)) throw new ProjectFileError({ code: 'badKey', file: PIPFILE_LOCK, key: '', expected: 'jsonObject' });
  return true;
}

/**
 * The exact versions Pipfile.lock pins in its `default` section (what the image installs), by
 * PEP 503 name: `"flask": {"version": "==2.2.2"}` -> flask: 2.2.2. Entries without an exact
 * version (a path, a VCS URL) are left out. Pipfile.lock lists hashes, not file names or dates,
 * so the wheels and release dates come from the package index, as for requirements.txt pins.
 */
export async function readPipfileLockPins(project: ProjectFiles): Promise<Record<string, string> | undefined> {
  const data = await project.json(PIPFILE_LOCK);
  if (!isTable(data)) return undefined;
  const section = data['default'];
  if (!isTable(section)) return undefined;
  const pins: Record<string, string> = {};
  for (const [name, entry] of Object.entries(section)) {
    const version = isTable(entry) ? entry['version'] : undefined;
    const exact = typeof version === 'string' ? /^==\s*([0-9][0-9A-Za-z.+!_-]*)$/.exec(version.trim()) : null;
    if (exact) pins[normalizeName(name)] = exact[1]!;
  }
  return Object.keys(pins).length > 0 ? pins : undefined;
}
