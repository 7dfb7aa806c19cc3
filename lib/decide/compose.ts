/**
 * compose.yaml for the local loop: what the `compose` sub-generator renders, decided here from
 * the Docker plan. No I/O and no Yeoman, so every decision is unit-tested.
 *
 * The file must keep working with Debian's docker-compose 1.29 (the Compose specification as of
 * 2021) when watch is off: no `version:` (obsolete), no `name:`, no `develop:`.
 */
import type { DockerPlan } from './plan.js';
import { pythonIsPid1 } from './server-command.js';
import { type ComposeKey, composeKey, type ComposeValue, composeValue, type Shown } from './sinks.js';

export const COMPOSE_FILE = 'compose.yaml';
export const COMPOSE_SERVICE = 'web';
/** Where the production Dockerfile puts the code (its WORKDIR): what `develop.watch` syncs into. */
export const APP_DIR = '/app';

/**
 * The production Dockerfile's HEALTHCHECK timing (templates/docker/Dockerfile.production.ejs),
 * restated in compose.yaml. A test compares the two, so they cannot drift apart unnoticed.
 */
export const HEALTHCHECK_TIMING = { interval: '10s', timeout: '3s', startPeriod: '10s', retries: 3 } as const;

/** Local files that must never be copied into the container by `develop.watch` (relative to the project). */
export const WATCH_IGNORE = ['.venv/', 'venv/', '**/__pycache__/', '.pytest_cache/', '.mypy_cache/', '.ruff_cache/', '.tox/', '**/.env', '**/.env.*'] as const;

export interface ComposeWatch {
  /**
   * `sync` when the server reloads changed code by itself (gunicorn, uvicorn: turned on through
   * `reloadEnv`); `sync+restart` when nothing in the container reloads (a plain script).
   */
  codeAction: 'sync' | 'sync+restart';
  /** Oldest Compose v2 that accepts every action used. */
  minimumCompose: '2.22' | '2.23';
  target: string;
  ignore: string[];
  /** Dependency files: a change rebuilds the image (the dependency layer) and recreates the container. May be empty. */
  rebuild: ComposeValue[];
  /** Environment that makes the server reload synced code; only in the watch variant. */
  reloadEnv: Array<[ComposeKey, ComposeValue]>;
  /** The image installs the project itself as a package: synced code may not be what runs. */
  installsProject: boolean;
}

export interface ComposePlan {
  service: string;
  image: string;
  port: number;
  server: DockerPlan['server'];
  workers: number;
  /** Environment for every run, as [name, value]. */
  environment: Array<[ComposeKey, ComposeValue]>;
  /** The healthcheck's `test`: ["CMD", "python", "-c", "..."]. */
  healthcheckTest: ComposeValue[];
  healthcheck: typeof HEALTHCHECK_TIMING;
  /** The root filesystem is read-only; off in the watch variant, since `sync` writes into /app. */
  readOnly: boolean;
  /** docker's tiny init as PID 1: only when Python itself would be PID 1 (pythonIsPid1), a script that may not handle SIGTERM. */
  init: boolean;
  watch?: ComposeWatch;
  /** Variables the app cannot start without: `${NAME:?...}`, so Compose refuses to start with a clear message instead of a crashing container. */
  requiredEnv: Array<{ name: ComposeKey; value: string; source: Shown }>;
  /** Named volumes on the folders the app writes: the volume and `VOLUME:TARGET`. */
  volumes: Array<{ name: ComposeKey; mount: ComposeValue }>;
  /** Files the app writes in /app itself (a SQLite file), as comments show them: the root filesystem cannot be read-only then. */
  writesWorkdir: Shown[];
  /** Django: a one-off `migrate` service the web service waits for. */
  migrate?: { service: string; command: ComposeValue[] };
  /** A uv workspace member: the workspace root as a named build context (`build.additional_contexts`, Compose v2.17+). */
  additionalContexts?: Array<[ComposeKey, ComposeValue]>;
}

/**
 * `${NAME:?message}`: Compose stops with the message when NAME is unset or empty. The message
 * cannot hold `}` or `$` (Compose would read them as the end of the variable or another one);
 * the YAML library quotes the rest.
 */
export function requiredVariable(name: ComposeKey, source: Shown): string {
  const message = `set ${name}: read with no default by ${source}`.replace(/[}$]/g, '');
  return `\${${name}:?${message}}`;
}

/**
 * An image name from the project folder's name, valid for docker: lowercase letters and digits
 * separated by single `.`, `_` or `-` ("My App!" -> "my-app"); "app" when nothing is left.
 */
export function imageName(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/[._-]{2,}/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 64)
    .replace(/[._-]+$/, '');
  return name === '' ? 'app' : name;
}


/** The environment variable that turns on the server's own code reload, or none. */
function reloadEnvFor(server: DockerPlan['server']): Array<[string, string]> {
  switch (server) {
    case 'gunicorn':
      // gunicorn reads extra command-line flags from GUNICORN_CMD_ARGS.
      return [['GUNICORN_CMD_ARGS', '--reload']];
    case 'uvicorn':
      // uvicorn reads every flag from a UVICORN_* variable.
      return [['UVICORN_RELOAD', 'true']];
    case 'sanic':
    case 'streamlit':
    case 'python':
      // Sanic's and Streamlit's reload are command-line flags the CMD does not take from the environment.
      return [];
  }
}

export interface ComposeInput {
  /** The project folder's name (for the image name). */
  folderName: string;
  watch: boolean;
  /** Every dependency file the project has (requirements includes, lock files), relative paths. */
  dependencyFiles: readonly string[];
}

export function planCompose(plan: DockerPlan, input: ComposeInput): ComposePlan {
  const environment: Array<[ComposeKey, ComposeValue]> =
    plan.server === 'gunicorn' || plan.server === 'uvicorn' ? [[composeKey('WEB_CONCURRENCY'), composeValue(String(plan.workers))]] : [];
  const compose: ComposePlan = {
    service: COMPOSE_SERVICE,
    image: imageName(input.folderName),
    port: plan.port,
    server: plan.server,
    workers: plan.workers,
    environment,
    healthcheckTest: ['CMD', ...plan.healthcheckArgs].map((arg) => composeValue(arg)),
    healthcheck: HEALTHCHECK_TIMING,
    readOnly: !input.watch,
    init: pythonIsPid1(plan.server),
    watch: undefined,
    requiredEnv: plan.requiredEnv.map(({ name, source }) => {
      const key = composeKey(name, source);
      return { name: key, value: requiredVariable(key, source), source };
    }),
    // The folder comes from the project's code: a literal value (the plan refused one holding `:`).
    volumes: plan.volumes.map(({ name, dir }) => ({ name: composeKey(name), mount: composeValue(`${name}:${dir}`) })),
    writesWorkdir: plan.writablePaths.filter((path) => !path.endsWith('/')),
    migrate: plan.django ? { service: 'migrate', command: plan.django.migrateArgs.map((arg) => composeValue(arg)) } : undefined,
    ...(plan.workspace ? { additionalContexts: [[composeKey('workspace'), composeValue(plan.workspace.root)]] as Array<[ComposeKey, ComposeValue]> } : {}),
  };
  if (compose.writesWorkdir.length > 0) compose.readOnly = false;
  // Django's ALLOWED_HOSTS from a comma-separated variable: allow the addresses compose.yaml publishes on.
  const hosts = plan.django?.settingsReads.find((read) => read.setting === 'ALLOWED_HOSTS');
  if (hosts?.variable && hosts.commaList && !plan.requiredEnv.some((read) => read.name === hosts.variable)) {
    environment.push([composeKey(hosts.variable, hosts.source), composeValue('localhost,127.0.0.1')]);
  }
  if (input.watch) {
    const reloadEnv = reloadEnvFor(plan.server);
    // The files the Dockerfile's dependency layer copies; when it has none (requirements that
    // install the project itself, `-e .`), the project's dependency files. A project with no
    // dependency file at all gets no rebuild rule: its Dockerfile installs nothing from a file.
    const fromPlan = plan.install.single.copyFiles;
    const rebuild = [...new Set(fromPlan.length > 0 ? fromPlan : input.dependencyFiles)].map((file) => composeValue(file, 'dependency files'));
    compose.watch = {
      codeAction: reloadEnv.length > 0 ? 'sync' : 'sync+restart',
      minimumCompose: reloadEnv.length > 0 ? '2.22' : '2.23',
      target: APP_DIR,
      ignore: [...WATCH_IGNORE],
      rebuild,
      reloadEnv: reloadEnv.map(([name, value]) => [composeKey(name), composeValue(value)]),
      installsProject: plan.install.single.projectCommands.length > 0,
    };
  }
  return compose;
}
