/**
 * Loaded before the tests (mocha --require): the package index the generator asks about pinned
 * releases is a folder of recorded answers (record-index.ts), so no test depends on the network.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const FIXTURES_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const RECORDED_INDEX = path.join(FIXTURES_ROOT, 'index');

process.env['PYDOCKER_INDEX_URL'] ??= pathToFileURL(RECORDED_INDEX).href;
