/**
 * pyproject.toml, read for what building an image needs: PEP 621 `[project]` dependencies and
 * `requires-python`, `[build-system]`, Poetry's `[tool.poetry]` and uv's `[tool.uv] package`.
 * Wrong TOML or wrongly typed keys are UsageErrors naming the file and key.
 */
import { RequirementSyntaxError, normalizeName, parsePep508 } from './pep508.js';
import type { ProjectFiles } from './project-files.js';
import { type TomlTable, isTable } from './toml.js';
import { type KeyExpected, ProjectFileError } from './problems.js';

export const PYPROJECT = 'pyproject.toml';

export interface PoetrySection {
  /** `[tool.poetry.dependencies]` names (PEP 503), without `python`. */
  packages: string[];
  /** `[tool.poetry.dependencies] python`, as written (a Poetry constraint such as "^3.11"). */
  python?: string;
  /** `[tool.poetry] package-mode`: false means Poetry installs dependencies only. Defaults to true. */
  packageMode: boolean;
  /** `[tool.poetry] name`. */
  name?: string;
  /** `[tool.poetry] packages` is set: the project says where its package is. */
  hasPackagesKey?: boolean;
  /** `[tool.poetry.group.NAME]` tables, in the order written: `optional = true` ones are installed only on request. */
  groups: PoetryGroup[];
}

export interface PoetryGroup {
  name: string;
  optional: boolean;
  /** `[tool.poetry.group.NAME.dependencies]` names (PEP 503). */
  packages: string[];
}

export interface Pyproject {
  /** A `[project]` table exists. */
  hasProject: boolean;
  /** `[project] dependencies` names (PEP 503), undefined when the key is absent. Optional dependencies are not read. */
  dependencies?: string[];
  /** Extras asked for in `[project] dependencies`, by PEP 503 name; absent when none. */
  dependencyExtras?: Record<string, string[]>;
  /** `[project] requires-python`, as written. */
  requiresPython?: string;
  /** A `[build-system]` table exists. */
  hasBuildSystem: boolean;
  /** `[tool.poetry]` exists. */
  poetry?: PoetrySection;
  /** `[tool.uv] package`, when set. */
  uvPackage?: boolean;
  /** `[project] name`. */
  name?: string;
  /** `[tool.pdm]` exists. */
  hasPdm?: boolean;
  /** `[tool.pdm] distribution`, when set (false: PDM installs dependencies only). */
  pdmDistribution?: boolean;
}

function fail(key: string, expected: KeyExpected): never {
  throw new ProjectFileError({ code: 'badKey', file: PYPROJECT, key, expected });
}

function optionalString(table: TomlTable, key: string, where: string): string | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(`${where} ${key}`, 'string');
  return value;
}

function optionalTable(table: TomlTable, key: string, where: string): TomlTable | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (!isTable(value)) fail(where, 'table');
  return value;
}

/** Extras asked for in a PEP 508 list, by PEP 503 name (already checked by requirementNames). */
export function requirementExtras(value: unknown): Record<string, string[]> {
  const extras: Record<string, string[]> = {};
  for (const item of Array.isArray(value) ? value : []) {
    try {
      const requirement = parsePep508(String(item));
      if (requirement.extras.length > 0) (extras[normalizeName(requirement.name)] ??= []).push(...requirement.extras);
    } catch (error) {
      if (!(error instanceof RequirementSyntaxError)) throw error;
    }
  }
  return extras;
}

/** PEP 503 names of a PEP 508 list such as `[project] dependencies`. */
export function requirementNames(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    fail(where, 'stringList');
  }
  const names: string[] = [];
  for (const item of value as string[]) {
    try {
      const name = normalizeName(parsePep508(item).name);
      if (!names.includes(name)) names.push(name);
    } catch (error) {
      if (!(error instanceof RequirementSyntaxError)) throw error;
      throw new ProjectFileError({ code: 'badKeyRequirement', file: PYPROJECT, key: where, text: String(item), reason: error.message });
    }
  }
  return names;
}

/** Interprets parsed pyproject.toml data. */
export function interpretPyproject(data: TomlTable): Pyproject {
  const project = optionalTable(data, 'project', '[project]');
  const tool = optionalTable(data, 'tool', '[tool]');
  const poetryTable = tool ? optionalTable(tool, 'poetry', '[tool.poetry]') : undefined;
  const uvTable = tool ? optionalTable(tool, 'uv', '[tool.uv]') : undefined;
  const result: Pyproject = {
    hasProject: project !== undefined,
    hasBuildSystem: optionalTable(data, 'build-system', '[build-system]') !== undefined,
  };
  if (project) {
    if (project['dependencies'] !== undefined) {
      result.dependencies = requirementNames(project['dependencies'], '[project] dependencies');
      const extras = requirementExtras(project['dependencies']);
      if (Object.keys(extras).length > 0) result.dependencyExtras = extras;
    }
    const name = optionalString(project, 'name', '[project]');
    if (name !== undefined) result.name = name;
    const requiresPython = optionalString(project, 'requires-python', '[project]');
    if (requiresPython !== undefined) result.requiresPython = requiresPython;
  }
  if (poetryTable) result.poetry = interpretPoetry(poetryTable);
  const pdmTable = tool ? optionalTable(tool, 'pdm', '[tool.pdm]') : undefined;
  if (pdmTable) {
    result.hasPdm = true;
    if (pdmTable['distribution'] !== undefined) {
      if (typeof pdmTable['distribution'] !== 'boolean') fail('[tool.pdm] distribution', 'boolean');
      result.pdmDistribution = pdmTable['distribution'];
    }
  }
  if (uvTable && uvTable['package'] !== undefined) {
    if (typeof uvTable['package'] !== 'boolean') fail('[tool.uv] package', 'boolean');
    result.uvPackage = uvTable['package'];
  }
  return result;
}

function interpretPoetry(poetry: TomlTable): PoetrySection {
  const dependencies = optionalTable(poetry, 'dependencies', '[tool.poetry.dependencies]') ?? {};
  const section: PoetrySection = { packages: [], packageMode: true, groups: [] };
  for (const [name, spec] of Object.entries(dependencies)) {
    if (name.toLowerCase() === 'python') {
      if (typeof spec !== 'string') fail('[tool.poetry.dependencies] python', 'string');
      section.python = spec;
      continue;
    }
    const normalized = normalizeName(name);
    if (!section.packages.includes(normalized)) section.packages.push(normalized);
  }
  const name = optionalString(poetry, 'name', '[tool.poetry]');
  if (name !== undefined) section.name = name;
  if (poetry['packages'] !== undefined) section.hasPackagesKey = true;
  const packageMode = poetry['package-mode'];
  if (packageMode !== undefined) {
    if (typeof packageMode !== 'boolean') fail('[tool.poetry] package-mode', 'boolean');
    section.packageMode = packageMode;
  }
  for (const [group, table] of Object.entries(optionalTable(poetry, 'group', '[tool.poetry.group]') ?? {})) {
    const where = `[tool.poetry.group.${group}]`;
    if (!isTable(table)) fail(where, 'table');
    const optional = table['optional'] ?? false;
    if (typeof optional !== 'boolean') fail(`${where} optional`, 'boolean');
    const names = Object.keys(optionalTable(table, 'dependencies', `${where.slice(0, -1)}.dependencies]`) ?? {}).map(normalizeName);
    section.groups.push({ name: group, optional, packages: [...new Set(names)] });
  }
  return section;
}

/** Reads pyproject.toml; undefined when there is none. */
export async function readPyproject(project: ProjectFiles): Promise<Pyproject | undefined> {
  const data = await project.toml(PYPROJECT);
  return data === undefined ? undefined : interpretPyproject(data);
}
