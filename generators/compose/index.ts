/** `yo python-docker:compose [--watch]`: compose.yaml for the local loop, next to the production Dockerfile. */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { COMPOSE_FILE, composeMessage, type ComposePlan, composeString, parseWatch, planCompose } from '../../lib/compose.js';
import { DOCKERFILE_NAMES } from '../../lib/steps.js';
import { type DockerOptions, DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

export type ComposeOptions = DockerOptions & { watch?: boolean | string };

export default class ComposeGenerator extends DockerStepsGenerator<ComposeOptions> {
  private watch = false;
  private compose!: ComposePlan;

  constructor(args: string[], options: ComposeOptions) {
    super(args, options);
    this.option('watch', {
      type: Boolean,
      description: 'Add develop.watch: sync code into the container, rebuild on dependency changes (Compose v2.22+; docker-compose 1.x rejects it) [default: false]',
    });
  }

  /** The shared answers, then --watch: CLI (--watch / --no-watch) > .yo-rc.json > --defaults (off) > a question. */
  override async prompting(): Promise<void> {
    await super.prompting();
    let watch = parseWatch(this.optionValue('watch')) ?? parseWatch(this.config.get('watch'), 'watch in .yo-rc.json');
    if (watch === undefined && this.optionValue('defaults')) watch = false;
    if (watch === undefined) {
      const answer = (await this.prompt([
        {
          type: 'confirm',
          name: 'watch',
          message: 'Add develop.watch for `docker compose watch` (needs Compose v2.22+; docker-compose 1.x rejects the file)?',
          default: false,
        },
      ] as never)) as { watch?: boolean };
      watch = Boolean(answer.watch);
    }
    this.watch = watch;
    // Stored like the other answers, so a re-run (or `app`) writes the same file.
    this.config.set('watch', watch);
  }

  override configuring(): void {
    super.configuring();
    this.compose = planCompose(this.plan, {
      folderName: basename(this.destinationRoot()),
      watch: this.watch,
      dependencyFiles: this.projectInput().dependencies.files,
    });
  }

  writing(): void {
    this.render('compose/compose.yaml.ejs', COMPOSE_FILE, { ...this.compose, composeString });
    this.guardOverwrites();
  }

  override end(): void {
    super.end();
    this.log(`\n${composeMessage(this.compose)}`);
    const dockerfile = this.destinationPath(DOCKERFILE_NAMES.production);
    if (!existsSync(dockerfile) && !this.fs.exists(dockerfile)) {
      this.log(`warning: compose.yaml builds ${DOCKERFILE_NAMES.production}, which this folder does not have yet: run \`yo python-docker:dockerfile\` first.`);
    }
  }
}
