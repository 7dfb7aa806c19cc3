/**
 * --help per sub-generator, in English and Chinese, kept as snapshots under test/__snapshots__/help/
 * (`UPDATE_SNAPSHOTS=1` rewrites them). Each sub-generator documents only the options it uses.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertMatchesSnapshot } from '../helpers/snapshot.js';
import { CLI, REPO_ROOT } from '../helpers/paths.js';

const SUBS = ['app', 'dockerfile', 'dockerignore', 'multistage', 'compose'] as const;
const LOCALES = { en: 'C.UTF-8', 'zh-CN': 'zh_CN.UTF-8' } as const;
const CREATE = join(REPO_ROOT, 'packages', 'create-python-docker', 'index.js');

function help(script: string, args: string[], locale: string): string {
  // An empty folder with no .yo-rc.json, so no stored choice changes the language.
  const cwd = mkdtempSync(join(tmpdir(), 'pydocker-help-'));
  const run = spawnSync(process.execPath, [script, ...args, '--help'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LANG: locale, LC_ALL: '', LC_MESSAGES: '', COLUMNS: '' },
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

/** The option names a --help lists. */
const optionsOf = (text: string) => [...text.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((match) => match[1]);

describe('--help', function () {
  this.timeout(300_000);
  const texts: Record<string, string> = {};

  before(() => {
    for (const [lang, locale] of Object.entries(LOCALES)) {
      for (const sub of SUBS) texts[`${sub}.${lang}.txt`] = help(CLI, [sub], locale);
      texts[`create-python-docker.${lang}.txt`] = help(CREATE, [], locale);
    }
  });

  it('matches the snapshots, per sub-generator and language', () => {
    assertMatchesSnapshot('help', texts);
  });

  it('each sub-generator lists only the options it uses', () => {
    const shared = ['--defaults', '--lang', '--force', '--dry-run', '--bail', '--cwd', '--help'];
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
      assert.deepEqual(listed.filter((option) => ours.includes(option)).sort(), [...expected[sub]].sort(), sub);
    }
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
});
