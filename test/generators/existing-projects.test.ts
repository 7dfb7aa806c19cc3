/**
 * `yo python-docker` and its sub-generators on projects we did not write (test/fixtures/projects):
 * what they read, what they write, and that the user's files are never touched.
 */
import assert from 'node:assert/strict';
import { cpSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { result } from 'yeoman-test';
import { FIXTURES } from '../helpers/paths.js';
import { type RunOptions, runGenerator } from '../helpers/run.js';

const fixture = (name: string) => join(FIXTURES, 'projects', name);

function snapshotFiles(root: string, dir = root): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? Object.entries(snapshotFiles(root, path)) : [[relative(root, path), readFileSync(path, 'utf8')]];
    }),
  );
}

async function runOn(name: string, generator: 'app' | 'dockerfile' | 'multistage' | 'dockerignore' = 'app', options: RunOptions<'dockerfile'> = {}) {
  await runGenerator(generator)
    .doInDir((dir) => cpSync(fixture(name), dir, { recursive: true }))
    .withOptions({ defaults: true, ...options });
}

const DOCKER_FILES = new Set(['.dockerignore', '.yo-rc.json', 'Dockerfile', 'Dockerfile.multistage']);

describe('existing projects', () => {
  for (const name of ['flask-custom-name', 'flask-factory', 'django', 'fastapi', 'native-deps', 'uv', 'poetry', 'pipenv', 'pep621', 'plain-script']) {
    it(`${name}: app adds Docker files only and leaves every project file as it was`, async () => {
      const before = snapshotFiles(fixture(name));
      await runOn(name);
      const after = snapshotFiles(result.cwd);
      for (const [file, content] of Object.entries(before)) assert.equal(after[file], content, `${file} untouched`);
      const added = Object.keys(after).filter((file) => !(file in before));
      assert.deepEqual(added.sort(), [...DOCKER_FILES].filter((file) => !(file in before)).sort());
    });
  }

  it('flask-custom-name: serves the app object under its own name, on the port the code states', async () => {
    await runOn('flask-custom-name');
    result.assertFileContent('Dockerfile', /^CMD \["gunicorn", "--bind", "0\.0\.0\.0:5000", .*"myapp\.web:server"\]$/m);
  });

  it('flask-factory: calls the factory, with its gunicorn.conf.py in force (it binds 0.0.0.0:8080: no flag added)', async () => {
    await runOn('flask-factory');
    result.assertFileContent('Dockerfile', /^CMD \["gunicorn", "flaskr:create_app\(\)"\]$/m);
    result.assertFileContent('Dockerfile', /^EXPOSE 8080$/m);
  });

  it('django: gunicorn on WSGI_APPLICATION, Python from runtime.txt', async () => {
    await runOn('django');
    result.assertFileContent('Dockerfile', /"mysite\.wsgi:application"\]$/m);
    result.assertFileContent('Dockerfile', /^FROM python:3\.12\.8-slim$/m);
  });

  it('fastapi: uvicorn, on the port uvicorn.run states', async () => {
    await runOn('fastapi');
    result.assertFileContent('Dockerfile', /^CMD \["uvicorn", "--host", "0\.0\.0\.0", "--port", "8000", "--timeout-graceful-shutdown", "5", "main:app"\]$/m);
    result.assertFileContent('Dockerfile', /^EXPOSE 8000$/m);
  });

  it('uv: a locked, dependency-only sync before the code, Python from .python-version', async () => {
    await runOn('uv');
    result.assertFileContent('Dockerfile', /^FROM python:3\.13-slim$/m);
    result.assertFileContent('Dockerfile', /^COPY pyproject\.toml uv\.lock \.\/$/m);
    result.assertFileContent('Dockerfile', /uv sync --locked --no-dev --no-install-project(?! --no-cache)/);
    result.assertFileContent('Dockerfile', /--mount=type=cache,target=\/root\/\.cache\/uv/);
    result.assertFileContent('Dockerfile.multistage', /^COPY --from=builder \/opt\/venv \/opt\/venv$/m);
  });

  it('poetry: exports the main group from poetry.lock and installs it with pip', async () => {
    await runOn('poetry');
    result.assertFileContent('Dockerfile', /^COPY pyproject\.toml poetry\.lock \.\/$/m);
    result.assertFileContent('Dockerfile', /poetry export --only main --format requirements\.txt/);
  });

  it('pipenv: exports Pipfile.lock and installs it with pip', async () => {
    await runOn('pipenv');
    result.assertFileContent('Dockerfile', /^COPY Pipfile Pipfile\.lock \.\/$/m);
    result.assertFileContent('Dockerfile', /\/tmp\/tool\/bin\/pipenv requirements > \/tmp\/requirements\.txt/);
    result.assertFileContent('Dockerfile', /"wsgi:application"\]$/m);
  });

  it('pep621: dependencies first, then the project itself without them', async () => {
    await runOn('pep621');
    result.assertFileContent('Dockerfile', /^COPY pyproject\.toml \.\/$/m);
    result.assertFileContent('Dockerfile', /pip install --no-deps \.$/m);
  });

  it('native-deps: headers in the builder, shared libraries at run time, compilers removed in the single stage', async () => {
    await runOn('native-deps');
    // The full python image already has these headers: no apt-get in the builder; the runtime
    // stage installs what ldd finds the built modules linking to.
    result.assertFileContent('Dockerfile.multistage', /^FROM python:3\.14 AS builder$/m);
    result.assertNoFileContent('Dockerfile.multistage', /build-essential/);
    result.assertFileContent('Dockerfile.multistage', /-exec ldd \{\} \\;/);
    result.assertFileContent('Dockerfile.multistage', /--mount=type=bind,from=builder,source=\/tmp\/runtime-packages\.txt/);
    result.assertFileContent('Dockerfile', /apt-get purge -y --auto-remove build-essential default-libmysqlclient-dev libpq-dev pkg-config/);
  });

  it('plain-script: runs the script, and adds no server', async () => {
    await runOn('plain-script');
    result.assertFileContent('Dockerfile', /^CMD \["python", "main\.py"\]$/m);
    result.assertNoFileContent('Dockerfile', /gunicorn==|uvicorn==/);
  });

  it('adds the server the command needs when the project lacks it', async () => {
    await runOn('fastapi', 'dockerfile', { server: 'gunicorn', 'wsgi-app': 'main:app' });
    result.assertFileContent('Dockerfile', /pip install --no-index --find-links \/root\/\.cache\/pip\/wheelhouse gunicorn==27\.0\.1$/m);
  });

  it('every decision can be overridden by an option', async () => {
    await runOn('uv', 'dockerfile', { 'python-version': '3.14', port: '9000', 'wsgi-app': 'main:app', server: 'uvicorn' });
    result.assertFileContent('Dockerfile', /^FROM python:3\.14-slim$/m);
    result.assertFileContent('Dockerfile', /"--port", "9000"/);
  });

  it('refuses an unknown --server', async () => {
    await assert.rejects(runOn('uv', 'dockerfile', { server: 'waitress' }), /Invalid --server: server must be one of gunicorn, uvicorn, sanic, streamlit, python, got "waitress"/);
  });

  for (const [name, message] of [
    ['malformed-pyproject', /^UsageError: pyproject\.toml: invalid TOML at line 6/],
    ['malformed-pipfile', /^UsageError: Pipfile: invalid TOML at line 6/],
    ['bad-requirements-garbage', /^UsageError: requirements\.txt: line 3: /],
    ['bad-requirements-missing-include', /^UsageError: requirements\.txt: line 2: -r requirements\/prod\.txt: file not found/],
  ] as const) {
    it(`${name}: a one-line error naming the file, and nothing written`, async () => {
      let folder = '';
      await assert.rejects(
        runGenerator('multistage')
          .doInDir((dir) => {
            folder = dir;
            cpSync(fixture(name), dir, { recursive: true });
          })
          .withOptions({ defaults: true }),
        (error: Error) => message.test(String(error)) && !error.message.includes('\n'),
      );
      assert.deepEqual(snapshotFiles(folder), snapshotFiles(fixture(name)));
    });
  }
});
