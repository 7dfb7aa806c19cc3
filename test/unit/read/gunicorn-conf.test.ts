/**
 * Issue 20.5: a gunicorn.conf.py is read for what it does, in every branch; one that daemonizes
 * is not loaded, and settings that stop the server in a container are overridden, each said.
 */
import assert from 'node:assert/strict';
import { projectServerArgs } from '../../../lib/decide/server-command.js';
import { planDocker, projectInputFor } from '../../../lib/decide/plan.js';
import { parseGunicornConf } from '../../../lib/read/serving.js';
import { readProject } from '../../../lib/read/read.js';
import { messagesFor } from '../../../lib/messages/index.js';
import { removeTempProjects, tempProject } from './helpers.js';

/** Shaped like a deployment config that daemonizes only in production (toddbirchard/broiestbot, before it dropped the flag). */
const PRODUCTION_DAEMON = [
  '"""Gunicorn configuration."""',
  'from os import environ, path',
  '',
  'BASE_DIR = path.abspath(path.dirname(__file__))',
  'ENVIRONMENT = environ.get("ENVIRONMENT")',
  '',
  'proc_name = "notes"',
  'wsgi_app = "wsgi:app"',
  'bind = f"unix:{BASE_DIR}/notes.sock"',
  'threads = 4',
  'workers = 1',
  '',
  'if ENVIRONMENT == "development" or ENVIRONMENT is None:',
  '    reload = True',
  'elif ENVIRONMENT == "production":',
  '    daemon = True',
  '    accesslog = "/var/log/gunicorn/access.log"',
  'else:',
  '    raise ValueError("unknown environment")',
  '',
].join('\n');

describe('gunicorn.conf.py read for what it does (issue 20.5)', () => {
  after(removeTempProjects);

  it('finds daemon, a unix-socket bind and log files in any branch, with the branch condition', () => {
    const conf = parseGunicornConf('gunicorn.conf.py', PRODUCTION_DAEMON);
    assert.deepEqual(conf.hazards, [
      { setting: 'bind', value: 'f"unix:{BASE_DIR}/notes.sock"', source: 'gunicorn.conf.py:9' },
      { setting: 'daemon', value: 'True', source: 'gunicorn.conf.py:16', condition: 'ENVIRONMENT == "production"' },
      {
        setting: 'accesslog',
        value: '"/var/log/gunicorn/access.log"',
        source: 'gunicorn.conf.py:17',
        condition: 'ENVIRONMENT == "production"',
      },
    ]);
    assert.deepEqual(conf.flags, [['--threads', '4'], ['--name', 'notes']]);
    assert.equal(conf.wsgiApp, 'wsgi:app');
    // Settings that do no harm are no hazard.
    assert.equal(parseGunicornConf('g.py', 'daemon = False\naccesslog = "-"\nerrorlog = None\nbind = ["0.0.0.0:8000"]\n').hazards, undefined);
  });

  it('a config that daemonizes in some branch is not loaded: --config /dev/null, the generator\'s flags, its literal settings kept', () => {
    const conf = parseGunicornConf('gunicorn.conf.py', PRODUCTION_DAEMON);
    const r = projectServerArgs('gunicorn', 'wsgi:app', 8000, { scriptEntry: 'main.py', serving: { gunicornConf: conf } });
    assert.deepEqual(r.args, [
      'gunicorn', '--config', '/dev/null', '--bind', '0.0.0.0:8000', '--worker-tmp-dir', '/dev/shm', '--graceful-timeout', '5', '--access-logfile', '-',
      '--threads', '4', '--name', 'notes', 'wsgi:app',
    ]);
    assert.deepEqual(r.decisions.map((d) => d.kind), ['confBypassed']);
  });

  it('a unix-socket bind in a branch, log and pid files: the file is named and each setting overridden', () => {
    const conf = parseGunicornConf(
      'gunicorn.conf.py',
      'import os\nbind = "0.0.0.0:8000"\nif os.environ.get("ENV") == "production":\n    bind = "unix:/run/gunicorn.sock"\nerrorlog = "/var/log/gunicorn/error.log"\npidfile = "/var/run/gunicorn/prod.pid"\n',
    );
    const r = projectServerArgs('gunicorn', 'wsgi:app', 8000, { scriptEntry: 'main.py', serving: { gunicornConf: conf } });
    assert.deepEqual(r.args, ['gunicorn', '--config', 'gunicorn.conf.py', '--bind', '0.0.0.0:8000', '--error-logfile', '-', '--pid', '/dev/shm/gunicorn.pid', 'wsgi:app']);
    assert.deepEqual(r.decisions.map((d) => d.kind), ['confInForce', 'confSettingOverridden', 'confSettingOverridden', 'confSettingOverridden']);
  });

  it('the run says it in one line, in English and in Chinese, and the CMD comment says why', async () => {
    const root = await tempProject({
      'requirements.txt': 'flask==3.1.2\ngunicorn==23.0.0\n',
      'wsgi.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'gunicorn.conf.py': PRODUCTION_DAEMON,
    });
    const facts = await readProject(root);
    const answers = { pythonVersion: '3.13', baseVariant: 'slim', port: 8000, wsgiApp: 'wsgi:app', workers: 2, uid: 10001, gid: 10001 } as const;
    const plan = planDocker({ ...answers, lang: 'en', git: false, compose: false, watch: false, server: 'gunicorn' }, projectInputFor(facts, { server: 'gunicorn', serverChosenByUser: false }));
    assert.match(plan.serverCommand, /^\["gunicorn", "--config", "\/dev\/null",/);
    const en = plan.servingDecisions.map(messagesFor('en').text.servingDecision);
    assert.equal(en.length, 1);
    assert.match(en[0]!, /^gunicorn\.conf\.py is not loaded: it sets daemon = True \(gunicorn\.conf\.py:16 when ENVIRONMENT == "production"\)/);
    assert.match(plan.servingDecisions.map(messagesFor('zh-CN').text.servingDecision)[0]!, /^不加载 gunicorn\.conf\.py/);
    assert.match(messagesFor('en').comments.gunicornConfBypassed(plan), /daemon = True/);
  });
});
