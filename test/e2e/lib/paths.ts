import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** test/e2e */
export const E2E_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = join(E2E_DIR, '..', '..');
/** The package's own bin, compiled (`npm test` builds first). */
export const CLI = join(REPO_ROOT, 'dist', 'bin', 'cli.js');
export const FIXTURE_PROJECTS = join(REPO_ROOT, 'test', 'fixtures', 'projects');
/** Real-project fixtures: one folder each, with a <name>.e2e.json beside it (test/e2e/real-projects.test.ts). */
export const REAL_PROJECTS = join(REPO_ROOT, 'test', 'fixtures', 'real-projects');
