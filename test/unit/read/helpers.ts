import { en } from '../../../lib/messages/en.js';
import type { ReadNote } from '../../../lib/read/types.js';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/projects/', import.meta.url));

/** Absolute path of test/fixtures/projects/<name>. */
export function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

const created: string[] = [];

/** A fresh folder under the OS temp dir: a copy of fixture `from` (if given) plus `files` (relative path -> text). */
export async function tempProject(files: Record<string, string> = {}, from?: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'read-project-'));
  created.push(dir);
  if (from) await cp(fixture(from), dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  return dir;
}

export async function removeTempProjects(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * A reading without the version pins and wheel checks (pins, wheels, and the "every pinned
 * package installs on" note), for the tests that pin down the rest; python-choice.test.ts and
 * the real-projects tests check those. Notes are compared as English lines.
 */
export function bare<T>(value: T): T {
  if (value === undefined || value === null || typeof value !== 'object') return value;
  const copy = structuredClone(value) as Record<string, unknown>;
  delete copy['pins'];
  delete copy['wheels'];
  const deps = copy['dependencies'] as Record<string, unknown> | undefined;
  if (deps) {
    delete deps['pins'];
    delete deps['wheels'];
  }
  // The notes as an English run says them (they are typed: lib/messages/report-en.ts words them).
  if (Array.isArray(copy['notes'])) copy['notes'] = (copy['notes'] as ReadNote[]).map(en.report.note);
  return copy as T;
}
