/** `yo python-docker:dockerignore`: the .dockerignore step on its own. It asks nothing but the language. */
import type { AnswerKey } from '../../lib/state/answers.js';
import { DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

export default class DockerignoreGenerator extends DockerStepsGenerator {
  /** .dockerignore's content depends on nothing but the language of its comments. */
  protected override answerKeys(): readonly AnswerKey[] {
    return ['lang'];
  }

  protected override usesServer(): boolean {
    return false;
  }

  async writing(): Promise<void> {
    this.writeDockerignore();
    await this.reconcile();
  }
}
