import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { result } from 'yeoman-test';
import { runGenerator } from '../helpers/run.js';
import { assertMatchesSnapshot, readTree } from '../helpers/snapshot.js';

const WORKSHOP_FILES = [
  '.dockerignore',
  '.yo-rc.json',
  'Dockerfile',
  'Dockerfile.bad',
  'Dockerfile.better',
  'Dockerfile.multistage',
  'WORKSHOP.md',
  'compare.py',
  'main.py',
  'requirements.txt',
];

describe('app', () => {
  describe('--defaults in an empty folder', () => {
    before(async () => {
      // The language defaults to the machine's locale; pinned here so the snapshot is the English one.
      await runGenerator('app').withOptions({ defaults: true, lang: 'en' });
    });

    it('writes the whole workshop project, matching the snapshot', () => {
      const files = readTree(result.cwd);
      assert.deepEqual(Object.keys(files), WORKSHOP_FILES);
      // The record's hashes change with every template edit: the content they hash is in the snapshot.
      files['.yo-rc.json'] = files['.yo-rc.json'].replace(/"sha256": "[0-9a-f]{64}"/g, '"sha256": "…"');
      assertMatchesSnapshot('app-defaults', files);
    });

    it('asks nothing', () => {
      assert.deepEqual(result.askedQuestions, []);
    });

    it('stores only what the user chose (here --lang): defaults stay defaults, so a later run reads afresh', () => {
      const { files, ...stored } = JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))['generator-python-docker'];
      assert.deepEqual(stored, { lang: 'en', schema: 3 });
      // Beside the choices, the record of what was written (the re-run rules: test/generators/rerun.test.ts).
      assert.deepEqual(Object.keys(files).sort(), ['.dockerignore', 'Dockerfile', 'Dockerfile.bad', 'Dockerfile.better', 'Dockerfile.multistage', 'WORKSHOP.md', 'compare.py', 'main.py', 'requirements.txt']);
    });

    it('pins Flask and gunicorn releases without known CVEs', () => {
      result.assertFileContent('requirements.txt', /^Flask==3\.1\.(3|[4-9])$/m);
      result.assertFileContent('requirements.txt', /^gunicorn==(2[3-9]|[3-9]\d)\.\d+\.\d+$/m);
    });

    it('keeps every Dockerfile free of a # syntax= line (it needs a registry)', () => {
      for (const file of ['Dockerfile', 'Dockerfile.bad', 'Dockerfile.better', 'Dockerfile.multistage']) {
        result.assertNoFileContent(file, /^#\s*syntax\s*=/m);
      }
    });
  });

  it('asks every question without --defaults and uses the answers', async () => {
    await runGenerator('app').withAnswers({
      pythonVersion: '3.13',
      baseVariant: 'slim',
      port: '8080',
      wsgiApp: 'web.server:api',
      workers: '2',
      uid: '2000',
      gid: '3000',
      lang: 'en',
      compose: false,
      git: false,
    });
    assert.deepEqual(
      result.askedQuestions.map((question) => question.name),
      ['lang', 'pythonVersion', 'baseVariant', 'port', 'wsgiApp', 'workers', 'uid', 'gid', 'compose', 'git'],
      'the language first, so every later question is in it',
    );
    result.assertFile(['web/server.py', 'web/__init__.py']);
    result.assertNoFile('main.py');
    result.assertFileContent('web/server.py', /^api = Flask\(__name__\)$/m);
    result.assertFileContent('web/server.py', /"PORT", "8080"/);
    result.assertFileContent('Dockerfile', /^FROM python:3\.13-slim$/m);
    result.assertFileContent('Dockerfile', /^EXPOSE 8080$/m);
    result.assertFileContent('Dockerfile', /^USER 2000:3000$/m);
    result.assertFileContent('Dockerfile', /--gid 3000 app/);
    result.assertFileContent('Dockerfile', /--uid 2000 --gid app/);
    result.assertFileContent('Dockerfile', /WEB_CONCURRENCY=2 /);
    result.assertFileContent('Dockerfile', /"0\.0\.0\.0:8080".*"web\.server:api"\]$/m);
    result.assertFileContent('Dockerfile', /HTTPConnection\('127\.0\.0\.1', 8080,/);
    result.assertFileContent('Dockerfile.bad', /^CMD \["python", "web\/server\.py"\]$/m);
  });

  it('offers compose.yaml, built from the production Dockerfile', async () => {
    await runGenerator('app').withOptions({ defaults: true, compose: true });
    result.assertFileContent('compose.yaml', /^\s+dockerfile: Dockerfile$/m);
    result.assertFileContent('compose.yaml', /"5000:5000"/);
    result.assertNoFileContent('compose.yaml', /develop:/);
  });

  it('scaffolds an app factory when the WSGI answer calls one', async () => {
    await runGenerator('app').withOptions({ defaults: true, 'wsgi-app': 'main:create_app()' });
    result.assertFileContent('main.py', /^def create_app\(\):$/m);
    result.assertFileContent('main.py', /create_app\(\)\.run\(host="0\.0\.0\.0"/);
    result.assertFileContent('Dockerfile', /"main:create_app\(\)"\]$/m);
  });

  it('writes Alpine package and user commands for --base-variant alpine', async () => {
    await runGenerator('app').withOptions({ defaults: true, 'base-variant': 'alpine' });
    result.assertFileContent('Dockerfile', /^FROM python:3\.14-alpine$/m);
    result.assertFileContent('Dockerfile', /addgroup -S -g 10001 app/);
    result.assertFileContent('Dockerfile', /adduser -S -D -u 10001 -G app -h \/home\/app/);
    result.assertNoFileContent('Dockerfile', /useradd|apt-get/);
    result.assertFileContent('Dockerfile.multistage', /apk add --no-cache build-base/);
    result.assertFileContent('Dockerfile.bad', /^FROM python:3\.14$/m);
  });

  it('uses the full image everywhere with --base-variant full', async () => {
    await runGenerator('app').withOptions({ defaults: true, 'base-variant': 'full' });
    result.assertFileContent('Dockerfile', /^FROM python:3\.14$/m);
  });

  it('still reproduces the original note on Python 3.10 (end of life: warned, not refused)', async () => {
    await runGenerator('app').withOptions({ defaults: true, 'python-version': '3.10' });
    result.assertFileContent('Dockerfile.bad', /^FROM python:3\.10$/m);
    result.assertFileContent('Dockerfile', /^FROM python:3\.10-slim$/m);
  });

  describe('in an existing Python project', () => {
    const userRequirements = 'Django==5.2.8\npsycopg2==2.9.10\n';
    // A script that serves HTTP itself (a kind the generator runs with python), not one it cannot tell serves anything.
    const mine = 'from http.server import BaseHTTPRequestHandler, HTTPServer\nHTTPServer(("", 8000), BaseHTTPRequestHandler).serve_forever()\n';
    before(async () => {
      await runGenerator('app')
        .doInDir((dir) => {
          writeFileSync(join(dir, 'requirements.txt'), userRequirements);
          writeFileSync(join(dir, 'app.py'), mine);
        })
        .withOptions({ defaults: true });
    });

    it('adds Docker files only and leaves the code and requirements alone', () => {
      result.assertNoFile(['main.py', 'WORKSHOP.md']);
      assert.equal(readFileSync(join(result.cwd, 'requirements.txt'), 'utf8'), userRequirements);
      assert.equal(readFileSync(join(result.cwd, 'app.py'), 'utf8'), mine);
      result.assertFile(['Dockerfile', 'Dockerfile.multistage', '.dockerignore']);
    });

    it('gives compiled packages their headers in the builder and libraries at run time', () => {
      // libpq-dev and the compilers come with the full python image the builder starts from.
      // psycopg2 2.9.10 publishes source only and predates Python 3.14, so 3.13 is chosen (issue 10.4).
      result.assertFileContent('Dockerfile.multistage', /^FROM python:3\.13 AS builder$/m);
      result.assertNoFileContent('Dockerfile.multistage', /apt-get install -y --no-install-recommends build-essential/);
      // The runtime stage installs what the built modules link to (libpq5 here), found by ldd.
      result.assertFileContent('Dockerfile.multistage', /xargs -a \/tmp\/missing\.txt apt-get install -y --no-install-recommends/);
      // The single-stage Dockerfile still compiles in one layer and keeps the table's libpq5.
      result.assertFileContent('Dockerfile', /apt-get install -y --no-install-recommends build-essential libpq-dev libpq5\b/);
    });
  });
});
