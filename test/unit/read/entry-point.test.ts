/** The entry-point reader (lib/read/entry-point.ts) on parsed code: what a server would import, and how. */
import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { djangoSettingsModule, findDjangoEntry } from '../../../lib/read/django.js';
import { entryDescription, findEntryPoint, findFrameworkApps, findScriptApps, readEntryPoint } from '../../../lib/read/entry-point.js';
import { readProject } from '../../../lib/read/read.js';
import type { EntryPoint } from '../../../lib/read/types.js';
import { en } from '../../../lib/messages/en.js';

/** The entry line as an English run says it. */
const describeEntryPoint = (entry: EntryPoint) => en.report.entry(entryDescription(entry));
import { listPythonModules, MAX_MODULE_DEPTH, MAX_MODULE_FILES } from '../../../lib/read/source.js';
import { fixture, removeTempProjects, tempProject } from './helpers.js';

const flask = 'from flask import Flask\n';

/** The apps found in a project of these files, as "framework kind target". */
async function apps(files: Record<string, string>): Promise<string[]> {
  const found = await findFrameworkApps(await openProject(await tempProject(files)));
  return found.apps.map((entry) => `${entry.framework} ${entry.kind} ${entry.target}`);
}

/** What was recognised but cannot be served, as "kind why name file:line". */
async function unservable(files: Record<string, string>): Promise<string[]> {
  const found = await findFrameworkApps(await openProject(await tempProject(files)));
  return found.unservable.map((app) => `${app.kind} ${app.why} ${app.name} ${app.file}:${app.line}`);
}

describe('project/entry-point', () => {
  after(removeTempProjects);

  describe('source', () => {
    it('lists modules at any depth, shallowest first, skipping tests, virtualenvs, migrations and hidden folders', async () => {
      const root = await tempProject({
        'app.py': '',
        'my-script.py': '',
        'pkg/__init__.py': '',
        'pkg/web.py': '',
        'pkg/deep/inner.py': '',
        'pkg/migrations/0001_initial.py': '',
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
        { file: 'pkg/deep/inner.py', depth: 2, module: 'pkg.deep.inner' },
      ]);
    });

    it('a src/ layout is importable from src at any depth; src/ without packages is a namespace from the root', async () => {
      const root = await tempProject({
        'src/app/__init__.py': '',
        'src/app/main/__init__.py': '',
        'src/app/main/run.py': '',
        'src/tools/cli.py': '',
      });
      assert.deepEqual(await listPythonModules(await openProject(root)), [
        { file: 'src/app/__init__.py', depth: 2, module: 'app', pythonPath: 'src' },
        { file: 'src/tools/cli.py', depth: 2, module: 'src.tools.cli' },
        { file: 'src/app/main/__init__.py', depth: 3, module: 'app.main', pythonPath: 'src' },
        { file: 'src/app/main/run.py', depth: 3, module: 'app.main.run', pythonPath: 'src' },
      ]);
    });

    it(`stops at ${MAX_MODULE_DEPTH} folders down and at ${MAX_MODULE_FILES} files`, async () => {
      const deep = 'a/b/c/d/e/f';
      const root = await tempProject({ [`${deep}/too_deep.py`]: '', 'a/b/c/d/e/ok.py': '' });
      assert.deepEqual((await listPythonModules(await openProject(root))).map((m) => m.file), ['a/b/c/d/e/ok.py']);
      const many = Object.fromEntries(Array.from({ length: MAX_MODULE_FILES + 5 }, (_, i) => [`m${String(i).padStart(5, '0')}.py`, '']));
      assert.equal((await listPythonModules(await openProject(await tempProject(many)))).length, MAX_MODULE_FILES);
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
      ['plain-script', { kind: 'script', target: 'main.py', framework: 'http.server', source: 'main.py' }],
      ['pyver-tool-versions', undefined],
      ['requirements-includes', undefined],
      ['not-python', undefined],
    ];
    for (const [name, expected] of cases) {
      it(`${name}`, async () => {
        assert.deepEqual(await findEntryPoint(await openProject(fixture(name))), expected);
      });
    }
  });

  describe('objects built by a known class, however the class is reached', () => {
    it('import x as y, from x import Y as Z, attribute access, a dotted submodule, parenthesized imports, annotations', async () => {
      assert.deepEqual(
        await apps({
          'a.py': 'import flask as fl\n\nsite = fl.Flask(__name__)\n',
          'b.py': 'from flask import (\n    jsonify,\n    Flask as F,\n)\n\napi: F = F("b")\n',
          'c.py': 'import falcon.asgi\n\nasgi_app = falcon.asgi.App()\n',
          'd.py': 'from fastapi.applications import FastAPI\n\nservice = FastAPI()\n',
          'e.py': 'from aiohttp import web\n\nweb_app = web.Application()\n',
          'f.py': 'import bottle\n\nwsgi = bottle.default_app()\n',
        }),
        ['flask wsgi a:site', 'flask wsgi b:api', 'falcon asgi c:asgi_app', 'fastapi asgi d:service', 'aiohttp aiohttp e:web_app', 'bottle wsgi f:wsgi'],
      );
    });

    it('inside if/try at module level, not in the main guard, a function body, a comment or a docstring', async () => {
      assert.deepEqual(
        await apps({
          'a.py': `${flask}try:\n    import sentry_sdk\nexcept ImportError:\n    sentry_sdk = None\nif True:\n    app = Flask(__name__)\n`,
          'b.py': `${flask}if __name__ == "__main__":\n    main_only = Flask(__name__)\n`,
          'c.py': `${flask}def setup():\n    inner = Flask(__name__)\n`,
          'd.py': '"""Usage:\n\napp = Flask(__name__)\n"""\nfrom flask import Flask\n# other = Flask(__name__)\n',
          'e.py': 'app = Flask(__name__)\n',
        }),
        ['flask wsgi a:app'],
      );
    });

    it('a subclass of the class is the class: its instances are apps (Falcon\'s `class Service(falcon.App)`)', async () => {
      assert.deepEqual(
        await apps({ 'service.py': 'import falcon\n\nclass Service(falcon.App):\n    pass\n\napplication = Service()\n' }),
        ['falcon wsgi service:application'],
      );
    });

    it('an unknown name of the same spelling is not an app (Flask from somewhere else)', async () => {
      assert.deepEqual(await apps({ 'a.py': 'from mylib import Flask\napp = Flask(__name__)\n', 'mylib.py': 'class Flask:\n    pass\n' }), []);
    });
  });

  describe('factories: any function that returns an app', () => {
    it('any name, sync or async, defaults, a local bound to the class, a return annotation (also as a string)', async () => {
      assert.deepEqual(
        await apps({
          'a.py': 'from fastapi import FastAPI\n\ndef get_application() -> FastAPI:\n    settings = load()\n    return build(settings)\n',
          'b.py': `${flask}def build_site(config=None, *, debug=False):\n    site = Flask(__name__)\n    site.config.from_object(config)\n    return site\n`,
          'c.py': 'from aiohttp import web\n\nasync def init_app(argv=None) -> "web.Application":\n    application = web.Application()\n    return application\n',
          'd.py': 'from sanic import Sanic\n\ndef make_app():\n    return Sanic("d")\n',
        }),
        ['sanic asgi d:make_app()', 'fastapi asgi a:get_application()', 'flask wsgi b:build_site()', 'aiohttp aiohttp c:init_app()'],
      );
    });

    it('a factory that returns another factory\'s app, and a factory imported from another module', async () => {
      assert.deepEqual(
        await apps({
          'core.py': 'from quart import Quart\n\ndef base(name="x"):\n    return Quart(name)\n',
          'web.py': 'from core import base\n\ndef create_app():\n    app = base()\n    return app\n',
        }),
        ['quart asgi web:create_app()', 'quart asgi core:base()'],
      );
    });

    it('an aiohttp async factory is served awaited; other async factories, and factories with required arguments, cannot be served', async () => {
      const found = await findFrameworkApps(
        await openProject(await tempProject({ 'chat/__init__.py': '', 'chat/main.py': 'from aiohttp import web\n\nasync def init_app():\n    return web.Application()\n' })),
      );
      assert.deepEqual(found.apps, [{ kind: 'aiohttp', target: 'chat.main:init_app()', framework: 'aiohttp', source: 'chat/main.py', asyncFactory: true }]);
      assert.deepEqual(
        await unservable({
          'a.py': 'from fastapi import FastAPI\n\nasync def build():\n    return FastAPI()\n',
          'b.py': `${flask}def create_app(settings):\n    return Flask(__name__)\n`,
        }),
        ['fastapi asyncFactory build a.py:3', 'flask needsArguments create_app b.py:2'],
      );
    });

    it('a parameter named like the app shadows it: `def register(app=None): return app` is no factory', async () => {
      assert.deepEqual(await apps({ 'a.py': `${flask}app = Flask(__name__)\n\ndef register(app=None):\n    return app\n` }), ['flask wsgi a:app']);
    });
  });

  describe('names bound to an app: what a server would import', () => {
    it('`app = get_application()` in a package module (nsidnev/fastapi-realworld-example-app)', async () => {
      assert.deepEqual(
        await apps({
          'app/__init__.py': '',
          'app/main.py': 'from fastapi import FastAPI\n\n\ndef get_application() -> FastAPI:\n    application = FastAPI()\n    return application\n\n\napp = get_application()\n',
        }),
        ['fastapi asgi app.main:app', 'fastapi asgi app.main:get_application()'],
      );
    });

    it('`from .main import app` in a package __init__: found there too, after the module that makes it', async () => {
      assert.deepEqual(
        await apps({
          'shop/__init__.py': 'from .main import app\n',
          'shop/main.py': 'from starlette.applications import Starlette\napp = Starlette()\n',
          'asgi.py': 'from shop import app as application\n',
        }),
        ['starlette asgi shop.main:app', 'starlette asgi asgi:application', 'starlette asgi shop:app'],
      );
    });

    it('a factory in a sub-package called from a relative import: `app = create_app()` two packages down', async () => {
      const found = await findFrameworkApps(
        await openProject(
          await tempProject({
            'src/app/__init__.py': '',
            'src/app/main/__init__.py': '',
            'src/app/main/run.py': 'from ..factory.build import make_app\n\napp = make_app()\n',
            'src/app/factory/__init__.py': '',
            'src/app/factory/build.py': 'from litestar import Litestar\n\ndef make_app(debug: bool = False) -> Litestar:\n    return Litestar(route_handlers=[], debug=debug)\n',
          }),
        ),
      );
      assert.deepEqual(found.apps, [
        { kind: 'asgi', target: 'app.main.run:app', framework: 'litestar', source: 'src/app/main/run.py', pythonPath: 'src' },
        { kind: 'asgi', target: 'app.factory.build:make_app()', framework: 'litestar', source: 'src/app/factory/build.py', pythonPath: 'src' },
      ]);
    });

    it('a star import re-exports', async () => {
      assert.deepEqual(await apps({ 'core.py': `${flask}app = Flask(__name__)\n`, 'wsgi.py': 'from core import *\n' }), ['flask wsgi core:app']);
    });

    it('Dash: `server = app.server` is what gunicorn serves; a Dash app with no such name is reported with the line that names it', async () => {
      assert.deepEqual(await apps({ 'app.py': 'from dash import Dash, html\n\napp = Dash(__name__)\nserver = app.server\napp.layout = html.Div("hi")\n' }), [
        'dash wsgi app:server',
      ]);
      assert.deepEqual(await unservable({ 'app.py': 'import dash\n\napplication = dash.Dash(__name__)\n' }), ['dash noServedName application app.py:3']);
    });

    it('a name bound twice keeps the first it can resolve; an import cycle is no crash', async () => {
      assert.deepEqual(
        await apps({
          'a.py': 'from b import thing\napp = thing\n',
          'b.py': 'from a import app\nthing = app\n',
          'c.py': `${flask}app = Flask(__name__)\napp = ProxyFix(app)\n`,
        }),
        ['flask wsgi c:app'],
      );
    });
  });

  describe('syntax the parser reads through, and files it cannot', () => {
    it('decorators, type hints, match, nested f-strings, walrus and PEP 695 around the app', async () => {
      const code = [
        'from fastapi import FastAPI',
        'type Point = tuple[float, float]',
        'def first[T](items: list[T]) -> T:',
        '    return items[0]',
        'app: FastAPI = FastAPI(title=f"{"nested" if (n := 1) else f\'{x!r}\'}")',
        '@app.get("/", response_model=dict[str, int | None])',
        'async def index() -> dict[str, int | None]:',
        '    match n:',
        '        case [a, *rest]:',
        '            return {"a": a}',
        '        case _:',
        '            return {}',
        '',
      ].join('\n');
      assert.deepEqual(await apps({ 'main.py': code }), ['fastapi asgi main:app']);
    });

    it('a file that does not parse is skipped with a note, never a crash; the others are still read', async () => {
      const root = await tempProject({
        'broken.py': `${flask}app = Flask(__name__\n\ndef (:\n`,
        'good.py': `${flask}app = Flask(__name__)\n`,
        'requirements.txt': 'flask\n',
      });
      const facts = await readProject(root);
      assert.equal(facts.entryPoint?.target, 'good:app');
      assert.deepEqual(facts.skippedFiles, [{ file: 'broken.py', reason: 'doesNotParse', line: 4 }]);
      assert.ok(facts.notes.map(en.report.note).includes('not read: broken.py (not valid Python at line 4)'), facts.notes.map(en.report.note).join('\n'));
      assert.ok(facts.notes.some((note) => note.code === 'notRead' && note.file === 'broken.py' && note.reason === 'doesNotParse' && note.line === 4));
    });
  });

  describe('ranking', () => {
    it('orders app objects by file name: app.py, main.py, wsgi.py, application.py, server.py, then others; shallower first', async () => {
      assert.deepEqual(
        await apps({
          'server.py': `${flask}srv = Flask(__name__)\n`,
          'application.py': `${flask}application = Flask(__name__)\n`,
          'web.py': `${flask}web = Flask(__name__)\n`,
          'pkg/__init__.py': '',
          'pkg/app.py': `${flask}inner = Flask(__name__)\n`,
          'factory.py': `${flask}def make_app():\n    return Flask(__name__)\n`,
          'main.py': `${flask}main_app = Flask(__name__)\n`,
        }),
        ['flask wsgi pkg.app:inner', 'flask wsgi main:main_app', 'flask wsgi application:application', 'flask wsgi server:srv', 'flask wsgi web:web', 'flask wsgi factory:make_app()'],
      );
    });

    it('prefers a module-level app made by the factory (wsgi.py: app = create_app()) over the factory', async () => {
      const root = await tempProject({ 'wsgi.py': 'from flaskr import create_app\n\napp = create_app()\n' }, 'flask-factory');
      assert.deepEqual((await findFrameworkApps(await openProject(root))).apps, [
        { kind: 'wsgi', target: 'wsgi:app', framework: 'flask', source: 'wsgi.py' },
        { kind: 'wsgi', target: 'flaskr:create_app()', framework: 'flask', source: 'flaskr/__init__.py' },
      ]);
    });

    it('skips the tests folder (flask-custom-name has a Flask app in tests/)', async () => {
      assert.deepEqual(
        (await findFrameworkApps(await openProject(fixture('flask-custom-name')))).apps.map((entry) => entry.source),
        ['myapp/web.py'],
      );
    });
  });

  describe('scripts: Streamlit, Gradio, http.server', () => {
    it('Streamlit: the main file, not its pages, the files it names (st.Page) or the helpers it imports', async () => {
      const root = await tempProject({
        'app.py': 'import streamlit as st\nfrom helpers import chart\nnav = st.navigation([st.Page("home.py"), st.Page("pages/va/send.py")])\nnav.run()\n',
        'home.py': 'import streamlit as st\nst.title("Home")\n',
        'helpers.py': 'import streamlit as st\ndef chart():\n    st.line_chart([1, 2])\n',
        'pages/va/send.py': 'import streamlit as st\nst.button("send")\n',
        'pages/1_Other.py': 'import streamlit as st\n',
      });
      assert.deepEqual(await findScriptApps(await openProject(root)), [{ kind: 'script', target: 'app.py', framework: 'streamlit', source: 'app.py' }]);
    });

    it('Streamlit: streamlit_app.py first; a port in .streamlit/config.toml', async () => {
      const root = await tempProject({
        'dashboard.py': 'import streamlit as st\n',
        'streamlit_app.py': 'import streamlit as st\nst.write("hi")\n',
        '.streamlit/config.toml': '[server]\nport = 8600\nheadless = true\n',
      });
      const reading = await readEntryPoint(await openProject(root));
      assert.deepEqual(
        reading.candidates.map((entry) => [entry.target, entry.port?.value, entry.port?.source]),
        [
          ['streamlit_app.py', 8600, '.streamlit/config.toml [server] port'],
          ['dashboard.py', 8600, '.streamlit/config.toml [server] port'],
        ],
      );
    });

    it('Gradio: a file that launches an interface, with its port from launch(server_port=...)', async () => {
      const root = await tempProject({
        'app.py': 'import gradio as gr\nfrom model import predict\ndemo = gr.Interface(fn=predict, inputs="text", outputs="text")\nif __name__ == "__main__":\n    demo.queue().launch(server_port=7861)\n',
        'model.py': 'def predict(text):\n    return text\n',
        'ui.py': 'import gradio as gr\nblocks = gr.Blocks()\n',
      });
      const reading = await readEntryPoint(await openProject(root));
      assert.deepEqual(reading.entry, {
        kind: 'script',
        target: 'app.py',
        framework: 'gradio',
        source: 'app.py',
        port: { value: 7861, source: 'app.py:5 demo.queue().launch(server_port=7861)' },
      });
    });

    it('a Gradio app mounted in FastAPI (gr.mount_gradio_app) is that FastAPI app', async () => {
      assert.deepEqual(
        await apps({ 'main.py': 'import gradio as gr\nfrom fastapi import FastAPI\napp = FastAPI()\ndemo = gr.Interface(fn=str.upper, inputs="text", outputs="text")\napp = gr.mount_gradio_app(app, demo, path="/ui")\n' }),
        ['fastapi asgi main:app'],
      );
    });

    it('an app recognised by its class wins over a script; aiohttp and Dash ports come from their run calls', async () => {
      const root = await tempProject({
        'frontend.py': 'import streamlit as st\n',
        'api.py': 'from aiohttp import web\napp = web.Application()\nif __name__ == "__main__":\n    web.run_app(app, port=8081)\n',
      });
      const reading = await readEntryPoint(await openProject(root));
      assert.deepEqual(
        reading.candidates.map((entry) => `${entry.framework} ${entry.target} ${entry.port?.value ?? '-'}`),
        ['aiohttp api:app 8081', 'streamlit frontend.py -'],
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

    it('without a usable manage.py, falls through to the other rules; a script of no known kind is no entry point', async () => {
      const root = await tempProject({ 'manage.py': 'print("not django")\n', 'app.py': 'print("hi")\n' });
      assert.equal(await findEntryPoint(await openProject(root)), undefined);
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
      describeEntryPoint({ kind: 'asgi', target: 'server:create_app()', framework: 'sanic', source: 'server.py' }),
      'Sanic app factory "create_app" in server.py -> sanic --factory server:create_app',
    );
    assert.equal(
      describeEntryPoint({ kind: 'aiohttp', target: 'chat.main:init_app()', framework: 'aiohttp', source: 'chat/main.py', asyncFactory: true }),
      'aiohttp app factory "init_app" (async) in chat/main.py -> gunicorn chat.main:init_app',
    );
    assert.equal(
      describeEntryPoint({ kind: 'asgi', target: 'main:app', framework: 'fastapi', source: 'main.py' }),
      'FastAPI app "app" in main.py -> uvicorn main:app',
    );
    assert.equal(
      describeEntryPoint({ kind: 'django', target: 'mysite.wsgi:application', framework: 'django', source: 'mysite/settings.py WSGI_APPLICATION' }),
      'Django project, mysite/settings.py WSGI_APPLICATION -> gunicorn mysite.wsgi:application',
    );
    assert.equal(describeEntryPoint({ kind: 'script', target: 'app.py', framework: 'streamlit', source: 'app.py' }), 'Streamlit script app.py -> streamlit run app.py');
    assert.equal(describeEntryPoint({ kind: 'script', target: 'main.py', framework: 'http.server', source: 'main.py' }), 'http.server script main.py -> python main.py');
  });
});
