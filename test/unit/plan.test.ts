import assert from 'node:assert/strict';
import { DEFAULT_ANSWERS } from '../../lib/state/answers.js';
import { osPackagesFor } from '../../lib/tables/native-deps.js';
import { buildPlaceholder } from '../../lib/decide/django-plan.js';
import { APP_KINDS } from '../../lib/tables/app-kinds.js';
import { execForm, GRACEFUL_TIMEOUT_S, serverArgs, serverForEntry } from '../../lib/decide/server-command.js';
import { planDocker, type ProjectInput, shellLines, writableDirs } from '../../lib/decide/plan.js';
import { literalCommand } from '../../lib/decide/sinks.js';
import { en } from '../../lib/messages/en.js';
import { zhCN } from '../../lib/messages/zh-CN.js';
import { sampleLayout } from '../../lib/decide/sample.js';
import { splitSettingsDjango } from '../helpers/django.js';

const today = new Date('2026-11-28T00:00:00Z');

function project(packages: string[], overrides: Partial<ProjectInput> = {}): ProjectInput {
  return {
    dependencies: { manager: 'pip', files: ['requirements.txt'], requirementsFile: 'requirements.txt', installsProject: false, packages, reasonParts: [] },
    server: 'gunicorn',
    scriptEntry: 'main.py',
    sample: true,
    ...overrides,
  };
}
const sample = project(['Flask', 'gunicorn']);

describe('planDocker', () => {
  it('plans the workshop defaults', () => {
    const plan = planDocker(DEFAULT_ANSWERS, sample, today);
    assert.deepEqual(plan.images, { full: 'python:3.14', runtime: 'python:3.14-slim' });
    assert.equal(plan.alpine, false);
    assert.deepEqual(plan.buildPackages, ['build-essential']);
    assert.deepEqual(plan.runtimePackages, []);
    assert.deepEqual(plan.addedPackages, []);
    assert.equal(
      plan.serverCommand,
      '["gunicorn", "--bind", "0.0.0.0:5000", "--worker-tmp-dir", "/dev/shm", "--graceful-timeout", "5", "--access-logfile", "-", "main:app"]',
    );
    assert.equal(plan.devCommand, '["python", "main.py"]');
    assert.equal(plan.devCommandIsScript, true);
    assert.equal(plan.healthcheckArgs.length, 3);
    assert.match(plan.healthcheckArgs[2]!, /HTTPConnection\('127\.0\.0\.1', 5000, timeout=2\)/);
    assert.deepEqual(plan.install.single.dependencyCommands, ['pip install --no-cache-dir -r requirements.txt']);
    // One pass with uv in the production files: it checks hashes and builds sdists itself.
    assert.deepEqual(plan.install.builder.dependencyCommands, ['python -m venv --without-pip /opt/venv', 'uv pip install --python /opt/venv/bin/python --compile-bytecode -r requirements.txt']);
    assert.deepEqual(plan.install.builder.cacheMounts, ['--mount=type=cache,target=/root/.cache/uv']);
    assert.deepEqual(plan.install.production.dependencyCommands, ['uv pip install --system --compile-bytecode -r requirements.txt']);
    assert.deepEqual(plan.steps.uvStage?.commands, ['pip install --target /uv uv==0.13.9']);
    assert.deepEqual(plan.steps.builderUv?.commands, ['pip install uv==0.13.9']);
    assert.deepEqual(plan.install.single.cacheMounts, [], 'Dockerfile.better keeps the --no-cache-dir lesson');
    assert.deepEqual(plan.builder, { image: 'python:3.14', packages: [], scanRuntimeLibraries: true });
    assert.deepEqual(plan.warnings, []);
  });

  it('builds in the full image: apt-get only for headers it lacks; Alpine keeps its own builder', () => {
    assert.deepEqual(planDocker(DEFAULT_ANSWERS, project(['psycopg2', 'mysqlclient']), today).builder.packages, []);
    assert.deepEqual(planDocker(DEFAULT_ANSWERS, project(['psycopg2', 'pyodbc', 'pycairo']), today).builder.packages, ['libcairo2-dev', 'unixodbc-dev']);
    const alpine = planDocker({ ...DEFAULT_ANSWERS, baseVariant: 'alpine' }, project(['psycopg2']), today);
    assert.deepEqual(alpine.builder, { image: 'python:3.14-alpine', packages: ['build-base', 'postgresql-dev'], scanRuntimeLibraries: false });
    assert.deepEqual(alpine.aptCacheMounts, []);
  });

  it('stops within docker stop\'s 10 s: graceful timeouts of 5 s for gunicorn and uvicorn', () => {
    assert.ok(GRACEFUL_TIMEOUT_S < 10);
    assert.deepEqual(serverArgs('uvicorn', 'main:app', 8000, 'main.py'), ['uvicorn', '--host', '0.0.0.0', '--port', '8000', '--timeout-graceful-shutdown', '5', 'main:app']);
    assert.ok(serverArgs('gunicorn', 'main:app', 8000, 'main.py').join(' ').includes('--graceful-timeout 5'));
  });

  it('uses the chosen variant for runtime images but always the full image for the bad step', () => {
    assert.deepEqual(planDocker({ ...DEFAULT_ANSWERS, baseVariant: 'alpine', pythonVersion: '3.13' }, sample, today).images, {
      full: 'python:3.13',
      runtime: 'python:3.13-alpine',
    });
    assert.deepEqual(planDocker({ ...DEFAULT_ANSWERS, baseVariant: 'full' }, sample, today).images, {
      full: 'python:3.14',
      runtime: 'python:3.14',
    });
  });

  it('adds build headers and runtime libraries for packages that compile', () => {
    const plan = planDocker(DEFAULT_ANSWERS, project(['Flask', 'psycopg2', 'mysqlclient']), today);
    assert.deepEqual(plan.buildPackages, ['build-essential', 'default-libmysqlclient-dev', 'libpq-dev', 'pkg-config']);
    assert.deepEqual(plan.runtimePackages, ['libmariadb3', 'libpq5']);
    assert.deepEqual(plan.nativePackages, ['mysqlclient', 'psycopg2']);
    const alpine = planDocker({ ...DEFAULT_ANSWERS, baseVariant: 'alpine' }, project(['psycopg2']), today);
    assert.deepEqual(alpine.buildPackages, ['build-base', 'postgresql-dev']);
    assert.deepEqual(alpine.runtimePackages, ['libpq']);
  });

  it('does not treat psycopg2-binary as a compile', () => {
    assert.deepEqual(osPackagesFor(['psycopg2-binary'], 'debian'), { build: [], runtime: [], matched: [] });
    assert.deepEqual(osPackagesFor(['Psycopg2'], 'debian').matched, ['psycopg2']);
  });

  it('warns on Alpine about packages with no musllinux wheel, and only there', () => {
    const packages = project(['torch', 'numpy', 'opencv_python_headless']);
    const alpine = planDocker({ ...DEFAULT_ANSWERS, baseVariant: 'alpine' }, packages, today);
    assert.deepEqual(alpine.warnings, [{ kind: 'noMuslWheel', packages: ['torch', 'opencv-python-headless'] }]);
    assert.match(en.text.planWarning(alpine.warnings[0]), /torch, opencv-python-headless publish no musllinux wheel/);
    assert.match(zhCN.text.planWarning(alpine.warnings[0]), /torch、opencv-python-headless 没有发布 musllinux wheel/);
    assert.deepEqual(planDocker(DEFAULT_ANSWERS, packages, today).warnings, []);
  });

  it('warns about an end-of-life Python', () => {
    const plan = planDocker({ ...DEFAULT_ANSWERS, pythonVersion: '3.10' }, sample, today);
    assert.deepEqual(plan.warnings, [{ kind: 'endOfLife', minor: '3.10', date: '2026-10-31' }]);
    assert.match(en.text.planWarning(plan.warnings[0]), /^Python 3\.10 reached end of life on 2026-10-31/);
  });

  it('installs the server the command needs when the project does not depend on it', () => {
    const plan = planDocker(DEFAULT_ANSWERS, project(['Django'], { sample: false }), today);
    assert.deepEqual(plan.addedPackages, ['gunicorn==27.0.1']);
    assert.deepEqual(plan.install.single.dependencyCommands.at(-1), 'pip install --no-cache-dir gunicorn==27.0.1');
    const asgi = planDocker(DEFAULT_ANSWERS, project(['fastapi'], { server: 'uvicorn', sample: false }), today);
    assert.deepEqual(asgi.addedPackages, ['uvicorn==0.54.0']);
    assert.deepEqual(planDocker(DEFAULT_ANSWERS, project(['fastapi', 'uvicorn[standard]'], { server: 'uvicorn' }), today).addedPackages, []);
  });

  it('runs the production server in the teaching files of a real project', () => {
    const plan = planDocker(DEFAULT_ANSWERS, project(['flask', 'gunicorn'], { sample: false }), today);
    assert.equal(plan.devCommand, plan.serverCommand);
    assert.equal(plan.devCommandIsScript, false);
  });
});

describe('servers', () => {
  it('maps entry points to servers', () => {
    assert.equal(serverForEntry('wsgi'), 'gunicorn');
    assert.equal(serverForEntry('django'), 'gunicorn');
    assert.equal(serverForEntry('asgi'), 'uvicorn');
    assert.equal(serverForEntry('script'), 'python');
    assert.equal(serverForEntry(undefined), 'gunicorn');
    // The app's kind decides where the table says so (lib/tables/app-kinds.ts).
    assert.equal(serverForEntry('asgi', 'sanic'), 'sanic');
    assert.equal(serverForEntry('script', 'streamlit'), 'streamlit');
    assert.equal(serverForEntry('script', 'gradio'), 'python');
    assert.equal(serverForEntry('aiohttp', 'aiohttp'), 'gunicorn');
  });

  it('builds each server command', () => {
    assert.deepEqual(serverArgs('uvicorn', 'api:create_app()', 8000, 'main.py'), [
      'uvicorn', '--host', '0.0.0.0', '--port', '8000', '--timeout-graceful-shutdown', '5', '--factory', 'api:create_app',
    ]);
    assert.deepEqual(serverArgs('gunicorn', 'flaskr:create_app()', 8080, 'x.py').at(-1), 'flaskr:create_app()');
    assert.deepEqual(serverArgs('python', 'ignored', 8000, 'bot.py'), ['python', 'bot.py']);
    assert.deepEqual(serverArgs('sanic', 'src.server:create_app()', 8000, 'x.py', { workers: 2 }), [
      'sanic', '--host', '0.0.0.0', '--port', '8000', '--workers', '2', '--access-logs', '--factory', 'src.server:create_app',
    ]);
    assert.deepEqual(serverArgs('streamlit', 'ignored', 8501, 'streamlit_app.py'), [
      'streamlit', 'run', 'streamlit_app.py', '--server.address', '0.0.0.0', '--server.port', '8501', '--server.headless', 'true', '--server.fileWatcherType', 'none',
    ]);
  });

  it('gives gunicorn the kind\'s worker class, and an aiohttp async factory without its parentheses', () => {
    const aiohttp = APP_KINDS.find((kind) => kind.id === 'aiohttp')!;
    assert.deepEqual(serverArgs('gunicorn', 'chat.main:init_app()', 8080, 'x.py', { kind: aiohttp, asyncFactory: true }).slice(-3), [
      '--worker-class', 'aiohttp.GunicornWebWorker', 'chat.main:init_app',
    ]);
    assert.deepEqual(serverArgs('gunicorn', 'chat.main:make_app()', 8080, 'x.py', { kind: aiohttp }).at(-1), 'chat.main:make_app()');
    // The worker class is the kind's with its own server only: --server uvicorn gets none.
    assert.ok(!serverArgs('uvicorn', 'chat.main:app', 8080, 'x.py', { kind: aiohttp }).includes('--worker-class'));
  });

  it('writes exec form the way people do, and joins RUN lines', () => {
    assert.equal(execForm(['python', '-c', 'print("hi")']), '["python", "-c", "print(\\"hi\\")"]');
    assert.equal(shellLines([literalCommand('a'), literalCommand('b')]), 'a \\\n && b');
  });
});

describe('sampleLayout', () => {
  it('puts the app where the WSGI answer says', () => {
    assert.deepEqual(sampleLayout('main:app'), { moduleFile: 'main.py', packageInits: [], variable: 'app', factory: false });
    assert.deepEqual(sampleLayout('web.api.server:create_app()'), {
      moduleFile: 'web/api/server.py',
      packageInits: ['web/__init__.py', 'web/api/__init__.py'],
      variable: 'create_app',
      factory: true,
    });
  });
});

describe('planDocker: what a real app needs at start', () => {
  const django = splitSettingsDjango({
    SECRET_KEY: { variable: 'DJANGO_SECRET_KEY', required: true, commaList: false, source: 'config/settings/production.py:3' },
  });
  const requiredEnv = [
    { name: 'DJANGO_SECRET_KEY', source: 'config/settings/production.py:3', how: 'env("DJANGO_SECRET_KEY")' },
    { name: 'DATABASE_URL', source: 'config/settings/base.py:8', how: 'env.db("DATABASE_URL")' },
    { name: 'SENTRY_DSN', source: 'shop/monitoring.py:2', how: 'os.environ["SENTRY_DSN"]' },
  ];

  it('collectstatic with build-only placeholders for what the settings need, on the RUN line only', () => {
    const plan = planDocker(DEFAULT_ANSWERS, project(['django'], { sample: false, django, requiredEnv }), today);
    assert.equal(plan.django?.collectstatic, 'DJANGO_SECRET_KEY=build-only-placeholder DATABASE_URL=sqlite:////tmp/build-only.sqlite3 python manage.py collectstatic --noinput');
    // SENTRY_DSN is read outside the settings: collectstatic does not import it.
    assert.deepEqual(plan.django?.placeholders.map(([name]) => name), ['DJANGO_SECRET_KEY', 'DATABASE_URL']);
    assert.equal(plan.django?.settingsModuleEnv, 'config.settings.production');
    assert.deepEqual(plan.django?.migrateArgs, ['python', 'manage.py', 'migrate', '--noinput']);
    assert.ok(!plan.serverCommand.includes('migrate'), 'migrations never in CMD');
    assert.deepEqual(plan.requiredEnv.map((read) => read.name), ['DJANGO_SECRET_KEY', 'DATABASE_URL', 'SENTRY_DSN']);
  });

  it('no collectstatic without STATIC_ROOT, and no settings ENV when manage.py agrees with the server', () => {
    const plan = planDocker(DEFAULT_ANSWERS, project(['django'], { sample: false, django: { ...django, staticRoot: undefined, manageDefault: undefined } }), today);
    assert.equal(plan.django?.collectstatic, undefined);
    assert.equal(plan.django?.settingsModuleEnv, undefined);
  });

  it('placeholders shaped after the variable, visibly not secrets', () => {
    assert.deepEqual(
      ['DATABASE_URL', 'REDIS_URL', 'SENTRY_DSN_URL', 'DJANGO_DEBUG', 'DJANGO_ALLOWED_HOSTS', 'SECRET_KEY'].map(buildPlaceholder),
      ['sqlite:////tmp/build-only.sqlite3', 'redis://127.0.0.1:6379/0', 'http://127.0.0.1/', 'False', 'localhost', 'build-only-placeholder'],
    );
  });

  it('the working directory and the folders the app writes belong to the app user; nothing when it writes nothing', () => {
    assert.deepEqual(writableDirs([]), []);
    assert.deepEqual(writableDirs([{ path: 'instance/', source: 'a.py:1' }, { path: 'app.db', source: 'b.py:2' }, { path: 'logs/', source: 'c.py:3' }]), ['/app', '/app/instance', '/app/logs']);
    const plan = planDocker(DEFAULT_ANSWERS, project(['flask'], { sample: false, writes: [{ path: 'instance/', source: 'flaskr/__init__.py:9' }] }), today);
    assert.deepEqual(plan.writablePaths, ['instance/']);
    assert.deepEqual(plan.writableDirs, ['/app', '/app/instance']);
    assert.equal(planDocker(DEFAULT_ANSWERS, sample, today).writableDirs.length, 0);
  });

  it('says it in both languages', () => {
    const plan = planDocker(DEFAULT_ANSWERS, project(['django'], { sample: false, django, requiredEnv, writes: [{ path: 'logs/', source: 'x.py:1' }] }), today);
    for (const messages of [en, zhCN]) {
      const said = messages.text.runtimeNeeds(plan).join('\n');
      for (const expected of ['DJANGO_SECRET_KEY', 'collectstatic', 'manage.py migrate', '-v logs:/app/logs']) assert.ok(said.includes(expected), `${messages.lang}: ${expected}`);
      const comment = messages.comments.runtimeNeeds(plan);
      for (const expected of ['SENTRY_DSN', 'manage.py migrate']) assert.ok(comment.includes(expected), `${messages.lang}: ${expected}`);
    }
  });
});
