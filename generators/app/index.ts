/**
 * `yo python-docker`: in a folder with no Python project, the workshop's sample Flask app and
 * every Docker step in teaching order; in an existing Python project, its Docker files only.
 */
import { text } from '../../lib/messages/en.js';
import type { ProjectInput } from '../../lib/plan.js';
import { SAMPLE_PACKAGES, SAMPLE_REQUIREMENTS, sampleLayout } from '../../lib/sample.js';
import { DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

export default class AppGenerator extends DockerStepsGenerator {
  protected override scaffoldsSample(): boolean {
    return !this.facts.isPythonProject;
  }

  protected override projectInput(): ProjectInput {
    if (!this.scaffoldsSample()) return super.projectInput();
    return {
      dependencies: {
        manager: 'pip',
        files: ['requirements.txt'],
        requirementsFile: 'requirements.txt',
        installsProject: false,
        packages: [...SAMPLE_PACKAGES],
        reason: 'the sample app',
      },
      server: 'gunicorn',
      scriptEntry: sampleLayout(this.answers.wsgiApp).moduleFile,
      sample: true,
    };
  }

  writing(): void {
    if (this.scaffoldsSample()) {
      const layout = sampleLayout(this.answers.wsgiApp);
      this.render('sample/app.py.ejs', layout.moduleFile, { ...this.plan, ...layout });
      for (const init of layout.packageInits) this.writeFile(init, '');
      this.render('sample/requirements.txt.ejs', 'requirements.txt', { requirements: SAMPLE_REQUIREMENTS });
      this.announce('app');
      this.writeDockerfile('bad');
      this.writeDockerfile('better');
    } else {
      // The teaching files (bad, better) run the sample's dev server; a real project gets the
      // files it can use. `python-docker:dockerfile --stage bad|better` still writes them.
      this.log(text.existingProject);
    }
    this.writeDockerignore();
    this.writeDockerfile('production');
    this.writeMultistage();
    if (this.scaffoldsSample()) {
      this.render('sample/WORKSHOP.md.ejs', 'WORKSHOP.md', { ...this.templateData(), layout: sampleLayout(this.answers.wsgiApp) });
      this.announce('workshop');
    }
    this.guardOverwrites();
  }

  override end(): void {
    super.end();
    this.log(`\n${text.nextSteps(this.plan)}`);
  }
}
