/**
 * `yo python-docker`: in a folder with no Python project, the workshop's sample Flask app and
 * every Docker step in teaching order; in an existing Python project, its Docker files only.
 */
import { type AnswerKey, DOCKER_KEYS } from '../../lib/state/answers.js';
import type { ComposePlan } from '../../lib/decide/compose.js';
import { checkGitTarget, commitSteps, type GitStep } from '../../lib/yeoman/git.js';
import { STEP_TAGS } from '../../lib/decide/steps.js';
import { sampleLayout } from '../../lib/decide/sample.js';
import { DOCKERFILE_NAMES } from '../../lib/decide/steps.js';
import { COMPOSE_FILE } from '../../lib/decide/compose.js';
import { binContext } from '../../lib/yeoman/base-generator.js';
import { DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

export default class AppGenerator extends DockerStepsGenerator {
  private compose?: ComposePlan;

  /** --compose and --git belong to the workshop, so only app declares them. */
  protected override answerKeys(): readonly AnswerKey[] {
    return [...DOCKER_KEYS, 'compose', 'git'];
  }

  protected override scaffoldsSample(): boolean {
    return !this.facts.isPythonProject;
  }

  /** The workshop history is made only for the sample project. */
  private get makesGitHistory(): boolean {
    return this.answers.git && this.scaffoldsSample();
  }

  override configuring(): void {
    super.configuring();
    if (this.answers.git && !this.scaffoldsSample()) {
      this.log(this.messages.text.warning(this.messages.text.gitNotForProject));
    }
    // Refuse before anything is written (dirty repository, tags taken, no git).
    if (this.makesGitHistory) checkGitTarget(this.destinationRoot(), Object.values(STEP_TAGS));
  }

  protected override writesDockerignoreStep(): boolean {
    return true;
  }

  async writing(): Promise<void> {
    // The workshop folder, scaffolded now or by an earlier run: every file of it, each weighed
    // against what the generator wrote last time (ours is updated, yours is merged or asked about).
    if (this.workshop) {
      const layout = sampleLayout(this.answers.wsgiApp);
      this.produce('sample.app', layout.moduleFile);
      for (const init of layout.packageInits) this.produce('sample.init', init);
      this.produce('sample.requirements', 'requirements.txt');
      this.announce('app');
      this.writeDockerfile('bad');
      this.writeDockerfile('better');
    } else {
      // The teaching files (bad, better) run the sample's dev server; a real project gets the
      // files it can use. `python-docker:dockerfile --stage bad|better` still writes them.
      this.log(this.messages.text.existingProject);
    }
    this.writeDockerignore();
    // compose.yaml belongs to the production step (it builds that Dockerfile).
    if (this.answers.compose) this.compose = this.writeCompose();
    this.writeDockerfile('production');
    this.writeMultistage();
    if (this.workshop) {
      this.produce('compare', 'compare.py');
      this.produce('workshop', 'WORKSHOP.md');
      this.announce('workshop');
    }
    await this.reconcile();
  }

  override end(): void {
    super.end();
    if (this.compose && this.inLine(COMPOSE_FILE)) this.log(`\n${this.messages.cli.composeStep(this.compose, this.followUp('compose', [this.compose.watch ? '--no-watch' : '--watch']))}`);
    if (this.makesGitHistory) {
      commitSteps(this.destinationRoot(), this.gitSteps());
      this.log(`\n${this.messages.text.gitHistory(Object.values(STEP_TAGS))}`);
    }
    const newFolder = binContext()?.newFolder;
    if (newFolder) this.log(`\n${this.messages.cli.nextInFolder(newFolder)}`);
    // A command that builds the Dockerfile is a promise only when the Dockerfile is this run's.
    if (this.inLine(DOCKERFILE_NAMES.production)) this.log(`${newFolder ? '' : '\n'}${this.messages.text.nextSteps(this.plan)}`);
  }

  /** One commit per tagged step; untagged steps' files (WORKSHOP.md) and .yo-rc.json join step 1. */
  private gitSteps(): GitStep[] {
    const gitSteps: GitStep[] = [];
    const extra = ['.yo-rc.json'];
    for (const { step, files } of this.written) {
      const tag = STEP_TAGS[step];
      if (tag) gitSteps.push({ tag, message: this.messages.steps[step].title, files: [...files] });
      else extra.push(...files);
    }
    gitSteps[0].files.push(...extra);
    return gitSteps;
  }
}
