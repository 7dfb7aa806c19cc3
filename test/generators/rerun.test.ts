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
      assert.deepEqual(stored(dir), { [flag]: chosen, schema: 2 }, 'only the flag is stored (and the marker of this version)');

      writeVersion(dir, { python: '3.13', app: 'server', port: 8001, native: true });
      const output = bin([sub, '--defaults', '--force'], dir);
      assert.deepEqual(stored(dir), { [flag]: chosen, schema: 2 }, 'nothing the project states is stored');
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
    assert.deepEqual(JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))['generator-python-docker'], { lang: 'zh-CN', schema: 2 });
    result.assertFileContent('.dockerignore', /^# 版本控制$/m);
  });

  it('accepting what the project states is not stored; typing another value is', async () => {
    await helpers
      .run(generatorPath('multistage'))
      .doInDir((dir) => writeVersion(dir, { python: '3.13', app: 'server', port: 8001, native: false }))
      .withAnswers({ lang: 'en', pythonVersion: '3.13', baseVariant: 'slim', port: '8001', wsgiApp: 'web:server', workers: '4', uid: '10001', gid: '10001' });
    assert.deepEqual(result.askedQuestions.map((question) => question.name), ['lang', 'pythonVersion', 'baseVariant', 'port', 'wsgiApp', 'workers', 'uid', 'gid']);
    const kept = JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))['generator-python-docker'];
    assert.deepEqual(kept, { lang: 'en', baseVariant: 'slim', workers: 4, uid: 10001, gid: 10001, schema: 2 });
  });

  it('a changed port: the other generated files are listed with one command, and that command aligns them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-rerun-port-'));
    writeVersion(dir, { python: '3.13', app: 'app', port: 8000, native: false });
    bin(['app', '--defaults', '--compose'], dir);
    const output = bin(['dockerfile', '--defaults', '--force', '--port', '9000'], dir);
    const warning = /^warning: Dockerfile\.multistage, compose\.yaml still carry other values than port 9000; bring them in line with: `([^`]+)`$/m.exec(output);
    assert.ok(warning, output);
    // The printed command is a promise: run it as written, through the bin.
    const args = warning[1].split(' ');
    assert.deepEqual(args.slice(0, 2), ['npx', 'generator-python-docker']);
    assert.deepEqual(args.slice(2), ['dockerfile', '--defaults', '--align'], 'one command');
    bin(args.slice(2), dir);
    for (const file of ['Dockerfile', 'Dockerfile.multistage']) assert.match(read(dir, file), /^EXPOSE 9000$/m, file);
    assert.match(read(dir, 'compose.yaml'), /"9000:9000"/);
    assert.doesNotMatch(bin(['dockerfile', '--defaults', '--force'], dir), /bring (it|them) in line/, 'nothing left to align');
  });

  it('the workshop: a new port and UID reach WORKSHOP.md, compare.py and main.py\'s default; an edited main.py line is left alone with a reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-rerun-workshop-'));
    bin(['app', '--defaults', '--compose'], dir);
    const before = { main: read(dir, 'main.py'), bad: read(dir, 'Dockerfile.bad'), workshop: read(dir, 'WORKSHOP.md') };
    const output = bin(['multistage', '--defaults', '--force', '--port', '9000', '--uid', '2000'], dir);
    const warning = /^warning: (.+) still carry other values than port 9000, UID 2000; bring them in line with: `([^`]+)`$/m.exec(output);
    assert.ok(warning, output);
    assert.deepEqual(warning[1].split(', '), ['Dockerfile', 'compose.yaml', 'WORKSHOP.md', 'compare.py', 'main.py']);
    assert.equal(warning[2], 'npx generator-python-docker multistage --defaults --align');
    bin(warning[2].split(' ').slice(2), dir);
    // main.py: only the default-port literal moved; the rest of the user's code is untouched.
    assert.equal(read(dir, 'main.py'), before.main.replace('"PORT", "5000"', '"PORT", "9000"'));
    assert.match(read(dir, 'compare.py'), /^PORT = 9000$/m);
    const workshop = read(dir, 'WORKSHOP.md');
    assert.match(workshop, /-p 9000:9000 workshop:prod/);
    assert.match(workshop, /`USER 2000:10001`/);
    assert.doesNotMatch(workshop, /5000|10001:10001/);
    // Dockerfile.bad keeps its lesson (it runs main.py, which now defaults to 9000).
    assert.equal(read(dir, 'Dockerfile.bad'), before.bad);
    assert.match(read(dir, 'Dockerfile'), /^USER 2000:10001$/m);

    // The user rewrote the line that starts the dev server: --align says so and leaves the file alone.
    const edited = read(dir, 'main.py').replace(/port=int\(os\.environ\.get\("PORT", "9000"\)\)/, 'port=8080');
    writeFileSync(join(dir, 'main.py'), edited);
    const again = bin(['multistage', '--defaults', '--force', '--port', '9100', '--align'], dir);
    assert.match(again, /^warning: main\.py left as it is: the line the generator wrote for its default port is not there exactly once \(edited\?\); set its port to 9100 by hand$/m);
    assert.equal(read(dir, 'main.py'), edited);
    assert.match(read(dir, 'compare.py'), /^PORT = 9100$/m);
    assert.doesNotMatch(again, /bring (it|them) in line/, 'said once, not again as a command');
  });

  it('--align never rewrites a generated file the user edited beyond the value without the conflict question', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-rerun-edited-'));
    bin(['app', '--defaults'], dir);
    const notes = `${read(dir, 'WORKSHOP.md')}\nMy own notes.\n`;
    writeFileSync(join(dir, 'WORKSHOP.md'), notes);
    bin(['dockerfile', '--defaults', '--force', '--port', '9000'], dir);
    const run = spawnSync(process.execPath, [CLI, 'dockerfile', '--defaults', '--align'], { cwd: dir, encoding: 'utf8', input: '', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match((run.stdout + run.stderr).trim().split('\n').at(-1)!, /^generator-python-docker: error: WORKSHOP\.md already exists and would change; no terminal to ask/);
    assert.equal(read(dir, 'WORKSHOP.md'), notes, 'nothing written');
    assert.match(read(dir, 'compare.py'), /^PORT = 5000$/m, 'nothing half-written');
  });

  it('an old .yo-rc.json (every value stored, the project\'s included) is migrated once: the project\'s values follow it again, the rest stay as choices', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-rerun-old-'));
    writeVersion(dir, { python: '3.13', app: 'server', port: 8001, native: true });
    // As an earlier version wrote it after `multistage --defaults` on the project as it was (3.12, web:app, port 8000).
    const old = { pythonVersion: '3.12', baseVariant: 'slim', port: 8000, wsgiApp: 'web:app', workers: 3, uid: 2000, gid: 10001, lang: 'en' };
    writeFileSync(join(dir, '.yo-rc.json'), `${JSON.stringify({ 'generator-python-docker': old }, null, 2)}\n`);
    const output = bin(['multistage', '--defaults'], dir);
    const said = output.split('\n').filter((line) => line.includes('earlier version'));
    assert.deepEqual(said, [
      'warning: .yo-rc.json was written by an earlier version that stored what the project states as if you had chosen it; updated: ' +
        'dropped python 3.12 (from .python-version: 3.13), port 8000 (from gunicorn.conf.py bind: 8001), WSGI app web:app (from web.py: web:server), ' +
        'read from the project on every run now (to choose one yourself: --python-version, --port, --wsgi-app); ' +
        'kept base variant slim, workers 3, UID 2000, GID 10001, language English as your choices',
    ]);
    const block = output.slice(output.indexOf('Read from the project:'));
    assert.match(block, /^ {2}python: 3\.13 \(from \.python-version\)$/m);
    assert.match(block, /^ {2}UID: 2000 \(stored in \.yo-rc\.json\)$/m);
    const dockerfile = read(dir, 'Dockerfile.multistage');
    assert.match(dockerfile, /^FROM python:3\.13-slim$/m);
    assert.match(dockerfile, /"web:server"\]$/m, 'an image that starts: the app as it is named now');
    assert.match(dockerfile, /^EXPOSE 8001$/m);
    assert.match(dockerfile, /^USER 2000:10001$/m);
    assert.deepEqual(stored(dir), { baseVariant: 'slim', workers: 3, uid: 2000, gid: 10001, lang: 'en', schema: 2 });
    // Said once: the next run has nothing to migrate.
    assert.doesNotMatch(bin(['multistage', '--defaults', '--force'], dir), /earlier version/);
  });
});
