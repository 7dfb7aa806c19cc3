/**
 * compare.py (templates/sample/compare.py.ejs), the attendees' compare command, without docker:
 * it renders, compiles, answers --help, and its pure parts (reading BuildKit's output, the table,
 * the HTML chart, restoring the edited file) behave. test/e2e/compare.test.ts runs it for real.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ejs from 'ejs';
import { DEFAULT_ANSWERS, type Answers } from '../../lib/state/answers.js';
import { cliEn } from '../../lib/messages/cli-en.js';
import { en } from '../../lib/messages/en.js';
import { zhCN } from '../../lib/messages/zh-CN.js';
import { planDocker, shellLines } from '../../lib/decide/plan.js';
import { sampleProjectInput } from '../../lib/decide/sample.js';
import { commentLines } from '../../lib/yeoman/docker-steps.js';
import { CLI, REPO_ROOT } from '../helpers/paths.js';

const TEMPLATE = join(REPO_ROOT, 'templates', 'sample', 'compare.py.ejs');

/** Renders compare.py with the data the app generator gives every template (plan + helpers). */
function renderCompare(answers: Partial<Answers> = {}, compareText: Record<string, string> = en.compare): string {
  const all = { ...DEFAULT_ANSWERS, ...answers };
  const plan = planDocker(all, sampleProjectInput(all.wsgiApp));
  // cc, comment: its docstrings and comments, in English (the generator passes the run's language).
  return ejs.render(readFileSync(TEMPLATE, 'utf8'), { ...plan, shellLines, compareText, cc: cliEn.compareComments, comment: commentLines }, { filename: TEMPLATE });
}

function python(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  // An explicit working folder: a generator test run before this file may leave the process in a deleted one.
  const run = spawnSync('python3', args, { encoding: 'utf8', cwd: tmpdir(), ...options, env: { ...process.env, ...options.env } });
  if (run.error) throw run.error;
  return run;
}

/** Evaluates a Python expression with compare.py (in dir) imported, and returns its value through JSON. */
function call(dir: string, expression: string, input = ''): unknown {
  const code = `import json, sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nimport compare\nprint(json.dumps(${expression}))`;
  const run = python(['-c', code], { input });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

// Trimmed from real `docker build --progress=plain` runs of the generated Dockerfiles.
const BETTER_REBUILD = `#5 [2/5] WORKDIR /app
#5 CACHED

#8 [4/5] RUN pip install --no-cache-dir -r requirements.txt
#8 sha256:862a936e771584f49cf821c01166428347d0a89232bc21ae36108d54838058b7
#8 CACHED

#9 [5/5] COPY . .
#9 DONE 0.1s
`;
const BAD_REBUILD = `#6 [3/4] COPY . .
#6 DONE 0.1s

#7 [4/4] RUN pip install --no-cache-dir -r requirements.txt
#7 3.373 Collecting Flask==3.1.3 (from -r requirements.txt (line 4))
#7 DONE 5.1s
`;
const MULTISTAGE_REBUILD = `#7 [builder 2/5] RUN apt-get update  && apt-get install -y --no-install-recommends build-essential python3-pip
#7 CACHED

#11 [builder 5/5] RUN python -m venv --without-pip /opt/venv  && pip --python /opt/venv/bin/python install --no-cache-dir -r requirements.txt
#11 CACHED

#13 [stage-1 5/5] COPY --chown=10001:10001 . .
#13 DONE 0.0s
`;
const UV_HALF_CACHED = `#8 [4/6] RUN pip install --no-cache-dir uv==0.9.0
#8 CACHED
#9 [5/6] RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked --no-dev --no-install-project
#9 0.2 Resolved 9 packages
#9 DONE 1.0s
`;

const RESULTS = [
  { dockerfile: 'Dockerfile.bad', image: 'compare-bad', size_bytes: 934_309_725, cold_build_s: 5.57, rebuild_s: 5.3, deps_cached: false, stop_s: 10.3, uid: 0 },
  { dockerfile: 'Dockerfile', image: 'compare-dockerfile', size_bytes: 126_275_188, cold_build_s: 5.37, rebuild_s: 0.84, deps_cached: true, stop_s: 0.7, uid: 10001 },
  { dockerfile: 'Dockerfile.<x>', image: 'compare-x', size_bytes: null, cold_build_s: 1, rebuild_s: 1, deps_cached: null, stop_s: 1, uid: null },
];

describe('compare.py (the generated compare command)', () => {
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'compare-unit-'));
    writeFileSync(join(dir, 'compare.py'), renderCompare());
    writeFileSync(join(dir, 'main.py'), 'print("hello")\n');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('renders the answers into its defaults and leaves no template tag behind', () => {
    const source = readFileSync(join(dir, 'compare.py'), 'utf8');
    assert.doesNotMatch(source, /<%|%>/);
    assert.match(source, /^PORT = 5000$/m);
    assert.match(source, /^APP_FILE = "main\.py"$/m);
    const custom = renderCompare({ port: 8080, wsgiApp: 'web.server:api' });
    assert.match(custom, /^PORT = 8080$/m);
    assert.match(custom, /^APP_FILE = "web\/server\.py"$/m);
  });

  it('compiles, with every user-facing string in the TEXT dict at the top', () => {
    const run = python(['-m', 'py_compile', join(dir, 'compare.py')]);
    assert.equal(run.status, 0, run.stderr);
    const source = readFileSync(join(dir, 'compare.py'), 'utf8');
    assert.ok(source.indexOf('TEXT = {') < source.indexOf('\ndef '), 'TEXT comes before the first function');
  });

  it('answers --help with its options, the DOCKER variable and --network-host', () => {
    const run = python([join(dir, 'compare.py'), '--help']);
    assert.equal(run.status, 0, run.stderr);
    for (const option of ['--dockerfiles', '--port', '--network-host', '--build-flag', '--run-flag', '--out', '--json', '--keep']) {
      assert.ok(run.stdout.includes(option), `--help mentions ${option}`);
    }
    assert.match(run.stdout, /default: \$DOCKER, else docker/);
    assert.match(run.stdout, /-p PORT:PORT/);
  });

  it('tells from the plain build output whether the dependency step came from the cache', () => {
    assert.equal(call(dir, 'compare.dependency_step_cached(sys.stdin.read())', BETTER_REBUILD), true);
    assert.equal(call(dir, 'compare.dependency_step_cached(sys.stdin.read())', BAD_REBUILD), false);
    // builder-stage prefixes; an apt-get line naming python3-pip is not the dependency step
    assert.equal(call(dir, 'compare.dependency_step_cached(sys.stdin.read())', MULTISTAGE_REBUILD), true);
    // every install step must be cached: the uv tool was, the sync ran
    assert.equal(call(dir, 'compare.dependency_step_cached(sys.stdin.read())', UV_HALF_CACHED), false);
    assert.equal(call(dir, 'compare.dependency_step_cached(sys.stdin.read())', '#5 [2/3] RUN echo hi\n#5 CACHED\n'), null);
  });

  it('finds the Dockerfiles in teaching order and names their images', () => {
    const project = join(dir, 'project');
    mkdirSync(project);
    for (const name of ['Dockerfile.multistage', 'Dockerfile', 'Dockerfile.dev', 'Dockerfile.bad', 'Dockerfile.better', 'Dockerfile.dev.dockerignore', 'Dockerfile~']) {
      writeFileSync(join(project, name), 'FROM scratch\n');
    }
    assert.deepEqual(call(dir, `compare.find_dockerfiles(compare.Path(${JSON.stringify(project)}))`), [
      'Dockerfile.bad',
      'Dockerfile.better',
      'Dockerfile',
      'Dockerfile.multistage',
      'Dockerfile.dev',
    ]);
    assert.deepEqual(call(dir, `[compare.slug(n) for n in ["Dockerfile", "Dockerfile.bad", "Dockerfile.My App"]]`), ['dockerfile', 'bad', 'my-app']);
  });

  it('formats the figures as an aligned text table', () => {
    const table = call(dir, 'compare.format_table(json.loads(sys.stdin.read()))', JSON.stringify(RESULTS)) as string;
    const lines = table.split('\n');
    assert.equal(lines.length, 2 + RESULTS.length);
    assert.match(lines[0], /^Dockerfile +Image size +Cold build +Rebuild after code edit +Dependency step on rebuild +docker stop +Runs as UID$/);
    assert.match(lines[1], /^-+( +-+){6}$/);
    assert.match(lines[2], /^Dockerfile\.bad +934 MB +5\.6 s +5\.3 s +ran again +10\.3 s +0 \(root\)$/);
    assert.match(lines[3], /^Dockerfile +126 MB +5\.4 s +0\.8 s +CACHED +0\.7 s +10001$/);
    assert.match(lines[4], /^Dockerfile\.<x> +\? .* no install step found .* \?$/);
    assert.equal(new Set(lines.map((line) => line.length)).size, 1, 'columns line up');
  });

  it('writes a self-contained HTML page with one bar per Dockerfile in each chart', () => {
    const page = call(dir, 'compare.render_html(json.loads(sys.stdin.read()))', JSON.stringify(RESULTS)) as string;
    assert.match(page, /^<!DOCTYPE html>/);
    assert.doesNotMatch(page, /(src|href)\s*=|https?:\/\/|<script|<link|@import|url\(/i);
    const charts = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    assert.equal(charts.length, 4);
    for (const chart of charts) {
      const bars = [...chart.matchAll(/<rect class="bar[^"]*" data-dockerfile="([^"]*)"/g)].map((m) => m[1]);
      assert.deepEqual(bars, ['Dockerfile.bad', 'Dockerfile', 'Dockerfile.&lt;x&gt;']);
    }
    // the biggest value gets the longest bar
    const sizes = [...charts[0].matchAll(/ width="(\d+)" height="20"/g)].map((m) => Number(m[1]));
    assert.equal(Math.max(...sizes), sizes[0]);
    assert.ok(page.includes('<td>ran again</td>') && page.includes('<td>0 (root)</td>'));
  });

  it('puts the edited file back, even when the build fails', () => {
    const file = join(dir, 'edited.py');
    writeFileSync(file, 'x = 1');
    const code = `import sys\nsys.path.insert(0, ${JSON.stringify(dir)})\nimport compare\ntry:\n    with compare.code_only_edit(compare.Path(${JSON.stringify(file)})):\n        print(open(${JSON.stringify(file)}).read())\n        raise RuntimeError\nexcept RuntimeError:\n    pass`;
    const run = python(['-c', code]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^x = 1\n# compare\.py: code-only edit \d+\n/);
    assert.equal(readFileSync(file, 'utf8'), 'x = 1');
  });

  describe('with a fake docker', () => {
    let fakeDocker: string;
    let project: string;

    before(() => {
      // Answers `version`, fails the cold build, hangs in the rebuild: enough to test the error paths.
      fakeDocker = join(dir, 'fake-docker');
      writeFileSync(
        fakeDocker,
        [
          '#!/bin/sh',
          'case "$1" in',
          '  version) echo 20.10.0 ;;',
          '  build) case " $* " in',
          '      *" --no-cache "*) [ -n "$FAKE_COLD_FAILS" ] && { echo "#7 ERROR: executor failed running [pip install]: exit code: 1"; exit 1; } ;;',
          '      *) touch "$FAKE_MARK"; exec sleep 30 ;;',
          '    esac ;;',
          '  image) echo 1000 ;;',
          'esac',
          'exit 0',
        ].join('\n'),
      );
      chmodSync(fakeDocker, 0o755);
      project = join(dir, 'fake-project');
      mkdirSync(project);
      writeFileSync(join(project, 'compare.py'), renderCompare());
      writeFileSync(join(project, 'main.py'), 'print("hello")\n');
      writeFileSync(join(project, 'Dockerfile'), 'FROM scratch\n');
    });

    it('exits 1 with a one-line error when docker is missing', () => {
      const run = python([join(project, 'compare.py')], { env: { DOCKER: join(dir, 'no-such-docker') } });
      assert.equal(run.status, 1);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^compare\.py: error: '.*no-such-docker' not found: install Docker/);
    });

    it('exits 1 with a one-line error when a build fails', () => {
      const run = python([join(project, 'compare.py'), '--docker', fakeDocker], { env: { FAKE_COLD_FAILS: '1' } });
      assert.equal(run.status, 1);
      const errors = run.stderr.split('\n').filter((line) => line.startsWith('compare.py:'));
      assert.deepEqual(errors, ['compare.py: error: docker build -f Dockerfile failed (exit 1): #7 ERROR: executor failed running [pip install]: exit code: 1']);
      assert.equal(readFileSync(join(project, 'main.py'), 'utf8'), 'print("hello")\n');
    });

    it('restores the app file when stopped in the middle of the rebuild', async function () {
      this.timeout(20_000);
      const mark = join(dir, 'rebuild-started');
      const child = spawn('python3', [join(project, 'compare.py'), '--docker', fakeDocker], {
        cwd: tmpdir(),
        env: { ...process.env, FAKE_MARK: mark },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const deadline = Date.now() + 10_000;
      while (!existsSync(mark) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(existsSync(mark), `the rebuild never started: ${stderr}`);
      assert.match(readFileSync(join(project, 'main.py'), 'utf8'), /code-only edit/);
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      assert.equal(code, 130, stderr);
      assert.equal(readFileSync(join(project, 'main.py'), 'utf8'), 'print("hello")\n');
      assert.match(stderr, /Interrupted: main\.py restored/);
    });
  });

  it('speaks the workshop language in --help, progress lines and errors (zh-CN)', () => {
    const project = join(dir, 'zh-project');
    mkdirSync(project);
    writeFileSync(join(project, 'compare.py'), renderCompare({}, zhCN.compare));
    writeFileSync(join(project, 'main.py'), 'print("hello")\n');
    writeFileSync(join(project, 'Dockerfile'), 'FROM scratch\n');
    const help = python([join(project, 'compare.py'), '--help']);
    assert.equal(help.status, 0, help.stderr);
    assert.match(help.stdout, /构建本项目的每个 Dockerfile/);
    assert.match(help.stdout, /--keep +保留镜像和构建缓存/);
    const fake = join(project, 'fake-docker');
    writeFileSync(fake, '#!/bin/sh\ncase "$1" in version) echo 28.0.0 ;; build) echo "#7 ERROR: boom"; exit 1 ;; esac\nexit 0\n');
    chmodSync(fake, 0o755);
    const run = python([join(project, 'compare.py'), '--docker', fake]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /^\[1\/1\] Dockerfile：冷构建（docker build --no-cache）……$/m);
    assert.match(run.stderr, /^compare\.py: error: docker build -f Dockerfile 失败（退出码 1）：#7 ERROR: boom$/m);
  });

  it('cleans up only what its run added: its images and the new build cache records', () => {
    const log = join(dir, 'cleanup.log');
    const cache = join(dir, 'cleanup.cache');
    const fake = join(dir, 'fake-docker-cleanup');
    // The engine's build cache ("*": in use): a and b were there before the run, c and d are new;
    // c can only go once d is gone (d was built on c), as BuildKit does.
    writeFileSync(cache, 'a*\nb\nc\nd*\n');
    writeFileSync(
      fake,
      [
        '#!/bin/sh',
        `echo "$*" >> ${JSON.stringify(log)}`,
        'case "$1" in',
        `  system) tr '\\n' ' ' < ${JSON.stringify(cache)} ;;`,
        '  builder) id=${6#id=}',
        `    if [ "$id" = c ] && grep -q '^d' ${JSON.stringify(cache)}; then exit 0; fi`,
        `    grep -v "^$id\\*\\?$" ${JSON.stringify(cache)} > ${JSON.stringify(cache)}.new; mv ${JSON.stringify(cache)}.new ${JSON.stringify(cache)} ;;`,
        'esac',
        'exit 0',
      ].join('\n'),
    );
    chmodSync(fake, 0o755);
    const opts = `compare.parse_args(["--docker", ${JSON.stringify(fake)}])`;
    call(dir, `compare.clean_up(${opts}, {"images": ["compare-bad", "compare-dockerfile"], "untagged_removed": 2}, {"a", "b"})`);
    const df = 'system df -v --format {{range .BuildCache}}{{.ID}} {{end}}';
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
      'rmi -f compare-bad',
      'rmi -f compare-dockerfile',
      df,
      'builder prune --force --all --filter id=c',
      'builder prune --force --all --filter id=d',
      df,
      'builder prune --force --all --filter id=c',
      df,
    ]);
    assert.equal(readFileSync(cache, 'utf8'), 'a*\nb\n');
    // An engine that cannot list its build cache: no prune at all (never the whole cache).
    rmSync(log);
    call(dir, `compare.clean_up(${opts}, {"images": ["compare-bad"], "untagged_removed": 0}, None)`);
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['rmi -f compare-bad']);
  });

  it('keeps pruning while a pass removes something: a chain of records built one on another all goes', () => {
    const cache = join(dir, 'chain.cache');
    const fake = join(dir, 'fake-docker-chain');
    // c <- d <- e <- f (each built on the one before): in id order only the last can go in a
    // pass, so the chain needs four passes; a fixed three once left c behind (a CI run did).
    writeFileSync(cache, 'a\nc\nd\ne\nf\n');
    writeFileSync(
      fake,
      [
        '#!/bin/sh',
        'case "$1" in',
        `  system) tr '\\n' ' ' < ${JSON.stringify(cache)} ;;`,
        '  builder) id=${6#id=}',
        '    case "$id" in c) child=d ;; d) child=e ;; e) child=f ;; *) child= ;; esac',
        `    if [ -n "$child" ] && grep -q "^$child$" ${JSON.stringify(cache)}; then exit 0; fi`,
        `    grep -v "^$id$" ${JSON.stringify(cache)} > ${JSON.stringify(cache)}.new; mv ${JSON.stringify(cache)}.new ${JSON.stringify(cache)} ;;`,
        'esac',
        'exit 0',
      ].join('\n'),
    );
    chmodSync(fake, 0o755);
    const opts = `compare.parse_args(["--docker", ${JSON.stringify(fake)}])`;
    call(dir, `compare.clean_up(${opts}, {"images": [], "untagged_removed": 0}, {"a"})`);
    assert.equal(readFileSync(cache, 'utf8'), 'a\n', 'every record the run added is gone, and only those');
  });

  it('is rendered by the app generator, identical to the template', () => {
    const out = mkdtempSync(join(tmpdir(), 'compare-cli-'));
    try {
      const run = spawnSync('node', [CLI, '--defaults', '--lang', 'en', '--cwd', out], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      assert.ok(existsSync(join(out, 'compare.py')), 'the app generator writes compare.py');
      assert.equal(readFileSync(join(out, 'compare.py'), 'utf8'), renderCompare());
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
