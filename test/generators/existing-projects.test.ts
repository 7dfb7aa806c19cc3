/**
 * `yo python-docker` and its sub-generators on projects we did not write (test/fixtures/projects):
 * what they read, what they write, and that the user's files are never touched.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
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

  it('pipenv: exports Pipfile.lock (uv runs Pipenv from its cache) and uv installs it', async () => {
    await runOn('pipenv');
    result.assertFileContent('Dockerfile', /^COPY Pipfile Pipfile\.lock \.\/$/m);
    result.assertFileContent('Dockerfile', /uv tool run --from pipenv==[\d.]+ pipenv requirements > \/tmp\/requirements\.txt/);
    result.assertFileContent('Dockerfile', /uv pip install --system --compile-bytecode --no-deps -r \/tmp\/requirements\.txt \\\n && uv pip check --system/);
    result.assertFileContent('Dockerfile', /"wsgi:application"\]$/m);
  });

  it('pep621: dependencies first, then the project itself without them', async () => {
    await runOn('pep621');
    result.assertFileContent('Dockerfile', /^COPY pyproject\.toml \.\/$/m);
    result.assertFileContent('Dockerfile', /uv pip install --system --compile-bytecode --no-deps \.$/m);
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
    result.assertFileContent('Dockerfile', /uv pip install --system --compile-bytecode gunicorn==27\.0\.1$/m);
  });

  it('every decision can be overridden by an option', async () => {
    await runOn('uv', 'dockerfile', { 'python-version': '3.14', port: '9000', 'wsgi-app': 'main:app', server: 'uvicorn' });
    result.assertFileContent('Dockerfile', /^FROM python:3\.14-slim$/m);
    result.assertFileContent('Dockerfile', /"--port", "9000"/);
  });

  it('the project input is computed once per run and values, and shared by every file, the refusal check and the plan', async () => {
    await runOn('native-deps', 'multistage');
    const generator = result.generator as unknown as { targets: Map<string, { input: object }>; projectInput(): object };
    const inputs = [...generator.targets.values()].map((target) => target.input);
    assert.ok(inputs.length >= 2, 'multistage renders its Dockerfile and .dockerignore');
    for (const input of inputs) assert.equal(input, inputs[0], 'one input object for the same values');
    assert.equal(generator.projectInput(), inputs[0]);
  });

  it('refuses --keep with --verify=false: nothing would be kept', async () => {
    await assert.rejects(runOn('uv', 'multistage', { verify: false, keep: true }), /--keep keeps what --verify builds, and this run does not verify: add --verify, or leave out --keep/);
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

  describe('app kinds (lib/tables/app-kinds.ts): the command, port and health check each kind runs with', () => {
    /** Runs a sub-generator on a project made of these files; returns the folder. */
    async function runOnFiles(files: Record<string, string>, generator: 'dockerfile' | 'multistage' = 'dockerfile', options: RunOptions<'dockerfile'> = {}): Promise<string> {
      let folder = '';
      await runGenerator(generator)
        .doInDir((dir) => {
          folder = dir;
          for (const [file, text] of Object.entries(files)) {
            mkdirSync(dirname(join(dir, file)), { recursive: true });
            writeFileSync(join(dir, file), text);
          }
        })
        .withOptions({ defaults: true, ...options });
      return folder;
    }

    it('Streamlit: streamlit run on 8501, headless, health check on /_stcore/health, no server added', async () => {
      await runOnFiles({ 'requirements.txt': 'streamlit\n', 'streamlit_app.py': 'import streamlit as st\nst.write("hi")\n' });
      result.assertFileContent(
        'Dockerfile',
        /^CMD \["streamlit", "run", "streamlit_app\.py", "--server\.address", "0\.0\.0\.0", "--server\.port", "8501", "--server\.headless", "true", "--server\.fileWatcherType", "none"\]$/m,
      );
      result.assertFileContent('Dockerfile', /^EXPOSE 8501$/m);
      result.assertFileContent('Dockerfile', /c\.request\('GET', '\/_stcore\/health'\)/);
      result.assertNoFileContent('Dockerfile', /gunicorn==|uvicorn==/);
      // Streamlit's secrets file is its .env: never in the build context.
      result.assertFileContent('.dockerignore', /^\*\*\/\.streamlit\/secrets\.toml$/m);
    });

    it('Gradio: python runs the file that launches, with the address, port and no telemetry in ENV', async () => {
      await runOnFiles({ 'requirements.txt': 'gradio\n', 'app.py': 'import gradio as gr\ngr.Interface(fn=str.upper, inputs="text", outputs="text").launch()\n' });
      result.assertFileContent('Dockerfile', /^CMD \["python", "app\.py"\]$/m);
      result.assertFileContent('Dockerfile', /GRADIO_SERVER_NAME=0\.0\.0\.0 \\\n\s+GRADIO_SERVER_PORT=7860 \\\n\s+GRADIO_ANALYTICS_ENABLED=False/);
      result.assertFileContent('Dockerfile', /^EXPOSE 7860$/m);
    });

    it('Gradio: a launch() bound to 127.0.0.1 in the code is refused, naming the line; 0.0.0.0 is served', async () => {
      const code = (host: string) => `import gradio as gr\ndemo = gr.Interface(fn=str.upper, inputs="text", outputs="text")\ndemo.launch(server_name="${host}")\n`;
      await assert.rejects(
        runOnFiles({ 'requirements.txt': 'gradio\n', 'app.py': code('127.0.0.1') }),
        /^UsageError: app\.py:3 demo\.launch\(server_name="127\.0\.0\.1"\) listens on 127\.0\.0\.1 only: .*or make it "0\.0\.0\.0", and run again; nothing was written$/,
      );
      await runOnFiles({ 'requirements.txt': 'gradio\n', 'app.py': code('0.0.0.0') });
      result.assertFileContent('Dockerfile', /^CMD \["python", "app\.py"\]$/m);
    });

    it('aiohttp: gunicorn with the aiohttp worker, an async factory named without parentheses, gunicorn added', async () => {
      await runOnFiles({ 'requirements.txt': 'aiohttp\n', 'server.py': 'from aiohttp import web\n\nasync def build():\n    return web.Application()\n' });
      result.assertFileContent('Dockerfile', /"--worker-class", "aiohttp\.GunicornWebWorker", "server:build"\]$/m);
      result.assertFileContent('Dockerfile', /gunicorn==27\.0\.1/);
      result.assertFileContent('Dockerfile', /^EXPOSE 8080$/m);
    });

    it('Sanic: its own server with --factory for a factory, SANIC_GRACEFUL_SHUTDOWN_TIMEOUT set', async () => {
      await runOnFiles({ 'requirements.txt': 'sanic\n', 'server.py': 'from sanic import Sanic\n\ndef create_app():\n    return Sanic("shop")\n' });
      result.assertFileContent('Dockerfile', /^CMD \["sanic", "--host", "0\.0\.0\.0", "--port", "8000", "--workers", "3", "--access-logs", "--factory", "server:create_app"\]$/m);
      result.assertFileContent('Dockerfile', /SANIC_GRACEFUL_SHUTDOWN_TIMEOUT=5/);
    });

    it('a --port or --server flag still wins over the kind', async () => {
      await runOnFiles({ 'requirements.txt': 'dash\n', 'app.py': 'import dash\napp = dash.Dash(__name__)\nserver = app.server\n' }, 'dockerfile', { port: '9000' });
      result.assertFileContent('Dockerfile', /"--bind", "0\.0\.0\.0:9000".*"app:server"\]$/m);
    });

    it('a script of no known kind is refused naming it and the flags; --server python runs it as asked', async () => {
      const files = { 'requirements.txt': 'tornado\n', 'main.py': 'import tornado.web\napp = tornado.web.Application([])\napp.listen(8888)\n' };
      await assert.rejects(runOnFiles(files), (error: Error) => {
        assert.match(error.message, /main\.py may start a server of its own: run it as it is with --server python/);
        assert.match(error.message, /--wsgi-app MODULE:APP; nothing was written$/);
        return !error.message.includes('\n');
      });
      await runOnFiles(files, 'dockerfile', { server: 'python', port: '8888' });
      result.assertFileContent('Dockerfile', /^CMD \["python", "main\.py"\]$/m);
    });

    it('a Dash app with no `server = app.server` is refused with the line to add, in the user\'s language', async () => {
      const files = { 'requirements.txt': 'dash\n', 'board.py': 'from dash import Dash\n\nboard = Dash(__name__)\n' };
      await assert.rejects(runOnFiles(files), /found a Dash app "board" \(board\.py:3\) with no name a server can import: add `server = board\.server` to board\.py/);
      await assert.rejects(runOnFiles(files, 'dockerfile', { lang: 'zh-CN' }), /Dash 应用 "board"（board\.py:3）没有服务器能导入的名字：在 board\.py 里加上 `server = board\.server`/);
    });

    it('a factory that needs arguments is refused naming it', async () => {
      await assert.rejects(
        runOnFiles({ 'requirements.txt': 'flask\n', 'web.py': 'from flask import Flask\n\ndef create_app(config):\n    return Flask(__name__)\n' }),
        /found a Flask app factory "create_app" \(web\.py:3\) that needs arguments/,
      );
    });
  });
});
