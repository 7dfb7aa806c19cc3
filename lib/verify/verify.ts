/**
 * `--verify`: the generator proves what it wrote on the user's own engine. For each Dockerfile:
 * build it (BuildKit, one event per step), start it as production would (run-plan.ts), probe it
 * from inside the container (probe.ts), stop it with `docker stop`, read its log (diagnose.ts),
 * and remove the container and image it made unless asked to keep them. Nothing else on the engine
 * is touched: no prune, no other image, container, volume or build cache.
 *
 * Typed results and events only; the words are lib/verify/report.ts's. Docker is a DockerCli, so
 * unit tests run all of this against a fake.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildProgress, type StepEvent } from './build-progress.js';
import type { VerifyProblem } from '../messages/verify-types.js';
import { type Cause, type DiagnosisContext, errorExcerpt, likelyCause } from './diagnose.js';
import type { DockerCli, DockerResult } from './docker-cli.js';
import { checkEngine, type EngineCheck, type EngineInfo, firstLine } from './engine.js';
import { type Listener, loopbackOnly, parseProbe, PROBE_SCRIPT, UID_SCRIPT } from './probe.js';
import { type Placeholder, type RunPlan, runArguments, runFlags } from './run-plan.js';

/** The label on every container verify starts: `docker ps -a --filter label=org.pydocker.verify` finds leftovers. */
export const VERIFY_LABEL = 'org.pydocker.verify';
/** How long the probe waits for a first answer. */
export const PROBE_BOUND_S = 60;

export interface VerifyTarget {
  /** Relative to the project root: "Dockerfile", "Dockerfile.multistage". */
  dockerfile: string;
  run: RunPlan;
}

export interface VerifyInput {
  docker: DockerCli;
  root: string;
  /** The repository part of the image tags: the project folder's image name. */
  imageRepo: string;
  targets: VerifyTarget[];
  keep: boolean;
  /** What diagnosis needs from the plan, apart from each run's own facts. */
  diagnosis: Omit<DiagnosisContext, 'workdir' | 'readOnly' | 'placeholders'>;
  /** compose.yaml to check with `docker compose config` (the compose files written), if any. */
  composeFile?: string;
  env?: NodeJS.ProcessEnv;
  probeBoundS?: number;
  /** A run id ("1a2b3c"), random by default. */
  id?: string;
  /** Named build contexts (`name=path`), for a uv workspace member's workspace root. */
  buildContexts?: string[];
}

export type Problem = VerifyProblem;

export interface Verdict {
  dockerfile: string;
  image: string;
  container: string;
  teaching: boolean;
  build: { ok: boolean; ms: number; steps: number; cached: number; failed?: StepEvent; error: string[] };
  sizeBytes?: number;
  /** The flags the container ran with (docker run ... FLAGS IMAGE). */
  flags: string[];
  placeholders: Placeholder[];
  port: number;
  probePath: string;
  runError?: string;
  firstResponseMs?: number;
  status?: number;
  probeError?: string;
  listening: Listener[];
  uid?: string;
  /** The container ended by itself before it answered. */
  exitedEarly?: { code: number; afterMs?: number };
  stop?: { ms: number; exitCode: number };
  logErrors: string[];
  cause?: Cause;
  problems: Problem[];
  kept: boolean;
}

export interface ComposeCheck {
  ok: boolean;
  /** The compose plugin is not installed. */
  missing: boolean;
  message: string;
}

export type VerifyEvent =
  | { kind: 'engine'; info: EngineInfo }
  | { kind: 'build'; dockerfile: string; image: string; hostNetwork: boolean }
  | { kind: 'step'; step: StepEvent }
  | { kind: 'run'; dockerfile: string; container: string; image: string; flags: string[]; placeholders: Placeholder[] }
  | { kind: 'probe'; port: number; path: string; boundS: number }
  | { kind: 'verdict'; verdict: Verdict }
  | { kind: 'compose'; check: ComposeCheck };

export interface VerifyOutcome {
  engine: EngineCheck;
  verdicts: Verdict[];
  compose?: ComposeCheck;
  /** Every Dockerfile built, answered and stopped as it should (and compose.yaml parsed). */
  ok: boolean;
}

/** A Dockerfile that uses BuildKit-only syntax (`RUN --mount=...`). */
export function needsBuildKit(dockerfile: string): boolean {
  return /^\s*RUN\s+(?:--\w+=\S+\s+)*--mount=/m.test(dockerfile) || /^\s*--mount=/m.test(dockerfile);
}

/** "Dockerfile.multistage" -> "dockerfile-multistage": a tag- and name-safe slug. */
function slug(dockerfile: string): string {
  return dockerfile.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'dockerfile';
}

/** The image tag a run builds: "myproject:verify-dockerfile-multistage-1a2b3c". */
export function imageTag(repo: string, dockerfile: string, id: string): string {
  return `${repo}:verify-${slug(dockerfile)}-${id}`;
}

/** The container a run starts: "myproject-verify-dockerfile-multistage-1a2b3c". */
export function containerName(repo: string, dockerfile: string, id: string): string {
  return `${repo}-verify-${slug(dockerfile)}-${id}`;
}

/** After an interrupt: the containers this run labelled and the tags it named, nothing else. */
export async function removeLeftovers(docker: DockerCli, id: string, repo: string, dockerfiles: readonly string[], keep: boolean): Promise<void> {
  if (keep) return;
  const ps = await docker.run(['ps', '-aq', '--filter', `label=${VERIFY_LABEL}=${id}`], { timeoutMs: 30_000 });
  for (const container of ps.stdout.split(/\s+/).filter(Boolean)) await docker.run(['rm', '-f', '-v', container], { timeoutMs: 60_000 });
  for (const dockerfile of dockerfiles) await docker.run(['rmi', imageTag(repo, dockerfile, id)], { timeoutMs: 120_000 });
}

/** A `docker logs -t` output (both streams) merged in time order, timestamps removed. */
export function mergeLogs(stdout: string, stderr: string): string {
  const stamped = (text: string) =>
    text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        const match = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) ?(.*)$/.exec(line);
        return match ? { at: match[1]!, line: match[2]! } : { at: '', line };
      });
  return [...stamped(stdout), ...stamped(stderr)]
    .map((entry, order) => ({ ...entry, order }))
    .sort((a, b) => (a.at === b.at ? a.order - b.order : a.at < b.at ? -1 : 1))
    .map((entry) => entry.line)
    .join('\n');
}

/**
 * From `docker run` to the first answer: the probe's own clock when it falls between the two (a
 * container shares the host's clock; a VM's may drift), else until `docker exec` returned.
 */
export function firstResponseMs(startedMs: number, answeredAtMs: number | undefined, execReturnedMs: number): number {
  return answeredAtMs !== undefined && answeredAtMs >= startedMs && answeredAtMs <= execReturnedMs ? answeredAtMs - startedMs : execReturnedMs - startedMs;
}

/** What went wrong with one run, in the order a reader should fix it. */
export function problemsOf(verdict: Omit<Verdict, 'problems'>): Problem[] {
  const problems: Problem[] = [];
  if (!verdict.build.ok) return ['build-failed'];
  if (verdict.runError !== undefined) return ['run-failed'];
  if (verdict.exitedEarly) problems.push('exited');
  else if (verdict.status === undefined) {
    const onPort = verdict.listening.some((listener) => listener.port === verdict.port);
    if (/executable file not found|no such file/i.test(verdict.probeError ?? '')) problems.push('no-probe');
    else problems.push(!onPort && verdict.listening.length > 0 ? 'other-port' : 'no-answer');
  } else if (verdict.status >= 500) problems.push('server-error');
  if (loopbackOnly(verdict.listening, verdict.port)) problems.push('loopback-only');
  if (!verdict.teaching) {
    if (verdict.uid === '0') problems.push('root');
    if (verdict.stop && verdict.stop.exitCode === 137) problems.push('killed');
    else if (verdict.stop && verdict.stop.exitCode !== 0) problems.push('stop-exit');
    if (verdict.logErrors.length > 0 && !problems.includes('exited')) problems.push('log-errors');
  }
  return problems;
}

interface ImageFacts {
  sizeBytes?: number;
  workdir: string;
  user: string;
  exposed: number[];
}

async function imageFacts(docker: DockerCli, image: string): Promise<ImageFacts> {
  const r = await docker.run(['image', 'inspect', '--format', '{{.Size}} {{json .Config}}', image], { timeoutMs: 30_000 });
  const space = r.stdout.indexOf(' ');
  const size = Number(r.stdout.slice(0, space));
  let config: { WorkingDir?: string; User?: string; ExposedPorts?: Record<string, unknown> | null } = {};
  try {
    config = JSON.parse(r.stdout.slice(space + 1)) as typeof config;
  } catch {
    // keep the defaults
  }
  const exposed = Object.keys(config.ExposedPorts ?? {})
    .map((key) => /^(\d+)\/tcp$/.exec(key)?.[1])
    .filter((port): port is string => port !== undefined)
    .map(Number);
  return { sizeBytes: r.code === 0 && Number.isFinite(size) ? size : undefined, workdir: config.WorkingDir || '/', user: config.User ?? '', exposed };
}

/** `docker compose config --quiet`: does the user's Compose accept compose.yaml (required variables given placeholders)? */
async function checkCompose(docker: DockerCli, file: string, placeholders: readonly Placeholder[]): Promise<ComposeCheck> {
  const version = await docker.run(['compose', 'version', '--short'], { timeoutMs: 30_000 });
  if (version.code !== 0) return { ok: true, missing: true, message: firstLine(version.stderr) };
  // Compose reads ${NAME:?...} from the environment it runs in: the placeholders go there, not into the file.
  const env = Object.fromEntries(placeholders.map(({ name, value }) => [name, value]));
  const r = await docker.run(['compose', '-f', file, 'config', '--quiet'], { timeoutMs: 60_000, env });
  return { ok: r.code === 0, missing: false, message: r.code === 0 ? version.stdout.trim() : firstLine(r.stderr) };
}

/** Builds, runs, probes and stops each target; reports as it goes. Never throws for what docker says. */
export async function verify(input: VerifyInput, report: (event: VerifyEvent) => void): Promise<VerifyOutcome> {
  const { docker } = input;
  const engine = await checkEngine(docker, input.env ?? process.env);
  if (!engine.ok) return { engine, verdicts: [], ok: false };
  const needing = input.targets.filter((target) => needsBuildKit(readFileSync(join(input.root, target.dockerfile), 'utf8')));
  if (!engine.info.buildkit && needing.length > 0) {
    return { engine: { ok: false, problem: 'no-buildkit', detail: engine.info.client, info: engine.info }, verdicts: [], ok: false };
  }
  report({ kind: 'engine', info: engine.info });
  const id = input.id ?? randomBytes(3).toString('hex');
  const verdicts: Verdict[] = [];
  for (const target of input.targets) {
    const verdict = await verifyOne(input, engine.info, target, id, report);
    verdicts.push(verdict);
    report({ kind: 'verdict', verdict });
  }
  let compose: ComposeCheck | undefined;
  if (input.composeFile) {
    compose = await checkCompose(docker, input.composeFile, input.targets[0]?.run.placeholders ?? []);
    report({ kind: 'compose', check: compose });
  }
  return { engine, verdicts, compose, ok: verdicts.every((verdict) => verdict.problems.length === 0) && (compose?.ok ?? true) };
}

async function verifyOne(input: VerifyInput, engine: EngineInfo, target: VerifyTarget, id: string, report: (event: VerifyEvent) => void): Promise<Verdict> {
  const { docker, keep } = input;
  const image = imageTag(input.imageRepo, target.dockerfile, id);
  const container = containerName(input.imageRepo, target.dockerfile, id);
  const base: Omit<Verdict, 'problems'> = {
    dockerfile: target.dockerfile,
    image,
    container,
    teaching: target.run.teaching,
    build: { ok: false, ms: 0, steps: 0, cached: 0, error: [] },
    flags: runFlags(target.run),
    placeholders: target.run.placeholders,
    port: target.run.port,
    probePath: target.run.probePath,
    listening: [],
    logErrors: [],
    kept: keep,
  };
  const finish = (verdict: Omit<Verdict, 'problems'>): Verdict => ({ ...verdict, problems: problemsOf(verdict) });

  // 1. Build: the engine's BuildKit, this project as context; RUN steps need a network, the host's when the engine has no bridge.
  const hostNetwork = !engine.bridge;
  report({ kind: 'build', dockerfile: target.dockerfile, image, hostNetwork });
  const progress = new BuildProgress();
  const contexts = (input.buildContexts ?? []).flatMap((context) => ['--build-context', context]);
  const buildArgs = ['build', '--progress=plain', ...(hostNetwork ? ['--network', 'host'] : []), ...contexts, '-f', target.dockerfile, '-t', image, '.'];
  const built = await docker.run(buildArgs, {
    timeoutMs: 60 * 60_000,
    onStderrLine: (line) => {
      const step = progress.push(line);
      if (step) report({ kind: 'step', step });
    },
  });
  base.build = {
    ok: built.code === 0,
    ms: built.ms,
    steps: progress.steps.length,
    cached: progress.steps.filter((step) => step.state === 'cached').length,
    failed: progress.failed,
    error: built.code === 0 ? [] : buildError(built, progress),
  };
  // A failed build tags nothing: nothing to remove.
  if (!base.build.ok) return finish(base);
  const facts = await imageFacts(docker, image);
  base.sizeBytes = facts.sizeBytes;
  // The port the image says it serves on (EXPOSE), else the plan's.
  const port = facts.exposed.length === 1 ? facts.exposed[0]! : target.run.port;
  base.port = port;

  // 2. Start it as production would.
  report({ kind: 'run', dockerfile: target.dockerfile, container, image, flags: base.flags, placeholders: target.run.placeholders });
  const started = Date.now();
  const run = await docker.run([...runArguments(target.run, container, { [VERIFY_LABEL]: id }), image], { timeoutMs: 120_000 });
  if (run.code !== 0) {
    base.runError = firstLine(run.stderr) || `exit ${run.code}`;
    await removeContainer(docker, container, keep);
    await removeImage(docker, image, keep);
    return finish(base);
  }

  // 3. Probe from inside until an answer or the bound.
  const boundS = input.probeBoundS ?? PROBE_BOUND_S;
  report({ kind: 'probe', port, path: target.run.probePath, boundS });
  const probe = await docker.run(['exec', container, 'python', '-I', '-c', PROBE_SCRIPT, String(port), target.run.probePath, String(boundS)], { timeoutMs: (boundS + 30) * 1000 });
  const answered = Date.now();
  const answer = parseProbe(probe.stdout);
  if (answer) {
    base.listening = answer.listening;
    if (answer.status !== undefined) {
      base.status = answer.status;
      base.firstResponseMs = firstResponseMs(started, answer.atMs, answered);
    } else base.probeError = answer.error;
  } else base.probeError = firstLine(probe.stderr) || `exit ${probe.code}`;

  // 4. Who it runs as, then docker stop (or how it ended by itself).
  const state = await containerState(docker, container);
  if (state.running) {
    const uid = await docker.run(['exec', container, 'python', '-I', '-c', UID_SCRIPT], { timeoutMs: 30_000 });
    base.uid = uid.code === 0 ? uid.stdout.trim() : undefined;
    const stop = await docker.run(['stop', container], { timeoutMs: 120_000 });
    const after = await containerState(docker, container);
    base.stop = { ms: stop.ms, exitCode: after.exitCode };
  } else {
    base.exitedEarly = { code: state.exitCode, afterMs: state.ranMs };
    // It never ran long enough to ask: the USER the image declares (none: root).
    base.uid = facts.user === '' ? '0' : facts.user.split(':')[0];
  }

  // 5. The log: the first error lines, and the likely cause.
  const logs = await docker.run(['logs', '-t', container], { timeoutMs: 60_000 });
  const log = mergeLogs(logs.stdout, logs.stderr);
  base.logErrors = errorExcerpt(log);
  const context: DiagnosisContext = { ...input.diagnosis, workdir: facts.workdir, readOnly: target.run.readOnly, placeholders: target.run.placeholders };
  base.cause = base.logErrors.length > 0 || base.exitedEarly ? likelyCause(log, context) : undefined;

  await removeContainer(docker, container, keep);
  await removeImage(docker, image, keep);
  return finish(base);
}

/** The failed step's last lines, else the end of what docker said. */
function buildError(built: DockerResult, progress: BuildProgress): string[] {
  if (built.timedOut) return [`docker build: no end within ${Math.round(built.ms / 60_000)} min`];
  const failed = progress.failed;
  if (failed) return failed.output.slice(-6);
  return built.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(-6);
}

async function containerState(docker: DockerCli, container: string): Promise<{ running: boolean; exitCode: number; ranMs?: number }> {
  const r = await docker.run(['inspect', '--format', '{{.State.Running}} {{.State.ExitCode}} {{.State.StartedAt}} {{.State.FinishedAt}}', container], { timeoutMs: 30_000 });
  const [running, code, startedAt, finishedAt] = r.stdout.trim().split(' ');
  const ran = Date.parse(finishedAt ?? '') - Date.parse(startedAt ?? '');
  return { running: running === 'true', exitCode: Number(code ?? 0) || 0, ranMs: Number.isFinite(ran) && ran >= 0 ? ran : undefined };
}

/** The container, with its anonymous volumes (-v): only the one this run named. */
async function removeContainer(docker: DockerCli, container: string, keep: boolean): Promise<void> {
  if (!keep) await docker.run(['rm', '-f', '-v', container], { timeoutMs: 60_000 });
}

/** The tag this run made, and the image if no other tag or container uses it (no -f: another tag keeps it). */
async function removeImage(docker: DockerCli, image: string, keep: boolean): Promise<void> {
  if (!keep) await docker.run(['rmi', image], { timeoutMs: 120_000 });
}
