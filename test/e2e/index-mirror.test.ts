/**
 * The user's own package index (issue 21.3): the sample project's Dockerfile and
 * Dockerfile.multistage built with `--build-arg INDEX_URL=<a mirror on 127.0.0.1>`.
 *
 * The mirror is a folder of the wheels the sample needs (and uv itself), laid out as a PEP 503
 * simple index and served by `python3 -m http.server --bind 127.0.0.1`. Every build runs with
 * the proxy build arguments pointing at a closed port on loopback (NO_PROXY=127.0.0.1), so any
 * request that is not to the mirror fails the build: a build that succeeds asked the mirror and
 * nothing else. The build log and the mirror's access log say the same thing from both sides.
 *
 * Then a private index: the same folder behind a small server that answers 401 without the right
 * Basic login. The login goes in as a BuildKit secret (`--secret id=netrc,src=FILE`): without it
 * the build fails, with it the build succeeds, and the password is nowhere in the image, its
 * history or its config.
 *
 * Selected alone with: npx mocha --node-option import=tsx/esm --timeout 3600000 test/e2e/index-mirror.test.ts
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Docker } from './lib/docker.js';
import { acquireLock, runSetup, stateDir, useEngine, type SetupInfo } from './lib/infra.js';
import { CLI } from './lib/paths.js';
import { freePort, sleep, type RunResult } from './lib/proc.js';
import { TOOL_PINS } from '../../lib/tables/versions.js';

const MINUTE = 60_000;
const PASSWORD = 'e2e-netrc-password-7f3a9c';

/** A PEP 503 name: what a simple index's folder for a file is called. */
function projectOf(file: string): string {
  const name = file.endsWith('.whl') ? file.split('-')[0]! : file.replace(/-\d[^-]*\.(tar\.gz|zip)$/, '');
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A loopback HTTP server whose access log (stderr) is collected. */
class Server {
  readonly log: string[] = [];
  constructor(readonly child: ChildProcess) {
    child.stderr!.on('data', (chunk: Buffer) => this.log.push(...chunk.toString().split('\n').filter(Boolean)));
  }

  static async start(args: string[], port: number): Promise<Server> {
    const server = new Server(spawn('python3', args, { stdio: ['ignore', 'ignore', 'pipe'] }));
    for (let waited = 0; waited < 15_000; waited += 200) {
      const probe = spawnSync('python3', ['-c', `import socket; socket.create_connection(("127.0.0.1", ${port}), 1)`]);
      if (probe.status === 0) return server;
      await sleep(200);
    }
    server.stop();
    throw new Error(`python3 ${args.join(' ')} does not listen on 127.0.0.1:${port}:\n${server.log.join('\n')}`);
  }

  /** The paths requested, in order. */
  paths(): string[] {
    return this.log.map((line) => /"GET (\S+) HTTP/.exec(line)?.[1]).filter((path): path is string => path !== undefined);
  }

  stop(): void {
    this.child.kill('SIGTERM');
  }
}

/** Answers like http.server, but only to the Basic login `mirror:PASSWORD` (401 otherwise); logs whether one came. */
const AUTH_SERVER = `
import base64, functools, http.server, sys
port, root, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
wanted = "Basic " + base64.b64encode(("mirror:" + password).encode()).decode()
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.headers.get("Authorization") != wanted:
            sys.stderr.write('"GET %s HTTP" 401 login=%s\\n' % (self.path, "wrong" if self.headers.get("Authorization") else "none"))
            sys.stderr.flush()
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="mirror"')
            self.end_headers()
            return
        super().do_GET()
    def log_message(self, format, *args):
        sys.stderr.write(format % args + " login=ok\\n")
        sys.stderr.flush()
http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=root)).serve_forever()
`;

describe('e2e: INDEX_URL and a netrc secret (the user\'s own package index)', function () {
  this.timeout(20 * MINUTE);

  let setup: SetupInfo;
  let docker: Docker;
  let releaseEngine: (() => Promise<void>) | undefined;
  let releasePorts: (() => Promise<void>) | undefined;
  let root: string;
  let project: string;
  let mirror: string;
  let port: number;
  const servers: Server[] = [];
  const timings: string[] = [];
  const t0 = Date.now();

  /** A cold build (no layer cache) on the host network, with every route but loopback closed. */
  async function build(dockerfile: string, tag: string, indexUrl: string, extra: string[] = []): Promise<RunResult> {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const started = Date.now();
    docker.images.add(tag);
    const r = await docker.raw(
      [
        'build', '--network', 'host', '--progress=plain', '--no-cache', ...docker.labels(),
        '--build-arg', `INDEX_URL=${indexUrl}`,
        '--build-arg', `HTTP_PROXY=${closed}`, '--build-arg', `HTTPS_PROXY=${closed}`, '--build-arg', 'NO_PROXY=127.0.0.1,localhost',
        ...extra, '-f', join(project, dockerfile), '-t', tag, project,
      ],
      15 * MINUTE,
      join(root, `${tag.replace(/[^\w.-]+/g, '_')}.log`),
    );
    timings.push(`${tag}: ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${r.code}`);
    return r;
  }

  before(async function () {
    this.timeout(45 * MINUTE);
    const state = stateDir();
    setup = await runSetup(['3.14'], join(state, `index-mirror-setup-${process.pid}.log`), 40 * MINUTE);
    releaseEngine = await useEngine(setup);
    docker = new Docker(setup.DOCKER, `mirror${process.pid}`);
    root = mkdtempSync(join(state, 'index-mirror-'));
    project = join(root, 'project');
    port = await freePort();
    const gen = spawnSync('node', [CLI, 'app', '--defaults', '--port', String(port), '--cwd', project], { encoding: 'utf8' });
    assert.equal(gen.status, 0, `generator failed:\n${gen.stderr}`);

    // The mirror: what the sample installs, and uv, downloaded once by pip inside the image they are for.
    const download = join(root, 'download');
    mkdirSync(download);
    const got = await docker.raw(
      ['run', '--rm', '--network', 'host', '-v', `${project}:/src:ro`, '-v', `${download}:/out`, 'python:3.14-slim', 'pip', 'download', '--no-cache-dir', '-d', '/out', '-r', '/src/requirements.txt', `uv==${TOOL_PINS.uv}`],
      10 * MINUTE,
    );
    assert.equal(got.code, 0, `pip download for the mirror failed:\n${got.stdout}${got.stderr}`);
    mirror = join(root, 'mirror');
    for (const file of readdirSync(download)) {
      const folder = join(mirror, 'simple', projectOf(file));
      mkdirSync(folder, { recursive: true });
      renameSync(join(download, file), join(folder, file));
    }
    // One container run at a time on the sample's port (the host network is machine-wide).
    releasePorts = await acquireLock(join(state, 'containers.lock'), 60 * MINUTE);
  });

  after(async function () {
    this.timeout(5 * MINUTE);
    for (const server of servers) server.stop();
    if (docker) {
      for (const name of docker.containers) await docker.raw(['rm', '-f', name]);
      for (const tag of docker.images) await docker.raw(['rmi', '-f', tag]);
    }
    await releasePorts?.();
    await releaseEngine?.();
    if (root && process.env.PYDOCKER_E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
    console.log(`      index mirror: ${((Date.now() - t0) / 1000).toFixed(0)} s in all (set-up ${((setup?.ms ?? 0) / 1000).toFixed(0)} s)\n${timings.map((t) => `        ${t}`).join('\n')}`);
  });

  describe('a mirror on 127.0.0.1 (python3 -m http.server), named with --build-arg INDEX_URL', () => {
    let server: Server;
    let indexUrl: string;

    before(async () => {
      const mirrorPort = await freePort();
      server = await Server.start(['-m', 'http.server', String(mirrorPort), '--bind', '127.0.0.1', '--directory', mirror], mirrorPort);
      servers.push(server);
      indexUrl = `http://127.0.0.1:${mirrorPort}/simple`;
    });

    for (const dockerfile of ['Dockerfile', 'Dockerfile.multistage']) {
      it(`${dockerfile}: builds with every route but the mirror closed; the build log and the mirror's log show the mirror, and nothing else, was asked`, async () => {
        const before = server.paths().length;
        const r = await build(dockerfile, `${docker.runId}-${dockerfile.toLowerCase()}`, indexUrl);
        const output = r.stdout + r.stderr;
        assert.equal(r.code, 0, `build failed:\n${output.slice(-4000)}`);
        // pip (which fetches uv) names the index it uses; nothing names PyPI's hosts.
        assert.match(output, new RegExp(`Looking in indexes: ${indexUrl.replace(/[.]/g, '\\.')}`));
        assert.doesNotMatch(output, /pypi\.org|pythonhosted\.org/);
        const asked = server.paths().slice(before);
        for (const name of ['uv', 'flask', 'gunicorn', 'werkzeug', 'jinja2', 'markupsafe']) {
          assert.ok(asked.some((path) => path.startsWith(`/simple/${name}/`) && /\.whl$/.test(path)), `the mirror served no ${name} wheel:\n${asked.join('\n')}`);
        }
      });
    }

    it('Dockerfile: the image installed from the mirror serves the app', async () => {
      const tag = `${docker.runId}-dockerfile`;
      const name = `${docker.runId}-run`;
      docker.containers.add(name);
      const started = await docker.raw(['run', '-d', '--network', 'host', '--name', name, tag]);
      assert.equal(started.code, 0, started.stderr);
      let status = 0;
      for (let waited = 0; waited < 60_000 && status === 0; waited += 500) {
        const probe = spawnSync('python3', ['-c', `import urllib.request as u; print(u.urlopen("http://127.0.0.1:${port}/", timeout=2).status)`], { encoding: 'utf8' });
        status = Number(probe.stdout.trim()) || 0;
        if (status === 0) await sleep(500);
      }
      assert.equal(status, 200);
      await docker.raw(['rm', '-f', name]);
    });
  });

  describe('a private index: the login goes in as a BuildKit secret, never into the image', () => {
    let server: Server;
    let indexUrl: string;
    let netrc: string;

    before(async () => {
      const authPort = await freePort();
      const script = join(root, 'auth-server.py');
      writeFileSync(script, AUTH_SERVER);
      server = await Server.start([script, String(authPort), mirror, PASSWORD], authPort);
      servers.push(server);
      indexUrl = `http://127.0.0.1:${authPort}/simple`;
      netrc = join(root, 'netrc');
      writeFileSync(netrc, `machine 127.0.0.1 login mirror password ${PASSWORD}\n`, { mode: 0o600 });
    });

    it('Dockerfile.multistage: without the secret the index refuses (401) and the build fails', async () => {
      const r = await build('Dockerfile.multistage', `${docker.runId}-nologin`, indexUrl);
      assert.notEqual(r.code, 0, 'the build succeeded without a login');
      assert.ok(server.log.some((line) => /401 login=none/.test(line)), `the index never refused a request:\n${server.log.join('\n')}`);
    });

    it('Dockerfile.multistage: with --secret id=netrc it builds, and the password is in no layer, history or config', async () => {
      const tag = `${docker.runId}-login`;
      const r = await build('Dockerfile.multistage', tag, indexUrl, ['--secret', `id=netrc,src=${netrc}`]);
      assert.equal(r.code, 0, `build failed:\n${(r.stdout + r.stderr).slice(-4000)}`);
      assert.ok(server.log.some((line) => /flask-.*\.whl.* 200 .*login=ok/.test(line)), `no wheel was served with the login:\n${server.log.join('\n')}`);
      const history = await docker.ok(['history', '--no-trunc', '--format', '{{.CreatedBy}}', tag]);
      const config = await docker.ok(['image', 'inspect', tag]);
      assert.doesNotMatch(history + config, new RegExp(PASSWORD));
      const inImage = await docker.raw(['run', '--rm', '--user', '0', '--entrypoint', 'sh', tag, '-c', `test ! -e /root/.netrc && ! grep -rqs ${PASSWORD} /root /opt /app /etc /tmp /home && echo clean`]);
      assert.equal(inImage.stdout.trim(), 'clean', `the password or a .netrc is in the image:\n${inImage.stdout}${inImage.stderr}`);
    });
  });
});
