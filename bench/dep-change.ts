/**
 * Part 2b: a dependency change. The sample project plus numpy (a large wheel), built once so
 * every cache is warm, then one small dependency added and the image built again: the time of
 * that rebuild and the megabytes it downloaded, read from pip's and uv's own lines
 * ("Downloading numpy-...whl (16.6 MB)", uv's "Downloading numpy (16.1MiB)"). The package index
 * is near on these machines, so the time hides what a room of laptops on one conference network
 * pays; the bytes do not.
 *
 * Every variant starts with the BuildKit cache mounts pruned, so what it reuses is only what its
 * own first build left.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { log, type Timed } from './lib.js';

/** The large dependency already in the project, and the small one added. */
export const LARGE_DEPENDENCY = 'numpy==2.3.5';
export const ADDED_DEPENDENCY = 'six==1.17.0';

export interface DepChangeResult {
  label: string;
  error?: string;
  /** The build with numpy (cache mounts empty). */
  firstMs?: number;
  firstDownloadedBytes?: number;
  /** The rebuild after one dependency was added. */
  rebuildMs?: number;
  rebuildDownloadedBytes?: number;
  /** What the rebuild downloaded, one "name (size)" per file. */
  rebuildDownloads: string[];
}

const UNITS: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };

/** Every download pip or uv reported in a build log: file name and bytes. */
export function downloads(buildLog: string): Array<{ name: string; bytes: number }> {
  const found: Array<{ name: string; bytes: number }> = [];
  // pip: "Downloading numpy-2.3.5-cp314-...whl (16.6 MB)"; uv: "Downloading numpy (16.1MiB)".
  for (const match of buildLog.matchAll(/\bDownloading (\S+) \((\d+(?:\.\d+)?) ?(B|kB|KB|MB|GB|KiB|MiB|GiB)\)/g)) {
    found.push({ name: match[1], bytes: Math.round(Number(match[2]) * UNITS[match[3]]) });
  }
  return found;
}

const total = (list: Array<{ bytes: number }>) => list.reduce((sum, item) => sum + item.bytes, 0);

export function measureDependencyChange(
  docker: (args: string[], options?: { cwd?: string }) => Timed,
  sampleDir: string,
  workDir: string,
  variants: Array<{ id: string; label: string; dockerfile: string }>,
  tagPrefix: string,
  createdTags: Set<string>,
): DepChangeResult[] {
  const results: DepChangeResult[] = [];
  for (const variant of variants) {
    const result: DepChangeResult = { label: variant.label, rebuildDownloads: [] };
    results.push(result);
    const context = join(workDir, `depchange-${variant.id}`);
    cpSync(sampleDir, context, { recursive: true });
    const requirements = join(context, 'requirements.txt');
    const original = readFileSync(requirements, 'utf8').replace(/\n*$/, '\n');
    writeFileSync(requirements, `${original}${LARGE_DEPENDENCY}\n`);
    const dockerfile = join(context, `Dockerfile.bench-${basename(variant.dockerfile)}`);
    cpSync(variant.dockerfile, dockerfile);
    const tag = `${tagPrefix}-depchange-${variant.id}`;
    const build = () => docker(['build', '--network', 'host', '--progress', 'plain', '-f', dockerfile, '-t', tag, context]);

    docker(['builder', 'prune', '-f', '--filter', 'type=exec.cachemount']);
    log(`${variant.label}: dependency change, first build with ${LARGE_DEPENDENCY}`);
    const first = build();
    if (first.code !== 0) {
      result.error = `first build failed: ${(first.stderr || first.stdout).trim().split('\n').slice(-3).join(' / ')}`;
      continue;
    }
    createdTags.add(tag);
    result.firstMs = first.wallMs;
    result.firstDownloadedBytes = total(downloads(first.stderr + first.stdout));

    writeFileSync(requirements, `${original}${LARGE_DEPENDENCY}\n${ADDED_DEPENDENCY}\n`);
    const rebuild = build();
    if (rebuild.code !== 0) {
      result.error = `rebuild failed: ${(rebuild.stderr || rebuild.stdout).trim().split('\n').slice(-3).join(' / ')}`;
      continue;
    }
    const got = downloads(rebuild.stderr + rebuild.stdout);
    result.rebuildMs = rebuild.wallMs;
    result.rebuildDownloadedBytes = total(got);
    result.rebuildDownloads = got.map((item) => `${item.name} (${(item.bytes / 1e6).toFixed(2)} MB)`);
    log(`  + ${ADDED_DEPENDENCY}: ${(rebuild.wallMs / 1000).toFixed(2)} s, downloaded ${(result.rebuildDownloadedBytes / 1e6).toFixed(1)} MB`);
  }
  return results;
}
