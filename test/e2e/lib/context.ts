/**
 * State shared by the whole e2e tier: the run's folders, the set-up's answers, the docker
 * wrapper, the prepared projects and the report. set-up and tear-down live here.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Docker } from './docker.js';
import { acquireLock, baseImages, engineDown, planImage, provideImages, REAL_IMAGES, runSetup, STANDIN_MINORS, stateDir, type ImagePlan, type SetupInfo } from './infra.js';
import { CLI } from './paths.js';
import { run, seconds } from './proc.js';
import { CONTAINER_PROJECTS, LINT_PROJECTS, prepareProject, readSummary, selectedProjects, type PreparedProject, type ProjectSpec } from './projects.js';
import { Report } from './report.js';

/** The projects a suite generates, and how: containers.test.ts uses the defaults. */
export interface ProjectSet {
  /** Built and run (their `build` Dockerfiles), in this order. */
  container: ProjectSpec[];
  /** Generated and linted only. */
  lint: ProjectSpec[];
  prepare: (spec: ProjectSpec, root: string, logFile: string) => Promise<PreparedProject>;
  /** Written to $PYDOCKER_E2E_STATE/<reportName>. */
  reportName: string;
  report: Report;
}

export class E2EContext {
  readonly runId = `${process.pid}-${randomBytes(3).toString('hex')}`;
  readonly state = stateDir();
  readonly runDir = join(this.state, 'runs', this.runId);
  readonly logDir = join(this.runDir, 'logs');
  readonly projectsDir = join(this.runDir, 'projects');
  readonly reportFile: string;
  readonly report: Report;
  readonly projects = new Map<string, PreparedProject>();
  readonly images = new Map<string, ImagePlan>();
  setup?: SetupInfo;
  docker?: Docker;
  hadolintVersion = '';
  private engineStartedByFailedSetup = false;
  private releaseLock?: () => void;
  /** Set when the set-up starts (the module loads long before, when mocha loads every suite). */
  private t0 = Date.now();

  readonly set: ProjectSet;

  constructor(set: Partial<ProjectSet> = {}) {
    this.set = {
      container: selectedProjects(CONTAINER_PROJECTS),
      lint: selectedProjects(LINT_PROJECTS),
      prepare: prepareProject,
      reportName: 'report.md',
      report: new Report(),
      ...set,
    };
    this.report = this.set.report;
    this.reportFile = join(this.state, this.set.reportName);
    // Table order: the built Dockerfiles first, in the order they are tested.
    for (const spec of this.set.container) for (const df of spec.build) this.report.row(spec.key, df).built = true;
  }

  log(file: string): string {
    return join(this.logDir, file);
  }

  get dockerOrThrow(): Docker {
    if (!this.docker) throw new Error('the e2e set-up did not finish: no docker engine');
    return this.docker;
  }

  project(key: string): PreparedProject {
    const p = this.projects.get(key);
    if (!p) throw new Error(`project ${key} was not prepared (the set-up failed)`);
    return p;
  }

  async setUp(): Promise<void> {
    this.t0 = Date.now();
    mkdirSync(this.logDir, { recursive: true });
    mkdirSync(this.projectsDir, { recursive: true });
    this.pruneOldRuns();
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx tsc -p tsconfig.json; npm test does it)`);
    process.stderr.write(`      e2e run ${this.runId}: logs in ${this.logDir}\n`);

    // 1. Generate every project: the base images they name decide what set-up must provide.
    let t = Date.now();
    // Three generator processes at a time: each is a node start-up, mostly CPU.
    const queue = [...this.set.container, ...this.set.lint];
    const worker = async () => {
      for (let spec = queue.shift(); spec; spec = queue.shift()) {
        this.projects.set(spec.key, await this.set.prepare(spec, this.projectsDir, this.log(`generate-${spec.key}.log`)));
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    this.report.timings.push(`generate ${this.projects.size} projects: ${seconds(Date.now() - t)} s`);
    for (const spec of this.set.container) {
      const summary = readSummary(this.project(spec.key).generatorOutput)
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => /^(dependencies|python|entry|port):/.test(l));
      if (summary.length) this.report.notes.push(`${spec.key}: the generator read: ${summary.join('; ')}`);
    }
    for (const spec of this.set.container) {
      for (const df of spec.build) {
        const file = join(this.project(spec.key).dir, df);
        if (!existsSync(file)) continue; // the "writes exactly" test reports it
        for (const ref of baseImages(readFileSync(file, 'utf8'))) if (!this.images.has(ref)) this.images.set(ref, planImage(ref));
      }
    }
    const minors = [...new Set([...this.images.values()].map((p) => p.standinMinor))].sort();
    // Nothing to build or lint (only refusals selected): no engine, no hadolint.
    if (![...this.projects.values()].some((p) => p.dockerfiles.length > 0)) {
      this.report.notes.push('no Dockerfile was written: the engine was not set up');
      return;
    }
    // setup.sh needs one version at least; hadolint alone (lint-only selection) comes with it.
    if (minors.length === 0) minors.push(STANDIN_MINORS[1]);

    // 2. Engine, stand-in images, hadolint.
    t = Date.now();
    try {
      this.setup = await runSetup(minors, this.log('setup.log'), 40 * 60_000);
    } catch (error) {
      this.engineStartedByFailedSetup = (error as { startedEngine?: boolean }).startedEngine === true;
      throw error;
    }
    this.report.timings.push(`setup.sh ${minors.join(' ')}: ${seconds(this.setup.ms)} s (STARTED_ENGINE=${this.setup.STARTED_ENGINE}, IMAGES=${this.setup.IMAGES})`);
    this.docker = new Docker(this.setup.DOCKER, this.runId, this.log('docker.log'));
    const stale = await this.docker.cleanupStale();
    if (stale.length) this.report.notes.push(`removed leftovers of an earlier, killed run: ${stale.join(', ')}`);

    // 3. The base images the Dockerfiles name.
    t = Date.now();
    const provided = await provideImages(this.docker, [...this.images.values()]);
    this.report.notes.push(...provided.notes);
    this.report.notes.push(REAL_IMAGES ? 'base images: the official python images (docker pull)' : 'base images: Debian stand-ins built by test/e2e/infra/standin-images.sh (no registry here); no Alpine stand-in can be built here, so Alpine output is linted only');
    this.report.timings.push(`base images ${[...this.images.keys()].join(', ')}: ${seconds(Date.now() - t)} s`);

    const version = await run(this.setup.HADOLINT, ['--version'], { timeoutMs: 30_000 });
    if (version.code !== 0) throw new Error(`hadolint from set-up does not run: ${version.stderr}`);
    this.hadolintVersion = version.stdout.trim();

    // 4. One run at a time on this machine: containers share the host's ports.
    t = Date.now();
    this.releaseLock = await acquireLock(join(this.state, 'containers.lock'), 30 * 60_000);
    if (Date.now() - t > 1000) this.report.timings.push(`waited ${seconds(Date.now() - t)} s for another e2e run to finish`);
  }

  async tearDown(): Promise<void> {
    const problems: string[] = [];
    if (this.docker) {
      try {
        await this.docker.cleanupAll();
      } catch (error) {
        problems.push(`cleanup: ${(error as Error).message}`);
      }
      // Alias tags (python:3.12.8-slim -> the 3.13 stand-in) stay: another run on this engine may be
      // building from them right now, and the next run re-tags them anyway.
      const left = await this.docker.raw(['ps', '-aq', '--filter', `label=org.pydocker.e2e.run=${this.runId}`], 30_000);
      if (left.stdout.trim()) problems.push(`containers of this run still exist: ${left.stdout.trim()}`);
    }
    this.releaseLock?.();
    if (this.setup?.STARTED_ENGINE === '1' || this.engineStartedByFailedSetup) {
      try {
        await engineDown(this.log('setup.log'));
        this.report.timings.push('engine-down.sh: stopped the dockerd this run started');
      } catch (error) {
        problems.push(`engine-down: ${(error as Error).message}`);
      }
    }
    if (process.env.PYDOCKER_E2E_KEEP !== '1') rmSync(this.projectsDir, { recursive: true, force: true });
    this.report.timings.push(`whole e2e tier: ${seconds(Date.now() - this.t0)} s`);
    const title = `pydocker e2e run ${this.runId} (${new Date().toISOString()}; ${this.hadolintVersion || 'hadolint ?'}; images: ${this.setup?.IMAGES ?? '?'})`;
    const text = this.report.render(title);
    writeFileSync(this.reportFile, text);
    console.log(`\n${text}\n(report written to ${this.reportFile}; logs in ${this.logDir})`);
    if (problems.length) throw new Error(problems.join('\n'));
  }

  /** Keeps the logs of the last few runs only. */
  private pruneOldRuns(): void {
    const runs = join(this.state, 'runs');
    const dirs = readdirSync(runs)
      .map((d) => ({ d, m: statSync(join(runs, d)).mtimeMs }))
      .sort((a, b) => b.m - a.m);
    for (const { d } of dirs.slice(5)) if (d !== this.runId) rmSync(join(runs, d), { recursive: true, force: true });
  }
}
