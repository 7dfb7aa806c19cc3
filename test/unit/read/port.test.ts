import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import {
  findPort,
  portFromEnvironmentDefault,
  portFromGunicornBind,
  portFromRunCall,
} from '../../../lib/read/port.js';
import { codeOnly } from '../../../lib/read/source.js';
import { fixture, removeTempProjects, tempProject } from './helpers.js';

describe('project/port', () => {
  after(removeTempProjects);

  it('reads a literal port= in a .run( call', () => {
    assert.deepEqual(portFromRunCall('app.run(host="0.0.0.0", port=5000, debug=False)'), { port: 5000, receiver: 'app' });
    assert.deepEqual(portFromRunCall('uvicorn.run(\n    "main:app",\n    host="0.0.0.0",\n    port=8000,\n)'), {
      port: 8000,
      receiver: 'uvicorn',
    });
    assert.deepEqual(portFromRunCall('socketio.run(app, port=5001)'), { port: 5001, receiver: 'socketio' });
    assert.equal(portFromRunCall('app.run(port=int(os.environ.get("PORT", 5000)))'), undefined);
    assert.equal(portFromRunCall('app.run(port=PORT)'), undefined);
    assert.equal(portFromRunCall('app.run(port=99999)'), undefined);
    assert.equal(portFromRunCall('app.run(debug=True)'), undefined);
  });

  it('reads the default of a PORT environment variable', () => {
    assert.deepEqual(portFromEnvironmentDefault('port = int(os.environ.get("PORT", 8000))'), {
      port: 8000,
      expression: 'os.environ.get("PORT", 8000)',
    });
    assert.deepEqual(portFromEnvironmentDefault("os.getenv('PORT', '8080')"), { port: 8080, expression: "os.getenv('PORT', '8080')" });
    assert.deepEqual(portFromEnvironmentDefault('environ.get("PORT", "5000")'), { port: 5000, expression: 'environ.get("PORT", "5000")' });
    assert.equal(portFromEnvironmentDefault('os.environ.get("PORT")'), undefined);
    assert.equal(portFromEnvironmentDefault('os.environ.get("DB_PORT", 5432)'), undefined);
    assert.equal(portFromEnvironmentDefault('os.environ.get("PORT", "8000\')'), undefined);
  });

  it('reads gunicorn bind', () => {
    assert.equal(portFromGunicornBind('bind = "0.0.0.0:8000"\n'), 8000);
    assert.equal(portFromGunicornBind("bind = [':9000']\n"), 9000);
    assert.equal(portFromGunicornBind('bind = "unix:/tmp/app.sock"\n'), undefined);
    assert.equal(portFromGunicornBind(codeOnly('# bind = "0.0.0.0:8000"\n')), undefined);
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
