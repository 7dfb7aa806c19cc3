/**
 * File snapshots kept as plain files under test/__snapshots__/<name>/, so a reviewer reads the
 * generated project itself. `UPDATE_SNAPSHOTS=1 npm test` rewrites them after a deliberate change.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO_ROOT } from './paths.js';

function listFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, path) : [relative(root, path)];
  });
}

export function assertMatchesSnapshot(name: string, files: Record<string, string>): void {
  const snapshotDir = join(REPO_ROOT, 'test', '__snapshots__', name);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    rmSync(snapshotDir, { recursive: true, force: true });
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(dirname(join(snapshotDir, file)), { recursive: true });
      writeFileSync(join(snapshotDir, file), content);
    }
    return;
  }
  assert.ok(existsSync(snapshotDir), `no snapshot ${name}: run UPDATE_SNAPSHOTS=1 npm test once and review it`);
  assert.deepEqual(Object.keys(files).sort(), listFiles(snapshotDir).sort(), `files of snapshot ${name}`);
  for (const [file, content] of Object.entries(files)) {
    assert.equal(content, readFileSync(join(snapshotDir, file), 'utf8'), `${file} differs from snapshot ${name}`);
  }
}

/** Every file in a folder, keyed by relative path. */
export function readTree(root: string): Record<string, string> {
  return Object.fromEntries(listFiles(root).sort().map((file) => [file, readFileSync(join(root, file), 'utf8')]));
}
