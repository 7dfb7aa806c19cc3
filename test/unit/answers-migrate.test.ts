import assert from 'node:assert/strict';
import { specsFor } from '../../lib/state/answers.js';
import { migrateStored, SCHEMA_KEY, STORE_SCHEMA } from '../../lib/state/answers-migrate.js';

const specs = specsFor('en');
const detected = {
  pythonVersion: { value: '3.13', source: '.python-version' },
  wsgiApp: { value: 'web:server', source: 'web.py' },
  port: { value: 8001, source: 'gunicorn.conf.py bind' },
};

describe('answers-migrate: .yo-rc.json from earlier versions', () => {
  it('an unmarked file: what the project states now is dropped (equal or stale), and so are defaults; the rest is kept as choices', () => {
    const old = { pythonVersion: '3.12', baseVariant: 'slim', port: 8001, wsgiApp: 'web:app', workers: 4, uid: 2000, gid: 10001, lang: 'en', promptValues: {} };
    const migration = migrateStored(old, detected, specs);
    assert.equal(migration.migrated, true);
    assert.deepEqual(migration.dropped.map((d) => [d.key, d.stored, d.stated?.source]), [
      ['pythonVersion', '3.12', '.python-version'],
      ['baseVariant', 'slim', undefined],
      ['port', 8001, 'gunicorn.conf.py bind'],
      ['wsgiApp', 'web:app', 'web.py'],
      ['gid', 10001, undefined],
      ['lang', 'en', undefined],
    ]);
    assert.deepEqual(migration.kept, ['workers', 'uid']);
    // Keys that are not answers (Yeoman's own) stay untouched.
    assert.deepEqual(migration.stored, { workers: 4, uid: 2000, promptValues: {} });
  });

  it('schema 2 (every typed answer stored): a stored default is an accepted default, dropped, unless the project states another value it overrode', () => {
    const typed = { [SCHEMA_KEY]: 2, lang: 'en', baseVariant: 'slim', workers: 4, uid: 10001, gid: 10001, pythonVersion: '3.14' };
    const migration = migrateStored(typed, detected, specs);
    assert.equal(migration.migrated, true);
    assert.deepEqual(migration.dropped.map((d) => d.key), ['lang', 'baseVariant', 'uid', 'gid']);
    // 3.14 is the default, but the project states 3.13: typing 3.14 over it was a choice.
    assert.deepEqual(migration.kept, ['workers', 'pythonVersion']);
    assert.deepEqual(migration.stored, { [SCHEMA_KEY]: 2, workers: 4, pythonVersion: '3.14' });
  });

  it('a schema 2 file of real choices only has nothing to say', () => {
    const migration = migrateStored({ [SCHEMA_KEY]: 2, port: 7100 }, {}, specs);
    assert.equal(migration.migrated, false);
    assert.deepEqual(migration.stored, { [SCHEMA_KEY]: 2, port: 7100 });
  });

  it('a value the project states but the run cannot use does not replace the stored one', () => {
    const migration = migrateStored({ pythonVersion: '3.12' }, { pythonVersion: { value: '2.7', source: '.python-version' } }, specs);
    assert.deepEqual(migration.stored, { pythonVersion: '3.12' });
    assert.deepEqual(migration.kept, ['pythonVersion']);
  });

  it('a file of this version, and a file with no values, are left as they are', () => {
    const marked = { [SCHEMA_KEY]: STORE_SCHEMA, pythonVersion: '3.14' };
    assert.deepEqual(migrateStored(marked, detected, specs), { stored: marked, dropped: [], kept: [], migrated: false });
    assert.equal(migrateStored({}, detected, specs).migrated, false);
  });
});
