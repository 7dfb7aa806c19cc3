/**
 * Records the package index's answers (PEP 691 JSON) for every release pinned by the fixture
 * projects without a lock file, and for the source-only releases a lock file gives no date for,
 * trimmed to the pinned versions, into test/fixtures/index/<name>.json, so tests read
 * the Python choice from recorded answers instead of the network (recorded-index.ts).
 * Run: node --import tsx/esm test/helpers/record-index.ts
 */
import { openProject } from './project-files.js';
import { builtFromSource } from '../../lib/read/types.js';
import { readdir, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { readDependencies } from '../../lib/read/dependencies.js';
import { DEFAULT_INDEX_URL } from '../../lib/read/package-index.js';
import { normalizeName } from '../../lib/read/pep508.js';
import { fileVersion } from '../../lib/read/wheels.js';
import { FIXTURES_ROOT, RECORDED_INDEX } from './recorded-index.js';

const wanted = new Map<string, Set<string>>();
for (const group of ['projects', 'real-projects']) {
  const folder = path.join(FIXTURES_ROOT, group);
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const deps = await readDependencies(await openProject(path.join(folder, entry.name))).catch(() => undefined);
    if (!deps?.pins) continue;
    // A lock file says which files each release has; the index is asked only when it records no
    // upload time for a source-only release (poetry.lock, pdm.lock: read.ts asks for its date).
    const asked = deps.wheels
      ? Object.fromEntries(deps.wheels.filter((release) => builtFromSource(release) && release.released === undefined).map((release) => [release.name, release.version]))
      : deps.pins;
    for (const [name, version] of Object.entries(asked)) {
      if (!wanted.has(name)) wanted.set(name, new Set());
      wanted.get(name)!.add(version);
    }
  }
}
await mkdir(RECORDED_INDEX, { recursive: true });
for (const [name, versions] of wanted) {
  const response = await fetch(`${DEFAULT_INDEX_URL}/${normalizeName(name)}/`, { headers: { Accept: 'application/vnd.pypi.simple.v1+json' } });
  if (!response.ok) continue;
  const page = (await response.json()) as { files: { filename: string }[]; name: string; meta: unknown };
  const files = page.files
    .filter((file) => versions.has(fileVersion(file.filename) ?? ''))
    .map((file) => ({ filename: file.filename, 'upload-time': (file as Record<string, unknown>)['upload-time'] }));
  await writeFile(path.join(RECORDED_INDEX, `${normalizeName(name)}.json`), `${JSON.stringify({ meta: page.meta, name: page.name, files }, null, 1)}\n`);
  console.log(`${name}: ${[...versions].join(', ')} (${files.length} files)`);
}
