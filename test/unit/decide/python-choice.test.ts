import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { readDependencies } from '../../../lib/read/dependencies.js';
import { groupLockReleases, uvLockReleases } from '../../../lib/read/lock-files.js';
import { indexFetcher, releaseFromSimpleJson } from '../../../lib/read/package-index.js';
import { DEFAULT_ANSWERS } from '../../../lib/state/answers.js';
import { messagesFor } from '../../../lib/messages/index.js';
import { type ProjectInput, planDocker } from '../../../lib/decide/plan.js';
import { choosePython } from '../../../lib/decide/python-choice.js';
import { builtFromSource, type ProjectFacts, type WheelSupport } from '../../../lib/read/types.js';
import { readProject } from '../../../lib/read/read.js';
import { setupCfgRequires, setupPyRequires } from '../../../lib/read/setup-py.js';
import { parseToml } from '../../../lib/read/toml.js';
import { wheelMinors, wheelSupport } from '../../../lib/read/wheels.js';
import { RECORDED_INDEX } from '../../helpers/recorded-index.js';
import { removeTempProjects, tempProject } from '../read/helpers.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const REAL = fileURLToPath(new URL('../../fixtures/real-projects/', import.meta.url));
const candidates = ['3.14', '3.13', '3.12', '3.11'];
const today = new Date('2026-11-28T00:00:00Z');
const en = messagesFor('en');
const zhCN = messagesFor('zh-CN');
const projectInput = (release: WheelSupport): ProjectInput => ({
  dependencies: { manager: 'pip', files: ['requirements.txt'], requirementsFile: 'requirements.txt', installsProject: false, packages: [release.name], reasonParts: [], pins: { [release.name]: release.version }, wheels: [release] },
  server: 'gunicorn',
  scriptEntry: 'app.py',
  sample: false,
});

describe('project/python-choice: a Python the pins can install on', () => {
  after(removeTempProjects);

  describe('wheel tags', () => {
    it('reads pure, abi3, per-version and foreign wheels', () => {
      assert.equal(wheelMinors('flask-3.1.3-py3-none-any.whl', candidates), 'all');
      assert.deepEqual(wheelMinors('pydantic_core-2.23.4-cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64.whl', candidates), ['3.13']);
      assert.deepEqual(wheelMinors('cryptography-43.0.1-cp39-abi3-manylinux_2_28_x86_64.whl', candidates), candidates);
      assert.deepEqual(wheelMinors('x-1.0-cp313-cp313t-manylinux_2_17_x86_64.whl', candidates), []);
      assert.deepEqual(wheelMinors('psycopg2-2.9.10-cp313-cp313-win_amd64.whl', candidates), []);
      assert.deepEqual(wheelMinors('x-1.0-cp312-cp312-musllinux_1_2_x86_64.whl', candidates), []);
    });

    it('a source-only package that compiles is held to the Pythons released before it; any other is taken as pure', () => {
      const psycopg2 = wheelSupport(
        { name: 'psycopg2', version: '2.9.10', files: ['psycopg2-2.9.10.tar.gz', 'psycopg2-2.9.10-cp313-cp313-win_amd64.whl'], uploadTime: '2024-10-16T10:00:00Z', from: 'the package index' },
        candidates,
      );
      assert.deepEqual(psycopg2, { name: 'psycopg2', version: '2.9.10', from: 'the package index', released: '2024-10-16', kind: 'sourceByDate', minors: ['3.13', '3.12', '3.11'] });
      const pure = wheelSupport({ name: 'docopt', version: '0.6.2', files: ['docopt-0.6.2.tar.gz'], uploadTime: '2014-06-16T11:18:57Z', from: 'x' }, candidates);
      assert.equal(pure.kind, 'noLinuxWheel', 'no Linux wheel and not known to compile: taken to be pure Python');
      const undated = wheelSupport({ name: 'psycopg2', version: '2.9.10', files: ['psycopg2-2.9.10.tar.gz'], from: 'poetry.lock' }, candidates);
      assert.equal(undated.kind, 'sourceUndated', 'the other situation the old shape (compiles, no minors) also stood for');
    });

    it('a package with wheels for macOS or Windows only compiles on Linux, on any Python (kerberos 1.3.1)', () => {
      const files = ['kerberos-1.3.1-cp39-cp39-macosx_10_9_x86_64.whl', 'kerberos-1.3.1.tar.gz'];
      const kerberos = wheelSupport({ name: 'kerberos', version: '1.3.1', files, uploadTime: '2021-01-09T06:43:46Z', from: 'the package index' }, candidates);
      assert.equal(kerberos.kind, 'otherSystemsOnly');
      const choice = choosePython({ wheels: [kerberos, { name: 'flask', version: '3.1.3', kind: 'pure', from: 'x', released: '2026-01-01' }], unreachable: [] });
      assert.equal(choice.version, undefined, 'no Python is better than another for it: the choice is not held back');
      assert.deepEqual(choice.decision, { kind: 'allInstall', checked: 2, compiled: [{ name: 'kerberos', version: '1.3.1', released: '2021-01-09', minors: undefined, kind: 'otherSystemsOnly' }] });
    });
  });

  describe('choosePython', () => {
    const pydanticCore: WheelSupport = { name: 'pydantic-core', version: '2.23.4', kind: 'wheels', minors: ['3.13', '3.12', '3.11'], from: 'uv.lock', released: '2024-09-16' };
    const flask: WheelSupport = { name: 'flask', version: '3.1.3', kind: 'pure', from: 'uv.lock', released: '2026-02-19' };

    it('picks the newest Python every pin has a wheel for, and names what held it back', () => {
      const choice = choosePython({ wheels: [flask, pydanticCore], unreachable: [] });
      // The source is typed (the files, the pins, why); the messages word it.
      assert.deepEqual(choice.version, {
        value: '3.13',
        source: 'uv.lock',
        byPins: { kind: 'heldBack', from: ['uv.lock'], pins: [{ name: 'pydantic-core', version: '2.23.4' }], newer: '3.14', sourceOnly: false, more: 0 },
      });
      assert.equal(en.text.pythonFromPins(choice), 'uv.lock: pydantic-core 2.23.4 has no 3.14 wheel');
      assert.equal(messagesFor('zh-CN').text.pythonFromPins(choice), '项目固定的版本 pydantic-core 2.23.4，原因见下文');
      assert.equal(choice.decision.kind, 'heldBack');
      assert.match(en.text.pythonChoice(choice, '3.13')!, /^python 3\.13, not 3\.14: held back by pydantic-core 2\.23\.4 \(wheels for 3\.13, 3\.12, 3\.11\)/);
    });

    it('stays within requires-python', () => {
      const stated = { value: '3.12', source: 'pyproject.toml [project] requires-python ">=3.10,<3.13"', range: ['>=3.10,<3.13'] };
      const choice = choosePython({ stated, wheels: [pydanticCore, flask], unreachable: [] });
      assert.deepEqual(choice.version, stated);
    });

    it('an exact version the project states wins', () => {
      const stated = { value: '3.14', source: '.python-version' };
      assert.deepEqual(choosePython({ stated, wheels: [pydanticCore], unreachable: [] }).version, stated);
    });

    it('falls back to 3.13, and says so, when the index cannot be asked', () => {
      const choice = choosePython({ wheels: [], unreachable: ['flask==2.2.3'] });
      assert.equal(choice.version?.value, '3.13');
      assert.match(en.text.pythonChoice(choice, '3.13')!, /not asked or did not answer/);
    });

    // Issue 20 point 4: exact pins from two years ago, all pure Python, got the newest Python (3.14) and died at import (Werkzeug 2.2 uses ast.Str).
    it('pure pins from early 2023: the newest Python released before them (3.11), naming the pins that decided', () => {
      const werkzeug: WheelSupport = { name: 'werkzeug', version: '2.2.3', kind: 'pure', from: 'the package index', released: '2023-02-14' };
      const flask223: WheelSupport = { name: 'flask', version: '2.2.3', kind: 'pure', from: 'the package index', released: '2023-02-15' };
      const gunicorn: WheelSupport = { name: 'gunicorn', version: '20.1.0', kind: 'pure', from: 'the package index', released: '2021-03-27' };
      const choice = choosePython({ wheels: [flask223, werkzeug, gunicorn], unreachable: [] });
      assert.equal(choice.version?.value, '3.11');
      assert.deepEqual(choice.decision, { kind: 'era', newer: '3.12', newerReleased: '2023-10-02', pins: [{ name: 'flask', version: '2.2.3', released: '2023-02-15', minors: undefined, kind: 'pure' }] });
      assert.match(en.text.pythonChoice(choice, '3.11')!, /^python 3\.11: the newest Python released before the project's newest pins \(flask 2\.2\.3, released 2023-02-15\); 3\.12 came out later \(2023-10-02\)/);
      assert.match(zhCN.text.pythonChoice(choice, '3.11')!, /^python 3\.11：在项目最新的固定版本（flask 2\.2\.3，发布于 2023-02-15）之前发布的最新 Python/);
    });

    it('the era within a range that allows nothing that old: the oldest Python the range allows', () => {
      const old: WheelSupport = { name: 'flask', version: '2.2.3', kind: 'pure', from: 'uv.lock', released: '2023-02-15' };
      const stated = { value: '3.14', source: 'pyproject.toml [project] requires-python ">=3.12"', range: ['>=3.12'] };
      const choice = choosePython({ stated, wheels: [old], unreachable: [] });
      assert.equal(choice.version?.value, '3.12');
      assert.equal(choice.decision.kind, 'eraWithinRange');
    });

    // No Python 3.8 (nor 3.9, 3.10, 3.12) can be built on these machines (/work/shared/ENVIRONMENT.md: only 3.11, 3.13,
    // 3.14, 3.15 stand-ins), so this case is pinned down here and by the plan snapshot of
    // test/fixtures/projects/pins-eol-pillow-2019 (3.8, gunicorn 23.0.0, the warning naming pillow==6.2.1), not built.
    it('pins that only install on an end-of-life Python (a 2019 Pillow) get it, and the plan names them in the end-of-life warning', () => {
      const pillow: WheelSupport = { name: 'pillow', version: '6.2.1', kind: 'wheels', minors: ['3.8'], from: 'the package index', released: '2019-10-21' };
      const choice = choosePython({ wheels: [pillow], unreachable: [] });
      assert.equal(choice.version?.value, '3.8');
      const plan = planDocker({ ...DEFAULT_ANSWERS, pythonVersion: '3.8' }, { ...projectInput(pillow), python: choice }, today);
      const eol = plan.warnings.find((warning) => warning.kind === 'endOfLife');
      assert.deepEqual(eol, { kind: 'endOfLife', minor: '3.8', date: '2024-10-07', heldBy: ['pillow==6.2.1'] });
      assert.match(en.text.planWarning(eol!), /^Python 3\.8 reached end of life on 2024-10-07 and gets no security fixes; these pins hold the image on it: pillow==6\.2\.1\./);
      assert.match(zhCN.text.planWarning(eol!), /是这些固定版本把镜像留在了这个 Python 上：pillow==6\.2\.1/);
      // The server added installs on it: gunicorn 27 needs 3.10.
      assert.deepEqual(plan.addedPackages, ['gunicorn==23.0.0']);
      assert.deepEqual(plan.serverForPython, { server: 'gunicorn', version: '23.0.0', newest: '27.0.1', newestNeeds: '3.10' });
    });
  });

  describe('lock files and the index', () => {
    it('uv.lock: only what the project reaches outside its dev group', () => {
      const lock = parseToml(
        'uv.lock',
        [
          '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\ndependencies = [{ name = "a" }]\n[package.dev-dependencies]\ndev = [{ name = "b" }]',
          '[[package]]\nname = "a"\nversion = "1.0"\nsdist = { url = "https://x/a-1.0.tar.gz", upload-time = "2024-01-01T00:00:00Z" }\nwheels = [{ url = "https://x/a-1.0-py3-none-any.whl" }]',
          '[[package]]\nname = "b"\nversion = "2.0"\nwheels = [{ url = "https://x/b-2.0-cp311-cp311-manylinux_2_17_x86_64.whl" }]',
        ].join('\n'),
      );
      assert.deepEqual(uvLockReleases(lock), [
        { name: 'a', version: '1.0', files: ['a-1.0.tar.gz', 'a-1.0-py3-none-any.whl'], uploadTime: '2024-01-01T00:00:00Z', from: 'uv.lock' },
      ]);
    });

    it('poetry.lock / pdm.lock: the main / default group', () => {
      const lock = parseToml('poetry.lock', '[[package]]\nname = "A"\nversion = "1"\ngroups = ["main"]\nfiles = [{file = "a-1-py3-none-any.whl", hash = "x"}]\n[[package]]\nname = "pytest"\nversion = "8"\ngroups = ["dev"]\nfiles = [{file = "pytest-8-py3-none-any.whl", hash = "x"}]\n');
      assert.deepEqual(groupLockReleases(lock, ['main'], 'poetry.lock').map((release) => release.name), ['a']);
    });

    it('a PEP 691 page: the pinned version\'s files and its first upload time', () => {
      const page = { files: [
        { filename: 'gunicorn-20.1.0-py3-none-any.whl', 'upload-time': '2021-03-27T01:54:37Z' },
        { filename: 'gunicorn-20.1.0.tar.gz', 'upload-time': '2021-03-27T01:54:40Z' },
        { filename: 'gunicorn-21.2.0.tar.gz', 'upload-time': '2023-07-19T00:00:00Z' },
      ] };
      assert.deepEqual(releaseFromSimpleJson(page, 'gunicorn', '20.1.0', 'the package index'), {
        name: 'gunicorn', version: '20.1.0', files: ['gunicorn-20.1.0-py3-none-any.whl', 'gunicorn-20.1.0.tar.gz'], uploadTime: '2021-03-27T01:54:37Z', from: 'the package index',
      });
      assert.equal(releaseFromSimpleJson(page, 'gunicorn', '99.0', 'x'), 'missing');
    });

    it('an index that does not answer is "unreachable", never an exception', async () => {
      const fetcher = indexFetcher('http://127.0.0.1:9', 500);
      assert.equal(await fetcher('flask', '3.1.3'), 'unreachable');
    });
  });

  describe('setup.py / setup.cfg', () => {
    it('reads install_requires from setup.cfg, and from a literal list in setup.py', () => {
      assert.deepEqual(setupCfgRequires('[metadata]\nname = x\n[options]\ninstall_requires =\n    Flask==3.1.3\n    # a comment\n    gunicorn\npackages = find:\n'), ['Flask==3.1.3', 'gunicorn']);
      assert.deepEqual(setupPyRequires('setup(name="x", install_requires=["flask>=2", \'gunicorn==23.0.0\'])'), ['flask>=2', 'gunicorn==23.0.0']);
      assert.equal(setupPyRequires('setup(install_requires=read_requirements())'), undefined);
    });
  });

  describe('the real-project fixtures (recorded index answers)', () => {
    const index = indexFetcher(pathToFileURL(RECORDED_INDEX).href);
    const read = (name: string) => readProject(path.join(REAL, name), { index });

    const decide = (facts: ProjectFacts) => choosePython({ stated: facts.pythonVersion, wheels: facts.dependencies?.wheels ?? [], unreachable: facts.unreachablePins ?? [] });

    it('uv-fastapi-2024: held to 3.13 by pydantic-core from uv.lock, offline', async () => {
      const choice = decide(await readProject(path.join(REAL, 'uv-fastapi-2024'), { index: null }));
      assert.equal(choice.version?.value, '3.13');
      assert.match(en.text.pythonFromPins(choice)!, /^uv\.lock: pydantic-core 2\.23\.4 has no 3\.14 wheel/);
    });

    it('requirements-folder: psycopg2 2.9.10 is source only, released in the 3.13 era', async () => {
      const facts = await read('requirements-folder');
      assert.equal(facts.dependencies?.requirementsFile, 'requirements/prod.txt');
      assert.deepEqual(facts.dependencies?.files, ['requirements/prod.txt', 'requirements/base.txt']);
      const choice = decide(facts);
      assert.equal(choice.version?.value, '3.13');
      assert.match(en.text.pythonFromPins(choice)!, /psycopg2 2\.9\.10 builds from source and predates 3\.14/);
    });

    it('seed-flask-2022: pure wheels, pinned in early 2023: the Python of their era, 3.11', async () => {
      const facts = await read('seed-flask-2022');
      assert.equal(facts.pythonVersion, undefined);
      assert.deepEqual(facts.dependencies?.pins, { flask: '2.2.3', gunicorn: '20.1.0' });
      const choice = decide(facts);
      assert.equal(choice.version?.value, '3.11');
      assert.equal(choice.decision.kind, 'era');
    });

    it('Pipfile.lock pins (a Pipenv project of 2022, as auth0-blog/flask-restful-apis had): their era, 3.10', async () => {
      const lock = { _meta: { requires: {} }, default: { flask: { version: '==2.2.2' }, werkzeug: { version: '==2.2.2' }, local: { path: '.', editable: true } }, develop: { pytest: { version: '==7.1.3' } } };
      const root = await tempProject({ Pipfile: '[packages]\nflask = "*"\n', 'Pipfile.lock': JSON.stringify(lock), 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
      const asked: string[] = [];
      const index = async (name: string, version: string) => {
        asked.push(`${name}==${version}`);
        return { name, version, files: [`${name}-${version}-py3-none-any.whl`], uploadTime: '2022-08-08T20:00:00Z', from: 'the package index' };
      };
      const facts = await readProject(root, { index });
      assert.deepEqual(facts.dependencies?.pins, { flask: '2.2.2', werkzeug: '2.2.2' });
      assert.deepEqual(asked.sort(), ['flask==2.2.2', 'werkzeug==2.2.2'], 'only the default section, only exact pins');
      const choice = decide(facts);
      assert.equal(choice.version?.value, '3.10');
      assert.equal(choice.decision.kind, 'era');
    });

    it('poetry-assets-hashes / pdm-django-allauth: lock pins built from source get their release date from the index (poetry.lock and pdm.lock record none)', async () => {
      const fromSource = async (facts: Awaited<ReturnType<typeof read>>) => facts.dependencies?.wheels?.filter(builtFromSource).map((release) => [release.name, release.released]);
      assert.deepEqual(await fromSource(await read('poetry-assets-hashes')), [['cssmin', '2013-10-14'], ['jsmin', '2022-01-16']]);
      assert.deepEqual(await fromSource(await read('pdm-django-allauth')), [['django-allauth', '2022-02-03']]);
      const offline = await readProject(path.join(REAL, 'poetry-assets-hashes'), { index: null });
      assert.deepEqual(await fromSource(offline), [['cssmin', undefined], ['jsmin', undefined]], 'no index: no date, so no build constraint is guessed');
      assert.deepEqual(await fromSource(await readProject(path.join(REAL, 'uv-minify-hashes'), { index: null })), [['cssmin', '2013-10-14'], ['jsmin', '2022-01-16']], 'uv.lock records upload times');
    });

    it('pins with no index to ask: the stated fallback', async () => {
      const choice = decide(await readProject(path.join(REAL, 'seed-flask-2022'), { index: null }));
      assert.equal(choice.version?.value, '3.13');
    });

    it('managers in the wild', async () => {
      assert.deepEqual(
        await Promise.all(['poetry-no-package', 'pdm-flask', 'pip-tools-compiled', 'setup-cfg-package'].map(async (name) => {
          const deps = await readDependencies(await openProject(path.join(REAL, name)));
          return [deps?.manager, deps?.installsProject, deps?.requirementsFile];
        })),
        [['poetry', false, undefined], ['pdm', false, undefined], ['pip', false, 'requirements.txt'], ['setuptools', true, undefined]],
      );
      const only = await tempProject({ 'requirements.in': 'flask\n', 'app.py': '' });
      assert.equal((await readDependencies(await openProject(only)))?.requirementsFile, 'requirements.in');
    });
  });
});
