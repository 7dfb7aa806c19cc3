/**
 * `yo python-docker`: in a folder with no Python project, the workshop's sample Flask app and
 * every Docker step in teaching order; in an existing Python project, its Docker files only.
 */
import { type AnswerKey, DOCKER_KEYS } from '../../lib/state/answers.js';
import type { ComposePlan } from '../../lib/decide/compose.js';
import { checkGitTarget, commitSteps, type GitStep } from '../../lib/yeoman/git.js';
import { STEP_TAGS } from '../../lib/decide/steps.js';
import type { ProjectInput } from '../../lib/decide/plan.js';
import { SAMPLE_REQUIREMENTS, sampleLayout, sampleProjectInput } from '../../lib/decide/sample.js';
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

  protected override projectInput(): ProjectInput {
    return this.scaffoldsSample() ? sampleProjectInput(this.answers.wsgiApp) : super.projectInput();
  }

  writing(): void {
    if (this.scaffoldsSample()) {
      const layout = sampleLayout(this.answers.wsgiApp);
      this.render('sample/app.py.ejs', layout.moduleFile, { ...this.templateData(), ...layout });
      for (const init of layout.packageInits) this.writeFile(init, '');
      this.render('sample/requirements.txt.ejs', 'requirements.txt', { ...this.templateData(), requirements: SAMPLE_REQUIREMENTS });
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
    if (this.answers.compose) this.compose = this.writeCompose(Boolean(this.config.get('watch')));
    this.writeDockerfile('production');
    this.writeMultistage();
    if (this.scaffoldsSample()) {
      this.render('sample/compare.py.ejs', 'compare.py', this.templateData());
      this.render(`locales/${this.messages.lang}/WORKSHOP.md.ejs`, 'WORKSHOP.md', { ...this.templateData(), layout: sampleLayout(this.answers.wsgiApp) });
      this.announce('workshop');
    }
    this.alignCarriers();
    this.guardOverwrites();
  }

  override end(): void {
    super.end();
    if (this.compose) this.log(`\n${this.messages.cli.composeStep(this.compose)}`);
    if (this.makesGitHistory) {
      commitSteps(this.destinationRoot(), this.gitSteps());
      this.log(`\n${this.messages.text.gitHistory(Object.values(STEP_TAGS))}`);
    }
    const newFolder = binContext()?.newFolder;
    if (newFolder) this.log(`\n${this.messages.cli.nextInFolder(newFolder)}`);
    this.log(`${newFolder ? '' : '\n'}${this.messages.text.nextSteps(this.plan)}`);
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
