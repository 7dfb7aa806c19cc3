/**
 * --verify in the generators: when it runs (after the files are written), the question an
 * interactive run asks at the end when a docker engine answers, and what it verifies per
 * sub-generator. docker is a fake on PATH that records its calls (the real engine: test/e2e/verify.test.ts).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { result } from 'yeoman-test';
import { writeProject } from '../helpers/project.js';
import { runGenerator } from '../helpers/run.js';

/**
 * A `docker` that answers like an engine with BuildKit whose builds fail at once (nothing is run),
 * or like a CLI with no engine behind it; every call is appended to calls.jsonl.
 */
function fakeDockerOnPath(engine: 'up' | 'down'): { calls: () => string[][]; restore: () => void } {
  const bin = mkdtempSync(join(tmpdir(), 'pydocker-fake-docker-'));
  const log = join(bin, 'calls.jsonl');
  writeFileSync(
    join(bin, 'docker'),
    `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
const up = ${JSON.stringify(engine === 'up')};
if (args[0] === 'version') {
  process.stdout.write(JSON.stringify({ Client: { Version: '28.5.2' }, Server: up ? { Version: '28.5.2', Components: [{ Name: 'Engine', Version: '28.5.2' }] } : null }) + '\\n');
  if (!up) process.stderr.write('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\\n');
  process.exit(up ? 0 : 1);
}
if (args[0] === 'buildx') { process.stdout.write('github.com/docker/buildx v0.29.1\\n'); process.exit(0); }
if (args[0] === 'network') { process.stdout.write('bridge\\n'); process.exit(0); }
if (args[0] === 'build') { process.stderr.write('#1 [1/2] FROM docker.io/library/python:3.14-slim\\n#1 ERROR: fake engine\\n'); process.exit(1); }
process.exit(0);
`,
  );
  chmodSync(join(bin, 'docker'), 0o755);
  const saved = { path: process.env.PATH, stdin: process.stdin.isTTY, stdout: process.stdout.isTTY };
  process.env.PATH = `${bin}${delimiter}${saved.path ?? ''}`;
  return {
    calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as string[]) : []),
    restore: () => {
      process.env.PATH = saved.path;
      process.stdin.isTTY = saved.stdin;
      process.stdout.isTTY = saved.stdout;
    },
  };
}

/** The names of the questions the last run asked. */
const asked = (): string[] => result.askedQuestions.map((question) => question.name);

/** As at a terminal: the question at the end is only for a person who can answer it. */
function atTerminal(): void {
  process.stdin.isTTY = true;
  process.stdout.isTTY = true;
}

describe('--verify in the generators', function () {
  this.timeout(120_000);
  let docker: ReturnType<typeof fakeDockerOnPath>;
  afterEach(() => docker.restore());

  it('--verify: after the files are written, the engine is checked and the Dockerfile just written is built', async () => {
    docker = fakeDockerOnPath('up');
    await runGenerator('multistage').doInDir(writeProject).withOptions({ defaults: true, verify: true });
    result.assertFile('Dockerfile.multistage');
    const calls = docker.calls();
    assert.deepEqual(calls.map((args) => args[0]), ['version', 'buildx', 'network', 'build']);
    assert.deepEqual(calls.at(-1)!.slice(0, 2), ['build', '--progress=plain']);
    assert.equal(calls.at(-1)![calls.at(-1)!.indexOf('-f') + 1], 'Dockerfile.multistage');
    assert.deepEqual(asked(), []);
  });

  it('app --verify on the sample: the two production Dockerfiles, not the teaching ones', async () => {
    docker = fakeDockerOnPath('up');
    await runGenerator('app').withOptions({ defaults: true, verify: true });
    const built = docker.calls().filter((args) => args[0] === 'build').map((args) => args[args.indexOf('-f') + 1]);
    assert.deepEqual(built, ['Dockerfile', 'Dockerfile.multistage']);
  });

  it('compose --verify: the Dockerfile compose.yaml builds, then docker compose config', async () => {
    docker = fakeDockerOnPath('up');
    await runGenerator('compose')
      .doInDir((dir) => {
        writeProject(dir);
        writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.14-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n');
      })
      .withOptions({ defaults: true, verify: true });
    const calls = docker.calls();
    assert.deepEqual(calls.filter((args) => args[0] === 'build').map((args) => args[args.indexOf('-f') + 1]), ['Dockerfile']);
    assert.ok(calls.some((args) => args.join(' ') === 'compose -f compose.yaml config --quiet'), JSON.stringify(calls));
  });

  it('an interactive run asks at the end when an engine answers; yes verifies', async () => {
    docker = fakeDockerOnPath('up');
    atTerminal();
    await runGenerator('multistage').doInDir(writeProject).withAnswers({ verifyNow: true, lang: 'en', pythonVersion: '3.14', baseVariant: 'slim', port: '5000', wsgiApp: 'main:app', workers: '3', uid: '10001', gid: '10001' });
    assert.equal(asked().at(-1), 'verifyNow');
    assert.ok(docker.calls().some((args) => args[0] === 'build'));
  });

  it('no to the question: nothing is built', async () => {
    docker = fakeDockerOnPath('up');
    atTerminal();
    await runGenerator('multistage').doInDir(writeProject).withAnswers({ verifyNow: false, lang: 'en', pythonVersion: '3.14', baseVariant: 'slim', port: '5000', wsgiApp: 'main:app', workers: '3', uid: '10001', gid: '10001' });
    assert.equal(asked().at(-1), 'verifyNow');
    assert.deepEqual(docker.calls().map((args) => args[0]), ['version', 'buildx', 'network']);
  });

  it('not asked: with --defaults (docker is not even called), or when no engine answers', async () => {
    docker = fakeDockerOnPath('up');
    atTerminal();
    await runGenerator('multistage').doInDir(writeProject).withOptions({ defaults: true });
    assert.deepEqual(docker.calls(), []);
    assert.deepEqual(asked(), []);
    docker.restore();

    docker = fakeDockerOnPath('down');
    atTerminal();
    await runGenerator('multistage').doInDir(writeProject).withAnswers({ lang: 'en', pythonVersion: '3.14', baseVariant: 'slim', port: '5000', wsgiApp: 'main:app', workers: '3', uid: '10001', gid: '10001' });
    assert.ok(!asked().includes('verifyNow'));
    assert.deepEqual(docker.calls().map((args) => args[0]), ['version']);
  });

  it('no terminal (a script, CI): never asked', async () => {
    docker = fakeDockerOnPath('up');
    process.stdin.isTTY = false;
    await runGenerator('multistage').doInDir(writeProject).withAnswers({ lang: 'en', pythonVersion: '3.14', baseVariant: 'slim', port: '5000', wsgiApp: 'main:app', workers: '3', uid: '10001', gid: '10001' });
    assert.deepEqual(docker.calls(), []);
  });
});
