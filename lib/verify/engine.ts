/**
 * Is there a docker engine, and can it build what the generator wrote? Asked before anything is
 * built: the CLI on PATH, the engine it reaches (DOCKER_HOST / the current context), the engine's
 * version, whether `docker build` goes through BuildKit (the production Dockerfiles use
 * `RUN --mount=type=cache`, which the legacy builder rejects), and whether the engine has its
 * default bridge network (builds need a network for RUN steps: without the bridge, the host's).
 */
import type { DockerCli } from './docker-cli.js';

/** BuildKit's built-in Dockerfile frontend reads `RUN --mount` from Engine 20.10 on (no `# syntax=` line). */
export const MIN_ENGINE: readonly [number, number] = [20, 10];
/** From CLI 23 on, `docker build` is BuildKit through the buildx plugin, or the legacy builder without it. */
const BUILDX_CLI_MAJOR = 23;

export interface EngineInfo {
  client: string;
  server: string;
  /** "Docker Engine", or "Podman Engine" (podman-docker answers `docker version` too). */
  serverName: string;
  /** `docker build` goes through BuildKit. */
  buildkit: boolean;
  buildx?: string;
  /** The engine has its default bridge network (`docker network inspect bridge`). */
  bridge: boolean;
}

export type EngineProblem = 'no-cli' | 'no-engine' | 'too-old' | 'no-buildkit';

export type EngineCheck = { ok: true; info: EngineInfo } | { ok: false; problem: EngineProblem; detail: string; info?: Partial<EngineInfo> };

/** "28.5.2+dfsg4" -> [28, 5, 2]; undefined when it does not start with a version. */
export function versionParts(version: string): number[] | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : undefined;
}

function atLeast(version: string, minimum: readonly number[]): boolean {
  const parts = versionParts(version);
  if (!parts) return true; // a version we cannot read: let the build say what it thinks
  for (let index = 0; index < minimum.length; index += 1) {
    if (parts[index]! !== minimum[index]) return parts[index]! > minimum[index]!;
  }
  return true;
}

interface VersionJson {
  Client?: { Version?: string } | null;
  Server?: { Version?: string; Components?: Array<{ Name?: string; Version?: string }> } | null;
}

/** `docker version --format '{{json .}}'` -> client and server versions (server undefined: no engine answered). */
export function parseVersionJson(stdout: string): { client?: string; server?: string; serverName?: string } {
  let parsed: VersionJson;
  try {
    parsed = JSON.parse(stdout.trim().split('\n')[0] ?? '') as VersionJson;
  } catch {
    return {};
  }
  const engine = parsed.Server?.Components?.find((component) => /engine/i.test(component.Name ?? ''));
  return {
    client: parsed.Client?.Version,
    server: engine?.Version ?? parsed.Server?.Version ?? undefined,
    // The engine component is called "Engine" by Docker, "Podman Engine" by podman-docker.
    serverName: engine?.Name === undefined || engine.Name === 'Engine' ? (parsed.Server ? 'Docker Engine' : undefined) : engine.Name,
  };
}

/** The first line docker said on stderr, trimmed (its own explanation: "Cannot connect to the Docker daemon at ..."). */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? ''
  );
}

/**
 * Whether `docker build` uses BuildKit: CLI 23+ needs the buildx plugin (without it, the legacy
 * builder); an older CLI only with DOCKER_BUILDKIT=1. Podman builds with buildah, which reads `RUN --mount`.
 */
export function buildsWithBuildKit(input: { client: string; buildx: boolean; podman: boolean; env: NodeJS.ProcessEnv }): boolean {
  if (input.podman) return true;
  if (input.env.DOCKER_BUILDKIT === '0') return false;
  const major = versionParts(input.client)?.[0] ?? BUILDX_CLI_MAJOR;
  if (major >= BUILDX_CLI_MAJOR) return input.buildx;
  return input.env.DOCKER_BUILDKIT === '1' || input.buildx;
}

/** Asks docker (each call bounded); never throws. */
export async function checkEngine(docker: DockerCli, env: NodeJS.ProcessEnv = process.env, timeoutMs = 20_000): Promise<EngineCheck> {
  const version = await docker.run(['version', '--format', '{{json .}}'], { timeoutMs });
  if (version.missing) return { ok: false, problem: 'no-cli', detail: '' };
  const parsed = parseVersionJson(version.stdout);
  if (version.timedOut) return { ok: false, problem: 'no-engine', detail: `docker version: no answer within ${Math.round(timeoutMs / 1000)} s`, info: { client: parsed.client } };
  if (!parsed.server) return { ok: false, problem: 'no-engine', detail: firstLine(version.stderr) || firstLine(version.stdout), info: { client: parsed.client } };
  const podman = /podman/i.test(parsed.serverName ?? '');
  const client = parsed.client ?? '';
  if (!podman && !atLeast(parsed.server, MIN_ENGINE)) {
    return { ok: false, problem: 'too-old', detail: parsed.server, info: { client, server: parsed.server } };
  }
  const buildx = await docker.run(['buildx', 'version'], { timeoutMs });
  const buildxVersion = buildx.code === 0 ? /\bv?(\d+\.\d+\.\d+)/.exec(buildx.stdout)?.[1] : undefined;
  const buildkit = buildsWithBuildKit({ client, buildx: buildx.code === 0, podman, env });
  const bridge = (await docker.run(['network', 'inspect', '--format', '{{.Name}}', 'bridge'], { timeoutMs })).code === 0;
  const info: EngineInfo = { client, server: parsed.server, serverName: parsed.serverName ?? 'Docker Engine', buildkit, buildx: buildxVersion, bridge };
  return { ok: true, info };
}
