/**
 * Renders the workshop's Docker files from a plan. Shared by `app` (all steps, in order) and the
 * single-file sub-generators. Read the project (lib/read) -> decide (lib/decide/plan.ts) -> render (here).
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { AnswerKey, Answers, Stated } from '../state/answers.js';
import { alignPortLine, type Carried, type CarriedKey, carriedValues, differingKeys, differsOnlyIn } from '../state/answers-align.js';
import { COMPOSE_FILE, type ComposePlan, planCompose } from '../decide/compose.js';
import { composeYaml } from '../render/compose-yaml.js';
import { guardedLetIn, mergeDockerignore, writtenByGenerator } from '../render/dockerignore.js';
import { UsageError } from '../errors.js';
import { LANGUAGES, languageFromLocale, messagesFor } from '../messages/index.js';
import { osPackagesFor } from '../tables/native-deps.js';
import { type DockerPlan, planDocker, type ProjectInput, projectInputFor } from '../decide/plan.js';
import { type Server, serverChoices, serverForProject } from '../decide/server-command.js';
import { appKind } from '../tables/app-kinds.js';
import { refusalText, servingRefusal } from '../decide/serving-refusal.js';
import { dependencyReasonParts } from '../read/dependencies.js';
import { readProject } from '../read/read.js';
import { sampleLayout, sampleProjectInput } from '../decide/sample.js';
import type { ProjectFacts } from '../read/types.js';
import { commentLines, dockerTemplateData } from '../render/render.js';
import { DOCKERFILE_NAMES, type DockerfileStage, STEP_IDS, type StepId } from '../decide/steps.js';
import { type BaseOptions, binContext, PythonDockerGenerator, runByYo } from './base-generator.js';
import { forTerminal } from '../messages/terminal.js';
import { readProjectForHelp } from './help-project.js';
import { outputPathProblem } from './output-paths.js';
import { engineAnswers, verifyWritten } from './verify-step.js';

export type DockerOptions = BaseOptions & { server?: string; align?: boolean; verify?: boolean; keep?: boolean };

/** The workshop's own text: its presence marks the folder `yo python-docker` scaffolded. */
const WORKSHOP_FILE = 'WORKSHOP.md';
const COMPARE_FILE = 'compare.py';

export { commentLines };

/** A step's title: most are fixed, the app step's names the files it wrote. */
export function stepTitle(message: { title: string | ((plan: DockerPlan) => string) }, plan: DockerPlan): string {
  return typeof message.title === 'string' ? message.title : message.title(plan);
}

export abstract class DockerStepsGenerator<O extends DockerOptions = DockerOptions> extends PythonDockerGenerator<O> {
  plan!: DockerPlan;
  facts!: ProjectFacts;
  /** Steps written by this run, with their files, announced once the files are on disk. */
  protected readonly written: Array<{ step: StepId; files: string[] }> = [];
  private announcedFiles = 0;
  private storedApp = false;
  /** What this run's .dockerignore files still let into the build context (.env, .git), by the user's exceptions. */
  private readonly letIn = new Set<string>();
  /** Files --align left as they were, with a reason already said. */
  private readonly alignRefused = new Set<string>();

  constructor(args: string[], options: O) {
    super(args, options);
    const { cli } = messagesFor(this.helpLanguage());
    if (this.usesServer()) {
      this.option('server', { type: String, description: `${cli.options.server} ${cli.helpValues.serverDefault}` });
      // Only the generators that write a file carrying these values can bring the others in line.
      this.option('align', { type: Boolean, description: cli.options.align });
      const { verify } = messagesFor(this.helpLanguage());
      this.option('verify', { type: Boolean, description: verify.options.verify });
      this.option('keep', { type: Boolean, description: verify.options.keep });
      // `verify` runs after `end`, once the files are on disk and every step is said.
      this.registerPriorities([{ priorityName: 'verify' }]);
    }
    if (this.forHelp()) this.describeForHelp();
  }

  /**
   * --help inside a project: its values and their sources, read as a run would read them. When
   * the project cannot be read, the help still prints, with the defaults, after one line why.
   */
  private describeForHelp(): void {
    const { cli, text } = messagesFor(this.helpLanguage());
    const read = readProjectForHelp(this.destinationRoot());
    if ('error' in read) {
      process.stderr.write(`${forTerminal(text.warning(cli.helpValues.unreadable(read.error)))}\n`);
      return;
    }
    this.facts = read.facts;
    this.describeAnswerOptions(this.detectedValues());
    const entry = this.facts.entryPoint;
    if (this.usesServer() && !this.scaffoldsSample()) {
      const server = serverForProject(this.facts);
      const note = entry ? cli.helpValues.fromProject(server, entry.source) : cli.defaultNote(server);
      (this as unknown as { _options: Record<string, { description: string }> })._options.server.description = forTerminal(`${cli.options.server} ${note}`);
    }
  }

  /** Generators whose files do not depend on the server (dockerignore) neither declare nor print it. */
  protected usesServer(): boolean {
    return true;
  }

  async initializing(): Promise<void> {
    this.facts = await readProject(this.destinationRoot());
    // .yo-rc.json keeps only what the user chose: a stored app was named by the user in an earlier run.
    this.storedApp = this.storeMigration().stored.wsgiApp !== undefined;
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

  /** The port of the app's kind (Streamlit's 8501, Dash's 8050) when the project states none. */
  protected override projectDefaults(): Partial<Record<AnswerKey, { value: unknown; by: string }>> {
    if (this.scaffoldsSample()) return {};
    const kind = appKind(this.facts.entryPoint?.framework);
    return kind ? { port: { value: kind.defaultPort, by: kind.name } } : {};
  }

  protected override projectLines(): string[] {
    if (this.scaffoldsSample() || !this.usesServer()) return [];
    const { read } = this.messages.cli;
    const lines: string[] = [];
    const deps = this.facts.dependencies;
    lines.push(deps ? read.dependencies(deps.manager, deps.files, deps.reason, dependencyReasonParts(deps)) : read.noDependencies);
    const entry = this.facts.entryPoint;
    lines.push(entry ? read.entry(entry.target, entry.kind, entry.source) : read.noEntry);
    const variant = String(this.optionValue('base-variant') ?? this.config.get('baseVariant') ?? 'slim');
    const native = osPackagesFor(deps?.packages ?? [], variant === 'alpine' ? 'alpine' : 'debian');
    lines.push(native.matched.length > 0 ? read.compiled([...native.matched], [...native.build], [...native.runtime]) : read.noCompiled);
    // Anything else the readers noted (a value they skipped, a conflict between files), as they wrote it.
    const covered = /^(dependencies|python|entry|port|serving|django settings|django static files|django|needs at start|writes at run time|installs the project): (?!ignored|warning)/;
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
    const choices = serverChoices();
    if (!(choices as readonly string[]).includes(String(raw))) {
      const { validation } = messagesFor(this.answers?.lang ?? this.earlyLanguage()).cli;
      throw new UsageError(validation.invalidFlag('--server', validation.oneOf(validation.what.server, choices, String(raw))));
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
      const others = (this.facts.otherEntryPoints ?? []).filter((e) => e.target !== this.answers.wsgiApp && e.kind !== 'script').map((e) => `${e.target} (${e.source})`);
      if (others.length > 0) this.log(`  ${text.entryAlternatives(others)}`);
      for (const decision of this.plan.servingDecisions) this.log(`  ${text.servingDecision(decision)}`);
      this.log(`  ${text.serverChosen(this.plan.serverCommand, this.plan.addedPackages)}`);
      for (const line of text.runtimeNeeds(this.plan)) this.log(`  ${line}`);
      this.log(`  ${text.overrideHint}`);
    }
    for (const warning of this.plan.warnings.map(text.planWarning)) this.warn(warning);
  }

  /** What every template sees: the plan, the teaching comments in the chosen language, and helpers. */
  protected templateData(plan: DockerPlan = this.plan): object {
    return dockerTemplateData(plan, this.messages);
  }

  /** Records a step and the files rendered since the previous one. */
  protected announce(step: StepId): void {
    const files = [...this.rendered].slice(this.announcedFiles);
    this.announcedFiles = this.rendered.size;
    this.written.push({ step, files });
  }

  end(): void {
    // In teaching order, whatever order the files were written in (multistage writes .dockerignore after its Dockerfile).
    const steps = [...this.written].sort((a, b) => STEP_IDS.indexOf(a.step) - STEP_IDS.indexOf(b.step));
    for (const { step } of steps) {
      const message = this.messages.steps[step];
      this.log(`\n${stepTitle(message, this.plan)}\n  ${message.body(this.plan, { letIn: [...this.letIn] })}`);
    }
    this.reportOutOfLine();
    this.closing();
    if (this.dryRun()) this.log(`\n${this.messages.cli.dryRunDone}`);
  }

  /** What a sub-generator says last (the compose step, the next commands). */
  protected closing(): void {}

  /**
   * --verify (or yes to the question an interactive run asks when a docker engine answers): builds,
   * runs, probes and stops what this run wrote, on the user's engine (lib/yeoman/verify-step.ts).
   * A failed or impossible verification leaves the files written and makes the exit code 1.
   */
  async verify(): Promise<void> {
    if (!this.usesServer()) return;
    const flag = this.optionValue('verify');
    const texts = this.messages.verify;
    const wanted = flag === undefined ? await this.offerVerification() : flag === true || flag === 'true';
    if (!wanted) return;
    if (this.optionValue('dryRun')) {
      this.log(texts.cannot.dryRun);
      return;
    }
    const rendered = [...this.rendered];
    const dockerfiles = Object.values(DOCKERFILE_NAMES).filter((file) => rendered.includes(file));
    const production = dockerfiles.filter((file) => file !== DOCKERFILE_NAMES.bad && file !== DOCKERFILE_NAMES.better);
    const composeFile = rendered.includes(COMPOSE_FILE) ? COMPOSE_FILE : undefined;
    // compose.yaml builds the production Dockerfile; the teaching files are verified only when they are all this run wrote.
    const targets = composeFile && production.length === 0 ? [DOCKERFILE_NAMES.production] : production.length > 0 ? production : dockerfiles;
    const ok = await verifyWritten({
      root: this.destinationRoot(),
      plan: this.plan,
      dependencyFiles: this.projectInput().dependencies.files,
      dockerfiles: targets,
      composeFile,
      keep: Boolean(this.optionValue('keep')),
      texts,
      log: (line) => this.log(line),
    });
    if (!ok && (binContext() !== undefined || runByYo())) process.exitCode = 1;
  }

  /** At the end of an interactive run (a terminal, no --defaults), when a docker engine answers: ask. */
  private async offerVerification(): Promise<boolean> {
    if (this.optionValue('defaults') || !process.stdin.isTTY || !process.stdout.isTTY) return false;
    if (!(await engineAnswers(this.destinationRoot()))) return false;
    const question = { type: 'confirm', name: 'verifyNow', message: this.messages.verify.question, default: false, theme: this.yesNoTheme(false) };
    const answer = (await this.prompt([question] as never)) as { verifyNow?: boolean };
    return answer.verifyNow === true;
  }

  /** Arguments that make a re-run write what this run wrote (the dockerfile generator adds its --stage). */
  protected rerunArgs(): string[] {
    return [];
  }

  /** The values this run writes, as the files carry them. */
  private carriedNow(): Record<CarriedKey, string> {
    return { port: String(this.plan.port), uid: String(this.plan.uid), gid: String(this.plan.gid), pythonVersion: this.plan.pythonVersion };
  }

  /** The folder holds the workshop `yo python-docker` scaffolded (its teaching files follow the sample's plan). */
  protected inWorkshop(): boolean {
    const path = this.destinationPath(WORKSHOP_FILE);
    if (!existsSync(path) || outputPathProblem(this.destinationRoot(), WORKSHOP_FILE) !== undefined) return false;
    return Object.keys(carriedValues(WORKSHOP_FILE, readFileSync(path, 'utf8'))).length > 0;
  }

  /**
   * One project, one truth: the generated files this run did not (re)write that carry another
   * port, UID/GID or Python version than this run, each with the values it carries.
   */
  protected outOfLine(): Array<{ file: string; keys: CarriedKey[]; carried: Carried }> {
    const now = this.carriedNow();
    const workshop = this.inWorkshop() ? [WORKSHOP_FILE, COMPARE_FILE, sampleLayout(this.answers.wsgiApp).moduleFile] : [];
    const files = [DOCKERFILE_NAMES.bad, DOCKERFILE_NAMES.better, DOCKERFILE_NAMES.production, DOCKERFILE_NAMES.multistage, COMPOSE_FILE, ...workshop];
    return files.flatMap((file) => {
      const path = this.destinationPath(file);
      if (this.rendered.has(file) || this.alignRefused.has(file) || !existsSync(path)) return [];
      // A link is not read (and a run that writes it refuses it before): not ours to compare.
      if (outputPathProblem(this.destinationRoot(), file) !== undefined) return [];
      const carried = carriedValues(file, readFileSync(path, 'utf8'));
      // The sample app's code without the line the generator wrote: its port as the project reader found it there.
      const stated = this.facts.port;
      if (file.endsWith('.py') && file !== COMPARE_FILE && carried.port === undefined && stated?.source.startsWith(`${file} `)) carried.port = String(stated.value);
      const keys = differingKeys(carried, now);
      return keys.length > 0 ? [{ file, keys, carried }] : [];
    });
  }

  /**
   * --align: rewrites the out-of-line files from this run's values. A file that changes only in
   * those values is written without a question; one that would change in anything else (the
   * user edited it) goes through Yeoman's conflict question (or --force). The sample app's code
   * gets only its default-port literal changed, or is left alone with a one-line reason.
   */
  protected alignCarriers(): void {
    if (!this.optionValue('align')) return;
    const { cli } = this.messages;
    const now = this.carriedNow();
    const workshop = this.inWorkshop();
    // The workshop's teaching files (bad, better, WORKSHOP.md, compare.py) follow the sample's plan, as app wrote them.
    const teaching = workshop ? planDocker(this.answers, sampleProjectInput(this.answers.wsgiApp)) : this.plan;
    for (const { file, keys, carried } of this.outOfLine()) {
      const path = this.destinationPath(file);
      const disk = readFileSync(path, 'utf8');
      const changes = keys.map((key) => ({ from: carried[key]!, to: now[key] }));
      if (file.endsWith('.py') && file !== COMPARE_FILE) {
        const edit = alignPortLine(disk, now.port);
        if ('refused' in edit) {
          this.alignRefused.add(file);
          this.warn(cli.alignRefused(file, now.port));
          continue;
        }
        this.writeFile(file, edit.content);
        this.acceptValueChange(file);
        continue;
      }
      // The file as this generator writes it with the values it carries: equal to the disk, the user did not edit it.
      const old: Partial<Answers> = Object.fromEntries(keys.map((key) => [key, key === 'pythonVersion' ? carried[key] : Number(carried[key])]));
      const withOld = { ...this.answers, ...old };
      const oldPlans = { teaching: planDocker(withOld, workshop ? sampleProjectInput(this.answers.wsgiApp) : this.projectInput()), own: planDocker(withOld, this.projectInput()) };
      this.renderCarrier(file, oldPlans);
      const asGenerated = this.fs.read(path) === disk;
      // Then this run's: the last write is the one committed.
      this.renderCarrier(file, { teaching, own: this.plan });
      if (asGenerated || differsOnlyIn(disk, this.fs.read(path) ?? '', changes)) this.acceptValueChange(file);
    }
  }

  /** Renders one carrier from a plan: the workshop's teaching files from the sample's, the others from the project's. */
  private renderCarrier(file: string, plans: { teaching: DockerPlan; own: DockerPlan }): void {
    if (file === COMPOSE_FILE) this.writeCompose(Boolean(this.config.get('watch')), plans.own);
    else if (file === WORKSHOP_FILE) {
      this.render(`locales/${this.messages.lang}/WORKSHOP.md.ejs`, file, { ...this.templateData(plans.teaching), layout: sampleLayout(this.answers.wsgiApp) });
    } else if (file === COMPARE_FILE) this.render('sample/compare.py.ejs', file, this.templateData(plans.teaching));
    else {
      const stage = (Object.keys(DOCKERFILE_NAMES) as Array<DockerfileStage | 'multistage'>).find((key) => DOCKERFILE_NAMES[key] === file)!;
      this.render(`docker/Dockerfile.${stage}.ejs`, file, this.templateData(stage === 'bad' || stage === 'better' ? plans.teaching : plans.own));
    }
  }

  /** Lists the out-of-line files with the one command that brings them in line. */
  protected reportOutOfLine(): void {
    const stale = this.outOfLine();
    if (stale.length === 0) return;
    const now = this.carriedNow();
    const { cli } = this.messages;
    const keys = [...new Set(stale.flatMap(({ keys }) => keys))];
    const values = keys.map((key) => `${cli.read.labels[key]} ${now[key]}`);
    const command = this.command(this.subGenerator(), [...this.rerunArgs(), '--defaults', '--align'].join(' '));
    this.warn(cli.outOfLine(values, stale.map(({ file }) => file), command));
  }

  protected writeDockerfile(stage: DockerfileStage): void {
    this.render(`docker/Dockerfile.${stage}.ejs`, DOCKERFILE_NAMES[stage], this.templateData());
    this.mergeDockerfileIgnore(DOCKERFILE_NAMES[stage]);
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
  protected writeCompose(watch: boolean, plan: DockerPlan = this.plan): ComposePlan {
    const compose = planCompose(plan, {
      folderName: basename(this.destinationRoot()),
      watch,
      dependencyFiles: this.projectInput().dependencies.files,
    });
    this.writeFile(COMPOSE_FILE, composeYaml(compose, this.messages.cli.composeComments));
    return compose;
  }

  protected writeMultistage(): void {
    this.render('docker/Dockerfile.multistage.ejs', DOCKERFILE_NAMES.multistage, this.templateData());
    this.mergeDockerfileIgnore(DOCKERFILE_NAMES.multistage);
    this.announce('multistage');
    this.ensureDockerignore();
  }

  /** Writes .dockerignore, or merges it into the user's: their lines stay, missing ones are appended. */
  protected writeDockerignore(): void {
    this.writeIgnoreFile('.dockerignore');
    this.announce('dockerignore');
  }

  /**
   * BuildKit reads `<Dockerfile>.dockerignore` next to a Dockerfile instead of .dockerignore: a
   * user's one (Dockerfile.dockerignore) is merged like .dockerignore, so the Dockerfile we write
   * keeps .env and .git out too. None: nothing written.
   */
  private mergeDockerfileIgnore(dockerfile: string): void {
    const file = `${dockerfile}.dockerignore`;
    let present = false;
    try {
      lstatSync(this.destinationPath(file));
      present = true; // a link too: refused below, not skipped
    } catch {
      present = false;
    }
    if (present && !this.rendered.has(file)) this.writeIgnoreFile(file);
  }

  /**
   * Writes one ignore file (.dockerignore or a Dockerfile's own), merged into the user's when
   * there is one, and warns when the result still lets `.env` files or `.git` into the build
   * context (the user's exceptions, kept): the Step 4 text then says so too.
   */
  private writeIgnoreFile(file: string): void {
    this.refuseOutputs([file]);
    const path = this.destinationPath(file);
    const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    this.render('docker/dockerignore.ejs', file, this.templateData());
    const { text } = this.messages;
    if (existing !== undefined) {
      const rendered = this.fs.read(path) ?? '';
      const merge = mergeDockerignore(existing, rendered, this.messages.cli.dockerignoreMergeHeader);
      this.writeMerged(file, merge.content ?? existing);
      // One an earlier run wrote is not "yours"; as this run writes it, Yeoman's "identical" says it all.
      const ours = writtenByGenerator(existing, Object.values(LANGUAGES).map((messages) => messages.comments.dockerignore.header));
      if (existing !== rendered) {
        if (merge.added.length > 0) this.log(ours ? text.dockerignoreMergedOurs(merge.added, file) : text.dockerignoreMerged(merge.added, file));
        else this.log(ours ? text.dockerignoreUnchangedOurs(file) : text.dockerignoreUnchanged(file));
      }
      if (merge.keptUserExceptions.length > 0) this.log(text.dockerignoreKeptExceptions(merge.keptUserExceptions, file));
    }
    const letIn = guardedLetIn(this.fs.read(path) ?? '');
    if (letIn.names.length > 0) {
      this.warn(text.dockerignoreLetsIn(file, letIn.names, letIn.exceptions));
      for (const name of letIn.names) this.letIn.add(name);
    }
  }
}
