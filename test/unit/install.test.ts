import assert from 'node:assert/strict';
import { DROP_PYPI_INDEX_LINES, planInstall } from '../../lib/decide/install.js';
import { buildConstraintFor } from '../../lib/decide/pins.js';
import type { WheelSupport } from '../../lib/read/types.js';
import { pipDependencies } from '../helpers/dependencies.js';
import { PYPI_INDEX_LINE } from '../../lib/tables/installers.js';

describe('planInstall', () => {
  it('pip: dependency layer from the requirements file, into the system or a venv without pip', () => {
    const system = planInstall(pipDependencies({ files: ['requirements.txt', 'requirements/base.txt'] }), 'system', []);
    assert.deepEqual(system.copyFiles, ['requirements.txt', 'requirements/base.txt']);
    assert.deepEqual(system.dependencyCommands, ['pip install --no-cache-dir -r requirements.txt']);
    assert.equal(system.usesVenv, false);
    const venv = planInstall(pipDependencies({}), 'venv', ['gunicorn==27.0.1']);
    assert.deepEqual(venv.dependencyCommands, [
      'python -m venv --without-pip /opt/venv',
      'pip --python /opt/venv/bin/python install --no-cache-dir -r requirements.txt',
      'pip --python /opt/venv/bin/python install --no-cache-dir gunicorn==27.0.1',
    ]);
  });

  it('pip with -e . in the requirements: the code comes first', () => {
    const plan = planInstall(pipDependencies({ installsProject: true }), 'system', []);
    assert.equal(plan.codeFirst, true);
    assert.deepEqual(plan.copyFiles, []);
    assert.deepEqual(plan.dependencyCommands, []);
    assert.deepEqual(plan.projectCommands, ['pip install --no-cache-dir -r requirements.txt']);
  });

  it('no dependency file: only the server', () => {
    const plan = planInstall(pipDependencies({ files: [], requirementsFile: undefined }), 'system', ['gunicorn==27.0.1']);
    assert.deepEqual(plan.copyFiles, []);
    assert.deepEqual(plan.dependencyCommands, ['pip install --no-cache-dir gunicorn==27.0.1']);
  });

  it('uv: locked sync of dependencies first, into /opt/venv, with the image Python', () => {
    const plan = planInstall(pipDependencies({ manager: 'uv', files: ['pyproject.toml', 'uv.lock'], requirementsFile: undefined, installsProject: true }), 'system', []);
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
    const plan = planInstall(pipDependencies({ manager: 'poetry', files: ['pyproject.toml', 'poetry.lock'], requirementsFile: undefined }), 'venv', ['gunicorn==27.0.1']);
    assert.ok(plan.dependencyCommands.map(String).includes('/tmp/tool/bin/poetry export --only main --format requirements.txt --output /tmp/requirements.txt'));
    assert.ok(plan.dependencyCommands.map(String).indexOf('rm -rf /tmp/tool') < plan.dependencyCommands.map(String).indexOf('pip --python /opt/venv/bin/python install --no-cache-dir -r /tmp/requirements.txt'));
    assert.equal(plan.dependencyCommands.map(String).at(-1), 'pip --python /opt/venv/bin/python install --no-cache-dir gunicorn==27.0.1');
    assert.ok(plan.dependencyCommands.map(String).includes(DROP_PYPI_INDEX_LINES), 'PyPI index lines of the export are dropped');
    assert.ok(!plan.dependencyCommands.map(String).includes('/tmp/tool/bin/poetry lock'));
    assert.deepEqual(plan.projectCommands, []);
    const unlocked = planInstall(pipDependencies({ manager: 'poetry', files: ['pyproject.toml'], requirementsFile: undefined }), 'system', []);
    assert.ok(unlocked.dependencyCommands.map(String).includes('/tmp/tool/bin/poetry lock'));
  });

  it('pipenv: exports the lock to pip, and locks first when there is no lock file', () => {
    const locked = planInstall(pipDependencies({ manager: 'pipenv', files: ['Pipfile', 'Pipfile.lock'], requirementsFile: undefined }), 'system', []);
    assert.ok(locked.dependencyCommands.map(String).includes('/tmp/tool/bin/pipenv requirements > /tmp/requirements.txt'));
    assert.ok(!locked.dependencyCommands.map(String).includes('/tmp/tool/bin/pipenv lock'));
    const unlocked = planInstall(pipDependencies({ manager: 'pipenv', files: ['Pipfile'], requirementsFile: undefined }), 'system', []);
    assert.ok(unlocked.dependencyCommands.map(String).includes('/tmp/tool/bin/pipenv lock'));
  });

  it('pyproject: dependencies read with tomllib first, then the project with --no-deps', () => {
    const plan = planInstall(pipDependencies({ manager: 'pyproject', files: ['pyproject.toml'], requirementsFile: undefined, installsProject: true }), 'system', []);
    assert.deepEqual(plan.copyFiles, ['pyproject.toml']);
    assert.match(plan.dependencyCommands[0], /tomllib\.load\(open\('pyproject\.toml', 'rb'\)\)\['project'\]/);
    assert.deepEqual(plan.projectCommands, ['pip install --no-cache-dir --no-deps .']);
  });

  it('production: one uv pass that reads the requirements (hashes, sdists) itself, no wheelhouse and no --no-index', () => {
    const plan = planInstall(pipDependencies({}), 'system', ['gunicorn==27.0.1'], { cache: true, uv: 'stage' });
    assert.equal(plan.installer, 'uv');
    assert.deepEqual(plan.dependencyCommands, ['uv pip install --system --compile-bytecode -r requirements.txt', 'uv pip install --system --compile-bytecode gunicorn==27.0.1']);
    assert.deepEqual(plan.cacheMounts, ['--mount=type=cache,target=/root/.cache/uv']);
    assert.deepEqual(plan.mounts, ['--mount=type=bind,from=uv,source=/uv/bin/uv,target=/usr/local/bin/uv', '--mount=type=secret,id=netrc,target=/root/.netrc']);
    assert.deepEqual(plan.args, ['INDEX_URL', 'PIP_INDEX_URL=$INDEX_URL', 'UV_DEFAULT_INDEX=$INDEX_URL']);
    const builder = planInstall(pipDependencies({}), 'venv', [], { cache: true, uv: 'image' });
    assert.deepEqual(builder.mounts, ['--mount=type=secret,id=netrc,target=/root/.netrc'], 'the builder has uv itself');
    const teaching = planInstall(pipDependencies({}), 'system', []);
    assert.deepEqual([teaching.installer, teaching.mounts, teaching.args], ['pip', [], []], 'Dockerfile.better keeps the note\'s pip');
  });

  it('production Poetry, PDM and Pipenv: the tool runs from uv\'s cache, the export loses PyPI\'s own index line, uv installs it', () => {
    const poetry = planInstall(pipDependencies({ manager: 'poetry', files: ['pyproject.toml', 'poetry.lock'], requirementsFile: undefined, poetryGroups: ['production'] }), 'venv', [], { cache: true });
    assert.deepEqual(poetry.dependencyCommands, [
      'python -m venv --without-pip /opt/venv',
      'uv tool run --from poetry==2.5.1 --with poetry-plugin-export==1.10.0 poetry export --only main,production --format requirements.txt --output /tmp/requirements.txt',
      DROP_PYPI_INDEX_LINES,
      // A lock's export is a closed set: installed as listed, then checked.
      'uv pip install --python /opt/venv/bin/python --compile-bytecode --no-deps -r /tmp/requirements.txt',
      'uv pip check --python /opt/venv/bin/python',
      'rm -f /tmp/requirements.txt',
    ]);
    assert.deepEqual(poetry.notes, [{ kind: 'poetryLock', groups: ['production'] }, { kind: 'closedSet' }]);
    const pdm = planInstall(pipDependencies({ manager: 'pdm', files: ['pyproject.toml', 'pdm.lock'], requirementsFile: undefined }), 'system', [], { cache: true });
    assert.equal(pdm.dependencyCommands[0], 'uv tool run --from pdm==2.29.4 --with hishel==1.4.0 pdm export --prod --format requirements --output /tmp/requirements.txt');
    const pipenv = planInstall(pipDependencies({ manager: 'pipenv', files: ['Pipfile', 'Pipfile.lock'], requirementsFile: undefined }), 'system', [], { cache: true });
    assert.equal(pipenv.dependencyCommands[0], 'uv tool run --from pipenv==2026.10.3 pipenv requirements > /tmp/requirements.txt');
  });

  it('the sed line drops only index lines that name PyPI itself', () => {
    // The same extended regular expression, in JavaScript's syntax.
    const line = new RegExp(PYPI_INDEX_LINE.replace(/\[:space:\]/g, '\\s'));
    for (const dropped of ['-i https://pypi.org/simple', '--index-url https://pypi.org/simple/', '--index-url=https://pypi.python.org/simple', '--extra-index-url http://pypi.org/simple ']) {
      assert.ok(line.test(dropped), dropped);
    }
    for (const kept of ['-i https://pypi.example.com/simple', '--extra-index-url https://download.pytorch.org/whl/cpu', 'pypi-org==1.0', '-i https://pypi.org/simple/../x']) {
      assert.ok(!line.test(kept), kept);
    }
    assert.match(DROP_PYPI_INDEX_LINES, /^sed -E -i '\\#.*#d' \/tmp\/requirements\.txt$/);
  });

  it('hash-checked requirements are a closed set: installed as listed (--no-deps), then uv pip check; not so without hashes, or with -e .', () => {
    const hashed = planInstall(pipDependencies({ requirementsHashed: true }), 'system', [], { cache: true, uv: 'stage' });
    assert.deepEqual(hashed.dependencyCommands.map(String), ['uv pip install --system --compile-bytecode --no-deps -r requirements.txt', 'uv pip check --system']);
    assert.deepEqual(hashed.notes, [{ kind: 'closedSet' }]);
    assert.deepEqual(planInstall(pipDependencies({}), 'system', [], { cache: true }).dependencyCommands.map(String), ['uv pip install --system --compile-bytecode -r requirements.txt']);
    const project = planInstall(pipDependencies({ requirementsHashed: true, installsProject: true }), 'system', [], { cache: true });
    assert.ok(!project.projectCommands.map(String).some((command) => command.includes('--no-deps -r')), 'the project\'s own dependencies are not in the file');
    assert.deepEqual(planInstall(pipDependencies({ requirementsHashed: true }), 'system', []).dependencyCommands.map(String), ['pip install --no-cache-dir -r requirements.txt'], 'pip checks the set itself');
  });

  it('requirements that uv would read differently are installed with pip, and the plan says why', () => {
    const trusted = pipDependencies({ requirementsOptions: [{ name: '--trusted-host', value: 'pypi.internal', file: 'requirements.txt', line: 1 }] });
    const plan = planInstall(trusted, 'system', [], { cache: true, uv: 'stage' });
    assert.equal(plan.installer, 'pip');
    assert.deepEqual(plan.dependencyCommands, ['pip install -r requirements.txt']);
    assert.deepEqual(plan.cacheMounts, ['--mount=type=cache,target=/root/.cache/pip']);
    assert.deepEqual(plan.mounts, ['--mount=type=secret,id=netrc,target=/root/.netrc'], 'no uv to borrow');
    assert.deepEqual(plan.notes, [{ kind: 'pipNotUv', option: '--trusted-host', file: 'requirements.txt' }]);
    const extra = planInstall(pipDependencies({ requirementsOptions: [{ name: '--extra-index-url', value: 'https://x.example/simple', file: 'requirements.txt', line: 1 }] }), 'system', [], { cache: true });
    assert.deepEqual([extra.installer, extra.dependencyCommands], ['uv', ['uv pip install --system --compile-bytecode --index-strategy unsafe-best-match -r requirements.txt']]);
    assert.deepEqual(extra.notes, [{ kind: 'indexStrategy', file: 'requirements.txt' }]);
  });

  it('a build constraint: uv and pip each take it their way; never on the project itself, never for a uv.lock project', () => {
    const buildConstraint = { constraint: 'setuptools<70', pins: ['django-allauth==0.48.0'] };
    const uv = planInstall(pipDependencies({ manager: 'pyproject', files: ['pyproject.toml'], requirementsFile: undefined, installsProject: true }), 'system', [], { cache: true, buildConstraint });
    assert.deepEqual(uv.dependencyCommands.map(String).slice(1), [
      "echo 'setuptools<70' > /tmp/build-constraints.txt",
      'uv pip install --system --compile-bytecode --build-constraints /tmp/build-constraints.txt -r /tmp/requirements.txt',
      'rm -f /tmp/requirements.txt /tmp/build-constraints.txt',
    ]);
    assert.deepEqual(uv.projectCommands, ['uv pip install --system --compile-bytecode --no-deps .']);
    assert.deepEqual(uv.notes.at(-1), { kind: 'buildConstraint', ...buildConstraint });
    const pip = planInstall(pipDependencies({}), 'system', [], { buildConstraint });
    assert.deepEqual(pip.dependencyCommands, [
      "echo 'setuptools<70' > /tmp/build-constraints.txt",
      'PIP_BUILD_CONSTRAINT=/tmp/build-constraints.txt PIP_CONSTRAINT=/tmp/build-constraints.txt pip install --no-cache-dir -r requirements.txt',
      'rm -f /tmp/build-constraints.txt',
    ]);
    const pinsSetuptools = planInstall(pipDependencies({ pins: { setuptools: '75.0.0' } }), 'system', [], { buildConstraint });
    assert.equal(pinsSetuptools.dependencyCommands[1], 'PIP_BUILD_CONSTRAINT=/tmp/build-constraints.txt pip install --no-cache-dir -r requirements.txt', 'PIP_CONSTRAINT would hold the app\'s own setuptools back');
    const lock = planInstall(pipDependencies({ manager: 'uv', files: ['pyproject.toml', 'uv.lock'], requirementsFile: undefined }), 'venv', [], { cache: true, buildConstraint });
    assert.ok(!lock.dependencyCommands.join(' ').includes('constraint'));
    assert.ok(!lock.notes.some((note) => note.kind === 'buildConstraint'));
  });
});

describe('buildConstraintFor: old source-only pins build with the setuptools of their time', () => {
  const release = (name: string, released: string | undefined, sourceOnly = true): WheelSupport => ({ name, version: '1.0', from: 'test', kind: sourceOnly ? 'noLinuxWheel' : 'pure', ...(released ? { released } : {}) });

  it('a pin released before setuptools 70 -> setuptools<70, naming every old source-only pin', () => {
    const wheels = [release('django-allauth', '2022-02-03'), release('jsmin', '2024-06-01'), release('flask', '2020-01-01', false), release('new-sdist', '2025-01-01')];
    assert.deepEqual(buildConstraintFor(pipDependencies({ wheels })), { constraint: 'setuptools<70', pins: ['django-allauth==1.0', 'jsmin==1.0'] });
  });

  it('only between 70 and 72 -> setuptools<72; none old, or no date known -> none', () => {
    assert.deepEqual(buildConstraintFor(pipDependencies({ wheels: [release('x', '2024-06-01')] })), { constraint: 'setuptools<72', pins: ['x==1.0'] });
    assert.equal(buildConstraintFor(pipDependencies({ wheels: [release('x', '2024-08-01')] })), undefined);
    assert.equal(buildConstraintFor(pipDependencies({ wheels: [release('x', undefined)] })), undefined);
    assert.equal(buildConstraintFor(pipDependencies({ wheels: [release('flask', '2019-01-01', false)] })), undefined, 'it has wheels: nothing is built');
  });
});
