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
  it('an unmarked file: what the project states now is dropped (equal or stale), the rest is kept as choices', () => {
    const old = { pythonVersion: '3.12', baseVariant: 'slim', port: 8001, wsgiApp: 'web:app', workers: 3, uid: 10001, gid: 10001, lang: 'en', promptValues: {} };
    const migration = migrateStored(old, detected, specs);
    assert.equal(migration.migrated, true);
    assert.deepEqual(migration.dropped.map((d) => [d.key, d.stored, d.stated.source]), [
      ['pythonVersion', '3.12', '.python-version'],
      ['port', 8001, 'gunicorn.conf.py bind'],
      ['wsgiApp', 'web:app', 'web.py'],
    ]);
    assert.deepEqual(migration.kept, ['baseVariant', 'workers', 'uid', 'gid', 'lang']);
    // Keys that are not answers (Yeoman's own) stay untouched.
    assert.deepEqual(migration.stored, { baseVariant: 'slim', workers: 3, uid: 10001, gid: 10001, lang: 'en', promptValues: {} });
  });

  it('a value the project states but the run cannot use does not replace the stored one', () => {
    const migration = migrateStored({ pythonVersion: '3.12' }, { pythonVersion: { value: '2.7', source: '.python-version' } }, specs);
    assert.deepEqual(migration.stored, { pythonVersion: '3.12' });
    assert.deepEqual(migration.kept, ['pythonVersion']);
  });

  it('a marked file, and a file with no values, are left as they are', () => {
    const marked = { [SCHEMA_KEY]: STORE_SCHEMA, pythonVersion: '3.12' };
    assert.deepEqual(migrateStored(marked, detected, specs), { stored: marked, dropped: [], kept: [], migrated: false });
    assert.equal(migrateStored({}, detected, specs).migrated, false);
  });
});
