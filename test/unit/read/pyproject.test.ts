import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { checkPipfileLock, interpretPipfile, readPipfile } from '../../../lib/read/pipfile.js';
import { interpretPyproject, readPyproject } from '../../../lib/read/pyproject.js';
import { parseToml } from '../../../lib/read/toml.js';
import { fixture, removeTempProjects, tempProject } from './helpers.js';

describe('project/pyproject and Pipfile', () => {
  after(removeTempProjects);

  describe('readPyproject', () => {
    it('reads PEP 621 dependencies (not optional ones), requires-python and [build-system] (pep621)', async () => {
      assert.deepEqual(await readPyproject(await openProject(fixture('pep621'))), {
        hasProject: true,
        hasBuildSystem: true,
        name: 'hello-pep621',
        dependencies: ['flask', 'gunicorn'],
        requiresPython: '>=3.10',
      });
    });

    it('reads [tool.poetry.dependencies] without python, and package-mode (poetry)', async () => {
      assert.deepEqual(await readPyproject(await openProject(fixture('poetry'))), {
        hasProject: false,
        hasBuildSystem: false,
        poetry: { packages: ['flask', 'gunicorn'], python: '^3.11', packageMode: false },
      });
    });

    it('reads a uv project (uv)', async () => {
      assert.deepEqual(await readPyproject(await openProject(fixture('uv'))), {
        hasProject: true,
        hasBuildSystem: false,
        name: 'uv-hello',
        dependencies: ['fastapi', 'uvicorn'],
        requiresPython: '>=3.12',
      });
    });

    it('is undefined without pyproject.toml', async () => {
      assert.equal(await readPyproject(await openProject(fixture('fastapi'))), undefined);
    });

    it('fails on invalid TOML with file, line and column (malformed-pyproject)', async () => {
      await assert.rejects(readPyproject(await openProject(fixture('malformed-pyproject'))), {
        name: 'UsageError',
        message: 'pyproject.toml: invalid TOML at line 6, column 3: expected comma or end of structure',
      });
    });

    it('fails on wrongly typed keys and invalid requirements, naming the key', () => {
      const cases: [string, string][] = [
        ['project = 1', 'pyproject.toml: [project] must be a table'],
        ['[project]\ndependencies = "flask"', 'pyproject.toml: [project] dependencies must be a list of strings'],
        ['[project]\ndependencies = ["flask", 3]', 'pyproject.toml: [project] dependencies must be a list of strings'],
        [
          '[project]\ndependencies = ["flask>>3"]',
          'pyproject.toml: [project] dependencies has an invalid requirement "flask>>3": invalid version specifier ">>3"',
        ],
        ['[project]\nrequires-python = 3.12', 'pyproject.toml: [project] requires-python must be a string'],
        ['[tool.poetry]\ndependencies = 1', 'pyproject.toml: [tool.poetry.dependencies] must be a table'],
        ['[tool.poetry.dependencies]\npython = 3', 'pyproject.toml: [tool.poetry.dependencies] python must be a string'],
        ['[tool.poetry]\npackage-mode = "no"', 'pyproject.toml: [tool.poetry] package-mode must be true or false'],
        ['[tool.uv]\npackage = 1', 'pyproject.toml: [tool.uv] package must be true or false'],
      ];
      for (const [toml, message] of cases) {
        assert.throws(() => interpretPyproject(parseToml('pyproject.toml', toml)), { name: 'UsageError', message }, toml);
      }
    });

    it('reads [tool.uv] package and dedupes names across spellings', () => {
      const toml = '[project]\ndependencies = ["Flask>=3", "flask[async]"]\n[tool.uv]\npackage = true\n';
      assert.deepEqual(interpretPyproject(parseToml('pyproject.toml', toml)), {
        hasProject: true,
        hasBuildSystem: false,
        dependencies: ['flask'],
        dependencyExtras: { flask: ['async'] },
        uvPackage: true,
      });
    });
  });

  describe('Pipfile', () => {
    it('reads [packages] (not dev-packages) and [requires] python_version (pipenv)', async () => {
      assert.deepEqual(await readPipfile(await openProject(fixture('pipenv'))), {
        packages: ['flask', 'gunicorn'],
        pythonVersion: '3.13',
        pythonVersionKey: 'python_version',
        installsProject: false,
      });
      assert.equal(await checkPipfileLock(await openProject(fixture('pipenv'))), true);
      assert.equal(await checkPipfileLock(await openProject(fixture('several-managers'))), false);
    });

    it('prefers python_full_version and sees local path packages', () => {
      const toml = '[packages]\nmyproject = {path = ".", editable = true}\nRequests = "*"\n[requires]\npython_version = "3.12"\npython_full_version = "3.12.4"\n';
      assert.deepEqual(interpretPipfile(parseToml('Pipfile', toml)), {
        packages: ['myproject', 'requests'],
        pythonVersion: '3.12.4',
        pythonVersionKey: 'python_full_version',
        installsProject: true,
      });
    });

    it('fails on invalid TOML (malformed-pipfile)', async () => {
      await assert.rejects(readPipfile(await openProject(fixture('malformed-pipfile'))), {
        name: 'UsageError',
        message: 'Pipfile: invalid TOML at line 6, column 10: illegal character in key',
      });
    });

    it('fails on an invalid Pipfile.lock', async () => {
      const root = await tempProject({ Pipfile: '[packages]\n', 'Pipfile.lock': '{"_meta": {' });
      await assert.rejects(checkPipfileLock(await openProject(root)), (error: unknown) => {
        assert.equal((error as Error).name, 'UsageError');
        assert.match((error as Error).message, /^Pipfile\.lock: invalid JSON: [^\n]+$/);
        return true;
      });
      const array = await tempProject({ Pipfile: '[packages]\n', 'Pipfile.lock': '[]' });
      await assert.rejects(checkPipfileLock(await openProject(array)), { name: 'UsageError', message: 'Pipfile.lock: must be a JSON object' });
    });
  });
});
