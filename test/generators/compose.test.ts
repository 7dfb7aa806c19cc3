/**
 * `python-docker:compose` under yeoman-test (no docker): what compose.yaml holds, the answers it
 * shares through .yo-rc.json, --watch, and both variants validated against the Compose
 * specification's JSON schema (test/fixtures/compose-spec.json, draft 2020-12).
 *
 * The schema is checked with Python's `jsonschema` (and PyYAML to read the file): the python3 on
 * PATH when it has both, else a venv made once under the OS temp folder from PyPI. The parsed
 * documents come back as JSON, so the assertions below read the YAML as Compose would.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { result } from 'yeoman-test';
import { DEFAULT_ANSWERS } from '../../lib/state/answers.js';
import { FIXTURES } from '../helpers/paths.js';
import { inFolder, writeProject } from '../helpers/project.js';
import { runGenerator } from '../helpers/run.js';

const SCHEMA = join(FIXTURES, 'compose-spec.json');
const NAMESPACE = 'generator-python-docker';

// ---------------------------------------------------------------------------------------------
// Schema validation through Python's jsonschema.

const VALIDATE_PY = `
import json, sys
import yaml
from jsonschema import Draft202012Validator
schema = json.load(open(sys.argv[1], encoding="utf-8"))
Draft202012Validator.check_schema(schema)
validator = Draft202012Validator(schema)
out = {}
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    errors = sorted(
        ("/".join(str(p) for p in e.absolute_path) or "(root)") + ": " + e.message
        for e in validator.iter_errors(doc)
    )
    out[path] = {"doc": doc, "errors": errors}
print(json.dumps(out))
`;
const PROBE_PY = 'import yaml, jsonschema; from jsonschema import Draft202012Validator';

let python: string | undefined;
/**
 * The absolute path of a Python that has jsonschema (with draft 2020-12) and PyYAML. Always run
 * from the OS temp folder: a pyenv shim picks its Python from the cwd's .python-version, and
 * the fixture projects have one.
 */
function schemaPython(): string {
  if (python) return python;
  const executable = (candidate: string) => {
    try {
      return execFileSync(candidate, ['-c', `${PROBE_PY}; import sys; print(sys.executable)`], { cwd: tmpdir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  python = executable('python3');
  if (python) return python;
  const venv = join(tmpdir(), 'pydocker-compose-schema-venv');
  const venvPython = join(venv, 'bin', 'python');
  if (!executable(venvPython)) {
    execFileSync('python3', ['-m', 'venv', venv], { cwd: tmpdir(), stdio: 'ignore' });
    execFileSync(venvPython, ['-m', 'pip', 'install', '--quiet', 'jsonschema>=4.18', 'PyYAML>=6'], { cwd: tmpdir(), stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
  }
  python = executable(venvPython);
  assert.ok(python, `no jsonschema + PyYAML for ${venvPython}`);
  return python;
}

type ComposeDoc = Record<string, any>;
/** Each file parsed as YAML, with the schema's errors for it (empty when valid). */
function validate(files: string[]): Record<string, { doc: ComposeDoc; errors: string[] }> {
  const out = execFileSync(schemaPython(), ['-c', VALIDATE_PY, SCHEMA, ...files], { cwd: tmpdir(), encoding: 'utf8' });
  return JSON.parse(out);
}
function assertValid(file: string): ComposeDoc {
  const { doc, errors } = validate([file])[file];
  assert.deepEqual(errors, [], `${basename(file)} is not valid against the Compose specification`);
  return doc;
}

// ---------------------------------------------------------------------------------------------
// Projects to run in.

const fixture = (name: string) => (dir: string) => cpSync(join(FIXTURES, 'projects', name), dir, { recursive: true });

/** What `app` or `dockerfile` stored: the shared answers (no watch yet), some changed. */
const { watch: _watch, compose: _compose, git: _git, server: _server, ...SHARED_DEFAULTS } = DEFAULT_ANSWERS;
// schema: 3: written by this version, only choices (an unmarked file is migrated, see rerun.test.ts).
const STORED = { ...SHARED_DEFAULTS, lang: 'en', pythonVersion: '3.13', port: 8080, wsgiApp: 'web:api', workers: 5, uid: 2000, gid: 2000, schema: 3 };

/** Folders made outside yeoman-test's own temporary ones, removed after the suite. */
const scratchDirs: string[] = [];
function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}

const composePath = () => join(result.cwd, 'compose.yaml');
const composeText = () => readFileSync(composePath(), 'utf8');
const stored = () => JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))[NAMESPACE];
const web = (doc: ComposeDoc) => doc.services.web;

/** HEALTHCHECK of a Dockerfile: its flags and its exec-form command. */
function dockerfileHealthcheck(dockerfile: string) {
  const match = /^HEALTHCHECK (.*?) \\\n\s+CMD (\[.*\])$/m.exec(dockerfile);
  assert.ok(match, 'the Dockerfile has a HEALTHCHECK');
  const flags = Object.fromEntries([...match[1].matchAll(/--([a-z-]+)=(\S+)/g)].map(([, key, value]) => [key, value]));
  return { flags, command: JSON.parse(match[2]) as string[] };
}

describe('compose sub-generator', () => {
  after(() => {
    for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  });

  describe('defaults', () => {
    it('writes compose.yaml only: one service from the production Dockerfile, port, healthcheck, read-only', async () => {
      await runGenerator('compose').doInDir(writeProject).withOptions({ defaults: true });
      assert.deepEqual(readdirSync(result.cwd).sort(), ['.yo-rc.json', 'compose.yaml', 'main.py', 'requirements.txt']);
      const text = composeText();
      assert.doesNotMatch(text, /^version:/m, 'no version key: obsolete in the Compose specification');
      assert.doesNotMatch(text, /^\s*develop:/m, 'no develop section without --watch');
      assert.doesNotMatch(text, /^\s*restart:/m);
      const doc = assertValid(composePath());
      assert.deepEqual(Object.keys(doc), ['services']);
      assert.deepEqual(Object.keys(doc.services), ['web']);
      const service = web(doc);
      assert.deepEqual(service.build, { context: '.', dockerfile: 'Dockerfile' });
      assert.equal(service.image, basename(result.cwd).toLowerCase().replace(/[^a-z0-9._-]+/g, '-'));
      assert.deepEqual(service.ports, ['5000:5000']);
      assert.deepEqual(service.environment, { WEB_CONCURRENCY: '3' });
      assert.equal(service.read_only, true);
      assert.deepEqual(service.tmpfs, ['/tmp']);
      assert.equal(service.init, undefined, 'gunicorn is PID 1 and handles signals');
      assert.deepEqual(service.healthcheck.test.slice(0, 3), ['CMD', 'python', '-c']);
      assert.match(service.healthcheck.test[3], /HTTPConnection\('127\.0\.0\.1', 5000, timeout=2\)/);
      assert.equal(stored().watch, undefined, 'a default is not a choice: not stored');
    });

    it('restates the production Dockerfile\'s HEALTHCHECK exactly (same command, same timing)', async () => {
      const folder = scratch('pydocker-compose-hc-');
      writeProject(folder);
      await runGenerator('dockerfile').withOptions({ defaults: true }).cd(folder);
      await runGenerator('compose').withOptions({ defaults: true }).cd(folder);
      const fromDockerfile = dockerfileHealthcheck(readFileSync(join(folder, 'Dockerfile'), 'utf8'));
      const { healthcheck } = web(assertValid(join(folder, 'compose.yaml')));
      assert.deepEqual(healthcheck.test, ['CMD', ...fromDockerfile.command]);
      assert.deepEqual(
        { interval: healthcheck.interval, timeout: healthcheck.timeout, 'start-period': healthcheck.start_period, retries: String(healthcheck.retries) },
        fromDockerfile.flags,
      );
    });

    it('a re-run with the same answers is a no-op (no conflict question)', async () => {
      const folder = scratch('pydocker-compose-rerun-');
      writeProject(folder);
      await runGenerator('compose').withOptions({ defaults: true }).cd(folder);
      const first = readFileSync(join(folder, 'compose.yaml'), 'utf8');
      await runGenerator('compose').withOptions({ defaults: true, force: false }).cd(folder);
      assert.equal(readFileSync(join(folder, 'compose.yaml'), 'utf8'), first);
    });

    it('does not overwrite a compose.yaml it did not write without the question', async () => {
      const mine = 'services:\n  db:\n    image: postgres\n';
      const { folder, callback } = inFolder((dir) => {
        writeProject(dir);
        writeFileSync(join(dir, 'compose.yaml'), mine);
      });
      await runGenerator('compose').withOptions({ defaults: true, force: false }).withAnswers({ action: 'kept' }).doInDir(callback);
      assert.equal(readFileSync(join(folder.path, 'compose.yaml'), 'utf8'), mine);
      assert.ok(!readdirSync(folder.path).includes('compose.yaml.new'));
    });

    it('refuses a folder with no Python project, writing nothing', async () => {
      const { folder, callback } = inFolder(() => undefined);
      await assert.rejects(runGenerator('compose').doInDir(callback).withOptions({ defaults: true }), /no Python project in /);
      assert.deepEqual(readdirSync(folder.path), []);
    });
  });

  describe('answers stored in .yo-rc.json', () => {
    it('reuses them without asking: port, workers', async () => {
      await runGenerator('compose').doInDir(writeProject).withYoRcConfig(NAMESPACE, STORED);
      assert.deepEqual(result.askedQuestions.map((question) => question.name), ['watch'], 'only --watch is new to it');
      const service = web(assertValid(composePath()));
      assert.deepEqual(service.ports, ['8080:8080']);
      assert.deepEqual(service.environment, { WEB_CONCURRENCY: '5' });
      assert.match(service.healthcheck.test[3], /'127\.0\.0\.1', 8080,/);
    });

    it('a stored watch is reused; the CLI beats it (--port, --no-watch) and is stored in turn', async () => {
      await runGenerator('compose').doInDir(writeProject).withYoRcConfig(NAMESPACE, { ...STORED, watch: true });
      assert.deepEqual(result.askedQuestions, []);
      assert.ok(web(assertValid(composePath())).develop, 'stored watch: true gives develop.watch');

      await runGenerator('compose').doInDir(writeProject).withYoRcConfig(NAMESPACE, { ...STORED, watch: true }).withOptions({ port: '9090', watch: false });
      const service = web(assertValid(composePath()));
      assert.equal(service.develop, undefined);
      assert.deepEqual(service.ports, ['9090:9090']);
      assert.equal(stored().watch, false);
      assert.equal(stored().port, 9090);
      assert.equal(stored().workers, 5);
    });

    it('asks about watch when nothing says, and uses the answer', async () => {
      await runGenerator('compose').doInDir(writeProject).withYoRcConfig(NAMESPACE, STORED).withAnswers({ watch: true });
      assert.ok(web(assertValid(composePath())).develop.watch);
      assert.equal(stored().watch, true);
    });

    it('an invalid stored watch is an error naming .yo-rc.json, and nothing is written', async () => {
      const { folder, callback } = inFolder();
      await assert.rejects(
        runGenerator('compose').doInDir(callback).withYoRcConfig(NAMESPACE, { ...STORED, watch: 'sometimes' }),
        /Invalid watch in \.yo-rc\.json: expected yes or no, got "sometimes"/,
      );
      assert.ok(!readdirSync(folder.path).includes('compose.yaml'));
    });
  });

  describe('--watch', () => {
    it('adds develop.watch: code synced to /app (gunicorn reloads it), requirements.txt rebuilds', async () => {
      await runGenerator('compose').doInDir(writeProject).withOptions({ defaults: true, watch: true });
      const text = composeText();
      assert.match(text, /Compose v2\.22 or later/);
      assert.match(text, /docker compose watch/);
      const service = web(assertValid(composePath()));
      const [sync, ...rebuild] = service.develop.watch;
      assert.equal(sync.action, 'sync');
      assert.equal(sync.path, '.');
      assert.equal(sync.target, '/app');
      for (const pattern of ['.venv/', 'venv/', '**/__pycache__/', '**/.env']) assert.ok(sync.ignore.includes(pattern), `ignores ${pattern}`);
      assert.deepEqual(rebuild, [{ action: 'rebuild', path: 'requirements.txt' }]);
      assert.equal(service.environment.GUNICORN_CMD_ARGS, '--reload');
      assert.equal(service.read_only, undefined, 'sync writes into /app: not read-only');
      assert.equal(stored().watch, true);
    });

    it('FastAPI on uvicorn: UVICORN_RELOAD; the schema accepts it', async () => {
      await runGenerator('compose').doInDir(fixture('fastapi')).withOptions({ defaults: true, watch: true });
      const service = web(assertValid(composePath()));
      assert.equal(service.environment.UVICORN_RELOAD, 'true');
      assert.equal(service.develop.watch[0].action, 'sync');
    });

    it('a plain script: sync+restart (Compose v2.23+), init as PID 1, no WEB_CONCURRENCY', async () => {
      await runGenerator('compose').doInDir(fixture('plain-script')).withOptions({ defaults: true, watch: true });
      assert.match(composeText(), /Compose v2\.23 or later/);
      const service = web(assertValid(composePath()));
      assert.equal(service.develop.watch[0].action, 'sync+restart');
      assert.equal(service.init, true);
      assert.equal(service.environment, undefined);
      assert.deepEqual(service.develop.watch.filter((rule: ComposeDoc) => rule.action === 'rebuild'), [], 'no dependency file, no rebuild rule');
    });

    it('uv: a change to pyproject.toml or uv.lock rebuilds', async () => {
      await runGenerator('compose').doInDir(fixture('uv')).withOptions({ defaults: true, watch: true });
      const service = web(assertValid(composePath()));
      const rebuilds = service.develop.watch.filter((rule: ComposeDoc) => rule.action === 'rebuild').map((rule: ComposeDoc) => rule.path);
      assert.deepEqual(rebuilds.sort(), ['pyproject.toml', 'uv.lock']);
    });

    it('requirements with includes: every file of the dependency layer rebuilds', async () => {
      // The fixture has no app of its own: named, as the generator asks for one.
      await runGenerator('compose').doInDir(fixture('requirements-includes')).withOptions({ defaults: true, watch: true, 'wsgi-app': 'orders:app' });
      const service = web(assertValid(composePath()));
      const rebuilds = service.develop.watch.filter((rule: ComposeDoc) => rule.action === 'rebuild').map((rule: ComposeDoc) => rule.path);
      assert.ok(rebuilds.length > 1, `includes are rebuild triggers too: ${rebuilds.join(', ')}`);
      for (const file of rebuilds) assert.ok(existsSync(join(result.cwd, file)), `${file} exists`);
    });
  });

  describe('the Compose specification schema', () => {
    it('rejects what Compose rejects (the validator is live)', () => {
      const dir = scratch('pydocker-compose-schema-');
      const bad = {
        'action.yaml': 'services:\n  web:\n    image: x\n    develop:\n      watch:\n        - action: reload\n          path: .\n',
        'unknown.yaml': 'services:\n  web:\n    image: x\n    readonly: true\n',
        'ports.yaml': 'services:\n  web:\n    image: x\n    ports: 5000\n',
      };
      for (const [name, content] of Object.entries(bad)) writeFileSync(join(dir, name), content);
      const results = validate(Object.keys(bad).map((name) => join(dir, name)));
      for (const [path, { errors }] of Object.entries(results)) assert.ok(errors.length > 0, `${basename(path)} must be rejected`);
    });

    it('accepts every variant: defaults, watch, other ports and folder names', async () => {
      const files: string[] = [];
      for (const [name, options] of [
        ['My Project!', { defaults: true }],
        ['123', { defaults: true, watch: true }],
        ['x', { defaults: true, watch: true, port: '65535', workers: '64' }],
      ] as const) {
        const folder = join(scratch('pydocker-compose-names-'), name);
        await runGenerator('compose').withOptions(options).inDir(folder, writeProject);
        files.push(join(folder, 'compose.yaml'));
      }
      const results = validate(files);
      for (const [path, { doc, errors }] of Object.entries(results)) {
        assert.deepEqual(errors, [], basename(path));
        assert.equal(typeof web(doc).image, 'string');
      }
      assert.equal(web(results[files[0]].doc).image, 'my-project');
      assert.equal(web(results[files[1]].doc).image, '123', 'quoted, so YAML keeps it a string');
    });
  });
});
