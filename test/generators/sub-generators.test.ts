import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { result } from 'yeoman-test';
import { inFolder, PROJECT_FILES, writeProject } from '../helpers/project.js';
import { runGenerator } from '../helpers/run.js';


const STORED = {
  pythonVersion: '3.13',
  baseVariant: 'slim',
  port: 8080,
  wsgiApp: 'web:api',
  workers: 5,
  uid: 2000,
  gid: 2000,
  lang: 'en',
  // Written by this version: only choices (an unmarked file is migrated, see rerun.test.ts).
  schema: 3,
};

describe('sub-generators on their own', () => {
  it('dockerfile writes the production Dockerfile by default, and a .dockerignore', async () => {
    await runGenerator('dockerfile').doInDir(writeProject).withOptions({ defaults: true });
    assert.deepEqual(readdirSync(result.cwd).sort(), ['.dockerignore', '.yo-rc.json', 'Dockerfile', ...PROJECT_FILES]);
    result.assertFileContent('.dockerignore', /^\*\*\/\.env$/m);
    result.assertFileContent('.dockerignore', /^\.git$/m);
    result.assertFileContent('Dockerfile', /^USER 10001:10001$/m);
  });

  for (const [stage, file] of [
    ['bad', 'Dockerfile.bad'],
    ['better', 'Dockerfile.better'],
    ['production', 'Dockerfile'],
  ] as const) {
    it(`dockerfile --stage ${stage} writes ${file} and .dockerignore only`, async () => {
      await runGenerator('dockerfile').doInDir(writeProject).withOptions({ defaults: true, stage });
      assert.deepEqual(readdirSync(result.cwd).sort(), ['.dockerignore', '.yo-rc.json', file, ...PROJECT_FILES].sort());
    });
  }

  it('dockerfile refuses an unknown --stage and writes nothing', async () => {
    const { folder, callback } = inFolder();
    await assert.rejects(
      runGenerator('dockerfile').doInDir(callback).withOptions({ defaults: true, stage: 'best' }),
      /Invalid --stage: stage must be one of bad, better, production, got "best"/,
    );
    assert.deepEqual(readdirSync(folder.path).sort(), PROJECT_FILES);
  });

  it('refuses to run where there is no Python project, naming the way out', async () => {
    const { folder, callback } = inFolder(() => undefined);
    await assert.rejects(
      runGenerator('multistage').doInDir(callback).withOptions({ defaults: true }),
      /^UsageError: no Python project in .* run it inside your project, or run `yo python-docker --defaults` in an empty folder for the sample app$/,
    );
    assert.deepEqual(readdirSync(folder.path), []);
  });

  it('dockerignore writes .dockerignore only, ignoring caches in every folder', async () => {
    await runGenerator('dockerignore').doInDir(writeProject).withOptions({ defaults: true });
    assert.deepEqual(readdirSync(result.cwd).sort(), ['.dockerignore', '.yo-rc.json', ...PROJECT_FILES]);
    for (const pattern of ['.git', '**/.env', '**/.env.*', '.venv', 'venv', '**/__pycache__', '**/*.py[cod]', 'Dockerfile*', 'node_modules', '.pytest_cache', '.mypy_cache']) {
      result.assertFileContent('.dockerignore', new RegExp(`^${pattern.replace(/[.*[\]]/g, (c) => `\\${c}`)}$`, 'm'));
    }
    // Nothing a build needs may be ignored.
    result.assertNoFileContent('.dockerignore', /^(requirements\.txt|\*\.py|\*\.txt|pyproject\.toml)$/m);
  });

  it('dockerignore merges into the user\'s file: their lines stay, missing ones once, no question', async () => {
    const mine = '# mine\nnode_modules\n.env*\n!.env.example\n';
    const folder = mkdtempSync(join(tmpdir(), 'pydocker-merge-'));
    writeProject(folder);
    writeFileSync(join(folder, '.dockerignore'), mine);
    await runGenerator('dockerignore').withOptions({ defaults: true, force: false }).cd(folder);
    const merged = readFileSync(join(folder, '.dockerignore'), 'utf8');
    assert.ok(merged.startsWith(mine), 'user lines first and unchanged');
    assert.match(merged, /^\*\*\/__pycache__$/m);
    assert.equal(merged.match(/^node_modules$/gm)?.length, 1, 'nothing duplicated');
    assert.doesNotMatch(merged.slice(mine.length), /^(\*\*\/)?\.env/m, 'the user\'s .env.example exception is respected');
    await runGenerator('dockerignore').withOptions({ defaults: true, force: false }).cd(folder);
    assert.equal(readFileSync(join(folder, '.dockerignore'), 'utf8'), merged, 'a re-run changes nothing');
  });

  it('multistage writes Dockerfile.multistage and .dockerignore only', async () => {
    await runGenerator('multistage').doInDir(writeProject).withOptions({ defaults: true });
    assert.deepEqual(readdirSync(result.cwd).sort(), ['.dockerignore', '.yo-rc.json', 'Dockerfile.multistage', ...PROJECT_FILES]);
    result.assertFileContent('.dockerignore', /^\*\*\/\.env$/m);
    result.assertFileContent('Dockerfile.multistage', /^FROM python:3\.14 AS builder$/m);
    result.assertFileContent('Dockerfile.multistage', /^COPY --from=builder \/opt\/venv \/opt\/venv$/m);
  });

  it('multistage merges .env and .git into a .dockerignore that lacks them, keeping the user\'s lines', async () => {
    const mine = '# mine\nnode_modules\n*.log\n';
    const folder = mkdtempSync(join(tmpdir(), 'pydocker-merge-ms-'));
    writeProject(folder);
    writeFileSync(join(folder, '.dockerignore'), mine);
    await runGenerator('multistage').withOptions({ defaults: true, force: false }).cd(folder);
    const merged = readFileSync(join(folder, '.dockerignore'), 'utf8');
    assert.ok(merged.startsWith(mine), 'user lines first and unchanged');
    assert.match(merged, /^\*\*\/\.env$/m);
    assert.match(merged, /^\.git$/m);
    assert.equal(merged.match(/^node_modules$/gm)?.length, 1, 'nothing duplicated');
  });

  describe('answers stored in .yo-rc.json', () => {
    for (const name of ['dockerfile', 'multistage'] as const) {
      it(`${name} reuses them without asking`, async () => {
        await runGenerator(name).doInDir(writeProject).withYoRcConfig('generator-python-docker', STORED);
        assert.deepEqual(result.askedQuestions, []);
        const file = name === 'dockerfile' ? 'Dockerfile' : 'Dockerfile.multistage';
        result.assertFileContent(file, /^FROM python:3\.13-slim$/m);
        result.assertFileContent(file, /^EXPOSE 8080$/m);
        result.assertFileContent(file, /^USER 2000:2000$/m);
        result.assertFileContent(file, /WEB_CONCURRENCY=5 /);
        result.assertFileContent(file, /"web:api"\]$/m);
      });
    }

    it('a CLI option beats a stored answer, and is stored in turn', async () => {
      await runGenerator('dockerfile').doInDir(writeProject).withYoRcConfig('generator-python-docker', STORED).withOptions({ port: '9090' });
      result.assertFileContent('Dockerfile', /^EXPOSE 9090$/m);
      const stored = JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))['generator-python-docker'];
      assert.equal(stored.port, 9090);
      assert.equal(stored.workers, 5);
    });

    it('an invalid stored answer is an error naming .yo-rc.json', async () => {
      const { folder, callback } = inFolder();
      await assert.rejects(
        runGenerator('dockerfile').doInDir(callback).withYoRcConfig('generator-python-docker', { ...STORED, uid: 0 }),
        /Invalid uid in \.yo-rc\.json: UID 0 is root/,
      );
      assert.ok(!readdirSync(folder.path).includes('Dockerfile'));
    });
  });

  describe('invalid values: a one-line error and nothing written', () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      ['port 0', { port: '0' }, /^Invalid --port: port must be from 1024 to 65535, got 0$/],
      ['port 70000', { port: '70000' }, /^Invalid --port: port must be from 1024 to 65535, got 70000$/],
      ['Python version abc', { 'python-version': 'abc' }, /^Invalid --python-version: Python version must look like 3\.14/],
      ['a module path with spaces', { 'wsgi-app': 'my app:app' }, /^Invalid --wsgi-app: WSGI app must be/],
      ['a module path with a newline', { 'wsgi-app': 'main:app\nUSER root' }, /^Invalid --wsgi-app: .*got "main:app\\nUSER root"$/],
      ['UID 0', { uid: '0' }, /^Invalid --uid: UID 0 is root/],
      ['GID 0', { gid: '0' }, /^Invalid --gid: GID 0 is root/],
      ['workers 0', { workers: '0' }, /^Invalid --workers: workers must be from 1 to 64, got 0$/],
      ['an unknown base variant', { 'base-variant': 'distroless' }, /^Invalid --base-variant: base variant must be one of slim, alpine, full/],
    ];
    for (const [what, options, message] of cases) {
      it(`refuses ${what}`, async () => {
        const { folder, callback } = inFolder(() => undefined);
        await assert.rejects(runGenerator('app').doInDir(callback).withOptions({ defaults: true, ...options }), (error: Error) => {
          assert.match(error.message, message);
          assert.ok(!error.message.includes('\n'), 'one line');
          return true;
        });
        assert.deepEqual(readdirSync(folder.path), [], 'nothing written');
      });
    }
  });

  describe('existing files', () => {
    const mine = 'FROM scratch\n# my own Dockerfile\n';

    it('are not overwritten without the question: kept, or this run\'s version beside them (the default)', async () => {
      const { folder, callback } = inFolder((dir) => {
        writeProject(dir);
        writeFileSync(join(dir, 'Dockerfile'), mine);
      });
      await runGenerator('dockerfile').withOptions({ defaults: true, force: false }).withAnswers({ action: 'kept' }).doInDir(callback);
      assert.deepEqual(result.askedQuestions.map((question) => question.name), ['action']);
      assert.deepEqual(readdirSync(folder.path).sort(), ['.dockerignore', '.yo-rc.json', 'Dockerfile', ...PROJECT_FILES]);
      assert.equal(readFileSync(join(folder.path, 'Dockerfile'), 'utf8'), mine);

      await runGenerator('dockerfile').withOptions({ defaults: true, force: false }).doInDir(callback);
      assert.equal(readFileSync(join(folder.path, 'Dockerfile'), 'utf8'), mine);
      assert.match(readFileSync(join(folder.path, 'Dockerfile.new'), 'utf8'), /^USER 10001:10001$/m);
    });

    it('are overwritten with --force', async () => {
      await runGenerator('dockerfile')
        .withOptions({ defaults: true, force: true })
        .doInDir((dir) => {
          writeProject(dir);
          writeFileSync(join(dir, 'Dockerfile'), mine);
        });
      result.assertFileContent('Dockerfile', /^USER 10001:10001$/m);
    });

    it('identical files need no question: a re-run is a no-op', async () => {
      const folder = mkdtempSync(join(tmpdir(), 'pydocker-rerun-'));
      writeProject(folder);
      await runGenerator('multistage').withOptions({ defaults: true }).cd(folder);
      const first = readFileSync(join(folder, 'Dockerfile.multistage'), 'utf8');
      await runGenerator('multistage').withOptions({ defaults: true, force: false }).cd(folder);
      assert.equal(readFileSync(join(folder, 'Dockerfile.multistage'), 'utf8'), first);
    });
  });
});
