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
  resolveAnswers,
} from '../../lib/answers.js';
import { UsageError } from '../../lib/errors.js';
import { languageFromLocale } from '../../lib/messages/index.js';

describe('answers', () => {
  it('defaults to Python 3.14 on slim, port 5000, main:app, 3 workers, UID/GID 10001', () => {
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
      assert.throws(() => resolveAnswers(ANSWER_SPECS, { cli: { port: '70000' }, stored: {} }, true), /^UsageError: Invalid --port: port must be from 1 to 65535, got 70000$/);
      assert.throws(
        () => resolveAnswers(ANSWER_SPECS, { cli: {}, stored: { uid: 0 } }, true),
        /Invalid uid in \.yo-rc\.json: UID 0 is root/,
      );
    });
  });
});
