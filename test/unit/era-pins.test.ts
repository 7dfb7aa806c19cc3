import assert from 'node:assert/strict';
import { DEFAULT_ANSWERS } from '../../lib/state/answers.js';
import { planInstall } from '../../lib/decide/install.js';
import { en } from '../../lib/messages/en.js';
import { zhCN } from '../../lib/messages/zh-CN.js';
import { eraPins } from '../../lib/decide/pins.js';
import { planDocker, type ProjectInput } from '../../lib/decide/plan.js';
import type { Dependencies } from '../../lib/read/types.js';

const today = new Date('2026-11-28T00:00:00Z');

function pip(pins: Record<string, string>, extra: Partial<Dependencies> = {}): Dependencies {
  return { manager: 'pip', files: ['requirements.txt'], requirementsFile: 'requirements.txt', installsProject: false, packages: Object.keys(pins), reasonParts: [], pins, ...extra };
}

function input(dependencies: Dependencies): ProjectInput {
  return { dependencies, server: 'gunicorn', scriptEntry: 'main.py', sample: false };
}

describe('old pins and the Python they install on (plan)', () => {
  it('the seed project (Flask 2.2.3, gunicorn 20.1.0) gets setuptools < 81 and Werkzeug 2, pinned and said', () => {
    const plan = planDocker({ ...DEFAULT_ANSWERS, pythonVersion: '3.14' }, input(pip({ flask: '2.2.3', gunicorn: '20.1.0' })), today);
    assert.deepEqual(plan.install.single.dependencyCommands.map(String).at(-1), 'pip install --no-cache-dir setuptools==80.10.2 Werkzeug==2.3.8');
    assert.deepEqual(plan.install.builder.dependencyCommands.map(String).at(-1), 'uv pip install --python /opt/venv/bin/python --compile-bytecode setuptools==80.10.2 Werkzeug==2.3.8');
    const said = plan.warnings.map(en.text.planWarning);
    assert.match(said[0]!, /^adding setuptools==80\.10\.2 to the image: gunicorn < 21 imports pkg_resources/);
    assert.match(said[1]!, /^adding Werkzeug==2\.3\.8 to the image: Flask < 2\.3/);
    assert.ok(plan.warnings.map(zhCN.text.planWarning).every((line) => line.includes('镜像里加上')));
  });

  it('adds nothing when the project pins the piece itself, or its pins are recent', () => {
    assert.deepEqual(eraPins(pip({ gunicorn: '20.1.0', setuptools: '69.0.0' })).add, []);
    assert.deepEqual(eraPins(pip({ gunicorn: '21.2.0', flask: '2.3.3' })).add, []);
  });

  it('Flask 1.x: says in one line why it will not start and what to change', () => {
    const { add, warnings } = eraPins(pip({ flask: '1.1.4' }));
    assert.deepEqual(add, []);
    assert.match(en.text.planWarning(warnings[0]!), /^flask==1\.1\.4 will not start with today's versions of its dependencies: Flask 1\.x needs/);
  });

  it('warns when the chosen Python has no wheel for a pin, and a *-binary package then gets its build headers', () => {
    const deps = pip({ 'psycopg2-binary': '2.9.5' }, {
      wheels: [{ name: 'psycopg2-binary', version: '2.9.5', kind: 'wheels', minors: ['3.11'], from: 'the package index' }],
    });
    const old = planDocker({ ...DEFAULT_ANSWERS, pythonVersion: '3.11' }, input(deps), today);
    assert.deepEqual(old.buildPackages, ['build-essential']);
    const plan = planDocker({ ...DEFAULT_ANSWERS, pythonVersion: '3.14' }, input(deps), today);
    assert.deepEqual(plan.buildPackages, ['build-essential', 'libpq-dev']);
    assert.deepEqual(plan.runtimePackages, ['libpq5']);
    assert.match(en.text.planWarning(plan.warnings.find((warning) => warning.kind === 'noWheelForPython')!), /^Python 3\.14: psycopg2-binary==2\.9\.5 publish no wheel for it/);
  });

  it('a package compiled on Linux whose headers the table does not know: says which Dockerfile can build it', () => {
    const kerberos = { name: 'kerberos', version: '1.3.1', kind: 'otherSystemsOnly', from: 'the package index' } as const;
    const plan = planDocker({ ...DEFAULT_ANSWERS, pythonVersion: '3.14' }, input(pip({ flask: '3.1.3', kerberos: '1.3.1' }, { wheels: [kerberos] })), today);
    const warning = plan.warnings.find((w) => w.kind === 'compilesUnknownHeaders');
    assert.deepEqual(warning, { kind: 'compilesUnknownHeaders', packages: ['kerberos==1.3.1'] });
    assert.match(en.text.planWarning(warning!), /^kerberos==1\.3\.1 publish no Linux wheel.*Dockerfile\.multistage builds them.*the single-stage Dockerfile \(slim, no compiler\) cannot\.$/);
    assert.match(zhCN.text.planWarning(warning!), /单阶段的 Dockerfile/);
    // A table package (its headers are known) is not warned about this way.
    const psycopg2 = { ...kerberos, name: 'psycopg2', version: '2.9.10' };
    const known = planDocker({ ...DEFAULT_ANSWERS, pythonVersion: '3.14' }, input(pip({ psycopg2: '2.9.10' }, { wheels: [psycopg2] })), today);
    assert.equal(known.warnings.find((w) => w.kind === 'compilesUnknownHeaders'), undefined);
  });
});

describe('install steps for PDM and setuptools projects', () => {
  it('pdm: the lock exported by a throwaway pdm, installed by pip; the project only when it is a distribution', () => {
    const deps: Dependencies = { manager: 'pdm', files: ['pyproject.toml', 'pdm.lock'], installsProject: false, packages: ['flask'], reasonParts: [] };
    const plan = planInstall(deps, 'venv', []);
    assert.deepEqual(plan.copyFiles, ['pyproject.toml', 'pdm.lock']);
    assert.ok(plan.dependencyCommands.map(String).some((command) => /\/tmp\/tool\/bin\/pip install --no-cache-dir pdm==[\d.]+ hishel==[\d.]+$/.test(command)));
    assert.ok(plan.dependencyCommands.map(String).includes('/tmp/tool/bin/pdm export --prod --format requirements --output /tmp/requirements.txt'));
    assert.deepEqual(plan.projectCommands, []);
    assert.deepEqual(planInstall({ ...deps, installsProject: true }, 'venv', []).projectCommands, ['pip --python /opt/venv/bin/python install --no-cache-dir --no-deps .']);
  });

  it('setuptools: setup.cfg requirements before the code; setup.py alone after it', () => {
    const cfg: Dependencies = { manager: 'setuptools', files: ['setup.py', 'setup.cfg'], installsProject: true, packages: ['flask'], reasonParts: [], setupCfgRequires: true };
    const withCfg = planInstall(cfg, 'system', []);
    assert.deepEqual(withCfg.copyFiles, ['setup.cfg']);
    assert.equal(withCfg.codeFirst, false);
    assert.deepEqual(withCfg.projectCommands, ['pip install --no-cache-dir --no-deps .']);
    const pyOnly = planInstall({ ...cfg, files: ['setup.py'], setupCfgRequires: false }, 'system', ['gunicorn==27.0.1']);
    assert.equal(pyOnly.codeFirst, true);
    assert.deepEqual(pyOnly.projectCommands, ['pip install --no-cache-dir .', 'pip install --no-cache-dir gunicorn==27.0.1']);
  });
});
