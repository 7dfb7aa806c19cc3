/**
 * The detector lists ARE the precedence: each detector on its own reads its own files, and when
 * a project has files for two of them, the one listed first wins. Swapping two entries in
 * DEPENDENCY_MANAGER_PRECEDENCE or PYTHON_VERSION_SOURCES fails an order test below.
 */
import { openProject } from '../../helpers/project-files.js';
import { dependencyReason } from '../../../lib/messages/cli-en.js';
import assert from 'node:assert/strict';
import { UsageError } from '../../../lib/errors.js';
import { DEPENDENCY_MANAGER_PRECEDENCE, readDependencies } from '../../../lib/read/dependencies.js';
import { readProject } from '../../../lib/read/read.js';
import { PYTHON_VERSION_SOURCES, readPythonVersion } from '../../../lib/read/python-version.js';
import type { DependencyManager, ReadNote } from '../../../lib/read/types.js';
import { removeTempProjects, tempProject } from './helpers.js';

const PEP621 = '[project]\nname = "demo"\nversion = "0.1.0"\ndependencies = ["flask"]\n';

/** The least a project needs for each manager to match. */
const MANAGER_FILES: Record<DependencyManager, Record<string, string>> = {
  uv: { 'pyproject.toml': PEP621, 'uv.lock': '# stub\n' },
  poetry: { 'pyproject.toml': PEP621, 'poetry.lock': '# stub\n' },
  pdm: { 'pyproject.toml': PEP621, 'pdm.lock': '# stub\n' },
  pipenv: { Pipfile: '[packages]\nflask = "*"\n' },
  pip: { 'requirements.txt': 'flask\n' },
  pyproject: { 'pyproject.toml': PEP621 },
  setuptools: { 'setup.py': 'from setuptools import setup\nsetup(name="demo", install_requires=["flask"])\n' },
};

/** The reason each manager gives when its files are the only ones. */
const ALONE: Record<DependencyManager, string> = {
  uv: 'uv.lock found',
  poetry: 'poetry.lock found; no package folder for "demo", so only its dependencies are installed',
  pdm: 'pdm.lock found; not a distribution: dependencies only',
  pipenv: 'Pipfile found (no Pipfile.lock)',
  pip: 'requirements.txt found',
  pyproject: 'pyproject.toml [project] found, installed with pip install .',
  setuptools: 'setup.py found: installed with pip install . (needs the code)',
};

const detector = (manager: DependencyManager) => {
  const found = DEPENDENCY_MANAGER_PRECEDENCE.find((entry) => entry.manager === manager);
  assert.ok(found, `no detector for ${manager}`);
  return found;
};

describe('project/dependencies: the manager detectors', () => {
  after(removeTempProjects);

  for (const [manager, files] of Object.entries(MANAGER_FILES) as [DependencyManager, Record<string, string>][]) {
    it(`${manager}: matches ${Object.keys(files).join(' + ')}, alone and among every other manager's files`, async () => {
      const alone = await readDependencies(await openProject(await tempProject(files)));
      assert.deepEqual([alone?.manager, alone && dependencyReason(alone.reasonParts)], [manager, ALONE[manager]]);
      // With every manager's files present, this detector on its own still picks out its own.
      const everything = await tempProject(Object.assign({}, ...Object.values(MANAGER_FILES)));
      const own = await readDependencies(await openProject(everything), [detector(manager)]);
      assert.equal(own?.manager, manager);
    });
  }

  it('every detector has a test above', () => {
    // uv has two: a project with its own uv.lock, and a uv workspace member (workspace.test.ts).
    assert.deepEqual([...new Set(DEPENDENCY_MANAGER_PRECEDENCE.map((entry) => entry.manager))].sort(), Object.keys(MANAGER_FILES).sort());
    assert.equal(DEPENDENCY_MANAGER_PRECEDENCE.filter((entry) => entry.manager === 'uv').length, 2);
  });

  it("a detector's files make a folder a Python project: pdm.lock alone is an error naming what PDM needs", async () => {
    const root = await tempProject({ 'pdm.lock': '# stub\n' });
    await assert.rejects(readProject(root, { index: null }), (error: unknown) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.message, 'pdm.lock: found without pyproject.toml, which PDM needs to install the project');
      return true;
    });
  });

  it("a detector's files are checked before reading: a Pipfile.lock that is a folder is refused", async () => {
    const root = await tempProject({ 'Pipfile.lock/keep': '', 'requirements.txt': 'flask\n' });
    await assert.rejects(readProject(root, { index: null }), /Pipfile\.lock.*nothing was written/);
  });

  it('no detector matches a project without dependency files', async () => {
    assert.equal(await readDependencies(await openProject(await tempProject({ 'app.py': 'print("hi")\n' }))), undefined);
  });

  // [first, second, why the first wins]; each pair's project has both managers' files.
  const order: [DependencyManager, DependencyManager, string][] = [
    ['uv', 'poetry', 'uv.lock found; also present: poetry.lock'],
    ['poetry', 'pdm', 'poetry.lock found; no package folder for "demo", so only its dependencies are installed; also present: pdm.lock'],
    ['pdm', 'pipenv', 'pdm.lock found; not a distribution: dependencies only; also present: Pipfile'],
    ['pipenv', 'pip', 'Pipfile found (no Pipfile.lock); also present: requirements.txt'],
    ['pip', 'pyproject', 'requirements.txt found; also present: pyproject.toml [project]'],
    ['pyproject', 'setuptools', 'pyproject.toml [project] found, installed with pip install .; also present: setup.py'],
  ];
  for (const [first, second, reason] of order) {
    it(`order: ${first} wins over ${second}`, async () => {
      const root = await tempProject({ ...MANAGER_FILES[second], ...MANAGER_FILES[first] });
      const chosen = await readDependencies(await openProject(root));
      assert.deepEqual([chosen?.manager, chosen && dependencyReason(chosen.reasonParts)], [first, reason]);
      assert.equal((await readDependencies(await openProject(root), [detector(second)]))?.manager, second, `${second} matches this project too`);
    });
  }
});

/** Every version source, each stating a different version. */
const VERSION_FILES: Record<string, string> = {
  '.python-version': '3.13\n',
  'runtime.txt': 'python-3.12.7\n',
  'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.10,<3.12"\n\n[tool.poetry.dependencies]\npython = "~3.9"\n',
  Pipfile: '[requires]\npython_version = "3.11"\n',
  '.tool-versions': 'python 3.10.15\n',
};

const VERSION_FROM: Record<string, [string, string]> = {
  '.python-version': ['3.13', '.python-version'],
  'runtime.txt': ['3.12.7', 'runtime.txt'],
  'pyproject.toml [project] requires-python': ['3.11', 'pyproject.toml [project] requires-python ">=3.10,<3.12"'],
  'Pipfile [requires] python_full_version / python_version': ['3.11', 'Pipfile [requires] python_version'],
  '.tool-versions': ['3.10.15', '.tool-versions'],
  'pyproject.toml [tool.poetry.dependencies] python': ['3.9', 'pyproject.toml [tool.poetry.dependencies] python "~3.9"'],
};

const source = (name: string) => {
  const found = PYTHON_VERSION_SOURCES.find((entry) => entry.source === name);
  assert.ok(found, `no version source ${name}`);
  return found;
};

describe('project/python-version: the version sources', () => {
  after(removeTempProjects);

  for (const [name, [value, from]] of Object.entries(VERSION_FROM)) {
    it(`${name}: read on its own among every other source`, async () => {
      const root = await tempProject(VERSION_FILES);
      const notes: ReadNote[] = [];
      const found = await readPythonVersion(await openProject(root), notes, [source(name)]);
      assert.deepEqual({ value: found?.value, source: found?.source }, { value, source: from });
    });
  }

  it('every source has a test above', () => {
    // The workspace root's .python-version needs a workspace around the project: workspace.test.ts.
    const inWorkspaceTest = '.python-version at the root of the uv workspace the project is a member of';
    assert.deepEqual(
      PYTHON_VERSION_SOURCES.map((entry) => entry.source).sort(),
      [...Object.keys(VERSION_FROM), inWorkspaceTest].sort(),
    );
  });

  // [files of the first, files of the second, version and source that win]
  const order: [string, Record<string, string>, [string, string]][] = [
    ['.python-version over runtime.txt', { '.python-version': '3.13\n', 'runtime.txt': 'python-3.12.7\n' }, ['3.13', '.python-version']],
    [
      'runtime.txt over requires-python',
      { 'runtime.txt': 'python-3.12.7\n', 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.10"\n' },
      ['3.12.7', 'runtime.txt'],
    ],
    [
      'requires-python over Pipfile',
      { 'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.10,<3.12"\n', Pipfile: '[requires]\npython_version = "3.10"\n' },
      ['3.11', 'pyproject.toml [project] requires-python ">=3.10,<3.12"'],
    ],
    [
      'Pipfile over .tool-versions',
      { Pipfile: '[requires]\npython_version = "3.11"\n', '.tool-versions': 'python 3.10.15\n' },
      ['3.11', 'Pipfile [requires] python_version'],
    ],
    [
      '.tool-versions over Poetry python',
      { '.tool-versions': 'python 3.10.15\n', 'pyproject.toml': '[tool.poetry.dependencies]\npython = "~3.12"\n' },
      ['3.10.15', '.tool-versions'],
    ],
  ];
  for (const [title, files, [value, from]] of order) {
    it(`order: ${title}`, async () => {
      const found = await readPythonVersion(await openProject(await tempProject(files)));
      assert.deepEqual({ value: found?.value, source: found?.source }, { value, source: from });
    });
  }
});
