/**
 * Renders the workshop's Docker files from a plan. Shared by `app` (all steps, in order) and the
 * single-file sub-generators. Read the project -> decide (lib/plan.ts) -> render (here).
 */
import { existsSync, readFileSync } from 'node:fs';
import { steps, text } from '../messages/en.js';
import { type DockerPlan, planDocker, type ProjectInput } from '../plan.js';
import { DOCKERFILE_NAMES, type DockerfileStage, type StepId } from '../steps.js';
import { type BaseOptions, PythonDockerGenerator } from './base-generator.js';

export abstract class DockerStepsGenerator<O extends BaseOptions = BaseOptions> extends PythonDockerGenerator<O> {
  plan!: DockerPlan;
  /** Steps written by this run, announced once the files are on disk. */
  private readonly written: StepId[] = [];

  /** What the project says; the app generator overrides this for the sample it scaffolds. */
  protected projectInput(): ProjectInput {
    const requirementsFile = 'requirements.txt';
    const path = this.destinationPath(requirementsFile);
    const packages = existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .map((line) => /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line)?.[1])
          .filter((name): name is string => Boolean(name))
      : [];
    return { requirementsFile, packages, scriptEntry: 'main.py' };
  }

  configuring(): void {
    this.plan = planDocker(this.answers, this.projectInput());
    for (const warning of this.plan.warnings) this.log(text.warning(warning));
  }

  protected announce(step: StepId): void {
    this.written.push(step);
  }

  end(): void {
    for (const step of this.written) {
      const message = steps[step];
      this.log(`\n${message.title}\n  ${message.body(this.plan)}`);
    }
  }

  protected writeDockerfile(stage: DockerfileStage): void {
    this.render(`docker/Dockerfile.${stage}.ejs`, DOCKERFILE_NAMES[stage], this.plan);
    this.announce(stage);
  }

  protected writeMultistage(): void {
    this.render('docker/Dockerfile.multistage.ejs', DOCKERFILE_NAMES.multistage, this.plan);
    this.announce('multistage');
  }

  protected writeDockerignore(): void {
    this.render('docker/dockerignore.ejs', '.dockerignore', this.plan);
    this.announce('dockerignore');
  }
}
