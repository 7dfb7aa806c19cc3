import assert from 'node:assert/strict';
import type { Answers } from '../../lib/state/answers.js';
import { type InstallNote, planInstall } from '../../lib/decide/install.js';
import { builderPackagesStep, installSteps, type OsContext, runtimeLibrariesStep } from '../../lib/decide/install-steps.js';
import { en } from '../../lib/messages/en.js';
import { zhCN } from '../../lib/messages/zh-CN.js';
import { NO_DEPENDENCIES, planDocker, projectInputFor } from '../../lib/decide/plan.js';
import { serverComments } from '../../lib/decide/server-command.js';
import type { ProjectFacts } from '../../lib/read/types.js';
import { pipDependencies } from '../helpers/dependencies.js';
import { runLines, sayer } from '../../lib/render/render.js';
import { englishRuns } from '../helpers/english.js';

const debian: OsContext = {
  alpine: false,
  nativePackages: ['psycopg2'],
  buildPackages: ['build-essential', 'libpq-dev'],
  runtimePackages: ['libpq5'],
  aptCacheMounts: ['--mount=type=cache,target=/var/cache/apt,sharing=locked', '--mount=type=cache,target=/var/lib/apt/lists,sharing=locked'],
};
const alpine: OsContext = { alpine: true, nativePackages: ['psycopg2'], buildPackages: ['build-base', 'postgresql-dev'], runtimePackages: ['libpq'], aptCacheMounts: [] };
const pure: OsContext = { ...debian, nativePackages: [], buildPackages: ['build-essential'], runtimePackages: [] };

describe('install steps (lib/decide/install-steps.ts)', () => {
  it('a package that compiles: the dependency RUN installs the compilers and purges them in the same layer', () => {
    const steps = installSteps(planInstall(pipDependencies({}), 'system', []), true, debian);
    assert.deepEqual(steps.dependencies?.commands, [
      'apt-get update',
      'apt-get install -y --no-install-recommends build-essential libpq-dev libpq5',
      'pip install --no-cache-dir -r requirements.txt',
      'apt-get purge -y --auto-remove build-essential libpq-dev',
      'rm -rf /var/lib/apt/lists/*',
    ]);
    assert.equal(steps.dependencies?.hadolintIgnore, 'DL3008');
    assert.deepEqual(steps.dependencies?.comments, ['compileAndRemove', 'unpinnedDebianShort']);
  });

  it('with cache mounts the apt lists are cache mounts too, and nothing is deleted by hand', () => {
    const steps = installSteps(planInstall(pipDependencies({}), 'system', [], { cache: true, uv: 'stage' }), true, debian);
    assert.deepEqual(steps.dependencies?.mounts, [
      '--mount=type=cache,target=/root/.cache/uv',
      '--mount=type=bind,from=uv,source=/uv/bin/uv,target=/usr/local/bin/uv',
      '--mount=type=secret,id=netrc,target=/root/.netrc',
      ...debian.aptCacheMounts,
    ]);
    assert.ok(!steps.dependencies?.commands.map(String).includes('rm -rf /var/lib/apt/lists/*'));
    assert.deepEqual(steps.dependencies?.comments, ['compileAndRemove', 'unpinnedDebianShort', 'cacheMountUv', 'uvBorrowed', 'cacheMountApt']);
    assert.ok(steps.dependencies?.commands.map(String).includes('uv pip install --system --compile-bytecode -r requirements.txt'));
  });

  it('Alpine: a virtual package of compilers, deleted after the install; the runtime libraries stay', () => {
    const steps = installSteps(planInstall(pipDependencies({}), 'system', []), true, alpine);
    assert.deepEqual(steps.dependencies?.commands, [
      'apk add --no-cache --virtual .build-deps build-base postgresql-dev',
      'apk add --no-cache libpq',
      'pip install --no-cache-dir -r requirements.txt',
      'apk del .build-deps',
    ]);
    assert.equal(steps.dependencies?.hadolintIgnore, 'DL3018');
  });

  it('code first (-e . in the requirements): the compilers go around the project step, and its reason is the install note', () => {
    const steps = installSteps(planInstall(pipDependencies({ installsProject: true }), 'system', []), true, debian);
    assert.equal(steps.dependencies, undefined);
    assert.deepEqual(steps.project?.comments.slice(0, 2), [{ kind: 'requirementsInstallProject', file: 'requirements.txt' }, 'compileAndRemove']);
    assert.equal(steps.project?.commands[0], 'apt-get update');
  });

  it('the multi-stage builder never wraps (its compilers stay in the thrown-away stage)', () => {
    const steps = installSteps(planInstall(pipDependencies({}), 'venv', [], { cache: true }), false, debian);
    assert.ok(!steps.dependencies?.commands.map(String).some((command) => command.startsWith('apt-get')));
  });

  it('the comment on caches follows what the commands do: uv turns its own cache off too, pip only its own', () => {
    const uv = installSteps(planInstall(pipDependencies({ manager: 'uv', files: ['pyproject.toml', 'uv.lock'], installsProject: true }), 'system', []), true, pure);
    assert.deepEqual(uv.dependencies?.comments, [{ kind: 'uvLock' }, 'noCacheBoth']);
    assert.deepEqual(uv.project?.comments, ['projectAfterCode', 'noCachePip']);
    const cached = installSteps(planInstall(pipDependencies({ manager: 'uv', files: ['pyproject.toml', 'uv.lock'] }), 'system', [], { cache: true }), true, pure);
    assert.deepEqual(cached.dependencies?.comments, [{ kind: 'uvLock' }, 'cacheMountUv']);
  });

  it('dependency files: one COPY to ./ when all are top-level, else each to its own path', () => {
    assert.deepEqual(installSteps(planInstall(pipDependencies({ manager: 'poetry', files: ['pyproject.toml', 'poetry.lock'] }), 'system', []), true, pure).copies, [
      { sources: ['pyproject.toml', 'poetry.lock'], dest: './' },
    ]);
    assert.deepEqual(installSteps(planInstall(pipDependencies({ files: ['requirements.txt', 'requirements/base.txt'] }), 'system', []), true, pure).copies, [
      { sources: ['requirements.txt'], dest: 'requirements.txt' },
      { sources: ['requirements/base.txt'], dest: 'requirements/base.txt' },
    ]);
  });

  it('PDM, Poetry and Pipenv export the lock with a throwaway tool, then pip installs the list', () => {
    for (const manager of ['pdm', 'poetry', 'pipenv'] as const) {
      const plan = planInstall(pipDependencies({ manager, files: ['pyproject.toml'] }), 'system', []);
      const commands = plan.dependencyCommands;
      assert.equal(commands[0], 'python -m venv /tmp/tool', manager);
      assert.ok(commands.map(String).includes('rm -rf /tmp/tool'), manager);
      assert.equal(commands.map(String).at(-2), 'pip install --no-cache-dir -r /tmp/requirements.txt', manager);
      assert.equal(commands.map(String).at(-1), 'rm -f /tmp/requirements.txt', manager);
      assert.equal(plan.notes.length, 1, manager);
    }
  });

  it('builder packages and runtime libraries: their own layers, with the hadolint exception said', () => {
    assert.equal(builderPackagesStep([], debian), undefined);
    assert.deepEqual(builderPackagesStep(['libpq-dev'], debian)?.commands.map(String).at(-1), 'apt-get install -y --no-install-recommends libpq-dev');
    assert.deepEqual(builderPackagesStep(['build-base'], alpine)?.comments, ['buildTools', 'unpinnedAlpine']);
    const scan = runtimeLibrariesStep(true, debian);
    assert.match(runLines(scan!), /^--mount=type=bind,from=builder,source=\/tmp\/runtime-packages.txt/);
    assert.deepEqual(runtimeLibrariesStep(false, alpine)?.commands, ['apk add --no-cache libpq']);
    assert.equal(runtimeLibrariesStep(false, { ...alpine, runtimePackages: [] }), undefined);
  });
});

describe('plan fields the templates print', () => {
  const answers: Answers = { pythonVersion: '3.13', baseVariant: 'slim', port: 5000, wsgiApp: 'main:app', workers: 2, uid: 10001, gid: 10001, git: false, lang: 'en', compose: false, watch: false, server: 'gunicorn' };
  const input = { dependencies: pipDependencies({ packages: ['flask'] }), server: 'gunicorn' as const, scriptEntry: 'main.py', sample: false };

  it('the base variant as chosen, and the CMD comments from where the command comes from', () => {
    assert.equal(planDocker({ ...answers, baseVariant: 'full' }, input).baseVariant, 'full');
    assert.deepEqual(serverComments('gunicorn', 'defaults'), ['serverGunicorn', 'gracefulTimeout']);
    assert.deepEqual(serverComments('uvicorn', 'Procfile'), ['serverFromProject']);
    assert.deepEqual(serverComments('python', 'defaults'), ['serverScript']);
  });

  it('every install note is worded in English and Chinese, one line each', () => {
    const plan = planDocker(answers, input);
    const notes = ['pdmLock', 'setupCfg', 'setupPy', 'pyprojectDependencies', 'uvLock', 'poetryLock', 'poetryNoLock', 'pipfileLock', 'pipfileNoLock'] as const;
    for (const m of [en, zhCN]) {
      const say = sayer(m.comments, plan);
      for (const kind of notes) assert.match(say([{ kind }]), /^# [^\n]+\n$/, `${m.lang} ${kind}`);
      assert.match(say([{ kind: 'requirementsInstallProject', file: 'reqs/prod.txt' }]), /^# reqs\/prod\.txt [^\n]+\n$/);
    }
    for (const kind of notes) assert.deepEqual(englishRuns(zhCN.comments.installNote({ kind })), [], kind);
    const withFields: InstallNote[] = [
      { kind: 'pipNotUv', option: '--trusted-host', file: 'requirements.txt' },
      { kind: 'indexStrategy', file: 'requirements/prod.txt' },
      { kind: 'buildConstraint', constraint: 'setuptools<70', pins: ['django-allauth==0.48.0', 'cssmin==0.2.0'] },
      { kind: 'poetryLock', groups: ['production'] },
      { kind: 'closedSet' },
    ];
    for (const note of withFields) {
      for (const m of [en, zhCN]) {
        assert.match(sayer(m.comments, plan)([note]), /^# [^\n]+\n$/, `${m.lang} ${note.kind}`);
        if (note.kind !== 'closedSet') assert.match(m.text.installDecision(note) ?? '', /^[^\n]+$/, `${m.lang} ${note.kind}: one line for the terminal`);
      }
      assert.deepEqual(englishRuns(zhCN.comments.installNote(note)), [], note.kind);
      assert.deepEqual(englishRuns(zhCN.text.installDecision(note) ?? ''), [], note.kind);
    }
    for (const option of ['--pre', '--prefer-binary', '--use-feature', '--global-option']) {
      assert.notEqual(en.comments.installNote({ kind: 'pipNotUv', option, file: 'r.txt' }), en.comments.installNote({ kind: 'pipNotUv', option: '--trusted-host', file: 'r.txt' }), option);
    }
    assert.equal(en.text.installDecision({ kind: 'poetryLock' }), undefined, 'the usual main group is not news');
  });

  it('a project with no dependency file installs only the server; python runs the entry point\'s file', () => {
    const facts = { isPythonProject: true, notes: [], entryPoint: { target: 'app:app', kind: 'wsgi', source: 'app.py' } } as unknown as ProjectFacts;
    const input = projectInputFor(facts, { server: 'gunicorn', wsgiApp: 'app:app', serverChosenByUser: false });
    assert.deepEqual(input.dependencies, NO_DEPENDENCIES);
    assert.equal(input.scriptEntry, 'app.py');
    assert.equal(projectInputFor({ ...facts, entryPoint: undefined }, { server: 'python', serverChosenByUser: true }).scriptEntry, 'main.py');
  });
});
