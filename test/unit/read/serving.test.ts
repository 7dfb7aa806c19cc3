import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { symlink, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { findFrameworkApps, scriptModules, statedEntryPoint, unimportableFiles } from '../../../lib/read/entry-point.js';
import { callableWithoutArguments, functionsIn } from '../../../lib/read/python.js';
import { parseCode } from '../../helpers/python.js';
import { readProject } from '../../../lib/read/read.js';
import { refuseUnusableProjectFiles } from '../../../lib/read/refusals.js';
import { appArgument, bindListensOnAllInterfaces, parseGunicornConf, parseProcfile, procfilePort, shellWords, substitutePort } from '../../../lib/read/serving.js';
import { listPythonModules } from '../../../lib/read/source.js';
import { projectServerArgs } from '../../../lib/decide/server-command.js';
import { pythonPathFor } from '../../../lib/decide/plan.js';
import { servingRefusal } from '../../../lib/decide/serving-refusal.js';
import { removeTempProjects, tempProject } from './helpers.js';

const flask = 'from flask import Flask\n';

describe('where the app lives, and how the project says it is served (issue 10.1, 10.2, 10.9)', () => {
  after(removeTempProjects);

  describe('app discovery', () => {
    it('lists src/<package>/ modules with src as their import path', async () => {
      const root = await tempProject({ 'src/notes/__init__.py': '', 'src/notes/views.py': '', 'src/scripts/run.py': '' });
      const src = (await listPythonModules(await openProject(root))).filter((m) => m.depth === 2);
      assert.deepEqual(src, [
        { file: 'src/notes/__init__.py', depth: 2, pythonPath: 'src', module: 'notes' },
        { file: 'src/notes/views.py', depth: 2, pythonPath: 'src', module: 'notes.views' },
        // src/scripts has no __init__.py: not a src-layout package, a namespace package from the root.
        { file: 'src/scripts/run.py', depth: 2, module: 'src.scripts.run' },
      ]);
    });

    it('a factory is callable as factory() only when every argument has a default', () => {
      const callable = (parameters: string) => callableWithoutArguments(functionsIn(parseCode(`def f(${parameters}):\n    pass\n`, 'f.py'))[0]!);
      assert.equal(callable(''), true);
      assert.equal(callable('test_config=None'), true);
      assert.equal(callable('debug: bool = False, *args, **kwargs'), true);
      assert.equal(callable('settings'), false);
      assert.equal(callable('config: dict[str, int] = {"a": 1}, *, name'), false);
    });

    it('finds Quart and Litestar apps, factories of any name that build one, and skips factories with required arguments', async () => {
      const root = await tempProject({
        'portal/__init__.py': '',
        'portal/app.py': 'from quart import Quart\n\napp = Quart(__name__)\n',
        'api.py': 'from litestar import Litestar\n\ndef get_application(debug=False):\n    return Litestar(route_handlers=[])\n',
        'needs.py': `${flask}def create_app(settings):\n    return Flask(__name__)\n`,
      });
      assert.deepEqual(
        (await findFrameworkApps(await openProject(root))).apps.map((e) => `${e.framework} ${e.kind} ${e.target}`),
        ['quart asgi portal.app:app', 'litestar asgi api:get_application()'],
      );
    });

    it('[project.scripts] points at the module served first; the others stay as alternatives', async () => {
      const root = await tempProject({
        'pyproject.toml': '[project]\nname = "shop"\nversion = "1"\n[project.scripts]\nserve = "shop.main:run"\n',
        'shop/__init__.py': '',
        'shop/admin.py': 'from fastapi import FastAPI\nadmin = FastAPI()\n',
        'shop/main.py': 'from fastapi import FastAPI\napi = FastAPI()\n',
        'app.py': `${flask}app = Flask(__name__)\n`,
      });
      assert.deepEqual(await scriptModules(await openProject(root)), ['shop.main']);
      assert.deepEqual((await findFrameworkApps(await openProject(root))).apps.map((e) => e.target), ['shop.main:api', 'app:app', 'shop.admin:admin']);
      const facts = await readProject(root);
      assert.equal(facts.entryPoint?.target, 'shop.main:api');
      assert.deepEqual(facts.otherEntryPoints?.map((e) => e.target), ['app:app', 'shop.admin:admin']);
    });

    it('names the files that build an app but cannot be imported (my-app.py)', async () => {
      const root = await tempProject({ 'my-app.py': `${flask}app = Flask(__name__)\n`, 'requirements.txt': 'flask\n' });
      assert.deepEqual(unimportableFiles((await findFrameworkApps(await openProject(root))).unservable), ['my-app.py']);
      const facts = await readProject(root);
      assert.equal(facts.entryPoint, undefined);
      assert.deepEqual(facts.unimportableApps, ['my-app.py']);
    });
  });

  describe('serving configuration', () => {
    it('splits a Procfile command like a shell and finds the app argument', () => {
      assert.deepEqual(shellWords(`gunicorn --bind 0.0.0.0:$PORT "app:create_app()" -k 'uvicorn.workers.UvicornWorker'`), [
        'gunicorn', '--bind', '0.0.0.0:$PORT', 'app:create_app()', '-k', 'uvicorn.workers.UvicornWorker',
      ]);
      assert.equal(appArgument(['gunicorn', '-w', '4', '--preload', 'mysite.wsgi']), 'mysite.wsgi:application');
      assert.equal(appArgument(['uvicorn', '--port', '8000', 'main:app']), 'main:app');
      const web = parseProcfile('release: flask db upgrade\nweb: FOO=1 uvicorn --factory api:make --host 0.0.0.0 --port 8000\n');
      assert.equal(web?.program, 'uvicorn');
      assert.equal(web?.target, 'api:make()');
      assert.equal(procfilePort(web!), 8000);
      assert.equal(parseProcfile('worker: celery -A tasks worker\n'), undefined);
      assert.equal(substitutePort('0.0.0.0:${PORT:-8000}', 5000), '0.0.0.0:5000');
    });

    it('reads gunicorn.conf.py settings, its bind and wsgi_app', () => {
      assert.deepEqual(parseGunicornConf('gunicorn.conf.py', 'bind = ["127.0.0.1:8000"]\nworkers = 4\nwsgi_app = "wsgi:app"\n'), {
        file: 'gunicorn.conf.py', bindComputed: false, bind: '127.0.0.1:8000', wsgiApp: 'wsgi:app', sets: ['bind', 'wsgi_app', 'workers'],
      });
      assert.equal(parseGunicornConf('g', 'bind = f"0.0.0.0:{PORT}"\n').bindComputed, true);
      assert.equal(bindListensOnAllInterfaces('0.0.0.0:8000'), true);
      assert.equal(bindListensOnAllInterfaces('127.0.0.1:8000'), false);
      assert.equal(bindListensOnAllInterfaces('unix:/tmp/g.sock'), false);
    });

    it('the app the project states (Procfile, then gunicorn.conf.py wsgi_app) wins over what the code scan ranks first', () => {
      const candidates = [{ kind: 'wsgi' as const, target: 'app:app', framework: 'flask' as const, source: 'app.py' }];
      const web = parseProcfile('web: gunicorn wsgi:application\n')!;
      assert.deepEqual(statedEntryPoint({ procfile: web }, candidates), { kind: 'wsgi', target: 'wsgi:application', framework: 'other', source: 'Procfile web:' });
      const conf = parseGunicornConf('gunicorn.conf.py', 'wsgi_app = "app:app"\n');
      assert.equal(statedEntryPoint({ gunicornConf: conf }, candidates)?.source, 'gunicorn.conf.py wsgi_app (app.py)');
    });
  });

  describe('the CMD decided from it', () => {
    const base = { scriptEntry: 'main.py' };
    it('gunicorn.conf.py binding every interface on the port: no flag but the app', () => {
      const conf = parseGunicornConf('gunicorn.conf.py', 'bind = "0.0.0.0:8000"\nworkers = 2\n');
      const r = projectServerArgs('gunicorn', 'wsgi:app', 8000, { ...base, serving: { gunicornConf: conf } });
      assert.deepEqual(r.args, ['gunicorn', 'wsgi:app']);
      assert.equal(r.from, 'gunicorn.conf.py');
      assert.deepEqual(r.decisions.map((d) => d.kind), ['confInForce', 'bindKept']);
    });

    it('gunicorn.conf.py on loopback: --bind 0.0.0.0:PORT added and said; wsgi_app named there: not repeated', () => {
      const conf = parseGunicornConf('gunicorn.conf.py', 'bind = "127.0.0.1:8000"\nwsgi_app = "wsgi:app"\n');
      const r = projectServerArgs('gunicorn', 'wsgi:app', 8000, { ...base, serving: { gunicornConf: conf } });
      assert.deepEqual(r.args, ['gunicorn', '--bind', '0.0.0.0:8000']);
      assert.deepEqual(r.decisions[1], { kind: 'bindOverridden', from: 'gunicorn.conf.py', bind: '127.0.0.1:8000', port: 8000 });
    });

    it('Procfile web: gunicorn: flags kept, $PORT filled in, shell-only words dropped and said', () => {
      const web = parseProcfile('web: gunicorn --bind 0.0.0.0:$PORT --workers $WEB_CONCURRENCY --timeout 120 "app:create_app()"\n')!;
      const r = projectServerArgs('gunicorn', 'app:create_app()', 5000, { ...base, serving: { procfile: web } });
      assert.deepEqual(r.args, ['gunicorn', '--bind', '0.0.0.0:5000', '--timeout', '120', 'app:create_app()']);
      assert.deepEqual(r.decisions.map((d) => d.kind), ['flagDropped', 'procfileKept', 'bindKept']);
    });

    it('Procfile web: gunicorn without a bind: --bind added (gunicorn would read $PORT); a different --wsgi-app replaces the app', () => {
      const web = parseProcfile('web: gunicorn --preload wsgi:app --log-file -\n')!;
      const r = projectServerArgs('gunicorn', 'other:app', 8080, { ...base, serving: { procfile: web } });
      assert.deepEqual(r.args, ['gunicorn', '--bind', '0.0.0.0:8080', '--preload', 'other:app', '--log-file', '-']);
      assert.ok(r.decisions.some((d) => d.kind === 'appReplaced'));
    });

    it('Procfile web: uvicorn on loopback: host and port made reachable; factory kept', () => {
      const web = parseProcfile('web: uvicorn --factory api:make --host 127.0.0.1 --port 8000 --proxy-headers\n')!;
      const r = projectServerArgs('uvicorn', 'api:make()', 8000, { ...base, serving: { procfile: web } });
      assert.deepEqual(r.args, ['uvicorn', '--host', '0.0.0.0', '--port', '8000', '--proxy-headers', '--factory', 'api:make']);
      assert.ok(r.decisions.some((d) => d.kind === 'bindOverridden'));
    });

    it('a Procfile program this generator does not run, or --server, is overridden and said', () => {
      const web = parseProcfile('web: hypercorn app:app --bind 0.0.0.0:$PORT\n')!;
      const r = projectServerArgs('uvicorn', 'app:app', 8000, { ...base, serving: { procfile: web } });
      assert.equal(r.from, 'defaults');
      assert.deepEqual(r.decisions, [{ kind: 'procfileIgnored', program: 'hypercorn', server: 'uvicorn', byUser: false }]);
    });

    it('src/ layout: gunicorn --pythonpath src, uvicorn --app-dir src', () => {
      assert.deepEqual(projectServerArgs('gunicorn', 'notes:create_app()', 5000, { ...base, pythonPath: 'src' }).args.slice(-3), ['--pythonpath', 'src', 'notes:create_app()']);
      assert.deepEqual(projectServerArgs('uvicorn', 'todo.app:app', 8000, { ...base, pythonPath: 'src' }).args.slice(-3), ['--app-dir', 'src', 'todo.app:app']);
      const facts = { entryPoint: { kind: 'asgi' as const, target: 'todo.app:app', source: 'src/todo/app.py', pythonPath: 'src' } };
      assert.equal(pythonPathFor('todo.other:app', facts), 'src');
      assert.equal(pythonPathFor('elsewhere:app', facts), undefined);
    });
  });

  describe('refusals (one line, nothing written)', () => {
    it('framework code without a dependency file; no app found; an unimportable one', async () => {
      const noDeps = await readProject(await tempProject({ 'app.py': `${flask}app = Flask(__name__)\n` }));
      assert.deepEqual(servingRefusal(noDeps, 'gunicorn', false), { kind: 'noDependencyFile', framework: 'Flask' });
      const none = await readProject(await tempProject({ 'requirements.txt': 'flask\n', 'run.py': 'from somewhere import app\n' }));
      assert.deepEqual(servingRefusal(none, 'gunicorn', false), { kind: 'noAppFound' });
      assert.equal(servingRefusal(none, 'gunicorn', true), undefined, 'named with --wsgi-app: served as asked');
      const dashed = await readProject(await tempProject({ 'requirements.txt': 'flask\n', 'my-app.py': `${flask}app = Flask(__name__)\n` }));
      assert.deepEqual(servingRefusal(dashed, 'gunicorn', false), { kind: 'unimportableApp', files: ['my-app.py'] });
      const script = await readProject(await tempProject({ 'main.py': 'print("hi")\n' }));
      assert.equal(servingRefusal(script, 'python', false), undefined, 'a stdlib script needs no dependency file');
    });

    it('a dependency file that is a folder or a link to nothing', async () => {
      const folder = await tempProject({ 'app.py': '', 'requirements.txt/README': '' });
      await assert.rejects(refuseUnusableProjectFiles(await openProject(folder)), /^UsageError: requirements\.txt is a folder, not a file: .*nothing was written$/);
      await assert.rejects(readProject(folder), /requirements\.txt is a folder/);
      const dangling = await tempProject({ 'app.py': '' });
      await mkdir(path.join(dangling, 'sub'));
      await symlink(path.join(dangling, 'missing.toml'), path.join(dangling, 'pyproject.toml'));
      await assert.rejects(refuseUnusableProjectFiles(await openProject(dangling)), /pyproject\.toml is a link to a file that does not exist/);
    });
  });
});
