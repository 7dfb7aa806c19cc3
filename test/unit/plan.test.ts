import assert from 'node:assert/strict';
import { DEFAULT_ANSWERS } from '../../lib/answers.js';
import { osPackagesFor } from '../../lib/native-deps.js';
import { execForm, planDocker } from '../../lib/plan.js';
import { sampleLayout } from '../../lib/sample.js';

const sample = { requirementsFile: 'requirements.txt', packages: ['Flask', 'gunicorn'], scriptEntry: 'main.py' };
const today = new Date('2026-11-28T00:00:00Z');

describe('planDocker', () => {
  it('plans the workshop defaults', () => {
    const plan = planDocker(DEFAULT_ANSWERS, sample, today);
    assert.deepEqual(plan.images, { full: 'python:3.14', runtime: 'python:3.14-slim' });
    assert.equal(plan.alpine, false);
    assert.deepEqual(plan.buildPackages, ['build-essential']);
    assert.deepEqual(plan.runtimePackages, []);
    assert.equal(
      plan.serverCommand,
      '["gunicorn", "--bind", "0.0.0.0:5000", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-", "main:app"]',
    );
    assert.equal(plan.scriptCommand, '["python", "main.py"]');
    assert.match(plan.healthcheckCommand, /http:\/\/127\.0\.0\.1:5000\//);
    assert.deepEqual(plan.warnings, []);
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
    const plan = planDocker(DEFAULT_ANSWERS, { ...sample, packages: ['Flask', 'psycopg2', 'mysqlclient'] }, today);
    assert.deepEqual(plan.buildPackages, ['build-essential', 'default-libmysqlclient-dev', 'libpq-dev', 'pkg-config']);
    assert.deepEqual(plan.runtimePackages, ['libmariadb3', 'libpq5']);
    assert.deepEqual(plan.nativePackages, ['mysqlclient', 'psycopg2']);
    const alpine = planDocker({ ...DEFAULT_ANSWERS, baseVariant: 'alpine' }, { ...sample, packages: ['psycopg2'] }, today);
    assert.deepEqual(alpine.buildPackages, ['build-base', 'postgresql-dev']);
    assert.deepEqual(alpine.runtimePackages, ['libpq']);
  });

  it('does not treat psycopg2-binary as a compile', () => {
    assert.deepEqual(osPackagesFor(['psycopg2-binary'], 'debian'), { build: [], runtime: [], matched: [] });
    assert.deepEqual(osPackagesFor(['Psycopg2'], 'debian').matched, ['psycopg2']);
  });

  it('warns on Alpine about packages with no musllinux wheel, and only there', () => {
    const packages = ['torch', 'numpy', 'opencv_python_headless'];
    const alpine = planDocker({ ...DEFAULT_ANSWERS, baseVariant: 'alpine' }, { ...sample, packages }, today);
    assert.equal(alpine.warnings.length, 1);
    assert.match(alpine.warnings[0], /torch, opencv-python-headless publish no musllinux wheel/);
    assert.deepEqual(planDocker(DEFAULT_ANSWERS, { ...sample, packages }, today).warnings, []);
  });

  it('warns about an end-of-life Python', () => {
    const plan = planDocker({ ...DEFAULT_ANSWERS, pythonVersion: '3.10' }, sample, today);
    assert.match(plan.warnings.join('\n'), /3\.10 reached end of life/);
  });

  it('writes exec form the way people do', () => {
    assert.equal(execForm(['python', '-c', 'print("hi")']), '["python", "-c", "print(\\"hi\\")"]');
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
