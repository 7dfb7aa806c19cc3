import assert from 'node:assert/strict';
import { planInstall } from '../../lib/decide/install.js';
import type { Dependencies } from '../../lib/read/types.js';

const deps = (overrides: Partial<Dependencies>): Dependencies => ({
  manager: 'pip',
  files: ['requirements.txt'],
  requirementsFile: 'requirements.txt',
  installsProject: false,
  packages: [],
  reason: 'test',
  ...overrides,
});

describe('planInstall', () => {
  it('pip: dependency layer from the requirements file, into the system or a venv without pip', () => {
    const system = planInstall(deps({ files: ['requirements.txt', 'requirements/base.txt'] }), 'system', []);
    assert.deepEqual(system.copyFiles, ['requirements.txt', 'requirements/base.txt']);
    assert.deepEqual(system.dependencyCommands, ['pip install --no-cache-dir -r requirements.txt']);
    assert.equal(system.usesVenv, false);
    const venv = planInstall(deps({}), 'venv', ['gunicorn==27.0.1']);
    assert.deepEqual(venv.dependencyCommands, [
      'python -m venv --without-pip /opt/venv',
      'pip --python /opt/venv/bin/python install --no-cache-dir -r requirements.txt',
      'pip --python /opt/venv/bin/python install --no-cache-dir gunicorn==27.0.1',
    ]);
  });

  it('pip with -e . in the requirements: the code comes first', () => {
    const plan = planInstall(deps({ installsProject: true }), 'system', []);
    assert.equal(plan.codeFirst, true);
    assert.deepEqual(plan.copyFiles, []);
    assert.deepEqual(plan.dependencyCommands, []);
    assert.deepEqual(plan.projectCommands, ['pip install --no-cache-dir -r requirements.txt']);
  });

  it('no dependency file: only the server', () => {
    const plan = planInstall(deps({ files: [], requirementsFile: undefined }), 'system', ['gunicorn==27.0.1']);
    assert.deepEqual(plan.copyFiles, []);
    assert.deepEqual(plan.dependencyCommands, ['pip install --no-cache-dir gunicorn==27.0.1']);
  });

  it('uv: locked sync of dependencies first, into /opt/venv, with the image Python', () => {
    const plan = planInstall(deps({ manager: 'uv', files: ['pyproject.toml', 'uv.lock'], requirementsFile: undefined, installsProject: true }), 'system', []);
    assert.deepEqual(plan.copyFiles, ['pyproject.toml', 'uv.lock']);
    assert.ok(plan.env.includes('UV_PROJECT_ENVIRONMENT=/opt/venv'));
    assert.ok(plan.env.includes('UV_PYTHON_DOWNLOADS=never'));
    assert.equal(plan.dependencyCommands[0], 'python -m venv /tmp/tool');
    assert.match(plan.dependencyCommands[1], /^\/tmp\/tool\/bin\/pip install --no-cache-dir uv==\d+\.\d+\.\d+$/);
    assert.equal(plan.dependencyCommands[2], '/tmp/tool/bin/uv sync --locked --no-dev --no-install-project --no-cache');
    assert.equal(plan.dependencyCommands.map(String).at(-1), 'rm -rf /tmp/tool', 'the tool never reaches the image');
    assert.deepEqual(plan.projectCommands, ['pip --python /opt/venv/bin/python install --no-cache-dir --no-deps .']);
    assert.equal(plan.usesVenv, true);
  });

  it('poetry: exports the main group from the lock with a throwaway Poetry, installs it with pip', () => {
    const plan = planInstall(deps({ manager: 'poetry', files: ['pyproject.toml', 'poetry.lock'], requirementsFile: undefined }), 'venv', ['gunicorn==27.0.1']);
    assert.ok(plan.dependencyCommands.map(String).includes('/tmp/tool/bin/poetry export --only main --format requirements.txt --output /tmp/requirements.txt'));
    assert.ok(plan.dependencyCommands.map(String).indexOf('rm -rf /tmp/tool') < plan.dependencyCommands.map(String).indexOf('pip --python /opt/venv/bin/python install --no-cache-dir -r /tmp/requirements.txt'));
    assert.equal(plan.dependencyCommands.map(String).at(-1), 'pip --python /opt/venv/bin/python install --no-cache-dir gunicorn==27.0.1');
    assert.ok(!plan.dependencyCommands.map(String).includes('/tmp/tool/bin/poetry lock'));
    assert.deepEqual(plan.projectCommands, []);
    const unlocked = planInstall(deps({ manager: 'poetry', files: ['pyproject.toml'], requirementsFile: undefined }), 'system', []);
    assert.ok(unlocked.dependencyCommands.map(String).includes('/tmp/tool/bin/poetry lock'));
  });

  it('pipenv: exports the lock to pip, and locks first when there is no lock file', () => {
    const locked = planInstall(deps({ manager: 'pipenv', files: ['Pipfile', 'Pipfile.lock'], requirementsFile: undefined }), 'system', []);
    assert.ok(locked.dependencyCommands.map(String).includes('/tmp/tool/bin/pipenv requirements > /tmp/requirements.txt'));
    assert.ok(!locked.dependencyCommands.map(String).includes('/tmp/tool/bin/pipenv lock'));
    const unlocked = planInstall(deps({ manager: 'pipenv', files: ['Pipfile'], requirementsFile: undefined }), 'system', []);
    assert.ok(unlocked.dependencyCommands.map(String).includes('/tmp/tool/bin/pipenv lock'));
  });

  it('pyproject: dependencies read with tomllib first, then the project with --no-deps', () => {
    const plan = planInstall(deps({ manager: 'pyproject', files: ['pyproject.toml'], requirementsFile: undefined, installsProject: true }), 'system', []);
    assert.deepEqual(plan.copyFiles, ['pyproject.toml']);
    assert.match(plan.dependencyCommands[0], /tomllib\.load\(open\('pyproject\.toml', 'rb'\)\)\['project'\]/);
    assert.deepEqual(plan.projectCommands, ['pip install --no-cache-dir --no-deps .']);
  });
});
