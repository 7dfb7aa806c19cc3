/**
 * Renders the workshop's Docker files from a plan. Shared by `app` (all steps, in order) and the
 * single-file sub-generators. Read the project (lib/project) -> decide (lib/plan.ts) -> render (here).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AnswerKey, Stated } from '../answers.js';
import { COMPOSE_FILE, type ComposePlan, composeString, planCompose, requiredVariable } from '../compose.js';
import { mergeDockerignore } from '../dockerignore.js';
import { UsageError } from '../errors.js';
import { languageFromLocale, messagesFor } from '../messages/index.js';
import { osPackagesFor } from '../native-deps.js';
import { type DockerPlan, execForm, planDocker, type ProjectInput, projectInputFor, refusalText, type Server, SERVERS, serverForProject, servingRefusal, shellLines } from '../plan.js';
import { readProject } from '../project/read.js';
import type { ProjectFacts } from '../project/types.js';
import { commentLines, envLines, runLines, sayer, words } from '../render.js';
import { DOCKERFILE_NAMES, type DockerfileStage, type StepId } from '../steps.js';
import { type BaseOptions, PythonDockerGenerator } from './base-generator.js';

export type DockerOptions = BaseOptions & { server?: string };

export { commentLines };

export abstract class DockerStepsGenerator<O extends DockerOptions = DockerOptions> extends PythonDockerGenerator<O> {
  plan!: DockerPlan;
  facts!: ProjectFacts;
  /** Steps written by this run, with their files, announced once the files are on disk. */
  protected readonly written: Array<{ step: StepId; files: string[] }> = [];
  private announcedFiles = 0;
  private storedApp = false;

  constructor(args: string[], options: O) {
    super(args, options);
    if (this.usesServer()) {
      this.option('server', { type: String, description: messagesFor(this.helpLanguage()).cli.options.server });
    }
  }

  /** Generators whose files do not depend on the server (dockerignore) neither declare nor print it. */
  protected usesServer(): boolean {
    return true;
  }

  async initializing(): Promise<void> {
    // .yo-rc.json keeps only what the user chose: a stored app was named by the user in an earlier run.
    this.storedApp = this.config.get('wsgiApp') !== undefined;
    this.facts = await readProject(this.destinationRoot());
    if (!this.facts.isPythonProject && !this.scaffoldsSample()) {
      throw new UsageError(messagesFor(this.earlyLanguage()).cli.errors.noProject(this.destinationRoot()));
    }
  }

  /** The user named the app: --wsgi-app, or their choice stored in .yo-rc.json by an earlier run. */
  private userNamedApp(): boolean {
    const cli = this.optionValue('wsgi-app');
    return (cli !== undefined && cli !== '') || this.storedApp;
  }

  /** True for the app generator in a folder with no Python project. */
  protected scaffoldsSample(): boolean {
    return false;
  }

  /** The language before answers are resolved (--lang, else the locale), for errors that come first. */
  protected earlyLanguage(): string {
    const raw = this.optionValue('lang');
    return raw === 'zh-CN' || raw === 'zh_CN' || raw === 'zh' ? 'zh-CN' : raw === 'en' ? 'en' : languageFromLocale();
  }

  protected override readsProject(): boolean {
    return !this.scaffoldsSample();
  }

  /** The project's facts that answer a question, each with its source, as the readers recorded them. */
  protected override detectedValues(): Partial<Record<AnswerKey, Stated>> {
    if (this.scaffoldsSample()) return {};
    const entry = this.facts.entryPoint;
    const found: Partial<Record<AnswerKey, Stated>> = {
      pythonVersion: this.facts.pythonVersion,
      port: this.facts.port,
      wsgiApp: entry && entry.kind !== 'script' ? { value: entry.target, source: entry.source } : undefined,
    };
    return Object.fromEntries(Object.entries(found).filter(([, stated]) => stated !== undefined));
  }

  protected override projectLines(): string[] {
    if (this.scaffoldsSample() || !this.usesServer()) return [];
    const { read } = this.messages.cli;
    const lines: string[] = [];
    const deps = this.facts.dependencies;
    lines.push(deps ? read.dependencies(deps.manager, deps.files, deps.reason) : read.noDependencies);
    const entry = this.facts.entryPoint;
    lines.push(entry ? read.entry(entry.target, entry.kind, entry.source) : read.noEntry);
    const variant = String(this.optionValue('base-variant') ?? this.config.get('baseVariant') ?? 'slim');
    const native = osPackagesFor(deps?.packages ?? [], variant === 'alpine' ? 'alpine' : 'debian');
    lines.push(native.matched.length > 0 ? read.compiled([...native.matched], [...native.build], [...native.runtime]) : read.noCompiled);
    // Anything else the readers noted (a value they skipped, a conflict between files), as they wrote it.
    const covered = /^(dependencies|python|entry|port|serving|django settings|django static files|django|needs at start|writes at run time): (?!ignored|warning)/;
    lines.push(...this.facts.notes.filter((note) => !covered.test(note)));
    return lines;
  }

  protected override extraValueLines(): string[] {
    if (!this.usesServer()) return [];
    const { read } = this.messages.cli;
    const raw = this.optionValue('server');
    const entry = this.facts.entryPoint;
    const origin =
      raw !== undefined && raw !== '' ? read.flag : entry && !this.scaffoldsSample() ? read.fromProject(entry.source) : read.byDefault;
    return [read.line(read.labels.server, this.chosenServer(), origin)];
  }

  /** What the project says; the app generator overrides this for the sample it scaffolds. */
  protected projectInput(): ProjectInput {
    const chosen = this.optionValue('server');
    return projectInputFor(this.facts, { server: this.chosenServer(), wsgiApp: this.answers?.wsgiApp, serverChosenByUser: chosen !== undefined && chosen !== '' });
  }

  protected chosenServer(): Server {
    const raw = this.optionValue('server');
    if (raw === undefined || raw === '') return serverForProject(this.facts);
    if (!(SERVERS as readonly string[]).includes(String(raw))) {
      const { validation } = messagesFor(this.answers?.lang ?? this.earlyLanguage()).cli;
      throw new UsageError(validation.invalidFlag('--server', validation.oneOf(validation.what.server, SERVERS, String(raw))));
    }
    return raw as Server;
  }

  configuring(): void {
    const { text } = this.messages;
    if (!this.scaffoldsSample() && this.usesServer()) {
      const refusal = servingRefusal(this.facts, this.projectInput().server, this.userNamedApp());
      if (refusal) throw new UsageError(refusalText(refusal, text));
    }
    this.plan = planDocker(this.answers, this.projectInput());
    if (!this.scaffoldsSample() && this.usesServer()) {
      const others = (this.facts.otherEntryPoints ?? []).filter((e) => e.target !== this.answers.wsgiApp).map((e) => `${e.target} (${e.source})`);
      if (others.length > 0) this.log(`  ${text.entryAlternatives(others)}`);
      for (const decision of this.plan.servingDecisions) this.log(`  ${text.servingDecision(decision)}`);
      this.log(`  ${text.serverChosen(this.plan.serverCommand, this.plan.addedPackages)}`);
      for (const line of text.runtimeNeeds(this.plan)) this.log(`  ${line}`);
      this.log(`  ${text.overrideHint}`);
    }
    for (const warning of this.plan.warnings.map(text.planWarning)) this.log(text.warning(warning));
  }

  /** What every template sees: the plan, the teaching comments in the chosen language, and helpers. */
  protected templateData(): object {
    return {
      ...this.plan,
      warnings: this.plan.warnings.map(this.messages.text.planWarning),
      shellLines,
      runLines,
      words,
      envLines,
      execForm,
      say: sayer(this.messages.comments, this.plan),
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
    this.reportOutOfLine();
  }

  /**
   * One project, one truth: the generated files this run did not (re)write that still carry
   * another port, and the one command that rewrites them from the same values.
   */
  protected reportOutOfLine(): void {
    const exposed = /^EXPOSE (\d+)$/m;
    const carriers: Array<[file: string, pattern: RegExp, sub: string]> = [
      [DOCKERFILE_NAMES.bad, exposed, 'dockerfile --stage bad'],
      [DOCKERFILE_NAMES.better, exposed, 'dockerfile --stage better'],
      [DOCKERFILE_NAMES.production, exposed, 'dockerfile'],
      [DOCKERFILE_NAMES.multistage, exposed, 'multistage'],
      [COMPOSE_FILE, /^\s+- "(?:[\d.]+:)?\d+:(\d+)"$/m, 'compose'],
    ];
    const stale = carriers.filter(([file, pattern]) => {
      const path = this.destinationPath(file);
      if (!existsSync(path)) return false;
      const found = pattern.exec(readFileSync(path, 'utf8'));
      return found !== null && Number(found[1]) !== this.plan.port;
    });
    if (stale.length === 0) return;
    const command = stale.map(([, , sub]) => this.command(sub, '--defaults --force')).join(' && ');
    const { cli, text } = this.messages;
    this.log(`\n${text.warning(cli.outOfLine(cli.read.labels.port, String(this.plan.port), stale.map(([file]) => file), command))}`);
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
    this.render('compose/compose.yaml.ejs', COMPOSE_FILE, {
      ...compose,
      composeString,
      requiredVariable,
      c: this.messages.cli.composeComments,
      // A text as comment lines at an indentation.
      comment: (indent: number, text: string) => commentLines(text).replace(/^/gm, ' '.repeat(indent)),
    });
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
      const merge = mergeDockerignore(existing, this.fs.read(path) ?? '', this.messages.cli.dockerignoreMergeHeader);
      this.writeMerged('.dockerignore', merge.content ?? existing);
      const { text } = this.messages;
      this.log(merge.added.length > 0 ? text.dockerignoreMerged(merge.added) : text.dockerignoreUnchanged);
      if (merge.keptUserExceptions.length > 0) this.log(text.dockerignoreKeptExceptions(merge.keptUserExceptions));
    }
    this.announce('dockerignore');
  }
}
