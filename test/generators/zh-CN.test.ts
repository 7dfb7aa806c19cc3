/**
 * A zh-CN run says everything in Chinese: every line it prints (the read-from-project block,
 * questions' answers, warnings, errors, each step, the compose step) and every comment in the
 * files it writes. Commands, paths, options and identifiers are not prose (test/helpers/english.ts).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commentLines, englishLines, englishRuns } from '../helpers/english.js';
import helpers from 'yeoman-test';
import { CLI, FIXTURES, generatorPath } from '../helpers/paths.js';
import { readTree } from '../helpers/snapshot.js';
import { loadRealSpecs } from '../e2e/lib/real-projects.js';

/** Python's prose beyond `#` lines: docstrings, and comments after code (compare.py has both). */
function pythonProse(file: string, content: string): string {
  if (!file.endsWith('.py')) return '';
  const docstrings = [...content.matchAll(/"""([\s\S]*?)"""/g)].map((match) => match[1]);
  const afterCode = [...content.matchAll(/\S {2}# (.*)$/gm)].map((match) => match[1]);
  return [...docstrings, ...afterCode].join('\n');
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: '', env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', ...env } });
  return { code: result.status, output: result.stdout + result.stderr };
}

/**
 * An `app --defaults --compose --lang zh-CN` run in `dir`, in-process (71 CLI runs take minutes on
 * two cores): every line the generator logs and warns, or its error. Yeoman's own status words are
 * not recorded here; the CLI runs above check them.
 */
async function runInProcess(dir: string): Promise<{ error?: string; output: string }> {
  const lines: string[] = [];
  // The adapter's log (and diff) are the spies made with no return value; its methods (create, force...) return the log.
  const spyFactory = ({ returns }: { returns?: unknown }) => (...args: unknown[]) => {
    if (returns === undefined) lines.push(args.map(String).join(' '));
    return returns;
  };
  // The run leaves the process in dir, which the caller removes; the root hook (test/helpers/cwd-guard.ts)
  // moves it out after the test, before the next run (yeoman-test's own restore) needs a working folder.
  try {
    await helpers.run(generatorPath('app')).cd(dir).withOptions({ defaults: true, compose: true, lang: 'zh-CN' } as never).withAdapterOptions({ spyFactory } as never);
    return { output: lines.join('\n') };
  } catch (error) {
    return { error: (error as Error).message, output: lines.join('\n') };
  }
}

/** The files a run wrote or changed (relative paths), by content. */
function changedFiles(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((file) => before[file] !== after[file]);
}

/** English prose in the comments (and compare.py's docstrings) of `files`, as "file: line". */
function englishInFiles(files: Record<string, string>): string[] {
  return Object.entries(files).flatMap(([file, content]) =>
    englishLines(`${commentLines(file, content)}\n${pythonProse(file, content)}`).map((line) => `${file}: ${line}`),
  );
}

/** Every line, Yeoman's file status lines ("新建 Dockerfile") included: they are in the run's language too. */
const englishIn = (output: string): string[] => englishLines(output);

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pydocker-zh-'));
  writeFileSync(join(dir, 'requirements.txt'), 'Flask==3.1.3\ngunicorn==23.0.0\npsycopg2==2.9.10\n');
  writeFileSync(join(dir, 'web.py'), 'from flask import Flask\n\nserver = Flask(__name__)\n');
  writeFileSync(join(dir, 'gunicorn.conf.py'), 'bind = "0.0.0.0:8000"\n');
  writeFileSync(join(dir, '.python-version'), '3.13\n');
  writeFileSync(join(dir, '.dockerignore'), 'node_modules\n');
  return dir;
}

describe('zh-CN: every word in the attendee\'s language', () => {
  it('the detector catches English prose and lets commands, paths and identifiers through', () => {
    assert.deepEqual(englishRuns('warning: compose.yaml builds Dockerfile'), ['warning', 'builds Dockerfile'].slice(1));
    assert.ok(englishRuns('Read from the project:').length > 0);
    assert.deepEqual(englishRuns('端口：8080（来自 gunicorn.conf.py bind）'), []);
    assert.deepEqual(englishRuns('先运行 `npx generator-python-docker dockerfile --defaults`。'), []);
    assert.deepEqual(englishRuns('依赖：pip（requirements.txt）；最终镜像只拷贝虚拟环境 /opt/venv'), []);
    assert.ok(englishRuns('# Version control').length > 0, 'an English comment is caught');
  });

  const runs: Array<{ name: string; args: string[]; env?: NodeJS.ProcessEnv; inProject: boolean; fails?: RegExp }> = [
    { name: 'app: the whole workshop with compose.yaml', args: ['--defaults', '--compose'], inProject: false },
    { name: 'app in an existing project', args: ['app', '--defaults', '--compose'], inProject: true },
    { name: 'dockerfile, every stage', args: ['dockerfile', '--defaults', '--stage', 'bad'], inProject: true },
    { name: 'multistage (compiled dependencies)', args: ['multistage', '--defaults'], inProject: true },
    { name: 'compose --watch, no Dockerfile yet', args: ['compose', '--defaults', '--watch'], inProject: true },
    { name: 'dockerignore merged into the user\'s', args: ['dockerignore', '--defaults'], inProject: true },
    { name: 'an invalid port', args: ['multistage', '--defaults', '--port', 'abc'], inProject: true, fails: /^generator-python-docker：错误：--port 的值无效：端口必须是 1024 到 65535 之间的整数/ },
    { name: 'Python 2', args: ['dockerfile', '--defaults', '--python-version', '2.7'], inProject: true, fails: /不支持 Python 2\.7/ },
    { name: 'an unknown sub-generator', args: ['deploy'], inProject: true, fails: /没有叫 "deploy" 的子生成器/ },
    { name: 'an option the sub-generator does not have', args: ['dockerignore', '--defaults', '--port', '8080'], inProject: true, fails: /^generator-python-docker：错误：没有 --port 这个选项/ },
    { name: '--dry-run', args: ['multistage', '--defaults', '--dry-run'], inProject: true },
    { name: 'the package index not asked', args: ['multistage', '--defaults', '--dry-run'], env: { PYDOCKER_OFFLINE: '1' }, inProject: true },
    { name: 'an option without its value', args: ['multistage', '--defaults', '--port'], inProject: true, fails: /^generator-python-docker：错误：--port 后面要跟一个值/ },
    { name: 'too many arguments', args: ['multistage', 'compose', '--defaults'], inProject: true, fails: /^generator-python-docker：错误：多出来的参数 "compose"/ },
    { name: 'a .yo-rc.json that is not JSON', args: ['dockerfile', '--defaults'], inProject: true, fails: /^generator-python-docker：错误：\.yo-rc\.json 不是有效的 JSON（第 1 行第 3 列）/ },
    { name: 'app in a folder that holds another project', args: ['app', '--defaults'], inProject: false, fails: /^generator-python-docker：错误：这个目录里已经有别的东西（index\.js、package\.json）/ },
    { name: 'a file that it did not write: its version beside it', args: ['dockerfile', '--defaults'], inProject: true },
    { name: 'no terminal, no --defaults', args: ['dockerfile'], inProject: true, fails: /^generator-python-docker：错误：没有终端可以提问：加上 --defaults$/ },
  ];

  for (const lang of [
    { how: '--lang zh-CN', args: ['--lang', 'zh-CN'], env: {} },
    { how: 'LANG=zh_CN.UTF-8', args: [], env: { LANG: 'zh_CN.UTF-8' } },
  ]) {
    for (const spec of lang.args.length > 0 ? runs : runs.filter((_, i) => i === 0 || i === 3 || i === 6)) {
      it(`${spec.name} (${lang.how}): no English line, no English comment`, () => {
        const dir = spec.inProject ? project() : mkdtempSync(join(tmpdir(), 'pydocker-zh-'));
        // The user's own Dockerfile: replacing it needs the conflict question, which needs a terminal.
        if (spec.name.startsWith('a file that')) writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
        if (spec.name.startsWith('a .yo-rc.json')) writeFileSync(join(dir, '.yo-rc.json'), '{ bad');
        if (spec.name.startsWith('app in a folder')) {
          writeFileSync(join(dir, 'package.json'), '{}\n');
          writeFileSync(join(dir, 'index.js'), '\n');
        }
        if (spec.env?.PYDOCKER_OFFLINE) rmSync(join(dir, '.python-version'));
        // --lang first: options may come before the sub-command.
        const result = run([...lang.args, ...spec.args], dir, { ...lang.env, ...spec.env });
        if (spec.fails) {
          assert.equal(result.code, 1, result.output);
          // The error is the last line, the only one about it: no Yeoman "An error occured", no stack.
          assert.match(result.output.trim().split('\n').at(-1)!, spec.fails);
          assert.doesNotMatch(result.output, /✖|An error occured|^\s+at .*:\d+/m);
          if (!spec.name.startsWith('a file that')) assert.equal(result.output.trim().split('\n').length, 1, `one line:\n${result.output}`);
        } else {
          assert.equal(result.code, 0, result.output);
          assert.match(result.output, spec.inProject ? /^从项目中读到：$/m : /^本次使用的值：$/m);
          assert.match(result.output, spec.args.includes('--dry-run') ? /^将新建 \.yo-rc\.json$/m : /^新建 \.yo-rc\.json$/m, 'Yeoman\'s status words in Chinese');
          if (spec.env?.PYDOCKER_OFFLINE) assert.match(result.output, /^ {2}Python 版本：3\.13（稳妥的选择：没有查询包索引（PYDOCKER_OFFLINE=1）/m);
          // Why this dependency manager: the reader's reason, in Chinese too.
          if (spec.inProject && !spec.args.includes('dockerignore')) assert.match(result.output, /^ {2}依赖：pip（找到 requirements\.txt）$/m);
        }
        assert.deepEqual(englishIn(result.output), [], `English in the terminal:\n${result.output}`);
        const files = readTree(dir);
        const english = englishInFiles(files);
        if (spec.name.startsWith('app: the whole')) assert.ok(pythonProse('compare.py', files['compare.py']).length > 1000, 'compare.py is checked');
        assert.deepEqual(english, [], 'English comments in the written files');
      });
    }
  }

  it('compose.yaml of a Django app with required variables, a SQLite file and a written folder: every comment in Chinese (built as data)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-zh-'));
    cpSync(join(FIXTURES, 'real-projects', 'django-decouple-compose'), dir, { recursive: true });
    writeFileSync(join(dir, 'uploads.py'), 'import os\nos.makedirs("uploads", exist_ok=True)\n');
    const result = run(['compose', '--defaults', '--lang', 'zh-CN'], dir);
    assert.equal(result.code, 0, result.output);
    const compose = readFileSync(join(dir, 'compose.yaml'), 'utf8');
    assert.match(compose, /^ {2}migrate:$/m);
    assert.match(compose, /^ {6}SECRET_KEY:/m);
    assert.match(compose, /^ {6}- uploads:\/app\/uploads$/m);
    assert.deepEqual(englishLines(commentLines('compose.yaml', compose)), [], compose);
  });

  it('the questions, their choices and --help speak Chinese too', () => {
    const help = run(['compose', '--help'], mkdtempSync(join(tmpdir(), 'pydocker-zh-')), { LANG: 'zh_CN.UTF-8' });
    assert.equal(help.code, 0);
    const ours = help.output.split('\n').filter((line) => /^\s+--(port|workers|lang|watch|defaults|server|force)(?=\s)/.test(line));
    assert.equal(ours.length, 7, help.output);
    assert.deepEqual(englishLines(ours.join('\n')), [], help.output);
  });

  it('--help of every sub-generator, inside a project, speaks Chinese', () => {
    const dir = project();
    for (const sub of ['app', 'dockerfile', 'dockerignore', 'multistage', 'compose']) {
      const help = run([sub, '--help'], dir, { LANG: 'zh_CN.UTF-8' });
      assert.equal(help.code, 0, help.output);
      assert.match(help.output, /^用法：/m);
      assert.deepEqual(englishIn(help.output), [], `${sub} --help:\n${help.output}`);
    }
  });

  it("compare.py's --help and its usage errors speak Chinese (argparse's own words too)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-zh-'));
    assert.equal(run(['--defaults', '--lang', 'zh-CN'], dir).code, 0);
    const help = spawnSync('python3', ['compare.py', '--help'], { cwd: dir, encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /^用法：compare\.py /m);
    assert.match(help.stdout, /^选项:$/m);
    assert.match(help.stdout, /-h, --help +显示这段帮助并退出/);
    assert.deepEqual(englishLines(help.stdout), [], help.stdout);
    const wrong = spawnSync('python3', ['compare.py', '--port', 'x'], { cwd: dir, encoding: 'utf8' });
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /^compare\.py：错误：参数 --port：不是有效的 int 值：'x'$/m);
    assert.deepEqual(englishLines(wrong.stderr), [], wrong.stderr);
  });

  it('the questions in a terminal: the key hints and yes/no are in Chinese too', async function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-zh-tty-'));
    // A pseudo-terminal (util-linux script); Enter accepts each offered value, up to the yes/no questions of app.
    const child = spawn('script', ['-qfec', `"${process.execPath}" "${CLI}"`, '/dev/null'], { cwd: dir, env: { ...process.env, LANG: 'zh_CN.UTF-8', LC_ALL: '', LC_MESSAGES: '' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Enter until the run ends; a keystroke racing the end must not fail the test (EPIPE).
    child.stdin.on('error', () => undefined);
    const enter = setInterval(() => {
      if (child.exitCode === null && child.stdin.writable) child.stdin.write('\r');
    }, 400);
    child.on('exit', () => clearInterval(enter));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(enter);
    const screen = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
    assert.equal(code, 0, screen);
    assert.match(screen, /↑↓ 移动 • ⏎ 选定/);
    assert.match(screen, /要不要建一个 git 仓库，每一步一个带标签的提交？ （是\/否，默认：否）/);
    assert.doesNotMatch(screen, /navigate|\(y\/N\)|\(Y\/n\)|\bNo\b|\bYes\b/);
    assert.deepEqual(englishIn(screen), [], screen);
  });

  /**
   * Every fixture project (test/fixtures/projects, test/fixtures/real-projects), one `app --defaults
   * --compose` run each (it writes every file the sub-generators write, with the same report): the
   * terminal and the written files have no English prose; a refused run's one-line error neither.
   * One test a fixture, so a failure names it; the root hook (test/helpers/cwd-guard.ts) moves the
   * process out of each removed project folder before the next run starts.
   */
  describe('every fixture project: the terminal and every written file, compose.yaml included, in Chinese', () => {
    const projects = join(FIXTURES, 'projects');
    const fixtures = [
      ...readdirSync(projects).filter((name) => statSync(join(projects, name)).isDirectory()).map((name) => ({ name: `projects/${name}`, from: join(projects, name), runIn: '' })),
      ...loadRealSpecs().map((spec) => ({ name: `real-projects/${spec.name}`, from: join(FIXTURES, 'real-projects', spec.name), runIn: spec.runIn ?? '' })),
    ];
    for (const fixture of fixtures) {
      it(fixture.name, async function () {
        this.timeout(120_000);
        const parent = mkdtempSync(join(tmpdir(), 'pydocker-zh-all-'));
        try {
          const dir = join(parent, fixture.name.split('/')[1]!);
          cpSync(fixture.from, dir, { recursive: true });
          const before = readTree(dir);
          const result = await runInProcess(join(dir, fixture.runIn));
          const after = readTree(dir);
          // A file of the user's the run merged into (.dockerignore): only the lines it added.
          const added = (file: string) => (before[file] === undefined ? after[file]! : after[file]!.split('\n').filter((line) => !before[file]!.split('\n').includes(line)).join('\n'));
          const written = Object.fromEntries(changedFiles(before, after).map((file) => [file, added(file)]));
          const found = [...englishIn([result.output, result.error ?? ''].join('\n')).map((line) => `(terminal): ${line}`), ...englishInFiles(written)];
          assert.deepEqual(found, []);
          if (result.error === undefined) assert.match(result.output, /^(从项目中读到|本次使用的值)：$/m, "the run's lines are checked");
          if (result.error === undefined) assert.ok('compose.yaml' in written || `${fixture.runIn}/compose.yaml` in written, 'no compose.yaml written');
        } finally {
          rmSync(parent, { recursive: true, force: true });
        }
      });
    }
  });
});
