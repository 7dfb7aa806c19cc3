/**
 * create-python-docker as users get it: both packages packed with `npm pack` and installed together
 * from their tarballs into a temporary prefix (nothing is published, and the runs below are
 * --offline), then run in empty folders: its bin (what `npx create-python-docker` runs),
 * `npx --prefix`, and `npm create python-docker`.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.js';

const CREATE_DIR = join(REPO_ROOT, 'packages', 'create-python-docker');
/** Files every workshop scaffold has, whatever else the app generator adds. */
const CORE_FILES = ['.dockerignore', '.yo-rc.json', 'Dockerfile', 'Dockerfile.bad', 'Dockerfile.better', 'Dockerfile.multistage', 'WORKSHOP.md', 'main.py', 'requirements.txt'];

/** The environment of a user's shell: none of the npm_* variables `npm test` sets for its scripts. */
const userEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
const contents = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((file) => [file, readFileSync(join(dir, file), 'utf8')]));

describe('smoke: create-python-docker from its packed tarball', function () {
  this.timeout(240_000);
  let work: string;
  let prefix: string;
  let bin: (name: string) => string;

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'pydocker-create-'));
    const pack = (cwd: string) =>
      execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd, encoding: 'utf8', env: userEnv() }).trim().split('\n').at(-1)!;
    const mainTarball = pack(REPO_ROOT);
    const createTarball = pack(CREATE_DIR);
    prefix = join(work, 'prefix');
    mkdirSync(prefix);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, join(work, mainTarball), join(work, createTarball)], {
      stdio: 'inherit',
      env: userEnv(),
    });
    bin = (name) => join(prefix, 'node_modules', '.bin', name);
  });

  after(() => rmSync(work, { recursive: true, force: true }));

  const emptyFolder = (name: string) => {
    const dir = join(work, name);
    mkdirSync(dir);
    return dir;
  };

  it('ships its bin alone and depends on the generator of the same version', () => {
    const installed = join(prefix, 'node_modules', 'create-python-docker');
    assert.deepEqual(readdirSync(installed).sort(), ['README.md', 'index.js', 'package.json']);
    const manifest = readJson(join(installed, 'package.json'));
    const rootVersion = readJson(join(REPO_ROOT, 'package.json')).version;
    assert.deepEqual(manifest.dependencies, { 'generator-python-docker': rootVersion });
    assert.deepEqual(manifest.bin, { 'create-python-docker': 'index.js' });
    // The workspace's own package.json says the same (npm keeps it as written in the tarball).
    assert.equal(readJson(join(CREATE_DIR, 'package.json')).version, rootVersion, 'bump packages/create-python-docker with the root package');
  });

  it('`create-python-docker --defaults` writes exactly what `generator-python-docker app --defaults` writes', () => {
    const viaCreate = emptyFolder('create-defaults');
    const run = spawnSync(bin('create-python-docker'), ['--defaults'], { cwd: viaCreate, encoding: 'utf8', input: '', env: userEnv() });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const viaBin = emptyFolder('bin-defaults');
    const reference = spawnSync(bin('generator-python-docker'), ['app', '--defaults'], { cwd: viaBin, encoding: 'utf8', input: '', env: userEnv() });
    assert.equal(reference.status, 0, reference.stdout + reference.stderr);

    const files = readdirSync(viaCreate).sort();
    for (const file of CORE_FILES) assert.ok(files.includes(file), `${file} is written: ${files.join(', ')}`);
    assert.deepEqual(contents(viaCreate), contents(viaBin));
    assert.match(run.stdout + run.stderr, /WORKSHOP\.md/);
  });

  it('passes the options on: --port 8080 into a folder it names and creates', () => {
    const parent = emptyFolder('create-port');
    const run = spawnSync(bin('create-python-docker'), ['my-workshop', '--defaults', '--port', '8080'], { cwd: parent, encoding: 'utf8', input: '', env: userEnv() });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual(readdirSync(parent), ['my-workshop']);
    const dir = join(parent, 'my-workshop');
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /^EXPOSE 8080$/m);
    assert.match(readFileSync(join(dir, 'Dockerfile.multistage'), 'utf8'), /^EXPOSE 8080$/m);
    assert.equal((readJson(join(dir, '.yo-rc.json'))['generator-python-docker'] as { port: unknown }).port, 8080);
  });

  it('an invalid option: one error line, exit 1, nothing written', () => {
    const dir = emptyFolder('create-invalid');
    const run = spawnSync(bin('create-python-docker'), ['--defaults', '--port', '70000'], { cwd: dir, encoding: 'utf8', input: '', env: userEnv() });
    assert.equal(run.status, 1);
    assert.match(run.stderr.trim().split('\n').at(-1)!, /error: Invalid --port: port must be from 1024 to 65535, got 70000$/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('`npx --prefix <prefix> create-python-docker --defaults` runs it in the current folder, offline', () => {
    const dir = emptyFolder('npx');
    const run = spawnSync('npx', ['--prefix', prefix, '--offline', 'create-python-docker', '--defaults', '--port', '8080'], { cwd: dir, encoding: 'utf8', input: '', env: userEnv() });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    for (const file of CORE_FILES) assert.ok(readdirSync(dir).includes(file), file);
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /^EXPOSE 8080$/m);
  });

  it('`npm create python-docker <folder> -- --defaults` finds the installed package, offline', () => {
    const out = join(work, 'npm-create');
    // From the prefix, where it is installed: npm create looks there before any registry.
    const run = spawnSync('npm', ['create', 'python-docker', '--offline', out, '--', '--defaults', '--port', '8081'], { cwd: prefix, encoding: 'utf8', input: '', env: userEnv() });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    for (const file of CORE_FILES) assert.ok(readdirSync(out).includes(file), file);
    assert.match(readFileSync(join(out, 'Dockerfile'), 'utf8'), /^EXPOSE 8081$/m);
  });
});
