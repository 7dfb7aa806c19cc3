/**
 * `--verify` through the package's bin on the tier's engine (issue 24): the engine is found the way
 * the docker CLI finds it (PATH, DOCKER_HOST, DOCKER_CONFIG: dockerEnv(setup)), the Dockerfiles
 * just written are built, run as production would (--network none, read-only, placeholders),
 * probed from inside, stopped, and the verdict printed.
 *
 *   verify-sample   the workshop sample: `app --defaults --verify` in an empty folder (Dockerfile and
 *                   Dockerfile.multistage), and its multi-stage image measured by the tier too
 *   verify-healthy  test/fixtures/projects/verify-healthy (a required SECRET_KEY, an instance/ folder):
 *                   `multistage --verify`, OK, and the tier's own measurements of the same image
 *   broken on purpose: verify-import-crash (a dependency missing), verify-readonly-write (a folder
 *                   created next to the code), verify-needs-variable (API_TOKEN read through a loop),
 *                   and verify-healthy with a wrong --wsgi-app: FAILED, with the likely cause named
 *   no docker on PATH, no engine behind DOCKER_HOST, a CLI without buildx: one line, exit 1, files written
 *
 * The verdict's figures are compared with what test/e2e/lib measures of the same image (build,
 * size, first response, status, UID, stop time, exit code): the tier first (after one untimed build
 * that warms the cache), then --verify, so both builds see the same build cache. The fixtures share
 * their requirements.txt, so their dependency layers are built once. Afterwards no container or
 * image verify made is left on the engine.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { verifyEn } from '../../lib/messages/verify-en.js';
import { E2EContext } from './lib/context.js';
import { DockerfileRun } from './lib/dockerfile-run.js';
import { dockerEnv } from './lib/infra.js';
import { CLI, FIXTURE_PROJECTS } from './lib/paths.js';
import { run, type RunResult } from './lib/proc.js';
import { CONTAINER_PROJECTS, type ProjectSpec } from './lib/projects.js';

const MINUTE = 60_000;
const sample = CONTAINER_PROJECTS.find((spec) => spec.key === 'sample')!;
const SAMPLE: ProjectSpec = { ...sample, key: 'verify-sample', writes: [], build: ['Dockerfile.multistage'], lint: [] };
const HEALTHY: ProjectSpec = {
  key: 'verify-healthy', kind: 'D', fixture: 'verify-healthy', runs: [['multistage']], writes: ['Dockerfile.multistage'], build: ['Dockerfile.multistage'], lint: [],
  port: 5000, uid: 10001, gid: 10001, codeFile: 'app.py', appFile: 'app.py', answer: 'any', prints: false, runArgs: ['-e', 'SECRET_KEY=e2e-run-only'],
};
const ctx = new E2EContext({ container: [SAMPLE, HEALTHY], lint: [], reportName: 'verify.md' });
const labels = verifyEn.verdict.labels;
/** The engine's volumes before the suite: verify's anonymous volumes must go with their containers. */
let volumesBefore = new Set<string>();

/** The verdict tables a run printed: Dockerfile -> label -> its lines. */
function verdicts(stdout: string): Map<string, Record<string, string[]>> {
  const found = new Map<string, Record<string, string[]>>();
  let rows: Record<string, string[]> | undefined;
  let last = '';
  for (const line of stdout.split('\n')) {
    const title = /^Verdict for (\S+)$/.exec(line);
    if (title) {
      rows = {};
      found.set(title[1]!, rows);
      continue;
    }
    if (!rows) continue;
    const row = /^ {2}(\S.*?) {2,}(\S.*)$/.exec(line);
    const more = /^ {4,}(\S.*)$/.exec(line);
    if (row && Object.values(labels).includes(row[1]!)) {
      last = row[1]!;
      rows[last] = [row[2]!];
    } else if (more && last) rows[last]!.push(more[1]!);
    else rows = undefined;
  }
  return found;
}

/** What the bin said: Yeoman's log (and so every line of the generator) goes to stderr. */
const said = (r: RunResult): string => `${r.stdout}${r.stderr}`;

/** The bin, with the environment a user of the tier's engine has (docker on PATH, DOCKER_HOST, DOCKER_CONFIG). */
function bin(cwd: string, args: string[], env: NodeJS.ProcessEnv = dockerEnv(ctx.setup!)): Promise<RunResult> {
  return run(process.execPath, [CLI, ...args], { cwd, env: { ...env, LANG: 'C.UTF-8', LC_ALL: '' }, timeoutMs: 20 * MINUTE, logFile: ctx.log('verify-bin.log') });
}

/** A fresh copy of a fixture, nothing generated yet. */
function fixtureCopy(name: string, as = name): string {
  const dir = join(ctx.projectsDir, as);
  cpSync(join(FIXTURE_PROJECTS, name), dir, { recursive: true });
  return dir;
}

const seconds = (text: string) => Number(/^(\d+(?:\.\d+)?) s\b/.exec(text)?.[1] ?? NaN);

interface Figures {
  buildS: number;
  sizeMb: number;
  firstS: number;
  status: number;
  uid: string;
  stopS: number;
  exit: number;
}

/** What test/e2e/lib measures of the image (built and run on the host network, probed on 127.0.0.1). */
async function tierFigures(t: DockerfileRun): Promise<Figures> {
  const docker = ctx.dockerOrThrow;
  // Warm the build cache first (an earlier suite may have pruned it): the build compared is then a
  // rebuild on the same cache for both, not a cold build against a cached one.
  await t.buildAs(`${t.image}:warm`, 'warm');
  await docker.removeImage(`${t.image}:warm`);
  const built = await t.build();
  const { name, first, firstMs } = await t.main();
  const uid = (await docker.exec(name, ['id', '-u'])).stdout.trim();
  const stop = await docker.raw(['stop', name], 60_000);
  const exit = Number(await docker.inspect(name, '{{.State.ExitCode}}'));
  await t.cleanup();
  return { buildS: built.ms / 1000, sizeMb: built.sizeMb, firstS: firstMs / 1000, status: first.status, uid, stopS: stop.ms / 1000, exit };
}

function verdictFigures(rows: Record<string, string[]>): Figures {
  return {
    buildS: seconds(rows[labels.build]![0]!),
    sizeMb: Number(/^(\d+) MB$/.exec(rows[labels.size]![0]!)?.[1]),
    firstS: seconds(rows[labels.firstResponse]![0]!),
    status: Number(/^(\d+) /.exec(rows[labels.status]![0]!)?.[1]),
    uid: rows[labels.user]![0]!,
    stopS: seconds(rows[labels.stop]![0]!),
    exit: Number(rows[labels.exitCode]![0]),
  };
}

/** Equal where the image decides (size, status, UID, exit code); within noise where the machine does (times). */
function assertSameFigures(verdict: Figures, tier: Figures, what: string): void {
  const note = `${what}: --verify ${JSON.stringify(verdict)} vs the tier ${JSON.stringify(tier)}`;
  ctx.report.notes.push(note);
  assert.equal(verdict.sizeMb, tier.sizeMb, `image size, ${note}`);
  assert.equal(verdict.status, tier.status, `status, ${note}`);
  assert.equal(verdict.uid, tier.uid, `UID, ${note}`);
  assert.equal(verdict.exit, tier.exit, `exit code, ${note}`);
  // Both builds run on the same warm build cache; a shared 2-core machine adds seconds of noise.
  const near = (a: number, b: number, slackS: number) => Math.abs(a - b) <= slackS + 0.3 * Math.max(a, b);
  assert.ok(near(verdict.buildS, tier.buildS, 3), `build time, ${note}`);
  assert.ok(near(verdict.firstS, tier.firstS, 2), `first response, ${note}`);
  assert.ok(near(verdict.stopS, tier.stopS, 1.5), `stop time, ${note}`);
}

/** What a failed verdict must say: the result, the exit, the log lines, the cause. */
function assertFailed(r: RunResult, dockerfile: string, expect: { log: RegExp; cause: RegExp }): void {
  const out = said(r);
  assert.equal(r.code, 1, `exit code 1 after a failed verification:\n${out}`);
  const rows = verdicts(said(r)).get(dockerfile);
  assert.ok(rows, `no verdict for ${dockerfile}:\n${out}`);
  assert.match(rows[labels.result]![0]!, /^FAILED: the container exited \(code \d+\) before it answered$/, out);
  assert.match(rows[labels.firstResponse]![0]!, /^none: the container exited with code \d+ after \d+\.\d s$/, out);
  assert.equal(rows[labels.user]![0], "10001 (the image's USER)");
  assert.match(rows[labels.log]!.join('\n'), /\[ERROR\] Exception in worker process/, out);
  assert.match(rows[labels.log]!.join('\n'), expect.log, out);
  assert.match(rows[labels.cause]!.join(' '), expect.cause, out);
  assert.match(said(r), /^Verification failed for 1 of 1 Dockerfile: see the verdict above\. The files are written\.$/m);
}

describe('e2e: --verify through the bin on the tier\'s engine (issue 24)', function () {
  this.timeout(10 * MINUTE);

  before(async function () {
    this.timeout(45 * MINUTE);
    await ctx.setUp();
    volumesBefore = new Set((await ctx.dockerOrThrow.ok(['volume', 'ls', '-q'])).split('\n').filter(Boolean));
  });

  after(async function () {
    this.timeout(10 * MINUTE);
    await ctx.tearDown();
  });

  it('the sample: `app --defaults --verify` in an empty folder writes the workshop, then verifies Dockerfile and Dockerfile.multistage: OK', async function () {
    this.timeout(20 * MINUTE);
    const dir = join(ctx.projectsDir, 'verify-sample-fresh');
    const r = await bin(ctx.projectsDir, ['app', '--defaults', '--verify', '--cwd', dir]);
    assert.equal(r.code, 0, said(r));
    for (const file of ['main.py', 'Dockerfile.bad', 'Dockerfile', 'Dockerfile.multistage', 'WORKSHOP.md']) assert.ok(existsSync(join(dir, file)), file);
    const found = verdicts(said(r));
    assert.deepEqual([...found.keys()], ['Dockerfile', 'Dockerfile.multistage'], 'the production files; the teaching ones are the walkthrough\'s');
    for (const [dockerfile, rows] of found) {
      assert.match(rows[labels.result]![0]!, /^OK: /, `${dockerfile}:\n${said(r)}`);
      assert.match(rows[labels.status]![0]!, /^200 \(GET \/ on port 5000\)$/);
      assert.equal(rows[labels.user]![0], '10001');
      assert.equal(rows[labels.exitCode]![0], '0');
      assert.ok(seconds(rows[labels.stop]![0]!) < 3, `stop time ${rows[labels.stop]}`);
      assert.deepEqual(rows[labels.log], ['no ERROR or Traceback line']);
    }
    assert.match(said(r), /^ {2}Starting it as production would: docker run -d --network none --read-only --tmpfs \/tmp verify-sample-fresh:verify-dockerfile-[0-9a-f]{6}$/m);
    assert.match(said(r), /^ {4}\[stage-1 5\/6\] RUN --mount=type=cache,target=\/root\/\.cache\/uv .* {2}(CACHED|\d+\.\d s)$/m, 'one line per build step');
    assert.ok(said(r).split('\n').length < 120, `no wall of build output (${said(r).split('\n').length} lines)`);
    assert.match(said(r), /^Verified: all 2 images work as production would run them\.$/m);
  });

  it('the sample\'s Dockerfile.multistage: the verdict\'s figures are the tier\'s own measurements of the same image, within noise', async function () {
    this.timeout(20 * MINUTE);
    const tier = await tierFigures(new DockerfileRun(ctx, SAMPLE, 'Dockerfile.multistage'));
    const r = await bin(ctx.project(SAMPLE.key).dir, ['multistage', '--defaults', '--verify']);
    assert.equal(r.code, 0, said(r));
    assertSameFigures(verdictFigures(verdicts(said(r)).get('Dockerfile.multistage')!), tier, 'sample / Dockerfile.multistage');
  });

  it('verify-healthy: a required variable gets a placeholder (listed as such), instance/ a volume, and it answers on a read-only root; figures as the tier\'s', async function () {
    this.timeout(20 * MINUTE);
    const tier = await tierFigures(new DockerfileRun(ctx, HEALTHY, 'Dockerfile.multistage'));
    const r = await bin(ctx.project(HEALTHY.key).dir, ['multistage', '--defaults', '--verify']);
    assert.equal(r.code, 0, said(r));
    assert.match(said(r), /docker run -d --network none --read-only --tmpfs \/tmp -v \/app\/instance -e SECRET_KEY=verify-only-placeholder verify-healthy:verify-dockerfile-multistage-/);
    assert.match(said(r), /Placeholder values \(the app reads these with no default; give real ones in production\): SECRET_KEY \(app\.py:\d+\)/);
    const rows = verdicts(said(r)).get('Dockerfile.multistage')!;
    assert.match(rows[labels.result]![0]!, /^OK: /);
    assert.deepEqual(rows[labels.placeholders], ['SECRET_KEY=verify-only-placeholder']);
    assertSameFigures(verdictFigures(rows), tier, 'verify-healthy / Dockerfile.multistage');
  });

  it('verify-import-crash: FAILED, exits before answering; the cause names the missing dependency and requirements.txt', async function () {
    this.timeout(20 * MINUTE);
    const r = await bin(fixtureCopy('verify-import-crash'), ['multistage', '--defaults', '--verify']);
    assertFailed(r, 'Dockerfile.multistage', {
      log: /^ModuleNotFoundError: No module named 'requests'$/m,
      cause: /^the app imports requests, which the image does not install: add the package that provides it to requirements\.txt$/,
    });
  });

  it('verify-readonly-write: FAILED on the read-only root; the cause names /app/cache as the path that needs a volume', async function () {
    this.timeout(20 * MINUTE);
    const r = await bin(fixtureCopy('verify-readonly-write'), ['multistage', '--defaults', '--verify']);
    assertFailed(r, 'Dockerfile.multistage', {
      log: /^OSError: \[Errno 30\] Read-only file system: '\/app\/cache'$/m,
      cause: /^the app writes \/app\/cache, which is read-only when the image runs as production would: mount a volume on \/app\/cache \(docker run -v NAME:\/app\/cache\) or write under \/tmp$/,
    });
  });

  it('verify-needs-variable: FAILED with KeyError; the cause names the -e flag to pass', async function () {
    this.timeout(20 * MINUTE);
    const r = await bin(fixtureCopy('verify-needs-variable'), ['multistage', '--defaults', '--verify']);
    assertFailed(r, 'Dockerfile.multistage', {
      log: /^KeyError: 'API_TOKEN'$/m,
      cause: /^the app needs the environment variable API_TOKEN, which it reads with no default: pass it with docker run -e API_TOKEN=\.\.\. \(compose\.yaml: environment:\)$/,
    });
  });

  it('a wrong --wsgi-app: FAILED; the cause names the entry point and --wsgi-app', async function () {
    this.timeout(20 * MINUTE);
    const r = await bin(fixtureCopy('verify-healthy', 'verify-wrong-entry'), ['multistage', '--defaults', '--wsgi-app', 'nosuch:app', '--verify']);
    assertFailed(r, 'Dockerfile.multistage', {
      log: /^ModuleNotFoundError: No module named 'nosuch'$/m,
      cause: /^the entry point nosuch:app names the module nosuch, which the project does not have: pass the right one with --wsgi-app module:app$/,
    });
  });

  it('no docker on PATH, no engine behind DOCKER_HOST, a docker CLI without buildx: one line each, exit 1, the files written', async function () {
    this.timeout(5 * MINUTE);
    const env = dockerEnv(ctx.setup!);
    const emptyBin = mkdtempSync(join(ctx.runDir, 'empty-bin-'));
    const emptyConfig = mkdtempSync(join(ctx.runDir, 'docker-config-'));
    const cases: Array<[string, NodeJS.ProcessEnv, RegExp]> = [
      ['no-cli', { ...env, PATH: emptyBin }, /^cannot verify: no `docker` command on PATH\. Install Docker Desktop, or Docker Engine 23\+ with the buildx plugin \(https:\/\/docs\.docker\.com\/engine\/install\/\); the files are written\.$/m],
      ['no-engine', { ...env, DOCKER_HOST: `unix://${join(ctx.runDir, 'no-such-engine.sock')}` }, /^cannot verify: no docker engine answers \(Cannot connect to the Docker daemon at unix:\/\/\S+no-such-engine\.sock\. Is the docker daemon running\?\)\. .*; the files are written\.$/m],
      // The tier's CLI with a config folder that has no cli-plugins: `docker build` would be the legacy builder.
      ['no-buildx', { ...env, DOCKER_CONFIG: emptyConfig }, /^cannot verify: `docker build` here \(CLI \S+\) uses the legacy builder, which rejects RUN --mount\. Install the buildx plugin .*; the files are written\.$/m],
    ];
    for (const [name, caseEnv, line] of cases) {
      const dir = join(ctx.projectsDir, `verify-${name}`);
      mkdirSync(dir);
      cpSync(join(FIXTURE_PROJECTS, 'verify-healthy'), dir, { recursive: true });
      const r = await bin(dir, ['multistage', '--defaults', '--verify'], caseEnv);
      assert.equal(r.code, 1, `${name}: exit code\n${said(r)}`);
      assert.match(said(r), line, name);
      assert.equal(said(r).split('\n').filter((l) => /cannot verify/.test(l)).length, 1, `${name}: one line`);
      assert.doesNotMatch(said(r), /Building|Verdict/, name);
      assert.ok(existsSync(join(dir, 'Dockerfile.multistage')) && existsSync(join(dir, '.dockerignore')), `${name}: the files stay written`);
    }
  });

  it('leaves nothing behind: no container verify labelled, no image it tagged', async () => {
    const docker = ctx.dockerOrThrow;
    const containers = await docker.ok(['ps', '-a', '--filter', 'label=org.pydocker.verify', '--format', '{{.Names}}']);
    assert.equal(containers.trim(), '');
    const images = await docker.ok(['images', '--format', '{{.Repository}}:{{.Tag}}']);
    assert.deepEqual(images.split('\n').filter((ref) => /:verify-/.test(ref)), []);
    const volumes = (await docker.ok(['volume', 'ls', '-q'])).split('\n').filter((volume) => volume && !volumesBefore.has(volume));
    assert.deepEqual(volumes, [], 'the anonymous volume on /app/instance went with its container');
  });
});
