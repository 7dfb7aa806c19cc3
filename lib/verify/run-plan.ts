/**
 * How `--verify` starts an image: as production would, which is how the generated compose.yaml
 * runs it (lib/decide/compose.ts): the image's own non-root USER, a read-only root filesystem with
 * /tmp on tmpfs where the plan says the app writes nothing in /app itself, a volume on each folder
 * the app writes, docker's init where compose.yaml has one, and the variables the app cannot start
 * without given placeholder values (listed as such in the verdict).
 *
 * The network: `--network none`. The container has its own loopback only and nothing is published,
 * not even on 127.0.0.1, so no host port is taken or clashes; the probe runs inside the container
 * (`docker exec`, Python's http.client to 127.0.0.1:PORT) and also reads which address the server
 * listens on, since a server bound to 127.0.0.1 would answer there but never through `-p`.
 * Every engine supports it (Linux, Docker Desktop, rootless), with or without a bridge network.
 */
import { buildPlaceholder } from '../decide/django-plan.js';
import type { ComposePlan } from '../decide/compose.js';
import type { DockerPlan } from '../decide/plan.js';

export interface Placeholder {
  name: string;
  value: string;
  /** "settings.py:12": where the app reads it with no default. */
  source: string;
}

export interface RunPlan {
  readOnly: boolean;
  /** Files the app writes in /app itself, which keep the root filesystem writable. */
  writesWorkdir: string[];
  /** Folders given a fresh anonymous volume (removed with the container). */
  volumes: string[];
  init: boolean;
  /** Required variables, with placeholder values. */
  placeholders: Placeholder[];
  /** Other variables compose.yaml sets (ALLOWED_HOSTS for the published addresses). */
  environment: Array<[string, string]>;
  /** The port the plan says the app listens on (the image's EXPOSE wins when it names one). */
  port: number;
  /** What the probe asks for: the health check's path. */
  probePath: string;
  /** The teaching Dockerfiles run as written (root, a dev server): their lessons are not failures. */
  teaching: boolean;
}

/** The path the HEALTHCHECK requests (lib/decide/plan.ts healthcheckArgs). */
export const PROBE_PATH = '/';

/** A value that gets the app past its start, visibly not a secret; shaped after the name like the build-time ones. */
export function placeholderFor(name: string): string {
  return buildPlaceholder(name).replace('build-only', 'verify-only');
}

/** The run of a production image (Dockerfile, Dockerfile.multistage), from the plan and its compose plan. */
export function productionRun(plan: DockerPlan, compose: ComposePlan): RunPlan {
  const placeholders = compose.requiredEnv.map(({ name, source }) => ({ name, value: placeholderFor(name), source }));
  // WEB_CONCURRENCY is the image's own ENV already; the rest (ALLOWED_HOSTS) is what compose.yaml adds for a run.
  // compose.yaml's values have `$` doubled for Compose; docker run takes them as they are.
  const environment = compose.environment.filter(([name]) => name !== 'WEB_CONCURRENCY').map(([name, value]): [string, string] => [name, value.replace(/\$\$/g, '$')]);
  return {
    readOnly: compose.writesWorkdir.length === 0,
    writesWorkdir: [...compose.writesWorkdir],
    // An anonymous volume on each folder compose.yaml gives a named one: fresh, and removed with the container.
    volumes: plan.volumes.map((volume) => volume.dir),
    init: compose.init,
    placeholders,
    environment,
    port: plan.port,
    probePath: PROBE_PATH,
    teaching: false,
  };
}

/** Dockerfile.bad and Dockerfile.better run as the walkthrough runs them, `docker run IMAGE` (with the variables the app needs). */
export function teachingRun(plan: DockerPlan): RunPlan {
  const placeholders = plan.requiredEnv.map(({ name, source }) => ({ name, value: placeholderFor(name), source }));
  return { readOnly: false, writesWorkdir: [], volumes: [], init: false, placeholders, environment: [], port: plan.port, probePath: PROBE_PATH, teaching: true };
}

/** `docker run -d` arguments before the image: the container's name and labels, then the run plan as flags. */
export function runArguments(run: RunPlan, name: string, labels: Record<string, string>): string[] {
  const args = ['run', '-d', '--name', name, '--network', 'none'];
  for (const [key, value] of Object.entries(labels)) args.push('--label', `${key}=${value}`);
  args.push(...runFlags(run));
  return args;
}

/** The flags that make the run production-like, as the verdict prints them. */
export function runFlags(run: RunPlan): string[] {
  const flags: string[] = [];
  if (run.readOnly) flags.push('--read-only', '--tmpfs', '/tmp');
  for (const folder of run.volumes) flags.push('-v', folder);
  if (run.init) flags.push('--init');
  for (const { name, value } of run.placeholders) flags.push('-e', `${name}=${value}`);
  for (const [name, value] of run.environment) flags.push('-e', `${name}=${value}`);
  return flags;
}
