/**
 * One generated Dockerfile under test: its image, its main container (shared by the checks
 * that need a running process), and the facts the checks collect for the report.
 * Every step is memoized: the first test that needs the build builds it; if the build failed,
 * every test that needs it fails with the same error.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { E2EContext } from './context.js';
import { dependencySteps, httpGet, listenerOwner, NAME_PREFIX, parseBuildSteps, waitForHttp, waitPortFree, type BuildStep, type HttpAnswer } from './docker.js';
import { describeFailure, once, sleep, tail, type RunResult } from './proc.js';
import type { PreparedProject, ProjectSpec } from './projects.js';
import type { Row } from './report.js';

export interface Built {
  tag: string;
  ms: number;
  sizeMb: number;
  steps: BuildStep[];
  output: string;
}

export interface Rebuilt extends Built {
  depSteps: BuildStep[];
}

export class DockerfileRun {
  readonly slug: string;
  readonly image: string;
  private n = 0;

  constructor(
    readonly ctx: E2EContext,
    readonly spec: ProjectSpec,
    readonly dockerfile: string,
  ) {
    this.slug = `${spec.key}-${dockerfile.replace(/^Dockerfile\.?/, '') || 'production'}`.toLowerCase();
    this.image = `${NAME_PREFIX}${ctx.runId}-${this.slug}`;
  }

  get project(): PreparedProject {
    return this.ctx.project(this.spec.key);
  }

  get row(): Row {
    return this.ctx.report.row(this.spec.key, this.dockerfile);
  }

  get isBad(): boolean {
    return this.dockerfile === 'Dockerfile.bad';
  }

  /** Dockerfile and Dockerfile.multistage: the production images. */
  get isProduction(): boolean {
    return this.dockerfile === 'Dockerfile' || this.dockerfile === 'Dockerfile.multistage';
  }

  containerName(what: string): string {
    this.n += 1;
    return `${this.image}-${what}-${this.n}`;
  }

  /** Builds TAG from this Dockerfile; throws with the build's tail on failure. */
  async buildAs(tag: string, logName: string, noCache = false): Promise<Built> {
    const docker = this.ctx.dockerOrThrow;
    const logFile = this.ctx.log(`${this.slug}-${logName}.log`);
    const r = await docker.build({ dir: this.project.dir, dockerfile: this.dockerfile, tag, logFile, timeoutMs: 30 * 60_000, noCache, buildContexts: this.project.spec.buildContexts ?? this.spec.buildContexts });
    if (r.code !== 0) throw new Error(`docker build of ${this.spec.key}/${this.dockerfile} failed (full log: ${logFile}):\n${describeFailure(r, 60)}${diagnose(r.stdout + r.stderr)}`);
    const output = r.stdout + r.stderr;
    return { tag, ms: r.ms, sizeMb: await docker.imageSizeMb(tag), steps: parseBuildSteps(output), output };
  }

  readonly build = once(async (): Promise<Built> => {
    // PYDOCKER_E2E_NO_CACHE=1: first builds ignore the build cache (cold timings, as on a fresh machine).
    const b = await this.buildAs(`${this.image}:first`, 'build', process.env.PYDOCKER_E2E_NO_CACHE === '1');
    this.row.buildS = Math.round(b.ms / 100) / 10;
    this.row.sizeMb = b.sizeMb;
    this.row.buildWarm = dependencySteps(b.steps).some((s) => s.cached);
    this.row.base = readFileSync(join(this.project.dir, this.dockerfile), 'utf8')
      .split('\n')
      .filter((l) => /^FROM /.test(l))
      .at(-1)
      ?.split(/\s+/)[1];
    return b;
  });

  /** Appends a unique comment line to the app's Python file, then rebuilds. */
  readonly rebuildAfterCodeEdit = once(async (): Promise<Rebuilt> => {
    await this.build();
    const appFile = this.spec.appFile;
    if (!appFile) throw new Error(`${this.spec.key} has no app file to edit`);
    appendFileSync(join(this.project.dir, appFile), `# e2e code edit ${this.ctx.runId} ${Date.now()}\n`);
    const b = await this.buildAs(`${this.image}:edit`, 'rebuild');
    const depSteps = dependencySteps(b.steps);
    this.row.rebuildS = Math.round(b.ms / 100) / 10;
    if (depSteps.length) this.row.depCached = depSteps.every((s) => s.cached);
    await this.ctx.dockerOrThrow.removeImage(`${this.image}:edit`);
    return { ...b, depSteps };
  });

  /**
   * Starts a container of the image on the host network and waits for its first answer on
   * 127.0.0.1:PORT, checking that the answer came from the container's own process: other
   * programs on this machine may use the same port. When one does, the container is removed and
   * started again once the port is free (bounded).
   */
  async serve(what: string, extra: string[] = []): Promise<{ name: string; first: HttpAnswer; firstMs: number }> {
    const { tag } = await this.build();
    const docker = this.ctx.dockerOrThrow;
    const port = this.spec.port;
    const deadline = Date.now() + 10 * 60_000;
    for (let attempt = 1; ; attempt++) {
      const waited = await waitPortFree(port);
      if (waited > 1_000) this.ctx.report.notes.push(`${this.spec.key}/${this.dockerfile}: waited ${Math.round(waited / 1000)} s for 127.0.0.1:${port}, held by a process outside this test`);
      const name = this.containerName(what);
      const started = Date.now();
      await docker.runDetached(name, tag, [...(this.spec.runArgs ?? []), ...extra]);
      let clash: string;
      try {
        const first = await waitForHttp(docker, name, port, 90_000, this.spec.probePath, this.spec.probeHeaders);
        const firstMs = Date.now() - started;
        const owner = await listenerOwner(docker, name, port);
        if (owner.startsWith('mine')) return { name, first, firstMs };
        clash = `the answer on 127.0.0.1:${port} did not come from ${name} (listener: ${owner})`;
      } catch (error) {
        const logs = await docker.logs(name).catch(() => '');
        if (!/Address already in use|Connection in use/.test(logs)) throw error;
        clash = `${name} could not bind 127.0.0.1:${port}: ${(error as Error).message.split('\n')[0]}`;
      }
      await docker.removeContainer(name);
      this.ctx.report.notes.push(`${this.spec.key}/${this.dockerfile}: port clash with a process outside this test (attempt ${attempt}): ${clash}`);
      if (Date.now() > deadline) throw new Error(`gave up after ${attempt} attempts: ${clash}`);
    }
  }

  /** The main container: started detached on the host network, answered once on 127.0.0.1. */
  readonly main = once(() => this.serve('main'));

  /** The main container, which must still run. */
  async running(): Promise<string> {
    const { name } = await this.main();
    if (!(await this.ctx.dockerOrThrow.isRunning(name))) throw new Error(`container ${name} is not running any more:\n${await this.ctx.dockerOrThrow.logs(name)}`);
    return name;
  }

  async get(): Promise<HttpAnswer> {
    return httpGet(this.spec.port, 5_000, this.spec.probePath, this.spec.probeHeaders);
  }

  /** Polls the container's log until `re` matches, at most boundMs. */
  async waitForLog(name: string, re: RegExp, boundMs: number): Promise<string | undefined> {
    const until = Date.now() + boundMs;
    for (;;) {
      const logs = await this.ctx.dockerOrThrow.logs(name);
      if (re.test(logs)) return logs;
      if (Date.now() > until) return undefined;
      await sleep(250);
    }
  }

  /** A one-shot command in the image (its own user), entrypoint replaced. */
  async inImage(entrypoint: string, args: string[]): Promise<RunResult> {
    const { tag } = await this.build();
    return this.ctx.dockerOrThrow.runOnce(tag, args, ['--entrypoint', entrypoint]);
  }

  async cleanup(): Promise<void> {
    const docker = this.ctx.docker;
    if (!docker) return;
    for (const name of [...docker.containers].filter((c) => c.startsWith(`${this.image}-`))) await docker.removeContainer(name);
    for (const tag of [...docker.images].filter((t) => t.startsWith(`${this.image}:`))) await docker.removeImage(tag);
  }
}

/** Hints for failures that come from this machine rather than from the Dockerfile. */
function diagnose(output: string): string {
  const hints: string[] = [];
  if (/CERTIFICATE_VERIFY_FAILED|UnknownIssuer|self[- ]signed certificate/i.test(output)) {
    hints.push('TLS verification failed inside the build: the base image does not trust the TLS-intercepting proxy of this machine for that tool.');
  }
  if (/All attempts to connect to pypi\.org failed|Unable to find installation candidates/.test(output)) {
    hints.push(
      'poetry talks to pypi.org with requests (certifi bundle: it ignores SSL_CERT_FILE, needs REQUESTS_CA_BUNDLE behind a TLS-intercepting proxy) and reads https://pypi.org/pypi/NAME/VERSION/json: where the PyPI proxy does not serve that URL (this project\'s machines answer 404), it finds 0 candidates.',
    );
  }
  return hints.length ? `\n--- likely cause (environment) ---\n${hints.join('\n')}` : '';
}

export const errorLines = (logs: string) => logs.split('\n').filter((l) => /\bERROR\b|Traceback/.test(l));

export function logTail(logs: string): string {
  return tail(logs, 30);
}
