/**
 * --verify's parts, each a plain function: reading `docker version`, BuildKit's progress, the run
 * plan from the generator's plan, the probe's answer, and the log's likely cause.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ANSWERS } from '../../../lib/state/answers.js';
import { type ComposePlan, planCompose } from '../../../lib/decide/compose.js';
import { composeKey, composeValue } from '../../../lib/decide/sinks.js';
import { planDocker, type ProjectInput } from '../../../lib/decide/plan.js';
import type { Dependencies } from '../../../lib/read/types.js';
import { BuildProgress, isDockerfileStep, shortStep } from '../../../lib/verify/build-progress.js';
import { type DiagnosisContext, errorExcerpt, exceptionLines, ignoringLine, likelyCause } from '../../../lib/verify/diagnose.js';
import { buildsWithBuildKit, parseVersionJson, versionParts } from '../../../lib/verify/engine.js';
import { loopbackOnly, parseProbe } from '../../../lib/verify/probe.js';
import { placeholderFor, productionRun, runArguments, runFlags, teachingRun } from '../../../lib/verify/run-plan.js';
import { firstResponseMs, mergeLogs, needsBuildKit } from '../../../lib/verify/verify.js';
import { projectModules } from '../../../lib/yeoman/verify-step.js';

const pip: Dependencies = { manager: 'pip', files: ['requirements.txt'], requirementsFile: 'requirements.txt', installsProject: false, packages: ['flask', 'gunicorn'], reasonParts: [] };
const project = (overrides: Partial<ProjectInput> = {}): ProjectInput => ({ dependencies: pip, server: 'gunicorn', scriptEntry: 'app.py', sample: false, ...overrides });
const plan = (overrides: Partial<ProjectInput> = {}) => planDocker({ ...DEFAULT_ANSWERS, wsgiApp: 'app:app' }, project(overrides), new Date('2026-11-28T00:00:00Z'));
const compose = (p = plan()) => planCompose(p, { folderName: 'shop', watch: false, dependencyFiles: ['requirements.txt'] });

describe('verify: the engine', () => {
  it('reads client and server versions from `docker version --format {{json .}}`', () => {
    const up = JSON.stringify({ Client: { Version: '28.2.2' }, Server: { Version: '28.5.2+dfsg4', Components: [{ Name: 'Engine', Version: '28.5.2+dfsg4' }, { Name: 'containerd', Version: '2.1.9' }] } });
    assert.deepEqual(parseVersionJson(up), { client: '28.2.2', server: '28.5.2+dfsg4', serverName: 'Docker Engine' });
    assert.deepEqual(parseVersionJson(JSON.stringify({ Client: { Version: '28.2.2' }, Server: null })), { client: '28.2.2', server: undefined, serverName: undefined });
    const podman = JSON.stringify({ Client: { Version: '5.4.0' }, Server: { Version: '5.4.0', Components: [{ Name: 'Podman Engine', Version: '5.4.0' }] } });
    assert.equal(parseVersionJson(podman).serverName, 'Podman Engine');
    assert.deepEqual(parseVersionJson('not json'), {});
    assert.deepEqual(versionParts('28.5.2+dfsg4'), [28, 5, 2]);
    assert.deepEqual(versionParts('v20.10'), [20, 10, 0]);
    assert.equal(versionParts('dev'), undefined);
  });

  it('BuildKit: CLI 23+ only with buildx; an older CLI with DOCKER_BUILDKIT=1; podman always; DOCKER_BUILDKIT=0 never', () => {
    assert.equal(buildsWithBuildKit({ client: '28.2.2', buildx: true, podman: false, env: {} }), true);
    assert.equal(buildsWithBuildKit({ client: '28.2.2', buildx: false, podman: false, env: {} }), false);
    assert.equal(buildsWithBuildKit({ client: '28.2.2', buildx: false, podman: false, env: { DOCKER_BUILDKIT: '1' } }), false, 'CLI 23+ has no BuildKit of its own without buildx');
    assert.equal(buildsWithBuildKit({ client: '20.10.24', buildx: false, podman: false, env: { DOCKER_BUILDKIT: '1' } }), true);
    assert.equal(buildsWithBuildKit({ client: '20.10.24', buildx: false, podman: false, env: {} }), false);
    assert.equal(buildsWithBuildKit({ client: '5.4.0', buildx: false, podman: true, env: {} }), true);
    assert.equal(buildsWithBuildKit({ client: '28.2.2', buildx: true, podman: false, env: { DOCKER_BUILDKIT: '0' } }), false);
  });

  it('a Dockerfile needs BuildKit when it has RUN --mount', () => {
    assert.equal(needsBuildKit('FROM python:3.14-slim\nRUN --mount=type=cache,target=/root/.cache/pip \\\n    pip install -r requirements.txt\n'), true);
    assert.equal(needsBuildKit('FROM python:3.14-slim\nRUN pip install --no-cache-dir -r requirements.txt\n'), false);
  });
});

describe('verify: BuildKit progress, one event per step', () => {
  it('ends each Dockerfile step once (ran with its time, cached, failed with its last lines), skipping BuildKit\'s own work', () => {
    const progress = new BuildProgress();
    const lines = [
      '#1 [internal] load build definition from Dockerfile',
      '#1 DONE 0.0s',
      '#4 [builder 1/3] FROM docker.io/library/python:3.14',
      '#4 CACHED',
      '#5 [builder 2/3] RUN pip install -r requirements.txt',
      '#5 0.401 Collecting flask',
      '#6 [stage-1 2/4] WORKDIR /app',
      '#6 DONE 0.1s',
      '#5 [builder 2/3] RUN pip install -r requirements.txt',
      '#5 1.234 ERROR: No matching distribution found for flask==99',
      '#5 ERROR: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1',
      '#5 ERROR: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1',
      '#7 exporting to image',
    ];
    const events = lines.map((line) => progress.push(line)).filter((event) => event !== undefined);
    assert.deepEqual(
      events.map((event) => [event.name, event.state, event.seconds]),
      [
        ['[builder 1/3] FROM docker.io/library/python:3.14', 'cached', undefined],
        ['[stage-1 2/4] WORKDIR /app', 'ran', 0.1],
        ['[builder 2/3] RUN pip install -r requirements.txt', 'failed', undefined],
      ],
    );
    assert.deepEqual(progress.failed?.output, ['Collecting flask', 'ERROR: No matching distribution found for flask==99', 'ERROR: process "/bin/sh -c pip install -r requirements.txt" did not complete successfully: exit code: 1']);
    assert.equal(isDockerfileStep('[internal] load metadata for docker.io/library/python:3.14'), false);
    assert.equal(shortStep('[2/2] RUN a \\\n    && b', 90), '[2/2] RUN a \\ && b');
    assert.equal(shortStep(`[2/2] RUN ${'x'.repeat(200)}`, 40).length, 40);
  });
});

describe('verify: the run, as production would', () => {
  it('read-only with /tmp on tmpfs, no network, the image\'s own user, nothing published', () => {
    const run = productionRun(plan(), compose());
    assert.deepEqual(runFlags(run), ['--read-only', '--tmpfs', '/tmp']);
    const args = runArguments(run, 'shop-verify-x', { 'org.pydocker.verify': 'abc' });
    assert.deepEqual(args, ['run', '-d', '--name', 'shop-verify-x', '--network', 'none', '--label', 'org.pydocker.verify=abc', '--read-only', '--tmpfs', '/tmp']);
    assert.ok(!args.includes('-p') && !args.includes('--user') && !args.includes('--privileged'));
  });

  it('required variables get placeholders (listed with where they are read), written folders a volume, compose.yaml\'s ALLOWED_HOSTS', () => {
    const p = plan({ requiredEnv: [{ name: 'DATABASE_URL', source: 'settings.py:9', how: 'env.db("DATABASE_URL")' }, { name: 'API_TOKEN', source: 'app.py:3', how: 'os.environ["API_TOKEN"]' }], writes: [{ path: 'instance/', source: 'app.py:5' }] });
    const run = productionRun(p, compose(p));
    assert.deepEqual(run.placeholders, [
      { name: 'DATABASE_URL', value: 'sqlite:////tmp/build-only.sqlite3'.replace('build-only', 'verify-only'), source: 'settings.py:9' },
      { name: 'API_TOKEN', value: 'verify-only-placeholder', source: 'app.py:3' },
    ]);
    assert.deepEqual(runFlags(run), ['--read-only', '--tmpfs', '/tmp', '-v', '/app/instance', '-e', 'DATABASE_URL=sqlite:////tmp/verify-only.sqlite3', '-e', 'API_TOKEN=verify-only-placeholder']);
    assert.equal(placeholderFor('DEBUG'), 'False');
    // WEB_CONCURRENCY is the image's ENV already; what compose.yaml adds for a run (ALLOWED_HOSTS) is passed.
    const environment: ComposePlan['environment'] = [
      [composeKey('WEB_CONCURRENCY'), composeValue('3')],
      [composeKey('DJANGO_ALLOWED_HOSTS'), composeValue('localhost,127.0.0.1')],
      [composeKey('GREETING'), composeValue('costs $5')],
    ];
    const withHosts = productionRun(p, { ...compose(p), environment });
    assert.deepEqual(withHosts.environment, [['DJANGO_ALLOWED_HOSTS', 'localhost,127.0.0.1'], ['GREETING', 'costs $5']], "compose.yaml's $$ is docker run's $");
    assert.deepEqual(runFlags(withHosts).slice(-4), ['-e', 'DJANGO_ALLOWED_HOSTS=localhost,127.0.0.1', '-e', 'GREETING=costs $5']);
  });

  it('not read-only when the app writes a file in /app itself (as compose.yaml); --init for a plain script', () => {
    const p = plan({ writes: [{ path: 'db.sqlite3', source: 'app.py:4' }] });
    assert.equal(productionRun(p, compose(p)).readOnly, false);
    const script = plan({ server: 'python' });
    assert.deepEqual(runFlags(productionRun(script, compose(script))), ['--read-only', '--tmpfs', '/tmp', '--init']);
  });

  it('the teaching Dockerfiles run as the walkthrough runs them', () => {
    const run = teachingRun(plan());
    assert.equal(run.teaching, true);
    assert.deepEqual(runFlags(run), []);
  });
});

describe('verify: the probe and the log', () => {
  it('reads the probe\'s answer and which address the server listens on', () => {
    const answer = parseProbe('{"status": 200, "error": "", "listening": [{"address": "0.0.0.0", "port": 5000}], "at": 1764756000.25}\n');
    assert.deepEqual(answer, { status: 200, error: '', listening: [{ address: '0.0.0.0', port: 5000 }], atMs: 1764756000250 });
    assert.equal(parseProbe('{"status": null, "error": "ConnectionRefusedError: x", "listening": []}')?.status, undefined);
    assert.equal(parseProbe(''), undefined);
    assert.equal(loopbackOnly([{ address: '127.0.0.1', port: 5000 }], 5000), true);
    assert.equal(loopbackOnly([{ address: '127.0.0.1', port: 5000 }, { address: '::', port: 5000 }], 5000), false);
    assert.equal(loopbackOnly([], 5000), false);
  });

  it('first response: from docker run to the probe\'s answer on its clock, unless that clock is off (then until docker exec returned)', () => {
    assert.equal(firstResponseMs(10_000, 11_200, 11_500), 1_200);
    assert.equal(firstResponseMs(10_000, 9_000, 11_500), 1_500, 'a clock behind the host\'s');
    assert.equal(firstResponseMs(10_000, 99_000, 11_500), 1_500, 'a clock ahead of it');
    assert.equal(firstResponseMs(10_000, undefined, 11_500), 1_500);
  });

  it('merges docker logs -t stdout and stderr in time order', () => {
    const merged = mergeLogs('2026-12-03T10:00:02.000Z second\n', '2026-12-03T10:00:01.000Z first\n2026-12-03T10:00:03.000Z third\n');
    assert.equal(merged, 'first\nsecond\nthird');
  });

  const gunicornCrash = (exception: string[], frames = ['  File "/app/app.py", line 7, in <module>', '    import requests']) =>
    [
      '[2026-12-03 13:45:56 +0000] [1] [INFO] Starting gunicorn 27.0.1',
      '[2026-12-03 13:45:57 +0000] [13] [ERROR] Exception in worker process',
      'Traceback (most recent call last):',
      '  File "/usr/local/lib/python3.14/site-packages/gunicorn/arbiter.py", line 608, in spawn_worker',
      '    worker.init_process()',
      ...frames,
      ...exception,
      '[2026-12-03 13:45:57 +0000] [13] [INFO] Worker exiting (pid: 13)',
      '[2026-12-03 13:45:57 +0000] [14] [ERROR] Exception in worker process',
      'Traceback (most recent call last):',
      ...frames,
      ...exception,
      '[2026-12-03 13:45:58 +0000] [1] [ERROR] Reason: Worker failed to boot.',
    ].join('\n');

  it('shows the first ERROR line, the exception it leads to, and what else is new (not the next worker repeating it)', () => {
    const log = gunicornCrash(["ModuleNotFoundError: No module named 'requests'"]);
    assert.deepEqual(errorExcerpt(log), [
      '[2026-12-03 13:45:57 +0000] [13] [ERROR] Exception in worker process',
      "ModuleNotFoundError: No module named 'requests'",
      '[2026-12-03 13:45:58 +0000] [1] [ERROR] Reason: Worker failed to boot.',
    ]);
    assert.deepEqual(errorExcerpt('[INFO] Booting worker\n"GET / HTTP/1.1" 200\n'), []);
    assert.deepEqual(exceptionLines(['Traceback (most recent call last):', '  File "x", line 1', 'KeyError: \'A\'']), ["KeyError: 'A'"]);
  });

  const context: DiagnosisContext = {
    entryTarget: 'app:app',
    dependencyFiles: ['requirements.txt'],
    projectModules: ['app', 'helpers'],
    dockerignore: ['.git', 'helpers/', '**/__pycache__'],
    workdir: '/app',
    readOnly: true,
    placeholders: [{ name: 'SECRET_KEY', value: 'verify-only-placeholder' }],
  };

  it('a module not found: a dependency the files do not declare, a project module .dockerignore keeps out, the entry point', () => {
    assert.deepEqual(likelyCause(gunicornCrash(["ModuleNotFoundError: No module named 'requests'"]), context), { kind: 'missing-dependency', module: 'requests', files: ['requirements.txt'] });
    assert.deepEqual(likelyCause(gunicornCrash(["ModuleNotFoundError: No module named 'helpers.text'"]), context), { kind: 'project-module', module: 'helpers.text', ignoredBy: 'helpers/' });
    assert.deepEqual(likelyCause(gunicornCrash(["ModuleNotFoundError: No module named 'nosuch'"]), { ...context, entryTarget: 'nosuch:app' }), {
      kind: 'entry-point', module: 'nosuch', target: 'nosuch:app', inProject: false, ignoredBy: undefined,
    });
    assert.deepEqual(likelyCause('ERROR:    Error loading ASGI app. Could not import module "main".', { ...context, entryTarget: 'main:app' })?.kind, 'entry-point');
    assert.deepEqual(likelyCause("[ERROR] Failed to find attribute 'application' in 'app'.", { ...context, entryTarget: 'app:application' }), {
      kind: 'entry-attribute', attribute: 'application', module: 'app', target: 'app:application',
    });
    assert.equal(ignoringLine('helpers', ['# helpers/', '!helpers', '/helpers/**']), '/helpers/**');
    assert.equal(ignoringLine('helpers', ['helpers-old/']), undefined);
  });

  it('a write refused: the folder that needs a volume, or the file in /app itself', () => {
    assert.deepEqual(likelyCause(gunicornCrash(["OSError: [Errno 30] Read-only file system: '/app/cache'"]), context), { kind: 'needs-volume', path: '/app/cache', folder: '/app/cache', readOnly: true });
    assert.deepEqual(likelyCause("PermissionError: [Errno 13] Permission denied: 'logs/app.log'", { ...context, readOnly: false }), {
      kind: 'needs-volume', path: '/app/logs/app.log', folder: '/app/logs', readOnly: false,
    });
    assert.deepEqual(likelyCause("OSError: [Errno 30] Read-only file system: 'visits.log'", context), { kind: 'needs-volume', path: '/app/visits.log', folder: undefined, readOnly: true });
  });

  it('a variable missing: os.environ, django-environ, decouple, pydantic-settings; a placeholder the app refused', () => {
    const frames = ['  File "/app/app.py", line 13, in <dictcomp>', '  File "<frozen os>", line 709, in __getitem__'];
    assert.deepEqual(likelyCause(gunicornCrash(["KeyError: 'API_TOKEN'"], frames), context), { kind: 'missing-variable', name: 'API_TOKEN' });
    assert.equal(likelyCause(gunicornCrash(["KeyError: 'user_id'"], ['  File "/app/app.py", line 3, in <module>', '    row["user_id"]']), context), undefined, 'a KeyError that is not os.environ\'s says nothing');
    assert.deepEqual(likelyCause('django.core.exceptions.ImproperlyConfigured: Set the DATABASE_URL environment variable', context), { kind: 'missing-variable', name: 'DATABASE_URL' });
    assert.deepEqual(likelyCause('decouple.UndefinedValueError: EMAIL_HOST not found. Declare it as envvar or define a default value.', context), { kind: 'missing-variable', name: 'EMAIL_HOST' });
    assert.deepEqual(likelyCause('pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings\napi_key\n  Field required [type=missing, input_value={}, input_type=dict]', context), {
      kind: 'missing-variable', name: 'API_KEY',
    });
    assert.deepEqual(likelyCause('ValueError: SECRET_KEY is too short', context), { kind: 'placeholder-rejected', name: 'SECRET_KEY', value: 'verify-only-placeholder' });
    assert.equal(likelyCause('[INFO] all good', context), undefined);
  });
});

describe('verify: what the diagnosis knows of the project', () => {
  it('its top-level modules (files, packages, src/), never through a symbolic link', () => {
    const root = mkdtempSync(join(tmpdir(), 'pydocker-modules-'));
    writeFileSync(join(root, 'app.py'), '');
    mkdirSync(join(root, 'helpers'));
    writeFileSync(join(root, 'helpers', '__init__.py'), '');
    mkdirSync(join(root, 'src', 'shop'), { recursive: true });
    writeFileSync(join(root, 'src', 'shop', 'web.py'), '');
    mkdirSync(join(root, 'docs'));
    const outside = mkdtempSync(join(tmpdir(), 'pydocker-outside-'));
    writeFileSync(join(outside, 'secret.py'), '');
    symlinkSync(outside, join(root, 'linked'));
    symlinkSync(join(outside, 'secret.py'), join(root, 'linked_file.py'));
    assert.deepEqual(projectModules(root).sort(), ['app', 'helpers', 'shop']);
  });
});
