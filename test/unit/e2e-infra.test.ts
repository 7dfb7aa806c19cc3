/** The e2e tier's engine interface: what a shell gets to reach the tier's own engine. */
import assert from 'node:assert/strict';
import { delimiter } from 'node:path';
import { checkSetup, dockerEnv, parseKeyValues } from '../e2e/lib/infra.js';
import { namedVolumes, parseRealSpec } from '../e2e/lib/real-projects.js';

const STDOUT = [
  'DOCKER=/tmp/pydocker-e2e/engine/bin/docker',
  'DOCKER_HOST=unix:///tmp/pydocker-e2e/engine/docker.sock',
  'DOCKER_CONFIG=/tmp/pydocker-e2e/engine/docker-config',
  'ENGINE_VERSION=28.5.2',
  'COMPOSE_VERSION=2.40.3',
  'BUILDX_VERSION=0.29.1',
  'STARTED_ENGINE=1',
  'ENGINE_PIDFILE=/tmp/pydocker-e2e/engine/dockerd.pid',
  'HADOLINT=/var/cache/pydocker-e2e/hadolint/venv-2.15.1/bin/hadolint',
  'IMAGES=standin',
  'PYTHON_VERSIONS=3.14',
].join('\n');

describe('e2e infra: setup.sh answers and dockerEnv()', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('dockerEnv puts the tier CLI first on PATH, sets DOCKER_HOST and DOCKER_CONFIG, drops DOCKER_BUILDKIT', () => {
    process.env.PATH = '/usr/local/bin:/usr/bin';
    process.env.DOCKER_BUILDKIT = '1';
    process.env.DOCKER_HOST = 'unix:///var/run/docker.sock';
    const env = dockerEnv(checkSetup(parseKeyValues(STDOUT), ['3.14'], STDOUT));
    assert.equal(env.PATH, ['/tmp/pydocker-e2e/engine/bin', '/usr/local/bin', '/usr/bin'].join(delimiter));
    assert.equal(env.DOCKER_HOST, 'unix:///tmp/pydocker-e2e/engine/docker.sock');
    assert.equal(env.DOCKER_CONFIG, '/tmp/pydocker-e2e/engine/docker-config');
    assert.equal('DOCKER_BUILDKIT' in env, false);
    assert.equal(process.env.DOCKER_BUILDKIT, '1', 'process.env itself is left alone');
  });

  it('a laptop engine (no DOCKER_HOST from set-up) keeps the user own DOCKER_HOST', () => {
    process.env.DOCKER_HOST = 'unix:///home/me/.docker/run/docker.sock';
    const env = dockerEnv({ DOCKER: '/usr/local/bin/docker', DOCKER_HOST: '', DOCKER_CONFIG: '' });
    assert.equal(env.DOCKER_HOST, 'unix:///home/me/.docker/run/docker.sock');
  });

  it('checkSetup refuses a set-up that names no engine socket or no Compose', () => {
    const without = (key: string) => STDOUT.split('\n').filter((l) => !l.startsWith(`${key}=`)).join('\n');
    for (const key of ['DOCKER_HOST', 'DOCKER_CONFIG', 'COMPOSE_VERSION']) {
      assert.throws(() => checkSetup(parseKeyValues(without(key)), ['3.14'], without(key)), new RegExp(`no ${key}=`));
    }
  });
});

describe('e2e real-project specs: probe headers and status, --read-only runs, paths kept out of the image (issue 20)', () => {
  it('reads the new keys and refuses malformed ones', () => {
    const base = { modelledOn: ['a/b'], covers: ['20.7'], generate: [['dockerfile']], build: ['Dockerfile'] };
    const spec = parseRealSpec('x', JSON.stringify({ ...base, probe: { path: '/', headers: { 'X-Forwarded-Proto': 'https' }, status: 200, body: 'ok' }, readOnly: true, notInImage: ['/app/db.sqlite3'] }));
    assert.deepEqual([spec.probe, spec.readOnly, spec.notInImage], [{ path: '/', headers: { 'X-Forwarded-Proto': 'https' }, status: 200, body: 'ok' }, true, ['/app/db.sqlite3']]);
    assert.throws(() => parseRealSpec('x', JSON.stringify({ ...base, probe: { path: '/', status: 99 } })), /probe\.status must be an HTTP status/);
    assert.throws(() => parseRealSpec('x', JSON.stringify({ ...base, notInImage: ['db.sqlite3'] })), /notInImage paths must be absolute/);
    assert.throws(() => parseRealSpec('x', JSON.stringify({ ...base, probe: { path: '/', header: {} } })), /unknown key "probe\.header"/);
  });

  it('the folders a --read-only run mounts are those the output names with -v NAME:FOLDER', () => {
    const output = '  writes at run time: ~/.cache/, logs/; ... -v cache:/home/app/.cache -v logs:/app/logs\n# To keep it: -v logs:/app/logs';
    assert.deepEqual(namedVolumes(output), ['/home/app/.cache', '/app/logs']);
  });
});
