import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { djangoSettingsModule, findDjangoEntry } from '../../../lib/read/django.js';
import { describeEntryPoint, findEntryPoint, findFrameworkApps } from '../../../lib/read/entry-point.js';
import { codeOnly, listPythonModules } from '../../../lib/read/source.js';
import { fixture, removeTempProjects, tempProject } from './helpers.js';

describe('project/entry-point', () => {
  after(removeTempProjects);

  describe('source', () => {
    it('codeOnly drops comments and docstrings but keeps strings and line numbers', () => {
      const text = [
        '"""Example:',
        'app = Flask(__name__)',
        '"""',
        "# app = Flask(__name__)",
        "color = '#fff'  # a comment",
        'x = "a \\" # not a comment"',
      ].join('\n');
      assert.equal(codeOnly(text), ['""', '', '', '', "color = '#fff'  ", 'x = "a \\" # not a comment"'].join('\n'));
    });

    it('lists root and one-level modules, skipping tests, virtualenvs and hidden folders', async () => {
      const root = await tempProject({
        'app.py': '',
        'my-script.py': '',
        'pkg/__init__.py': '',
        'pkg/web.py': '',
        'pkg/deep/inner.py': '',
        'not-a-package/mod.py': '',
        'tests/test_app.py': '',
        'venv/lib.py': '',
        'env2/pyvenv.cfg': '',
        'env2/x.py': '',
        '.hidden/y.py': '',
        'node_modules/z.py': '',
      });
      assert.deepEqual(await listPythonModules(await openProject(root)), [
        { file: 'app.py', depth: 0, module: 'app' },
        { file: 'my-script.py', depth: 0 },
        { file: 'not-a-package/mod.py', depth: 1 },
        { file: 'pkg/__init__.py', depth: 1, module: 'pkg' },
        { file: 'pkg/web.py', depth: 1, module: 'pkg.web' },
      ]);
    });
  });

  describe('fixtures', () => {
    const cases: [string, object | undefined][] = [
      ['flask-custom-name', { kind: 'wsgi', target: 'myapp.web:server', framework: 'flask', source: 'myapp/web.py' }],
      ['flask-factory', { kind: 'wsgi', target: 'flaskr:create_app()', framework: 'flask', source: 'flaskr/__init__.py' }],
      ['fastapi', { kind: 'asgi', target: 'main:app', framework: 'fastapi', source: 'main.py' }],
      ['uv', { kind: 'asgi', target: 'main:app', framework: 'fastapi', source: 'main.py' }],
      ['pipenv', { kind: 'wsgi', target: 'wsgi:application', framework: 'flask', source: 'wsgi.py' }],
      ['pep621', { kind: 'wsgi', target: 'hello:app', framework: 'flask', source: 'hello/__init__.py' }],
      ['native-deps', { kind: 'wsgi', target: 'app:app', framework: 'flask', source: 'app.py' }],
      [
        'django',
        { kind: 'django', target: 'mysite.wsgi:application', framework: 'django', source: 'mysite/settings.py WSGI_APPLICATION' },
      ],
      ['plain-script', { kind: 'script', target: 'main.py', source: 'main.py' }],
      ['requirements-includes', undefined],
      ['not-python', undefined],
    ];
    for (const [name, expected] of cases) {
      it(`${name}`, async () => {
        assert.deepEqual(await findEntryPoint(await openProject(fixture(name))), expected);
      });
    }
  });

  describe('Flask, FastAPI, Starlette', () => {
    it('prefers a module-level app made by the factory (wsgi.py: app = create_app())', async () => {
      const root = await tempProject({ 'wsgi.py': 'from flaskr import create_app\n\napp = create_app()\n' }, 'flask-factory');
      assert.deepEqual(await findFrameworkApps(await openProject(root)), [
        { kind: 'wsgi', target: 'wsgi:app', framework: 'flask', source: 'wsgi.py' },
        { kind: 'wsgi', target: 'flaskr:create_app()', framework: 'flask', source: 'flaskr/__init__.py' },
      ]);
    });

    it('orders app objects by file name: app.py, main.py, wsgi.py, application.py, server.py, then others; root first', async () => {
      const flask = 'from flask import Flask\n';
      const root = await tempProject({
        'server.py': `${flask}srv = Flask(__name__)\n`,
        'application.py': `${flask}application = Flask(__name__)\n`,
        'web.py': `${flask}web = Flask(__name__)\n`,
        'pkg/__init__.py': '',
        'pkg/app.py': `${flask}inner = Flask(__name__)\n`,
        'factory.py': `${flask}def make_app():\n    return Flask(__name__)\n`,
        'main.py': `${flask}main_app = Flask(__name__)\n`,
      });
      assert.deepEqual(
        (await findFrameworkApps(await openProject(root))).map((entry) => entry.target),
        ['pkg.app:inner', 'main:main_app', 'application:application', 'server:srv', 'web:web', 'factory:make_app()'],
      );
    });

    it('reads aliases, `import flask`, annotations, and ignores indented, commented and docstring apps', async () => {
      const root = await tempProject({
        'a.py': 'import flask\n\nsite = flask.Flask(__name__)\n',
        'b.py': 'from flask import (\n    jsonify,\n    Flask as F,\n)\n\napi: F = F("b")\n',
        'c.py': 'from flask import Flask\n\n# app = Flask(__name__)\nif True:\n    app = Flask(__name__)\n',
        'd.py': '"""Usage:\n\napp = Flask(__name__)\n"""\nfrom flask import Flask\n',
        'e.py': 'app = Flask(__name__)\n',
      });
      assert.deepEqual(
        (await findFrameworkApps(await openProject(root))).map((entry) => entry.target),
        ['a:site', 'b:api'],
      );
    });

    it('finds Starlette and FastAPI apps and factories', async () => {
      const root = await tempProject({
        'server.py': 'from starlette.applications import Starlette\n\nasgi = Starlette(routes=[])\n',
        'api/__init__.py': '',
        'api/factory.py': 'import fastapi\n\ndef create_app():\n    return fastapi.FastAPI()\n',
      });
      assert.deepEqual(await findFrameworkApps(await openProject(root)), [
        { kind: 'asgi', target: 'server:asgi', framework: 'starlette', source: 'server.py' },
        { kind: 'asgi', target: 'api.factory:create_app()', framework: 'fastapi', source: 'api/factory.py' },
      ]);
    });

    it('skips the tests folder (flask-custom-name has a Flask app in tests/)', async () => {
      assert.deepEqual(
        (await findFrameworkApps(await openProject(fixture('flask-custom-name')))).map((entry) => entry.source),
        ['myapp/web.py'],
      );
    });
  });

  describe('Django', () => {
    it('reads DJANGO_SETTINGS_MODULE', () => {
      assert.equal(djangoSettingsModule('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")'), 'mysite.settings');
      assert.equal(djangoSettingsModule("os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.prod'"), 'config.settings.prod');
      assert.equal(djangoSettingsModule('print("hi")'), undefined);
    });

    it('follows star imports from split settings, and prefers WSGI_APPLICATION over ASGI_APPLICATION', async () => {
      const root = await tempProject({
        'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\n',
        'config/__init__.py': '',
        'config/settings/__init__.py': '',
        'config/settings/production.py': 'from .base import *\nASGI_APPLICATION = "config.asgi.application"\n',
        'config/settings/base.py': 'WSGI_APPLICATION = "config.wsgi.application"\n',
      });
      assert.deepEqual(await findDjangoEntry(await openProject(root)), {
        kind: 'django',
        target: 'config.wsgi:application',
        framework: 'django',
        source: 'config/settings/base.py WSGI_APPLICATION',
      });
    });

    it('uses ASGI_APPLICATION alone, else the wsgi.py next to the settings', async () => {
      const asgi = await tempProject({
        'manage.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site1.settings")\n',
        'site1/settings.py': 'ASGI_APPLICATION = "site1.asgi.application"\n',
      });
      assert.deepEqual(await findDjangoEntry(await openProject(asgi)), {
        kind: 'django',
        target: 'site1.asgi:application',
        framework: 'django',
        source: 'site1/settings.py ASGI_APPLICATION',
      });
      const fallback = await tempProject({
        'manage.py': 'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site2.settings")\n',
        'site2/settings.py': 'DEBUG = False\n',
        'site2/wsgi.py': 'application = None\n',
      });
      assert.deepEqual(await findDjangoEntry(await openProject(fallback)), {
        kind: 'django',
        target: 'site2.wsgi:application',
        framework: 'django',
        source: 'site2/wsgi.py',
      });
    });

    it('without a usable manage.py, falls through to the other rules', async () => {
      const root = await tempProject({ 'manage.py': 'print("not django")\n', 'app.py': 'print("hi")\n' });
      assert.deepEqual(await findEntryPoint(await openProject(root)), { kind: 'script', target: 'app.py', source: 'app.py' });
    });
  });

  it('describes entry points in one line', () => {
    assert.equal(
      describeEntryPoint({ kind: 'wsgi', target: 'myapp.web:server', framework: 'flask', source: 'myapp/web.py' }),
      'Flask app "server" in myapp/web.py -> gunicorn myapp.web:server',
    );
    assert.equal(
      describeEntryPoint({ kind: 'wsgi', target: 'flaskr:create_app()', framework: 'flask', source: 'flaskr/__init__.py' }),
      'Flask app factory "create_app" in flaskr/__init__.py -> gunicorn "flaskr:create_app()"',
    );
    assert.equal(
      describeEntryPoint({ kind: 'asgi', target: 'api:create_app()', framework: 'fastapi', source: 'api.py' }),
      'FastAPI app factory "create_app" in api.py -> uvicorn --factory api:create_app',
    );
    assert.equal(
      describeEntryPoint({ kind: 'asgi', target: 'main:app', framework: 'fastapi', source: 'main.py' }),
      'FastAPI app "app" in main.py -> uvicorn main:app',
    );
    assert.equal(
      describeEntryPoint({ kind: 'django', target: 'mysite.wsgi:application', framework: 'django', source: 'mysite/settings.py WSGI_APPLICATION' }),
      'Django project, mysite/settings.py WSGI_APPLICATION -> gunicorn mysite.wsgi:application',
    );
    assert.equal(
      describeEntryPoint({ kind: 'django', target: 'site1.asgi:application', framework: 'django', source: 'site1/settings.py ASGI_APPLICATION' }),
      'Django project, site1/settings.py ASGI_APPLICATION -> uvicorn site1.asgi:application',
    );
    assert.equal(describeEntryPoint({ kind: 'script', target: 'main.py', source: 'main.py' }), 'script main.py -> python main.py');
  });
});
