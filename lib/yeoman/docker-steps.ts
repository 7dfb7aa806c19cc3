/**
 * Renders the workshop's Docker files from a plan. Shared by `app` (all steps, in order) and the
 * single-file sub-generators. Read the project (lib/project) -> decide (lib/plan.ts) -> render (here).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Answers, type AnswerSpec } from '../answers.js';
import { COMPOSE_FILE, type ComposePlan, composeString, planCompose, requiredVariable } from '../compose.js';
import { mergeDockerignore } from '../dockerignore.js';
import { UsageError } from '../errors.js';
import { type Messages, messagesFor } from '../messages/index.js';
import { type DockerPlan, planDocker, type ProjectInput, pythonPathFor, refusalText, type Server, SERVERS, serverForProject, servingRefusal, shellLines } from '../plan.js';
import { readProject } from '../project/read.js';
import type { Dependencies, ProjectFacts } from '../project/types.js';
import { DOCKERFILE_NAMES, type DockerfileStage, type StepId } from '../steps.js';
import { type BaseOptions, PythonDockerGenerator } from './base-generator.js';

export type DockerOptions = BaseOptions & { server?: string };

/** A text as comment lines: "# " before each line (a bare "#" for an empty one). */
export function commentLines(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '#' : `# ${line}`))
    .join('\n');
}

export abstract class DockerStepsGenerator<O extends DockerOptions = DockerOptions> extends PythonDockerGenerator<O> {
  plan!: DockerPlan;
  facts!: ProjectFacts;
  /** The texts in the answer's language. */
  messages!: Messages;
  /** Steps written by this run, with their files, announced once the files are on disk. */
  protected readonly written: Array<{ step: StepId; files: string[] }> = [];
  private announcedFiles = 0;
  private storedApp = false;
  /** Facts the project states that could not be used as they are. */
  private readonly detectionWarnings: string[] = [];

  constructor(args: string[], options: O) {
    super(args, options);
    this.option('server', {
      type: String,
      description: `Server the production image runs: ${SERVERS.join('|')} [default: read from the project, else gunicorn]`,
    });
  }

  async initializing(): Promise<void> {
    // Before prompting stores every answer: was an app named by an earlier run?
    this.storedApp = this.config.get('wsgiApp') !== undefined;
    this.facts = await readProject(this.destinationRoot());
    if (!this.facts.isPythonProject && !this.scaffoldsSample()) {
      throw new UsageError(
        `no Python project in ${this.destinationRoot()} (no requirements.txt, pyproject.toml, Pipfile or .py file): run it inside your project, or run \`yo python-docker\` in an empty folder for the sample app`,
      );
    }
  }

  /** The user named the app: --wsgi-app, or an answer stored in .yo-rc.json by an earlier run. */
  private userNamedApp(): boolean {
    const cli = this.optionValue('wsgi-app');
    return (cli !== undefined && cli !== '') || this.storedApp;
  }

  /** True for the app generator in a folder with no Python project. */
  protected scaffoldsSample(): boolean {
    return false;
  }

  protected override detectedDefaults(): Partial<Answers> {
    if (this.scaffoldsSample()) return {};
    const found: Partial<Answers> = {};
    const specs = new Map(this.answerSpecs().map((spec) => [spec.key, spec]));
    const tryUse = <K extends keyof Answers>(key: K, raw: unknown, source: string) => {
      const spec = specs.get(key) as AnswerSpec<K> | undefined;
      if (!spec || raw === undefined) return;
      try {
        found[key] = spec.parse(raw);
      } catch (error) {
        this.detectionWarnings.push(`${source}: ${(error as Error).message}; using the default instead`);
      }
    };
    tryUse('pythonVersion', this.facts.pythonVersion?.value, this.facts.pythonVersion?.source ?? '');
    tryUse('port', this.facts.port?.value, this.facts.port?.source ?? '');
    const entry = this.facts.entryPoint;
    if (entry && entry.kind !== 'script') tryUse('wsgiApp', entry.target, entry.source);
    return found;
  }

  /** What the project says; the app generator overrides this for the sample it scaffolds. */
  protected projectInput(): ProjectInput {
    const entry = this.facts.entryPoint;
    const dependencies: Dependencies = this.facts.dependencies ?? {
      manager: 'pip',
      files: [],
      installsProject: false,
      packages: [],
      reason: 'no dependency file found',
    };
    const scriptEntry = entry?.kind === 'script' ? entry.target : entry?.source.endsWith('.py') ? entry.source : 'main.py';
    const { django, requiredEnv, writes } = this.facts;
    const chosen = this.optionValue('server');
    return {
      dependencies,
      server: this.chosenServer(),
      scriptEntry,
      sample: false,
      serving: this.facts.serving,
      pythonPath: this.answers ? pythonPathFor(this.answers.wsgiApp, this.facts) : undefined,
      serverChosenByUser: chosen !== undefined && chosen !== '',
      django,
      requiredEnv,
      writes,
    };
  }

  private chosenServer(): Server {
    const raw = this.optionValue('server');
    if (raw === undefined || raw === '') return serverForProject(this.facts);
    if (!(SERVERS as readonly string[]).includes(String(raw))) {
      throw new UsageError(`Invalid --server: must be one of ${SERVERS.join(', ')}, got "${String(raw)}"`);
    }
    return raw as Server;
  }

  configuring(): void {
    this.messages = messagesFor(this.answers.lang);
    const { text } = this.messages;
    if (!this.scaffoldsSample()) {
      const input = this.projectInput();
      const refusal = servingRefusal(this.facts, input.server, this.userNamedApp());
      if (refusal) throw new UsageError(refusalText(refusal, text));
    }
    this.plan = planDocker(this.answers, this.projectInput());
    if (!this.scaffoldsSample()) {
      this.log(text.readFromProject);
      for (const note of this.facts.notes) this.log(`  ${note}`);
      const others = (this.facts.otherEntryPoints ?? []).filter((e) => e.target !== this.answers.wsgiApp).map((e) => `${e.target} (${e.source})`);
      if (others.length > 0) this.log(`  ${text.entryAlternatives(others)}`);
      for (const decision of this.plan.servingDecisions) this.log(`  ${text.servingDecision(decision)}`);
      this.log(`  ${text.serverChosen(this.plan.serverCommand, this.plan.addedPackages)}`);
      for (const line of text.runtimeNeeds(this.plan)) this.log(`  ${line}`);
      this.log(`  ${text.overrideHint}`);
    }
    for (const warning of [...this.detectionWarnings, ...this.plan.warnings.map(text.planWarning)]) this.log(text.warning(warning));
  }

  /** What every template sees: the plan, the teaching comments in the chosen language, and helpers. */
  protected templateData(): object {
    return {
      ...this.plan,
      warnings: this.plan.warnings.map(this.messages.text.planWarning),
      shellLines,
      m: this.messages.comments,
      compareText: this.messages.compare,
      comment: commentLines,
    };
  }

  /** Records a step and the files rendered since the previous one. */
  protected announce(step: StepId): void {
    const files = [...this.rendered].slice(this.announcedFiles);
    this.announcedFiles = this.rendered.size;
    this.written.push({ step, files });
  }

  end(): void {
    for (const { step } of this.written) {
      const message = this.messages.steps[step];
      this.log(`\n${message.title}\n  ${message.body(this.plan)}`);
    }
  }

  protected writeDockerfile(stage: DockerfileStage): void {
    this.render(`docker/Dockerfile.${stage}.ejs`, DOCKERFILE_NAMES[stage], this.templateData());
    this.announce(stage);
    this.ensureDockerignore();
  }

  /**
   * A Dockerfile written on its own (`:dockerfile`, `:multistage`) still gets a .dockerignore
   * (written, or merged into the user's), so `.env` and `.git` never reach the image whatever
   * the entry point. The app generator writes it in its own step, in teaching order.
   */
  private ensureDockerignore(): void {
    if (this.scaffoldsSample() || this.rendered.has('.dockerignore')) return;
    this.writeDockerignore();
  }

  /** compose.yaml for the local loop, built from the production Dockerfile. */
  protected writeCompose(watch: boolean): ComposePlan {
    const compose = planCompose(this.plan, {
      folderName: basename(this.destinationRoot()),
      watch,
      dependencyFiles: this.projectInput().dependencies.files,
    });
    this.render('compose/compose.yaml.ejs', COMPOSE_FILE, { ...compose, composeString, requiredVariable });
    return compose;
  }

  protected writeMultistage(): void {
    this.render('docker/Dockerfile.multistage.ejs', DOCKERFILE_NAMES.multistage, this.templateData());
    this.announce('multistage');
    this.ensureDockerignore();
  }

  /** Writes .dockerignore, or merges it into the user's: their lines stay, missing ones are appended. */
  protected writeDockerignore(): void {
    const path = this.destinationPath('.dockerignore');
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    this.render('docker/dockerignore.ejs', '.dockerignore', this.templateData());
    if (existing !== undefined) {
      const merge = mergeDockerignore(existing, this.fs.read(path) ?? '');
      this.writeMerged('.dockerignore', merge.content ?? existing);
      const { text } = this.messages;
      this.log(merge.added.length > 0 ? text.dockerignoreMerged(merge.added) : text.dockerignoreUnchanged);
      if (merge.keptUserExceptions.length > 0) this.log(text.dockerignoreKeptExceptions(merge.keptUserExceptions));
    }
    this.announce('dockerignore');
  }
}
