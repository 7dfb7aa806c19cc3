/** `--git`: the workshop as a tagged git history, through the real bin with no git identity configured. */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { result } from 'yeoman-test';
import { CLI } from '../helpers/paths.js';
import { runGenerator } from '../helpers/run.js';

const TAGS = ['step-1-app', 'step-2-bad', 'step-3-better', 'step-4-dockerignore', 'step-5-production', 'step-6-multistage'];

/** A HOME with no .gitconfig, as on a fresh workshop laptop. */
function bareEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'pydocker-home-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('GIT_AUTHOR') || key.startsWith('GIT_COMMITTER')) delete env[key];
  return env;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const out = spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8', input: '' });
  return { code: out.status, output: out.stdout + out.stderr };
}

const git = (cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim();

describe('app --git', () => {
  it('commits each step in walkthrough order, tagged, with no git identity configured', () => {
    const env = bareEnv();
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-git-'));
    const out = run(['--defaults', '--git'], dir, env);
    assert.equal(out.code, 0, out.output);
    assert.deepEqual(git(dir, env, 'tag', '--list', '--sort=creatordate').split('\n'), TAGS);
    assert.equal(git(dir, env, 'rev-list', '--count', 'HEAD'), '6');
    assert.equal(git(dir, env, 'status', '--porcelain'), '', 'everything committed');
    const filesOf = (tag: string) => git(dir, env, 'show', '--name-only', '--format=', tag).split('\n').sort();
    assert.deepEqual(filesOf('step-1-app'), ['.yo-rc.json', 'WORKSHOP.md', 'compare.py', 'main.py', 'requirements.txt']);
    assert.deepEqual(filesOf('step-2-bad'), ['Dockerfile.bad']);
    assert.deepEqual(filesOf('step-4-dockerignore'), ['.dockerignore']);
    assert.deepEqual(filesOf('step-6-multistage'), ['Dockerfile.multistage']);
    assert.deepEqual(filesOf('step-5-production'), ['Dockerfile']);
    assert.match(git(dir, env, 'log', '-1', '--format=%s', 'step-3-better'), /^Step 3 - Dockerfile\.better/);
    assert.equal(git(dir, env, 'log', '-1', '--format=%an <%ae>'), 'generator-python-docker <generator-python-docker@localhost>');
    // The identity was used for these commits only.
    assert.equal(spawnSync('git', ['config', 'user.email'], { cwd: dir, env }).status, 1);
    assert.match(out.output, /git checkout step-3-better/);
  });

  it('puts compose.yaml into the production step', () => {
    const env = bareEnv();
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-git-compose-'));
    const out = run(['--defaults', '--git', '--compose'], dir, env);
    assert.equal(out.code, 0, out.output);
    assert.deepEqual(git(dir, env, 'show', '--name-only', '--format=', 'step-5-production').split('\n').sort(), ['Dockerfile', 'compose.yaml']);
  });

  it('refuses inside a repository with uncommitted changes, writing nothing', () => {
    const env = bareEnv();
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-git-dirty-'));
    git(dir, env, 'init', '--quiet');
    // A README, not notes.txt: a folder holding anything but dotfiles and README/LICENSE is another project's, refused before --git is looked at.
    writeFileSync(join(dir, 'README.md'), 'work in progress\n');
    const out = run(['--defaults', '--git'], dir, env);
    assert.equal(out.code, 1);
    assert.match(out.output.trim().split('\n').at(-1) ?? '', /^generator-python-docker: error: --git: this folder is inside a git repository with 1 uncommitted change; commit or stash them first/);
    assert.deepEqual(readdirSync(dir).sort(), ['.git', 'README.md']);
  });

  it('adds the steps on top of a clean repository', () => {
    const env = bareEnv();
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-git-clean-'));
    git(dir, env, 'init', '--quiet');
    writeFileSync(join(dir, 'README'), 'workshop\n');
    git(dir, env, 'add', 'README');
    git(dir, env, '-c', 'user.name=Instructor', '-c', 'user.email=i@example.org', 'commit', '--quiet', '-m', 'start');
    const out = run(['--defaults', '--git'], dir, env);
    assert.equal(out.code, 0, out.output);
    assert.equal(git(dir, env, 'rev-list', '--count', 'HEAD'), '7');
    assert.equal(git(dir, env, 'rev-parse', 'step-1-app~1'), git(dir, env, 'rev-list', '--max-parents=0', 'HEAD'));
  });

  it('makes no history in an existing project, and says so', () => {
    const env = bareEnv();
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-git-project-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'requirements.txt'), 'flask\n');
    writeFileSync(join(dir, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    const out = run(['--defaults', '--git'], dir, env);
    assert.equal(out.code, 0, out.output);
    assert.match(out.output, /warning: --git builds the workshop history of the sample app/);
    assert.ok(!readdirSync(dir).includes('.git'));
  });

  it('is a question too: the answer is stored when it is not what was offered', async () => {
    await runGenerator('app').withAnswers({ git: false }).withOptions({ 'python-version': '3.14' });
    assert.ok(result.askedQuestions.some((question) => question.name === 'git'));
    assert.equal(JSON.parse(readFileSync(join(result.cwd, '.yo-rc.json'), 'utf8'))['generator-python-docker'].git, undefined, 'no (the default, accepted) is not a choice');
    await runGenerator('app').withAnswers({ git: true }).withOptions({ 'python-version': '3.14' });
    result.assertJsonFileContent('.yo-rc.json', { 'generator-python-docker': { git: true } });
  });
});
