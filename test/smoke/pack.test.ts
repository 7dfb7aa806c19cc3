/**
 * The package as users get it: `npm pack`, install the tarball next to yo 7, and run both
 * `yo python-docker` (as an unprivileged user: yo refuses root) and the package's bin in empty folders.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

const WORKSHOP_FILES = ['.dockerignore', '.yo-rc.json', 'Dockerfile', 'Dockerfile.bad', 'Dockerfile.better', 'Dockerfile.multistage', 'WORKSHOP.md', 'compare.py', 'main.py', 'requirements.txt'];
const isRoot = process.getuid?.() === 0;

describe('smoke: the packed tarball', function () {
  this.timeout(240_000);
  let work: string;
  let prefix: string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'pydocker-smoke-'));
    chmodSync(work, 0o755);
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: REPO_ROOT, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    prefix = join(work, 'prefix');
    mkdirSync(prefix);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, join(work, tarball), 'yo@7'], { stdio: 'inherit' });
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('ships only compiled code and templates', () => {
    const installed = join(prefix, 'node_modules', 'generator-python-docker');
    // npm always packs README.md.
    assert.deepEqual(readdirSync(installed).sort(), ['README.md', 'dist', 'package.json', 'templates']);
    assert.deepEqual(readdirSync(join(installed, 'dist')).sort(), ['bin', 'generators', 'lib']);
  });

  it('`yo python-docker --defaults` scaffolds the workshop project', () => {
    const out = join(work, 'yo-out');
    const home = join(work, 'home');
    mkdirSync(out);
    mkdirSync(home);
    const env = { ...process.env, HOME: home, NODE_PATH: join(prefix, 'node_modules') };
    const yo = join(prefix, 'node_modules', '.bin', 'yo');
    let run;
    if (isRoot) {
      chownSync(out, 65534, 65534);
      chownSync(home, 65534, 65534);
      run = spawnSync('runuser', ['-u', 'nobody', '--', 'env', `HOME=${home}`, `NODE_PATH=${env.NODE_PATH}`, `PATH=${process.env.PATH}`, yo, 'python-docker', '--defaults', '--no-insight'], { cwd: out, encoding: 'utf8', input: '' });
    } else {
      run = spawnSync(yo, ['python-docker', '--defaults', '--no-insight'], { cwd: out, env, encoding: 'utf8', input: '' });
    }
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(readdirSync(out).sort(), WORKSHOP_FILES);
  });

  it('under yo, an invalid flag is the same one line as under the bin, and nothing is written', () => {
    const out = join(work, 'yo-error');
    const home = join(work, 'home-error');
    mkdirSync(out);
    mkdirSync(home);
    writeFileSync(join(out, 'requirements.txt'), 'Flask==3.1.3\n');
    writeFileSync(join(out, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    const nodePath = join(prefix, 'node_modules');
    const yo = join(nodePath, '.bin', 'yo');
    const args = ['python-docker:multistage', '--defaults', '--port', 'abc', '--no-insight'];
    let run;
    if (isRoot) {
      chownSync(out, 65534, 65534);
      chownSync(home, 65534, 65534);
      run = spawnSync('runuser', ['-u', 'nobody', '--', 'env', `HOME=${home}`, `NODE_PATH=${nodePath}`, `PATH=${process.env.PATH}`, 'LANG=C.UTF-8', yo, ...args], { cwd: out, encoding: 'utf8', input: '' });
    } else {
      run = spawnSync(yo, args, { cwd: out, env: { ...process.env, HOME: home, NODE_PATH: nodePath, LANG: 'C.UTF-8' }, encoding: 'utf8', input: '' });
    }
    const line = 'generator-python-docker: error: Invalid --port: port must be a whole number from 1024 to 65535, got "abc"';
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.equal((run.stdout + run.stderr).trim(), line, 'no "An error occured", no "Error python-docker ..."');
    assert.deepEqual(readdirSync(out).sort(), ['app.py', 'requirements.txt']);
    const bin = spawnSync(join(nodePath, '.bin', 'generator-python-docker'), ['multistage', '--defaults', '--port', 'abc'], { cwd: out, encoding: 'utf8', input: '', env: { ...process.env, LANG: 'C.UTF-8' } });
    assert.equal((bin.stdout + bin.stderr).trim(), line);
  });

  it('the bin scaffolds it too, and runs a sub-generator', () => {
    const out = join(work, 'bin-out');
    mkdirSync(out);
    const bin = join(prefix, 'node_modules', '.bin', 'generator-python-docker');
    const app = spawnSync(bin, ['--defaults'], { cwd: out, encoding: 'utf8', input: '' });
    assert.equal(app.status, 0, app.stdout + app.stderr);
    assert.deepEqual(readdirSync(out).sort(), WORKSHOP_FILES);

    const sub = join(work, 'bin-sub');
    mkdirSync(sub);
    writeFileSync(join(sub, 'requirements.txt'), 'Flask==3.1.3\n');
    writeFileSync(join(sub, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    const run = spawnSync(bin, ['dockerignore', '--defaults'], { cwd: sub, encoding: 'utf8', input: '' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(readdirSync(sub).sort(), ['.dockerignore', '.yo-rc.json', 'app.py', 'requirements.txt']);
  });

  it('a re-run under yo: ours is updated without a question, and the command it prints runs as printed (yo python-docker:...)', () => {
    const out = join(work, 'yo-rerun');
    const home = join(work, 'home-rerun');
    mkdirSync(out);
    mkdirSync(home);
    const nodePath = join(prefix, 'node_modules');
    const bin = join(nodePath, '.bin');
    // yo on PATH, as after `npm install -g yo`: the printed command starts with `yo`.
    const path = `${bin}:${process.env.PATH}`;
    const shell = (command: string) => {
      if (isRoot) {
        chownSync(out, 65534, 65534);
        chownSync(home, 65534, 65534);
        return spawnSync('runuser', ['-u', 'nobody', '--', 'env', `HOME=${home}`, `NODE_PATH=${nodePath}`, `PATH=${path}`, 'LANG=C.UTF-8', 'sh', '-c', command], { cwd: out, encoding: 'utf8', input: '' });
      }
      return spawnSync('sh', ['-c', command], { cwd: out, env: { ...process.env, HOME: home, NODE_PATH: nodePath, PATH: path, LANG: 'C.UTF-8' }, encoding: 'utf8', input: '' });
    };
    const first = shell('yo python-docker --defaults --compose --no-insight');
    assert.equal(first.status, 0, first.stdout + first.stderr);
    const port = shell('yo python-docker:dockerfile --defaults --port 9000 --no-insight');
    assert.equal(port.status, 0, port.stdout + port.stderr);
    const output = port.stdout + port.stderr;
    assert.match(output, /^ *update Dockerfile$/m, 'untouched: rewritten without --force');
    const printed = /bring them in line: `([^`]+)`/.exec(output);
    assert.ok(printed, output);
    assert.equal(printed[1], 'yo python-docker:dockerfile --defaults --align');
    // --no-insight: yo's own telemetry question, answered as in every other run here.
    const aligned = shell(`${printed[1]} --no-insight`);
    assert.equal(aligned.status, 0, aligned.stdout + aligned.stderr);
    assert.match(readFileSync(join(out, 'Dockerfile.multistage'), 'utf8'), /^EXPOSE 9000$/m);
    assert.match(readFileSync(join(out, 'compose.yaml'), 'utf8'), /"9000:9000"/);
  });
});
