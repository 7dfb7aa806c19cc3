/**
 * --verify end to end against a fake docker (test/helpers/fake-docker.ts): what it runs, in which
 * order, what the verdict says, and that it removes exactly what it made. The real engine runs the
 * same code in test/e2e/verify.test.ts.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ANSWERS } from '../../../lib/state/answers.js';
import { planCompose } from '../../../lib/decide/compose.js';
import { planDocker } from '../../../lib/decide/plan.js';
import { verifyEn } from '../../../lib/messages/verify-en.js';
import { verifyZhCN } from '../../../lib/messages/verify-zh-CN.js';
import { systemDocker } from '../../../lib/verify/docker-cli.js';
import { checkEngine } from '../../../lib/verify/engine.js';
import { cannotLine, displayWidth, eventLines, verdictLines } from '../../../lib/verify/report.js';
import { productionRun, teachingRun } from '../../../lib/verify/run-plan.js';
import { removeLeftovers, type Verdict, verify, type VerifyEvent, type VerifyInput } from '../../../lib/verify/verify.js';
import { englishLines } from '../../helpers/english.js';
import { BUILD_LINES, FakeDocker, type Scenario } from '../../helpers/fake-docker.js';

const PRODUCTION = 'FROM python:3.14-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "app:app"]\n';

function projectDir(files: Record<string, string> = { Dockerfile: PRODUCTION }): string {
  const dir = mkdtempSync(join(tmpdir(), 'pydocker-verify-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const plan = planDocker({ ...DEFAULT_ANSWERS, wsgiApp: 'app:app' }, {
  dependencies: { manager: 'pip', files: ['requirements.txt'], requirementsFile: 'requirements.txt', installsProject: false, packages: ['flask', 'gunicorn'], reasonParts: [] },
  server: 'gunicorn',
  scriptEntry: 'app.py',
  sample: false,
  requiredEnv: [{ name: 'SECRET_KEY', source: 'app.py:4', how: 'os.environ["SECRET_KEY"]' }],
});
const compose = planCompose(plan, { folderName: 'shop', watch: false, dependencyFiles: ['requirements.txt'] });

async function run(scenario: Scenario, overrides: Partial<VerifyInput> = {}) {
  const docker = new FakeDocker(scenario);
  const events: VerifyEvent[] = [];
  const outcome = await verify(
    {
      docker,
      root: overrides.root ?? projectDir(),
      imageRepo: 'shop',
      targets: [{ dockerfile: 'Dockerfile', run: productionRun(plan, compose) }],
      keep: false,
      id: 'abc123',
      env: {},
      diagnosis: { entryTarget: 'app:app', dependencyFiles: ['requirements.txt'], projectModules: ['app'], dockerignore: [] },
      ...overrides,
    },
    (event) => events.push(event),
  );
  return { docker, events, outcome, verdict: outcome.verdicts[0] as Verdict };
}

const CRASH_LOG = {
  stdout: '',
  stderr: [
    '2026-12-03T10:00:00.100Z [2026-12-03 10:00:00 +0000] [1] [INFO] Starting gunicorn 27.0.1',
    '2026-12-03T10:00:00.900Z [2026-12-03 10:00:00 +0000] [7] [ERROR] Exception in worker process',
    '2026-12-03T10:00:00.901Z Traceback (most recent call last):',
    '2026-12-03T10:00:00.902Z   File "/app/app.py", line 7, in <module>',
    '2026-12-03T10:00:00.903Z     import requests',
    "2026-12-03T10:00:00.904Z ModuleNotFoundError: No module named 'requests'",
  ].join('\n'),
};

describe('verify with a fake docker', () => {
  it('a healthy image: build, run as production would, probe inside, stop; the figures in the verdict; then removes its container and image only', async () => {
    const { docker, events, outcome, verdict } = await run({ bridge: true });
    assert.equal(outcome.ok, true);
    assert.deepEqual(docker.verbs, ['version', 'buildx version', 'network inspect', 'build', 'image inspect', 'run', 'exec', 'inspect', 'exec', 'stop', 'inspect', 'logs', 'rm', 'rmi']);
    const build = docker.calls.find((call) => call.args[0] === 'build')!.args;
    assert.deepEqual(build, ['build', '--progress=plain', '-f', 'Dockerfile', '-t', 'shop:verify-dockerfile-abc123', '.'], 'BuildKit plain progress; the engine has a bridge: no --network');
    const runArgs = docker.calls.find((call) => call.args[0] === 'run')!.args;
    assert.deepEqual(runArgs, [
      'run', '-d', '--name', 'shop-verify-dockerfile-abc123', '--network', 'none', '--label', 'org.pydocker.verify=abc123',
      '--read-only', '--tmpfs', '/tmp', '-e', 'SECRET_KEY=verify-only-placeholder', 'shop:verify-dockerfile-abc123',
    ]);
    const probe = docker.calls.find((call) => call.args[0] === 'exec')!.args;
    assert.deepEqual(probe.slice(0, 5), ['exec', 'shop-verify-dockerfile-abc123', 'python', '-I', '-c']);
    assert.deepEqual(probe.slice(6), ['5000', '/', '60']);
    assert.deepEqual(docker.calls.at(-2)!.args, ['rm', '-f', '-v', 'shop-verify-dockerfile-abc123']);
    assert.deepEqual(docker.calls.at(-1)!.args, ['rmi', 'shop:verify-dockerfile-abc123'], 'no -f: a tag someone else made keeps the image');
    for (const call of docker.calls) assert.doesNotMatch(call.args.join(' '), /prune|system|volume rm|image rm -f|--force/);

    assert.equal(verdict.build.ok, true);
    assert.equal(verdict.build.steps, 2);
    assert.equal(verdict.build.cached, 1);
    assert.equal(verdict.sizeBytes, 126_400_000);
    assert.equal(verdict.status, 200);
    assert.equal(verdict.uid, '10001');
    assert.deepEqual(verdict.stop, { ms: 640, exitCode: 0 });
    assert.deepEqual(verdict.logErrors, []);
    assert.deepEqual(verdict.problems, []);
    assert.deepEqual(events.map((event) => event.kind), ['engine', 'build', 'step', 'step', 'run', 'probe', 'verdict']);

    const lines = verdictLines(verdict, verifyEn);
    assert.equal(lines[0], 'Verdict for Dockerfile');
    assert.match(lines.join('\n'), /^ {2}build +4\.2 s \(2 steps, 1 cached\)$/m);
    assert.match(lines.join('\n'), /^ {2}image size +126 MB$/m);
    assert.match(lines.join('\n'), /^ {2}HTTP status +200 \(GET \/ on port 5000\)$/m);
    assert.match(lines.join('\n'), /^ {2}user id +10001$/m);
    assert.match(lines.join('\n'), /^ {2}stop time +0\.6 s$/m);
    assert.match(lines.join('\n'), /^ {2}exit code +0$/m);
    assert.match(lines.join('\n'), /^ {2}placeholders +SECRET_KEY=verify-only-placeholder$/m);
    assert.match(lines.join('\n'), /^ {2}result +OK: /m);
    const said = events.flatMap((event) => eventLines(event, verifyEn)).join('\n');
    assert.match(said, /Starting it as production would: docker run -d --network none --read-only --tmpfs \/tmp -e SECRET_KEY=verify-only-placeholder shop:verify-dockerfile-abc123/);
    assert.match(said, /Placeholder values .*: SECRET_KEY \(app\.py:4\)/);
    assert.match(said, /^ {4}\[1\/2\] FROM docker\.io\/library\/python:3\.14-slim {2}CACHED$/m);
    assert.match(said, /^ {4}\[2\/2\] RUN --mount=type=cache,target=\/root\/\.cache\/pip pip install -r requirements\.txt {2}3\.4 s$/m);
  });

  it('an engine without a bridge network: RUN steps get the host network, and it says so', async () => {
    const { docker, events } = await run({ bridge: false });
    assert.deepEqual(docker.calls.find((call) => call.args[0] === 'build')!.args.slice(0, 4), ['build', '--progress=plain', '--network', 'host']);
    assert.match(eventLines(events.find((event) => event.kind === 'build')!, verifyEn)[0]!, /no bridge network: RUN steps use the host network/);
  });

  it('a uv workspace member: the build gets the workspace root as its named context (issue 20.6)', async () => {
    const { docker } = await run({ bridge: false }, { buildContexts: ['workspace=../..'] });
    assert.deepEqual(docker.calls.find((call) => call.args[0] === 'build')!.args, ['build', '--progress=plain', '--network', 'host', '--build-context', 'workspace=../..', '-f', 'Dockerfile', '-t', 'shop:verify-dockerfile-abc123', '.']);
  });

  it('--keep: nothing removed, and the verdict says what was kept and how to remove it', async () => {
    const { docker, verdict } = await run({}, { keep: true });
    assert.ok(!docker.verbs.includes('rm') && !docker.verbs.includes('rmi'));
    assert.equal(verdict.kept, true);
    assert.match(verifyEn.kept(verdict.container, verdict.image), /docker rm -v shop-verify-dockerfile-abc123 && docker rmi shop:verify-dockerfile-abc123/);
  });

  it('a container that dies at import: exit code, the log\'s first error lines, the likely cause, no stop; still cleaned up', async () => {
    const { docker, outcome, verdict } = await run({ container: { exitCode: 3, ranMs: 2600, log: CRASH_LOG } });
    assert.equal(outcome.ok, false);
    assert.ok(!docker.verbs.includes('stop'), 'nothing to stop');
    assert.deepEqual(verdict.exitedEarly, { code: 3, afterMs: 2600 });
    assert.equal(verdict.uid, '10001', "the image's USER");
    assert.deepEqual(verdict.logErrors, ['[2026-12-03 10:00:00 +0000] [7] [ERROR] Exception in worker process', "ModuleNotFoundError: No module named 'requests'"]);
    assert.deepEqual(verdict.cause, { kind: 'missing-dependency', module: 'requests', files: ['requirements.txt'] });
    assert.deepEqual(verdict.problems, ['exited']);
    assert.deepEqual(docker.verbs.slice(-2), ['rm', 'rmi']);
    const text = verdictLines(verdict, verifyEn).join('\n');
    assert.match(text, /^ {2}first response +none: the container exited with code 3 after 2\.6 s$/m);
    assert.match(text, /^ {2}log +\[2026-12-03 10:00:00 \+0000\] \[7\] \[ERROR\] Exception in worker process\n {18}ModuleNotFoundError: No module named 'requests'$/m);
    assert.match(text, /^ {2}likely cause +the app imports requests, which the image does not install: add the package that provides it to requirements\.txt$/m);
    assert.match(text, /^ {2}result +FAILED: the container exited \(code 3\) before it answered$/m);
  });

  it('no answer on the port but the app listens on another: names the --port to pass', async () => {
    const { verdict } = await run({ container: { status: undefined, listening: [{ address: '0.0.0.0', port: 8000 }] } });
    assert.deepEqual(verdict.problems, ['other-port']);
    assert.match(verdictLines(verdict, verifyEn).join('\n'), /nothing listens on port 5000, the app listens on 8000: pass --port 8000/);
  });

  it('a server bound to 127.0.0.1 answers inside but not through -p: a problem', async () => {
    const { verdict } = await run({ container: { status: 200, listening: [{ address: '127.0.0.1', port: 5000 }] } });
    assert.deepEqual(verdict.problems, ['loopback-only']);
  });

  it('root, a stop that needed SIGKILL, ERROR lines: problems for a production file, lessons for a teaching one', async () => {
    const log = { stdout: '', stderr: '2026-12-03T10:00:00.900Z [ERROR] Control server error\n' };
    const { verdict } = await run({ container: { status: 200, uid: '0', stopExit: 137, stopMs: 10_300, log } });
    assert.deepEqual(verdict.problems, ['root', 'killed', 'log-errors']);
    const teaching = await run({ container: { status: 200, uid: '0', stopExit: 137, stopMs: 10_300, log: { stdout: '', stderr: '' } } }, {
      root: projectDir({ 'Dockerfile.bad': 'FROM python:3.14\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["python", "app.py"]\n' }),
      targets: [{ dockerfile: 'Dockerfile.bad', run: teachingRun(plan) }],
    });
    assert.deepEqual(teaching.verdict.problems, []);
    const text = verdictLines(teaching.verdict, verifyEn).join('\n');
    assert.match(text, /user id +0, root: the lesson of this file/);
    assert.match(text, /exit code +137, killed after 10 s: the lesson of this file/);
  });

  it('a failed build: the failing step and its last lines; no run; nothing left', async () => {
    const lines = [...BUILD_LINES.slice(0, 6), '#6 0.9 ERROR: No matching distribution found for flask==99', '#6 ERROR: process "/bin/sh -c pip install" did not complete successfully: exit code: 1'];
    const { docker, verdict } = await run({ build: { ok: false, lines, ms: 2000 } });
    assert.ok(!docker.verbs.includes('run'));
    assert.deepEqual(verdict.problems, ['build-failed']);
    const text = verdictLines(verdict, verifyEn).join('\n');
    assert.match(text, /build +failed after 2\.0 s at \[2\/2\] RUN --mount/);
    assert.match(text, /No matching distribution found for flask==99/);
  });

  it('no docker on PATH, no engine, an engine too old, no BuildKit: one line saying so and what to install; nothing built', async () => {
    for (const [scenario, expected] of [
      [{ engine: 'missing' }, /^cannot verify: no `docker` command on PATH\. Install Docker Desktop, or Docker Engine 23\+ with the buildx plugin/],
      [{ engine: 'down' }, /^cannot verify: no docker engine answers \(Cannot connect to the Docker daemon at unix:\/\/\/var\/run\/docker\.sock\. Is the docker daemon running\?\)\. Start Docker Desktop/],
      [{ server: '19.03.15' }, /^cannot verify: Docker Engine 19\.03\.15 is too old .*20\.10 or newer/],
      [{ buildx: false, client: '28.2.2' }, /^cannot verify: `docker build` here \(CLI 28\.2\.2\) uses the legacy builder, which rejects RUN --mount\. Install the buildx plugin/],
    ] as const) {
      const { docker, outcome } = await run(scenario);
      assert.equal(outcome.ok, false);
      assert.ok(!outcome.engine.ok);
      assert.ok(!docker.verbs.includes('build'), JSON.stringify(scenario));
      const line = cannotLine(outcome.engine as Extract<typeof outcome.engine, { ok: false }>, verifyEn);
      assert.match(line, expected);
      assert.match(line, /the files are written\.$/);
      assert.equal(line.split('\n').length, 1);
    }
  });

  it('the legacy builder is fine for a Dockerfile without RUN --mount (Dockerfile.bad)', async () => {
    const { docker } = await run({ buildx: false }, {
      root: projectDir({ 'Dockerfile.bad': 'FROM python:3.14\nCOPY . .\nRUN pip install -r requirements.txt\n' }),
      targets: [{ dockerfile: 'Dockerfile.bad', run: teachingRun(plan) }],
    });
    assert.ok(docker.verbs.includes('build'));
  });

  it('compose.yaml: checked with docker compose config, the required variables given placeholders in its environment', async () => {
    const { docker, outcome, events } = await run({}, { composeFile: 'compose.yaml' });
    const config = docker.calls.find((call) => call.args[0] === 'compose' && call.args.includes('config'))!;
    assert.deepEqual(config.args, ['compose', '-f', 'compose.yaml', 'config', '--quiet']);
    assert.deepEqual(config.env, { SECRET_KEY: 'verify-only-placeholder' });
    assert.equal(outcome.compose?.ok, true);
    assert.match(eventLines(events.at(-1)!, verifyEn)[0]!, /compose\.yaml: accepted by docker compose 2\.40\.3/);
    const missing = await run({ compose: { installed: false } }, { composeFile: 'compose.yaml' });
    assert.equal(missing.outcome.compose?.missing, true);
    const rejected = await run({ compose: { installed: true, ok: false, message: 'services.web Additional property develop is not allowed' } }, { composeFile: 'compose.yaml' });
    assert.equal(rejected.outcome.ok, false);
  });

  it('after an interrupt: removes only the containers it labelled and the tags it named', async () => {
    const docker = new FakeDocker();
    await removeLeftovers(docker, 'abc123', 'shop', ['Dockerfile', 'Dockerfile.multistage'], false);
    assert.deepEqual(docker.calls.map((call) => call.args), [
      ['ps', '-aq', '--filter', 'label=org.pydocker.verify=abc123'],
      ['rmi', 'shop:verify-dockerfile-abc123'],
      ['rmi', 'shop:verify-dockerfile-multistage-abc123'],
    ]);
  });

  it('zh-CN: the progress lines and the verdict say everything in Chinese (apart from the log lines they quote)', async () => {
    const ok = await run({});
    const crash = await run({ container: { exitCode: 3, log: CRASH_LOG } });
    const text = [...ok.events, ...crash.events]
      .flatMap((event) => eventLines(event, verifyZhCN))
      .filter((line) => !/ERROR|Error:|^\s+\[/.test(line))
      .join('\n');
    assert.deepEqual(englishLines(text), []);
    assert.match(text, /镜像大小 +126 MB/);
    assert.match(text, /可能的原因 +应用导入了 requests，但镜像没有安装它：请把提供它的包加进 requirements\.txt/);
    for (const scenario of [{ engine: 'missing' }, { engine: 'down' }, { server: '19.03.15' }, { buildx: false }] as Scenario[]) {
      const { outcome } = await run(scenario);
      assert.deepEqual(englishLines(cannotLine(outcome.engine as Extract<typeof outcome.engine, { ok: false }>, verifyZhCN).replace(/\(Cannot connect[^)]*\)|（Cannot connect[^）]*）/, '')), []);
    }
    // Chinese labels take two columns each: the values still line up.
    const starts = verdictLines(ok.verdict, verifyZhCN)
      .slice(1)
      .map((line) => displayWidth(/^ {2}.+? {2,}(?=\S)/.exec(line)![0]));
    assert.equal(new Set(starts).size, 1, `values start at columns ${starts.join(', ')}`);
  });
});

describe('the system docker: PATH and the user\'s environment, argument arrays, no shell', () => {
  it('runs the docker found on PATH with each argument as given (nothing is interpreted by a shell)', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'pydocker-fake-bin-'));
    const script = join(bin, 'docker');
    writeFileSync(script, `#!${process.execPath}\nprocess.stdout.write(JSON.stringify({ args: process.argv.slice(2), host: process.env.DOCKER_HOST }));\n`);
    chmodSync(script, 0o755);
    const cwd = mkdtempSync(join(tmpdir(), 'pydocker-cwd-'));
    const docker = systemDocker(cwd, { PATH: bin, DOCKER_HOST: 'unix:///tmp/elsewhere.sock' });
    const tricky = ['run', '$(touch pwned)', '; touch pwned2', '`touch pwned3`', "it's"];
    const result = await docker.run(tricky, { timeoutMs: 10_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), { args: tricky, host: 'unix:///tmp/elsewhere.sock' });
    for (const file of ['pwned', 'pwned2', 'pwned3']) assert.equal(existsSync(join(cwd, file)), false);
  });

  it('no docker on PATH: "missing", and checkEngine says no-cli', async () => {
    const docker = systemDocker(tmpdir(), { PATH: mkdtempSync(join(tmpdir(), 'pydocker-empty-')) });
    const result = await docker.run(['version'], { timeoutMs: 10_000 });
    assert.equal(result.missing, true);
    assert.deepEqual(await checkEngine(docker, {}), { ok: false, problem: 'no-cli', detail: '' });
  });
});
