import { parsePythonVersion } from '../../../lib/state/answers.js';
import { minorNumber, pythonMinor } from '../../../lib/tables/versions.js';
import { openProject } from '../../helpers/project-files.js';
import { en } from '../../../lib/messages/en.js';
import type { ReadNote } from '../../../lib/read/types.js';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  cpythonVersion,
  firstPythonVersionLine,
  pythonForPoetryConstraint,
  pythonForRequiresPython,
  readPythonVersion,
  runtimeTxtVersion,
  toolVersionsPython,
} from '../../../lib/read/python-version.js';
import { fixture, removeTempProjects, tempProject } from './helpers.js';

describe('project/python-version', () => {
  after(removeTempProjects);

  it('reads each kind of file', () => {
    assert.equal(cpythonVersion('3.12'), '3.12');
    assert.equal(cpythonVersion(' 3.12.4 '), '3.12.4');
    assert.equal(cpythonVersion('cpython-3.12.4-linux-x86_64-gnu'), '3.12.4');
    assert.equal(cpythonVersion('pypy3.10'), undefined);
    assert.equal(cpythonVersion('system'), undefined);
    assert.equal(cpythonVersion('3'), undefined);
    assert.equal(firstPythonVersionLine('# team pin\n\n3.11\n3.10\n'), '3.11');
    assert.equal(runtimeTxtVersion('python-3.11.4\n'), '3.11.4');
    assert.equal(runtimeTxtVersion('3.11.4'), undefined);
    assert.equal(toolVersionsPython('# tools\nnodejs 22.11.0\npython 3.12.1 3.11.9\n'), '3.12.1');
    assert.equal(toolVersionsPython('nodejs 22.11.0\n'), undefined);
    assert.equal(pythonForRequiresPython('>=3.11'), '3.14');
    assert.equal(pythonForPoetryConstraint('^3.11'), '3.14');
  });

  const cases: [string, string, string][] = [
    ['pyver-python-version-file', '3.12.4', '.python-version'],
    ['pyver-runtime-txt', '3.11.4', 'runtime.txt'],
    ['pyver-requires-python', '3.11', 'pyproject.toml [project] requires-python ">=3.9,<3.12"'],
    ['pyver-tool-versions', '3.12.1', '.tool-versions'],
    ['pipenv', '3.13', 'Pipfile [requires] python_version'],
    ['poetry', '3.14', 'pyproject.toml [tool.poetry.dependencies] python "^3.11"'],
    ['uv', '3.13', '.python-version'],
    ['django', '3.12.8', 'runtime.txt'],
    ['pep621', '3.14', 'pyproject.toml [project] requires-python ">=3.10"'],
  ];
  for (const [name, value, source] of cases) {
    it(`${name}: ${value} from ${source}`, async () => {
      const notes: ReadNote[] = [];
      // A range-derived version carries its range (the decision narrows within it): only the value and source here.
      assert.deepEqual({ ...(await readPythonVersion(await openProject(fixture(name)), notes)), range: undefined }, { value, source, range: undefined });
      assert.deepEqual(notes, []);
    });
  }

  it('is undefined when nothing states it (fastapi)', async () => {
    assert.equal(await readPythonVersion(await openProject(fixture('fastapi'))), undefined);
  });

  it('takes the first source in the documented order', async () => {
    const root = await tempProject({
      '.python-version': '3.13\n',
      'runtime.txt': 'python-3.12.7\n',
      'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.10,<3.14"\n',
      Pipfile: '[requires]\npython_version = "3.11"\n',
      '.tool-versions': 'python 3.10.15\n',
    });
    const order: [string, string][] = [];
    const remove = async (file: string): Promise<void> => rm(path.join(root, file));
    const record = async (): Promise<void> => {
      const version = await readPythonVersion(await openProject(root));
      order.push([version!.value, version!.source]);
    };
    await record();
    await remove('.python-version');
    await record();
    await remove('runtime.txt');
    await record();
    await writeFile(path.join(root, 'pyproject.toml'), '[tool.poetry.dependencies]\npython = "~3.12"\n');
    await record();
    await remove('Pipfile');
    await record();
    await remove('.tool-versions');
    await record();
    assert.deepEqual(order, [
      ['3.13', '.python-version'],
      ['3.12.7', 'runtime.txt'],
      ['3.13', 'pyproject.toml [project] requires-python ">=3.10,<3.14"'],
      ['3.11', 'Pipfile [requires] python_version'],
      ['3.10.15', '.tool-versions'],
      ['3.12', 'pyproject.toml [tool.poetry.dependencies] python "~3.12"'],
    ]);
  });

  it('skips non-CPython and unusable values with a note, and goes on', async () => {
    const root = await tempProject({
      '.python-version': 'pypy3.10\n',
      'runtime.txt': 'ruby-3.3\n',
      'pyproject.toml': '[project]\nname = "x"\nrequires-python = "<3.8"\n',
      '.tool-versions': 'python system\n',
      Pipfile: '[requires]\npython_version = "3"\n',
    });
    const notes: ReadNote[] = [];
    assert.equal(await readPythonVersion(await openProject(root), notes), undefined);
    assert.deepEqual(notes[0], { code: 'pythonIgnored', source: '.python-version', value: 'pypy3.10', why: 'notCPython3' });
    assert.deepEqual(notes.map(en.report.note), [
      'python: ignored .python-version "pypy3.10" (not a CPython 3 version)',
      'python: ignored runtime.txt "ruby-3.3" (expected python-3.N or python-3.N.P)',
      'python: ignored pyproject.toml [project] requires-python "<3.8" (allows no supported Python)',
      'python: ignored Pipfile [requires] python_version "3" (expected 3.N or 3.N.P)',
      'python: ignored .tool-versions python "system" (not a CPython 3 version)',
    ]);
  });

  it('warns when a pin is outside requires-python', async () => {
    const root = await tempProject({
      '.python-version': '3.10\n',
      'pyproject.toml': '[project]\nname = "x"\nrequires-python = ">=3.11"\n',
    });
    const notes: ReadNote[] = [];
    assert.deepEqual(await readPythonVersion(await openProject(root), notes), { value: '3.10', source: '.python-version' });
    assert.deepEqual(notes, [{ code: 'pythonOutsideRange', version: '3.10', source: '.python-version', range: '>=3.11' }]);
    assert.deepEqual(notes.map(en.report.note), ['python: warning: 3.10 from .python-version is outside pyproject.toml requires-python ">=3.11"']);
  });

  it('fails on a requires-python or Poetry python it cannot read', async () => {
    const bad = await tempProject({ 'pyproject.toml': '[project]\nname = "x"\nrequires-python = "python3"\n' });
    await assert.rejects(readPythonVersion(await openProject(bad)), {
      name: 'UsageError',
      message: 'pyproject.toml: [project] requires-python "python3": invalid version specifier "python3"',
    });
    const poetry = await tempProject({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "latest"\n', '.python-version': '3.12\n' });
    await assert.rejects(readPythonVersion(await openProject(poetry)), {
      name: 'UsageError',
      message: 'pyproject.toml: [tool.poetry.dependencies] python "latest": invalid version constraint "latest"',
    });
  });
});

describe('one version grammar (issue 23 point 4)', () => {
  // Before: python-version.ts took a 3-digit patch ("3.12.100") that --python-version refused, so a
  // project's own .python-version could produce a value the answers could not take back.
  it('what the readers take is exactly what --python-version and .yo-rc.json take', () => {
    for (const text of ['3.12', '3.12.4', '3.9', '3.12.10']) {
      assert.equal(cpythonVersion(text), text);
      assert.equal(parsePythonVersion(text), text);
    }
    for (const text of ['3.12.100', '3.123', '3', '3.12.4.1', 'python3.12']) {
      assert.equal(cpythonVersion(text), undefined, text);
      assert.throws(() => parsePythonVersion(text), text);
    }
    assert.equal(cpythonVersion('cpython-3.12.4-linux-x86_64-gnu'), '3.12.4');
    assert.equal(cpythonVersion('cpython-3.12.100-linux-x86_64-gnu'), undefined);
  });

  it('one "minor of" and one minor number', () => {
    assert.equal(pythonMinor('3.14.1'), '3.14');
    assert.equal(minorNumber('3.9.20'), 9);
  });
});
