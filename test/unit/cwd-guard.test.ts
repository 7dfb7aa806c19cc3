/**
 * The root hook in test/helpers/cwd-guard.ts: a test that leaves the process in a folder it then
 * removes (an in-process generator run in a temporary project) must not break the child
 * processes of every later test (CI once lost its whole container tier to this).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('a removed working folder does not outlive its test (test/helpers/cwd-guard.ts)', () => {
  let before = '';
  it('a test moves into a temporary folder and removes it', () => {
    before = process.cwd();
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-cwd-'));
    process.chdir(dir);
    rmSync(dir, { recursive: true, force: true });
    assert.throws(() => process.cwd(), /ENOENT/);
  });
  it('the next test runs in the folder the run started in, and its child processes start', () => {
    assert.equal(process.cwd(), before);
    const child = spawnSync('python3', ['-c', 'import os; print(os.getcwd())'], { encoding: 'utf8' });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout.trim(), before);
  });
});
