/**
 * Part 3: one install pass (issue 21). On the same engine, for the workshop's sample and for a
 * real project with 50 hash-locked packages (test/fixtures/real-projects/pip-tools-hashes:
 * psycopg2-binary, markupsafe and wrapt compiled, cssmin and jsmin source only): the files the
 * generator wrote before (bench/old/, the two-pass wheelhouse), the files it writes now, and the
 * docker-init-style peer. For each: the cold build (BuildKit cache mounts pruned, --no-cache), the
 * rebuild after a code change, the rebuild after adding one package, the image size, and the
 * megabytes downloaded in each build.
 *
 * Each variant's sequence runs twice from the same files: once timed, with nothing in the way, and
 * once counted, through a proxy on 127.0.0.1 (the proxy build arguments, which BuildKit keeps out
 * of the cache key and the image): the bytes it carried from the internet, index pages and files
 * alike, whatever tool fetched them. The packages each build
 * fetched come from the tools' own lines: pip's `Downloading NAME-...`, uv's `Prepared N packages`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { appendFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, log, REPO_ROOT, type Timed } from './lib.js';

export interface InstallPassRow {
  project: string;
  label: string;
  /** today: the generator's files now; before: bench/old; peer: docker-init style. */
  kind: 'today' | 'before' | 'peer';
  error?: string;
  coldMs?: number;
  coldBytes?: number;
  codeChangeMs?: number;
  codeChangeBytes?: number;
  /** The dependency step came from the layer cache on the code change. */
  codeChangeCached?: boolean;
  addPackageMs?: number;
  addPackageBytes?: number;
  /** What the tools say they fetched on the rebuild after adding one package. */
  addPackageFetched?: string;
  sizeBytes?: number;
}

export interface InstallPassResult {
  rows: InstallPassRow[];
  notes: string[];
}

type DockerRun = (args: string[], options?: { cwd?: string; timeoutMs?: number }) => Timed;

/**
 * The package added in the dependency-change rebuild, with its hashes (wheel and sdist) where the
 * file has hashes. It must be new to every project: six, used before, was already one of the
 * 50-package project's pins, so that rebuild measured a duplicate line, not a new package.
 */
const ADDED = {
  name: 'iniconfig',
  plain: 'iniconfig==2.1.0',
  hashed:
    'iniconfig==2.1.0 --hash=sha256:9deba5723312380e77435581c6bf4935c94cbfab9b1ed33ef8d238ea168eb760 --hash=sha256:3abbd2e30b36733fee78f9c7f7308f2d0050e88f0087fd25c2645f63c773e1c7',
};

interface Project {
  name: string;
  /** Where the project was copied (with the generator's files in it). */
  dir: string;
  requirements: string;
  appFile: string;
  hashed: boolean;
  /** The docker-init-style Dockerfile, fitted to the project (its requirements path and app). */
  peer: string;
  /** bench/old/<name>/. */
  old: string;
}

/** What the tools say a build fetched: pip's `Downloading` lines, uv's `Prepared N packages`. */
export function fetched(buildLog: string): string {
  const pip = [...buildLog.matchAll(/\bDownloading (\S+?)-\d[^\s]*\.(?:whl|tar\.gz)\b/g)].map((match) => match[1]!);
  const uv = [...buildLog.matchAll(/\bPrepared (\d+) packages? in /g)].map((match) => Number(match[1]));
  const parts: string[] = [];
  if (pip.length > 0) parts.push(`pip: ${pip.length} file${pip.length === 1 ? '' : 's'}${pip.length <= 3 ? ` (${pip.join(', ')})` : ''}`);
  if (uv.length > 0) parts.push(`uv: ${uv.reduce((a, b) => a + b, 0)} package${uv.reduce((a, b) => a + b, 0) === 1 ? '' : 's'} prepared`);
  return parts.join('; ') || 'nothing';
}

/** The dependency steps of a plain-progress build log, and whether each was CACHED. */
function dependencyStepsCached(buildLog: string): boolean {
  const steps = new Set<string>();
  for (const match of buildLog.matchAll(/^#(\d+) \[[^\]]+\] RUN (.*)$/gm)) {
    if (/\b(pip|uv)\b.*\b(install|sync)\b/.test(match[2]!) && !/install (--target \S+ )?uv==\S+\s*$/.test(match[2]!)) steps.add(match[1]!);
  }
  return steps.size > 0 && [...steps].every((id) => new RegExp(`^#${id} CACHED$`, 'm').test(buildLog));
}

function buildError(run: Timed): string {
  const output = `${run.stdout}\n${run.stderr}`;
  const known = output.match(/THESE PACKAGES DO NOT MATCH THE HASHES|ImportError: [^\n]*|No matching distribution[^\n]*|adduser: not found/);
  if (known) return known[0];
  return (output.match(/^(?:error|ERROR)[^\n]*$/m)?.[0] ?? output.trim().split('\n').at(-1) ?? '').slice(0, 160);
}

/** Copies a project, writes the generator's files with the bin, and fits the peer to it. */
function prepare(work: string, runBin: (args: string[]) => void): Project[] {
  const projects: Project[] = [];
  const sample = join(work, 'install-pass-sample');
  runBin(['app', '--defaults', '--cwd', sample]);
  const peerTemplate = readFileSync(join(BENCH_DIR, 'docker-init', 'Dockerfile.useradd'), 'utf8');
  projects.push({ name: 'sample', dir: sample, requirements: 'requirements.txt', appFile: 'main.py', hashed: false, peer: peerTemplate, old: join(BENCH_DIR, 'old', 'sample') });

  const fixture = join(work, 'install-pass-pip-tools-hashes');
  cpSync(join(REPO_ROOT, 'test', 'fixtures', 'real-projects', 'pip-tools-hashes'), fixture, { recursive: true });
  for (const sub of ['dockerignore', 'dockerfile', 'multistage']) runBin([sub, '--defaults', '--force', '--cwd', fixture]);
  // docker init would have asked for the app and found the requirements file; the same answers here.
  const peer = peerTemplate.replace('source=requirements.txt,target=requirements.txt', 'source=requirements/requirements.txt,target=requirements.txt').replace('"main:app"', '"wsgi:app"');
  projects.push({ name: 'pip-tools-hashes (50 hash-locked packages)', dir: fixture, requirements: 'requirements/requirements.txt', appFile: 'wsgi.py', hashed: true, peer, old: join(BENCH_DIR, 'old', 'pip-tools-hashes') });
  return projects;
}

/** The counting proxy (bench/counting-proxy.ts), in a process of its own: the builds here block this one. */
class Proxy {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static start(): Promise<Proxy> {
    const child = spawn(process.execPath, ['--import', 'tsx/esm', join(BENCH_DIR, 'counting-proxy.ts')], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    return new Promise((resolve, reject) => {
      child.stdout!.once('data', (chunk: Buffer) => {
        const port = Number(/PORT=(\d+)/.exec(chunk.toString())?.[1]);
        if (port) resolve(new Proxy(child, port));
        else reject(new Error(`counting proxy said: ${chunk.toString()}`));
      });
      child.once('exit', (code) => reject(new Error(`counting proxy exited (${code})`)));
    });
  }

  /** Bytes carried since the last call. */
  async take(): Promise<number> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) throw new Error(`the counting proxy stopped (${this.child.exitCode ?? this.child.signalCode})`);
    // A new connection each time (no keep-alive): the builds block this process for longer than
    // the proxy keeps an idle connection open.
    return new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: this.port, path: '/__bytes', agent: false }, (answer) => {
          let body = '';
          answer.on('data', (chunk: Buffer) => (body += chunk.toString()));
          answer.on('end', () => resolve(Number(body)));
        })
        .on('error', (error) => reject(new Error(`the counting proxy did not answer: ${error.message}`)));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  stop(): void {
    this.child.kill();
  }
}

const seconds = (ms: number | undefined): string => (ms === undefined ? '?' : `${(ms / 1000).toFixed(1)} s`);
const megabytes = (bytes: number | undefined): string => (bytes === undefined ? '?' : `${(bytes / 1e6).toFixed(1)} MB`);

export async function measureInstallPass(docker: DockerRun, work: string, runBin: (args: string[]) => void, tagPrefix: string, createdTags: Set<string>): Promise<InstallPassResult | { error: string }> {
  let projects: Project[];
  try {
    projects = prepare(work, runBin);
  } catch (error) {
    return { error: `could not write the projects: ${(error as Error).message.split('\n')[0]}` };
  }
  const proxy = await Proxy.start();
  const rows: InstallPassRow[] = [];
  const notes = [
    `Each variant's builds run twice from the same files: timed with no proxy, then counted through a proxy on 127.0.0.1 (the HTTP_PROXY / HTTPS_PROXY build arguments, which BuildKit keeps out of the cache key and the image): "downloaded" is what it carried from the internet, index pages included. Timing through the proxy would add its hop to every request.`,
    'The peer is bench/docker-init/Dockerfile.useradd (docker init\'s template; adduser is gone from the trixie-and-later slim images), fitted to each project: its requirements file and its app.',
    `bench/old/ holds the files the generator wrote before (two passes: pip wheel into a wheelhouse, then pip install --no-index), rendered at main ab502a1.`,
  ];
  const proxyArgs = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy'].flatMap((name) => ['--build-arg', `${name}=${proxy.url}`]);
  const noProxy = ['NO_PROXY', 'no_proxy'].flatMap((name) => ['--build-arg', `${name}=127.0.0.1,localhost`]);
  try {
    for (const project of projects) {
      const variants: Array<{ label: string; kind: InstallPassRow['kind']; text: string }> = [
        { label: 'Dockerfile, before (two passes)', kind: 'before', text: readFileSync(join(project.old, 'Dockerfile'), 'utf8') },
        { label: 'Dockerfile.multistage, before (two passes)', kind: 'before', text: readFileSync(join(project.old, 'Dockerfile.multistage'), 'utf8') },
        { label: 'Dockerfile, today (uv)', kind: 'today', text: readFileSync(join(project.dir, 'Dockerfile'), 'utf8') },
        { label: 'Dockerfile.multistage, today (uv)', kind: 'today', text: readFileSync(join(project.dir, 'Dockerfile.multistage'), 'utf8') },
        { label: 'docker init style (peer)', kind: 'peer', text: project.peer },
      ];
      for (const [index, variant] of variants.entries()) {
        const row: InstallPassRow = { project: project.name, label: variant.label, kind: variant.kind };
        rows.push(row);
        const tag = `${tagPrefix}-pass-${project.name.split(' ')[0]}-${index}`;
        // Each variant builds its sequence twice, from the same files: timed with no proxy in the way
        // (the proxy adds a hop to every request, and uv makes many at once), then counted through it.
        for (const pass of ['timed', 'counted'] as const) {
          const viaProxy = pass === 'counted';
          // A fresh copy of the project for every pass: each starts from the same files.
          const dir = `${project.dir}-v${index}-${pass}`;
          cpSync(project.dir, dir, { recursive: true });
          const dockerfile = join(dir, 'Dockerfile.bench');
          writeFileSync(dockerfile, variant.text);
          // A comment line of this run in the requirements: no layer of an earlier build (another run,
          // the other pass) can be taken for these builds.
          appendFileSync(join(dir, project.requirements), `# bench run ${process.pid} ${Date.now()} ${pass}\n`);
          const build = async (noCache: boolean): Promise<{ run: Timed; bytes: number }> => {
            await proxy.take();
            const run = docker(['build', '--network', 'host', '--progress', 'plain', ...(noCache ? ['--no-cache'] : []), ...(viaProxy ? [...proxyArgs, ...noProxy] : []), '-f', dockerfile, '-t', tag, dir]);
            return { run, bytes: await proxy.take() };
          };

          log(`install pass: ${project.name}: ${variant.label}: cold build (${pass})`);
          docker(['builder', 'prune', '-f', '--filter', 'type=exec.cachemount']);
          const cold = await build(true);
          if (cold.run.code !== 0) {
            row.error = buildError(cold.run);
            log(`  failed: ${row.error}`);
            break;
          }
          createdTags.add(tag);
          if (viaProxy) row.coldBytes = cold.bytes;
          else {
            row.coldMs = cold.run.wallMs;
            row.sizeBytes = Number(docker(['image', 'inspect', '-f', '{{.Size}}', tag]).stdout.trim());
          }

          appendFileSync(join(dir, project.appFile), '\n# bench: a code change\n');
          const code = await build(false);
          writeFileSync(join(dir, `code-change.log`), code.run.stdout + code.run.stderr);
          if (code.run.code === 0) {
            if (viaProxy) row.codeChangeBytes = code.bytes;
            else {
              row.codeChangeMs = code.run.wallMs;
              row.codeChangeCached = dependencyStepsCached(code.run.stdout + code.run.stderr);
            }
          }

          if (new RegExp(`^${ADDED.name}\\b`, 'im').test(readFileSync(join(dir, project.requirements), 'utf8'))) {
            throw new Error(`${project.name} already requires ${ADDED.name}: the dependency-change rebuild must add a new package`);
          }
          appendFileSync(join(dir, project.requirements), `${project.hashed ? ADDED.hashed : ADDED.plain}\n`);
          const added = await build(false);
          writeFileSync(join(dir, `add-package.log`), added.run.stdout + added.run.stderr);
          if (added.run.code !== 0) {
            row.error = `after adding ${ADDED.name}: ${buildError(added.run)}`;
            break;
          }
          if (viaProxy) row.addPackageBytes = added.bytes;
          else {
            row.addPackageMs = added.run.wallMs;
            row.addPackageFetched = fetched(added.run.stdout + added.run.stderr);
          }
        }
        if (!row.error) {
          log(`  cold ${seconds(row.coldMs)}, ${megabytes(row.coldBytes)}; code change ${seconds(row.codeChangeMs)}, dependency step ${row.codeChangeCached ? 'cached' : 'ran again'}; + ${ADDED.name} ${seconds(row.addPackageMs)}, ${megabytes(row.addPackageBytes)} (${row.addPackageFetched})`);
        }
      }
    }
  } finally {
    proxy.stop();
  }
  return { rows, notes };
}
