/** `yo python-docker:multistage`: the multi-stage Dockerfile on its own. */
import { DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

export default class MultistageGenerator extends DockerStepsGenerator {
  async writing(): Promise<void> {
    this.writeMultistage();
    await this.reconcile();
  }
}
