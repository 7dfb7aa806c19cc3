/**
 * Real-project fixtures (issue 10): test/fixtures/real-projects/<name>/ is a project laid out the
 * way public repositories lay theirs out; test/fixtures/real-projects/<name>.e2e.json, beside it
 * (never copied into the project), says what it is modelled on, what it covers, how the generator
 * is run on it and what is built and probed:
 *
 *   { "modelledOn": ["owner/repo"], "covers": ["10.1 ..."], "generate": [["multistage"]],
 *     "build": ["Dockerfile.multistage"], "env": { "NAME": "value" },
 *     "probe": { "path": "/", "headers": { "X-Forwarded-Proto": "https" }, "status": 200, "body": "regex" },
 *     "readOnly": true, "notInImage": ["/app/db.sqlite3"],
 *     "expectOutput": ["regex"], "expectError": "regex (refusals: exit 1, nothing written)",
 *     "runIn": "apps/server" (a member folder of a workspace: the generator runs and the image builds there,
 *               with the fixture's root given as the named build context `workspace`) }
 *
 * probe.status: the exact status expected (else any below 500); probe.body: a regex the answer's
 * body must match. readOnly: the container runs with `--read-only` and an (anonymous) volume on
 * each folder the generator's output names with `-v NAME:FOLDER`, as a user would run it.
 * notInImage: paths that must not exist in the image (a developer's local database).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CLI, REAL_PROJECTS } from './paths.js';
import { run } from './proc.js';
import { readSummary, type PreparedProject, type ProjectSpec } from './projects.js';
import { Report, table } from './report.js';

export interface RealSpec {
  name: string;
  modelledOn: string[];
  covers: string[];
  generate: string[][];
  build: string[];
  env: Record<string, string>;
  probe: { path: string; headers?: Record<string, string>; status?: number; body?: string };
  readOnly: boolean;
  notInImage: string[];
  expectOutput: string[];
  expectError?: string;
  /** The folder (fixture-relative) the generator runs in and the image builds from; the fixture's root is the workspace. */
  runIn?: string;
}

const KEYS = new Set(['modelledOn', 'covers', 'generate', 'build', 'env', 'probe', 'readOnly', 'notInImage', 'expectOutput', 'expectError', 'runIn']);

function strings(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new Error(`${what} must be an array of strings`);
  return value;
}

/** Reads and checks one <name>.e2e.json; throws naming the file and the field. */
export function parseRealSpec(name: string, text: string): RealSpec {
  const where = `test/fixtures/real-projects/${name}.e2e.json`;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${where}: not JSON: ${(error as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${where}: must be a JSON object`);
  try {
    for (const key of Object.keys(raw)) if (!KEYS.has(key)) throw new Error(`unknown key "${key}"`);
    const modelledOn = strings(raw.modelledOn, 'modelledOn');
    if (modelledOn.length === 0 || !modelledOn.every((r) => /^[\w.-]+\/[\w.-]+$/.test(r))) throw new Error('modelledOn must name at least one owner/repo');
    const covers = strings(raw.covers, 'covers');
    if (covers.length === 0) throw new Error('covers must name at least one point of the issue');
    if (!Array.isArray(raw.generate) || raw.generate.length === 0) throw new Error('generate must be a non-empty array of argument arrays');
    const generate = raw.generate.map((args, i) => strings(args, `generate[${i}]`));
    const build = strings(raw.build ?? [], 'build');
    const env = (raw.env ?? {}) as Record<string, string>;
    if (typeof env !== 'object' || Array.isArray(env) || !Object.values(env).every((v) => typeof v === 'string')) throw new Error('env must map names to strings');
    const probe = (raw.probe ?? { path: '/' }) as RealSpec['probe'];
    if (typeof probe.path !== 'string' || !probe.path.startsWith('/')) throw new Error('probe.path must start with /');
    for (const key of Object.keys(probe)) if (!['path', 'headers', 'status', 'body'].includes(key)) throw new Error(`unknown key "probe.${key}"`);
    if (probe.headers !== undefined && (typeof probe.headers !== 'object' || !Object.values(probe.headers).every((v) => typeof v === 'string'))) throw new Error('probe.headers must map names to strings');
    if (probe.status !== undefined && (!Number.isInteger(probe.status) || probe.status < 100 || probe.status > 599)) throw new Error('probe.status must be an HTTP status');
    if (probe.body !== undefined) new RegExp(probe.body);
    const readOnly = raw.readOnly === undefined ? false : raw.readOnly;
    if (typeof readOnly !== 'boolean') throw new Error('readOnly must be true or false');
    const notInImage = strings(raw.notInImage ?? [], 'notInImage');
    if (!notInImage.every((path) => path.startsWith('/'))) throw new Error('notInImage paths must be absolute');
    const expectOutput = strings(raw.expectOutput ?? [], 'expectOutput');
    for (const re of expectOutput) new RegExp(re);
    const expectError = raw.expectError === undefined ? undefined : String(raw.expectError);
    if (expectError !== undefined) {
      new RegExp(expectError);
      if (build.length) throw new Error('a refusal (expectError) builds nothing: build must be []');
    } else if (build.length === 0) {
      throw new Error('build is empty and no expectError: the fixture would test nothing in the container tier');
    }
    const runIn = raw.runIn === undefined ? undefined : String(raw.runIn);
    if (runIn !== undefined && (runIn.startsWith('/') || runIn.split('/').includes('..') || runIn === '')) throw new Error('runIn must be a folder inside the fixture');
    return { name, modelledOn, covers, generate, build, env, probe, readOnly, notInImage, expectOutput, expectError, ...(runIn ? { runIn } : {}) };
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}

/** Every fixture with a spec, sorted by name. A folder without a spec (or the reverse) is an error. */
export function loadRealSpecs(root = REAL_PROJECTS): RealSpec[] {
  if (!existsSync(root)) return [];
  const entries = readdirSync(root);
  const specs = entries.filter((f) => f.endsWith('.e2e.json')).map((f) => f.slice(0, -'.e2e.json'.length));
  const folders = entries.filter((f) => statSync(join(root, f)).isDirectory());
  const missing = folders.filter((d) => !specs.includes(d));
  if (missing.length) throw new Error(`test/fixtures/real-projects: ${missing.join(', ')} ha${missing.length === 1 ? 's' : 've'} no <name>.e2e.json`);
  const orphan = specs.filter((s) => !folders.includes(s));
  if (orphan.length) throw new Error(`test/fixtures/real-projects: ${orphan.map((s) => `${s}.e2e.json`).join(', ')} without a folder`);
  return specs.sort().map((name) => parseRealSpec(name, readFileSync(join(root, `${name}.e2e.json`), 'utf8')));
}

/** The generator's arguments for run i: the sub-generator first, then --defaults, --force after the first run. */
export function generatorArgs(args: string[], index: number): string[] {
  const sub = args[0] && !args[0].startsWith('-') ? [args[0]] : [];
  const rest = sub.length ? args.slice(1) : args;
  return [...sub, '--defaults', ...(index > 0 ? ['--force'] : []), ...rest];
}

/** The environment the generator runs with: English messages whatever the machine's locale. */
export function generatorEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8', NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  return env;
}

/** Every file under dir with a content hash (folders are walked, .git included). */
export function treeHashes(dir: string, root = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of treeHashes(path, root)) out.set(k, v);
    else out.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return out;
}

export interface GeneratorRun {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RealPrepared extends PreparedProject {
  real: RealSpec;
  runs: GeneratorRun[];
  /** Files added, changed or removed by the generator (relative paths). */
  changed: string[];
}

export function toProjectSpec(real: RealSpec): ProjectSpec {
  return {
    key: real.name,
    kind: 'D',
    runs: real.generate,
    writes: [],
    build: real.build,
    lint: [],
    port: 0,
    uid: 0,
    gid: 0,
    codeFile: '',
    answer: 'any',
    prints: false,
    probePath: real.probe.path,
    probeHeaders: real.probe.headers,
    runArgs: Object.entries(real.env).flatMap(([k, v]) => ['-e', `${k}=${v}`]),
  };
}

/** A workspace member's build: the fixture's root (the workspace) as the named build context the generated Dockerfile reads. */
export function buildContextsFor(real: RealSpec, root: string): string[] {
  return real.runIn ? [`workspace=${root}`] : [];
}

/**
 * Copies the fixture to root/<name>, adds the clutter no image may contain (.env, .git/config),
 * runs every generate step with the package's bin (stopping at the first failure, which a
 * refusal expects), and records what changed.
 */
export function realPreparer(specs: RealSpec[]) {
  const byName = new Map(specs.map((s) => [s.name, s]));
  return async (spec: ProjectSpec, root: string, logFile: string): Promise<RealPrepared> => {
    const real = byName.get(spec.key);
    if (!real) throw new Error(`no real-project spec ${spec.key}`);
    const top = join(root, real.name);
    const dir = real.runIn ? join(top, real.runIn) : top;
    mkdirSync(top, { recursive: true });
    cpSync(join(REAL_PROJECTS, real.name), top, { recursive: true });
    writeFileSync(join(top, '.env'), 'SECRET_KEY=never-in-an-image\n');
    if (real.runIn) writeFileSync(join(dir, '.env'), 'SECRET_KEY=never-in-an-image\n');
    mkdirSync(join(top, '.git'), { recursive: true });
    writeFileSync(join(top, '.git', 'config'), '[core]\n\trepositoryformatversion = 0\n');
    const before = treeHashes(dir);
    const runs: GeneratorRun[] = [];
    let output = '';
    for (const [index, args] of real.generate.entries()) {
      const argv = generatorArgs(args, index);
      const r = await run(process.execPath, [CLI, ...argv], { cwd: dir, env: generatorEnv(), timeoutMs: 120_000, logFile });
      runs.push({ args: argv, code: r.code, stdout: r.stdout, stderr: r.stderr });
      output += `$ generator-python-docker ${argv.join(' ')}\n${r.stdout}${r.stderr}`;
      if (r.code !== 0) break;
    }
    const after = treeHashes(dir);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f)).sort();
    const dockerfiles = changed.filter((f) => /^Dockerfile[^/]*$/.test(f) && after.has(f));
    const outside = treeHashes(top);
    // --read-only as the output tells a user to run it: a volume on every folder it names.
    const runArgs = real.readOnly ? [...(spec.runArgs ?? []), '--read-only', ...namedVolumes(output).flatMap((folder) => ['-v', folder])] : spec.runArgs;
    return {
      spec: { ...spec, runArgs, buildContexts: buildContextsFor(real, top) },
      dir,
      generatorOutput: output,
      dockerfiles,
      real,
      runs,
      changed: [...changed, ...outsideChanges(top, dir, outside, real)],
    };
  };
}

/** The folders the generator's output says to mount a volume on (`-v NAME:/FOLDER`), each once. */
export function namedVolumes(output: string): string[] {
  return [...new Set([...output.matchAll(/(?:^|\s)-v [\w.-]+:(\/[^\s]*)/gm)].map((match) => match[1]!))];
}

/** Files outside the member folder: the generator writes nothing there (the fixture as copied, plus the clutter). */
function outsideChanges(top: string, dir: string, now: Map<string, string>, real: RealSpec): string[] {
  if (!real.runIn) return [];
  const fixture = treeHashes(join(REAL_PROJECTS, real.name));
  const member = `${real.runIn}/`;
  return [...now.keys()].filter((file) => !file.startsWith(member) && !file.startsWith('.git/') && file !== '.env' && fixture.get(file) !== now.get(file)).map((file) => `../${file}`);
}

/** The port a Dockerfile EXPOSEs (the last EXPOSE line, its first port). */
export function exposedPort(dockerfile: string): number | undefined {
  const lines = dockerfile.split('\n').filter((l) => /^\s*EXPOSE\s+/i.test(l));
  const m = /^\s*EXPOSE\s+(\d+)/i.exec(lines.at(-1) ?? '');
  return m ? Number(m[1]) : undefined;
}

/** What the generator read, for the table: the entry, port and server lines of its summary. */
export function readColumn(output: string): string {
  return readSummary(output)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^(entry|port|server|serving):/.test(l))
    .join('; ');
}

/** The closing table of issue 10: fixture, what was read, build s, MB, first response s, status. */
export class RealReport extends Report {
  override render(title: string): string {
    const fmt = (v: number | undefined) => (v === undefined ? '-' : String(v));
    const header = ['fixture', 'Dockerfile', 'what was read', 'build s', 'MB', 'first response s', 'status', 'user', 'hadolint'];
    const rows = [...this.rows.values()].map((r) => [
      r.project,
      r.dockerfile,
      (r.read ?? '-').replace(/\|/g, '\\|'),
      r.buildS === undefined ? '-' : `${r.buildS}${r.buildWarm ? '*' : ''}`,
      fmt(r.sizeMb),
      fmt(r.firstS),
      r.read?.startsWith('refused: ') ? 'refused' : fmt(r.status),
      r.uid ?? '-',
      fmt(r.hadolint),
    ]);
    const out = [`## ${title}`, '', table(header, rows)];
    out.push('', '`*` after a build time: the dependency step came from the cache of an earlier build. status: the first HTTP answer, or "refused" with the error when the generator must refuse.');
    if (this.notes.length) out.push('', '### Notes', '', ...this.notes.map((n) => `- ${n}`));
    if (this.timings.length) out.push('', '### Timings', '', ...this.timings.map((n) => `- ${n}`));
    return out.join('\n') + '\n';
  }
}
