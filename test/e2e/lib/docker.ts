/**
 * The docker CLI as the e2e tier uses it: always the set-up's binary and environment (the tier's
 * Engine 28 through dockerEnv(): BuildKit by default, no DOCKER_BUILDKIT), always --network host, every call bounded, and every container and image
 * created here named with the run's prefix and remembered so that it is removed afterwards.
 */
import http from 'node:http';
import net from 'node:net';
import { describeFailure, run, sleep, type RunResult } from './proc.js';

export const NAME_PREFIX = 'pydocker-e2e-';
export const LABEL_RUN = 'org.pydocker.e2e.run';
export const LABEL_PID = 'org.pydocker.e2e.pid';

/**
 * The environment a Docker made without an explicit one uses: set by runSetup() to
 * dockerEnv(setup), so that every caller reaches the tier's engine, never the host's default socket.
 */
let defaultEnv: NodeJS.ProcessEnv | undefined;
export function setDefaultDockerEnv(env: NodeJS.ProcessEnv): void {
  defaultEnv = env;
}

export class Docker {
  readonly containers = new Set<string>();
  readonly images = new Set<string>();

  constructor(
    readonly bin: string,
    readonly runId: string,
    readonly logFile?: string,
    /** dockerEnv(setup): the tier's engine (default: the one the last runSetup() set up). */
    readonly env: NodeJS.ProcessEnv = defaultEnv ?? process.env,
  ) {}

  /** Runs `docker ARGS`, never throws. */
  raw(args: string[], timeoutMs = 120_000, logFile = this.logFile): Promise<RunResult> {
    return run(this.bin, args, { env: this.env, timeoutMs, logFile });
  }

  /** Runs `docker ARGS` and returns stdout; throws with the output on failure. */
  async ok(args: string[], timeoutMs = 120_000): Promise<string> {
    const r = await this.raw(args, timeoutMs);
    if (r.code !== 0) throw new Error(`docker command failed:\n${describeFailure(r)}`);
    return r.stdout;
  }

  labels(): string[] {
    return ['--label', `${LABEL_RUN}=${this.runId}`, '--label', `${LABEL_PID}=${process.pid}`];
  }

  /** `docker build --network host --progress=plain`; the image is remembered for removal. */
  async build(opts: { dir: string; dockerfile: string; tag: string; logFile: string; timeoutMs: number; noCache?: boolean; buildContexts?: string[] }): Promise<RunResult> {
    this.images.add(opts.tag);
    const args = ['build', '--network', 'host', '--progress=plain', ...this.labels(), '-f', opts.dockerfile, '-t', opts.tag];
    for (const context of opts.buildContexts ?? []) args.push('--build-context', context);
    if (opts.noCache) args.push('--no-cache');
    args.push(opts.dir);
    return run(this.bin, args, { cwd: opts.dir, env: this.env, timeoutMs: opts.timeoutMs, logFile: opts.logFile });
  }

  /** `docker run -d --network host --name NAME [extra] IMAGE`; the container is remembered. */
  async runDetached(name: string, image: string, extra: string[] = []): Promise<string> {
    this.containers.add(name);
    await this.ok(['run', '-d', '--network', 'host', '--name', name, ...this.labels(), ...extra, image], 60_000);
    return name;
  }

  /** A one-shot `docker run --rm --network host`; returns the result, never throws. */
  runOnce(image: string, args: string[], extra: string[] = [], timeoutMs = 120_000): Promise<RunResult> {
    return this.raw(['run', '--rm', '--network', 'host', ...this.labels(), ...extra, image, ...args], timeoutMs);
  }

  async inspect(name: string, format: string): Promise<string> {
    return (await this.ok(['inspect', '-f', format, name], 30_000)).trim();
  }

  async isRunning(name: string): Promise<boolean> {
    const r = await this.raw(['inspect', '-f', '{{.State.Running}}', name], 30_000);
    return r.code === 0 && r.stdout.trim() === 'true';
  }

  async logs(name: string): Promise<string> {
    const r = await this.raw(['logs', name], 30_000, undefined);
    if (r.code !== 0) throw new Error(`docker logs failed:\n${describeFailure(r)}`);
    return r.stdout + r.stderr;
  }

  async exec(name: string, args: string[], opts: { user?: string; timeoutMs?: number } = {}): Promise<RunResult> {
    return this.raw(['exec', ...(opts.user ? ['-u', opts.user] : []), name, ...args], opts.timeoutMs ?? 60_000);
  }

  async removeContainer(name: string): Promise<void> {
    await this.raw(['rm', '-f', '-v', name], 60_000);
    this.containers.delete(name);
  }

  async removeImage(tag: string): Promise<void> {
    await this.raw(['rmi', '-f', tag], 120_000);
    this.images.delete(tag);
  }

  async imageSizeMb(tag: string): Promise<number> {
    const bytes = Number(await this.inspect(tag, '{{.Size}}'));
    return Math.round(bytes / 1e6);
  }

  /** Removes every container and image this run created (names remembered, plus the run label). */
  async cleanupAll(): Promise<void> {
    for (const name of [...this.containers]) await this.removeContainer(name);
    const byLabel = await this.raw(['ps', '-aq', '--filter', `label=${LABEL_RUN}=${this.runId}`], 30_000);
    for (const id of byLabel.stdout.split(/\s+/).filter(Boolean)) await this.raw(['rm', '-f', '-v', id], 60_000);
    for (const tag of [...this.images]) await this.removeImage(tag);
    const imgs = await this.raw(['images', '-q', '--filter', `label=${LABEL_RUN}=${this.runId}`], 30_000);
    for (const id of [...new Set(imgs.stdout.split(/\s+/).filter(Boolean))]) await this.raw(['rmi', '-f', id], 120_000);
  }

  /**
   * Containers and images left by an earlier run of this suite whose process is gone (killed
   * before its after hooks ran). On the host network a leftover container would hold the ports.
   */
  async cleanupStale(): Promise<string[]> {
    const removed: string[] = [];
    const alive = (pid: string) => {
      try {
        process.kill(Number(pid), 0);
        return true;
      } catch {
        return false;
      }
    };
    const ps = await this.raw(['ps', '-a', '--filter', `label=${LABEL_PID}`, '--format', `{{.ID}} {{.Names}} {{.Label "${LABEL_PID}"}}`], 30_000);
    for (const line of ps.stdout.split('\n').filter(Boolean)) {
      const [id, name, pid] = line.split(' ');
      if (name.startsWith(NAME_PREFIX) && pid && !alive(pid)) {
        await this.raw(['rm', '-f', '-v', id], 60_000);
        removed.push(`container ${name}`);
      }
    }
    const images = await this.raw(['images', '--filter', `label=${LABEL_PID}`, '--format', `{{.Repository}}:{{.Tag}} {{.ID}}`], 30_000);
    for (const line of images.stdout.split('\n').filter(Boolean)) {
      const [ref, id] = line.split(' ');
      if (!ref.startsWith(NAME_PREFIX)) continue;
      const pid = (await this.raw(['image', 'inspect', '-f', `{{index .Config.Labels "${LABEL_PID}"}}`, id], 30_000)).stdout.trim();
      if (pid && !alive(pid)) {
        await this.raw(['rmi', '-f', ref], 120_000);
        removed.push(`image ${ref}`);
      }
    }
    return removed;
  }
}

// ---- BuildKit plain progress --------------------------------------------------------------

export interface BuildStep {
  id: number;
  /** e.g. "[builder 4/5] RUN pip install ..." */
  name: string;
  cached: boolean;
  /** It printed output lines or DONE without CACHED: it really ran. */
  ran: boolean;
}

/** Parses `docker build --progress=plain` output into its steps. */
export function parseBuildSteps(output: string): BuildStep[] {
  const steps = new Map<number, BuildStep>();
  const get = (id: number) => {
    let s = steps.get(id);
    if (!s) {
      s = { id, name: '', cached: false, ran: false };
      steps.set(id, s);
    }
    return s;
  };
  for (const line of output.split('\n')) {
    const m = /^#(\d+) (.*)$/.exec(line.replace(/\r$/, ''));
    if (!m) continue;
    const s = get(Number(m[1]));
    const rest = m[2];
    if (/^\[[^\]]+\] /.test(rest) && !s.name) s.name = rest;
    else if (rest === 'CACHED') s.cached = true;
    else if (/^\d+\.\d+ /.test(rest) || /^DONE /.test(rest)) s.ran = true;
  }
  return [...steps.values()].filter((s) => s.name);
}

/** The command of a dependency install: pip install (also `pip --python X install`), uv sync, poetry install, pipenv. */
const INSTALL = /\bpip\b(?:(?!&&).)*?\binstall\b|\buv (?:pip )?sync\b|\bpoetry install\b|\bpipenv (?:requirements|install|sync)\b/;

/** RUN steps that install the dependencies (not a `pip install --no-deps .` of the project itself). */
export function dependencySteps(steps: BuildStep[]): BuildStep[] {
  return steps.filter((s) => / RUN /.test(` ${s.name.replace(/^\[[^\]]+\] /, '')}`) && INSTALL.test(s.name) && !/--no-deps \.(\s|$)/.test(s.name));
}

// ---- loopback HTTP --------------------------------------------------------------------------

export interface HttpAnswer {
  status: number;
  body: string;
}

/** One GET http://127.0.0.1:PORT<path> with a time limit (and extra request headers, e.g. X-Forwarded-Proto). */
export function httpGet(port: number, timeoutMs = 5_000, path = '/', headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers, agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 1_000_000) body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from 127.0.0.1:${port} within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** Polls GET PATH (default /) until any HTTP answer, for at most boundMs; stops early when the container has exited. */
export async function waitForHttp(docker: Docker, container: string, port: number, boundMs = 90_000, path = '/', headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const until = Date.now() + boundMs;
  let last = '';
  while (Date.now() < until) {
    try {
      return await httpGet(port, 5_000, path, headers);
    } catch (error) {
      last = (error as Error).message;
    }
    if (!(await docker.isRunning(container))) {
      const logs = await docker.logs(container).catch((e: Error) => e.message);
      const state = await docker.inspect(container, '{{.State.Status}} exit={{.State.ExitCode}}').catch(() => '?');
      throw new Error(`container ${container} stopped (${state}) before answering on 127.0.0.1:${port}; its log:\n${logs}`);
    }
    await sleep(500);
  }
  const logs = await docker.logs(container).catch((e: Error) => e.message);
  throw new Error(`no HTTP answer on 127.0.0.1:${port} within ${boundMs / 1000}s (last error: ${last}); container log:\n${logs}`);
}

/**
 * Run inside a container (as its own user): which process holds the listening socket on PORT?
 * On the host network /proc/net/tcp is the host's table, and /proc/PID/fd lists only the
 * container's processes, so "mine" means the server that answered is the container's.
 */
const OWNER_SCRIPT = `
import os, sys
port = int(sys.argv[1])
inodes = set()
for table in ("/proc/net/tcp", "/proc/net/tcp6"):
    try:
        rows = open(table).read().splitlines()[1:]
    except OSError:
        continue
    for row in rows:
        f = row.split()
        if f[3] == "0A" and int(f[1].rsplit(":", 1)[1], 16) == port:
            inodes.add("socket:[%s]" % f[9])
if not inodes:
    print("none")
    sys.exit(0)
readable = 0
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        fds = os.listdir("/proc/%s/fd" % pid)
    except OSError:
        continue
    readable += 1
    for fd in fds:
        try:
            if os.readlink("/proc/%s/fd/%s" % (pid, fd)) in inodes:
                print("mine pid=%s" % pid)
                sys.exit(0)
        except OSError:
            pass
print("foreign" if readable else "unknown (no /proc/PID/fd readable)")
`;

/** "mine pid=N" when a process of the container listens on PORT, "foreign", "none" or "unknown ...". */
export async function listenerOwner(docker: Docker, container: string, port: number): Promise<string> {
  const r = await docker.exec(container, ['python', '-c', OWNER_SCRIPT, String(port)]);
  if (r.code !== 0) throw new Error(`could not check who listens on port ${port}:\n${describeFailure(r)}`);
  return r.stdout.trim();
}

/** True when something accepts connections on 127.0.0.1:PORT. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(2_000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Waits (bounded) until nothing listens on the port: containers share the host's network.
 * Returns how long it waited, in ms.
 */
export async function waitPortFree(port: number, boundMs = 5 * 60_000): Promise<number> {
  const t0 = Date.now();
  while (await portInUse(port)) {
    if (Date.now() - t0 > boundMs) {
      throw new Error(`127.0.0.1:${port} is still taken after ${boundMs / 1000}s by a process that is not this test's: cannot run a host-network container on it`);
    }
    await sleep(500);
  }
  return Date.now() - t0;
}
