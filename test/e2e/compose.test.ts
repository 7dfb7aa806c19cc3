/**
 * compose.yaml for real: the sample project scaffolded by the package's bin, `compose --defaults`
 * added, and the default compose project brought up with Debian's docker-compose 1.29 on the
 * engine of test/e2e/infra (stand-in base images, no bridge network, loopback only).
 *
 * docker-compose 1.x cannot drop `ports:` through an override file and refuses `ports` with
 * `network_mode: host`, so what runs is the host-network variant ../shared/ENVIRONMENT.md
 * describes: `docker-compose config` of the generated file, with `ports` dropped and
 * `network_mode: host` / `build.network: host` set. Everything else (build, image, environment,
 * read_only, tmpfs, healthcheck) is the generated file's. `docker network ls` must show no new
 * network afterwards.
 *
 * The --watch variant is checked here only for what docker-compose 1.29 does with it (it rejects
 * `develop`); its validation against the Compose specification is in test/generators/compose.test.ts.
 *
 * Works alone (`npx mocha --node-option import=tsx/esm test/e2e/compose.test.ts`); as root: its
 * `before` runs the idempotent setup.sh and installs docker-compose when it is missing.
 * About a minute once the stand-in images exist.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, REPO_ROOT } from '../helpers/paths.js';

const MINUTE = 60_000;
const INFRA = join(REPO_ROOT, 'test', 'e2e', 'infra');
const PROJECT = 'pydocker-e2e-compose';
const PORT = 5000; // the sample's default port: `--defaults` everywhere
const SERVICE = 'web';
/** Debian's python3, which docker-compose itself runs on: it always has PyYAML. */
const DEBIAN_PYTHON = '/usr/bin/python3';

/** The host-network variant: ports dropped, network_mode: host, build.network: host (YAML in, YAML out). */
const HOST_NETWORK_PY = `
import sys, yaml
doc = yaml.safe_load(sys.stdin)
for service in doc["services"].values():
    service.pop("ports", None)
    service.pop("networks", None)
    service["network_mode"] = "host"
    build = service.get("build")
    if isinstance(build, str):
        build = service["build"] = {"context": build}
    build["network"] = "host"
doc.pop("networks", None)
yaml.safe_dump(doc, sys.stdout, default_flow_style=False, sort_keys=False)
`;
const YAML_TO_JSON_PY = 'import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))';

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

/** GET http://127.0.0.1:PORT/ -> status and body, or the error. */
function get(port: number): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', timeout: 3000 }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve({ error: error.message }));
  });
}

/** True when nothing listens on 127.0.0.1:PORT. */
function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('compose.yaml with docker-compose 1.29 against a real docker engine (e2e)', function () {
  this.timeout(10 * MINUTE);

  let infra: Record<string, string> = {};
  let project = '';
  let variant = '';
  let image = '';
  let networksBefore: string[] = [];
  let up = false;

  /** The environment for docker and docker-compose: Debian's CLI first (BuildKit built in; docker-compose 1.29 shells out to `docker build`). */
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, DOCKER_BUILDKIT: '1', PATH: `/usr/bin:${process.env.PATH ?? ''}` });
  const docker = (args: string[], timeoutMs = 2 * MINUTE) => run(infra.DOCKER ?? '/usr/bin/docker', args, { env: env(), timeoutMs });
  const compose = (args: string[], timeoutMs = 2 * MINUTE) => run('docker-compose', ['-f', variant, '-p', PROJECT, ...args], { cwd: project, env: env(), timeoutMs });
  const networks = () => ok(docker(['network', 'ls', '--format', '{{.Name}}']), 'docker network ls').split('\n').filter(Boolean).sort();
  const containerId = () => ok(compose(['ps', '-q', SERVICE]), 'docker-compose ps').trim();

  /** Removes whatever an interrupted earlier run of this file left behind. */
  function removeLeftovers(): void {
    const ids = docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${PROJECT}`]).stdout.split('\n').filter(Boolean);
    if (ids.length > 0) docker(['rm', '-f', ...ids]);
  }

  before(async function () {
    this.timeout(45 * MINUTE);
    assert.equal(process.getuid?.(), 0, 'the e2e tier runs as root: it installs docker.io and docker-compose and starts dockerd');
    const setup = run('bash', [join(INFRA, 'setup.sh'), '3.14'], { timeoutMs: 40 * MINUTE });
    process.stderr.write(setup.stderr.split('\n').slice(-5).join('\n'));
    infra = Object.fromEntries(
      ok(setup, 'test/e2e/infra/setup.sh 3.14')
        .split('\n')
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    assert.ok(infra.DOCKER, 'setup.sh prints DOCKER=');

    if (run('sh', ['-c', 'command -v docker-compose']).status !== 0) {
      const apt = { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeoutMs: 10 * MINUTE };
      const lock = ['-o', 'DPkg::Lock::Timeout=300'];
      ok(run('apt-get', [...lock, 'update'], apt), 'apt-get update');
      ok(run('apt-get', [...lock, 'install', '-y', '--no-install-recommends', 'docker-compose'], apt), 'apt-get install docker-compose');
    }
    assert.match(ok(run('docker-compose', ['version', '--short']), 'docker-compose version'), /^1\./);
    removeLeftovers();

    // The sample project and its compose.yaml, through the package's bin, as a user would.
    project = mkdtempSync(join(tmpdir(), `${PROJECT}-`));
    ok(run(process.execPath, [CLI, '--defaults', '--cwd', project]), 'generator-python-docker --defaults');
    ok(run(process.execPath, [CLI, 'compose', '--defaults'], { cwd: project }), 'generator-python-docker compose --defaults');
    assert.ok(existsSync(join(project, 'compose.yaml')));

    // The host-network variant of what docker-compose itself makes of the file.
    const config = ok(run('docker-compose', ['-f', 'compose.yaml', 'config'], { cwd: project, env: env() }), 'docker-compose config');
    variant = join(project, 'compose.host-network.yaml');
    writeFileSync(variant, ok(run(DEBIAN_PYTHON, ['-c', HOST_NETWORK_PY], { input: config }), 'host-network variant'));
    const parsed = JSON.parse(ok(run(DEBIAN_PYTHON, ['-c', YAML_TO_JSON_PY], { input: readFileSync(variant, 'utf8') }), 'read the variant'));
    image = parsed.services[SERVICE].image;
    networksBefore = networks();
  });

  after(async function () {
    this.timeout(5 * MINUTE);
    if (project && variant && existsSync(variant)) compose(['down', '--timeout', '10']);
    removeLeftovers();
    if (image) docker(['image', 'rm', '-f', image]);
    if (project && process.env.PYDOCKER_E2E_KEEP !== '1') rmSync(project, { recursive: true, force: true });
    // setup.sh's contract: STARTED_ENGINE=1 means this run started dockerd, so this run stops it.
    if (infra.STARTED_ENGINE === '1') run('bash', [join(INFRA, 'engine-down.sh')], { timeoutMs: 2 * MINUTE });
  });

  it('docker-compose 1.29 accepts the default compose.yaml as it is', () => {
    ok(run('docker-compose', ['-f', 'compose.yaml', 'config', '--quiet'], { cwd: project, env: env() }), 'docker-compose config --quiet');
  });

  describe('the --watch variant', () => {
    let watchProject = '';
    before(() => {
      watchProject = mkdtempSync(join(tmpdir(), `${PROJECT}-watch-`));
      cpSync(project, watchProject, { recursive: true });
      ok(run(process.execPath, [CLI, 'compose', '--defaults', '--watch', '--force'], { cwd: watchProject }), 'compose --watch');
      assert.match(readFileSync(join(watchProject, 'compose.yaml'), 'utf8'), /^ {4}develop:$/m);
    });
    after(() => {
      if (watchProject) rmSync(watchProject, { recursive: true, force: true });
    });

    it('docker-compose 1.29 rejects it, naming develop (it needs Compose v2.22+)', () => {
      const r = run('docker-compose', ['-f', 'compose.yaml', 'config', '--quiet'], { cwd: watchProject, env: env() });
      assert.notEqual(r.status, 0, 'docker-compose 1.29 must refuse develop:');
      assert.match(r.stderr, /develop/);
    });
  });

  it('the variant run is the generated service on the host network: no ports, build and run on host', () => {
    const parsed = JSON.parse(ok(run(DEBIAN_PYTHON, ['-c', YAML_TO_JSON_PY], { input: readFileSync(variant, 'utf8') }), 'read the variant'));
    const service = parsed.services[SERVICE];
    assert.equal(service.network_mode, 'host');
    assert.equal(service.build.network, 'host');
    assert.equal(service.ports, undefined);
    assert.equal(service.read_only, true);
    assert.deepEqual(service.tmpfs, ['/tmp']);
    assert.ok(service.healthcheck.test.includes('CMD'), 'the healthcheck is the generated one');
  });

  it(`comes up with docker-compose up -d --build and answers HTTP 200 on 127.0.0.1:${PORT}`, async function () {
    this.timeout(15 * MINUTE);
    // Another test's server on the port would answer for ours: wait for it to go, boundedly.
    for (let waited = 0; !(await portFree(PORT)); waited += 1) {
      assert.ok(waited < 60, `127.0.0.1:${PORT} is still in use after 60 s: something else runs there`);
      await sleep(1000);
    }
    ok(compose(['up', '-d', '--build'], 12 * MINUTE), 'docker-compose up -d --build');
    up = true;
    let last: Awaited<ReturnType<typeof get>> = { error: 'not tried' };
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(500)) {
      last = await get(PORT);
      if ('status' in last && last.status === 200) break;
    }
    assert.ok('status' in last && last.status === 200, `no HTTP 200 within 60 s: ${JSON.stringify(last)}\n${compose(['logs', '--tail', '30']).stdout}`);
    assert.match(last.body, /Hello from /);
  });

  it('runs what compose.yaml says: read-only root, /tmp on tmpfs, WEB_CONCURRENCY, the built image', function () {
    assert.ok(up, 'the compose project did not come up: see the failure above');
    const id = containerId();
    assert.equal(ok(docker(['inspect', '-f', '{{.HostConfig.ReadonlyRootfs}}', id]), 'inspect').trim(), 'true');
    assert.match(ok(docker(['inspect', '-f', '{{json .HostConfig.Tmpfs}}', id]), 'inspect'), /"\/tmp"/);
    assert.match(ok(docker(['inspect', '-f', '{{json .Config.Env}}', id]), 'inspect'), /"WEB_CONCURRENCY=3"/);
    assert.equal(ok(docker(['inspect', '-f', '{{.Config.Image}}', id]), 'inspect').trim(), image);
  });

  it('created no network (every service on the host network)', function () {
    assert.ok(up, 'the compose project did not come up: see the failure above');
    assert.deepEqual(networks(), networksBefore);
    assert.ok(!networks().some((name) => name.startsWith(PROJECT)), `no ${PROJECT}_default network`);
  });

  it('becomes healthy through the compose healthcheck', async function () {
    assert.ok(up, 'the compose project did not come up: see the failure above');
    this.timeout(3 * MINUTE);
    const id = containerId();
    let status = '';
    for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(1000)) {
      status = ok(docker(['inspect', '-f', '{{.State.Health.Status}}', id]), 'inspect health').trim();
      if (status === 'healthy' || status === 'unhealthy') break;
    }
    const log = ok(docker(['inspect', '-f', '{{json .State.Health.Log}}', id]), 'inspect health log');
    assert.equal(status, 'healthy', `health: ${status}; checks: ${log}`);
  });

  it('docker-compose down stops and removes it, quickly', async function () {
    assert.ok(up, 'the compose project did not come up: see the failure above');
    this.timeout(2 * MINUTE);
    const started = Date.now();
    ok(compose(['down', '--timeout', '10']), 'docker-compose down');
    assert.ok(Date.now() - started < 30_000, 'gunicorn stops on SIGTERM well inside the 10 s timeout');
    assert.equal(containerId(), '');
    // No container of the project is left, running or stopped. (Not "the port is free": on a
    // shared machine another test may take the port the moment ours lets it go.)
    assert.equal(docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${PROJECT}`]).stdout.trim(), '');
    assert.deepEqual(networks(), networksBefore);
  });
});
