/**
 * compare.py for real: a scaffolded sample project, every Dockerfile built and run on the docker
 * engine of test/e2e/infra (stand-in base images, loopback only: --network host, 127.0.0.1),
 * and the workshop's lessons read back from the figures it writes.
 *
 * Works alone (`npx mocha test/e2e/compare.test.ts`): its `before` runs the same idempotent
 * setup.sh as the other e2e tests. compare.py itself takes 1.5-3 minutes here.
 */
import assert from 'node:assert/strict';
import { execFileSync, type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ANSWERS } from '../../lib/state/answers.js';
import { CLI, REPO_ROOT } from '../helpers/paths.js';
import { checkSetup, dockerEnv, parseKeyValues, useEngine } from './lib/infra.js';
import { freePort } from './lib/proc.js';

const INFRA = join(REPO_ROOT, 'test', 'e2e', 'infra');
const DOCKERFILES = ['Dockerfile.bad', 'Dockerfile.better', 'Dockerfile', 'Dockerfile.multistage'];
const NON_ROOT_UID = DEFAULT_ANSWERS.uid;

interface Figures {
  dockerfile: string;
  image: string;
  size_bytes: number;
  cold_build_s: number;
  /** The install step of the cold build (pip or uv), from its own log; null when none was found. */
  install_s: number | null;
  rebuild_s: number;
  deps_cached: boolean | null;
  stop_s: number;
  uid: number | null;
}



describe('compare.py against a real docker engine (e2e)', function () {
  this.timeout(30 * 60_000); // a fresh machine installs docker and builds the stand-in images first

  let infra: Record<string, string> = {};
  /** dockerEnv(): the tier's docker first on PATH, DOCKER_HOST, DOCKER_CONFIG; no DOCKER_BUILDKIT. */
  let env: NodeJS.ProcessEnv = process.env;
  let releaseEngine: (() => Promise<void>) | undefined;
  let project: string;
  let prefix: string;
  let run: SpawnSyncReturns<string>;
  let figures: Figures[];
  let mainBefore: string;

  const docker = (...args: string[]) =>
    spawnSync(infra.DOCKER, args, { encoding: 'utf8', env });
  const byName = (name: string) => {
    const found = figures.find((f) => f.dockerfile === name);
    assert.ok(found, `no figures for ${name}`);
    return found;
  };

  before(async function () {
    // Engine, stand-in python:3.14(-slim) images, hadolint: idempotent, seconds when all is there.
    const setup = execFileSync('bash', [join(INFRA, 'setup.sh'), '3.14', '3.13'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    infra = parseKeyValues(setup);
    const info = checkSetup(infra, ['3.14', '3.13'], setup);
    // Another run's tear-down must not stop the engine while compare.py uses it.
    releaseEngine = await useEngine(info);
    env = dockerEnv(info);

    const port = await freePort();
    project = mkdtempSync(join(tmpdir(), 'compare-e2e-'));
    prefix = `compare-e2e-${process.pid}-`;
    const scaffold = spawnSync('node', [CLI, '--defaults', '--cwd', project, '--port', String(port)], { encoding: 'utf8' });
    assert.equal(scaffold.status, 0, scaffold.stderr);
    assert.ok(existsSync(join(project, 'compare.py')), 'the app generator writes compare.py');
    mainBefore = readFileSync(join(project, 'main.py'), 'utf8');

    const started = Date.now();
    run = spawnSync(
      'python3',
      ['compare.py', '--network-host', '--json', 'out.json', '--out', 'chart.html', '--keep', '--tag-prefix', prefix],
      {
        cwd: project,
        encoding: 'utf8',
        // As an attendee runs it: plain `docker` from PATH, BuildKit by default.
        env,
        timeout: 15 * 60_000,
      },
    );
    console.log(`      compare.py exited ${run.status} after ${((Date.now() - started) / 1000).toFixed(0)} s:\n${run.stdout}`);
    assert.equal(run.status, 0, `compare.py failed:\n${run.stderr}`);
    figures = JSON.parse(readFileSync(join(project, 'out.json'), 'utf8')).results;
  });

  after(async function () {
    if (infra.DOCKER && prefix) {
      // --keep kept the images for the checks above.
      const images = docker('images', '--format', '{{.Repository}}', '--filter', `reference=${prefix}*`).stdout.split('\n').filter(Boolean);
      if (images.length > 0) docker('rmi', '-f', ...images);
    }
    if (project) rmSync(project, { recursive: true, force: true });
    await releaseEngine?.();
    // Stop the engine only if this file's setup started it (never someone else's).
    if (infra.STARTED_ENGINE === '1') spawnSync('bash', [join(INFRA, 'engine-down.sh')], { stdio: 'inherit' });
  });

  it('measures every Dockerfile, in teaching order, and prints them as a table', () => {
    assert.deepEqual(
      figures.map((f) => f.dockerfile),
      DOCKERFILES,
    );
    const stdout = run.stdout;
    assert.match(stdout, /^Dockerfile +Image size +Cold build +Install step \(cold\) +Rebuild after code edit +Dependency step on rebuild +docker stop +Runs as UID$/m);
    for (const name of DOCKERFILES) assert.match(stdout, new RegExp(`^${name.replace('.', '\\.')} +\\d+ MB `, 'm'));
    for (const f of figures) {
      assert.ok(f.size_bytes > 0 && f.cold_build_s > 0 && f.rebuild_s > 0 && f.stop_s > 0, JSON.stringify(f));
      // Every file has an install step (pip or uv), timed from the cold build's own log.
      assert.ok(typeof f.install_s === 'number' && f.install_s > 0 && f.install_s < f.cold_build_s, JSON.stringify(f));
    }
  });

  it('Dockerfile.bad makes the largest image', () => {
    const bad = byName('Dockerfile.bad');
    for (const f of figures.filter((other) => other !== bad)) {
      assert.ok(bad.size_bytes > 2 * f.size_bytes, `${bad.size_bytes} B (bad) vs ${f.size_bytes} B (${f.dockerfile})`);
    }
  });

  it('re-runs the dependency install after a code edit with Dockerfile.bad only', () => {
    assert.equal(byName('Dockerfile.bad').deps_cached, false);
    for (const name of ['Dockerfile.better', 'Dockerfile', 'Dockerfile.multistage']) {
      assert.equal(byName(name).deps_cached, true, `${name}: the install step should say CACHED`);
    }
  });

  it('runs Dockerfile and Dockerfile.multistage as the non-root user, bad and better as root', () => {
    assert.equal(byName('Dockerfile.bad').uid, 0);
    assert.equal(byName('Dockerfile.better').uid, 0);
    assert.equal(byName('Dockerfile').uid, NON_ROOT_UID);
    assert.equal(byName('Dockerfile.multistage').uid, NON_ROOT_UID);
  });

  it('shows python as PID 1 ignoring SIGTERM, gunicorn stopping at once', () => {
    // docker stop sends SIGTERM, waits 10 s, then SIGKILLs.
    for (const name of ['Dockerfile.bad', 'Dockerfile.better']) assert.ok(byName(name).stop_s >= 9, `${name}: ${byName(name).stop_s} s`);
    for (const name of ['Dockerfile', 'Dockerfile.multistage']) assert.ok(byName(name).stop_s < 9, `${name}: ${byName(name).stop_s} s`);
  });

  it('leaves no compiler in the multistage image (while the bad one has gcc)', () => {
    const probe = (image: string) => docker('run', '--rm', '--network', 'host', image, 'sh', '-c', 'command -v gcc cc g++ || true');
    const multi = probe(byName('Dockerfile.multistage').image);
    assert.equal(multi.status, 0, multi.stderr);
    assert.equal(multi.stdout.trim(), '');
    const bad = probe(byName('Dockerfile.bad').image);
    assert.match(bad.stdout, /gcc/);
  });

  it('writes a self-contained HTML chart with a bar per Dockerfile', () => {
    const page = readFileSync(join(project, 'chart.html'), 'utf8');
    assert.doesNotMatch(page, /(src|href)\s*=\s*["']?(https?:)?\/\//i);
    assert.doesNotMatch(page, /<script|<link|@import|url\(/i);
    const charts = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    assert.equal(charts.length, 4);
    for (const chart of charts) {
      const bars = [...chart.matchAll(/<rect class="bar[^"]*" data-dockerfile="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(bars, DOCKERFILES);
    }
  });

  it('puts main.py back as it was and leaves no container behind', () => {
    assert.equal(readFileSync(join(project, 'main.py'), 'utf8'), mainBefore);
    const left = docker('ps', '-a', '--filter', `name=${prefix}`, '--format', '{{.Names}}');
    assert.equal(left.stdout.trim(), '');
  });
});
