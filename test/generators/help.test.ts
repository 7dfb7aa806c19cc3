/**
 * --help per sub-generator, in English and Chinese, run inside a project: it shows the values a
 * run there would take and where each comes from (a stored choice, what the project states, the
 * default), not the generator's defaults. Kept as snapshots under test/__snapshots__/help/
 * (`UPDATE_SNAPSHOTS=1` rewrites them). Each sub-generator documents only the options it uses,
 * and none of Yeoman's options that do nothing here.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertMatchesSnapshot } from '../helpers/snapshot.js';
import { CLI, REPO_ROOT } from '../helpers/paths.js';

const SUBS = ['app', 'dockerfile', 'dockerignore', 'multistage', 'compose'] as const;
const LOCALES = { en: 'C.UTF-8', 'zh-CN': 'zh_CN.UTF-8' } as const;
const CREATE = join(REPO_ROOT, 'packages', 'create-python-docker', 'index.js');
/** Yeoman's options that change nothing for this generator. */
const INERT = ['--skip-install', '--force-install', '--local-config-only', '--skip-cache', '--ask-answered', '--whitespace'];

/**
 * A project that states its Python (.python-version), port (gunicorn.conf.py) and app (web.py),
 * with one stored choice (workers) in .yo-rc.json: each source shows in the help.
 */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pydocker-help-project-'));
  writeFileSync(join(dir, 'requirements.txt'), 'Flask==3.1.3\ngunicorn==23.0.0\n');
  writeFileSync(join(dir, 'web.py'), 'from flask import Flask\n\nserver = Flask(__name__)\n');
  writeFileSync(join(dir, 'gunicorn.conf.py'), 'bind = "0.0.0.0:8000"\n');
  writeFileSync(join(dir, '.python-version'), '3.13\n');
  writeFileSync(join(dir, '.yo-rc.json'), JSON.stringify({ 'generator-python-docker': { schema: 2, workers: 4 } }));
  return dir;
}

const emptyFolder = () => mkdtempSync(join(tmpdir(), 'pydocker-help-'));

function help(script: string, args: string[], locale: string, cwd: string, env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [script, ...args, '--help'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LANG: locale, LC_ALL: '', LC_MESSAGES: '', COLUMNS: '', ...env },
  });
  assert.equal(run.status, 0, run.stderr);
  return run;
}

/** The option names a --help lists. */
const optionsOf = (text: string) => [...text.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1]);
/** One option's description, its wrapped lines joined. */
function described(text: string, option: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => new RegExp(`^ {2}(?:-\\w, )?${option}(?![\\w-])`).test(line));
  assert.ok(at >= 0, `${option} is listed:\n${text}`);
  const more = lines.slice(at + 1).findIndex((line) => !/^ {20,}\S/.test(line));
  return lines.slice(at, at + 1 + (more < 0 ? 0 : more)).map((line) => line.trim()).join(' ');
}

describe('--help', function () {
  this.timeout(300_000);
  const texts: Record<string, string> = {};

  before(() => {
    const dir = project();
    for (const [lang, locale] of Object.entries(LOCALES)) {
      for (const sub of SUBS) texts[`${sub}.${lang}.txt`] = help(CLI, [sub], locale, dir).stdout;
      texts[`create-python-docker.${lang}.txt`] = help(CREATE, [], locale, emptyFolder()).stdout;
    }
  });

  it('matches the snapshots, per sub-generator and language', () => {
    assertMatchesSnapshot('help', texts);
  });

  it("inside a project, shows the project's values and where each comes from, not the generator's defaults", () => {
    const multistage = texts['multistage.en.txt'];
    assert.match(described(multistage, '--python-version'), /\[3\.13, from \.python-version\]$/);
    assert.match(described(multistage, '--port'), /\[8000, from gunicorn\.conf\.py bind\]$/);
    assert.match(described(multistage, '--wsgi-app'), /\[web:server, from web\.py\]$/);
    assert.match(described(multistage, '--workers'), /\[4, stored in \.yo-rc\.json\]$/);
    assert.match(described(multistage, '--uid'), /\[default: 10001\]$/);
    assert.match(described(multistage, '--server'), /\[gunicorn, from web\.py\]$/);
    assert.match(described(texts['compose.en.txt'], '--port'), /\[8000, from gunicorn\.conf\.py bind\]$/);
    assert.match(described(texts['multistage.zh-CN.txt'], '--port'), /\[8000，来自 gunicorn\.conf\.py bind\]$/);
    for (const [file, text] of Object.entries(texts)) {
      if (!file.startsWith('create')) assert.doesNotMatch(text, /\[default: (3\.14|5000|main:app)\]|\[默认：(3\.14|5000|main:app)\]/, file);
    }
    // Where there is no project, the defaults are what a run takes.
    const empty = help(CLI, ['app'], LOCALES.en, emptyFolder()).stdout;
    assert.match(described(empty, '--port'), /\[default: 5000\]$/);
  });

  it('a project it cannot read: the help still prints, with the defaults, after one line why', () => {
    const dir = emptyFolder();
    writeFileSync(join(dir, 'pyproject.toml'), '[project\nname = "x"\n');
    writeFileSync(join(dir, 'main.py'), 'print(1)\n');
    const run = help(CLI, ['multistage'], LOCALES.en, dir);
    assert.match(run.stderr, /^warning: could not read the project for --help \(pyproject\.toml.*\): the values shown are the defaults\n$/);
    assert.match(described(run.stdout, '--port'), /\[default: 5000\]$/);
  });

  it("a project it cannot read, in Chinese: the reader's problem in the run's language", () => {
    const dir = emptyFolder();
    writeFileSync(join(dir, 'uv.lock'), 'version = 1\n');
    writeFileSync(join(dir, 'main.py'), 'print(1)\n');
    const run = help(CLI, ['multistage'], LOCALES['zh-CN'], dir);
    assert.match(run.stderr, /有 uv\.lock 却没有 pyproject\.toml，而 uv 需要它来安装项目/);
    assert.doesNotMatch(run.stderr, /found without/);
  });

  it('each sub-generator lists only the options it uses, and none that do nothing here', () => {
    const shared = ['--defaults', '--lang', '--force', '--dry-run', '--bail', '--cwd', '--help', '--version'];
    // --align: every sub-generator that writes a file carrying the port, UID or Python version.
    // --verify/--keep: every sub-generator that writes a Dockerfile or compose.yaml can prove it on the user's engine.
    const docker = ['--python-version', '--base-variant', '--port', '--wsgi-app', '--workers', '--uid', '--gid', '--server', '--align', '--verify', '--keep'];
    const expected: Record<(typeof SUBS)[number], string[]> = {
      app: [...docker, '--compose', '--git'],
      dockerfile: [...docker, '--stage'],
      dockerignore: [],
      multistage: docker,
      compose: ['--port', '--workers', '--watch', '--server', '--align', '--verify', '--keep'],
    };
    const ours = [...docker, '--compose', '--git', '--stage', '--watch'];
    for (const sub of SUBS) {
      const listed = optionsOf(texts[`${sub}.en.txt`]);
      for (const option of shared) assert.ok(listed.includes(option), `${sub} --help lists ${option}`);
      for (const option of INERT) assert.ok(!listed.includes(option), `${sub} --help does not list ${option}`);
      assert.deepEqual(listed.filter((option) => ours.includes(option)).sort(), [...expected[sub]].sort(), sub);
    }
  });

  it('the options that do nothing are still accepted (scripts pass them out of habit)', () => {
    const dir = project();
    const run = spawnSync(process.execPath, [CLI, 'dockerignore', '--defaults', '--skip-install', '--skip-cache'], { cwd: dir, encoding: 'utf8', input: '' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('the bin lists its sub-commands; create-python-docker shows [folder]', () => {
    for (const sub of SUBS) assert.match(texts['app.en.txt'], new RegExp(`^ {2}${sub} +\\S`, 'm'));
    assert.match(texts['create-python-docker.en.txt'], /^Usage: create-python-docker \[folder\] \[options\]$/m);
    assert.match(texts['create-python-docker.zh-CN.txt'], /^用法： create-python-docker \[folder\] \[options\]$/m);
    assert.doesNotMatch(texts['create-python-docker.en.txt'], /^ {2}dockerignore /m, 'create runs app only');
  });

  it('descriptions are in the locale\'s language', () => {
    assert.match(texts['dockerignore.zh-CN.txt'], /--lang <value> +讲解文字的语言/);
    assert.match(texts['multistage.zh-CN.txt'], /--port <value> +应用监听的端口（1024-65535）/);
    assert.match(texts['multistage.en.txt'], /--port <value> +Port the app listens on \(1024-65535\)/);
  });

  it('options may come before the sub-command: --lang=zh-CN multistage --help is multistage\'s help, in Chinese', () => {
    const run = help(CLI, ['--lang=zh-CN', 'multistage'], LOCALES.en, project());
    assert.match(run.stdout, /^用法： generator-python-docker multistage \[options\]$/m);
    assert.match(described(run.stdout, '--port'), /\[8000，来自 gunicorn\.conf\.py bind\]$/);
    assert.equal(run.stdout, help(CLI, ['multistage', '--lang', 'zh-CN'], LOCALES.en, project()).stdout);
  });

  it('--version (and -v) prints the package version', () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['-v'], ['multistage', '--version']]) {
      const run = spawnSync(process.execPath, [CLI, ...args], { cwd: emptyFolder(), encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, `${version}\n`);
    }
  });
});
