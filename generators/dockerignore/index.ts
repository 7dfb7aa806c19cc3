/** `yo python-docker:dockerignore`: the .dockerignore step on its own. */
import { DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

export default class DockerignoreGenerator extends DockerStepsGenerator {
  writing(): void {
    this.writeDockerignore();
    this.guardOverwrites();
  }
}
