/**
 * The real-container tier: the Dockerfiles the generator writes are linted with hadolint, built
 * with a real docker engine (BuildKit), run on the host network and probed on 127.0.0.1 only.
 *
 *   sample        `generator-python-docker --defaults` in an empty folder (Python 3.14, port 5000, UID 10001)
 *   sample-b      the sample with --python-version 3.13 --port 8080 --wsgi-app 'web.server:create_app()'
 *                 --workers 2 --uid 2000 --gid 2000
 *   native-deps   test/fixtures/projects/native-deps (psycopg2 + mysqlclient compile from source)
 *   D fixtures    flask-custom-name, flask-factory, django, fastapi, uv, poetry, pipenv, pep621
 *   native-untabled, native-kerberos  packages outside lib/tables/native-deps.ts compiled from source (pycurl,
 *                 kerberos): Dockerfile.multistage only; the import, ldd of the module, and the scan's packages
 *
 * Every built Dockerfile: builds, answers GET /, real Python version. Dockerfile and
 * Dockerfile.multistage: numeric non-root UID, no .env/.git/__pycache__/.pyc under /app, clean log,
 * healthy HEALTHCHECK, docker stop < 3 s with exit 0, serves --read-only; multistage: no compiler.
 * All but Dockerfile.bad: a code-only edit rebuilds with the dependency step CACHED; A/B/C: print()
 * reaches docker logs. Dockerfile.bad: the dependency step runs again, print() stays buffered,
 * docker stop has to SIGKILL it. Every Dockerfile written (also alpine/full variants and the
 * bad/better stages of the D fixtures) passes hadolint with zero findings.
 * A summary table is printed and written to $PYDOCKER_E2E_STATE/report.md (/tmp/pydocker-e2e).
 *
 * Set-up (before): test/e2e/infra/setup.sh with the Python versions the generated Dockerfiles
 * name (root: installs docker.io, starts dockerd without a bridge, builds stand-in python images,
 * installs hadolint). A version without a Debian-suite stand-in (3.12.8 from the django fixture's
 * runtime.txt) is `docker tag`ged from the nearest stand-in. PYDOCKER_E2E_REAL_IMAGES=1 pulls the
 * official images instead. A failed set-up fails the suite.
 *
 * Knobs: PYDOCKER_E2E_ONLY=key1,key2 (only these projects), PYDOCKER_E2E_REAL_IMAGES=1,
 * PYDOCKER_E2E_KEEP=1 (keep the generated projects),
 * PYDOCKER_E2E_STATE (logs and report.md; default /tmp/pydocker-e2e), and the infra scripts' own.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2EContext } from './lib/context.js';
import { httpGet } from './lib/docker.js';
import { DockerfileRun, errorLines, logTail } from './lib/dockerfile-run.js';
import { run, sleep } from './lib/proc.js';
import type { ProjectSpec } from './lib/projects.js';

const MINUTE = 60_000;
const ctx = new E2EContext();

/** The stdout line the sample's `/` handler prints (and the one added to the native-deps app). */
const PRINT_LINE = /GET \/ answered by /;
/** Werkzeug's request log line: it goes through logging to stderr, unbuffered either way. */
const WERKZEUG_REQUEST = /"GET \/ HTTP\/1\.1" 200/g;

describe('e2e: real containers (docker + BuildKit, host network, 127.0.0.1 only)', function () {
  this.timeout(10 * MINUTE);

  before(async function () {
    this.timeout(45 * MINUTE);
    await ctx.setUp();
  });

  after(async function () {
    this.timeout(15 * MINUTE);
    await ctx.tearDown();
  });

  describe('hadolint: every Dockerfile the generator writes, zero findings at the default threshold', () => {
    for (const spec of [...ctx.set.container, ...ctx.set.lint]) {
      it(`${spec.key}: the generator writes exactly ${spec.writes.join(', ')}`, () => {
        assert.deepEqual(ctx.project(spec.key).dockerfiles, [...spec.writes].sort());
      });
      for (const df of spec.lint) {
        it(`${spec.key} / ${df}: hadolint reports nothing`, async () => {
          const p = ctx.project(spec.key);
          const file = join(p.dir, df);
          const home = join(ctx.runDir, 'hadolint-home');
          // No config file can apply: an empty HOME, no XDG_CONFIG_HOME, no HADOLINT_* variables,
          // and the project folder (which has no .hadolint.yaml) as the working directory.
          const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HADOLINT_') && k !== 'XDG_CONFIG_HOME'));
          const r = await run(ctx.setup!.HADOLINT, ['--format', 'json', file], { cwd: p.dir, env: { ...env, HOME: home }, timeoutMs: 60_000 });
          let findings: { code: string; level: string; line: number; message: string }[];
          try {
            findings = JSON.parse(r.stdout || '[]');
          } catch {
            throw new Error(`hadolint printed no JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
          }
          ctx.report.row(spec.key, df).hadolint = findings.length;
          assert.deepEqual(
            findings.map((f) => `${df}:${f.line} ${f.code} (${f.level}) ${f.message}`),
            [],
            `hadolint findings in ${spec.key}/${df}:\n${readFileSync(file, 'utf8')}`,
          );
          assert.equal(r.code, 0, `hadolint exit code (stderr: ${r.stderr})`);
        });
      }
    }
  });

  for (const spec of ctx.set.container) {
    for (const df of spec.build) describeDockerfile(spec, df);
  }
});

function describeDockerfile(spec: ProjectSpec, df: string): void {
  describe(`${spec.key} / ${df}`, function () {
    const t = new DockerfileRun(ctx, spec, df);
    const docker = () => ctx.dockerOrThrow;

    after(async function () {
      this.timeout(5 * MINUTE);
      await t.cleanup();
    });

    it(`${spec.key} / ${df}: builds`, async function () {
      this.timeout(35 * MINUTE);
      const b = await t.build();
      assert.ok(b.sizeMb > 0);
    });

    it(`${spec.key} / ${df}: reports the real Python version in the image`, async function () {
      const r = await t.inImage('python', ['-c', 'import platform; print(platform.python_version())']);
      assert.equal(r.code, 0, r.stderr);
      const version = r.stdout.trim();
      const base = t.row.base ?? '';
      const plan = ctx.images.get(base);
      t.row.python = plan?.aliasOf ? `${version} (stand-in for ${plan.version})` : version;
      const expectedMinor = plan ? (ctx.setup?.IMAGES === 'official' ? plan.version : plan.standinMinor).split('.').slice(0, 2).join('.') : undefined;
      assert.ok(expectedMinor, `base image ${base} was not planned`);
      assert.match(version, new RegExp(`^${expectedMinor.replace('.', '\\.')}\\.\\d+`), `python in ${base}`);
    });

    const answerTitle =
      spec.answer === 'hello' ? 'answers GET / with 200 and "Hello from <host>!"' : spec.answer === 'native' ? 'answers GET / with 200 and the driver versions' : 'answers GET / with an HTTP status below 500';
    it(`${spec.key} / ${df}: ${answerTitle}`, async function () {
      this.timeout(5 * MINUTE);
      const { first } = await t.main();
      t.row.status = first.status;
      if (spec.answer === 'hello') {
        assert.equal(first.status, 200, first.body);
        assert.match(first.body, /^Hello from \S.*!$/);
      } else if (spec.answer === 'native') {
        assert.equal(first.status, 200, first.body);
        const json = JSON.parse(first.body) as Record<string, string>;
        assert.match(json.psycopg2 ?? '', /^2\.9\.\d+/, first.body);
        assert.match(json.mysqlclient ?? '', /^2\.\d+\.\d+$/, first.body);
      } else {
        assert.ok(first.status >= 100 && first.status < 500, `GET / answered ${first.status}: ${first.body.slice(0, 500)}`);
      }
    });

    if (t.isBad) describeBadLessons(t);
    if (t.isProduction) describeProduction(t);
    if (!t.isBad && t.spec.prints) {
      it(`${spec.key} / ${df}: a print() in the request handler reaches docker logs while the process runs`, async function () {
        this.timeout(3 * MINUTE);
        const name = await t.running();
        const answer = await t.get();
        assert.equal(answer.status, 200);
        const logs = await t.waitForLog(name, PRINT_LINE, 10_000);
        assert.ok(logs, `no "GET / answered by" line in docker logs within 10 s:\n${logTail(await docker().logs(name))}`);
        assert.ok(await docker().isRunning(name), 'the process still runs');
      });
    }
    if (t.isProduction) {
      it(`${spec.key} / ${df}: the log has no ERROR or Traceback line after start-up and requests`, async function () {
        const name = await t.running();
        await t.get();
        await sleep(1_000);
        const logs = await docker().logs(name);
        assert.deepEqual(errorLines(logs), [], `log:\n${logTail(logs)}`);
      });
      it(`${spec.key} / ${df}: the HEALTHCHECK reports healthy`, async function () {
        this.timeout(3 * MINUTE);
        const name = await t.running();
        const until = Date.now() + 90_000;
        let status = '';
        while (Date.now() < until) {
          status = await docker().inspect(name, '{{if .State.Health}}{{.State.Health.Status}}{{else}}no-healthcheck{{end}}');
          if (status !== 'starting') break;
          await sleep(1_000);
        }
        const health = await docker().inspect(name, '{{json .State.Health}}');
        assert.equal(status, 'healthy', `health after ${Math.round((90_000 - (until - Date.now())) / 1000)} s: ${health}`);
      });
      it(`${spec.key} / ${df}: docker stop ends it with exit code 0 in under 3 s`, async function () {
        this.timeout(2 * MINUTE);
        const name = await t.running();
        const issued = Date.now();
        const r = await docker().raw(['stop', name], 60_000);
        assert.equal(r.code, 0, r.stderr);
        const exit = Number(await docker().inspect(name, '{{.State.ExitCode}}'));
        t.row.stopS = Math.round(r.ms / 100) / 10;
        t.row.stopExit = exit;
        const logs = await docker().logs(name);
        // Where the time went, for a slow stop: the process's own exit (docker's FinishedAt) vs the CLI round trip.
        const finished = Date.parse((await docker().inspect(name, '{{.State.FinishedAt}}')).replace(/(\.\d{3})\d*/, '$1'));
        const processMs = Number.isNaN(finished) ? '?' : finished - issued;
        assert.ok(r.ms < 3_000, `docker stop took ${r.ms} ms (the process exited ${processMs} ms after the stop was issued); log:\n${logTail(logs)}`);
        assert.equal(exit, 0, `exit code; log:\n${logTail(logs)}`);
        assert.deepEqual(
          logs.split('\n').filter((l) => /Traceback/.test(l)),
          [],
          `no traceback at shutdown:\n${logTail(logs)}`,
        );
      });
      it(`${spec.key} / ${df}: serves when run with --read-only --tmpfs /tmp, logging no ERROR`, async function () {
        this.timeout(3 * MINUTE);
        const main = await t.main().catch(() => undefined);
        if (main) await docker().removeContainer(main.name);
        let name = '';
        try {
          const started = await t.serve('readonly', ['--read-only', '--tmpfs', '/tmp']);
          name = started.name;
          const answer = started.first;
          if (spec.answer === 'any') assert.ok(answer.status < 500, `GET / answered ${answer.status}`);
          else assert.equal(answer.status, 200, answer.body);
          await sleep(1_000);
          assert.ok(await docker().isRunning(name), 'still running');
          const logs = await docker().logs(name);
          assert.deepEqual(errorLines(logs), [], `log:\n${logTail(logs)}`);
        } finally {
          if (name) await docker().removeContainer(name);
        }
      });
    }
    if (t.isProduction && spec.slowPath) {
      const slowPath = spec.slowPath;
      it(`${spec.key} / ${df}: a request in flight when docker stop arrives gets its answer, and the exit code is 0`, async function () {
        this.timeout(3 * MINUTE);
        const main = await t.main().catch(() => undefined);
        if (main) await docker().removeContainer(main.name);
        let name = '';
        try {
          name = (await t.serve('slowstop')).name;
          const answer = httpGet(spec.port, 30_000, slowPath).then(
            (a) => ({ ...a, at: Date.now() }),
            (error: Error) => ({ status: 0, body: error.message, at: Date.now() }),
          );
          // The handler sleeps 3 s: stop while it runs.
          await sleep(1_000);
          const stopped = Date.now();
          const r = await docker().raw(['stop', name], 60_000);
          assert.equal(r.code, 0, r.stderr);
          const got = await answer;
          const exit = Number(await docker().inspect(name, '{{.State.ExitCode}}'));
          const logs = await docker().logs(name);
          assert.equal(got.status, 200, `the slow request got no answer (${got.body}); log:\n${logTail(logs)}`);
          assert.match(got.body, /slow answer done/);
          assert.ok(got.at >= stopped, 'the answer came after the stop was issued (the stop really hit a request in flight)');
          assert.equal(exit, 0, `exit code after the stop; log:\n${logTail(logs)}`);
        } finally {
          if (name) await docker().removeContainer(name);
        }
      });
    }
    for (const module of spec.imports ?? []) {
      it(`${spec.key} / ${df}: python -c "import ${module}" works in the final image (its shared libraries are there)`, async function () {
        const r = await t.inImage('python', ['-c', `import ${module}`]);
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      });
    }
    if (df === 'Dockerfile.multistage' && spec.imports?.length) {
      const modules = spec.imports;
      it(`${spec.key} / ${df}: ldd of the compiled ${modules.join(', ')} in the final image finds every shared library`, async function () {
        // find_spec locates the extension without importing it, so ldd (not the import) says what is missing.
        const script = 'for m in "$@"; do so=$(python -c "import importlib.util, sys; print(importlib.util.find_spec(sys.argv[1]).origin)" "$m") || exit 1; echo "== $m: $so"; ldd "$so" || exit 1; done';
        const r = await t.inImage('sh', ['-c', script, 'sh', ...modules]);
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
        for (const m of modules) assert.match(r.stdout, new RegExp(`== ${m}: /opt/venv/.*\\.so\\n`), `${m} is a compiled module:\n${r.stdout}`);
        assert.doesNotMatch(r.stdout, /not found/, r.stdout);
      });
    }
    if (df === 'Dockerfile.multistage' && spec.scannedPackages?.length) {
      const packages = spec.scannedPackages;
      it(`${spec.key} / ${df}: the runtime stage installed ${packages.join(', ')} from the builder's ldd scan (the slim base has none of them)`, async function () {
        this.timeout(3 * MINUTE);
        const { tag } = await t.build();
        const script = `for p in "$@"; do echo "$p $(dpkg-query -W -f='\${db:Status-Status}' "$p" 2>/dev/null || echo absent)"; done`;
        const status = async (image: string) => {
          const r = await docker().runOnce(image, ['-c', script, 'sh', ...packages], ['--entrypoint', 'sh']);
          assert.equal(r.code, 0, `${image}: ${r.stderr}`);
          return r.stdout.trim();
        };
        const base = t.row.base ?? '';
        assert.equal(await status(base), packages.map((p) => `${p} absent`).join('\n'), `${base} must lack them, or the check proves nothing`);
        assert.equal(await status(tag), packages.map((p) => `${p} installed`).join('\n'), 'installed in the final image');
      });
    }
    if (df === 'Dockerfile.multistage') {
      it(`${spec.key} / ${df}: no compiler in the final image (command -v gcc cc finds nothing)`, async function () {
        const r = await t.inImage('sh', ['-c', 'command -v gcc cc; echo END']);
        assert.equal(r.stderr.trim(), '', 'sh ran cleanly');
        assert.equal(r.stdout.trim(), 'END', `found: ${r.stdout}`);
      });
    }
    if (spec.kind === 'C') {
      it(`${spec.key} / ${df}: python -c "import psycopg2, MySQLdb" works in the final image`, async function () {
        const r = await t.inImage('python', ['-c', 'import psycopg2, MySQLdb']);
        assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      });
    }
    if (!t.isBad && spec.appFile) {
      it(`${spec.key} / ${df}: after a code-only edit of ${spec.appFile}, the dependency step comes from the cache`, async function () {
        this.timeout(35 * MINUTE);
        const b = await t.rebuildAfterCodeEdit();
        assert.ok(b.depSteps.length > 0, `no dependency-install step found in the build output:\n${b.steps.map((s) => s.name).join('\n')}`);
        for (const s of b.depSteps) assert.ok(s.cached, `not CACHED after a code-only edit: ${s.name}`);
        assert.ok(
          b.steps.some((s) => !s.cached && /\bCOPY\b/.test(s.name)),
          `the code edit reached no COPY step (was the edit ignored?):\n${b.steps.map((s) => `${s.cached ? 'CACHED ' : 'ran    '}${s.name}`).join('\n')}`,
        );
      });
    }
  });
}

/** Dockerfile.bad must really show each problem the workshop then fixes. */
function describeBadLessons(t: DockerfileRun): void {
  const { key } = t.spec;
  const docker = () => ctx.dockerOrThrow;
  it(`${key} / Dockerfile.bad: a print() does NOT reach docker logs while it runs (no PYTHONUNBUFFERED)`, async function () {
    this.timeout(2 * MINUTE);
    const name = await t.running();
    const before = ((await docker().logs(name)).match(WERKZEUG_REQUEST) ?? []).length;
    const answer = await t.get();
    assert.equal(answer.status, 200);
    // The request itself is logged (werkzeug, stderr): the log is read and the request happened.
    const until = Date.now() + 10_000;
    let logs = '';
    while (Date.now() < until) {
      logs = await docker().logs(name);
      if ((logs.match(WERKZEUG_REQUEST) ?? []).length > before) break;
      await sleep(250);
    }
    assert.ok((logs.match(WERKZEUG_REQUEST) ?? []).length > before, `the request log line never showed up:\n${logTail(logs)}`);
    await sleep(3_000);
    logs = await docker().logs(name);
    assert.ok(await docker().isRunning(name), 'still running');
    assert.doesNotMatch(logs, PRINT_LINE, 'the print() output showed up: is PYTHONUNBUFFERED set in Dockerfile.bad?');
  });
  it(`${key} / Dockerfile.bad: docker stop has to kill it (>= 9 s, exit code 137)`, async function () {
    this.timeout(2 * MINUTE);
    const name = await t.running();
    const r = await docker().raw(['stop', name], 60_000);
    assert.equal(r.code, 0, r.stderr);
    const exit = Number(await docker().inspect(name, '{{.State.ExitCode}}'));
    t.row.stopS = Math.round(r.ms / 100) / 10;
    t.row.stopExit = exit;
    assert.ok(r.ms >= 9_000, `docker stop took only ${r.ms} ms: PID 1 handled SIGTERM`);
    assert.equal(exit, 137);
  });
  it(`${key} / Dockerfile.bad: after a code-only edit of ${t.spec.appFile}, the dependency step runs again`, async function () {
    this.timeout(35 * MINUTE);
    const b = await t.rebuildAfterCodeEdit();
    assert.ok(b.depSteps.length > 0, `no dependency-install step found in the build output:\n${b.steps.map((s) => s.name).join('\n')}`);
    for (const s of b.depSteps) assert.ok(!s.cached && s.ran, `the dependency step was not run again: ${s.name}`);
  });
}

function describeProduction(t: DockerfileRun): void {
  const { key, uid, gid, codeFile } = t.spec;
  const df = t.dockerfile;
  it(`${key} / ${df}: runs as the numeric non-root UID ${uid} (USER, id -u, PID 1)`, async function () {
    const name = await t.running();
    const d = ctx.dockerOrThrow;
    const user = await d.inspect(t.image + ':first', '{{.Config.User}}');
    t.row.uid = user;
    assert.equal(user, `${uid}:${gid}`, 'the image USER is numeric UID:GID');
    const id = await d.exec(name, ['id', '-u']);
    assert.equal(id.code, 0, id.stderr);
    assert.equal(id.stdout.trim(), String(uid));
    const gidOut = await d.exec(name, ['id', '-g']);
    assert.equal(gidOut.stdout.trim(), String(gid));
    const status = await d.exec(name, ['cat', '/proc/1/status']);
    const uidLine = status.stdout.split('\n').find((l) => l.startsWith('Uid:'));
    assert.ok(uidLine, status.stdout);
    assert.deepEqual(uidLine.split(/\s+/).slice(1, 5), [String(uid), String(uid), String(uid), String(uid)], `PID 1 ${uidLine}`);
  });
  it(`${key} / ${df}: no .env, .git, __pycache__ or .pyc under /app`, async function () {
    const name = await t.running();
    await t.get();
    const d = ctx.dockerOrThrow;
    // As root, so that nothing under /app is hidden from the search by permissions.
    const found = await d.exec(name, ['find', '/app', '(', '-name', '.env', '-o', '-name', '.git', '-o', '-name', '__pycache__', '-o', '-name', '*.pyc', ')', '-print'], { user: '0' });
    assert.equal(found.code, 0, found.stderr);
    assert.equal(found.stdout.trim(), '', `found under /app:\n${found.stdout}`);
    const code = await d.exec(name, ['test', '-f', `/app/${codeFile}`]);
    assert.equal(code.code, 0, `/app/${codeFile} is missing: the check looked in the wrong place`);
  });
}
