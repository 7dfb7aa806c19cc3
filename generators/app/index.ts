/**
 * `yo python-docker`: in an empty folder, the workshop's sample Flask app and every Docker step
 * in teaching order; in an existing Python project, the Docker files only.
 */
import { existsSync, readdirSync } from 'node:fs';
import { text } from '../../lib/messages/en.js';
import type { ProjectInput } from '../../lib/plan.js';
import { SAMPLE_PACKAGES, SAMPLE_REQUIREMENTS, sampleLayout } from '../../lib/sample.js';
import { DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

const PROJECT_MARKERS = ['requirements.txt', 'pyproject.toml', 'Pipfile', 'setup.py', 'manage.py'];

export default class AppGenerator extends DockerStepsGenerator {
  /** True when the folder already holds a Python project we must not scaffold over. */
  private existingProject = false;

  initializing(): void {
    const root = this.destinationRoot();
    this.existingProject =
      PROJECT_MARKERS.some((file) => existsSync(this.destinationPath(file))) ||
      readdirSync(root).some((file) => file.endsWith('.py'));
  }

  protected override projectInput(): ProjectInput {
    if (this.existingProject) return super.projectInput();
    return { requirementsFile: 'requirements.txt', packages: SAMPLE_PACKAGES, scriptEntry: sampleLayout(this.answers.wsgiApp).moduleFile };
  }

  writing(): void {
    if (this.existingProject) {
      this.log(text.existingProject);
    } else {
      const layout = sampleLayout(this.answers.wsgiApp);
      this.render('sample/app.py.ejs', layout.moduleFile, { ...this.plan, ...layout });
      for (const init of layout.packageInits) this.writeFile(init, '');
      this.render('sample/requirements.txt.ejs', 'requirements.txt', { requirements: SAMPLE_REQUIREMENTS });
      this.announce('app');
    }
    this.writeDockerfile('bad');
    this.writeDockerfile('better');
    this.writeDockerignore();
    this.writeDockerfile('production');
    this.writeMultistage();
    if (!this.existingProject) {
      this.render('sample/WORKSHOP.md.ejs', 'WORKSHOP.md', { ...this.plan, layout: sampleLayout(this.answers.wsgiApp) });
      this.announce('workshop');
    }
    this.guardOverwrites();
  }

  override end(): void {
    super.end();
    this.log(`\n${text.nextSteps(this.plan)}`);
  }
}
