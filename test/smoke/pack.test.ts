/**
 * The package as users get it: `npm pack`, install the tarball next to yo 7, and run both
 * `yo python-docker` (as an unprivileged user: yo refuses root) and the package's bin in empty folders.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

const WORKSHOP_FILES = ['.dockerignore', '.yo-rc.json', 'Dockerfile', 'Dockerfile.bad', 'Dockerfile.better', 'Dockerfile.multistage', 'WORKSHOP.md', 'compare.py', 'main.py', 'requirements.txt'];
const isRoot = process.getuid?.() === 0;
const GENERATORS = ['yo python-docker', 'yo python-docker:dockerfile', 'yo python-docker:dockerignore', 'yo python-docker:multistage', 'yo python-docker:compose'];

/** The environment of a user's shell: none of the npm_* variables `npm test` sets for its scripts. */
const userEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

/** Runs a shell command line as a user would type it; as root, as the unprivileged nobody (yo refuses root). */
function asUser(line: string, cwd: string, env: Record<string, string>) {
  const vars = Object.entries(env).map(([key, value]) => `${key}=${value}`);
  if (isRoot) return spawnSync('runuser', ['-u', 'nobody', '--', 'env', ...vars, 'sh', '-c', line], { cwd, encoding: 'utf8', input: '' });
  return spawnSync('sh', ['-c', line], { cwd, encoding: 'utf8', input: '', env: { ...userEnv(), ...env } });
}

/** A folder an unprivileged user can write, for yo. */
function userFolder(path: string): string {
  mkdirSync(path, { recursive: true });
  if (isRoot) chownSync(path, 65534, 65534);
  return path;
}

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

/**
 * README.md's install lines, run as they are written: until the package is published they install
 * it from a clone (npm ci, npm pack, npm install -g of the tarball with yo), then scaffold. The
 * clone is a copy of this checkout's files (git ls-files); `npm install -g` goes to a temporary
 * prefix (NPM_CONFIG_PREFIX), and yo runs as an unprivileged user.
 */
describe('smoke: the README\'s install lines, as written', function () {
  this.timeout(600_000);
  let work: string;
  let prefix: string;
  let clone: string;
  let lines: string[];

  before(() => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    const block = /<!-- test\/smoke\/pack\.test\.ts runs these lines as they are written -->\n```sh\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'README.md marks its install lines for this test');
    lines = block[1].trim().split('\n');
    work = mkdtempSync(join(tmpdir(), 'pydocker-readme-'));
    chmodSync(work, 0o755);
    prefix = userFolder(join(work, 'prefix'));
    clone = join(work, 'clone');
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    for (const file of files) {
      mkdirSync(dirname(join(clone, file)), { recursive: true });
      try {
        copyFileSync(join(REPO_ROOT, file), join(clone, file));
      } catch {
        // listed but deleted in this checkout
      }
    }
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  it('installs from the clone with npm pack and npm install -g, then yo scaffolds the workshop', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(lines.slice(0, 3), ['npm ci', 'npm pack', `npm install -g yo ./generator-python-docker-${version}.tgz`], 'the tarball name follows package.json');
    const env = { ...userEnv(), NPM_CONFIG_PREFIX: prefix };
    for (const line of lines.slice(0, 3)) {
      const run = spawnSync('sh', ['-c', line], { cwd: clone, encoding: 'utf8', env });
      assert.equal(run.status, 0, `${line}\n${run.stdout}${run.stderr}`);
    }
    if (isRoot) execFileSync('chown', ['-R', '65534:65534', prefix]);
    const home = userFolder(join(work, 'home'));
    const user = userFolder(join(work, 'user'));
    const run = asUser(lines.slice(3).join('\n'), user, { HOME: home, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, NPM_CONFIG_PREFIX: prefix, LANG: 'C.UTF-8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(readdirSync(join(user, 'my-workshop')).sort(), WORKSHOP_FILES);
    // Normal output on stdout under yo too; nothing on stderr for a run with no warning.
    assert.match(run.stdout, /^Step 6 - Dockerfile\.multistage/m);

    // `yo python-docker --help` lists the sub-generators, with no option that does nothing here.
    const help = asUser('yo python-docker:multistage --help', join(user, 'my-workshop'), { HOME: home, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, NPM_CONFIG_PREFIX: prefix, LANG: 'C.UTF-8' });
    assert.equal(help.status, 0, help.stdout + help.stderr);
    assert.match(help.stdout, /^Usage: yo python-docker:multistage \[options\]$/m);
    for (const generator of GENERATORS) assert.match(help.stdout, new RegExp(`^ {2}${generator.replace('.', '\\.')} +\\S`, 'm'));
    // Run in the workshop the README made: its values, with where they came from.
    assert.match(help.stdout, /--port <value> +Port the app listens on \(1024-65535\) \[5000, from main\.py/);
    assert.doesNotMatch(help.stdout, /--skip-install|--skip-cache|--force-install|--ask-answered|--whitespace|--local-config-only/);
  });
});

