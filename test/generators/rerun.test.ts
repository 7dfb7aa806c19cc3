/**
 * Run it again and again: a project changes between runs (Python version, dependencies, the app
 * object's name, the port) and every sub-generator, re-run, writes files that follow the project as
 * it is now, while a value the user chose by flag survives.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import helpers, { result } from 'yeoman-test';
import { CLI, generatorPath } from '../helpers/paths.js';
import { writeProject } from '../helpers/project.js';

function bin(args: string[], cwd: string) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: '', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return run.stdout + run.stderr;
}

function writeVersion(dir: string, v: { python: string; app: string; port: number; native: boolean }): void {
  writeFileSync(join(dir, '.python-version'), `${v.python}\n`);
  writeFileSync(join(dir, 'requirements.txt'), `Flask==3.1.3\ngunicorn==23.0.0\n${v.native ? 'psycopg2==2.9.10\n' : ''}`);
  writeFileSync(join(dir, 'web.py'), `from flask import Flask\n\n${v.app} = Flask(__name__)\n`);
  writeFileSync(join(dir, 'gunicorn.conf.py'), `bind = "0.0.0.0:${v.port}"\n`);
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const stored = (dir: string) => JSON.parse(read(dir, '.yo-rc.json'))['generator-python-docker'];

describe('re-runs follow the project as it is now', function () {
  this.timeout(300_000);

  for (const [sub, files] of [
    ['dockerfile', ['Dockerfile']],
    ['multistage', ['Dockerfile.multistage']],
    ['app', ['Dockerfile', 'Dockerfile.multistage']],
    ['compose', ['compose.yaml']],
  ] as const) {
    it(`${sub}: Python version, dependencies, entry point and port follow the project; a value chosen by flag stays`, () => {
      const dir = mkdtempSync(join(tmpdir(), `pydocker-rerun-${sub}-`));
      writeVersion(dir, { python: '3.12', app: 'app', port: 8000, native: false });
      // compose.yaml has no user: its flag is the worker count.
      const [flag, chosen] = sub === 'compose' ? (['workers', 5] as const) : (['uid', 2000] as const);
      bin([sub, '--defaults', `--${flag}`, String(chosen)], dir);
      assert.deepEqual(stored(dir), { [flag]: chosen }, 'only the flag is stored');

      writeVersion(dir, { python: '3.13', app: 'server', port: 8001, native: true });
      const output = bin([sub, '--defaults', '--force'], dir);
      assert.deepEqual(stored(dir), { [flag]: chosen }, 'nothing the project states is stored');
      // Said before anything is asked or written, with where each value came from.
      const block = output.slice(output.indexOf('Read from the project:'));
      assert.match(block, /^ {2}port: 8001 \(from gunicorn\.conf\.py bind\)$/m);
      if (sub === 'compose') assert.match(block, /^ {2}workers: 5 \(stored in \.yo-rc\.json\)$/m);
      else {
        assert.match(block, /^ {2}workers: 3 \(default\)$/m);
        assert.match(block, /^ {2}python: 3\.13 \(from \.python-version\)$/m);
        assert.match(block, /^ {2}WSGI app: web:server \(from web\.py\)$/m);
        assert.match(block, /^ {2}UID: 2000 \(stored in \.yo-rc\.json\)$/m);
        assert.match(block, /^ {2}compiled dependencies: psycopg2; OS packages: libpq-dev to build, libpq5 at run time$/m);
      }
      for (const file of files) {
        const content = read(dir, file);
        if (file === 'compose.yaml') {
          assert.match(content, /^ {6}- "8001:8001"$/m);
          assert.match(content, /^ {6}WEB_CONCURRENCY: "5"$/m, 'the flag the user gave survives');
          continue;
        }
        assert.match(content, /^FROM python:3\.13-slim( AS builder)?$/m, file);
        assert.doesNotMatch(content, /python:3\.12/, file);
        assert.match(content, /"web:server"\]$/m, file);
        assert.match(content, /^EXPOSE 8001$/m, file);
        assert.match(content, /^USER 2000:10001$/m, `${file}: the flag the user gave survives`);
        if (file === 'Dockerfile.multistage') assert.match(content, /libpq5/, 'the runtime library of the new compiled dependency');
      }
    });
  }

  it('dockerignore asks nothing but the language, and stores only that choice', async () => {
    await helpers.run(generatorPath('dockerignore')).doInDir(writeProject).withAnswers({ lang: 'zh-CN' });
    assert.deepEqual(result.askedQuestions.map((question) => question.name), ['lang']);
    assert.deepEqual(JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))['generator-python-docker'], { lang: 'zh-CN' });
    result.assertFileContent('.dockerignore', /^# 版本控制$/m);
  });

  it('accepting what the project states is not stored; typing another value is', async () => {
    await helpers
      .run(generatorPath('multistage'))
      .doInDir((dir) => writeVersion(dir, { python: '3.13', app: 'server', port: 8001, native: false }))
      .withAnswers({ lang: 'en', pythonVersion: '3.13', baseVariant: 'slim', port: '8001', wsgiApp: 'web:server', workers: '4', uid: '10001', gid: '10001' });
    assert.deepEqual(result.askedQuestions.map((question) => question.name), ['lang', 'pythonVersion', 'baseVariant', 'port', 'wsgiApp', 'workers', 'uid', 'gid']);
    const kept = JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))['generator-python-docker'];
    assert.deepEqual(kept, { lang: 'en', baseVariant: 'slim', workers: 4, uid: 10001, gid: 10001 });
  });

  it('a changed port: the other generated files are listed with one command, and that command aligns them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-rerun-port-'));
    writeVersion(dir, { python: '3.13', app: 'app', port: 8000, native: false });
    bin(['app', '--defaults', '--compose'], dir);
    const output = bin(['dockerfile', '--defaults', '--force', '--port', '9000'], dir);
    const warning = /^warning: Dockerfile\.multistage, compose\.yaml still carry another port than 9000; bring them in line with: `([^`]+)`$/m.exec(output);
    assert.ok(warning, output);
    // The printed command is a promise: run it as written (each `npx generator-python-docker ...` through the bin).
    for (const command of warning[1].split(' && ')) {
      const args = command.split(' ');
      assert.deepEqual(args.slice(0, 2), ['npx', 'generator-python-docker']);
      bin(args.slice(2), dir);
    }
    for (const file of ['Dockerfile', 'Dockerfile.multistage']) assert.match(read(dir, file), /^EXPOSE 9000$/m, file);
    assert.match(read(dir, 'compose.yaml'), /"9000:9000"/);
    assert.doesNotMatch(bin(['dockerfile', '--defaults', '--force'], dir), /bring them in line/, 'nothing left to align');
  });
});
