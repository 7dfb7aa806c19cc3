import assert from 'node:assert/strict';
import { DEFAULT_ANSWERS } from '../../lib/state/answers.js';
import {
  APP_DIR,
  HEALTHCHECK_TIMING,
  imageName,
  planCompose,
  requiredVariable,
} from '../../lib/decide/compose.js';
import { cliEn } from '../../lib/messages/cli-en.js';
import { composeKey, composeValue, shown } from '../../lib/decide/sinks.js';
import { planDocker, type ProjectInput } from '../../lib/decide/plan.js';
import { pythonIsPid1, SERVERS } from '../../lib/decide/server-command.js';
import type { Dependencies } from '../../lib/read/types.js';

const today = new Date('2026-11-28T00:00:00Z');
const pip: Dependencies = { manager: 'pip', files: ['requirements.txt'], requirementsFile: 'requirements.txt', installsProject: false, packages: ['flask', 'gunicorn'], reasonParts: [] };

function project(overrides: Partial<ProjectInput> = {}): ProjectInput {
  return { dependencies: pip, server: 'gunicorn', scriptEntry: 'main.py', sample: false, ...overrides };
}
const plan = (overrides: Partial<ProjectInput> = {}, answers = DEFAULT_ANSWERS) => planDocker(answers, project(overrides), today);
const input = { folderName: 'shop', watch: false, dependencyFiles: ['requirements.txt'] };

describe('compose plan', () => {
  it('defaults: the production image, read-only, workers, the Dockerfile\'s healthcheck, no watch', () => {
    const compose = planCompose(plan(), input);
    assert.equal(compose.service, 'web');
    assert.equal(compose.image, 'shop');
    assert.equal(compose.port, 5000);
    assert.deepEqual(compose.environment, [['WEB_CONCURRENCY', '3']]);
    assert.equal(compose.readOnly, true);
    assert.equal(compose.init, false);
    assert.equal(compose.watch, undefined);
    assert.deepEqual(compose.healthcheck, HEALTHCHECK_TIMING);
    assert.deepEqual(compose.healthcheckTest, ['CMD', ...plan().healthcheckArgs]);
  });

  it('follows the answers: port and workers', () => {
    const compose = planCompose(plan({}, { ...DEFAULT_ANSWERS, port: 8080, workers: 7 }), input);
    assert.equal(compose.port, 8080);
    assert.deepEqual(compose.environment, [['WEB_CONCURRENCY', '7']]);
    assert.match(compose.healthcheckTest[3]!, /'127\.0\.0\.1', 8080,/);
  });

  it('watch with gunicorn: sync to /app with gunicorn --reload, rebuild on the dependency layer, not read-only', () => {
    const compose = planCompose(plan(), { ...input, watch: true });
    assert.equal(compose.readOnly, false);
    assert.deepEqual(compose.watch, {
      codeAction: 'sync',
      minimumCompose: '2.22',
      target: APP_DIR,
      ignore: ['.venv/', 'venv/', '**/__pycache__/', '.pytest_cache/', '.mypy_cache/', '.ruff_cache/', '.tox/', '**/.env', '**/.env.*'],
      rebuild: ['requirements.txt'],
      reloadEnv: [['GUNICORN_CMD_ARGS', '--reload']],
      installsProject: false,
    });
  });

  it('watch with uvicorn: UVICORN_RELOAD', () => {
    const compose = planCompose(plan({ server: 'uvicorn' }), { ...input, watch: true });
    assert.deepEqual(compose.watch?.reloadEnv, [['UVICORN_RELOAD', 'true']]);
    assert.equal(compose.watch?.codeAction, 'sync');
  });

  it('a plain script: init as PID 1, no WEB_CONCURRENCY; watch restarts it (sync+restart, Compose v2.23)', () => {
    const compose = planCompose(plan({ server: 'python' }), { ...input, watch: true });
    assert.equal(compose.init, true);
    assert.deepEqual(compose.environment, []);
    assert.equal(compose.watch?.codeAction, 'sync+restart');
    assert.equal(compose.watch?.minimumCompose, '2.23');
    assert.deepEqual(compose.watch?.reloadEnv, []);
  });

  it('Python as PID 1 is one decision: the Dockerfile\'s STOPSIGNAL SIGINT and compose.yaml\'s init come together, for every server', () => {
    for (const server of SERVERS) {
      const dockerPlan = plan({ server });
      const compose = planCompose(dockerPlan, input);
      assert.equal(compose.init, pythonIsPid1(server), server);
      assert.equal(dockerPlan.stopSignal, pythonIsPid1(server) ? 'SIGINT' : undefined, server);
    }
    assert.deepEqual(SERVERS.filter(pythonIsPid1), ['python']);
  });

  it('rebuild triggers: the files the dependency layer copies, else the dependency files, else none', () => {
    const uv: Dependencies = { manager: 'uv', files: ['pyproject.toml', 'uv.lock'], installsProject: true, packages: [], reasonParts: [] };
    const withUv = planCompose(plan({ dependencies: uv }), { ...input, watch: true, dependencyFiles: uv.files });
    assert.deepEqual(withUv.watch?.rebuild, ['pyproject.toml', 'uv.lock']);
    assert.equal(withUv.watch?.installsProject, true);

    // `-e .` in requirements: no separate dependency layer, but requirements.txt still means a rebuild.
    const editable: Dependencies = { ...pip, installsProject: true };
    assert.deepEqual(planCompose(plan({ dependencies: editable }), { ...input, watch: true }).watch?.rebuild, ['requirements.txt']);

    const none: Dependencies = { manager: 'pip', files: [], installsProject: false, packages: [], reasonParts: [] };
    const script = planCompose(plan({ dependencies: none, server: 'python' }), { ...input, watch: true, dependencyFiles: [] });
    assert.deepEqual(script.watch?.rebuild, []);
    assert.doesNotMatch(cliEn.composeStep(script, 'yo python-docker:compose --no-watch'), /rebuilds the image/);
  });

  it('the message says how to run it, and which Compose the watch variant needs', () => {
    const toggle = 'yo python-docker:compose --watch';
    assert.match(cliEn.composeStep(planCompose(plan(), input), toggle), /docker compose up --build.*http:\/\/localhost:5000\//);
    assert.match(cliEn.composeStep(planCompose(plan(), input), toggle), /docker-compose 1\.29 too\. For code sync while you edit \(Compose v2\.22\+\): `yo python-docker:compose --watch`\.$/m);
    assert.match(cliEn.composeStep(planCompose(plan(), { ...input, watch: true }), 'yo python-docker:compose --no-watch'), /docker compose watch` \(Compose v2\.22\+.*without develop\.watch there: `yo python-docker:compose --no-watch`\.$/m);
  });
});

describe('compose helpers', () => {
  it('imageName: a valid docker image name from any folder name', () => {
    assert.equal(imageName('shop'), 'shop');
    assert.equal(imageName('My Project!'), 'my-project');
    assert.equal(imageName('__weird..name--'), 'weird-name');
    assert.equal(imageName('my_app.v2'), 'my_app.v2');
    assert.equal(imageName('日本'), 'app');
    assert.equal(imageName(''), 'app');
    assert.ok(imageName('a'.repeat(200)).length <= 64);
    for (const name of ['x', 'My Project!', '-a-', 'A__B', 'x'.repeat(100) + '-y']) {
      assert.match(imageName(name), /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/, name);
    }
  });

  it('composeValue: $ doubled against interpolation (the YAML library quotes it); control characters refused', () => {
    assert.equal(composeValue('a $HOME ${X}'), 'a $$HOME $${X}');
    assert.equal(composeValue('say "hi"'), 'say "hi"');
    assert.throws(() => composeValue('a\u2028b', 'app.py:3'), /app\.py:3: "a\\u2028b" cannot be written safely into yaml/);
  });

});

describe('compose plan: what a real app needs at start', () => {
  it('required variables as ${NAME:?...}, named volumes on written folders, a migrate service for Django', () => {
    const django = {
      settingsModule: 'mysite.settings', settingsSource: 'mysite/wsgi.py', settingsFiles: ['mysite/settings.py'],
      staticRoot: 'mysite/settings.py:40', staticfilesApp: true, whitenoise: true,
      settings: { ALLOWED_HOSTS: { variable: 'DJANGO_ALLOWED_HOSTS', required: false, commaList: true, source: 'mysite/settings.py:9' } },
    };
    const compose = planCompose(
      plan({ django, requiredEnv: [{ name: 'DJANGO_SECRET_KEY', source: 'mysite/settings.py:7', how: 'os.environ["DJANGO_SECRET_KEY"]' }], writes: [{ path: 'logs/', source: 'mysite/settings.py:50' }] }),
      input,
    );
    assert.deepEqual(compose.requiredEnv, [
      { name: 'DJANGO_SECRET_KEY', value: '${DJANGO_SECRET_KEY:?set DJANGO_SECRET_KEY: read with no default by mysite/settings.py:7}', source: 'mysite/settings.py:7' },
    ]);
    assert.deepEqual(compose.volumes, [{ name: 'logs', mount: 'logs:/app/logs' }]);
    assert.deepEqual(compose.migrate, { service: 'migrate', command: ['python', 'manage.py', 'migrate', '--noinput'] });
    assert.deepEqual(compose.environment, [['WEB_CONCURRENCY', '3'], ['DJANGO_ALLOWED_HOSTS', 'localhost,127.0.0.1']]);
    assert.equal(compose.readOnly, true, 'folders on volumes keep the root read-only');
    assert.equal(requiredVariable(composeKey('X'), shown('a.py:1')), '${X:?set X: read with no default by a.py:1}');
    assert.equal(requiredVariable(composeKey('X'), shown('a}$b.py:1')), '${X:?set X: read with no default by ab.py:1}', 'no } or $ in the message');
  });

  it('a file written in /app itself (SQLite) turns read_only off', () => {
    const compose = planCompose(plan({ writes: [{ path: 'db.sqlite3', source: 'mysite/settings.py:30' }] }), input);
    assert.deepEqual(compose.writesWorkdir, ['db.sqlite3']);
    assert.equal(compose.readOnly, false);
    assert.deepEqual(planCompose(plan(), input).writesWorkdir, []);
  });
});
