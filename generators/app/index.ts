/**
 * `yo python-docker`: in a folder with no Python project, the workshop's sample Flask app and
 * every Docker step in teaching order; in an existing Python project, its Docker files only.
 */
import { type AnswerKey, DOCKER_KEYS } from '../../lib/state/answers.js';
import type { ComposePlan } from '../../lib/decide/compose.js';
import { checkGitTarget, commitSteps, type GitStep } from '../../lib/yeoman/git.js';
import { DOCKERFILE_NAMES, STEP_TAGS } from '../../lib/decide/steps.js';
import { COMPOSE_FILE } from '../../lib/decide/compose.js';
import { UsageError } from '../../lib/errors.js';
import { messagesFor } from '../../lib/messages/index.js';
import { otherContent } from '../../lib/read/other-content.js';
import { sampleLayout } from '../../lib/decide/sample.js';
import { binContext } from '../../lib/yeoman/base-generator.js';
import { DockerStepsGenerator, stepTitle } from '../../lib/yeoman/docker-steps.js';

/** Files the workshop writes besides the sample's Python ones (a folder holding only these is a workshop in the making). */
const WORKSHOP_OUTPUTS = [...Object.values(DOCKERFILE_NAMES), 'WORKSHOP.md', COMPOSE_FILE];

export default class AppGenerator extends DockerStepsGenerator {
  private compose?: ComposePlan;

  /** --compose and --git belong to the workshop, so only app declares them. */
  protected override answerKeys(): readonly AnswerKey[] {
    return [...DOCKER_KEYS, 'compose', 'git', 'server'];
  }

  protected override scaffoldsSample(): boolean {
    return !this.facts.isPythonProject;
  }

  /** The sample app goes only into a folder that holds nothing else: another project's folder is refused, nothing written. */
  override async initializing(): Promise<void> {
    await super.initializing();
    if (!this.scaffoldsSample()) return;
    const found = await otherContent(this.destinationRoot(), WORKSHOP_OUTPUTS);
    if (found.length > 0) {
      const named = found.length > 3 ? [...found.slice(0, 3), '...'] : found;
      throw new UsageError(messagesFor(this.earlyLanguage()).cli.errors.otherProject(named));
    }
  }

  /** The workshop history is made only for the sample project. */
  private get makesGitHistory(): boolean {
    return this.answers.git && this.scaffoldsSample();
  }

  override configuring(): void {
    super.configuring();
    if (this.answers.git && !this.scaffoldsSample()) {
      const { text } = this.messages;
      this.warn(this.workshop ? text.gitWorkshopExists : text.gitNotForProject);
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
      if (!this.scaffoldsSample()) this.log(this.messages.text.workshopAgain);
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

  protected override closing(): void {
    if (this.compose && this.inLine(COMPOSE_FILE)) this.log(`\n${this.messages.cli.composeStep(this.compose, this.followUp('compose', [this.compose.watch ? '--no-watch' : '--watch']))}`);
    // --dry-run wrote nothing: no history to commit, nothing to build yet.
    if (this.dryRun()) return;
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
      if (tag) gitSteps.push({ tag, message: stepTitle(this.messages.steps[step], this.plan), files: [...files] });
      else extra.push(...files);
    }
    gitSteps[0].files.push(...extra);
    return gitSteps;
  }
}
