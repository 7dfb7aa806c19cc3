/**
 * The releases a lock file pins, with the file names it lists for each (and upload times,
 * where uv records them), so the wheel check needs no network: uv.lock, poetry.lock, pdm.lock.
 * Only what the app installs counts: uv's non-dev dependency graph from the project, Poetry's
 * `main` group, PDM's `default` group.
 */
import { normalizeName } from './pep508.js';
import type { ProjectFiles } from './project-files.js';
import { type TomlTable, isTable } from './toml.js';
import { type ReleaseFiles, fileNameOf } from './wheels.js';

function tables(value: unknown): TomlTable[] {
  return Array.isArray(value) ? value.filter(isTable) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : undefined;
}

/**
 * uv.lock: every registry package reachable from the project's own (non-dev) dependencies; in a
 * workspace, from one member's (`member`: its package name) when given, else from every member's.
 */
export function uvLockReleases(data: TomlTable, member?: string): ReleaseFiles[] {
  const packages = tables(data['package']);
  const byName = new Map(packages.map((pkg) => [normalizeName(String(pkg['name'])), pkg]));
  const isWorkspacePackage = (pkg: TomlTable): boolean => {
    const source = pkg['source'];
    return isTable(source) && (source['virtual'] !== undefined || source['editable'] !== undefined);
  };
  const roots = packages.filter((pkg) => isWorkspacePackage(pkg) && (member === undefined || normalizeName(String(pkg['name'])) === member));
  const reachable = new Set<string>();
  const visit = (name: string): void => {
    if (reachable.has(name)) return;
    const pkg = byName.get(name);
    if (!pkg) return;
    reachable.add(name);
    for (const dependency of tables(pkg['dependencies'])) visit(normalizeName(String(dependency['name'])));
  };
  if (roots.length === 0) packages.forEach((pkg) => visit(normalizeName(String(pkg['name']))));
  for (const root of roots) for (const dependency of tables(root['dependencies'])) visit(normalizeName(String(dependency['name'])));

  const releases: ReleaseFiles[] = [];
  for (const name of reachable) {
    const pkg = byName.get(name)!;
    if (roots.includes(pkg) || isWorkspacePackage(pkg)) continue;
    const files: string[] = [];
    let uploadTime: string | undefined;
    const sdist = pkg['sdist'];
    if (isTable(sdist) && typeof sdist['url'] === 'string') {
      files.push(fileNameOf(sdist['url']));
      uploadTime = text(sdist['upload-time']);
    }
    for (const wheel of tables(pkg['wheels'])) {
      if (typeof wheel['url'] === 'string') files.push(fileNameOf(wheel['url']));
      uploadTime ??= text(wheel['upload-time']);
    }
    if (files.length === 0) continue; // a path, git or workspace package: nothing to check
    releases.push({ name, version: String(pkg['version']), files, ...(uploadTime ? { uploadTime } : {}), from: 'uv.lock' });
  }
  return releases;
}

/** poetry.lock / pdm.lock: `[[package]]` with `files = [{file = ...}]`, in one of the given groups (all when a package names none). */
export function groupLockReleases(data: TomlTable, wanted: readonly string[], from: string): ReleaseFiles[] {
  const releases: ReleaseFiles[] = [];
  for (const pkg of tables(data['package'])) {
    const groups = pkg['groups'];
    if (Array.isArray(groups) && !groups.some((group) => wanted.includes(String(group)))) continue;
    const files = tables(pkg['files'])
      .map((file) => (typeof file['file'] === 'string' ? file['file'] : typeof file['url'] === 'string' ? fileNameOf(file['url']) : undefined))
      .filter((file): file is string => file !== undefined);
    if (files.length === 0) continue;
    releases.push({ name: normalizeName(String(pkg['name'])), version: String(pkg['version']), files, from });
  }
  return releases;
}

/**
 * The releases pinned by the lock file `file` (uv.lock, poetry.lock or pdm.lock), in the groups
 * installed (Poetry's `main` and the others a production install takes, PDM's `default`);
 * undefined when absent.
 */
export async function readLockReleases(project: ProjectFiles, file: 'uv.lock' | 'poetry.lock' | 'pdm.lock', groups?: readonly string[]): Promise<ReleaseFiles[] | undefined> {
  const data = await project.toml(file);
  if (data === undefined) return undefined;
  if (file === 'uv.lock') return uvLockReleases(data);
  return groupLockReleases(data, groups ?? [file === 'poetry.lock' ? 'main' : 'default'], file);
}
