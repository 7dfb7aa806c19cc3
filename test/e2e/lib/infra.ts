/**
 * The e2e tier's set-up, through the colleague-maintained scripts in test/e2e/infra/:
 * setup.sh (engine, stand-in python images, hadolint) and engine-down.sh. This module only calls
 * their interface (arguments, KEY=VALUE stdout) and maps the base images the generated
 * Dockerfiles name onto images that exist here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Docker } from './docker.js';
import { describeFailure, run } from './proc.js';
import { E2E_DIR } from './paths.js';

export const INFRA_DIR = join(E2E_DIR, 'infra');
export const REAL_IMAGES = process.env.PYDOCKER_E2E_REAL_IMAGES === '1';
export const IS_ROOT = process.getuid?.() === 0;

/** Where runs keep their logs and the report: the infra scripts' state folder. */
export function stateDir(): string {
  const preferred = process.env.PYDOCKER_E2E_STATE ?? '/tmp/pydocker-e2e';
  try {
    mkdirSync(preferred, { recursive: true });
    accessSync(preferred, constants.W_OK);
    return preferred;
  } catch {
    const fallback = join(tmpdir(), `pydocker-e2e-${process.getuid?.() ?? 'user'}`);
    mkdirSync(fallback, { recursive: true });
    return fallback;
  }
}

export interface SetupInfo {
  DOCKER: string;
  DOCKER_BUILDKIT: string;
  HADOLINT: string;
  STARTED_ENGINE: string;
  ENGINE_PIDFILE: string;
  IMAGES: string;
  PYTHON_VERSIONS: string;
  /** Wall time of the set-up script, ms. */
  ms: number;
}

/** The environment a plain shell `docker` needs: BuildKit on, the set-up's docker CLI first on PATH. */
export function dockerEnv(setup: SetupInfo): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_BUILDKIT: '1', PATH: `${dirname(setup.DOCKER)}:${process.env.PATH ?? ''}` };
}

export function parseKeyValues(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/**
 * Runs setup.sh VERSION... as root (installs docker.io, starts dockerd, builds the stand-ins,
 * installs hadolint). With PYDOCKER_E2E_REAL_IMAGES=1 and no root, the engine must already run
 * (a laptop): only hadolint.sh runs, and the official images are pulled later.
 */
export async function runSetup(versions: string[], logFile: string, timeoutMs: number): Promise<SetupInfo> {
  const env = { ...process.env, DOCKER_BUILDKIT: '1' };
  const t0 = Date.now();
  if (!IS_ROOT) {
    if (!REAL_IMAGES) {
      throw new Error('the e2e tier builds stand-in base images and starts dockerd: run it as root, or set PYDOCKER_E2E_REAL_IMAGES=1 on a machine whose docker engine reaches a registry');
    }
    const dockerBin = process.env.PYDOCKER_E2E_DOCKER ?? '/usr/bin/docker';
    const info = await run(dockerBin, ['info'], { env, timeoutMs: 60_000, logFile });
    if (info.code !== 0) throw new Error(`PYDOCKER_E2E_REAL_IMAGES=1 without root: a docker engine must already answer.\n${describeFailure(info)}`);
    const cache = process.env.PYDOCKER_E2E_CACHE ?? join(process.env.HOME ?? tmpdir(), '.cache', 'pydocker-e2e');
    const h = await run('bash', [join(INFRA_DIR, 'hadolint.sh')], { env: { ...env, PYDOCKER_E2E_CACHE: cache }, timeoutMs, logFile, echoStderr: '      [hadolint.sh] ' });
    if (h.code !== 0) throw new Error(`hadolint.sh failed:\n${describeFailure(h)}`);
    return {
      DOCKER: dockerBin,
      DOCKER_BUILDKIT: '1',
      HADOLINT: h.stdout.trim().split('\n').at(-1)!,
      STARTED_ENGINE: '0',
      ENGINE_PIDFILE: '',
      IMAGES: 'official',
      PYTHON_VERSIONS: versions.join(','),
      ms: Date.now() - t0,
    };
  }
  const r = await run('bash', [join(INFRA_DIR, 'setup.sh'), ...versions], { env, timeoutMs, logFile, echoStderr: '      [setup.sh] ' });
  if (r.code !== 0) {
    // engine-up.sh says so on stderr when it starts a daemon: tear-down must stop it even though
    // setup.sh never printed STARTED_ENGINE=1.
    throw Object.assign(new Error(`test/e2e/infra/setup.sh ${versions.join(' ')} failed:\n${describeFailure(r, 60)}`), { startedEngine: /starting dockerd/.test(r.stderr) });
  }
  const kv = parseKeyValues(r.stdout);
  for (const key of ['DOCKER', 'HADOLINT', 'STARTED_ENGINE', 'IMAGES']) {
    if (!kv[key]) throw new Error(`setup.sh printed no ${key}=... line; its stdout was:\n${r.stdout}`);
  }
  if (kv.DOCKER_BUILDKIT !== undefined && kv.DOCKER_BUILDKIT !== '1') throw new Error(`setup.sh says DOCKER_BUILDKIT=${kv.DOCKER_BUILDKIT}; the tier needs BuildKit`);
  const expected = REAL_IMAGES ? 'official' : 'standin';
  if (kv.IMAGES !== expected) throw new Error(`setup.sh says IMAGES=${kv.IMAGES}, expected ${expected}`);
  return { DOCKER_BUILDKIT: '1', ENGINE_PIDFILE: '', PYTHON_VERSIONS: versions.join(','), ...kv, ms: Date.now() - t0 } as SetupInfo;
}

export async function engineDown(logFile: string): Promise<string> {
  const r = await run('bash', [join(INFRA_DIR, 'engine-down.sh')], { timeoutMs: 180_000, logFile });
  if (r.code !== 0) throw new Error(`engine-down.sh failed:\n${describeFailure(r)}`);
  return r.stderr.trim();
}

// ---- base images ----------------------------------------------------------------------------

/** Python minors that have a Debian-suite stand-in (standin-images.sh: bookworm, trixie, forky). */
export const STANDIN_MINORS = ['3.11', '3.13', '3.14', '3.15'];

/** The images a Dockerfile's FROM lines name (stage references excluded). */
export function baseImages(dockerfile: string): string[] {
  const stages = new Set<string>();
  const out: string[] = [];
  for (const line of dockerfile.split('\n')) {
    const m = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (!m) continue;
    if (!stages.has(m[1].toLowerCase())) out.push(m[1]);
    if (m[2]) stages.add(m[2].toLowerCase());
  }
  return out;
}

export interface ImagePlan {
  ref: string;
  /** "3.12.8" for python:3.12.8-slim */
  version: string;
  variant: 'slim' | 'full';
  /** The stand-in minor that provides it (a setup.sh argument). */
  standinMinor: string;
  /** Set when ref is not built by setup.sh but tagged from python:<standinMinor>[-slim]. */
  aliasOf?: string;
}

function minorDistance(a: string, b: string): number {
  return Math.abs(Number(a.split('.')[1]) - Number(b.split('.')[1]));
}

/** The closest stand-in minor; ties go to the newer one (3.12 -> 3.13). */
export function nearestStandin(version: string): string {
  const minor = version.split('.').slice(0, 2).join('.');
  if (STANDIN_MINORS.includes(minor)) return minor;
  return [...STANDIN_MINORS].sort((a, b) => minorDistance(minor, a) - minorDistance(minor, b) || Number(b.split('.')[1]) - Number(a.split('.')[1]))[0];
}

export function planImage(ref: string): ImagePlan {
  const m = /^(?:docker\.io\/(?:library\/)?)?python:(3\.\d+(?:\.\d+)?)(-slim)?$/.exec(ref);
  if (!m) throw new Error(`a generated Dockerfile names base image "${ref}", which this tier cannot provide (expected python:3.X[.Y][-slim])`);
  const version = m[1];
  const variant = m[2] ? 'slim' : 'full';
  const standinMinor = nearestStandin(version);
  const plan: ImagePlan = { ref, version, variant, standinMinor };
  if (version !== standinMinor) plan.aliasOf = `python:${standinMinor}${variant === 'slim' ? '-slim' : ''}`;
  return plan;
}

/**
 * Makes every planned image exist: with official images, `docker pull`; with stand-ins, the
 * images setup.sh built, plus `docker tag` aliases for versions without a suite of their own.
 * Returns the alias tags created (left in place: concurrent runs share them) and notes for the report.
 */
export async function provideImages(docker: Docker, plans: ImagePlan[]): Promise<{ created: string[]; notes: string[] }> {
  const created: string[] = [];
  const notes: string[] = [];
  for (const plan of plans) {
    if (REAL_IMAGES) {
      const r = await docker.raw(['pull', plan.ref], 20 * 60_000);
      if (r.code !== 0) throw new Error(`docker pull ${plan.ref} failed:\n${describeFailure(r)}`);
      continue;
    }
    if (!plan.aliasOf) {
      const r = await docker.raw(['image', 'inspect', '-f', '{{.Id}}', plan.ref], 30_000);
      if (r.code !== 0) throw new Error(`setup.sh ran but ${plan.ref} does not exist:\n${describeFailure(r)}`);
      continue;
    }
    const existing = await docker.raw(['image', 'inspect', '-f', '{{index .Config.Labels "org.pydocker.standin"}}', plan.ref], 30_000);
    if (existing.code === 0 && existing.stdout.trim() === '') {
      notes.push(`${plan.ref}: a real (non-stand-in) image already exists here and is used as is`);
      continue;
    }
    await docker.ok(['tag', plan.aliasOf, plan.ref], 30_000);
    created.push(plan.ref);
    notes.push(`${plan.ref} has no Debian-suite stand-in: tagged from ${plan.aliasOf} (the table's Python column shows the real version inside)`);
  }
  return { created, notes };
}

// ---- a machine-wide lock: one container run at a time on the host network --------------------

/**
 * Holds an exclusive flock on `file` until release() or until this process dies (the holder is
 * a `flock ... cat` child reading our stdin: when we go, its stdin closes and the lock goes).
 */
export function acquireLock(file: string, timeoutMs: number): Promise<() => void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn('flock', ['-w', String(Math.ceil(timeoutMs / 1000)), file, 'sh', '-c', 'echo locked; exec cat >/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let done = false;
    let err = '';
    child.stderr!.on('data', (c) => (err += c));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (!done && chunk.toString().includes('locked')) {
        done = true;
        // Do not keep the test process alive for the lock holder's sake.
        child.unref();
        for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
        resolve(() => {
          child.stdin!.end();
        });
      }
    });
    child.on('error', (e) => {
      if (!done) reject(e);
    });
    child.on('close', (code) => {
      if (!done) reject(new Error(`could not lock ${file} within ${timeoutMs / 1000}s (another e2e run holds it?) exit ${code} ${err}`));
    });
  });
}
