import assert from 'node:assert/strict';
import { UsageError } from '../../../lib/errors.js';
import { readProject } from '../../../lib/read/read.js';
import type { ProjectFacts } from '../../../lib/read/types.js';
import { en } from '../../../lib/messages/en.js';
import { dependencyReason } from '../../../lib/messages/cli-en.js';
import { bare, fixture, removeTempProjects, tempProject } from './helpers.js';

/** The facts, with the dependency manager's reason said in English (its parts, as the read block says them), to compare whole. */
function reasonInEnglish(facts: ProjectFacts): ProjectFacts {
  if (!facts.dependencies) return facts;
  const { reasonParts, ...rest } = facts.dependencies;
  return { ...facts, dependencies: { ...rest, reason: dependencyReason(reasonParts) } } as unknown as ProjectFacts;
}
const read = async (name: string): Promise<ProjectFacts> => reasonInEnglish(bare(await readProject(fixture(name))));

describe('project/read: readProject', () => {
  after(removeTempProjects);

  it('flask-custom-name', async () => {
    assert.deepEqual(await read('flask-custom-name'), {
      root: fixture('flask-custom-name'),
      isPythonProject: true,
      dependencies: {
        manager: 'pip',
        files: ['requirements.txt'],
        requirementsFile: 'requirements.txt',
        installsProject: false,
        packages: ['flask', 'gunicorn'],
        reason: 'requirements.txt found',
      },
      entryPoint: { kind: 'wsgi', target: 'myapp.web:server', framework: 'flask', source: 'myapp/web.py' },
      port: { value: 5000, source: 'myapp/web.py os.environ.get("PORT", "5000")' },
      notes: [
        'dependencies: pip (requirements.txt found)',
        'python: not stated by the project',
        'entry: Flask app "server" in myapp/web.py -> gunicorn myapp.web:server',
        'port: 5000 from myapp/web.py os.environ.get("PORT", "5000")',
      ],
    });
  });

  it('flask-factory', async () => {
    assert.deepEqual(await read('flask-factory'), {
      root: fixture('flask-factory'),
      isPythonProject: true,
      dependencies: {
        manager: 'pip',
        files: ['requirements.txt'],
        requirementsFile: 'requirements.txt',
        installsProject: false,
        packages: ['flask', 'gunicorn'],
        reason: 'requirements.txt found',
      },
      entryPoint: { kind: 'wsgi', target: 'flaskr:create_app()', framework: 'flask', source: 'flaskr/__init__.py' },
      port: { value: 8080, source: 'gunicorn.conf.py bind' },
      serving: { gunicornConf: { file: 'gunicorn.conf.py', bind: '0.0.0.0:8080', bindComputed: false, sets: ['bind', 'workers', 'accesslog'] } },
      notes: [
        'dependencies: pip (requirements.txt found)',
        'python: not stated by the project',
        'serving: gunicorn.conf.py binds 0.0.0.0:8080 (gunicorn loads it from the working directory)',
        'entry: Flask app factory "create_app" in flaskr/__init__.py -> gunicorn "flaskr:create_app()"',
        'port: 8080 from gunicorn.conf.py bind',
      ],
    });
  });

  it('django', async () => {
    assert.deepEqual(await read('django'), {
      root: fixture('django'),
      isPythonProject: true,
      dependencies: {
        manager: 'pip',
        files: ['requirements.txt'],
        requirementsFile: 'requirements.txt',
        installsProject: false,
        packages: ['django', 'gunicorn'],
        reason: 'requirements.txt found',
      },
      pythonVersion: { value: '3.12.8', source: 'runtime.txt' },
      entryPoint: {
        kind: 'django',
        target: 'mysite.wsgi:application',
        framework: 'django',
        source: 'mysite/settings.py WSGI_APPLICATION',
      },
      notes: [
        'dependencies: pip (requirements.txt found)',
        'python: 3.12.8 from runtime.txt',
        'entry: Django project, mysite/settings.py WSGI_APPLICATION -> gunicorn mysite.wsgi:application',
        'port: not stated by the project',
        'django settings: mysite.settings (from mysite/wsgi.py)',
        'django: SECRET_KEY from $DJANGO_SECRET_KEY, DEBUG from $DJANGO_DEBUG, ALLOWED_HOSTS set in mysite/settings.py',
        'django static files: no STATIC_ROOT (or no django.contrib.staticfiles) -> no collectstatic',
      ],
      django: {
        settingsModule: 'mysite.settings',
        settingsSource: 'mysite/wsgi.py',
        manageDefault: undefined,
        settingsFiles: ['mysite/settings.py'],
        staticfilesApp: false,
        whitenoise: false,
        settings: {
          SECRET_KEY: { variable: 'DJANGO_SECRET_KEY', required: false, commaList: false, source: 'mysite/settings.py:8' },
          DEBUG: { variable: 'DJANGO_DEBUG', required: false, commaList: false, source: 'mysite/settings.py:9' },
          ALLOWED_HOSTS: { required: false, commaList: false, source: 'mysite/settings.py:10' },
        },
      },
    });
  });

  it('fastapi', async () => {
    assert.deepEqual(await read('fastapi'), {
      root: fixture('fastapi'),
      isPythonProject: true,
      dependencies: {
        manager: 'pip',
        files: ['requirements.txt'],
        requirementsFile: 'requirements.txt',
        installsProject: false,
        packages: ['fastapi', 'uvicorn'],
        extras: { uvicorn: ['standard'] },
        reason: 'requirements.txt found',
      },
      entryPoint: { kind: 'asgi', target: 'main:app', framework: 'fastapi', source: 'main.py' },
      port: { value: 8000, source: 'main.py uvicorn.run(port=...)' },
      notes: [
        'dependencies: pip (requirements.txt found)',
        'python: not stated by the project',
        'entry: FastAPI app "app" in main.py -> uvicorn main:app',
        'port: 8000 from main.py uvicorn.run(port=...)',
      ],
    });
  });

  it('uv', async () => {
    assert.deepEqual(await read('uv'), {
      root: fixture('uv'),
      isPythonProject: true,
      dependencies: {
        manager: 'uv',
        files: ['pyproject.toml', 'uv.lock'],
        installsProject: false,
        packages: ['fastapi', 'uvicorn'],
        reason: 'uv.lock found',
      },
      pythonVersion: { value: '3.13', source: '.python-version' },
      entryPoint: { kind: 'asgi', target: 'main:app', framework: 'fastapi', source: 'main.py' },
      notes: [
        'dependencies: uv (uv.lock found)',
        'python: 3.13 from .python-version',
        'entry: FastAPI app "app" in main.py -> uvicorn main:app',
        'port: not stated by the project',
      ],
    });
  });

  it('poetry', async () => {
    assert.deepEqual(await read('poetry'), {
      root: fixture('poetry'),
      isPythonProject: true,
      dependencies: {
        manager: 'poetry',
        files: ['pyproject.toml', 'poetry.lock'],
        installsProject: false,
        packages: ['flask', 'gunicorn'],
        reason: 'poetry.lock found; package-mode = false: dependencies only',
      },
      pythonVersion: { value: '3.14', source: 'pyproject.toml [tool.poetry.dependencies] python "^3.11"', range: ['>=3.11,<4'] },
      entryPoint: { kind: 'wsgi', target: 'app:app', framework: 'flask', source: 'app.py' },
      notes: [
        'dependencies: poetry (poetry.lock found; package-mode = false: dependencies only)',
        'python: 3.14 from pyproject.toml [tool.poetry.dependencies] python "^3.11"',
        'entry: Flask app "app" in app.py -> gunicorn app:app',
        'port: not stated by the project',
      ],
    });
  });

  it('pipenv', async () => {
    assert.deepEqual(await read('pipenv'), {
      root: fixture('pipenv'),
      isPythonProject: true,
      dependencies: {
        manager: 'pipenv',
        files: ['Pipfile', 'Pipfile.lock'],
        installsProject: false,
        packages: ['flask', 'gunicorn'],
        reason: 'Pipfile.lock found',
      },
      pythonVersion: { value: '3.13', source: 'Pipfile [requires] python_version' },
      entryPoint: { kind: 'wsgi', target: 'wsgi:application', framework: 'flask', source: 'wsgi.py' },
      notes: [
        'dependencies: pipenv (Pipfile.lock found)',
        'python: 3.13 from Pipfile [requires] python_version',
        'entry: Flask app "application" in wsgi.py -> gunicorn wsgi:application',
        'port: not stated by the project',
      ],
    });
  });

  it('pep621', async () => {
    assert.deepEqual(await read('pep621'), {
      root: fixture('pep621'),
      isPythonProject: true,
      dependencies: {
        manager: 'pyproject',
        files: ['pyproject.toml'],
        installsProject: true,
        packages: ['flask', 'gunicorn'],
        reason: 'pyproject.toml [project] found, installed with pip install .',
      },
      pythonVersion: { value: '3.14', source: 'pyproject.toml [project] requires-python ">=3.10"', range: ['>=3.10'] },
      entryPoint: { kind: 'wsgi', target: 'hello:app', framework: 'flask', source: 'hello/__init__.py' },
      notes: [
        'dependencies: pyproject (pyproject.toml [project] found, installed with pip install .)',
        'python: 3.14 from pyproject.toml [project] requires-python ">=3.10"',
        'entry: Flask app "app" in hello/__init__.py -> gunicorn hello:app',
        'port: not stated by the project',
      ],
    });
  });

  it('several-managers', async () => {
    assert.deepEqual(await read('several-managers'), {
      root: fixture('several-managers'),
      isPythonProject: true,
      dependencies: {
        manager: 'uv',
        files: ['pyproject.toml', 'uv.lock'],
        installsProject: false,
        packages: ['flask', 'gunicorn'],
        reason: 'uv.lock found; also present: Pipfile, requirements.txt',
      },
      pythonVersion: { value: '3.14', source: 'pyproject.toml [project] requires-python ">=3.12"', range: ['>=3.12'] },
      entryPoint: { kind: 'wsgi', target: 'app:app', framework: 'flask', source: 'app.py' },
      notes: [
        'dependencies: uv (uv.lock found; also present: Pipfile, requirements.txt)',
        'python: 3.14 from pyproject.toml [project] requires-python ">=3.12"',
        'entry: Flask app "app" in app.py -> gunicorn app:app',
        'port: not stated by the project',
      ],
    });
  });

  it('native-deps', async () => {
    const facts = await read('native-deps');
    assert.deepEqual(facts.dependencies?.packages, ['flask', 'gunicorn', 'psycopg2', 'mysqlclient']);
    assert.deepEqual(facts.entryPoint, { kind: 'wsgi', target: 'app:app', framework: 'flask', source: 'app.py' });
    assert.equal(facts.pythonVersion, undefined);
    assert.equal(facts.port, undefined);
  });

  it('requirements-includes', async () => {
    assert.deepEqual(await read('requirements-includes'), {
      root: fixture('requirements-includes'),
      isPythonProject: true,
      dependencies: {
        manager: 'pip',
        files: ['requirements.txt', 'requirements/base.txt', 'requirements/common.txt', 'constraints.txt'],
        requirementsFile: 'requirements.txt',
        installsProject: true,
        packages: ['flask', 'werkzeug', 'blinker', 'itsdangerous', 'click', 'gunicorn', 'uvicorn', 'tomli'],
        extras: { uvicorn: ['standard'] },
        reason: 'requirements.txt found; also present: pyproject.toml [project]',
      },
      notes: [
        'dependencies: pip (requirements.txt found; also present: pyproject.toml [project])',
        'python: not stated by the project',
        'entry: not found (no Django manage.py; no Flask, FastAPI, Starlette, Quart, Litestar, Dash, aiohttp, Sanic, Falcon or Bottle app or factory; no Streamlit, Gradio or http.server script)',
        'port: not stated by the project',
      ],
    });
  });

  it('plain-script', async () => {
    assert.deepEqual(await read('plain-script'), {
      root: fixture('plain-script'),
      isPythonProject: true,
      entryPoint: { kind: 'script', target: 'main.py', framework: 'http.server', source: 'main.py' },
      port: { value: 8000, source: 'main.py os.environ.get("PORT", "8000")' },
      notes: [
        'dependencies: none found (no requirements.txt, pyproject.toml project, Pipfile, uv.lock or poetry.lock)',
        'python: not stated by the project',
        'entry: http.server script main.py -> python main.py',
        'port: 8000 from main.py os.environ.get("PORT", "8000")',
      ],
    });
  });

  const versions: [string, string, string][] = [
    ['pyver-python-version-file', '3.12.4', '.python-version'],
    ['pyver-runtime-txt', '3.11.4', 'runtime.txt'],
    ['pyver-requires-python', '3.11', 'pyproject.toml [project] requires-python ">=3.9,<3.12"'],
    ['pyver-tool-versions', '3.12.1', '.tool-versions'],
  ];
  for (const [name, value, source] of versions) {
    it(`${name}`, async () => {
      const facts = await read(name);
      assert.deepEqual({ ...facts.pythonVersion, range: undefined }, { value, source, range: undefined });
      assert.equal(facts.notes[1], `python: ${value} from ${source}`);
      // print("hello") serves nothing: no entry point; `--server python` would run it (scriptFile).
      assert.equal(facts.entryPoint, undefined);
      assert.equal(facts.scriptFile, 'main.py');
    });
  }

  it('adds notes for skipped Python version sources after the decision', async () => {
    const root = await tempProject({ '.python-version': 'pypy3.10\n', 'runtime.txt': 'python-3.11.4\n', 'main.py': '' });
    const facts = await readProject(root);
    assert.deepEqual(facts.notes.slice(1, 3).map(en.report.note), [
      'python: 3.11.4 from runtime.txt',
      'python: ignored .python-version "pypy3.10" (not a CPython 3 version)',
    ]);
  });

  it('not-python: isPythonProject=false, nothing else read', async () => {
    assert.deepEqual(await read('not-python'), {
      root: fixture('not-python'),
      isPythonProject: false,
      notes: ['no Python project found: no requirements.txt, pyproject.toml, Pipfile or .py file'],
    });
  });

  it('a project with only a package folder of .py files is a Python project', async () => {
    const root = await tempProject({ 'svc/__init__.py': '', 'README.md': '# svc\n' });
    const facts = await readProject(root);
    assert.equal(facts.isPythonProject, true);
    assert.equal(facts.dependencies, undefined);
    assert.equal(facts.entryPoint, undefined);
  });

  const failures: [string, string][] = [
    ['malformed-pyproject', 'pyproject.toml: invalid TOML at line 6, column 3: expected comma or end of structure'],
    ['malformed-pipfile', 'Pipfile: invalid TOML at line 6, column 10: illegal character in key'],
    ['bad-requirements-missing-include', 'requirements.txt: line 2: -r requirements/prod.txt: file not found (requirements/prod.txt)'],
    [
      'bad-requirements-garbage',
      'requirements.txt: line 3: "please install flask first" is not a valid requirement: unexpected text after "please": install flask first',
    ],
  ];
  for (const [name, message] of failures) {
    it(`${name}: one-line UsageError naming the file`, async () => {
      await assert.rejects(read(name), (error: unknown) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.message, message);
        assert.ok(!error.message.includes('\n'));
        return true;
      });
    });
  }

  it('a folder that does not exist is a UsageError', async () => {
    await assert.rejects(readProject(fixture('no-such-fixture')), {
      name: 'UsageError',
      message: `project folder not found: ${fixture('no-such-fixture')}`,
    });
  });
});
