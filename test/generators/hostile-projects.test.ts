/**
 * Repositories written by an attacker (issue 18): crafted projects whose files carry shell, JSON
 * and YAML metacharacters and control characters (C0, C1, U+2028/U+2029, bidi overrides) into
 * every sink a project value reaches, symbolic links in and out of the project, exceptions in a
 * user's .dockerignore, and inputs that used to make a reader quadratic. Each run either refuses
 * with one line and writes nothing (inside or outside the project), or writes files in which the
 * payload is inert: Dockerfile RUN lines parsed by a shell-word parser have the same shape as a
 * benign twin's, compose.yaml parsed by a YAML library equals the plan key by key, and no file
 * (nor the terminal, for the runs through the package's bin) holds a control character.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { result } from 'yeoman-test';
import { planCompose } from '../../lib/decide/compose.js';
import { assertComposeMatchesPlan, assertNoControls, dockerfileShape } from '../helpers/inert.js';
import { CLI } from '../helpers/paths.js';
import { runGenerator } from '../helpers/run.js';

type Generator = 'dockerfile' | 'compose' | 'dockerignore';
type Files = Record<string, string>;

const FLASK = 'from flask import Flask\n\napp = Flask(__name__)\n';
const BASE: Files = { 'requirements.txt': 'flask\ngunicorn\n', 'app.py': FLASK };
/** What a file outside the project holds: it must never show up in what we write or print. */
const SECRET = 'TOPSECRET-netrc-token';

/** The dangerous characters, one payload per class. */
const CONTROLS: Record<string, string> = {
  'ESC (title, clear screen)': 'x\u001b]0;owned\u0007\u001b[2J',
  'CR': 'a\rb',
  'NEL (C1)': 'a\u0085b',
  'CSI (C1)': 'a\u009b2J',
  'U+2028': 'app\u2028    privileged: true',
  'U+2029': 'a\u2029b',
  'bidi override': 'a\u202eb',
  'bidi isolate': 'a\u2066b',
};

/** Folders with shell syntax in their names; lib/read/writes.ts leaves out those with $ { } % or a leading ~ (not a plain relative folder). */
const SHELL_WORDS = ['data;id;echo', '`id`', 'a&&touch pwned', 'x|sh', 'a b', '#x', '*', 'a>b', '!x'];
const NOT_FOLDERS = ['$(id)', '~root', '{a,b}'];

const scratch: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** Every entry under a folder: file contents and link targets (a link is never followed). */
function snapshot(root: string, dir = root): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = path.slice(root.length + 1);
    const info = lstatSync(path);
    if (info.isSymbolicLink()) out[rel] = `-> ${readlinkSync(path)}`;
    else if (info.isDirectory()) Object.assign(out, snapshot(root, path));
    else out[rel] = readFileSync(path, 'utf8');
  }
  return out;
}

interface Project {
  dir: string;
  outside: string;
}

/** A project folder with `files`, links ("OUT/name" points outside the project), and a folder outside it holding a secret. */
function makeProject(files: Files, links: Record<string, string> = {}): Project {
  const dir = tempDir('pydocker-hostile-');
  const outside = tempDir('pydocker-outside-');
  writeFileSync(join(outside, 'secret.txt'), `${SECRET}\n`);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  for (const [link, target] of Object.entries(links)) symlinkSync(target.startsWith('OUT/') ? join(outside, target.slice(4)) : target, join(dir, link));
  return { dir, outside };
}

async function generate(generator: Generator, dir: string, options: Record<string, unknown> = {}) {
  await runGenerator(generator).withOptions({ defaults: true, ...options }).cd(dir);
  return result.generator as unknown as { plan: Parameters<typeof planCompose>[0]; facts: { dependencies?: { files: string[] } } };
}

/** The run stops with one line matching `message`; nothing changed inside the project or outside it. */
async function assertRefused(generator: Generator, files: Files, message: RegExp, links: Record<string, string> = {}): Promise<void> {
  const { dir, outside } = makeProject(files, links);
  const before = [snapshot(dir), snapshot(outside)];
  await assert.rejects(generate(generator, dir), (error: Error) => {
    assert.match(error.message, message);
    assert.ok(!error.message.includes('\n'), `one line: ${JSON.stringify(error.message)}`);
    return true;
  });
  assert.deepEqual([snapshot(dir), snapshot(outside)], before, 'nothing written, inside the project or outside it');
}

/** Every file the run wrote: no control character, no secret from outside. */
function assertWrittenInert(dir: string, outside: string, outsideBefore: Record<string, string>): void {
  for (const [file, content] of Object.entries(snapshot(dir))) {
    if (!/^(Dockerfile|compose\.yaml|\.dockerignore|\.yo-rc\.json)/.test(file)) continue;
    assertNoControls(content, file);
    assert.ok(!content.includes(SECRET), `${file} holds the secret from outside the project`);
  }
  assert.deepEqual(snapshot(outside), outsideBefore, 'nothing outside the project changed');
}

/** Runs the hostile project and its benign twin; their Dockerfiles have the same shape (instructions, RUN operators and word counts). */
async function assertDockerfileInert(hostile: Files, twin: Files, expectWord?: string): Promise<string> {
  const bad = makeProject(hostile);
  const outsideBefore = snapshot(bad.outside);
  await generate('dockerfile', bad.dir);
  const dockerfile = readFileSync(join(bad.dir, 'Dockerfile'), 'utf8');
  assertWrittenInert(bad.dir, bad.outside, outsideBefore);
  const good = makeProject(twin);
  await generate('dockerfile', good.dir);
  const shape = (text: string) => dockerfileShape(text).map(({ keyword, tokens }) => ({ keyword, operators: tokens.filter((token) => token.startsWith('op:')), words: tokens.length }));
  assert.deepEqual(shape(dockerfile), shape(readFileSync(join(good.dir, 'Dockerfile'), 'utf8')), 'the payload changed the instructions or a RUN line\'s shape');
  if (expectWord !== undefined) {
    const words = dockerfileShape(dockerfile).flatMap(({ tokens }) => tokens);
    assert.ok(words.includes(expectWord), `${JSON.stringify(expectWord)} is one word of the Dockerfile`);
  }
  return dockerfile;
}

/** compose.yaml from a hostile project equals its plan key by key; nothing holds a control character. */
async function assertComposeInert(files: Files, options: Record<string, unknown> = {}): Promise<string> {
  const { dir, outside } = makeProject(files);
  const outsideBefore = snapshot(outside);
  const generator = await generate('compose', dir, options);
  const text = readFileSync(join(dir, 'compose.yaml'), 'utf8');
  const compose = planCompose(generator.plan, { folderName: basename(dir), watch: Boolean(options.watch), dependencyFiles: generator.facts.dependencies?.files ?? [] });
  assertComposeMatchesPlan(text, compose);
  assertWrittenInert(dir, outside, outsideBefore);
  return text;
}

/** The package's bin on a project: what reaches the terminal (stdout and stderr together). */
function terminal(dir: string, args: string[]): { output: string; status: number | null } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', NO_COLOR: '1' }, timeout: 120_000 });
  return { output: `${run.stdout}${run.stderr}`, status: run.status };
}

const makedirs = (folder: string): Files => ({ ...BASE, 'app.py': `${FLASK}import os\nos.makedirs("${folder}", exist_ok=True)\n` });
const logFile = (file: string): Files => ({ ...BASE, 'app.py': `${FLASK}import logging\nlogging.FileHandler("${file}")\n` });
const procfile = (line: string): Files => ({ ...BASE, Procfile: `web: ${line}\n` });

describe('hostile repositories (issue 18)', function () {
  this.timeout(120_000);
  after(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  });

  describe('hole 1: a folder the code creates reaches RUN mkdir/chown as one quoted shell word', () => {
    for (const word of SHELL_WORDS) {
      it(`os.makedirs(${JSON.stringify(word)}): inert, /app/${word} is one word`, async () => {
        const dockerfile = await assertDockerfileInert(makedirs(word), makedirs('data'), `/app/${word}`);
        assert.match(dockerfile, /^RUN mkdir -p \/app /m);
      });
    }
    for (const word of NOT_FOLDERS) {
      it(`os.makedirs(${JSON.stringify(word)}): not taken for a folder next to the code, nothing about it written`, async () => {
        const dockerfile = await assertDockerfileInert(makedirs(word), BASE);
        assert.ok(!dockerfile.includes(word));
      });
    }
    for (const [what, payload] of Object.entries(CONTROLS)) {
      it(`os.makedirs with ${what}: refused in one line, nothing written`, async () => {
        await assertRefused('dockerfile', makedirs(payload), /app\.py:\d+: ".*" cannot be written safely into a Dockerfile RUN line: it holds control characters/);
      });
    }
  });

  describe('hole 2: a file the code writes reaches comments in compose.yaml and the Dockerfile, escaped', () => {
    for (const [what, payload] of Object.entries(CONTROLS)) {
      it(`FileHandler with ${what}: compose.yaml equals its plan, no key added, the comment shows the escape`, async () => {
        const text = await assertComposeInert(logFile(payload));
        assert.doesNotMatch(text, /^\s*privileged:/m);
        assert.match(text, /# Not read_only: the app writes .*\\(x1b|r|x85|x9b|u2028|u2029|u202e|u2066)/);
        await assertDockerfileInert(logFile(payload), logFile('app.log'));
      });
    }
    for (const payload of ['app.log: {privileged: true}', 'a #: b', '&anchor *alias', '!!python/object/apply:os.system', '${HOME}', '"quoted"']) {
      it(`FileHandler(${JSON.stringify(payload)}): YAML and Compose syntax stays text`, async () => {
        await assertComposeInert(logFile(payload.replace(/"/g, '')));
      });
    }
    it('a folder with YAML syntax is a volume Compose takes literally (name made valid, target quoted when needed)', async () => {
      const text = await assertComposeInert(makedirs('logs #x'));
      assert.match(text, /^ {2}logs-x:$/m);
      assert.match(text, /^ {6}- "?logs-x:\/app\/logs #x"?$/m);
    });
    it('a folder holding ":" (it would split VOLUME:TARGET) is refused', async () => {
      await assertRefused('compose', makedirs('a:b'), /app\.py:\d+: "\/app\/a:b" cannot be written safely into compose\.yaml/);
    });
  });

  describe('exec-form CMD from a Procfile', () => {
    for (const name of ['"], ["id', '\\\\', "it's", 'a,b]']) {
      it(`gunicorn --name ${JSON.stringify(name)}: one JSON argument`, async () => {
        const quoted = `'${name.replace(/'/g, `'\\''`)}'`;
        const dockerfile = await assertDockerfileInert(procfile(`gunicorn --name ${quoted} app:app`), procfile('gunicorn --name x app:app'));
        const cmd = dockerfileShape(dockerfile).filter(({ keyword }) => keyword === 'CMD').pop()!;
        assert.ok(cmd.tokens.includes(name), `${JSON.stringify(cmd.tokens)} holds the name as one argument`);
      });
    }
    it('a Procfile flag with an ESC sequence is refused, not written into CMD', async () => {
      await assertRefused('dockerfile', procfile('gunicorn --name \u001b[2Jx app:app'), /Procfile web:: ".*\\x1b.*" cannot be written safely into a Dockerfile's CMD/);
    });
  });

  describe("dependency files in COPY: nothing Docker reads as syntax", () => {
    it('an included requirements file with ; is copied as it is', async () => {
      const files = { ...BASE, 'requirements.txt': '-r reqs/base;x.txt\n', 'reqs/base;x.txt': 'flask\ngunicorn\n' };
      const twin = { ...BASE, 'requirements.txt': '-r reqs/base.txt\n', 'reqs/base.txt': 'flask\ngunicorn\n' };
      const dockerfile = await assertDockerfileInert(files, twin);
      assert.match(dockerfile, /^COPY reqs\/base;x\.txt reqs\/base;x\.txt$/m);
    });
    for (const name of ['base$HOME.txt', 'base x.txt', 'base*.txt']) {
      it(`an included requirements file named ${JSON.stringify(name)} is refused`, async () => {
        await assertRefused('dockerfile', { ...BASE, 'requirements.txt': `-r reqs/${name}\n`, [`reqs/${name}`]: 'flask\ngunicorn\n' }, /dependency files: ".*" cannot be written safely into a Dockerfile's COPY or ENV|^requirements\.txt: line 1: /);
      });
    }
  });

  describe('required variables: a file name in the Compose message cannot end it', () => {
    it('os.environ["X"] read in a file named a$b}.py: ${X:?...} without $ or }', async () => {
      const text = await assertComposeInert({ ...BASE, 'a$b}.py': 'import os\nKEY = os.environ["API_KEY"]\n' });
      assert.match(text, /API_KEY: "\$\{API_KEY:\?set API_KEY: read with no default by ab\.py:2\}"/);
    });
  });

  describe('hole 3: output files are written only inside the project', () => {
    const cases: Array<[string, Generator, Record<string, string>]> = [
      ['Dockerfile -> a missing file outside (dangling)', 'dockerfile', { Dockerfile: 'OUT/bash_aliases' }],
      ['Dockerfile -> an existing file outside', 'dockerfile', { Dockerfile: 'OUT/secret.txt' }],
      ['Dockerfile -> a file inside the project', 'dockerfile', { Dockerfile: 'app.py' }],
      ['.dockerignore -> a file outside (would be appended to)', 'dockerignore', { '.dockerignore': 'OUT/secret.txt' }],
      ['compose.yaml -> a file outside', 'compose', { 'compose.yaml': 'OUT/compose.yaml' }],
      ['.yo-rc.json -> a file outside', 'dockerignore', { '.yo-rc.json': 'OUT/secret.txt' }],
      ['Dockerfile.dockerignore -> a file outside', 'dockerfile', { 'Dockerfile.dockerignore': 'OUT/secret.txt' }],
    ];
    for (const [what, generator, links] of cases) {
      it(`${what}: refused in one line, nothing written`, async () => {
        const file = Object.keys(links)[0]!.replace('.', '\\.');
        await assertRefused(generator, BASE, new RegExp(`^${file} is a symbolic link`), links);
      });
    }
  });

  describe('read side: a project file whose real path leaves the project is not read', () => {
    for (const file of ['requirements.txt', 'runtime.txt', '.python-version']) {
      it(`${file} -> a file outside: its content never reaches a written file`, async () => {
        const files = { ...BASE };
        delete files[file];
        if (file !== 'requirements.txt') files['requirements.txt'] = BASE['requirements.txt']!;
        const { dir, outside } = makeProject(files, { [file]: 'OUT/secret.txt' });
        const outsideBefore = snapshot(outside);
        await generate('dockerfile', dir).catch(() => undefined);
        assertWrittenInert(dir, outside, outsideBefore);
      });
    }
  });

  describe('hole 4: .dockerignore exceptions that let secrets in are kept and said', () => {
    for (const [what, user] of [
      ['!.env', '!.env\n'],
      ['.env then !.env', '.env\n!.env\n'],
      ['!.env* and !.git', '!.env*\n!.git\n'],
    ] as const) {
      it(`${what}: kept, warned in one line, and Step 4 does not claim .env/.git stay out`, () => {
        const { dir } = makeProject({ ...BASE, '.dockerignore': user });
        const { output, status } = terminal(dir, ['dockerignore', '--defaults']);
        assert.equal(status, 0, output);
        assert.ok(readFileSync(join(dir, '.dockerignore'), 'utf8').startsWith(user), 'the user\'s lines stay first, as they were');
        const warnings = output.split('\n').filter((line) => /^warning: \.dockerignore still lets/.test(line));
        assert.equal(warnings.length, 1, output);
        assert.doesNotMatch(output, /\.git, \.env files, virtualenvs, caches and __pycache__ \(in every folder\) never enter/);
        assert.match(output, /still do(es)?, by your own exception/);
      });
    }
    it('a Dockerfile.dockerignore (BuildKit prefers it for Dockerfile) is merged like .dockerignore', async () => {
      const { dir } = makeProject({ ...BASE, 'Dockerfile.dockerignore': 'node_modules\n' });
      await generate('dockerfile', dir);
      const merged = readFileSync(join(dir, 'Dockerfile.dockerignore'), 'utf8');
      assert.ok(merged.startsWith('node_modules\n'));
      assert.match(merged, /^\*\*\/\.env$/m);
      assert.match(merged, /^\.git$/m);
    });
  });

  describe('the terminal: control characters from project files show escaped', () => {
    it('a Procfile line with ESC]0;title BEL ESC[2J: refused in one line that shows the escapes, not the escapes themselves', () => {
      const { dir } = makeProject(procfile('gunicorn app:app --name \u001b]0;owned\u0007\u001b[2J'));
      const { output, status } = terminal(dir, ['dockerfile', '--defaults']);
      assert.equal(status, 1);
      assertNoControls(output, 'the terminal');
      assert.match(output, /error: Procfile web:: ".*\\x1b\]0;owned\\x07\\x1b\[2J" cannot be written safely/);
      assert.ok(!existsSync(join(dir, 'Dockerfile')));
    });
    it('a Python file named with ESC and a bidi override, read for a variable: the name shows escaped', () => {
      const { dir } = makeProject({ ...BASE, 'x\u001b[2J\u202e.py': 'import os\nKEY = os.environ["API_KEY"]\n' });
      const { output } = terminal(dir, ['dockerfile', '--defaults']);
      assertNoControls(output, 'the terminal');
      assert.match(output, /x\\x1b\[2J\\u202e\.py:2/);
      assertNoControls(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'Dockerfile');
    });
    it('gunicorn.conf.py binding with an ESC sequence: no raw escape printed', () => {
      const { dir } = makeProject({ ...BASE, 'gunicorn.conf.py': 'bind = "0.0.0.0:8000\u001b[2J"\n' });
      const { output } = terminal(dir, ['dockerfile', '--defaults']);
      assertNoControls(output, 'the terminal');
    });
  });

  describe('slow inputs inside the size caps finish (linear readers)', () => {
    const slow: Array<[string, Files]> = [
      ['999 KB of newlines in a .py file', { ...BASE, 'junk.py': '\n'.repeat(999_000) }],
      ['an unclosed a.run( repeated over 990 KB', { ...BASE, 'junk.py': 'a.run(\n'.repeat(140_000) }],
      // The slow content sits beside the app, not in it: an app.py over the size cap, or one that
      // does not parse, is not read, and with no app found the run refuses (issue 19) instead of
      // writing a Dockerfile. 30,000 reads keep settings.py under the cap, so it is really read.
      ['30,000 required environment reads', { ...BASE, 'settings.py': `import os\n${Array.from({ length: 30_000 }, (_, i) => `x${i} = os.environ["V${i}"]\n`).join('')}` }],
      ['an unclosed env( repeated after environ.Env()', { ...BASE, 'settings.py': `import environ\nenv = environ.Env()\n${'env("X",\n'.repeat(100_000)}` }],
    ];
    for (const [what, files] of slow) {
      it(`${what}: a Dockerfile, within the test's time bound`, async () => {
        const { dir, outside } = makeProject(files);
        const outsideBefore = snapshot(outside);
        await generate('dockerfile', dir);
        assert.ok(existsSync(join(dir, 'Dockerfile')));
        assertWrittenInert(dir, outside, outsideBefore);
      });
    }
  });
});
