/**
 * Real projects as they are (issue 10): every fixture in test/fixtures/real-projects/ (a folder
 * laid out like a public repository, plus <name>.e2e.json beside it; see lib/real-projects.ts)
 * is copied to a temp folder, cluttered with .env and .git/config, and given to the package's
 * bin (`node dist/bin/cli.js <sub> --defaults`, `--force` after the first run). Then:
 *
 *   refusal fixtures (expectError): exit 1, one `error:` line matching it, nothing written;
 *   the others: the generator's output matches expectOutput; every Dockerfile written passes
 *   hadolint with zero findings; each `build` Dockerfile builds (--network host), runs on the
 *   host network with the spec's env, answers GET http://127.0.0.1:<EXPOSE port><probe.path>
 *   with a status below 500, runs as a non-root user, logs no ERROR / Traceback, has no .env or
 *   .git in its working directory, and stops.
 *
 * The table (fixture, what was read, build s, MB, first response s, status) is written to
 * $PYDOCKER_E2E_STATE/real-projects.md (default /tmp/pydocker-e2e).
 *
 * Knobs: PYDOCKER_E2E_ONLY=name1,name2 (only these fixtures), PYDOCKER_E2E_KEEP=1 (keep the
 * generated projects), PYDOCKER_E2E_REAL_IMAGES=1, PYDOCKER_E2E_NO_CACHE=1; set-up as in
 * containers.test.ts (test/e2e/infra/setup.sh, with the Python versions the FROM lines name;
 * versions without a stand-in are tagged from the nearest one).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2EContext } from './lib/context.js';
import { DockerfileRun, errorLines, logTail } from './lib/dockerfile-run.js';
import { run, sleep } from './lib/proc.js';
import { selectedProjects } from './lib/projects.js';
import { exposedPort, loadRealSpecs, readColumn, RealReport, realPreparer, toProjectSpec, type RealPrepared, type RealSpec } from './lib/real-projects.js';

const MINUTE = 60_000;
const specs = selectedProjects(loadRealSpecs().map((s) => ({ ...s, key: s.name })));
const ctx = new E2EContext({
  container: specs.map(toProjectSpec),
  lint: [],
  prepare: realPreparer(specs),
  reportName: 'real-projects.md',
  report: new RealReport(),
});

const prepared = (name: string) => ctx.project(name) as RealPrepared;

describe('e2e: real projects as they are (issue 10)', function () {
  this.timeout(10 * MINUTE);

  before(async function () {
    this.timeout(45 * MINUTE);
    await ctx.setUp();
    for (const spec of specs) {
      const p = prepared(spec.name);
      if (spec.expectError) {
        const error = p.runs.at(-1)?.stderr.split('\n').find((l) => /\berror: /.test(l)) ?? '(no error line)';
        ctx.report.row(spec.name, '-').read = `refused: ${error.replace(/^.*?\berror: /, '')}`;
      } else {
        for (const df of spec.build) ctx.report.row(spec.name, df).read = readColumn(p.generatorOutput);
      }
    }
  });

  after(async function () {
    this.timeout(15 * MINUTE);
    await ctx.tearDown();
  });

  for (const spec of specs) {
    if (spec.expectError) describeRefusal(spec);
    else describeProject(spec);
  }
});

function describeRefusal(spec: RealSpec): void {
  describe(`${spec.name} (refused: ${spec.covers.join('; ')})`, () => {
    it(`${spec.name}: exits 1 with one error line matching /${spec.expectError}/`, () => {
      const p = prepared(spec.name);
      const last = p.runs.at(-1)!;
      assert.equal(last.code, 1, `exit code of generator-python-docker ${last.args.join(' ')}\n${last.stdout}${last.stderr}`);
      const errors = last.stderr.split('\n').filter((l) => /^generator-python-docker: error: /.test(l));
      assert.equal(errors.length, 1, `one error line on stderr:\n${last.stderr}`);
      assert.match(errors[0], new RegExp(spec.expectError!));
      for (const re of spec.expectOutput) assert.match(p.generatorOutput, new RegExp(re));
    });
    it(`${spec.name}: writes nothing (every file as it was, no .yo-rc.json)`, () => {
      assert.deepEqual(prepared(spec.name).changed, []);
    });
  });
}

function describeProject(spec: RealSpec): void {
  describe(`${spec.name} (${spec.covers.join('; ')})`, function () {
    it(`${spec.name}: the generator succeeds and says what it read`, () => {
      const p = prepared(spec.name);
      for (const r of p.runs) assert.equal(r.code, 0, `generator-python-docker ${r.args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
      for (const re of spec.expectOutput) assert.match(p.generatorOutput, new RegExp(re), 'expectOutput');
      for (const df of spec.build) assert.ok(p.dockerfiles.includes(df), `${df} was not written (written: ${p.changed.join(', ')})`);
    });

    it(`${spec.name}: every Dockerfile written passes hadolint with zero findings`, async () => {
      const p = prepared(spec.name);
      assert.ok(p.dockerfiles.length > 0, 'no Dockerfile written');
      const home = join(ctx.runDir, 'hadolint-home');
      const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HADOLINT_') && k !== 'XDG_CONFIG_HOME'));
      const problems: string[] = [];
      for (const df of p.dockerfiles) {
        const r = await run(ctx.setup!.HADOLINT, ['--format', 'json', join(p.dir, df)], { cwd: p.dir, env: { ...env, HOME: home }, timeoutMs: 60_000 });
        let findings: { code: string; level: string; line: number; message: string }[];
        try {
          findings = JSON.parse(r.stdout || '[]');
        } catch {
          throw new Error(`hadolint printed no JSON for ${df} (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
        }
        ctx.report.row(spec.name, df).hadolint = findings.length;
        problems.push(...findings.map((f) => `${df}:${f.line} ${f.code} (${f.level}) ${f.message}`));
        if (r.code !== 0 && findings.length === 0) problems.push(`${df}: hadolint exit ${r.code}: ${r.stderr}`);
      }
      assert.deepEqual(problems, []);
    });

    for (const df of spec.build) describeBuilt(spec, df);
  });
}

function describeBuilt(spec: RealSpec, df: string): void {
  describe(`${spec.name} / ${df}`, () => {
    let t: DockerfileRun | undefined;
    /** Made on first use: the port comes from the EXPOSE line the generator wrote. */
    const dr = (): DockerfileRun => {
      if (t) return t;
      const p = prepared(spec.name);
      const text = readFileSync(join(p.dir, df), 'utf8');
      const port = exposedPort(text);
      if (!port) throw new Error(`${df} has no EXPOSE line: nothing says where to probe`);
      t = new DockerfileRun(ctx, { ...p.spec, port }, df);
      return t;
    };
    const docker = () => ctx.dockerOrThrow;

    after(async function () {
      this.timeout(5 * MINUTE);
      await t?.cleanup();
    });

    it(`${spec.name} / ${df}: builds`, async function () {
      this.timeout(35 * MINUTE);
      const b = await dr().build();
      assert.ok(b.sizeMb > 0);
    });

    it(`${spec.name} / ${df}: answers GET ${spec.probe.path} on the EXPOSEd port with a status below 500`, async function () {
      this.timeout(5 * MINUTE);
      const { first, firstMs } = await dr().main();
      dr().row.status = first.status;
      dr().row.firstS = Math.round(firstMs / 100) / 10;
      assert.ok(first.status >= 100 && first.status < 500, `GET ${spec.probe.path} answered ${first.status}: ${first.body.slice(0, 500)}`);
      if (spec.probe.status !== undefined) assert.equal(first.status, spec.probe.status, `GET ${spec.probe.path} answered ${first.status}: ${first.body.slice(0, 500)}`);
      if (spec.probe.body !== undefined) assert.match(first.body, new RegExp(spec.probe.body), `GET ${spec.probe.path}`);
    });

    if (spec.notInImage.length > 0) {
      it(`${spec.name} / ${df}: the image holds none of ${spec.notInImage.join(', ')}`, async () => {
        // A fresh container of the image, before the app ran: nothing it wrote counts.
        const found = await dr().inImage('sh', ['-c', 'for p; do [ -e "$p" ] && echo "$p"; done; true', 'sh', ...spec.notInImage]);
        assert.equal(found.code, 0, found.stderr);
        assert.equal(found.stdout.trim(), '', `in the image: ${found.stdout}`);
      });
    }

    it(`${spec.name} / ${df}: runs as a non-root user`, async () => {
      const name = await dr().running();
      const id = await docker().exec(name, ['id', '-u']);
      assert.equal(id.code, 0, id.stderr);
      dr().row.uid = id.stdout.trim();
      assert.notEqual(id.stdout.trim(), '0', 'id -u in the container');
      const status = await docker().exec(name, ['cat', '/proc/1/status']);
      const uidLine = status.stdout.split('\n').find((l) => l.startsWith('Uid:')) ?? '';
      assert.ok(uidLine && !/^Uid:\s+0\s/.test(uidLine), `PID 1 ${uidLine}`);
    });

    it(`${spec.name} / ${df}: no ERROR or Traceback in the log after start-up and a request`, async () => {
      const name = await dr().running();
      await dr().get();
      await sleep(1_000);
      const logs = await docker().logs(name);
      assert.deepEqual(errorLines(logs), [], `log:\n${logTail(logs)}`);
    });

    it(`${spec.name} / ${df}: no .env or .git in the image's working directory`, async () => {
      const name = await dr().running();
      const workdir = (await docker().inspect(`${dr().image}:first`, '{{.Config.WorkingDir}}')) || '/';
      const found = await docker().exec(name, ['find', workdir, '(', '-name', '.env', '-o', '-name', '.git', ')', '-print'], { user: '0' });
      assert.equal(found.code, 0, found.stderr);
      assert.equal(found.stdout.trim(), '', `found under ${workdir}:\n${found.stdout}`);
    });

    it(`${spec.name} / ${df}: docker stop ends it before docker's 10 s kill (the app heard the stop signal)`, async function () {
      this.timeout(2 * MINUTE);
      const name = await dr().running();
      const r = await docker().raw(['stop', name], 60_000);
      assert.equal(r.code, 0, r.stderr);
      dr().row.stopS = Math.round(r.ms / 100) / 10;
      assert.equal(await docker().isRunning(name), false);
      // 137 is SIGKILL: the stop signal went unheard (Python as PID 1 without a SIGTERM handler).
      const exit = await docker().inspect(name, '{{.State.ExitCode}}');
      assert.notEqual(exit, '137', `killed after docker's 10 s wait (${dr().row.stopS} s): the app ignored the stop signal`);
      assert.ok(r.ms < 9_000, `docker stop took ${dr().row.stopS} s`);
    });
  });
}
