/** `yo python-docker:compose [--watch]`: compose.yaml for the local loop, next to the production Dockerfile. */
import { existsSync } from 'node:fs';
import { ANSWER_SPECS, type AnswerSpec, WATCH_SPEC } from '../../lib/answers.js';
import { composeMessage, type ComposePlan } from '../../lib/compose.js';
import { DOCKERFILE_NAMES } from '../../lib/steps.js';
import { DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

export default class ComposeGenerator extends DockerStepsGenerator {
  private compose!: ComposePlan;

  /** The shared answers, plus --watch (stored, so a re-run writes the same file). */
  protected override answerSpecs(): readonly AnswerSpec[] {
    return [...ANSWER_SPECS, WATCH_SPEC as AnswerSpec];
  }

  writing(): void {
    this.compose = this.writeCompose(this.answers.watch);
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
