/** `yo python-docker:compose [--watch]`: compose.yaml for the local loop, next to the production Dockerfile. */
import { existsSync } from 'node:fs';
import type { AnswerKey } from '../../lib/state/answers.js';
import { COMPOSE_FILE, type ComposePlan } from '../../lib/decide/compose.js';
import { DOCKERFILE_NAMES } from '../../lib/decide/steps.js';
import { DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

export default class ComposeGenerator extends DockerStepsGenerator {
  private compose!: ComposePlan;

  /**
   * What compose.yaml carries: the port, the worker count, --watch (stored when chosen, so a re-run
   * writes the same file). The image's Python, base and user are the Dockerfile's business.
   */
  protected override answerKeys(): readonly AnswerKey[] {
    return ['port', 'workers', 'lang', 'watch', 'server'];
  }

  async writing(): Promise<void> {
    this.compose = this.writeCompose();
    await this.reconcile();
  }

  protected override closing(): void {
    if (this.inLine(COMPOSE_FILE)) this.log(`\n${this.messages.cli.composeStep(this.compose, this.followUp('compose', [this.compose.watch ? '--no-watch' : '--watch']))}`);
    const dockerfile = this.destinationPath(DOCKERFILE_NAMES.production);
    if (!existsSync(dockerfile) && !this.fs.exists(dockerfile)) {
      const { cli } = this.messages;
      this.warn(cli.composeNeedsDockerfile(DOCKERFILE_NAMES.production, this.followUp('dockerfile')));
    }
  }
}
