/**
 * The projects the e2e tier generates Dockerfiles for, and how each is prepared:
 * a temp folder, the package's own bin (`node dist/bin/cli.js --defaults ...`), then the clutter
 * that must never reach an image (.env, .git/, pkg/__pycache__/junk.pyc).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, FIXTURE_PROJECTS } from './paths.js';
import { describeFailure, run } from './proc.js';

export type Kind = 'A' | 'B' | 'C' | 'D';
export type Answer = 'hello' | 'native' | 'any';

export interface ProjectSpec {
  key: string;
  kind: Kind;
  /** Folder under test/fixtures/projects copied first (none: the generator's sample). */
  fixture?: string;
  /** Generator runs, each after --defaults; several runs write several files. */
  runs: string[][];
  /** The Dockerfiles the generator must write, exactly. */
  writes: string[];
  /** Built and run (empty: lint only). */
  build: string[];
  /** Linted here (the others are linted in the folder they are built from). */
  lint: string[];
  port: number;
  uid: number;
  gid: number;
  /** A code file that must be in /app (positive control of the "no junk" check). */
  codeFile: string;
  /** The app's Python file: edited for the cache check (A, B, C, and D too), holds the print() of the handler (A, B, C). */
  appFile?: string;
  answer: Answer;
  /** The request handler prints "GET / answered by ..." (checked in docker logs). */
  prints: boolean;
  /** Modules that must import in the final image (their compiled parts find their libraries). */
  imports?: string[];
  /**
   * Debian packages that only the builder's ldd scan can bring (no row in lib/tables/native-deps.ts):
   * the slim base lacks them, the multi-stage final image must have them.
   */
  scannedPackages?: string[];
  /** A path whose handler takes about 3 s: a `docker stop` during it must still let it answer. */
  slowPath?: string;
  /** The path probed (default /). */
  probePath?: string;
  /** Request headers of the probe (a proxy's X-Forwarded-Proto: https where production settings redirect to https). */
  probeHeaders?: Record<string, string>;
  /** Extra `docker run` arguments for every container of the project (e.g. -e NAME=VALUE). */
  runArgs?: string[];
  /** Named build contexts (`name=/abs/path`) for `docker build --build-context` (a workspace member's workspace). */
  buildContexts?: string[];
}

const ALL4 = ['Dockerfile.bad', 'Dockerfile.better', 'Dockerfile', 'Dockerfile.multistage'];
const PROD2 = ['Dockerfile', 'Dockerfile.multistage'];
const SAMPLE_B_ARGS = ['--python-version', '3.13', '--port', '8080', '--wsgi-app', 'web.server:create_app()', '--workers', '2', '--uid', '2000', '--gid', '2000'];

/** A: the sample; B: the sample with other answers; C: native deps; D: existing projects. */
export const CONTAINER_PROJECTS: ProjectSpec[] = [
  { key: 'sample', kind: 'A', runs: [[]], writes: ALL4, build: ALL4, lint: ALL4, port: 5000, uid: 10001, gid: 10001, codeFile: 'main.py', appFile: 'main.py', answer: 'hello', prints: true },
  { key: 'sample-b', kind: 'B', runs: [SAMPLE_B_ARGS], writes: ALL4, build: ALL4, lint: ALL4, port: 8080, uid: 2000, gid: 2000, codeFile: 'web/server.py', appFile: 'web/server.py', answer: 'hello', prints: true },
  // The same sample with Chinese teaching text: comments must not break a Dockerfile (issue 7).
  { key: 'sample-zh', kind: 'A', runs: [['--lang', 'zh-CN']], writes: ALL4, build: PROD2, lint: ALL4, port: 5000, uid: 10001, gid: 10001, codeFile: 'main.py', appFile: 'main.py', answer: 'hello', prints: true },
  { key: 'native-deps', kind: 'C', fixture: 'native-deps', runs: [[]], writes: PROD2, build: PROD2, lint: PROD2, port: 5000, uid: 10001, gid: 10001, codeFile: 'app.py', appFile: 'app.py', answer: 'native', prints: true },
  ...(
    [
      ['flask-custom-name', 5000, 'myapp/web.py'],
      ['flask-factory', 8080, 'flaskr/__init__.py'],
      ['django', 8000, 'mysite/urls.py'],
      ['fastapi', 8000, 'main.py'],
      ['uv', 8000, 'main.py'],
      ['poetry', 5000, 'app.py'],
      ['pipenv', 5000, 'wsgi.py'],
      ['pep621', 5000, 'hello/__init__.py'],
    ] as const
  ).map(([key, port, codeFile]): ProjectSpec => ({ key, kind: 'D', fixture: key, runs: [[]], writes: PROD2, build: PROD2, lint: PROD2, port, uid: 10001, gid: 10001, codeFile, appFile: codeFile, answer: 'any', prints: false })),
  // A package outside lib/tables/native-deps.ts compiled from source (pycurl, no wheel for 3.14): the
  // multi-stage runtime gets libcurl from the builder's ldd scan. Only the multi-stage file is
  // built: the single-stage Dockerfile installs compilers only for packages in the table.
  {
    key: 'native-untabled', kind: 'D', fixture: 'native-untabled', runs: [[]], writes: PROD2, build: ['Dockerfile.multistage'], lint: PROD2,
    port: 5000, uid: 10001, gid: 10001, codeFile: 'app.py', appFile: 'app.py', answer: 'any', prints: false, imports: ['pycurl'], slowPath: '/slow',
  },
  // A second one, whose library libcurl does not pull in (so pycurl cannot hide a miss): kerberos
  // 1.3.1 (SPNEGO for Flask, as Flask-Kerberos does it) publishes no Linux wheel for any Python and
  // links libgssapi_krb5, in the full python image but not in the slim one.
  {
    key: 'native-kerberos', kind: 'D', fixture: 'native-kerberos', runs: [[]], writes: PROD2, build: ['Dockerfile.multistage'], lint: PROD2,
    port: 5000, uid: 10001, gid: 10001, codeFile: 'app.py', appFile: 'app.py', answer: 'any', prints: false, imports: ['kerberos'],
    scannedPackages: ['libgssapi-krb5-2', 'libkrb5-3', 'libk5crypto3', 'libkrb5support0'],
  },
];

const lintOnly = (key: string, fixture: string | undefined, runs: string[][], writes: string[], lint: string[]): ProjectSpec => ({
  key, kind: fixture ? 'D' : 'A', fixture, runs, writes, build: [], lint, port: 0, uid: 10001, gid: 10001, codeFile: '', answer: 'any', prints: false,
});

/** Generated only to be linted: other base variants, and the teaching stages on existing projects. */
export const LINT_PROJECTS: ProjectSpec[] = [
  lintOnly('sample-alpine', undefined, [['--base-variant', 'alpine']], ALL4, ALL4),
  lintOnly('sample-full', undefined, [['--base-variant', 'full']], ALL4, ALL4),
  lintOnly('native-deps-alpine', 'native-deps', [['--base-variant', 'alpine']], PROD2, PROD2),
  ...CONTAINER_PROJECTS.filter((p) => p.kind === 'D').map((p) =>
    lintOnly(`${p.key}-stages`, p.fixture, [[], ['dockerfile', '--stage', 'bad', '--force'], ['dockerfile', '--stage', 'better', '--force']], [...PROD2, 'Dockerfile.bad', 'Dockerfile.better'], ['Dockerfile.bad', 'Dockerfile.better']),
  ),
];

/**
 * PYDOCKER_E2E_ONLY=key1,key2: only these projects (containers.test.ts keys, real-projects
 * fixture names); unset or empty: all of them.
 */
export function onlyKeys(env: NodeJS.ProcessEnv = process.env): Set<string> | undefined {
  const keys = (env.PYDOCKER_E2E_ONLY ?? '').split(',').map((k) => k.trim()).filter(Boolean);
  return keys.length ? new Set(keys) : undefined;
}

export function selectedProjects<T extends { key: string }>(specs: T[], env: NodeJS.ProcessEnv = process.env): T[] {
  const only = onlyKeys(env);
  return only ? specs.filter((s) => only.has(s.key)) : specs;
}

export interface PreparedProject {
  spec: ProjectSpec;
  dir: string;
  /** What the generator printed (it says what it read from the project). */
  generatorOutput: string;
  /** Dockerfile* files found after generation. */
  dockerfiles: string[];
}

/** Inserts a print() into the native-deps handler, like the sample's, so that live logs can be checked. */
function addPrintToNativeApp(dir: string): void {
  const file = join(dir, 'app.py');
  const text = readFileSync(file, 'utf8');
  const marker = 'def index():\n';
  if (!text.includes(marker)) throw new Error(`native-deps fixture changed: no "${marker.trim()}" in app.py to add a print() to`);
  writeFileSync(file, text.replace(marker, `${marker}    print("GET / answered by the native-deps app")\n`));
}

export async function prepareProject(spec: ProjectSpec, root: string, logFile: string): Promise<PreparedProject> {
  const dir = join(root, spec.key);
  mkdirSync(dir, { recursive: true });
  if (spec.fixture) cpSync(join(FIXTURE_PROJECTS, spec.fixture), dir, { recursive: true });
  if (spec.kind === 'C' && spec.build.length) addPrintToNativeApp(dir);
  let output = '';
  for (const args of spec.runs) {
    const sub = args[0] && !args[0].startsWith('-') ? [args[0]] : [];
    const rest = sub.length ? args.slice(1) : args;
    const r = await run(process.execPath, [CLI, ...sub, '--defaults', ...rest], { cwd: dir, timeoutMs: 120_000, logFile });
    output += `$ generator-python-docker ${[...sub, '--defaults', ...rest].join(' ')}\n${r.stdout}${r.stderr}`;
    if (r.code !== 0) throw new Error(`the generator failed in ${dir}:\n${describeFailure(r)}`);
  }
  const dockerfiles = readdirSync(dir).filter((f) => /^Dockerfile/.test(f)).sort();
  if (spec.build.length) {
    // The clutter the .dockerignore must keep out of every image.
    writeFileSync(join(dir, '.env'), 'SECRET=x\n');
    mkdirSync(join(dir, '.git'), { recursive: true });
    writeFileSync(join(dir, '.git', 'config'), '[core]\n\trepositoryformatversion = 0\n');
    mkdirSync(join(dir, 'pkg', '__pycache__'), { recursive: true });
    writeFileSync(join(dir, 'pkg', '__pycache__', 'junk.pyc'), 'not bytecode\n');
    if (!existsSync(join(dir, spec.codeFile))) throw new Error(`${spec.key}: expected code file ${spec.codeFile} is missing`);
  }
  return { spec, dir, generatorOutput: output, dockerfiles };
}

/** The "Read from the project:" block the generator prints for an existing project. */
export function readSummary(output: string): string {
  const m = /Read from the project:\n((?: {2}.*\n)+)/.exec(output);
  return m ? m[1].replace(/\n$/, '') : '';
}
