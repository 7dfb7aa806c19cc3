/**
 * A service in a subfolder of a uv workspace (issue 20.6): its lock file and often its
 * .python-version live at the workspace root, a parent folder. The project itself is read through
 * its own ProjectFiles (links out of it are never followed); the workspace root is read through a
 * second ProjectFiles rooted there, and only this far up:
 * - the nearest parent folder whose pyproject.toml declares a workspace ([tool.uv.workspace]) is
 *   the only candidate: if its `members` globs do not take this folder in (or `exclude` leaves it
 *   out), the folder is no workspace member and nothing further up is looked at (uv does the same);
 * - never above a folder that holds `.git` (the repository's root) or the file system's root;
 * - from the root, the member must be reachable as a folder inside it (no link out of the root).
 * Poetry has no workspaces of its own: a Poetry project keeps its poetry.lock beside its
 * pyproject.toml, so it is read as any project.
 */
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { normalizeName } from './pep508.js';
import { ProjectFiles, relativePath } from './project-files.js';
import { PYPROJECT } from './pyproject.js';
import { type TomlTable, isTable } from './toml.js';

export interface Workspace {
  kind: 'uv';
  /** The workspace root as seen from the member, forward slashes ("../.."). */
  root: string;
  /** The member folder as seen from the root ("apps/server"). */
  member: string;
  /** Where the workspace is declared, root-relative ("pyproject.toml [tool.uv.workspace]"). */
  declaredIn: string;
}

export interface FoundWorkspace {
  workspace: Workspace;
  /** The workspace root, read through its own ProjectFiles. */
  files: ProjectFiles;
}

/** A workspace `members` / `exclude` glob as a regular expression over root-relative paths. */
function globPattern(glob: string): RegExp {
  const cleaned = glob.replace(/^\.\//, '').replace(/\/+$/, '');
  let source = '';
  for (let index = 0; index < cleaned.length; index += 1) {
    const char = cleaned[index]!;
    if (char === '*' && cleaned[index + 1] === '*') {
      source += '.*';
      index += 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

async function exists(absolute: string): Promise<boolean> {
  try {
    await stat(absolute);
    return true;
  } catch {
    return false;
  }
}

/** The uv workspace `project` is a member of, read as the top of this file says; undefined when none. */
export async function findWorkspace(project: ProjectFiles): Promise<FoundWorkspace | undefined> {
  if (await exists(path.join(project.root, '.git'))) return undefined; // a repository's root is no member
  let folder = project.root;
  for (;;) {
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
    const root = await ProjectFiles.open(folder).catch(() => undefined);
    if (!root) return undefined;
    const data = await root.toml(PYPROJECT).catch(() => undefined);
    const tool = data?.['tool'];
    const uv = isTable(tool) ? tool['uv'] : undefined;
    const declared = isTable(uv) ? uv['workspace'] : undefined;
    if (isTable(declared)) return member(project, root, declared);
    if (await exists(path.join(folder, '.git'))) return undefined;
  }
}

async function member(project: ProjectFiles, root: ProjectFiles, declared: TomlTable): Promise<FoundWorkspace | undefined> {
  const memberPath = relativePath(root.root, project.root);
  const included = strings(declared['members']).some((glob) => globPattern(glob).test(memberPath));
  const excluded = strings(declared['exclude']).some((glob) => globPattern(glob).test(memberPath));
  if (!included || excluded || !(await root.isFile(`${memberPath}/${PYPROJECT}`))) return undefined;
  return {
    workspace: { kind: 'uv', root: relativePath(project.root, root.root), member: memberPath, declaredIn: `${PYPROJECT} [tool.uv.workspace]` },
    files: root,
  };
}

/** A workspace member's package in uv.lock: `source = { editable = "apps/server" }` (or virtual). */
function memberSource(pkg: TomlTable): string | undefined {
  const source = pkg['source'];
  if (!isTable(source)) return undefined;
  const where = source['editable'] ?? source['virtual'];
  if (typeof where !== 'string') return undefined;
  const folder = where.replace(/^\.\//, '') || '.';
  // A folder inside the workspace root only: the image copies it from there (issue 18: no path out).
  const leaves = folder.startsWith('/') || folder.split(/[\\/]/).includes('..') || /[\u0000-\u001f]/.test(folder);
  return leaves ? undefined : folder;
}

/**
 * From the workspace's uv.lock: the member's package name, and the other workspace members it
 * depends on (directly or not), as root-relative folders; undefined when the lock does not list it.
 */
export function memberInLock(lock: TomlTable, memberPath: string): { name: string; dependsOn: string[] } | undefined {
  const packages = Array.isArray(lock['package']) ? lock['package'].filter(isTable) : [];
  const byName = new Map(packages.map((pkg) => [normalizeName(String(pkg['name'])), pkg]));
  const own = packages.find((pkg) => memberSource(pkg) === memberPath);
  if (!own) return undefined;
  const name = normalizeName(String(own['name']));
  const seen = new Set<string>([name]);
  const dependsOn: string[] = [];
  const visit = (pkg: TomlTable): void => {
    for (const dependency of Array.isArray(pkg['dependencies']) ? pkg['dependencies'].filter(isTable) : []) {
      const depName = normalizeName(String(dependency['name']));
      if (seen.has(depName)) continue;
      seen.add(depName);
      const found = byName.get(depName);
      const where = found ? memberSource(found) : undefined;
      if (found && where !== undefined && where !== '.') {
        dependsOn.push(where);
        visit(found);
      }
    }
  };
  visit(own);
  return { name, dependsOn: dependsOn.sort() };
}
