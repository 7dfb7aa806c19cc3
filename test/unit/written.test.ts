import assert from 'node:assert/strict';
import { mergeThreeWay, unifiedDiff } from '../../lib/render/merge.js';
import { changedValues, contentHash, decideWrite, fileState, readFilesRecord, recordOf, type RenderValues, type WriteSituation } from '../../lib/state/written.js';

const VALUES: RenderValues = {
  pythonVersion: '3.13', baseVariant: 'slim', port: 5000, wsgiApp: 'main:app', workers: 3, uid: 10001, gid: 10001, lang: 'en',
  git: false, compose: false, watch: false, server: 'gunicorn', serverChosen: false, sample: false,
};

describe('the record of written files (lib/state/written.ts)', () => {
  it('a file is ours while its hash is the recorded one, theirs once edited, unknown without a record', () => {
    const record = recordOf('dockerfile.production', 'FROM python:3.13-slim\n', VALUES);
    assert.equal(fileState('FROM python:3.13-slim\n', record), 'ours');
    assert.equal(fileState('FROM python:3.13-slim\nRUN true\n', record), 'theirs');
    assert.equal(fileState('FROM scratch\n', undefined), 'unknown');
    assert.equal(fileState(undefined, record), 'missing');
  });

  it('records only the values a kind of file can depend on', () => {
    assert.deepEqual(recordOf('dockerignore', '', VALUES).values, { lang: 'en', sample: false });
    assert.deepEqual(Object.keys(recordOf('compose', '', VALUES).values).sort(), ['lang', 'port', 'sample', 'server', 'serverChosen', 'watch', 'workers', 'wsgiApp']);
  });

  it('names the values a file was written with that this run has otherwise', () => {
    const record = recordOf('dockerfile.production', 'x', VALUES);
    assert.deepEqual(changedValues(record, { ...VALUES, port: 9000, workers: 4 }), [
      { key: 'port', from: 5000, to: 9000 },
      { key: 'workers', from: 3, to: 4 },
    ]);
  });

  it('what to do with each file: ours without a question, the user\'s merged, asked about, or beside it', () => {
    const base: WriteSituation = { state: 'theirs', identical: false, appendOnly: false, mergeClean: true, force: false, canAsk: false, defaults: true };
    assert.equal(decideWrite({ ...base, state: 'missing' }), 'create');
    assert.equal(decideWrite({ ...base, identical: true }), 'identical');
    assert.equal(decideWrite({ ...base, state: 'ours', canAsk: true, defaults: false }), 'update', 'ours needs neither a terminal nor --defaults');
    assert.equal(decideWrite({ ...base, canAsk: true }), 'ask', 'a terminal: the question, even with --defaults');
    assert.equal(decideWrite(base), 'merge');
    assert.equal(decideWrite({ ...base, mergeClean: false }), 'beside');
    assert.equal(decideWrite({ ...base, state: 'unknown', mergeClean: false }), 'beside');
    assert.equal(decideWrite({ ...base, defaults: false }), 'noTerminal');
    assert.equal(decideWrite({ ...base, force: true }), 'force');
    assert.equal(decideWrite({ ...base, appendOnly: true, force: true }), 'append', '.dockerignore keeps the user\'s lines even with --force');
  });

  it('reads a hand-edited record as untrusted input: malformed entries and paths outside the folder are left out', () => {
    const sha = contentHash('x');
    const read = readFilesRecord({
      Dockerfile: { kind: 'dockerfile.production', sha256: sha, values: { port: 5000 } },
      '../etc/passwd': { kind: 'dockerfile.production', sha256: sha, values: {} },
      '/abs': { kind: 'compose', sha256: sha, values: {} },
      'compose.yaml': { kind: 'rm -rf', sha256: sha },
      'Dockerfile.bad': { kind: 'dockerfile.bad', sha256: 'not a hash' },
      'main.py': null,
    });
    assert.deepEqual(Object.keys(read), ['Dockerfile']);
    assert.deepEqual(readFilesRecord('nonsense'), {});
  });
});

describe('three-way merge on real edits (lib/render/merge.ts)', () => {
  const old = [
    '# Dockerfile: production.',
    'FROM python:3.13-slim',
    '',
    'WORKDIR /app',
    'COPY requirements.txt ./',
    'RUN pip install -r requirements.txt',
    'COPY . .',
    'EXPOSE 5000',
    'CMD ["gunicorn", "--bind", "0.0.0.0:5000", "main:app"]',
    '',
  ].join('\n');
  const fresh = old.replace('python:3.13-slim', 'python:3.14-slim');

  it('an added RUN apt-get install survives a new Python', () => {
    const mine = old.replace('WORKDIR /app\n', 'WORKDIR /app\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n');
    const merge = mergeThreeWay(old, mine, fresh);
    assert.ok(merge.clean);
    assert.equal(merge.content, mine.replace('python:3.13-slim', 'python:3.14-slim'));
  });

  it('a changed CMD survives a new Python; a new port on the same line is a conflict a person decides', () => {
    const mine = old.replace(/^CMD .*$/m, 'CMD ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:5000", "main:app"]');
    const merge = mergeThreeWay(old, mine, fresh);
    assert.ok(merge.clean);
    assert.match(merge.content, /"--workers", "2"/);
    assert.match(merge.content, /python:3\.14-slim/);
    const port = old.replaceAll('5000', '7100');
    assert.deepEqual(mergeThreeWay(old, mine, port), { clean: false, conflicts: 1 });
  });

  it('the same change on both sides is no conflict', () => {
    assert.deepEqual(mergeThreeWay(old, fresh, fresh), { clean: true, content: fresh });
  });

  it('the diff shows what writing would change, hunks only', () => {
    assert.deepEqual(unifiedDiff(old, fresh).slice(0, 3), ['@@ -1,5 +1,5 @@', ' # Dockerfile: production.', '-FROM python:3.13-slim']);
    assert.deepEqual(unifiedDiff(old, old), []);
  });
});
