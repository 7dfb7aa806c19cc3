/**
 * Part 2: the images, for the workshop's sample project on the stand-in engine. For each
 * Dockerfile the generator writes, the original note's four and a docker-init-style one (the
 * peer), all built from the same sample project on the same base images: image size, cold
 * build, code-change rebuild (and whether the dependency step stayed cached), time to the first
 * answer after `docker run`, and `docker stop` time.
 *
 * Engine rules of these machines (../shared/ENVIRONMENT.md): /usr/bin/docker with
 * DOCKER_BUILDKIT=1, `--network host` for every build and run, probes on 127.0.0.1 only.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { BENCH_DIR, log, median, REPO_ROOT, timed, type Timed } from './lib.js';
import { type InstallPassResult, measureInstallPass } from './install-pass.js';
import { readSeed, type SeedName } from './seed.js';

export type Source = 'generated' | 'docker init' | 'seed note';

export interface Variant {
  id: string;
  label: string;
  source: Source;
  /** The file built (outside the build context when it is not a generated one). */
  dockerfile: string;
  role?: 'production' | 'docker-init';
}

export interface Layer {
  size: number;
  createdBy: string;
}

export interface VariantResult {
  variant: Variant;
  base: string;
  error?: string;
  sizeBytes?: number;
  coldMs?: number;
  rebuildMs: number[];
  depCached: boolean[];
  depStep?: string;
  firstResponseMs?: number;
  stopMs?: number;
  exitCode?: number;
  runNote?: string;
  /** The layers this Dockerfile adds on top of its base image. */
  layers: Layer[];
}

export interface ImagesResult {
  skipped?: string;
  notes: string[];
  port?: number;
  results: VariantResult[];
  seedMissing?: string;
  dockerVersion?: string;
  rebuilds: number;
  /** One install pass (part 3): before, today and the peer, on the sample and a 50-package project. */
  installPass?: InstallPassResult | { error: string };
}

interface Engine {
  docker: string;
  startedEngine: boolean;
  notes: string[];
}

const SETUP = join(REPO_ROOT, 'test', 'e2e', 'infra', 'setup.sh');
const ENGINE_DOWN = join(REPO_ROOT, 'test', 'e2e', 'infra', 'engine-down.sh');
const PYTHON = '3.14';
const SLIM = `python:${PYTHON}-slim`;
const FULL = `python:${PYTHON}`;
// The pid keeps two benchmarks on one engine apart.
const TAG_PREFIX = `pydocker-bench-${process.pid}`;
const READY_TIMEOUT_MS = 60_000;

const isRoot = process.getuid?.() === 0;
const buildEnv: NodeJS.ProcessEnv = { ...process.env, DOCKER_BUILDKIT: '1' };

let dockerBin = process.env.PYDOCKER_E2E_DOCKER ?? '/usr/bin/docker';
const docker = (args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Timed =>
  timed(dockerBin, args, { env: buildEnv, cwd: options.cwd, timeout: options.timeoutMs ?? 30 * 60_000 });
const tail = (text: string, lines = 12) => text.trim().split('\n').slice(-lines).join('\n');

/** The engine and the stand-in images, through the test tier's own idempotent setup when root. */
function prepareEngine(work: string): Engine | { skipped: string } {
  const notes: string[] = [];
  let startedEngine = false;
  if (isRoot) {
    log(`bash test/e2e/infra/setup.sh ${PYTHON} (engine, stand-in images; idempotent; progress in ${join(work, 'setup.log')})`);
    const setup = timed('bash', [SETUP, PYTHON], { env: buildEnv, timeout: 60 * 60_000 });
    writeFileSync(join(work, 'setup.log'), setup.stderr);
    const values = Object.fromEntries(
      setup.stdout
        .split('\n')
        .map((line) => line.match(/^([A-Z_]+)=(.*)$/))
        .filter((match): match is RegExpMatchArray => match !== null)
        .map((match) => [match[1], match[2]]),
    );
    if (setup.code === 0) {
      if (values.DOCKER && !process.env.PYDOCKER_E2E_DOCKER) dockerBin = values.DOCKER;
      // The tier's own engine (Engine 28) listens on its own socket, with its own plugins.
      if (values.DOCKER_HOST) buildEnv.DOCKER_HOST = values.DOCKER_HOST;
      if (values.DOCKER_CONFIG) buildEnv.DOCKER_CONFIG = values.DOCKER_CONFIG;
      startedEngine = values.STARTED_ENGINE === '1';
      notes.push(`Engine and stand-in images from \`test/e2e/infra/setup.sh ${PYTHON}\` (${(setup.wallMs / 1000).toFixed(0)} s${startedEngine ? '; it started dockerd, stopped again at the end' : ''}).`);
    } else {
      notes.push(`\`test/e2e/infra/setup.sh ${PYTHON}\` failed (exit ${setup.code}): "${tail(setup.stderr, 1)}"; the images already on the engine were used.`);
      log(`setup.sh failed (exit ${setup.code}); trying the engine and images as they are:\n${tail(setup.stderr)}`);
    }
  } else {
    notes.push('Not root: setup.sh was not run; the engine and images already present were used.');
  }
  if (docker(['info'], { timeoutMs: 30_000 }).code !== 0) {
    return { skipped: `no docker engine answers at ${dockerBin}${isRoot ? ' (setup.sh could not start one)' : ' (run as root so that test/e2e/infra/setup.sh can start one)'}` };
  }
  const missing = [SLIM, FULL].filter((tag) => docker(['image', 'inspect', tag]).code !== 0);
  if (missing.length > 0) return { skipped: `the engine has no ${missing.join(' or ')} image (test/e2e/infra/setup.sh ${PYTHON} builds the stand-ins)` };
  return { docker: dockerBin, startedEngine, notes };
}

function imageId(tag: string): string | undefined {
  const run = docker(['image', 'inspect', '-f', '{{.Id}}', tag]);
  return run.code === 0 ? run.stdout.trim() : undefined;
}

function imageLabel(tag: string, label: string): string {
  return docker(['image', 'inspect', '-f', `{{ index .Config.Labels "${label}" }}`, tag]).stdout.trim();
}

function historyLayers(tag: string): Layer[] {
  const run = docker(['history', '--no-trunc', '--human=false', '--format', '{{.Size}}\t{{.CreatedBy}}', tag]);
  if (run.code !== 0) return [];
  return run.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [size, ...rest] = line.split('\t');
      return { size: Number(size), createdBy: rest.join('\t') };
    });
}

/** Layers the image adds on top of its (single) base image: its history minus the base's. */
function addedLayers(tag: string, baseTag: string): Layer[] {
  const all = historyLayers(tag);
  const base = historyLayers(baseTag);
  return all.slice(0, Math.max(0, all.length - base.length));
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '0.0.0.0', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** The dependency-install steps of a plain-progress build log, and whether each was CACHED. */
export function dependencySteps(buildLog: string): Array<{ name: string; cached: boolean }> {
  const steps = new Map<string, string>();
  for (const match of buildLog.matchAll(/^#(\d+) \[([^\]]+)\] (RUN .*)$/gm)) {
    if (/\bpip\b.*\binstall\b|\buv (sync|pip install)\b|\bpoetry install\b/.test(match[3])) steps.set(match[1], `[${match[2]}] ${match[3]}`);
  }
  return [...steps].map(([id, name]) => ({ name, cached: new RegExp(`^#${id} CACHED$`, 'm').test(buildLog) }));
}

/** The last lines of a failed build that say why. */
function buildError(run: Timed): string {
  const output = `${run.stdout}\n${run.stderr}`;
  const notFound = output.match(/^#\d+ [\d.]+ (.*: not found)$/m);
  if (notFound) return notFound[1];
  const error = output.match(/^(?:error|ERROR|executor failed)[^\n]*$/m);
  return error ? error[0].slice(0, 200) : tail(output, 1).slice(0, 200);
}

class Bench {
  readonly createdImages = new Set<string>();
  readonly createdTags = new Set<string>();

  constructor(
    readonly context: string,
    readonly port: number,
    readonly rebuilds: number,
  ) {}

  tag(variant: Variant): string {
    return `${TAG_PREFIX}-${variant.id}`;
  }

  build(variant: Variant, noCache: boolean): Timed {
    const args = ['build', '--network', 'host', '--progress', 'plain', ...(noCache ? ['--no-cache'] : []), '-f', variant.dockerfile, '-t', this.tag(variant), this.context];
    const run = docker(args);
    if (run.code === 0) {
      const id = imageId(this.tag(variant));
      if (id) this.createdImages.add(id);
      this.createdTags.add(this.tag(variant));
    }
    return run;
  }

  async measure(variant: Variant): Promise<VariantResult> {
    const text = readFileSync(variant.dockerfile, 'utf8');
    const froms = [...text.matchAll(/^FROM\s+(\S+)/gim)].map((match) => match[1]);
    const base = [...new Set(froms.filter((from) => !/^[a-z_]+$/i.test(from)))].join(', ').replace('${PYTHON_VERSION}', PYTHON);
    const result: VariantResult = { variant, base, rebuildMs: [], depCached: [], layers: [] };

    // Cold: no build cache, and no pip cache mount left over from an earlier build.
    if (/--mount=type=cache/.test(text)) docker(['builder', 'prune', '-f', '--filter', 'type=exec.cachemount']);
    log(`${variant.label} (${variant.source}): cold build`);
    const cold = this.build(variant, true);
    if (cold.code !== 0) {
      result.error = buildError(cold);
      log(`  build failed: ${result.error}`);
      return result;
    }
    result.coldMs = cold.wallMs;
    result.sizeBytes = Number(docker(['image', 'inspect', '-f', '{{.Size}}', this.tag(variant)]).stdout.trim());
    const lastBase = froms.at(-1)?.replace('${PYTHON_VERSION}', PYTHON);
    if (lastBase) result.layers = addedLayers(this.tag(variant), lastBase.replace(/^python:3\.10/, `python:${PYTHON}`));

    // Code change: one more line in main.py, then a normal (cached) build.
    for (let attempt = 1; attempt <= this.rebuilds; attempt++) {
      appendFileSync(join(this.context, 'main.py'), `# bench: code change ${variant.id} ${attempt}\n`);
      const rebuild = this.build(variant, false);
      if (rebuild.code !== 0) {
        result.error = `rebuild failed: ${buildError(rebuild)}`;
        return result;
      }
      const steps = dependencySteps(rebuild.stderr + rebuild.stdout);
      result.rebuildMs.push(rebuild.wallMs);
      result.depCached.push(steps.length > 0 && steps.every((step) => step.cached));
      result.depStep ??= steps.map((step) => step.name).join('; ');
      log(`  code-change rebuild ${attempt}: ${(rebuild.wallMs / 1000).toFixed(2)} s, dependency step ${result.depCached.at(-1) ? 'CACHED' : 'ran again'}`);
      // A rebuild that reinstalls the dependencies takes as long every time: once is enough.
      if (!result.depCached.at(-1)) break;
    }

    await this.stop(variant, result);
    return result;
  }

  /** `docker run` on the host network, wait for the first answer on 127.0.0.1, then time `docker stop`. */
  async stop(variant: Variant, result: VariantResult): Promise<void> {
    const name = `${this.tag(variant)}-run`;
    docker(['rm', '-f', name]);
    for (let waited = 0; !(await portIsFree(this.port)); waited += 500) {
      if (waited >= 15_000) {
        result.runNote = `port ${this.port} busy: not run`;
        return;
      }
      await sleep(500);
    }
    const t0 = performance.now();
    const run = docker(['run', '-d', '--network', 'host', '--name', name, this.tag(variant)]);
    if (run.code !== 0) {
      result.runNote = `docker run failed: ${tail(run.stderr, 1)}`;
      return;
    }
    while (performance.now() - t0 < READY_TIMEOUT_MS) {
      try {
        const response = await fetch(`http://127.0.0.1:${this.port}/`, { signal: AbortSignal.timeout(1000) });
        await response.text();
        if (response.ok) {
          result.firstResponseMs = performance.now() - t0;
          break;
        }
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    if (result.firstResponseMs === undefined) {
      result.runNote = `no answer on 127.0.0.1:${this.port} within ${READY_TIMEOUT_MS / 1000} s: ${tail(docker(['logs', name]).stderr, 1)}`;
    }
    const stop = docker(['stop', name]);
    result.stopMs = stop.wallMs;
    result.exitCode = Number(docker(['inspect', '-f', '{{.State.ExitCode}}', name]).stdout.trim());
    docker(['rm', '-f', name]);
    log(`  first answer ${result.firstResponseMs === undefined ? 'none' : `${(result.firstResponseMs / 1000).toFixed(2)} s`}; docker stop ${(stop.wallMs / 1000).toFixed(2)} s (exit ${result.exitCode})`);
  }

  cleanup(): void {
    for (const tag of this.createdTags) docker(['rmi', tag]);
    for (const id of this.createdImages) docker(['rmi', id]);
  }
}

/**
 * The note names python:3.10 and python:3.10-slim. For the same base as everything else, those
 * tags point at the 3.14 stand-ins for the run (and are removed afterwards); where such a tag
 * already exists as a different image, the note's FROM line is pointed at the stand-in instead.
 */
function seedBases(): { retag: Record<string, string>; created: string[]; notes: string[] } {
  const retag: Record<string, string> = {};
  const created: string[] = [];
  const notes: string[] = [];
  for (const [seedTag, standIn] of [
    ['python:3.10', FULL],
    ['python:3.10-slim', SLIM],
  ]) {
    const existing = imageId(seedTag);
    if (existing === undefined) {
      docker(['tag', standIn, seedTag]);
      created.push(seedTag);
    } else if (existing !== imageId(standIn)) {
      retag[seedTag] = standIn;
      notes.push(`${seedTag} already exists on this engine as another image: the note's \`FROM ${seedTag}\` was rewritten to \`FROM ${standIn}\` instead of retagging.`);
    }
  }
  return { retag, created, notes };
}

export async function measureImages(
  work: string,
  runBin: (args: string[]) => void,
  rebuilds: number,
  only?: readonly string[],
): Promise<ImagesResult & { teardown: () => void }> {
  /** `--only id,...`: measure only these variants (ids: gen-bad, gen-better, gen-production, gen-multistage, docker-init, seed-*, install-pass). */
  const wanted = (variant: Variant) => !only || only.length === 0 || only.includes(variant.id) || (variant.id === 'docker-init-useradd' && only.includes('docker-init'));
  const engine = prepareEngine(work);
  if ('skipped' in engine) return { skipped: engine.skipped, notes: [], results: [], rebuilds, teardown: () => {} };
  const notes = [...engine.notes];
  const dockerVersion = docker(['version', '--format', '{{.Server.Version}}']).stdout.trim();
  const standIn = imageLabel(SLIM, 'org.pydocker.standin');
  const standInPython = imageLabel(SLIM, 'org.pydocker.standin.python');
  notes.push(
    standIn
      ? `Base images: the stand-ins \`${SLIM}\` and \`${FULL}\` (${standIn}, Python ${standInPython}), built by test/e2e/infra from Debian packages; no registry is reachable here.`
      : `Base images: \`${SLIM}\` and \`${FULL}\` as found on the engine (not stand-ins).`,
  );

  // The sample project, generated on a free port so that no other test's container on the
  // host network collides with it.
  const port = await freePort();
  const context = join(work, 'sample');
  runBin(['app', '--defaults', '--port', String(port), '--cwd', context]);
  notes.push(`Sample project: \`generator-python-docker app --defaults --port ${port}\` (a free port, so that no other container on the host network collides); every Dockerfile below is built from it, with its .dockerignore.`);

  const variants: Variant[] = [
    { id: 'gen-bad', label: 'Dockerfile.bad', source: 'generated', dockerfile: join(context, 'Dockerfile.bad') },
    { id: 'gen-better', label: 'Dockerfile.better', source: 'generated', dockerfile: join(context, 'Dockerfile.better') },
    { id: 'gen-production', label: 'Dockerfile', source: 'generated', dockerfile: join(context, 'Dockerfile'), role: 'production' },
    { id: 'gen-multistage', label: 'Dockerfile.multistage', source: 'generated', dockerfile: join(context, 'Dockerfile.multistage') },
  ];

  // The docker-init-style peer, with the sample's port.
  const dockerInitDir = join(work, 'docker-init');
  mkdirSync(dockerInitDir);
  const withPort = (text: string) => text.replace(/(0\.0\.0\.0:)5000\b/g, `$1${port}`).replace(/^EXPOSE 5000$/m, `EXPOSE ${port}`);
  for (const file of ['Dockerfile', 'Dockerfile.useradd']) {
    writeFileSync(join(dockerInitDir, file), withPort(readFileSync(join(BENCH_DIR, 'docker-init', file), 'utf8')));
  }
  const dockerInit: Variant = { id: 'docker-init', label: 'docker init style', source: 'docker init', dockerfile: join(dockerInitDir, 'Dockerfile'), role: 'docker-init' };
  const dockerInitUseradd: Variant = {
    id: 'docker-init-useradd',
    label: 'docker init style, adduser -> useradd',
    source: 'docker init',
    dockerfile: join(dockerInitDir, 'Dockerfile.useradd'),
    role: 'docker-init',
  };

  // The original note's four.
  const seed = readSeed();
  let seedMissing: string | undefined;
  let seedTags: string[] = [];
  const seedVariants: Variant[] = [];
  if ('missing' in seed) {
    seedMissing = seed.missing;
  } else {
    const bases = seedBases();
    seedTags = bases.created;
    notes.push(
      `The note's four Dockerfiles are read from ${seed.source} at run time. They name python:3.10 / python:3.10-slim: ${bases.created.length > 0 ? `${bases.created.join(' and ')} were tagged to the ${PYTHON} stand-ins for this run (and untagged afterwards)` : 'those tags already point at the stand-ins'}, so every row has the same base.`,
      ...bases.notes,
    );
    const seedDir = join(work, 'seed');
    mkdirSync(seedDir);
    const labels: Record<SeedName, string> = { bad: 'Dockerfile.bad', better: 'Dockerfile.better', production: 'production Dockerfile', multistage: 'multi-stage Dockerfile' };
    for (const name of ['bad', 'better', 'production', 'multistage'] as const) {
      let text = seed.dockerfiles[name];
      for (const [from, to] of Object.entries(bases.retag)) text = text.replace(new RegExp(`^(FROM\\s+)${from.replace(/\./g, '\\.')}(?=\\s|$)`, 'gm'), `$1${to}`);
      const file = join(seedDir, `Dockerfile.${name}`);
      writeFileSync(file, name === 'production' ? withPort(text) : text);
      seedVariants.push({ id: `seed-${name}`, label: labels[name], source: 'seed note', dockerfile: file });
    }
    notes.push(`The note's production Dockerfile and the docker-init-style one hard-code port 5000 (\`--bind\`, \`EXPOSE\`): the benchmark writes ${port} there; nothing else is changed.`);
  }

  const bench = new Bench(context, port, rebuilds);
  const results: VariantResult[] = [];
  let installPass: InstallPassResult | { error: string } | undefined;
  try {
    for (const variant of variants.filter(wanted)) results.push(await bench.measure(variant));
    const asWritten = wanted(dockerInit) ? await bench.measure(dockerInit) : undefined;
    if (asWritten) results.push(asWritten);
    if (asWritten?.error) {
      if (/adduser: not found/.test(asWritten.error)) {
        notes.push(
          `The docker-init template as written does not build on python:${PYTHON}-slim: \`adduser\` is gone from Debian trixie's and forky's slim images (the official python:3.13+-slim are trixie-based), so its \`RUN adduser ...\` stops with "adduser: not found". The peer measured is bench/docker-init/Dockerfile.useradd: the same file with \`useradd\` and the same flags.`,
        );
      }
      results.push(await bench.measure(dockerInitUseradd));
    }
    for (const variant of seedVariants.filter(wanted)) results.push(await bench.measure(variant));
    // One install pass: before, today and the peer, cold, after a code change, after one more package.
    if (!only || only.length === 0 || only.includes('install-pass')) {
      installPass = await measureInstallPass(docker, work, runBin, TAG_PREFIX, bench.createdTags);
    }
  } finally {
    bench.cleanup();
    for (const tag of seedTags) docker(['rmi', tag]);
  }
  const teardown = () => {
    if (engine.startedEngine && existsSync(ENGINE_DOWN)) {
      log('stopping the dockerd this benchmark started (test/e2e/infra/engine-down.sh)');
      timed('bash', [ENGINE_DOWN], { env: buildEnv });
    }
  };
  return { notes, port, results, seedMissing, dockerVersion, rebuilds, installPass, teardown };
}

export const medianRebuild = (result: VariantResult) => median(result.rebuildMs);
