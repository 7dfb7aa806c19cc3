/** The package's own bin, as a user runs it: real process, exit codes, what it prints. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/paths.js';
import { PROJECT_FILES, writeProject } from '../helpers/project.js';

function runCli(args: string[], cwd: string) {
  // stdin is not a terminal here, as in CI and scripts.
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: '' });
  // Yeoman logs to stderr; `output` is what the user sees in the terminal.
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, output: run.stdout + run.stderr };
}

const emptyFolder = () => mkdtempSync(join(tmpdir(), 'pydocker-cli-'));
/** A folder holding a small Flask project, where the single-file sub-generators run. */
function projectFolder(): string {
  const dir = emptyFolder();
  writeProject(dir);
  return dir;
}

describe('bin: generator-python-docker', () => {
  it('scaffolds the workshop project with --defaults and explains each step', () => {
    const dir = emptyFolder();
    const run = runCli(['--defaults'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(dir).sort(), [
      '.dockerignore', '.yo-rc.json', 'Dockerfile', 'Dockerfile.bad', 'Dockerfile.better', 'Dockerfile.multistage', 'WORKSHOP.md', 'compare.py', 'main.py', 'requirements.txt',
    ]);
    const order = ['Step 1', 'Step 2', 'Step 3', 'Step 4', 'Step 5', 'Step 6'].map((step) => run.output.indexOf(step));
    assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), `steps in order:\n${run.output}`);
    assert.doesNotMatch(run.output, /package\.json/);
    assert.match(run.output, /^\s+create \.yo-rc\.json$/m, 'a new .yo-rc.json is created, not forced');
  });

  it('runs a sub-generator by name', () => {
    const dir = projectFolder();
    const run = runCli(['multistage', '--defaults', '--port', '8081'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['.dockerignore', '.yo-rc.json', 'Dockerfile.multistage', ...PROJECT_FILES]);
    assert.match(readFileSync(join(dir, 'Dockerfile.multistage'), 'utf8'), /^EXPOSE 8081$/m);
  });

  it('prints an end-of-life warning for Python 3.10 and still writes the files', () => {
    const dir = projectFolder();
    const run = runCli(['dockerfile', '--defaults', '--python-version', '3.10'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.output, /warning: Python 3\.10 reached end of life on 2026-10-31/);
  });

  it('an invalid option: one error line, exit 1, nothing written', () => {
    const dir = emptyFolder();
    const run = runCli(['--defaults', '--port', '70000'], dir);
    assert.equal(run.code, 1);
    const last = run.stderr.trim().split('\n').at(-1);
    assert.equal(last, 'generator-python-docker: error: Invalid --port: port must be from 1024 to 65535, got 70000');
    assert.doesNotMatch(run.stderr, /\s+at .*\.js:\d+/, 'no stack trace');
    assert.deepEqual(readdirSync(dir), []);
  });

  it('an unknown sub-generator: one error line, exit 1', () => {
    const run = runCli(['compose-everything'], emptyFolder());
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim(), 'generator-python-docker: error: unknown sub-generator "compose-everything": use one of app, dockerfile, dockerignore, multistage, compose');
  });

  it('never overwrites a file it did not write: without a terminal, --defaults puts its version beside it; --force overwrites', () => {
    const dir = projectFolder();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const refused = runCli(['dockerfile'], dir);
    assert.equal(refused.code, 1);
    assert.equal(refused.output.trim(), 'generator-python-docker: error: no terminal to ask: add --defaults', 'one line, before any question');
    assert.deepEqual(readdirSync(dir).sort(), ['Dockerfile', ...PROJECT_FILES], 'not even .yo-rc.json is written');

    const beside = runCli(['dockerfile', '--defaults'], dir);
    assert.equal(beside.code, 0, beside.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM scratch\n');
    assert.match(readFileSync(join(dir, 'Dockerfile.new'), 'utf8'), /^USER 10001:10001$/m);
    assert.match(beside.output, /^ {2}Dockerfile: left as you edited it; this run's version is in Dockerfile\.new; compare: `diff -u Dockerfile Dockerfile\.new`$/m);
    assert.doesNotMatch(beside.output, /Step 5|^Next:/m, 'no paragraph, no command for a file not written');

    const forced = runCli(['dockerfile', '--defaults', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /^USER 10001:10001$/m);
  });

  it('--cwd runs in another folder, creating it', () => {
    const dir = join(emptyFolder(), 'new', 'workshop');
    const run = runCli(['--defaults', '--cwd', dir], emptyFolder());
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readdirSync(dir).includes('Dockerfile.multistage'));
    assert.match(run.output, new RegExp(`^Next: cd ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\nNext: docker build`, 'm'));
  });

  it('--help lists every option', () => {
    const run = runCli(['dockerfile', '--help'], emptyFolder());
    assert.equal(run.code, 0);
    for (const option of ['--defaults', '--python-version', '--base-variant', '--port', '--wsgi-app', '--workers', '--uid', '--gid', '--server', '--stage', '--force']) {
      assert.match(run.stdout, new RegExp(`${option}\\b`));
    }
  });
});
