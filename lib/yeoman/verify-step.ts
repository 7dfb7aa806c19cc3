/**
 * The generators' `--verify` step, after the files are on disk: which Dockerfiles this run wrote and
 * how each runs (lib/verify/run-plan.ts), what the diagnosis needs to know about the project, then
 * lib/verify/verify.ts with its events printed as they come. Ctrl-C during it removes what it made.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { imageName, planCompose } from '../decide/compose.js';
import type { DockerPlan } from '../decide/plan.js';
import { DOCKERFILE_NAMES } from '../decide/steps.js';
import type { VerifyTexts } from '../messages/verify-types.js';
import { type DockerCli, systemDocker } from '../verify/docker-cli.js';
import { checkEngine } from '../verify/engine.js';
import { cannotLine, eventLines } from '../verify/report.js';
import { productionRun, teachingRun } from '../verify/run-plan.js';
import { removeLeftovers, verify, type VerifyTarget } from '../verify/verify.js';

export interface VerifyStepInput {
  root: string;
  plan: DockerPlan;
  /** The project's dependency files (what a missing module should be added to). */
  dependencyFiles: string[];
  /** The Dockerfiles to verify, relative to root. */
  dockerfiles: string[];
  composeFile?: string;
  keep: boolean;
  texts: VerifyTexts;
  log: (line: string) => void;
  docker?: DockerCli;
  env?: NodeJS.ProcessEnv;
}

/** The teaching Dockerfiles run as the walkthrough runs them; the others as production would. */
const TEACHING = new Set<string>([DOCKERFILE_NAMES.bad, DOCKERFILE_NAMES.better]);

/** Entries looked at per folder: enough for any project's top level, bounded for a hostile one. */
const MAX_ENTRIES = 5_000;

/**
 * Top-level module names of a project: .py files and folders holding Python code, at its root and
 * under src/. Symbolic links are not followed: nothing outside the project is listed.
 */
export function projectModules(root: string): string[] {
  const names = new Set<string>();
  const entries = (folder: string) => {
    try {
      return lstatSync(folder).isDirectory() ? readdirSync(folder, { withFileTypes: true }).slice(0, MAX_ENTRIES) : [];
    } catch {
      return [];
    }
  };
  for (const folder of [root, join(root, 'src')]) {
    for (const entry of entries(folder)) {
      if (entry.name.startsWith('.')) continue;
      if (entry.isFile() && entry.name.endsWith('.py')) names.add(entry.name.slice(0, -3));
      else if (entry.isDirectory() && entries(join(folder, entry.name)).some((inner) => inner.isFile() && inner.name.endsWith('.py'))) names.add(entry.name);
    }
  }
  return [...names];
}

/** The project's .dockerignore lines (not through a symbolic link). */
function dockerignoreLines(root: string): string[] {
  const path = join(root, '.dockerignore');
  try {
    return lstatSync(path).isFile() ? readFileSync(path, 'utf8').split('\n') : [];
  } catch {
    return [];
  }
}

/** True when a docker engine answers quickly enough to offer verification at the end of an interactive run. */
export async function engineAnswers(root: string, docker: DockerCli = systemDocker(root)): Promise<boolean> {
  return (await checkEngine(docker, process.env, 5_000)).ok;
}

/** Runs the verification and prints it; true when every Dockerfile passed. */
export async function verifyWritten(input: VerifyStepInput): Promise<boolean> {
  const { texts, log, plan, root } = input;
  const docker = input.docker ?? systemDocker(root, input.env);
  const dockerfiles = input.dockerfiles.filter((file) => existsSync(join(root, file)));
  // compose.yaml with no Dockerfile to build yet: the compose step already said which command writes it.
  if (dockerfiles.length === 0) {
    log(texts.cannot.nothingWritten);
    return false;
  }
  const compose = planCompose(plan, { folderName: basename(root), watch: false, dependencyFiles: input.dependencyFiles });
  const targets: VerifyTarget[] = dockerfiles.map((dockerfile) => ({ dockerfile, run: TEACHING.has(dockerfile) ? teachingRun(plan) : productionRun(plan, compose) }));
  const id = randomBytes(3).toString('hex');
  const imageRepo = imageName(basename(root));
  const onInterrupt = () => {
    void removeLeftovers(docker, id, imageRepo, dockerfiles, input.keep).finally(() => process.exit(130));
  };
  process.once('SIGINT', onInterrupt);
  try {
    log('');
    const outcome = await verify(
      {
        docker,
        root,
        imageRepo,
        targets,
        keep: input.keep,
        id,
        env: input.env,
        // A uv workspace member builds with its workspace root as a second context (lib/decide/install.ts).
        buildContexts: plan.workspace ? [plan.workspace.buildContext] : [],
        composeFile: input.composeFile,
        diagnosis: {
          entryTarget: plan.server === 'python' ? plan.scriptEntry : plan.wsgiApp,
          dependencyFiles: input.dependencyFiles,
          projectModules: projectModules(root),
          dockerignore: dockerignoreLines(root),
        },
      },
      (event) => {
        for (const line of eventLines(event, texts)) log(line);
        if (event.kind === 'verdict') {
          const { verdict } = event;
          if (verdict.build.ok) log(verdict.kept ? texts.kept(verdict.container, verdict.image) : texts.removed(verdict.container, verdict.image));
        }
      },
    );
    if (!outcome.engine.ok) {
      log(cannotLine(outcome.engine, texts));
      return false;
    }
    const failed = outcome.verdicts.filter((verdict) => verdict.problems.length > 0).length;
    log('');
    log(outcome.ok ? texts.summary.ok(outcome.verdicts.length) : texts.summary.failed(Math.max(failed, 1), Math.max(outcome.verdicts.length, 1)));
    return outcome.ok;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
