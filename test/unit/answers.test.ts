import assert from 'node:assert/strict';
import {
  ANSWER_SPECS,
  DEFAULT_ANSWERS,
  endOfLife,
  parseBaseVariant,
  parseGid,
  parsePort,
  parsePythonVersion,
  parseUid,
  parseWorkers,
  parseWsgiApp,
  parseYesNo,
  parsersFor,
  resolveAnswers,
  specsFor,
  type AnswerSources,
  userChoices,
} from '../../lib/state/answers.js';
import { cliZhCN } from '../../lib/messages/cli-zh-CN.js';
import { UsageError } from '../../lib/errors.js';
import { languageFromLocale } from '../../lib/messages/index.js';

describe('answers', () => {
  it('defaults to Python 3.14 on slim, port 5000, main:app, 3 workers, UID/GID 10001, gunicorn', () => {
    assert.deepEqual(DEFAULT_ANSWERS, {
      pythonVersion: '3.14',
      baseVariant: 'slim',
      port: 5000,
      wsgiApp: 'main:app',
      workers: 3,
      uid: 10001,
      gid: 10001,
      git: false,
      lang: languageFromLocale(),
      compose: false,
      watch: false,
      server: 'gunicorn',
    });
  });

  it('reads yes/no answers', () => {
    assert.equal(parseYesNo(true), true);
    assert.equal(parseYesNo('no'), false);
    assert.equal(parseYesNo('1'), true);
    assert.throws(() => parseYesNo('maybe'), /expected yes or no/);
  });

  it('accepts Python 3.8 to 3.15, with or without a patch number', () => {
    for (const version of ['3.8', '3.10', '3.11', '3.14', '3.15', '3.14.1', ' 3.13 ']) {
      assert.equal(parsePythonVersion(version), version.trim());
    }
  });

  it('refuses versions that are not Python 3.8 to 3.15', () => {
    for (const version of ['abc', '3', '2.7', '3.7', '3.16', '4.0', '3.14-slim', '', '3.1 4']) {
      assert.throws(() => parsePythonVersion(version), UsageError, version);
    }
  });

  it('warns about end-of-life Pythons depending on the date', () => {
    const today = new Date('2026-11-28T00:00:00Z');
    assert.deepEqual(endOfLife('3.10', today), { minor: '3.10', date: '2026-10-31' });
    assert.deepEqual(endOfLife('3.9.18', today), { minor: '3.9', date: '2025-10-31' });
    assert.equal(endOfLife('3.11', today), undefined);
    assert.equal(endOfLife('3.14', today), undefined);
    assert.deepEqual(endOfLife('3.11', new Date('2027-11-01T00:00:00Z')), { minor: '3.11', date: '2027-10-31' });
  });

  it('validates ports: whole numbers from 1024 to 65535', () => {
    assert.equal(parsePort('8080'), 8080);
    assert.equal(parsePort(65535), 65535);
    for (const port of ['0', '70000', '-1', '80.5', 'http', '', '5000abc']) {
      assert.throws(() => parsePort(port), UsageError, port);
    }
    assert.throws(() => parsePort('80'), /privileged.*non-root/);
  });

  it('validates WSGI apps as module:variable or module:factory()', () => {
    for (const app of ['main:app', 'web.server:api', 'pkg.sub.mod:create_app()', '_x:_y']) {
      assert.equal(parseWsgiApp(app), app);
    }
    for (const app of ['main', 'main app:app', 'main:app\nRUN rm -rf /', 'main:', ':app', '1main:app', 'main:app(x)', 'main:app; echo']) {
      assert.throws(() => parseWsgiApp(app), UsageError, JSON.stringify(app));
    }
  });

  it('shows a bad value with its control characters escaped, on one line', () => {
    assert.throws(() => parseWsgiApp('main:app\nRUN x'), (error: Error) => !error.message.includes('\n') && error.message.includes('\\n'));
  });

  it('validates workers, UID and GID, refusing root', () => {
    assert.equal(parseWorkers('4'), 4);
    assert.throws(() => parseWorkers('0'), UsageError);
    assert.throws(() => parseWorkers('65'), UsageError);
    assert.equal(parseUid('1001'), 1001);
    assert.throws(() => parseUid('0'), /root/);
    assert.throws(() => parseGid('0'), /root/);
    assert.throws(() => parseUid('-5'), UsageError);
    assert.throws(() => parseUid('2147483648'), UsageError);
  });

  it('accepts only known base variants', () => {
    assert.equal(parseBaseVariant('alpine'), 'alpine');
    assert.throws(() => parseBaseVariant('buster'), /slim, alpine, full/);
  });

  describe('resolveAnswers', () => {
    it('prefers the CLI over stored answers over defaults', () => {
      const { known, toAsk } = resolveAnswers(
        ANSWER_SPECS,
        { cli: { port: '8080' }, stored: { port: 9000, workers: 5 } },
        true,
      );
      assert.equal(known.port, 8080);
      assert.equal(known.workers, 5);
      assert.equal(known.uid, 10001);
      assert.deepEqual(toAsk, []);
    });

    it('leaves unanswered questions to ask when --defaults is off', () => {
      const { known, toAsk } = resolveAnswers(ANSWER_SPECS, { cli: { port: '8080' }, stored: {} }, false);
      assert.deepEqual(Object.keys(known), ['port']);
      assert.equal(toAsk.length, ANSWER_SPECS.length - 1);
    });

    it('names the source of an invalid value', () => {
      assert.throws(() => resolveAnswers(ANSWER_SPECS, { cli: { port: '70000' }, stored: {} }, true), /^UsageError: Invalid --port: port must be from 1024 to 65535, got 70000$/);
      assert.throws(
        () => resolveAnswers(ANSWER_SPECS, { cli: {}, stored: { uid: 0 } }, true),
        /Invalid uid in \.yo-rc\.json: UID 0 is root/,
      );
    });

    it('orders flag > stored choice > what the project states now > default, naming each origin', () => {
      const detected = { port: { value: 8000, source: 'gunicorn.conf.py bind' }, pythonVersion: { value: '3.13', source: '.python-version' }, wsgiApp: { value: 'web:app', source: 'web.py' } };
      const { known, origins } = resolveAnswers(ANSWER_SPECS, { cli: { port: '8081' }, stored: { pythonVersion: '3.12' }, detected }, true);
      assert.equal(known.port, 8081);
      assert.deepEqual(origins.port, { kind: 'flag' });
      assert.equal(known.pythonVersion, '3.12', 'a stored user choice beats the project');
      assert.deepEqual(origins.pythonVersion, { kind: 'stored' });
      assert.equal(known.wsgiApp, 'web:app');
      assert.deepEqual(origins.wsgiApp, { kind: 'project', source: 'web.py' });
      assert.deepEqual(origins.workers, { kind: 'default' });
    });

    it('proposes what the project states when asking, and warns about a value it cannot use', () => {
      const detected = { port: { value: 80, source: 'app.py app.run(port=...)' }, wsgiApp: { value: 'web:app', source: 'web.py' } };
      const { toAsk, warnings, known } = resolveAnswers(ANSWER_SPECS, { cli: {}, stored: {}, detected }, false);
      assert.deepEqual(known, {});
      const wsgi = toAsk.find((p) => p.spec.key === 'wsgiApp')!;
      assert.equal(wsgi.value, 'web:app');
      assert.deepEqual(wsgi.origin, { kind: 'project', source: 'web.py' });
      assert.equal(toAsk.find((p) => p.spec.key === 'port')!.value, 5000);
      assert.match(warnings[0], /^app\.py app\.run\(port=\.\.\.\): port must be from 1024 to 65535, got 80.*; using the default instead$/);
    });

    it('keeps what the user chose and nothing the project states', () => {
      const detected = { port: { value: 8000, source: 'gunicorn.conf.py bind' }, wsgiApp: { value: 'web:app', source: 'web.py' } };
      const { toAsk } = resolveAnswers(ANSWER_SPECS, { cli: {}, stored: {}, detected }, false);
      const answers = { ...DEFAULT_ANSWERS, port: 8000, wsgiApp: 'web:other', workers: 3, uid: 2000 };
      const origins = Object.fromEntries(toAsk.map((p) => [p.spec.key, { kind: 'asked' as const }]));
      const chosen = userChoices(answers, { ...origins, gid: { kind: 'flag' } }, toAsk);
      assert.equal(chosen.port, undefined, 'accepting the project\'s port is not a choice');
      assert.equal(chosen.wsgiApp, 'web:other', 'typing another app is');
      assert.equal(chosen.uid, 2000);
      assert.equal(chosen.gid, DEFAULT_ANSWERS.gid, 'a flag is');
      const defaults = resolveAnswers(ANSWER_SPECS, { cli: {}, stored: {}, detected }, true);
      assert.deepEqual(userChoices(defaults.known, defaults.origins, []), {}, '--defaults chooses nothing');
    });
  });

  describe('messages say the real rule', () => {
    it('gives the port range from the first message', () => {
      assert.throws(() => parsePort('abc'), /^UsageError: port must be a whole number from 1024 to 65535, got "abc"$/);
      assert.throws(() => parsePort('80'), /^UsageError: port must be from 1024 to 65535, got 80: .*privileged.*-p 80:8080$/);
    });

    it('says Python 2 is not supported rather than how a version looks', () => {
      assert.throws(() => parsePythonVersion('2.7'), /^UsageError: Python 2\.7 is not supported: the oldest accepted is 3\.8$/);
      assert.throws(() => parsePythonVersion('4.0'), /not released yet/);
      assert.throws(() => parsePythonVersion('latest'), /must look like 3\.14/);
    });

    it('speaks the attendee\'s language', () => {
      const zh = parsersFor(cliZhCN.validation);
      assert.throws(() => zh.port('abc'), /^UsageError: 端口必须是 1024 到 65535 之间的整数，收到的是 "abc"$/);
      assert.throws(() => zh.pythonVersion('2.7'), /不支持 Python 2\.7/);
    });
  });
});

describe('the server, an answer like the others', () => {
  const server = specsFor('en').server;
  const detected = { server: { value: 'uvicorn', source: 'main.py' } };
  it('flag > stored choice > what the project states > default, and never a question', () => {
    const resolved = (sources: Partial<AnswerSources>) => resolveAnswers([server], { cli: {}, stored: {}, ...sources }, false);
    assert.deepEqual(resolved({ cli: { server: 'python' }, stored: { server: 'gunicorn' }, detected }), { known: { server: 'python' }, origins: { server: { kind: 'flag' } }, toAsk: [], warnings: [] });
    assert.deepEqual(resolved({ stored: { server: 'gunicorn' }, detected }).origins, { server: { kind: 'stored' } });
    assert.deepEqual(resolved({ stored: { server: 'gunicorn' }, detected }).known, { server: 'gunicorn' });
    assert.deepEqual(resolved({ detected }), { known: { server: 'uvicorn' }, origins: { server: { kind: 'project', source: 'main.py' } }, toAsk: [], warnings: [] });
    assert.deepEqual(resolved({}).known, { server: 'gunicorn' });
  });
  it('a flag is stored, the project\'s server accepted is not', () => {
    const fromFlag = resolveAnswers([server], { cli: { server: 'sanic' }, stored: {}, detected }, true);
    assert.deepEqual(userChoices(fromFlag.known, fromFlag.origins, []), { server: 'sanic' });
    const fromProject = resolveAnswers([server], { cli: {}, stored: {}, detected }, true);
    assert.deepEqual(userChoices(fromProject.known, fromProject.origins, []), {});
  });
  it('an invalid flag is one line naming it, in the run\'s language', () => {
    assert.throws(() => resolveAnswers([specsFor('zh-CN').server], { cli: { server: 'waitress' }, stored: {} }, true, cliZhCN.validation), /^UsageError: --server 的值无效：服务器只能是 gunicorn、uvicorn、sanic、streamlit、python 之一，收到的是 "waitress"$/);
  });
});
