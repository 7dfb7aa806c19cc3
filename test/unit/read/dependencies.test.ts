import { openProject } from '../../helpers/project-files.js';
import { dependencyReason } from '../../../lib/messages/cli-en.js';
import type { Dependencies } from '../../../lib/read/types.js';
import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readDependencies as readDependenciesFull } from '../../../lib/read/dependencies.js';
import { bare } from './helpers.js';

const readDependencies = async (project: Parameters<typeof readDependenciesFull>[0]) => bare(await readDependenciesFull(project));
import { fixture, removeTempProjects, tempProject } from './helpers.js';

/** The record with its reason said in English (the parts, as the read block says them), to compare whole. */
function inEnglish(dependencies: Dependencies | undefined): object | undefined {
  if (!dependencies) return undefined;
  const { reasonParts, ...rest } = dependencies;
  return { ...rest, reason: dependencyReason(reasonParts) };
}

describe('project/dependencies', () => {
  after(removeTempProjects);

  it('uv: pyproject.toml + uv.lock, [project] dependencies (uv)', async () => {
    assert.deepEqual(inEnglish(await readDependencies(await openProject(fixture('uv')))), {
      manager: 'uv',
      files: ['pyproject.toml', 'uv.lock'],
      installsProject: false,
      packages: ['fastapi', 'uvicorn'],
      reason: 'uv.lock found',
    });
  });

  it('poetry: pyproject.toml + poetry.lock, [tool.poetry.dependencies] without python (poetry)', async () => {
    assert.deepEqual(inEnglish(await readDependencies(await openProject(fixture('poetry')))), {
      manager: 'poetry',
      files: ['pyproject.toml', 'poetry.lock'],
      installsProject: false,
      packages: ['flask', 'gunicorn'],
      reason: 'poetry.lock found; package-mode = false: dependencies only',
    });
  });

  it('pipenv: Pipfile + Pipfile.lock, [packages] only (pipenv)', async () => {
    assert.deepEqual(inEnglish(await readDependencies(await openProject(fixture('pipenv')))), {
      manager: 'pipenv',
      files: ['Pipfile', 'Pipfile.lock'],
      installsProject: false,
      packages: ['flask', 'gunicorn'],
      reason: 'Pipfile.lock found',
    });
  });

  it('pip: requirements.txt and its includes (requirements-includes)', async () => {
    assert.deepEqual(inEnglish(await readDependencies(await openProject(fixture('requirements-includes')))), {
      manager: 'pip',
      files: ['requirements.txt', 'requirements/base.txt', 'requirements/common.txt', 'constraints.txt'],
      requirementsFile: 'requirements.txt',
      installsProject: true,
      packages: ['flask', 'werkzeug', 'blinker', 'itsdangerous', 'click', 'gunicorn', 'uvicorn', 'tomli'],
      extras: { uvicorn: ['standard'] },
      reason: 'requirements.txt found; also present: pyproject.toml [project]',
    });
  });

  it('pip: native dependencies are named like any other (native-deps)', async () => {
    assert.deepEqual(inEnglish(await readDependencies(await openProject(fixture('native-deps')))), {
      manager: 'pip',
      files: ['requirements.txt'],
      requirementsFile: 'requirements.txt',
      installsProject: false,
      packages: ['flask', 'gunicorn', 'psycopg2', 'mysqlclient'],
      reason: 'requirements.txt found',
    });
  });

  it('pyproject: PEP 621 project installed with pip install . (pep621)', async () => {
    assert.deepEqual(inEnglish(await readDependencies(await openProject(fixture('pep621')))), {
      manager: 'pyproject',
      files: ['pyproject.toml'],
      installsProject: true,
      packages: ['flask', 'gunicorn'],
      reason: 'pyproject.toml [project] found, installed with pip install .',
    });
  });

  it('none: a script with no dependency file (plain-script)', async () => {
    assert.equal(await readDependencies(await openProject(fixture('plain-script'))), undefined);
  });

  it('follows the precedence when several are present, and says what else is there (several-managers)', async () => {
    const root = await tempProject({}, 'several-managers');
    const step = async (): Promise<[string, string] | undefined> => {
      const dependencies = await readDependencies(await openProject(root));
      return dependencies && [dependencies.manager, dependencyReason(dependencies.reasonParts)];
    };
    assert.deepEqual(await step(), ['uv', 'uv.lock found; also present: Pipfile, requirements.txt']);
    // The reason is part of the record, as parts with no words (the messages say them in each language).
    assert.deepEqual((await readDependencies(await openProject(root)))?.reasonParts, [{ key: 'found', file: 'uv.lock' }, { key: 'alsoPresent', files: ['Pipfile', 'requirements.txt'] }]);

    await writeFile(path.join(root, 'poetry.lock'), '# stub\n');
    assert.deepEqual(await step(), ['uv', 'uv.lock found; also present: poetry.lock, Pipfile, requirements.txt']);

    await rm(path.join(root, 'uv.lock'));
    assert.deepEqual(await step(), ['poetry', 'poetry.lock found; no package folder for "several-managers", so only its dependencies are installed; also present: Pipfile, requirements.txt']);

    await rm(path.join(root, 'poetry.lock'));
    assert.deepEqual(await step(), [
      'pipenv',
      'Pipfile found (no Pipfile.lock); also present: requirements.txt, pyproject.toml [project]',
    ]);

    await rm(path.join(root, 'Pipfile'));
    assert.deepEqual(await step(), ['pip', 'requirements.txt found; also present: pyproject.toml [project]']);

    await rm(path.join(root, 'requirements.txt'));
    assert.deepEqual(await step(), ['pyproject', 'pyproject.toml [project] found, installed with pip install .']);
  });

  it('poetry from [tool.poetry] alone, and uv / poetry projects that build a package', async () => {
    const poetry = await tempProject({
      'pyproject.toml': '[tool.poetry]\nname = "x"\nversion = "0.1.0"\n[tool.poetry.dependencies]\npython = "^3.12"\nrequests = "^2.32"\n',
      'requirements.txt': 'requests==2.34.2\n',
      'x/__init__.py': '',
    });
    assert.deepEqual(inEnglish(await readDependencies(await openProject(poetry))), {
      manager: 'poetry',
      files: ['pyproject.toml'],
      installsProject: true,
      packages: ['requests'],
      reason: '[tool.poetry] found in pyproject.toml (no poetry.lock); also present: requirements.txt',
    });

    // The same project with no package folder named after it: Poetry could not install it, so only its dependencies are.
    await rm(path.join(poetry, 'x'), { recursive: true });
    assert.deepEqual(inEnglish(await readDependencies(await openProject(poetry))), {
      manager: 'poetry',
      files: ['pyproject.toml'],
      installsProject: false,
      packages: ['requests'],
      reason: '[tool.poetry] found in pyproject.toml (no poetry.lock); no package folder for "x", so only its dependencies are installed; also present: requirements.txt',
    });

    const uvPackage = await tempProject({
      'pyproject.toml': '[project]\nname = "x"\nversion = "0.1.0"\ndependencies = ["flask"]\n[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
      'uv.lock': 'version = 1\n',
    });
    assert.equal((await readDependencies(await openProject(uvPackage)))?.installsProject, true);

    const uvNoPackage = await tempProject({
      'pyproject.toml': '[project]\nname = "x"\nversion = "0.1.0"\n[build-system]\nrequires = ["hatchling"]\n[tool.uv]\npackage = false\n',
      'uv.lock': 'version = 1\n',
    });
    assert.equal((await readDependencies(await openProject(uvNoPackage)))?.installsProject, false);
  });

  it('poetry: the groups a production install takes (not optional, not dev or test), their packages declared', async () => {
    const root = await tempProject({
      'pyproject.toml': [
        '[tool.poetry]',
        'name = "site"',
        'package-mode = false',
        '[tool.poetry.dependencies]',
        'flask = "^3.1"',
        '[tool.poetry.group.production.dependencies]',
        'gunicorn = "23.0.0"',
        '[tool.poetry.group.dev.dependencies]',
        'pytest = "*"',
        '[tool.poetry.group.Test.dependencies]',
        'coverage = "*"',
        '[tool.poetry.group.docs]',
        'optional = true',
        '[tool.poetry.group.docs.dependencies]',
        'sphinx = "*"',
      ].join('\n'),
    });
    const read = await readDependenciesFull(await openProject(root));
    assert.deepEqual(read?.poetryGroups, ['production']);
    assert.deepEqual(read?.packages, ['flask', 'gunicorn'], 'gunicorn is the project\'s own: no server is added');
  });

  it('a pyproject.toml with only tool settings is not a dependency manager', async () => {
    const root = await tempProject({ 'pyproject.toml': '[tool.ruff]\nline-length = 100\n', 'app.py': '' });
    assert.equal(await readDependencies(await openProject(root)), undefined);
  });

  it('fails on lock files without the file their tool needs', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'uv.lock': 'version = 1\n' }, 'uv.lock: found without pyproject.toml, which uv needs to install the project'],
      [{ 'poetry.lock': '' }, 'poetry.lock: found without pyproject.toml, which Poetry needs to install the project'],
      [{ 'Pipfile.lock': '{}' }, 'Pipfile.lock: found without Pipfile, which Pipenv needs to install the project'],
    ];
    for (const [files, message] of cases) {
      await assert.rejects(readDependencies(await openProject(await tempProject(files))), { name: 'UsageError', message });
    }
  });

  it('fails on a malformed pyproject.toml or Pipfile even when another manager would win', async () => {
    await assert.rejects(readDependencies(await openProject(fixture('malformed-pyproject'))), {
      name: 'UsageError',
      message: 'pyproject.toml: invalid TOML at line 6, column 3: expected comma or end of structure',
    });
    const root = await tempProject({ 'requirements.txt': 'flask==3.1.3\n' }, 'malformed-pipfile');
    await assert.rejects(readDependencies(await openProject(root)), { name: 'UsageError', message: /^Pipfile: invalid TOML at line 6/ });
  });
});
