/**
 * The re-run matrix (issue 22): project change (Python, port, app, dependencies) x the state of the
 * file the run writes (untouched, edited, deleted, declined) x entry (the workshop `yo python-docker`
 * scaffolds, app in a project, each sub-generator), each run through the real bin with a terminal
 * (a pseudo-terminal) and without one. For each: which files changed, what was printed, what
 * .yo-rc.json holds.
 *
 * The oracle: the file as the run wrote it when untouched must equal the one it writes anew when
 * the file was deleted (both are this run's render), carry the change (FROM python:3.13, EXPOSE
 * 8001, ...), and an edited file must be that render with the user's line kept.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { binInTerminal, DOWN, ENTER, type Keystroke, pooled, type Run, runBin } from '../helpers/terminal.js';

type Sub = 'app' | 'dockerfile' | 'multistage' | 'compose' | 'dockerignore';
type Change = 'python' | 'port' | 'app' | 'dependencies';
type State = 'untouched' | 'edited' | 'deleted' | 'declined';
const CHANGES: Change[] = ['python', 'port', 'app', 'dependencies'];
const STATES: State[] = ['untouched', 'edited', 'deleted', 'declined'];

interface Entry {
  name: string;
  sub: Sub;
  workshop: boolean;
  setup: string[];
  /** The file whose state the case sets. */
  file: string;
  /** The choices the setup stored (flags). */
  stored: Record<string, unknown>;
}

const ALL_ENTRIES: Entry[] = [
  { name: 'the workshop (app in an empty folder)', sub: 'app', workshop: true, setup: ['app', '--defaults', '--compose'], file: 'Dockerfile', stored: { compose: true } },
  { name: 'app in a project', sub: 'app', workshop: false, setup: ['app', '--defaults', '--compose'], file: 'Dockerfile', stored: { compose: true } },
  { name: 'dockerfile', sub: 'dockerfile', workshop: false, setup: ['dockerfile', '--defaults'], file: 'Dockerfile', stored: {} },
  { name: 'multistage', sub: 'multistage', workshop: false, setup: ['multistage', '--defaults'], file: 'Dockerfile.multistage', stored: {} },
  { name: 'compose', sub: 'compose', workshop: false, setup: ['compose', '--defaults'], file: 'compose.yaml', stored: {} },
  { name: 'dockerignore', sub: 'dockerignore', workshop: false, setup: ['dockerignore', '--defaults'], file: '.dockerignore', stored: {} },
];

// PYDOCKER_MATRIX_ONLY=dockerfile,compose runs those entries only (while working on one).
const ONLY = process.env['PYDOCKER_MATRIX_ONLY']?.split(',');
const ENTRIES = ALL_ENTRIES.filter((entry) => !ONLY || ONLY.includes(entry.sub) || (entry.workshop && ONLY.includes('workshop')));

function writeProject(dir: string, v: { python: string; app: string; port: number; native: boolean }): void {
  writeFileSync(join(dir, '.python-version'), `${v.python}\n`);
  writeFileSync(join(dir, 'requirements.txt'), `Flask==3.1.3\ngunicorn==23.0.0\n${v.native ? 'psycopg2==2.9.10\n' : ''}`);
  writeFileSync(join(dir, 'web.py'), `from flask import Flask\n\n${v.app} = Flask(__name__)\n`);
  writeFileSync(join(dir, 'gunicorn.conf.py'), `bind = "0.0.0.0:${v.port}"\n`);
}
const BEFORE = { python: '3.12', app: 'app', port: 8000, native: false };

/** The change between runs: the project's files, or (the workshop's own values) a flag. Returns the flags of the re-run and what they store. */
function applyChange(entry: Entry, change: Change, dir: string): { args: string[]; stores: Record<string, unknown> } {
  if (!entry.workshop) {
    const after = { ...BEFORE, ...{ python: { python: '3.13' }, port: { port: 8001 }, app: { app: 'server' }, dependencies: { native: true } }[change] };
    writeProject(dir, after);
    return { args: [], stores: {} };
  }
  switch (change) {
    case 'python':
      writeFileSync(join(dir, '.python-version'), '3.13\n');
      return { args: [], stores: {} };
    case 'port':
      return { args: ['--port', '7100'], stores: { port: 7100 } };
    case 'app':
      return { args: ['--wsgi-app', 'main:server'], stores: { wsgiApp: 'main:server' } };
    case 'dependencies':
      writeFileSync(join(dir, 'requirements.txt'), `${readFileSync(join(dir, 'requirements.txt'), 'utf8')}psycopg2==2.9.10\n`);
      return { args: [], stores: {} };
  }
}

/** What the change must show in the file when the file depends on it. */
function carries(entry: Entry, change: Change, content: string): void {
  if (entry.file === '.dockerignore') return;
  if (entry.file === 'compose.yaml') {
    if (change === 'port') assert.match(content, /"8001:8001"/);
    return;
  }
  const expected = {
    python: /^FROM python:3\.13(-slim)?( AS builder)?$/m,
    port: entry.workshop ? /^EXPOSE 7100$/m : /^EXPOSE 8001$/m,
    app: entry.workshop ? /"main:server"\]$/m : /"web:server"\]$/m,
    dependencies: /psycopg2|libpq/,
  }[change];
  assert.match(content, expected);
}

/** Files a change leaves as they were (their render does not depend on it). */
function unaffected(entry: Entry, change: Change): boolean {
  if (entry.file === '.dockerignore') return true;
  if (entry.file === 'compose.yaml') return change !== 'port';
  // The builder compiles in the full image (the headers are there) and finds the runtime libraries with ldd at build time.
  if (entry.file === 'Dockerfile.multistage') return change === 'dependencies';
  return false;
}

/** A project folder; always named alike, since compose.yaml names its image after the folder. */
function projectFolder(label: string): string {
  const dir = join(mkdtempSync(join(tmpdir(), `pydocker-matrix-${label}-`)), 'shop');
  mkdirSync(dir);
  return dir;
}

const NOTE = "# our team's note: keep the CA bundle current";
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const yoRc = (dir: string) => JSON.parse(read(dir, '.yo-rc.json'))['generator-python-docker'];
/** Yeoman's status line for a file: "   update Dockerfile". */
const status = (word: string, file: string) => new RegExp(`^ *${word} ${file.replace(/\./g, '\\.')}$`, 'm');

/** Sets the file's state before the re-run; returns its content as the user left it. */
function applyState(entry: Entry, state: State, dir: string, terminal: boolean): string | undefined {
  const path = join(dir, entry.file);
  const original = readFileSync(path, 'utf8');
  switch (state) {
    case 'untouched':
      return original;
    case 'deleted':
      rmSync(path);
      return undefined;
    case 'edited':
      writeFileSync(path, entry.file === '.dockerignore' ? `${original}secrets/\n` : `${NOTE}\n${original}`);
      return read(dir, entry.file);
    case 'declined':
      // With a terminal the user answers "keep yours" to the question an edit brings; without one
      // there is nobody to decline, so the edit is one this run's changes clash with: the user
      // rewrote the file.
      writeFileSync(path, terminal || entry.file === '.dockerignore' ? `${NOTE}\n${original}` : `${NOTE}\nFROM python:3.11-slim\nCMD ["python", "-m", "http.server"]\n`);
      return read(dir, entry.file);
  }
}

interface Case {
  entry: Entry;
  change: Change;
  state: State;
  terminal: boolean;
}

interface Outcome {
  run: Run;
  dir: string;
  before?: string;
  recordBefore: { sha256: string };
  stores: Record<string, unknown>;
}

async function runCase(base: string, c: Case): Promise<Outcome> {
  const dir = projectFolder(c.entry.sub);
  cpSync(base, dir, { recursive: true });
  const recordBefore = yoRc(dir).files[c.entry.file];
  const before = applyState(c.entry, c.state, dir, c.terminal);
  const { args, stores } = applyChange(c.entry, c.change, dir);
  const rerun = [c.entry.sub, '--defaults', ...args];
  const keys: Keystroke[] =
    c.state === 'edited' ? [{ when: `${c.entry.file}: what now?`, keys: ENTER }] : c.state === 'declined' ? [{ when: `${c.entry.file}: what now?`, keys: `${DOWN}${DOWN}${DOWN}${ENTER}` }] : [];
  const run = c.terminal ? await binInTerminal(rerun, dir, keys) : await runBin(rerun, dir);
  return { run, dir, before, recordBefore, stores };
}

describe('the re-run matrix: project change x file state x entry, with and without a terminal', function () {
  this.timeout(1_800_000);
  const outcomes = new Map<string, Outcome>();
  const key = (c: Case) => `${c.entry.name}|${c.change}|${c.state}|${c.terminal}`;
  const bases = new Map<string, string>();
  /** Each entry's file as the first run wrote it. */
  const original: Record<string, string> = {};

  before(async () => {
    for (const entry of ENTRIES) {
      const dir = projectFolder(`base-${entry.sub}`);
      if (!entry.workshop) writeProject(dir, BEFORE);
      const setup = await runBin(entry.setup, dir);
      assert.equal(setup.code, 0, setup.output);
      bases.set(entry.name, dir);
      original[entry.name] = read(dir, entry.file);
    }
    const cases: Case[] = ENTRIES.flatMap((entry) => CHANGES.flatMap((change) => STATES.flatMap((state) => [true, false].map((terminal) => ({ entry, change, state, terminal })))));
    const results = await pooled(cases.map((c) => () => runCase(bases.get(c.entry.name)!, c)), 3);
    cases.forEach((c, i) => outcomes.set(key(c), results[i]));
  });

  after(() => {
    for (const dir of bases.values()) rmSync(dirname(dir), { recursive: true, force: true });
    for (const { dir } of outcomes.values()) rmSync(dirname(dir), { recursive: true, force: true });
  });

  for (const entry of ENTRIES) {
    for (const change of CHANGES) {
      for (const terminal of [true, false]) {
        const where = terminal ? 'in a terminal' : 'no terminal';
        it(`${entry.name}, ${change} changed, ${where}: untouched is rewritten, edited merged, deleted written again, declined named`, () => {
          const get = (state: State) => outcomes.get(key({ entry, change, state, terminal }))!;
          const file = entry.file;
          for (const state of STATES) {
            const { run } = get(state);
            assert.equal(run.code, 0, `${state}:\n${run.output}`);
            assert.doesNotMatch(run.output, /error|An error occured/i, state);
            // .yo-rc.json: the choices the user made (flags), the marker, and the record.
            const { files, inputs: _inputs, ...choices } = yoRc(get(state).dir);
            assert.deepEqual(choices, { schema: 3, ...entry.stored, ...get(state).stores }, `${state}: only flags are stored`);
            assert.ok(files[file] || state === 'declined', `${state}: ${file} is recorded`);
          }
          const untouched = get('untouched');
          const fresh = read(untouched.dir, file);
          const same = unaffected(entry, change);

          // Untouched: ours, rewritten without a question and listed as updated (or identical when the change does not reach it).
          if (same) {
            assert.equal(fresh, original[entry.name], 'a file the change does not reach stays as it was');
            assert.match(untouched.run.output, status('identical', file));
          } else {
            assert.notEqual(fresh, original[entry.name]);
            carries(entry, change, fresh);
            assert.match(untouched.run.output, status('update', file));
          }
          assert.doesNotMatch(untouched.run.output, /what now\?|not in line with this run/);
          assert.equal(yoRc(untouched.dir).files[file].sha256, sha256(fresh), 'the record holds what was written');

          // Deleted: written again, the same render.
          const deleted = get('deleted');
          assert.equal(read(deleted.dir, file), fresh);
          assert.match(deleted.run.output, status('create', file));

          // Edited (a line added): the user's line survives, with this run's changes around it.
          const edited = get('edited');
          const withNote = file === '.dockerignore' ? `${fresh}secrets/\n` : `${NOTE}\n${fresh}`;
          assert.equal(read(edited.dir, file), withNote, 'merged: this run\'s file with the user\'s line');
          if (same) assert.match(edited.run.output, status('identical', file));
          else {
            assert.match(edited.run.output, status('merge', file));
            // With a terminal the question showed the diff of the merge first; without, one line says what happened.
            if (terminal) assert.match(edited.run.output, new RegExp(`${file.replace(/\./g, '\\.')}: what now\\?`));
            else assert.match(edited.run.output, new RegExp(`^${file.replace(/\./g, '\\.')}: edited since the generator wrote it; this run's changes merged in, every line of yours kept$`, 'm'));
          }
          assert.equal(yoRc(edited.dir).files[file].sha256, sha256(fresh), 'the record keeps this run\'s own render: next time the file is still the user\'s');

          // Declined (in a terminal: "keep yours"; without one: an edit this run clashes with): left as the user has it, and named.
          const declined = get('declined');
          assert.equal(read(declined.dir, file), declined.before);
          if (same) {
            assert.doesNotMatch(declined.run.output, /what now\?|not in line/, 'nothing to decline');
            return;
          }
          assert.equal(yoRc(declined.dir).files[file].sha256, declined.recordBefore.sha256, 'the record still describes what the generator wrote');
          assert.match(declined.run.output, /^warning: not in line with this run:$/m);
          if (terminal) {
            assert.match(declined.run.output, new RegExp(`^ {2}${file.replace(/\./g, '\\.')}: you kept your version`, 'm'));
          } else {
            assert.equal(read(declined.dir, `${file}.new`), fresh, 'this run\'s version beside it');
            assert.match(declined.run.output, new RegExp(`^ {2}${file.replace(/\./g, '\\.')}: left as you edited it; this run's version is in ${file.replace(/\./g, '\\.')}\\.new; compare: \`diff -u ${file.replace(/\./g, '\\.')} ${file.replace(/\./g, '\\.')}\\.new\`$`, 'm'));
          }
          // No paragraph and no command for a file that was not written.
          if (file === 'Dockerfile') assert.doesNotMatch(declined.run.output, /^Step 5 |^Next: docker build/m);
          if (file === 'compose.yaml') assert.doesNotMatch(declined.run.output, /^compose\.yaml - the local loop$/m);
          if (file === 'Dockerfile.multistage') assert.doesNotMatch(declined.run.output, /^Step 6 /m);
          assert.ok(!existsSync(join(declined.dir, `${file}.new`)) || !terminal, 'in a terminal, "keep yours" writes nothing beside it');
        });
      }
    }
  }
});
