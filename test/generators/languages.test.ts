/** --lang: the same project in English and Chinese differs only in prose. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/paths.js';
import { readTree } from '../helpers/snapshot.js';

function scaffold(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const dir = mkdtempSync(join(tmpdir(), 'pydocker-lang-'));
  const run = spawnSync(process.execPath, [CLI, '--defaults', '--cwd', dir, ...args], { encoding: 'utf8', input: '', env });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return { files: readTree(dir), output: run.stdout + run.stderr };
}

/** The lines that are code: comments and docstrings dropped, hadolint directives kept (they are code to hadolint). */
function codeLines(file: string, content: string): string[] {
  // compare.py keeps every translated string in one TEXT = {...} block: keys only there.
  const translated = file === 'compare.py' ? /^TEXT = \{\n[\s\S]*?^\}$/m.exec(content)?.[0] : undefined;
  const keysOnly = translated?.replace(/^(\s+"\w+"): .*,$/gm, '$1') ?? '';
  let code = translated ? content.replace(translated, keysOnly) : content;
  if (file.endsWith('.py')) {
    // Docstrings, comments after code and compare.py's error prefix are prose too.
    code = code.replace(/"""[\s\S]*?"""/g, '""""""').replace(/(\S) {2}# .*$/gm, '$1').replace(/print\(f"compare\.py[^{]*\{error\}"/, 'print(f"{error}"');
  }
  return code
    .split('\n')
    .filter((line) => {
      const trimmed = line.trim();
      if (trimmed.startsWith('# hadolint')) return true;
      if (trimmed.startsWith('#')) return false;
      if (file.endsWith('.py') && trimmed.startsWith('"""')) return false;
      return trimmed !== '';
    });
}

const OPTION_SETS: string[][] = [
  [],
  ['--port', '8080', '--wsgi-app', 'web.server:create_app()', '--python-version', '3.13', '--base-variant', 'alpine'],
];

describe('languages: en and zh-CN', () => {
  for (const options of OPTION_SETS) {
    it(`write the same files with the same code, only the prose differs (${options.join(' ') || 'defaults'})`, () => {
      const english = scaffold([...options, '--lang', 'en']);
      const chinese = scaffold([...options, '--lang', 'zh-CN']);
      assert.deepEqual(Object.keys(chinese.files), Object.keys(english.files));
      for (const file of Object.keys(english.files)) {
        if (file === 'WORKSHOP.md' || file === '.yo-rc.json') continue;
        assert.deepEqual(codeLines(file, chinese.files[file]), codeLines(file, english.files[file]), file);
      }
      assert.match(chinese.files.Dockerfile, /^# .*非 root 用户/m, 'Chinese comments in the Dockerfile');
      assert.match(chinese.files['.dockerignore'], /^# 版本控制$/m);
      assert.match(chinese.files['WORKSHOP.md'], /多阶段构建/);
      assert.match(chinese.output, /第 5 步 - Dockerfile：生产级/);
      assert.doesNotMatch(chinese.output, /^Step \d/m);
    });
  }

  it('takes the language from the locale when --lang is not given', () => {
    const { files, output } = scaffold([], { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' });
    assert.equal(JSON.parse(files['.yo-rc.json'])['generator-python-docker'].lang, undefined, 'the locale is not a choice: not stored');
    assert.match(files.Dockerfile, /非 root 用户/);
    assert.match(output, /第 1 步/);
  });
});
