import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { readDependencies } from '../../../lib/read/dependencies.js';
import { groupLockReleases, uvLockReleases } from '../../../lib/read/lock-files.js';
import { indexFetcher, releaseFromSimpleJson } from '../../../lib/read/package-index.js';
import { parseSpecifierSet } from '../../../lib/read/pep440.js';
import { choosePython } from '../../../lib/read/python-choice.js';
import { readProject } from '../../../lib/read/read.js';
import { setupCfgRequires, setupPyRequires } from '../../../lib/read/setup-py.js';
import { parseToml } from '../../../lib/read/toml.js';
import { wheelMinors, wheelSupport } from '../../../lib/read/wheels.js';
import { RECORDED_INDEX } from '../../helpers/recorded-index.js';
import { removeTempProjects, tempProject } from './helpers.js';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const REAL = fileURLToPath(new URL('../../fixtures/real-projects/', import.meta.url));
const candidates = ['3.14', '3.13', '3.12', '3.11'];

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
      assert.deepEqual(psycopg2.minors, ['3.13', '3.12', '3.11']);
      assert.equal(psycopg2.compiles, true);
      const pure = wheelSupport({ name: 'docopt', version: '0.6.2', files: ['docopt-0.6.2.tar.gz'], uploadTime: '2014-06-16T11:18:57Z', from: 'x' }, candidates);
      assert.equal(pure.minors, undefined);
      assert.equal(pure.compiles, undefined);
    });

    it('a package with wheels for macOS or Windows only compiles on Linux, on any Python (kerberos 1.3.1)', () => {
      const files = ['kerberos-1.3.1-cp39-cp39-macosx_10_9_x86_64.whl', 'kerberos-1.3.1.tar.gz'];
      const kerberos = wheelSupport({ name: 'kerberos', version: '1.3.1', files, uploadTime: '2021-01-09T06:43:46Z', from: 'the package index' }, candidates);
      assert.equal(kerberos.compiles, true);
      assert.equal(kerberos.minors, undefined, 'no Python is better than another for it: the choice is not held back');
      assert.match(kerberos.basis, /wheels for other systems only, compiled from source on Linux/);
      const choice = choosePython({ wheels: [kerberos, { name: 'flask', version: '3.1.3', basis: 'x: pure-Python wheel' }], unreachable: [] });
      assert.equal(choice.version, undefined);
      assert.match(choice.notes.join('\n'), /2 checked: wheels, pure Python or compiled; compiled from source, no Linux wheel for any Python: kerberos 1\.3\.1\)/);
    });
  });

  describe('choosePython', () => {
    const pydanticCore = { name: 'pydantic-core', version: '2.23.4', minors: ['3.13', '3.12', '3.11'], basis: 'uv.lock: Linux wheels for 3.13, 3.12, 3.11' };
    const flask = { name: 'flask', version: '3.1.3', basis: 'uv.lock: pure-Python wheel' };

    it('picks the newest Python every pin has a wheel for, and names what held it back', () => {
      const choice = choosePython({ wheels: [flask, pydanticCore], unreachable: [] });
      assert.deepEqual(choice.version, { value: '3.13', source: 'uv.lock: pydantic-core 2.23.4 has no 3.14 wheel' });
      assert.match(choice.notes.join('\n'), /3\.13, not 3\.14: held back by pydantic-core 2\.23\.4/);
    });

    it('stays within requires-python', () => {
      const stated = { value: '3.12', source: 'pyproject.toml [project] requires-python ">=3.10,<3.13"' };
      const choice = choosePython({ stated, range: [parseSpecifierSet('>=3.10,<3.13')], wheels: [pydanticCore], unreachable: [] });
      assert.deepEqual(choice.version, stated);
    });

    it('an exact version the project states wins', () => {
      const stated = { value: '3.14', source: '.python-version' };
      assert.deepEqual(choosePython({ stated, wheels: [pydanticCore], unreachable: [] }).version, stated);
    });

    it('falls back to 3.13, and says so, when the index cannot be asked', () => {
      const choice = choosePython({ wheels: [], unreachable: ['flask==2.2.3'] });
      assert.equal(choice.version?.value, '3.13');
      assert.match(choice.notes[0]!, /not asked or did not answer/);
    });

    it('the fallback is marked as a choice, not as what the project states: not asked (offline) or no answer', () => {
      assert.deepEqual(choosePython({ wheels: [], unreachable: ['flask==2.2.3'], indexAsked: false }).version, { value: '3.13', source: '', fallback: 'indexNotAsked' });
      assert.deepEqual(choosePython({ wheels: [], unreachable: ['flask==2.2.3'] }).version, { value: '3.13', source: '', fallback: 'indexUnreachable' });
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
      assert.deepEqual(groupLockReleases(lock, 'main', 'poetry.lock').map((release) => release.name), ['a']);
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

    it('uv-fastapi-2024: held to 3.13 by pydantic-core from uv.lock, offline', async () => {
      const facts = await readProject(path.join(REAL, 'uv-fastapi-2024'), { index: null });
      assert.equal(facts.pythonVersion?.value, '3.13');
      assert.match(facts.pythonVersion!.source, /^uv\.lock: pydantic-core 2\.23\.4 has no 3\.14 wheel/);
    });

    it('requirements-folder: psycopg2 2.9.10 is source only, released in the 3.13 era', async () => {
      const facts = await read('requirements-folder');
      assert.equal(facts.dependencies?.requirementsFile, 'requirements/prod.txt');
      assert.deepEqual(facts.dependencies?.files, ['requirements/prod.txt', 'requirements/base.txt']);
      assert.equal(facts.pythonVersion?.value, '3.13');
      assert.match(facts.pythonVersion!.source, /psycopg2 2\.9\.10 builds from source and predates 3\.14/);
    });

    it('seed-flask-2022: pure wheels, so nothing holds it back', async () => {
      const facts = await read('seed-flask-2022');
      assert.equal(facts.pythonVersion, undefined);
      assert.deepEqual(facts.dependencies?.pins, { flask: '2.2.3', gunicorn: '20.1.0' });
    });

    it('pins with no index to ask: the stated fallback', async () => {
      const facts = await readProject(path.join(REAL, 'seed-flask-2022'), { index: null });
      assert.equal(facts.pythonVersion?.value, '3.13');
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
