/** `yo python-docker:dockerfile [--stage bad|better|production]`: one Dockerfile of the workshop. */
import { UsageError } from '../../lib/errors.js';
import { languageFromLocale, messagesFor } from '../../lib/messages/index.js';
import { DOCKERFILE_STAGES, type DockerfileStage } from '../../lib/decide/steps.js';

import { type DockerOptions, DockerStepsGenerator } from '../../lib/yeoman/docker-steps.js';

export function parseStage(raw: unknown, lang = 'en'): DockerfileStage {
  const stage = raw === undefined || raw === '' ? 'production' : String(raw);
  if (!(DOCKERFILE_STAGES as readonly string[]).includes(stage)) {
    const { validation } = messagesFor(lang).cli;
    throw new UsageError(validation.invalidFlag('--stage', validation.oneOf(validation.what.stage, DOCKERFILE_STAGES, stage)));
  }
  return stage as DockerfileStage;
}

export default class DockerfileGenerator extends DockerStepsGenerator<DockerOptions & { stage?: string }> {
  private stage: DockerfileStage = 'production';

  constructor(args: string[], options: DockerOptions & { stage?: string }) {
    super(args, options);
    this.option('stage', { type: String, description: messagesFor(languageFromLocale()).cli.options.stage });
  }

  override async initializing(): Promise<void> {
    this.stage = parseStage(this.options.stage, this.earlyLanguage());
    await super.initializing();
  }

  async writing(): Promise<void> {
    this.writeDockerfile(this.stage);
    await this.reconcile();
  }

  protected override rerunArgs(): string[] {
    return [...(this.stage === 'production' ? [] : ['--stage', this.stage]), ...super.rerunArgs()];
  }
}
