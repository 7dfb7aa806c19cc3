/**
 * A fake docker CLI for the unit tier: it answers lib/verify's calls the way docker 28 does, from
 * a scenario (an engine, a build, a container that serves or dies), and records every call, so
 * tests can check what was run, in which order, and that nothing else was touched.
 */
import type { DockerCallOptions, DockerCli, DockerResult } from '../../lib/verify/docker-cli.js';
import type { Listener } from '../../lib/verify/probe.js';

export interface Scenario {
  /** 'missing': no docker on PATH; 'down': the CLI answers, no engine does. */
  engine?: 'ok' | 'missing' | 'down';
  client?: string;
  server?: string;
  buildx?: boolean;
  bridge?: boolean;
  /** BuildKit plain progress lines, and whether the build succeeds. */
  build?: { ok: boolean; lines: string[]; ms?: number };
  image?: { size: number; user: string; workdir: string; exposed: number[] };
  /** What the container does: answer with a status, or exit by itself. */
  container?: { status?: number; exitCode?: number; ranMs?: number; listening?: Listener[]; uid?: string; stopExit?: number; stopMs?: number; log?: { stdout: string; stderr: string } };
  /** `docker compose` plugin. */
  compose?: { installed: boolean; ok?: boolean; message?: string };
}

export interface Call {
  args: string[];
  env?: Record<string, string>;
}

const result = (partial: Partial<DockerResult>): DockerResult => ({ code: 0, stdout: '', stderr: '', ms: 5, timedOut: false, missing: false, ...partial });

/** Successful build output: two steps, the first cached. */
export const BUILD_LINES = [
  '#0 building with "default" instance using docker driver',
  '#1 [internal] load build definition from Dockerfile',
  '#1 DONE 0.0s',
  '#5 [1/2] FROM docker.io/library/python:3.14-slim',
  '#5 CACHED',
  '#6 [2/2] RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt',
  '#6 0.512 Collecting flask',
  '#6 DONE 3.4s',
  '#7 exporting to image',
  '#7 DONE 0.1s',
];

export class FakeDocker implements DockerCli {
  readonly calls: Call[] = [];
  private running = false;
  private exited = false;

  constructor(readonly scenario: Scenario = {}) {}

  /** The calls' first words: "build", "run", "exec", "image inspect"... */
  get verbs(): string[] {
    return this.calls.map((call) => (['image', 'network', 'compose', 'buildx'].includes(call.args[0]!) ? call.args.slice(0, 2).join(' ') : call.args[0]!));
  }

  async run(args: readonly string[], options: DockerCallOptions): Promise<DockerResult> {
    this.calls.push({ args: [...args], env: options.env });
    const s = this.scenario;
    if (s.engine === 'missing') return result({ code: null, missing: true, stderr: 'spawn docker ENOENT' });
    const [verb, second] = args;
    switch (verb) {
      case 'version': {
        const client = { Version: s.client ?? '28.5.2' };
        if (s.engine === 'down') {
          return result({ code: 1, stdout: JSON.stringify({ Client: client, Server: null }), stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n' });
        }
        const server = s.server ?? '28.5.2';
        return result({ stdout: `${JSON.stringify({ Client: client, Server: { Version: server, Components: [{ Name: 'Engine', Version: server }] } })}\n` });
      }
      case 'buildx':
        return s.buildx === false ? result({ code: 1, stderr: 'docker: unknown command: docker buildx\n' }) : result({ stdout: 'github.com/docker/buildx v0.29.1 abc\n' });
      case 'network':
        return s.bridge === false ? result({ code: 1, stderr: 'Error response from daemon: network bridge not found\n' }) : result({ stdout: 'bridge\n' });
      case 'build': {
        const build = s.build ?? { ok: true, lines: BUILD_LINES };
        for (const line of build.lines) options.onStderrLine?.(line);
        return result({ code: build.ok ? 0 : 1, stderr: build.lines.join('\n'), ms: build.ms ?? 4200 });
      }
      case 'image': {
        const image = s.image ?? { size: 126_400_000, user: '10001:10001', workdir: '/app', exposed: [5000] };
        const config = { User: image.user, WorkingDir: image.workdir, ExposedPorts: Object.fromEntries(image.exposed.map((port) => [`${port}/tcp`, {}])) };
        return result({ stdout: `${image.size} ${JSON.stringify(config)}\n` });
      }
      case 'run': {
        const container = s.container ?? { status: 200 };
        this.running = container.exitCode === undefined;
        this.exited = !this.running;
        return result({ stdout: 'f00d\n', ms: 300 });
      }
      case 'exec': {
        const container = s.container ?? { status: 200 };
        if (!this.running) return result({ code: 1, stderr: `Error response from daemon: container ${args[1]} is not running\n` });
        if (args.includes('-c') && String(args[args.indexOf('-c') + 1]).includes('/proc/1/status')) return result({ stdout: `${container.uid ?? '10001'}\n` });
        const listening = container.listening ?? [{ address: '0.0.0.0', port: 5000 }];
        return result({ stdout: `${JSON.stringify({ status: container.status ?? null, error: container.status === undefined ? 'ConnectionRefusedError: [Errno 111] Connection refused' : '', listening })}\n`, ms: 1200 });
      }
      case 'inspect': {
        const container = s.container ?? { status: 200 };
        const code = this.exited ? (container.exitCode ?? container.stopExit ?? 0) : 0;
        const ran = container.ranMs ?? 2100;
        const finished = new Date(Date.parse('2026-12-03T10:00:00Z') + ran).toISOString();
        return result({ stdout: `${this.running} ${code} 2026-12-03T10:00:00.000000000Z ${finished}\n` });
      }
      case 'stop': {
        this.running = false;
        this.exited = true;
        return result({ stdout: `${args[1]}\n`, ms: s.container?.stopMs ?? 640 });
      }
      case 'logs': {
        const log = s.container?.log ?? { stdout: '2026-12-03T10:00:01.000Z 127.0.0.1 - - "GET / HTTP/1.1" 200\n', stderr: '2026-12-03T10:00:00.500Z [INFO] Booting worker with pid: 7\n' };
        return result(log);
      }
      case 'rm':
      case 'rmi':
        return result({ stdout: `${args.at(-1)}\n` });
      case 'ps':
        return result({ stdout: '' });
      case 'compose': {
        const compose = s.compose ?? { installed: true, ok: true };
        if (!compose.installed) return result({ code: 1, stderr: "docker: 'compose' is not a docker command.\n" });
        if (second === 'version') return result({ stdout: '2.40.3\n' });
        return compose.ok === false ? result({ code: 1, stderr: `${compose.message ?? 'invalid'}\n` }) : result({});
      }
      default:
        return result({ code: 1, stderr: `fake docker: unexpected call: ${args.join(' ')}\n` });
    }
  }
}
