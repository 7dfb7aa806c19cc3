/**
 * compose.yaml for real, on the Docker that users run: the tier's Docker Engine 28 with BuildKit
 * by default and Compose v2 (test/e2e/infra/engine-up.sh). The sample project is scaffolded by
 * the package's bin on a free loopback port of this run, `compose --defaults` added, and
 * `docker compose up --build --wait` brings it up; the `--watch` variant runs under
 * `docker compose watch`, which must sync an edit of main.py into the running container (new
 * answer over HTTP, no rebuild) and rebuild when requirements.txt changes.
 *
 * Loopback only: an override file (Compose v2's `!reset`) drops `ports:` and puts the service and
 * its build on the host network; everything else (build, image, environment, read_only, tmpfs,
 * healthcheck, develop.watch) is the generated file's, and `docker network ls` must show no new
 * network afterwards.
 *
 * One cheap check stays on the old tooling because the README promises it: the file without
 * --watch parses with Debian bookworm's docker-compose 1.29 (and the --watch one is refused,
 * naming `develop`). It needs no engine.
 *
 * Works alone (`npx mocha --node-option import=tsx/esm test/e2e/compose.test.ts`), as root: its
 * `before` runs the idempotent setup.sh. About two minutes once the stand-in images exist.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { DEFAULT_ANSWERS } from '../../lib/state/answers.js';
import { CLI } from '../helpers/paths.js';
import { baseImages, dockerEnv, engineDown, planImage, provideImages, runSetup, useEngine, type SetupInfo } from './lib/infra.js';
import { Docker } from './lib/docker.js';
import { freePort } from './lib/proc.js';

const MINUTE = 60_000;
const SERVICE = 'web';
const NON_ROOT_UID = String(DEFAULT_ANSWERS.uid);

/** Loopback only: no published ports, the service and its build on the host network. */
const HOST_NETWORK_OVERRIDE = `# Written by test/e2e/compose.test.ts: the generated service on the host network (loopback only).
services:
  ${SERVICE}:
    network_mode: host
    ports: !reset []
    build:
      network: host
`;

type Result = SpawnSyncReturns<string>;

function run(cmd: string, args: string[], opts: { cwd?: string; input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Result {
  return spawnSync(cmd, args, { cwd: opts.cwd, input: opts.input, encoding: 'utf8', timeout: opts.timeoutMs ?? 2 * MINUTE, env: opts.env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
}
function describe_(r: Result): string {
  const tail = (text: string) => text.split('\n').slice(-40).join('\n');
  return `exit ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}${r.error ? ` (${r.error.message})` : ''}\nstdout:\n${tail(r.stdout ?? '')}\nstderr:\n${tail(r.stderr ?? '')}`;
}
function ok(r: Result, what: string): string {
  assert.equal(r.status, 0, `${what} failed: ${describe_(r)}`);
  return r.stdout;
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Answer = { status: number; body: string } | { error: string };

/** GET http://127.0.0.1:PORT/ -> status and body, or the error. */
function get(port: number): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', timeout: 3000, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ error: error.message }));
  });
}

/** Polls GET / until `want` holds, for at most boundMs; returns the last answer. */
async function until(port: number, want: (a: Answer) => boolean, boundMs: number): Promise<Answer> {
  let last: Answer = { error: 'not tried' };
  for (const deadline = Date.now() + boundMs; Date.now() < deadline; await sleep(500)) {
    last = await get(port);
    if (want(last)) break;
  }
  return last;
}
const is200 = (a: Answer) => 'status' in a && a.status === 200;


describe('compose.yaml with Docker Engine 28 and Compose v2 (e2e)', function () {
  this.timeout(10 * MINUTE);

  let setup: SetupInfo | undefined;
  let env: NodeJS.ProcessEnv = process.env;
  let releaseEngine: (() => Promise<void>) | undefined;
  let work = '';
  let project = '';
  let watchProject = '';
  let port = 0;
  let networksBefore: string[] = [];
  const created = new Set<string>();

  const docker = (args: string[], timeoutMs = 2 * MINUTE, cwd?: string) => run(setup!.DOCKER, args, { env, timeoutMs, cwd });
  /** `docker compose` on a project folder, with the host-network override; -p = the folder's name. */
  const compose = (dir: string, args: string[], timeoutMs = 2 * MINUTE) => docker(['compose', '-f', 'compose.yaml', '-f', 'compose.host-network.yaml', '-p', basename(dir), ...args], timeoutMs, dir);
  const networks = () => ok(docker(['network', 'ls', '--format', '{{.Name}}']), 'docker network ls').split('\n').filter(Boolean).sort();
  const containerId = (dir: string) => ok(compose(dir, ['ps', '-q', SERVICE]), 'docker compose ps').trim();
  const inspect = (id: string, format: string) => ok(docker(['inspect', '-f', format, id]), `docker inspect ${format}`).trim();
  const imageOf = (dir: string) => JSON.parse(ok(compose(dir, ['config', '--format', 'json']), 'docker compose config')).services[SERVICE].image as string;

  before(async function () {
    this.timeout(45 * MINUTE);
    assert.equal(process.getuid?.(), 0, 'the e2e tier runs as root: it starts its own docker engine');
    work = mkdtempSync(join(tmpdir(), 'pydocker-e2e-compose-'));
    port = await freePort();

    // The sample project and its compose.yaml, through the package's bin, as a user would.
    project = join(work, `pydocker-e2e-compose-${process.pid}`);
    ok(run(process.execPath, [CLI, '--defaults', '--cwd', project, '--port', String(port)]), 'generator-python-docker --defaults');
    ok(run(process.execPath, [CLI, 'compose', '--defaults'], { cwd: project }), 'generator-python-docker compose --defaults');
    assert.ok(existsSync(join(project, 'compose.yaml')));
    writeFileSync(join(project, 'compose.host-network.yaml'), HOST_NETWORK_OVERRIDE);

    const plans = baseImages(readFileSync(join(project, 'Dockerfile'), 'utf8')).map(planImage);
    setup = await runSetup([...new Set(plans.map((p) => p.standinMinor))], join(work, 'setup.log'), 40 * MINUTE);
    releaseEngine = await useEngine(setup);
    env = dockerEnv(setup);
    assert.equal(env.DOCKER_BUILDKIT, undefined, 'no DOCKER_BUILDKIT: BuildKit must be the default builder');
    await provideImages(new Docker(setup.DOCKER, `compose-${process.pid}`, join(work, 'docker.log'), env), plans);
    networksBefore = networks();
  });

  after(async function () {
    this.timeout(5 * MINUTE);
    if (setup) {
      for (const dir of [project, watchProject]) if (dir && existsSync(join(dir, 'compose.yaml'))) compose(dir, ['down', '--timeout', '10', '--remove-orphans']);
      for (const image of created) docker(['image', 'rm', '-f', image]);
    }
    await releaseEngine?.();
    if (work && process.env.PYDOCKER_E2E_KEEP !== '1') rmSync(work, { recursive: true, force: true });
    // setup.sh's contract: STARTED_ENGINE=1 means this run started the engine, so this run stops it
    // (engine-down.sh leaves it running while another run still uses it).
    if (setup?.STARTED_ENGINE === '1') await engineDown(join(tmpdir(), `pydocker-e2e-compose-down-${process.pid}.log`));
  });

  it('runs on Docker Engine 28 with Compose v2 and BuildKit, with no DOCKER_BUILDKIT variable', () => {
    const server = ok(docker(['version', '-f', '{{.Server.Version}}']), 'docker version').trim();
    assert.ok(Number(server.split('.')[0]) >= 28, `Docker Engine ${server}`);
    const composeVersion = ok(docker(['compose', 'version', '--short']), 'docker compose version').trim().replace(/^v/, '');
    const [major, minor] = composeVersion.split('.').map(Number);
    assert.ok(major === 2 && minor >= 22, `Compose ${composeVersion}: develop.watch needs v2.22+`);
    ok(docker(['buildx', 'version']), 'docker buildx version');
  });

  it('docker compose accepts the default compose.yaml as it is', () => {
    ok(docker(['compose', '-f', 'compose.yaml', 'config', '--quiet'], MINUTE, project), 'docker compose config --quiet');
  });

  it('the run is the generated service on the host network: no ports, build and run on host', () => {
    const service = JSON.parse(ok(compose(project, ['config', '--format', 'json']), 'docker compose config')).services[SERVICE];
    assert.equal(service.network_mode, 'host');
    assert.equal(service.build.network, 'host');
    assert.equal(service.ports, undefined);
    assert.equal(service.read_only, true);
    assert.deepEqual(service.tmpfs, ['/tmp']);
    assert.equal(service.healthcheck.test[0], 'CMD', 'the healthcheck is the generated one');
  });

  let up = false;
  it('docker compose up --build --wait returns once the service is healthy, and it answers HTTP 200', async function () {
    this.timeout(15 * MINUTE);
    created.add(imageOf(project));
    ok(compose(project, ['up', '--build', '--detach', '--wait', '--wait-timeout', '120'], 12 * MINUTE), 'docker compose up --build --wait');
    up = true;
    const id = containerId(project);
    assert.equal(inspect(id, '{{.State.Health.Status}}'), 'healthy', '--wait returned before the health check passed');
    const answer = await get(port);
    assert.ok(is200(answer), `no HTTP 200 on 127.0.0.1:${port} right after --wait: ${JSON.stringify(answer)}`);
    assert.match((answer as { body: string }).body, /Hello from /);
  });

  it('runs what compose.yaml says: read-only root, /tmp on tmpfs, WEB_CONCURRENCY, the built image, non-root', function () {
    assert.ok(up, 'the compose project did not come up: see the failure above');
    const id = containerId(project);
    assert.equal(inspect(id, '{{.HostConfig.ReadonlyRootfs}}'), 'true');
    assert.match(inspect(id, '{{json .HostConfig.Tmpfs}}'), /"\/tmp"/);
    assert.match(inspect(id, '{{json .Config.Env}}'), /"WEB_CONCURRENCY=3"/);
    assert.equal(inspect(id, '{{.Config.Image}}'), imageOf(project));
    assert.equal(ok(compose(project, ['exec', '-T', SERVICE, 'id', '-u']), 'docker compose exec id -u').trim(), NON_ROOT_UID);
  });

  it('created no network (every service on the host network)', function () {
    assert.ok(up, 'the compose project did not come up: see the failure above');
    assert.deepEqual(networks(), networksBefore);
  });

  it('docker compose down stops and removes it, quickly', function () {
    assert.ok(up, 'the compose project did not come up: see the failure above');
    this.timeout(2 * MINUTE);
    const started = Date.now();
    ok(compose(project, ['down', '--timeout', '10']), 'docker compose down');
    assert.ok(Date.now() - started < 30_000, 'gunicorn stops on SIGTERM well inside the 10 s timeout');
    assert.equal(containerId(project), '');
    assert.equal(docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${basename(project)}`]).stdout.trim(), '');
    assert.deepEqual(networks(), networksBefore);
  });

  describe('docker compose watch (the --watch variant)', () => {
    let watcher: ChildProcess | undefined;
    let watchLog = '';
    let first = { container: '', image: '' };
    let synced = false;
    const watchOutput = () => (existsSync(watchLog) ? readFileSync(watchLog, 'utf8').split('\n').slice(-40).join('\n') : '');

    before(async function () {
      this.timeout(15 * MINUTE);
      watchProject = join(work, `pydocker-e2e-compose-watch-${process.pid}`);
      cpSync(project, watchProject, { recursive: true });
      ok(run(process.execPath, [CLI, 'compose', '--defaults', '--watch', '--force'], { cwd: watchProject }), 'compose --watch');
      assert.match(readFileSync(join(watchProject, 'compose.yaml'), 'utf8'), /^ {4}develop:$/m);
      created.add(imageOf(watchProject));
      // Its output goes to a file: a pipe nobody drains while spawnSync blocks would stall it.
      watchLog = join(work, 'compose-watch.log');
      const fd = openSync(watchLog, 'w');
      watcher = spawn(setup!.DOCKER, ['compose', '-f', 'compose.yaml', '-f', 'compose.host-network.yaml', '-p', basename(watchProject), 'watch'], {
        cwd: watchProject,
        env,
        stdio: ['ignore', fd, fd],
      });
      closeSync(fd);
      const answer = await until(port, is200, 10 * MINUTE);
      assert.ok(is200(answer), `docker compose watch: no HTTP 200 on 127.0.0.1:${port}: ${JSON.stringify(answer)}\n${watchOutput()}`);
      const container = containerId(watchProject);
      first = { container, image: inspect(container, '{{.Image}}') };
      // Watching starts once the service is up; give it a moment to set up its file watcher.
      for (const deadline = Date.now() + 30_000; Date.now() < deadline && !/watch enabled/i.test(watchOutput()); ) await sleep(500);
      assert.match(watchOutput(), /watch enabled/i, 'docker compose watch never said it was watching');
    });

    after(async function () {
      this.timeout(2 * MINUTE);
      if (watcher && watcher.exitCode === null) {
        watcher.kill('SIGINT');
        await Promise.race([new Promise((resolve) => watcher!.once('exit', resolve)), sleep(20_000)]);
        if (watcher.exitCode === null) watcher.kill('SIGKILL');
      }
    });

    it('Compose v2 accepts the develop section', () => {
      ok(docker(['compose', '-f', 'compose.yaml', 'config', '--quiet'], MINUTE, watchProject), 'docker compose config --quiet (watch)');
    });

    it('the service runs as the numeric non-root user', () => {
      assert.equal(inspect(first.container, '{{.Config.User}}'), `${NON_ROOT_UID}:${NON_ROOT_UID}`);
      assert.equal(ok(compose(watchProject, ['exec', '-T', SERVICE, 'id', '-u']), 'docker compose exec id -u').trim(), NON_ROOT_UID);
    });

    it('an edit of main.py reaches the running container and its answer over HTTP, without a rebuild', async function () {
      this.timeout(3 * MINUTE);
      const file = join(watchProject, 'main.py');
      const source = readFileSync(file, 'utf8');
      assert.match(source, /Hello from /);
      writeFileSync(file, source.replaceAll('Hello from ', 'Hello (watched) from '));
      const answer = await until(port, (a) => is200(a) && /Hello \(watched\) from /.test((a as { body: string }).body), 90_000);
      assert.ok(is200(answer) && /Hello \(watched\) from /.test((answer as { body: string }).body), `the edit did not reach the answer within 90 s: ${JSON.stringify(answer)}\n${watchOutput()}`);
      const container = containerId(watchProject);
      assert.equal(container, first.container, 'sync, not a new container');
      assert.equal(inspect(container, '{{.Image}}'), first.image, 'sync, not a rebuild');
      assert.match(ok(compose(watchProject, ['exec', '-T', SERVICE, 'cat', '/app/main.py']), 'cat /app/main.py'), /Hello \(watched\) from /);
      synced = true;
    });

    it('a change to requirements.txt rebuilds the image and replaces the container', async function () {
      this.timeout(15 * MINUTE);
      const file = join(watchProject, 'requirements.txt');
      writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n# pinned again by the e2e test\n`);
      let container = '';
      for (const deadline = Date.now() + 12 * MINUTE; Date.now() < deadline; await sleep(1000)) {
        container = docker(['compose', '-f', 'compose.yaml', '-f', 'compose.host-network.yaml', '-p', basename(watchProject), 'ps', '-q', SERVICE], MINUTE, watchProject).stdout.trim();
        if (container && container !== first.container && (await get(port).then(is200))) break;
      }
      assert.ok(container && container !== first.container, `no new container within 12 minutes of the requirements.txt edit:\n${watchOutput()}`);
      assert.notEqual(inspect(container, '{{.Image}}'), first.image, 'the image was rebuilt');
      const answer = await until(port, is200, 60_000);
      assert.ok(is200(answer), `the rebuilt service does not answer: ${JSON.stringify(answer)}`);
      if (synced) assert.match((answer as { body: string }).body, /Hello \(watched\) from /, 'the rebuilt image has the edited code');
      assert.match(ok(compose(watchProject, ['exec', '-T', SERVICE, 'cat', '/app/requirements.txt']), 'cat requirements.txt'), /pinned again by the e2e test/);
    });

    it('created no network', () => {
      assert.deepEqual(networks(), networksBefore);
    });
  });

  describe('docker-compose 1.29 (Debian bookworm), which the README still promises for the file without --watch', () => {
    let legacy = '';
    before(function () {
      this.timeout(10 * MINUTE);
      if (run('sh', ['-c', 'command -v docker-compose']).status !== 0) {
        const apt = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeoutMs: 10 * MINUTE };
        const lock = ['-o', 'DPkg::Lock::Timeout=300'];
        ok(run('apt-get', [...lock, 'update'], apt), 'apt-get update');
        ok(run('apt-get', [...lock, 'install', '-y', '--no-install-recommends', 'docker-compose'], apt), 'apt-get install docker-compose');
      }
      legacy = run('sh', ['-c', 'command -v docker-compose']).stdout.trim();
      assert.match(ok(run(legacy, ['version', '--short']), 'docker-compose version'), /^1\./);
    });

    it('parses the default compose.yaml', () => {
      ok(run(legacy, ['-f', 'compose.yaml', 'config', '--quiet'], { cwd: project }), 'docker-compose config --quiet');
    });

    it('refuses the --watch variant, naming develop (it needs Compose v2.22+)', () => {
      const r = run(legacy, ['-f', 'compose.yaml', 'config', '--quiet'], { cwd: watchProject });
      assert.notEqual(r.status, 0, 'docker-compose 1.29 must refuse develop:');
      assert.match(r.stderr, /develop/);
    });
  });
});
