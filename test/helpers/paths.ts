import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Generators run from the compiled output, as users run them (`npm test` builds first). */
export const generatorPath = (name: 'app' | 'dockerfile' | 'dockerignore' | 'multistage' | 'compose') =>
  join(REPO_ROOT, 'dist', 'generators', name, 'index.js');
export const CLI = join(REPO_ROOT, 'dist', 'bin', 'cli.js');
export const FIXTURES = join(REPO_ROOT, 'test', 'fixtures');
