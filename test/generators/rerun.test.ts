/**
 * Run it again and again (issue 22): the generator keeps a record of what it wrote, rewrites what
 * the user did not touch, merges or asks about what they edited, names whatever is left out of
 * line, stores only what the user chose, and every command it prints runs as printed.
 * The first five tests are the scenarios the issue reports (they fail on the version before it);
 * the full matrix is rerun-matrix.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import helpers, { result } from 'yeoman-test';
import { cliEn } from '../../lib/messages/cli-en.js';
import { CLI, generatorPath } from '../helpers/paths.js';
import { writeProject } from '../helpers/project.js';
import { binInTerminal, DOWN, ENTER, runEnv } from '../helpers/terminal.js';

function bin(args: string[], cwd: string, status = 0) {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: '', env: runEnv() });
  assert.equal(run.status, status, run.stdout + run.stderr);
  return run.stdout + run.stderr;
}

/** A command as the terminal printed it, run as printed (a shell, in the same folder). */
function runPrinted(command: string, cwd: string) {
  return spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', input: '', env: runEnv() });
}

function writeVersion(dir: string, v: { python: string; app: string; port: number; native: boolean }): void {
  writeFileSync(join(dir, '.python-version'), `${v.python}\n`);
  writeFileSync(join(dir, 'requirements.txt'), `Flask==3.1.3\ngunicorn==23.0.0\n${v.native ? 'psycopg2==2.9.10\n' : ''}`);
  writeFileSync(join(dir, 'web.py'), `from flask import Flask\n\n${v.app} = Flask(__name__)\n`);
  writeFileSync(join(dir, 'gunicorn.conf.py'), `bind = "0.0.0.0:${v.port}"\n`);
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** The user's choices in .yo-rc.json, without the record of written files. */
function stored(dir: string) {
  const { files: _files, inputs: _inputs, ...choices } = JSON.parse(read(dir, '.yo-rc.json'))['generator-python-docker'];
  return choices;
}
const folder = (name: string) => mkdtempSync(join(tmpdir(), `pydocker-rerun-${name}-`));
/** Every command the terminal printed between backticks. */
const printedCommands = (output: string) => [...output.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);
const THE_BIN = `node ${CLI}`;

describe('re-runs you can trust: the scenarios of issue 22', function () {
  this.timeout(300_000);

  it('1. pressing Enter at every question stores nothing; the next run follows the project (.python-version, the port in main.py) and keeps the user\'s edit', async () => {
    const dir = folder('enter');
    const q = cliEn.questions;
    const questions = [q.lang, q.pythonVersion, q.baseVariant, q.port, q.wsgiApp, q.workers, q.uid, q.gid, q.compose, q.git];
    // The start of each question (a terminal wraps the long ones).
    const run = await binInTerminal(['app'], dir, questions.map((question) => ({ when: `? ${question.slice(0, 24)}`, keys: ENTER })), 60_000);
    assert.equal(run.code, 0, run.output);
    assert.deepEqual(stored(dir), { schema: 3 }, 'an answer equal to what was offered is not a choice');

    writeFileSync(join(dir, '.python-version'), '3.12\n');
    const edited = read(dir, 'main.py').replace('"PORT", "5000"', '"PORT", "6000"');
    writeFileSync(join(dir, 'main.py'), edited);
    const output = bin(['app', '--defaults'], dir);
    assert.match(output, /^ {2}python: 3\.12 \(from \.python-version\)$/m);
    assert.match(output, /^ {2}port: 6000 \(from main\.py os\.environ\.get\("PORT", "6000"\)\)$/m);
    assert.match(read(dir, 'Dockerfile'), /^FROM python:3\.12-slim$/m);
    assert.match(read(dir, 'Dockerfile'), /^EXPOSE 6000$/m);
    assert.equal(read(dir, 'main.py'), edited, 'the user\'s edit is not reverted');
    assert.deepEqual(stored(dir), { schema: 3 });
  });

  it('2. a declined conflict: the file stays, no paragraph or Next: line for it, and it is named with why', async () => {
    const dir = folder('declined');
    bin(['app', '--defaults', '--port', '7000', '--compose'], dir);
    const mine = `# our proxy needs this\n${read(dir, 'Dockerfile')}`;
    writeFileSync(join(dir, 'Dockerfile'), mine);
    // The choices: merge (offered: the edit merges cleanly), beside, overwrite, keep yours.
    const run = await binInTerminal(['app', '--defaults', '--port', '7100'], dir, [{ when: 'Dockerfile: what now?', keys: `${DOWN}${DOWN}${DOWN}${ENTER}` }], 30_000);
    assert.equal(run.code, 0, run.output);
    assert.equal(read(dir, 'Dockerfile'), mine);
    assert.match(read(dir, 'compose.yaml'), /"7100:7100"/, 'ours follows the run');
    assert.doesNotMatch(run.output, /^Step 5 |^Next: docker build/m, 'no paragraph, no command for the file not written');
    assert.match(run.output, /^warning: not in line with this run:$/m);
    assert.match(run.output, /^ {2}Dockerfile: you kept your version; it was written with port 7000 \(now 7100\)$/m);
    assert.match(run.output, new RegExp(`^ {2}bring them in line: \`${THE_BIN} app --defaults --align\`$`, 'm'));
  });

  it('3. untouched generated files are rewritten without --force and without a terminal, listed as updated', () => {
    const dir = folder('untouched');
    bin(['app', '--defaults'], dir);
    const output = bin(['app', '--defaults', '--align', '--port', '9000'], dir);
    for (const file of ['Dockerfile', 'Dockerfile.multistage', 'main.py', 'compare.py', 'WORKSHOP.md']) assert.match(output, new RegExp(`^ *update ${file.replace('.', '\\.')}$`, 'm'), file);
    assert.match(read(dir, 'Dockerfile'), /^EXPOSE 9000$/m);
    assert.match(read(dir, 'Dockerfile.multistage'), /^EXPOSE 9000$/m);
  });

  it('4. staleness comes from the record, not from reading our own output back; in the workshop main.py is ours, in a project code is never touched', () => {
    const workshop = folder('record');
    bin(['app', '--defaults'], workshop);
    // An edit that a pattern over our output would not recognise (EXPOSE with two spaces).
    writeFileSync(join(workshop, 'Dockerfile.multistage'), read(workshop, 'Dockerfile.multistage').replace('EXPOSE 5000', 'EXPOSE  5000'));
    const output = bin(['dockerfile', '--defaults', '--port', '9000', '--python-version', '3.13'], workshop);
    const stale = output.slice(output.indexOf('not in line with this run:'));
    assert.match(stale, /^ {2}Dockerfile\.multistage: written with python 3\.14 \(now 3\.13\), port 5000 \(now 9000\)$/m);
    assert.match(stale, /^ {2}Dockerfile\.bad: written with python 3\.14 \(now 3\.13\)$/m, 'the teaching files too');
    assert.match(stale, /^ {2}Dockerfile\.better: written with python 3\.14 \(now 3\.13\)$/m);
    assert.match(stale, /^ {2}main\.py: written with port 5000 \(now 9000\)$/m);
    // The workshop's re-run writes the workshop, and does not claim to leave its code alone.
    const again = bin(['app', '--defaults'], workshop);
    assert.doesNotMatch(again, /not touched/);
    assert.match(read(workshop, 'main.py'), /"PORT", "9000"/);

    // A project whose code looks like the sample's, which the generator never wrote: --align leaves it alone.
    const project = folder('code');
    const sampleCode = read(workshop, 'main.py');
    writeFileSync(join(project, 'main.py'), sampleCode);
    writeFileSync(join(project, 'requirements.txt'), 'Flask==3.1.3\ngunicorn==23.0.0\n');
    writeFileSync(join(project, 'WORKSHOP.md'), '# notes\n');
    bin(['app', '--defaults'], project);
    bin(['multistage', '--defaults', '--port', '9100', '--align'], project);
    assert.equal(read(project, 'main.py'), sampleCode);
    assert.equal(read(project, 'WORKSHOP.md'), '# notes\n');
  });

  it('5. every command the terminal prints runs as printed, the way the generator was started (here: the bin from a clone)', () => {
    const dir = folder('commands');
    writeVersion(dir, { python: '3.13', app: 'app', port: 8000, native: false });
    const compose = bin(['app', '--defaults', '--compose'], dir);
    const watch = printedCommands(compose).find((command) => command.includes(' --watch'));
    assert.equal(watch, `${THE_BIN} compose --watch --defaults`, 'app has no --watch: the command is compose\'s');
    const ran = runPrinted(watch!, dir);
    assert.equal(ran.status, 0, ran.stdout + ran.stderr);
    assert.match(read(dir, 'compose.yaml'), /^ {4}develop:$/m, 'compose.yaml is ours: rewritten with develop.watch');

    const port = bin(['dockerfile', '--defaults', '--port', '9000'], dir);
    const align = printedCommands(port).at(-1)!;
    assert.equal(align, `${THE_BIN} dockerfile --defaults --align`);
    const aligned = runPrinted(align, dir);
    assert.equal(aligned.status, 0, aligned.stdout + aligned.stderr);
    assert.match(read(dir, 'Dockerfile.multistage'), /^EXPOSE 9000$/m);
    assert.match(read(dir, 'compose.yaml'), /"9000:9000"/);
    assert.doesNotMatch(aligned.stdout + aligned.stderr, /not in line/, 'nothing left to align');

    // The compare command for a version written beside the user's file.
    writeFileSync(join(dir, 'Dockerfile'), 'FROM python:3.11-slim\nCMD ["python", "web.py"]\n');
    const beside = bin(['dockerfile', '--defaults', '--port', '9100'], dir);
    const compare = printedCommands(beside).find((command) => command.startsWith('diff '))!;
    assert.equal(compare, 'diff -u Dockerfile Dockerfile.new');
    const diff = runPrinted(compare, dir);
    assert.equal(diff.status, 1, 'diff ran and found the differences');
    assert.match(diff.stdout, /^\+EXPOSE 9100$/m);

    // compose first, in a project with no Dockerfile: the command it names writes one.
    const fresh = folder('compose-first');
    writeProject(fresh);
    const first = bin(['compose', '--defaults'], fresh);
    const dockerfile = printedCommands(first).find((command) => command.startsWith(`${THE_BIN} dockerfile`))!;
    assert.equal(dockerfile, `${THE_BIN} dockerfile --defaults`);
    assert.equal(runPrinted(dockerfile, fresh).status, 0);
    assert.match(read(fresh, 'Dockerfile'), /^USER 10001:10001$/m);
  });

  it('no terminal and no --defaults: one line before any question; a bad flag is reported before any question, in a terminal too', async () => {
    const dir = folder('no-terminal');
    writeProject(dir);
    const run = spawnSync(process.execPath, [CLI, 'multistage'], { cwd: dir, encoding: 'utf8', input: '', env: runEnv() });
    assert.equal(run.status, 1);
    assert.equal((run.stdout + run.stderr).trim(), 'generator-python-docker: error: no terminal to ask: add --defaults');

    const terminal = await binInTerminal(['multistage', '--port', 'abc'], dir, [], 20_000);
    assert.equal(terminal.code, 1, terminal.output);
    assert.equal(terminal.output.trim(), 'generator-python-docker: error: Invalid --port: port must be a whole number from 1024 to 65535, got "abc"', 'no question drawn first');
  });
});

describe('re-runs follow the project as it is now', function () {
  this.timeout(300_000);

  for (const [sub, files] of [
    ['dockerfile', ['Dockerfile']],
    ['multistage', ['Dockerfile.multistage']],
    ['app', ['Dockerfile', 'Dockerfile.multistage']],
    ['compose', ['compose.yaml']],
  ] as const) {
    it(`${sub}: Python version, dependencies, entry point and port follow the project; a value chosen by flag stays`, () => {
      const dir = folder(sub);
      writeVersion(dir, { python: '3.12', app: 'app', port: 8000, native: false });
      // compose.yaml has no user: its flag is the worker count.
      const [flag, chosen] = sub === 'compose' ? (['workers', 5] as const) : (['uid', 2000] as const);
      bin([sub, '--defaults', `--${flag}`, String(chosen)], dir);
      assert.deepEqual(stored(dir), { [flag]: chosen, schema: 3 }, 'only the flag is stored (and the marker of this version)');

      writeVersion(dir, { python: '3.13', app: 'server', port: 8001, native: true });
      // No --force: the files are as the generator wrote them.
      const output = bin([sub, '--defaults'], dir);
      assert.deepEqual(stored(dir), { [flag]: chosen, schema: 3 }, 'nothing the project states is stored');
      // Said before anything is asked or written, with where each value came from.
      const block = output.slice(output.indexOf('Read from the project:'));
      assert.match(block, /^ {2}port: 8001 \(from gunicorn\.conf\.py bind\)$/m);
      if (sub === 'compose') assert.match(block, /^ {2}workers: 5 \(stored in \.yo-rc\.json\)$/m);
      else {
        assert.match(block, /^ {2}workers: 3 \(default\)$/m);
        assert.match(block, /^ {2}python: 3\.13 \(from \.python-version\)$/m);
        assert.match(block, /^ {2}WSGI app: web:server \(from web\.py\)$/m);
        assert.match(block, /^ {2}UID: 2000 \(stored in \.yo-rc\.json\)$/m);
        assert.match(block, /^ {2}compiled dependencies: psycopg2; OS packages: libpq-dev to build, libpq5 at run time$/m);
      }
      for (const file of files) {
        assert.match(output, new RegExp(`^ *update ${file.replace('.', '\\.')}$`, 'm'));
        const content = read(dir, file);
        if (file === 'compose.yaml') {
          assert.match(content, /^ {6}- "8001:8001"$/m);
          assert.match(content, /^ {6}WEB_CONCURRENCY: "5"$/m, 'the flag the user gave survives');
          continue;
        }
        assert.match(content, /^FROM python:3\.13-slim( AS builder)?$/m, file);
        assert.doesNotMatch(content, /python:3\.12/, file);
        assert.match(content, /"web:server"\]$/m, file);
        assert.match(content, /^EXPOSE 8001$/m, file);
        assert.match(content, /^USER 2000:10001$/m, `${file}: the flag the user gave survives`);
        if (file === 'Dockerfile.multistage') assert.match(content, /libpq5/, 'the runtime library of the new compiled dependency');
      }
    });
  }

  it('dockerignore asks nothing but the language, and stores only that choice', async () => {
    await helpers.run(generatorPath('dockerignore')).doInDir(writeProject).withAnswers({ lang: 'zh-CN' });
    assert.deepEqual(result.askedQuestions.map((question) => question.name), ['lang']);
    assert.deepEqual(stored(result.cwd), { lang: 'zh-CN', schema: 3 });
    result.assertFileContent('.dockerignore', /^# 版本控制$/m);
  });

  it('accepting what a question offers (the project\'s value or the default) is not stored; typing another value is', async () => {
    await helpers
      .run(generatorPath('multistage'))
      .doInDir((dir) => writeVersion(dir, { python: '3.13', app: 'server', port: 8001, native: false }))
      .withAnswers({ lang: 'en', pythonVersion: '3.13', baseVariant: 'slim', port: '8001', wsgiApp: 'web:server', workers: '4', uid: '10001', gid: '2000' });
    assert.deepEqual(result.askedQuestions.map((question) => question.name), ['lang', 'pythonVersion', 'baseVariant', 'port', 'wsgiApp', 'workers', 'uid', 'gid']);
    assert.deepEqual(stored(result.cwd), { workers: 4, gid: 2000, schema: 3 });
  });

  it('an edited file merges with a changed project: an added RUN apt-get install survives a new Python and a new dependency; a changed CMD survives a new Python', () => {
    const dir = folder('merge');
    writeVersion(dir, { python: '3.12', app: 'app', port: 8000, native: false });
    bin(['dockerfile', '--defaults'], dir);
    const apt = 'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*';
    writeFileSync(join(dir, 'Dockerfile'), read(dir, 'Dockerfile').replace(/^WORKDIR \/app$/m, `WORKDIR /app\n${apt}`));
    writeVersion(dir, { python: '3.13', app: 'app', port: 8000, native: true });
    const output = bin(['dockerfile', '--defaults'], dir);
    assert.match(output, /^Dockerfile: edited since the generator wrote it; this run's changes merged in, every line of yours kept$/m);
    const merged = read(dir, 'Dockerfile');
    assert.ok(merged.includes(`WORKDIR /app\n${apt}\n`), 'the added line, where the user put it');
    assert.match(merged, /^FROM python:3\.13-slim$/m);
    assert.match(merged, /libpq-dev/, 'the new dependency\'s build packages');

    const cmd = 'CMD ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:8000", "web:app"]';
    writeFileSync(join(dir, 'Dockerfile'), merged.replace(/^CMD .*$/m, cmd));
    writeVersion(dir, { python: '3.14', app: 'app', port: 8000, native: true });
    bin(['dockerfile', '--defaults'], dir);
    const again = read(dir, 'Dockerfile');
    assert.match(again, /^FROM python:3\.14-slim$/m);
    assert.ok(again.includes(`\n${cmd}\n`), 'the changed CMD stays');
    assert.ok(again.includes(apt));

    // An EXPOSE the user changed, and a port that changes the same line: a person decides (no terminal: beside it).
    const expose = again.replace(/^EXPOSE 8000$/m, 'EXPOSE 8000 9090');
    writeFileSync(join(dir, 'Dockerfile'), expose);
    writeVersion(dir, { python: '3.14', app: 'app', port: 8001, native: true });
    const clash = bin(['dockerfile', '--defaults'], dir);
    assert.equal(read(dir, 'Dockerfile'), expose);
    assert.match(read(dir, 'Dockerfile.new'), /^EXPOSE 8001$/m);
    assert.match(clash, /^ {2}Dockerfile: left as you edited it; this run's version is in Dockerfile\.new; compare: `diff -u Dockerfile Dockerfile\.new`$/m);
  });

  it('an old .yo-rc.json (every value stored, the project\'s included) is migrated once: the project\'s values and the defaults follow it again, the rest stay as choices', () => {
    const dir = folder('old');
    writeVersion(dir, { python: '3.13', app: 'server', port: 8001, native: true });
    // As an earlier version wrote it after `multistage --defaults --uid 2000` on the project as it was (3.12, web:app, port 8000).
    const old = { pythonVersion: '3.12', baseVariant: 'slim', port: 8000, wsgiApp: 'web:app', workers: 3, uid: 2000, gid: 10001, lang: 'en' };
    writeFileSync(join(dir, '.yo-rc.json'), `${JSON.stringify({ 'generator-python-docker': old }, null, 2)}\n`);
    const output = bin(['multistage', '--defaults'], dir);
    const said = output.split('\n').filter((line) => line.includes('earlier version'));
    assert.deepEqual(said, [
      'warning: .yo-rc.json was written by an earlier version that stored values you did not choose (what the project states, defaults you accepted); updated: ' +
        'dropped python 3.12 (from .python-version: 3.13), base variant slim (default), port 8000 (from gunicorn.conf.py bind: 8001), WSGI app web:app (from web.py: web:server), ' +
        'workers 3 (default), GID 10001 (default), language English (default), ' +
        'read from the project or defaulted on every run now (to choose one yourself: --python-version, --base-variant, --port, --wsgi-app, --workers, --gid, --lang); ' +
        'kept UID 2000 as your choices',
    ]);
    const block = output.slice(output.indexOf('Read from the project:'));
    assert.match(block, /^ {2}python: 3\.13 \(from \.python-version\)$/m);
    assert.match(block, /^ {2}UID: 2000 \(stored in \.yo-rc\.json\)$/m);
    const dockerfile = read(dir, 'Dockerfile.multistage');
    assert.match(dockerfile, /^FROM python:3\.13-slim$/m);
    assert.match(dockerfile, /"web:server"\]$/m, 'an image that starts: the app as it is named now');
    assert.match(dockerfile, /^USER 2000:10001$/m);
    assert.deepEqual(stored(dir), { uid: 2000, schema: 3 });
    // Said once: the next run has nothing to migrate.
    assert.doesNotMatch(bin(['multistage', '--defaults'], dir), /earlier version/);
  });

  it('a schema 2 .yo-rc.json (every typed answer stored): the defaults accepted at a question are dropped, and said', () => {
    const dir = folder('schema2');
    writeProject(dir);
    writeFileSync(join(dir, '.yo-rc.json'), `${JSON.stringify({ 'generator-python-docker': { schema: 2, lang: 'en', baseVariant: 'slim', workers: 4, uid: 10001, gid: 10001 } }, null, 2)}\n`);
    const output = bin(['multistage', '--defaults'], dir);
    assert.match(output, /^warning: .*updated: dropped language English \(default\), base variant slim \(default\), UID 10001 \(default\), GID 10001 \(default\), .*; kept workers 4 as your choices$/m);
    assert.deepEqual(stored(dir), { workers: 4, schema: 3 });
  });
});
