/** The package's own bin, as a user runs it: real process, exit codes, what it prints. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/paths.js';
import { PROJECT_FILES, writeProject } from '../helpers/project.js';
import { englishRuns } from '../helpers/english.js';

function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  // stdin is not a terminal here, as in CI and scripts.
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: '', env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env } });
  // Normal output on stdout, warnings and errors on stderr; `output` is what the user sees in the terminal.
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, output: run.stdout + run.stderr };
}

/** The lines of the block printed before the first question (indented, up to the first status line). */
function readBlock(output: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => /^(Read from the project|Values for this run):$/.test(line));
  const end = lines.findIndex((line, at) => at > start && !/^ {2}\S/.test(line));
  return lines.slice(start + 1, end);
}

const emptyFolder = () => mkdtempSync(join(tmpdir(), 'pydocker-cli-'));
/** A folder holding a small Flask project, where the single-file sub-generators run. */
function projectFolder(): string {
  const dir = emptyFolder();
  writeProject(dir);
  return dir;
}

describe('bin: generator-python-docker', () => {
  it('scaffolds the workshop project with --defaults and explains each step', () => {
    const dir = emptyFolder();
    const run = runCli(['--defaults'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(dir).sort(), [
      '.dockerignore', '.yo-rc.json', 'Dockerfile', 'Dockerfile.bad', 'Dockerfile.better', 'Dockerfile.multistage', 'WORKSHOP.md', 'compare.py', 'main.py', 'requirements.txt',
    ]);
    const order = ['Step 1', 'Step 2', 'Step 3', 'Step 4', 'Step 5', 'Step 6'].map((step) => run.output.indexOf(step));
    assert.ok(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1])), `steps in order:\n${run.output}`);
    assert.doesNotMatch(run.output, /package\.json/);
    assert.match(run.output, /^\s+create \.yo-rc\.json$/m, 'a new .yo-rc.json is created, not forced');
  });

  it('runs a sub-generator by name', () => {
    const dir = projectFolder();
    const run = runCli(['multistage', '--defaults', '--port', '8081'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['.dockerignore', '.yo-rc.json', 'Dockerfile.multistage', ...PROJECT_FILES]);
    assert.match(readFileSync(join(dir, 'Dockerfile.multistage'), 'utf8'), /^EXPOSE 8081$/m);
  });

  it('prints an end-of-life warning for Python 3.10 and still writes the files', () => {
    const dir = projectFolder();
    const run = runCli(['dockerfile', '--defaults', '--python-version', '3.10'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.output, /warning: Python 3\.10 reached end of life on 2026-10-31/);
  });

  it('an invalid option: one error line, exit 1, nothing written', () => {
    const dir = emptyFolder();
    const run = runCli(['--defaults', '--port', '70000'], dir);
    assert.equal(run.code, 1);
    const last = run.stderr.trim().split('\n').at(-1);
    assert.equal(last, 'generator-python-docker: error: Invalid --port: port must be from 1024 to 65535, got 70000');
    assert.doesNotMatch(run.stderr, /\s+at .*\.js:\d+/, 'no stack trace');
    assert.deepEqual(readdirSync(dir), []);
  });

  it('an unknown sub-generator: one error line, exit 1', () => {
    const run = runCli(['compose-everything'], emptyFolder());
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim(), 'generator-python-docker: error: unknown sub-generator "compose-everything": use one of app, dockerfile, dockerignore, multistage, compose');
  });

  it('never overwrites a file it did not write: without a terminal, --defaults puts its version beside it; --force overwrites', () => {
    const dir = projectFolder();
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\n');
    const refused = runCli(['dockerfile'], dir);
    assert.equal(refused.code, 1);
    assert.equal(refused.output.trim(), 'generator-python-docker: error: no terminal to ask: add --defaults', 'one line, before any question');
    assert.deepEqual(readdirSync(dir).sort(), ['Dockerfile', ...PROJECT_FILES], 'not even .yo-rc.json is written');

    const beside = runCli(['dockerfile', '--defaults'], dir);
    assert.equal(beside.code, 0, beside.stderr);
    assert.equal(readFileSync(join(dir, 'Dockerfile'), 'utf8'), 'FROM scratch\n');
    assert.match(readFileSync(join(dir, 'Dockerfile.new'), 'utf8'), /^USER 10001:10001$/m);
    assert.match(beside.output, /^ {2}Dockerfile: left as you edited it; this run's version is in Dockerfile\.new; compare: `diff -u Dockerfile Dockerfile\.new`$/m);
    assert.doesNotMatch(beside.output, /Step 5|^Next:/m, 'no paragraph, no command for a file not written');

    const forced = runCli(['dockerfile', '--defaults', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /^USER 10001:10001$/m);
  });

  it('--cwd runs in another folder, creating it', () => {
    const dir = join(emptyFolder(), 'new', 'workshop');
    const run = runCli(['--defaults', '--cwd', dir], emptyFolder());
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readdirSync(dir).includes('Dockerfile.multistage'));
    assert.match(run.output, new RegExp(`^Next: cd ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\nNext: docker build`, 'm'));
  });

  it('--help lists every option', () => {
    const run = runCli(['dockerfile', '--help'], emptyFolder());
    assert.equal(run.code, 0);
    for (const option of ['--defaults', '--python-version', '--base-variant', '--port', '--wsgi-app', '--workers', '--uid', '--gid', '--server', '--stage', '--force']) {
      assert.match(run.stdout, new RegExp(`${option}\\b`));
    }
  });

  it('options may come before the sub-command: --defaults multistage', () => {
    const dir = projectFolder();
    const run = runCli(['--defaults', '--port', '8081', 'multistage'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(dir).sort(), ['.dockerignore', '.yo-rc.json', 'Dockerfile.multistage', ...PROJECT_FILES]);
    assert.match(readFileSync(join(dir, 'Dockerfile.multistage'), 'utf8'), /^EXPOSE 8081$/m);
  });

  it('words that are neither the sub-command nor an option: one line, nothing written', () => {
    const dir = projectFolder();
    const run = runCli(['multistage', '--defaults', 'extra'], dir);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'generator-python-docker: error: unexpected argument "extra": give at most one sub-command (app, dockerfile, dockerignore, multistage, compose), and options\n');
    assert.deepEqual(readdirSync(dir).sort(), PROJECT_FILES);
  });

  it('an option without its value: one line naming it', () => {
    const run = runCli(['multistage', '--port'], projectFolder());
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'generator-python-docker: error: --port needs a value: see --help\n');
  });

  it('--keep in a run that will not verify (--defaults, no --verify): one line in the run\'s language, nothing written', () => {
    const dir = projectFolder();
    const run = runCli(['dockerfile', '--defaults', '--keep'], dir);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, 'generator-python-docker: error: --keep keeps what --verify builds, and this run does not verify: add --verify, or leave out --keep\n');
    const zh = runCli(['compose', '--defaults', '--keep', '--lang', 'zh-CN'], dir);
    assert.equal(zh.code, 1);
    assert.equal(zh.stderr, 'generator-python-docker：错误：--keep 保留的是 --verify 构建的镜像和容器，而这次运行不做验证：加上 --verify，或去掉 --keep\n');
    assert.deepEqual(readdirSync(dir).sort(), PROJECT_FILES, 'nothing written');
  });

  it('normal output goes to stdout, warnings and errors to stderr', () => {
    const dir = projectFolder();
    const run = runCli(['dockerfile', '--defaults', '--python-version', '3.10'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Read from the project:$/m);
    assert.match(run.stdout, /^ +create Dockerfile$/m);
    assert.match(run.stdout, /^Step 5 - Dockerfile: production$/m);
    assert.equal(run.stderr, 'warning: Python 3.10 reached end of life on 2026-10-31 and gets no security fixes: use it only to reproduce old material; 3.14 is the default.\n');
    const failed = runCli(['dockerfile', '--defaults', '--port', '80'], dir);
    assert.equal(failed.stdout, '');
    assert.match(failed.stderr, /^generator-python-docker: error: Invalid --port/);
  });

  it('--dry-run says that nothing was written, and lists what would be', () => {
    const dir = projectFolder();
    const run = runCli(['multistage', '--defaults', '--dry-run'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(readdirSync(dir).sort(), PROJECT_FILES, 'nothing written');
    assert.match(run.stdout, /^ +would create Dockerfile\.multistage$/m);
    assert.doesNotMatch(run.stdout, /^ +create /m);
    assert.match(run.stdout.trim().split('\n').at(-1)!, /^--dry-run: nothing was written\./);

    // Into a folder --cwd would create: not even the folder.
    const target = join(emptyFolder(), 'workshop');
    const workshop = runCli(['--defaults', '--dry-run', '--cwd', target], emptyFolder());
    assert.equal(workshop.code, 0, workshop.stderr);
    assert.ok(!existsSync(target), 'the folder is not left behind');
    assert.doesNotMatch(workshop.stdout, /^Next:/m, 'nothing to build');
  });

  it('an unknown option with --cwd DIR: one line, and DIR is not created', () => {
    const parent = emptyFolder();
    const target = join(parent, 'new', 'workshop');
    const run = runCli(['--defaults', '--bogus', '--cwd', target], emptyFolder());
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'generator-python-docker: error: unknown option --bogus: see --help\n');
    assert.deepEqual(readdirSync(parent), []);
    const invalid = runCli(['--defaults', '--port', '80', '--cwd', target], emptyFolder());
    assert.equal(invalid.code, 1);
    assert.deepEqual(readdirSync(parent), [], 'nor after an invalid value');
  });

  it("app in a folder that holds another project refuses with one line, writing nothing", () => {
    const dir = emptyFolder();
    writeFileSync(join(dir, 'package.json'), '{"name": "site"}\n');
    writeFileSync(join(dir, 'index.js'), 'console.log("hi")\n');
    const run = runCli(['--defaults'], dir);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      "generator-python-docker: error: this folder holds something else (index.js, package.json): the workshop's sample app is scaffolded only into an empty folder (dotfiles, README and LICENSE are fine); run it in a new folder, or in your Python project to add its Docker files\n",
    );
    assert.deepEqual(readdirSync(dir).sort(), ['index.js', 'package.json']);
    const go = emptyFolder();
    writeFileSync(join(go, 'go.mod'), 'module example.com/x\n');
    assert.equal(runCli(['--defaults'], go).code, 1);
  });

  it('app still scaffolds into a folder with only dotfiles, a README and a LICENSE', () => {
    const dir = emptyFolder();
    mkdirSync(join(dir, '.git'));
    for (const file of ['.gitignore', '.editorconfig', 'README.md', 'LICENSE']) writeFileSync(join(dir, file), 'x\n');
    const run = runCli(['--defaults'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readdirSync(dir).includes('Dockerfile.multistage'));
  });

  it('multistage prints its steps in teaching order: Step 4 (.dockerignore) before Step 6', () => {
    const run = runCli(['multistage', '--defaults'], projectFolder());
    assert.equal(run.code, 0, run.stderr);
    const step4 = run.stdout.indexOf('Step 4 - ');
    const step6 = run.stdout.indexOf('Step 6 - ');
    assert.ok(step4 >= 0 && step6 > step4, run.stdout);
  });

  it('the read block names each value once: server, then the command', () => {
    const run = runCli(['dockerfile', '--defaults'], projectFolder());
    const block = readBlock(run.stdout);
    assert.equal(block.filter((line) => /^ {2}server:/.test(line)).length, 1, block.join('\n'));
    assert.ok(block.some((line) => /^ {2}command: \["gunicorn"/.test(line)), block.join('\n'));
  });

  it('--server is an answer like the others: the flag is stored, a re-run follows the stored choice, and says so', () => {
    const dir = projectFolder();
    const first = runCli(['dockerfile', '--defaults', '--server', 'uvicorn', '--wsgi-app', 'main:app'], dir);
    assert.equal(first.code, 0, first.stderr);
    assert.ok(readBlock(first.stdout).includes('  server: uvicorn (flag)'), first.stdout);
    assert.equal(JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-python-docker'].server, 'uvicorn');
    const again = runCli(['dockerfile', '--defaults'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.ok(readBlock(again.stdout).includes('  server: uvicorn (stored in .yo-rc.json)'), again.stdout);
    assert.match(readFileSync(join(dir, 'Dockerfile'), 'utf8'), /^CMD \["uvicorn"/m);
    // A flag still wins over the stored choice.
    const flagged = runCli(['dockerfile', '--defaults', '--server', 'gunicorn'], dir);
    assert.equal(flagged.code, 0, flagged.stderr);
    assert.ok(readBlock(flagged.stdout).includes('  server: gunicorn (flag)'), flagged.stdout);
  });

  it("the project's server is read afresh, never stored; a project with no entry point gets the default", () => {
    const dir = projectFolder();
    const run = runCli(['dockerfile', '--defaults'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(readBlock(run.stdout).some((line) => /^ {2}server: gunicorn \(from .+\)$/.test(line)), run.stdout);
    assert.equal(JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-python-docker'].server, undefined);
    const sample = runCli(['--defaults'], emptyFolder());
    assert.ok(readBlock(sample.stdout).includes('  server: gunicorn (default)'), sample.stdout);
  });

  it('an invalid --server, or a stored one, stops the run with one line in the run\'s language', () => {
    const flag = runCli(['dockerfile', '--defaults', '--lang', 'zh-CN', '--server', 'waitress'], projectFolder());
    assert.equal(flag.code, 1);
    assert.equal(flag.stderr.trim().split('\n').length, 1, flag.stderr);
    assert.match(flag.stderr, /--server 的值无效：.*"waitress"/);
    const dir = projectFolder();
    writeFileSync(join(dir, '.yo-rc.json'), JSON.stringify({ 'generator-python-docker': { schema: 3, server: 'waitress' } }));
    const stored = runCli(['dockerfile', '--defaults', '--lang', 'zh-CN'], dir);
    assert.equal(stored.code, 1);
    assert.equal(stored.stderr.trim().split('\n').length, 1, stored.stderr);
    assert.match(stored.stderr, /\.yo-rc\.json 里的 server 无效：.*"waitress"/);
  });

  it("a project file the readers cannot use: one line in the run's language, exit 1, nothing written", () => {
    for (const [files, said] of [
      [{ 'poetry.lock': '# lock\n', 'main.py': 'print(1)\n' }, /有 poetry\.lock 却没有 pyproject\.toml/],
      [{ 'requirements.txt': 'flask --index-url https://example.org/simple\n', 'main.py': 'print(1)\n' }, /requirements\.txt 第 1 行：选项 --index-url 不能跟在同一行的依赖后面/],
      [{ Pipfile: 'packages = "flask"\n', 'main.py': 'print(1)\n' }, /Pipfile：\[packages\] 必须是一个表/],
    ] as const) {
      const dir = emptyFolder();
      for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
      const run = runCli(['dockerfile', '--defaults', '--lang', 'zh-CN'], dir);
      assert.equal(run.code, 1, run.output);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, said);
      assert.deepEqual(englishRuns(run.stderr.replace(/^generator-python-docker：/, '')), [], run.stderr);
      assert.ok(!existsSync(join(dir, 'Dockerfile')));
    }
  });

  it("a .dockerignore the generator wrote is not called the user's", () => {
    const dir = projectFolder();
    assert.equal(runCli(['dockerignore', '--defaults'], dir).code, 0);
    const again = runCli(['dockerignore', '--defaults'], dir);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.output, /yours|your lines/);
    assert.match(again.stdout, /^identical \.dockerignore$/m);
    // Written by an earlier version (no record of it in .yo-rc.json), then edited by its user: the
    // user's lines are theirs, the file is not "yours" wholesale. (With a record, the user's
    // removal of .git is an edit the three-way merge keeps, with a warning: see rerun.test.ts.)
    const yoRc = JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'));
    delete yoRc['generator-python-docker'].files;
    delete yoRc['generator-python-docker'].inputs;
    writeFileSync(join(dir, '.yo-rc.json'), JSON.stringify(yoRc));
    writeFileSync(join(dir, '.dockerignore'), readFileSync(join(dir, '.dockerignore'), 'utf8').replace(/^\.git$/m, ''));
    const merged = runCli(['dockerignore', '--defaults'], dir);
    assert.match(merged.stdout, /^\.dockerignore \(written by an earlier run\): kept its lines, appended \.git$/m);
    // The user's own file still is.
    const theirs = projectFolder();
    writeFileSync(join(theirs, '.dockerignore'), 'node_modules\n');
    assert.match(runCli(['dockerignore', '--defaults'], theirs).stdout, /^\.dockerignore: kept your lines, appended /m);
  });

  it('--git in the workshop folder an earlier run created does not call it a project of its own', () => {
    const dir = join(emptyFolder(), 'workshop');
    const env = { GIT_CONFIG_NOSYSTEM: '1', HOME: emptyFolder() };
    assert.equal(runCli(['--defaults', '--git', '--cwd', dir], emptyFolder(), env).code, 0);
    const again = runCli(['--defaults', '--git'], dir, env);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.output, /project of its own|your code/);
    assert.equal(again.stderr, 'warning: --git: this folder holds the workshop an earlier run scaffolded; its git history is made only when the workshop is first scaffolded, so no commits are made now.\n');
    assert.match(again.stdout, /^The workshop an earlier run scaffolded is here: writing its Docker files again\.$/m);
  });

  it('PYDOCKER_OFFLINE=1: the Python line says the package index was not asked, not that it came from the project', () => {
    const run = runCli(['multistage', '--defaults', '--dry-run'], projectFolder(), { PYDOCKER_OFFLINE: '1' });
    assert.equal(run.code, 0, run.stderr);
    const python = readBlock(run.stdout).find((line) => line.startsWith('  python:'));
    assert.equal(python, "  python: 3.13 (a cautious choice: the package index was not asked (PYDOCKER_OFFLINE=1), so the pinned packages' wheels were not checked)");
  });

  it('a .yo-rc.json that is not JSON: one line saying where, nothing written', () => {
    const dir = projectFolder();
    writeFileSync(join(dir, '.yo-rc.json'), '{\n  "generator-python-docker": { port: 8080 }\n}\n');
    const run = runCli(['multistage', '--defaults'], dir);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'generator-python-docker: error: .yo-rc.json is not valid JSON (line 2, column 32): fix it, or delete it to start over\n');
    assert.deepEqual(readdirSync(dir).sort(), ['.yo-rc.json', ...PROJECT_FILES]);
  });
});
