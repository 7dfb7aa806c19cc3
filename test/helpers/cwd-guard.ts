/**
 * Loaded before the tests (mocha --require, a root hook): a generator test run in-process leaves
 * the process in the temporary folder it ran in, and once that folder is removed every later
 * child process (pip, npm, setup.sh) starts in a folder that no longer exists and fails. After
 * each test, a process whose working folder is gone goes back to the one the run started in.
 */
import { existsSync } from 'node:fs';

const START = process.cwd();

function workingFolderExists(): boolean {
  try {
    return existsSync(process.cwd());
  } catch {
    return false; // process.cwd() itself throws ENOENT once the folder is removed
  }
}

export const mochaHooks = {
  afterEach(): void {
    if (!workingFolderExists()) process.chdir(START);
  },
};
