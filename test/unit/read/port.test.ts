import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { findPort, portIn, portInGunicornConf } from '../../../lib/read/port.js';
import { parseCode } from '../../helpers/python.js';
import { fixture, removeTempProjects, tempProject } from './helpers.js';

describe('project/port', () => {
  after(removeTempProjects);

  const port = (code: string) => portIn(parseCode(code));
  const bind = (code: string) => portInGunicornConf(parseCode(code, 'gunicorn.conf.py'));

  it('reads the port= of a run call, literal or followed through names, int() and environment defaults', () => {
    assert.deepEqual(port('app.run(host="0.0.0.0", port=5000, debug=False)'), { value: 5000, source: 'app.py app.run(port=...)' });
    assert.deepEqual(port('uvicorn.run(\n    "main:app",\n    host="0.0.0.0",\n    port=8000,\n)'), { value: 8000, source: 'app.py uvicorn.run(port=...)' });
    assert.deepEqual(port('socketio.run(app, port=5001)'), { value: 5001, source: 'app.py socketio.run(port=...)' });
    // The regexes read none of these: a port from a module constant, an environment default, a parameter's default.
    assert.deepEqual(port('import os\napp.run(port=int(os.environ.get("PORT", 5000)))'), { value: 5000, source: 'app.py os.environ.get("PORT", 5000)' });
    assert.deepEqual(port('PORT = 8080\napp.run(port=PORT)'), { value: 8080, source: 'app.py app.run(port=...)' });
    assert.deepEqual(port('import uvicorn\ndef serve(port: int = 9000):\n    uvicorn.run("a:b", port=port)'), { value: 9000, source: 'app.py uvicorn.run(port=...)' });
    assert.deepEqual(port('from os import getenv as ge\nif __name__ == "__main__":\n    port = int(ge("PORT") or 7000)\n    create_app().run(port=port)'), {
      value: 7000,
      source: 'app.py ge("PORT") or 7000',
    });
    assert.equal(port('from bottle import run\nrun(port=8081)'), undefined); // bottle's app kind reads its own run() in the served module
    assert.equal(port('app.run(port=PORT)'), undefined); // bound nowhere: unknown, not guessed
    assert.equal(port('app.run(port=99999)'), undefined);
    assert.equal(port('app.run(debug=True)'), undefined);
    assert.equal(port('def run(port): pass\nrun(port=8081)'), undefined); // a run of the module's own
  });

  it('reads the default of a PORT environment variable, not of another variable, not in strings or comments', () => {
    assert.deepEqual(port('import os\nport = int(os.environ.get("PORT", 8000))'), { value: 8000, source: 'app.py os.environ.get("PORT", 8000)' });
    assert.deepEqual(port("import os\nos.getenv('PORT', '8080')"), { value: 8080, source: "app.py os.getenv('PORT', '8080')" });
    assert.deepEqual(port('from os import environ\nenviron.get("PORT", "5000")'), { value: 5000, source: 'app.py environ.get("PORT", "5000")' });
    assert.deepEqual(port('import os\nos.getenv(\n    "PORT",\n    "8000",\n)'), { value: 8000, source: 'app.py os.getenv("PORT", "8000")' });
    assert.equal(port('import os\nos.environ.get("PORT")'), undefined);
    assert.equal(port('import os\nos.environ.get("DB_PORT", 5432)'), undefined);
    assert.equal(port('import os\nos.environ.get("PORT", "8000\')'), undefined);
    assert.equal(port('import os\n# os.getenv("PORT", "8000")\nHELP = \'os.getenv("PORT", "8000")\''), undefined);
    assert.equal(port('import os\nos.getenv("PORT", "80" + "00")'), undefined); // not a literal port
  });

  it('reads gunicorn bind', () => {
    assert.deepEqual(bind('bind = "0.0.0.0:8000"\n'), { value: 8000, source: 'gunicorn.conf.py bind' });
    assert.deepEqual(bind("bind = [':9000']\n"), { value: 9000, source: 'gunicorn.conf.py bind' });
    assert.equal(bind('bind = "unix:/tmp/app.sock"\n'), undefined);
    assert.equal(bind('# bind = "0.0.0.0:8000"\n'), undefined);
    assert.deepEqual(bind("import os\nbind = f\"0.0.0.0:{os.getenv('PORT', '8001')}\"\n"), { value: 8001, source: "gunicorn.conf.py os.getenv('PORT', '8001')" });
  });

  const cases: [string, object | undefined][] = [
    ['fastapi', { value: 8000, source: 'main.py uvicorn.run(port=...)' }],
    ['flask-custom-name', { value: 5000, source: 'myapp/web.py os.environ.get("PORT", "5000")' }],
    ['flask-factory', { value: 8080, source: 'gunicorn.conf.py bind' }],
    ['plain-script', { value: 8000, source: 'main.py os.environ.get("PORT", "8000")' }],
    ['django', undefined],
    ['uv', undefined],
    ['native-deps', undefined],
  ];
  for (const [name, expected] of cases) {
    it(`${name}: ${expected ? JSON.stringify(expected) : 'not stated'}`, async () => {
      assert.deepEqual(await findPort(await openProject(fixture(name))), expected);
    });
  }

  it('looks at gunicorn.conf.py, then the entry module, then the other modules; not at comments or a Dockerfile', async () => {
    const root = await tempProject({
      Dockerfile: 'FROM python:3.14-slim\nEXPOSE 9999\n',
      'app.py': '# app.run(port=1111)\nfrom flask import Flask\napp = Flask(__name__)\n',
      'config.py': 'import os\nPORT = int(os.getenv("PORT", "7000"))\n',
      'web/__init__.py': '',
      'web/main.py': 'from flask import Flask\nsite = Flask(__name__)\nsite.run(port=6000)\n',
    });
    const entry = { kind: 'wsgi' as const, target: 'web.main:site', framework: 'flask' as const, source: 'web/main.py' };
    assert.deepEqual(await findPort(await openProject(root), entry), { value: 6000, source: 'web/main.py site.run(port=...)' });
    // Without an entry point: app-named files first (app.py states nothing, web/main.py does), then the rest.
    assert.deepEqual(await findPort(await openProject(root)), { value: 6000, source: 'web/main.py site.run(port=...)' });
    const noRun = await tempProject({ 'app.py': 'print("hi")\n', 'config.py': 'import os\nPORT = int(os.getenv("PORT", "7000"))\n' });
    assert.deepEqual(await findPort(await openProject(noRun)), { value: 7000, source: 'config.py os.getenv("PORT", "7000")' });

    const withConf = await tempProject({ 'gunicorn.conf.py': 'import os\nbind = f"0.0.0.0:{os.getenv(\'PORT\', \'8001\')}"\n', 'app.py': 'app.run(port=5000)\n' });
    assert.deepEqual(await findPort(await openProject(withConf)), { value: 8001, source: "gunicorn.conf.py os.getenv('PORT', '8001')" });
  });
});
