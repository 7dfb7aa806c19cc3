/**
 * Renders the workshop's Docker files from a plan. Shared by `app` (all steps, in order) and the
 * single-file sub-generators. Read the project (lib/read) -> decide (lib/decide/plan.ts) -> render (here).
 *
 * Re-runs: every file is rendered to a string first; then each is weighed against the disk and the
 * record of what the generator wrote (lib/state/written.ts): ours is rewritten, the user's is
 * merged or asked about, and whatever is left out of line with this run is named at the end.
 */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { styleText } from 'node:util';
import { type AnswerKey, DOCKER_KEYS, type Stated } from '../state/answers.js';
import { SCHEMA_KEY, STORE_SCHEMA } from '../state/answers-migrate.js';
import { besidePath, changedValues, contentHash, decideWrite, type FileKind, type FileRecord, type FilesRecord, FILES_KEY, fileState, type FileState, decodeInput, encodeInput, inputId, INPUTS_KEY, readFilesRecord, readInputs, recordOf, type RenderValues, type WriteAction } from '../state/written.js';
import { COMPOSE_FILE, type ComposePlan, planCompose } from '../decide/compose.js';
import { composeYaml } from '../render/compose-yaml.js';
import { guardedLetIn, mergeDockerignore, writtenByGenerator } from '../render/dockerignore.js';
import { type Merge, mergeThreeWay, unifiedDiff } from '../render/merge.js';
import { renderTemplateString } from '../render/template.js';
import { UsageError } from '../errors.js';
import { LANGUAGES, languageFromLocale, type Messages, messagesFor } from '../messages/index.js';
import { type DockerPlan, planDocker, type ProjectInput, projectInputFor } from '../decide/plan.js';
import { serverForProject } from '../decide/server-command.js';
import { appKind } from '../tables/app-kinds.js';
import { refusalText, servingRefusal } from '../decide/serving-refusal.js';
import { type ProjectReport, projectReport, readLines, warningsReport } from '../decide/report.js';
import { readLineText, reportTexts } from '../messages/report.js';
import { type PythonChoice, choosePython } from '../decide/python-choice.js';
import { readProject } from '../read/read.js';
import { ProjectFileError } from '../read/problems.js';
import { SAMPLE_REQUIREMENTS, sampleLayout, sampleProjectInput } from '../decide/sample.js';
import type { ProjectFacts } from '../read/types.js';
import { commentLines, dockerTemplateData } from '../render/render.js';
import { DOCKERFILE_NAMES, type DockerfileStage, STEP_IDS, type StepId } from '../decide/steps.js';
import { type BaseOptions, binContext, PythonDockerGenerator, runByYo } from './base-generator.js';
import { forTerminal } from '../messages/terminal.js';
import { readProjectForHelp } from './help-project.js';
import { engineAnswers, verifyWritten } from './verify-step.js';

export type DockerOptions = BaseOptions & { server?: string; align?: boolean; verify?: boolean; keep?: boolean };

/** The workshop's own text: beside a .yo-rc.json of an earlier version (no record yet), it marks the folder `yo python-docker` scaffolded. */
const WORKSHOP_FILE = 'WORKSHOP.md';

/** Files that follow the workshop sample's plan in the workshop folder (its dev server, its dependencies). */
const TEACHING_KINDS: ReadonlySet<FileKind> = new Set(['dockerfile.bad', 'dockerfile.better', 'workshop', 'compare', 'sample.app', 'sample.init', 'sample.requirements']);

/** What became of a file this run rendered. */
type Outcome = Exclude<WriteAction, 'ask' | 'noTerminal'> | 'kept' | 'yeoman';
/** Outcomes after which the file on disk is this run's (with the user's edits, for a merge). */
const IN_LINE: ReadonlySet<Outcome> = new Set(['create', 'identical', 'update', 'append', 'force', 'merge', 'yeoman']);

/** One file this run renders: what it is, the values it is rendered from, and the content. */
interface Target {
  file: string;
  kind: FileKind;
  values: RenderValues;
  /** The project as this run's plan sees it. */
  input: ProjectInput;
  content: string;
}

/** A rendered file weighed against the disk and the record. */
interface Weighed {
  target: Target;
  disk?: string;
  state: FileState;
  merge?: Merge;
  action: WriteAction;
}

/** Lines of a diff shown before the conflict question; the rest is counted. */
const DIFF_LINES_SHOWN = 60;

export { commentLines };

/** A step's title: most are fixed, the app step's names the files it wrote. */
export function stepTitle(message: { title: string | ((plan: DockerPlan) => string) }, plan: DockerPlan): string {
  return typeof message.title === 'string' ? message.title : message.title(plan);
}

export abstract class DockerStepsGenerator<O extends DockerOptions = DockerOptions> extends PythonDockerGenerator<O> {
  plan!: DockerPlan;
  facts!: ProjectFacts;
  /** What this run says about the project (a project's run of a generator that serves it). */
  report!: ProjectReport;
  /** The Python decided from what the project states and pins (lib/decide/python-choice.ts). */
  python!: PythonChoice;
  /** Steps written by this run, with their files, announced once the files are on disk. */
  protected readonly written: Array<{ step: StepId; files: string[] }> = [];
  /** Files this run renders, in order. */
  protected readonly targets = new Map<string, Target>();
  private announcedFiles = 0;
  private storedApp = false;
  /** The folder holds the workshop `yo python-docker` scaffolded (or is being scaffolded now). */
  protected workshop = false;
  /** What the generator wrote in earlier runs (and, once this run has decided, in this one). */
  private records: FilesRecord = {};
  /** The project inputs the recorded files were planned from, by id, in their recorded form. */
  private inputs: Record<string, string> = {};
  private readonly outcomes = new Map<string, Outcome>();
  /** This run's project inputs, by the values they depend on (inputFor). */
  private readonly plannedInputs = new Map<string, ProjectInput>();
  /** What this run's .dockerignore files still let into the build context (.env, .git), by the user's exceptions. */
  private readonly letIn = new Set<string>();

  constructor(args: string[], options: O) {
    super(args, options);
    const { cli } = messagesFor(this.helpLanguage());
    if (this.usesServer()) {
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
    const { cli, text, report } = messagesFor(this.helpLanguage());
    const read = readProjectForHelp(this.destinationRoot());
    if ('error' in read) {
      const why = read.problem ? report.problem(read.problem) : read.error;
      process.stderr.write(`${forTerminal(text.warning(cli.helpValues.unreadable(why)))}\n`);
      return;
    }
    this.facts = read.facts;
    this.python = this.choosePythonFor(this.facts);
    this.describeAnswerOptions(this.detectedValues());
  }

  /** Generators whose files do not depend on the server (dockerignore) neither declare nor print it. */
  protected usesServer(): boolean {
    return true;
  }

  /** The shared answers, and the server (last: printed after the others) where the files depend on it. */
  protected override answerKeys(): readonly AnswerKey[] {
    return this.usesServer() ? [...DOCKER_KEYS, 'server'] : DOCKER_KEYS;
  }

  async initializing(): Promise<void> {
    try {
      this.facts = await readProject(this.destinationRoot());
    } catch (error) {
      // A project file the readers cannot use: its one line in the run's language.
      if (error instanceof ProjectFileError) throw new UsageError(messagesFor(this.earlyLanguage()).report.problem(error.problem));
      throw error;
    }
    this.python = this.choosePythonFor(this.facts);
    // .yo-rc.json keeps only what the user chose: a stored app was named by the user in an earlier run.
    this.storedApp = this.storeMigration().stored.wsgiApp !== undefined;
    this.records = readFilesRecord(this.config.get(FILES_KEY));
    this.inputs = readInputs(this.config.get(INPUTS_KEY));
    const recorded = Object.values(this.records);
    // A workshop scaffolded by an earlier version has no record: its .yo-rc.json predates it, and WORKSHOP.md is there.
    const schema = this.config.get(SCHEMA_KEY);
    const earlierWorkshop = recorded.length === 0 && this.config.existed && (typeof schema !== 'number' || schema < STORE_SCHEMA) && existsSync(this.destinationPath(WORKSHOP_FILE));
    this.workshop = this.scaffoldsSample() || recorded.some((record) => record.kind === 'sample.app') || earlierWorkshop;
    if (!this.facts.isPythonProject && !this.scaffoldsSample()) {
      throw new UsageError(messagesFor(this.earlyLanguage()).cli.errors.noProject(this.destinationRoot(), this.followUp('app')));
    }
  }

  /** The Python the project's facts lead to (lib/decide/python-choice.ts): what it states, narrowed by its pins. */
  private choosePythonFor(facts: ProjectFacts): PythonChoice {
    return choosePython({ stated: facts.pythonVersion, wheels: facts.dependencies?.wheels ?? [], unreachable: facts.unreachablePins ?? [], indexAsked: facts.pinsIndexAsked });
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
      pythonVersion: this.python.version && {
        value: this.python.version.value,
        // A Python the pins decided: its source in the run's language (the line after the values says why).
        source: (this.messages ?? messagesFor(this.helpLanguage())).text.pythonFromPins(this.python) ?? this.python.version.source,
        ...(this.python.version.fallback ? { fallback: this.python.version.fallback } : {}),
      },
      port: this.facts.port,
      wsgiApp: entry && entry.kind !== 'script' ? { value: entry.target, source: entry.source } : undefined,
      // The server the entry point runs on (or its Procfile names): a project value like the port, said with the entry point's source.
      server: entry ? { value: serverForProject(this.facts), source: entry.source } : undefined,
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
    return readLines(this.facts).map((line) => readLineText(line, this.messages));
  }

  /** --keep is checked with the other flags, before anything is asked. */
  protected override validateExtraFlags(): void {
    if (!this.usesServer()) return;
    // --keep keeps what verification builds: in a run that will not verify, it would do nothing, silently.
    if (Boolean(this.optionValue('keep')) && !this.mayVerify()) throw new UsageError(messagesFor(this.answers?.lang ?? this.earlyLanguage()).verify.keepWithoutVerify);
  }

  /** This run verifies, or may: --verify, or no --verify=false and an interactive run that will ask. */
  private mayVerify(): boolean {
    const flag = this.optionValue('verify');
    return flag === undefined ? this.canOfferVerification() : flag === true || flag === 'true';
  }

  /** Only an interactive run (a terminal, no --defaults) asks whether to verify. */
  private canOfferVerification(): boolean {
    return !this.optionValue('defaults') && process.stdin.isTTY === true && process.stdout.isTTY === true;
  }

  /** What this run's project files are planned from: the sample's, or the project as read. */
  protected projectInput(): ProjectInput {
    return this.inputFor(this.valuesFor('dockerfile.production'));
  }

  /** The values this run renders a kind of file from: the answers (the server among them), and which plan. */
  protected valuesFor(kind: FileKind): RenderValues {
    // In the workshop, the teaching files (and .dockerignore's workshop lines) follow the sample.
    const sample = TEACHING_KINDS.has(kind) || kind === 'dockerignore' ? this.workshop : this.scaffoldsSample();
    // The user's choice (a flag, or one stored by an earlier run) is followed over the project's Procfile program.
    const origin = this.origins.server?.kind;
    const serverChosen = !sample && (origin === 'flag' || origin === 'stored');
    return { ...this.answers, server: sample ? 'gunicorn' : this.answers.server, serverChosen, sample };
  }

  /**
   * The project as a plan sees it for a run's values: computed once per run and set of the values it
   * depends on (the facts and the Python are the run's), then reused by every file, the refusal
   * check, the compose plan and the verification.
   */
  private inputFor(values: RenderValues): ProjectInput {
    const key = JSON.stringify([values.sample, values.wsgiApp, values.server, values.serverChosen]);
    let input = this.plannedInputs.get(key);
    if (!input) {
      input = values.sample
        ? sampleProjectInput(values.wsgiApp)
        : projectInputFor(this.facts, { server: values.server, wsgiApp: values.wsgiApp, serverChosenByUser: values.serverChosen, python: this.python });
      this.plannedInputs.set(key, input);
    }
    return input;
  }

  private planFor(values: RenderValues, input: ProjectInput = this.inputFor(values)): DockerPlan {
    return planDocker(values, input);
  }

  configuring(): void {
    const { text } = this.messages;
    if (!this.scaffoldsSample() && this.usesServer()) {
      const refusal = servingRefusal(this.facts, this.projectInput().server, this.userNamedApp());
      if (refusal) throw new UsageError(refusalText(refusal, text));
    }
    this.plan = this.planFor(this.valuesFor('dockerfile.production'));
    // What the run says about the project, decided once beside the plan (lib/decide/report.ts): the sample and .dockerignore have only the plan's warnings.
    this.report =
      this.scaffoldsSample() || !this.usesServer()
        ? warningsReport(this.plan)
        : projectReport(this.facts, this.plan, { wsgiApp: this.answers.wsgiApp, pythonFromProject: this.origins.pythonVersion?.kind === 'project' });
    const said = reportTexts(this.report, this.messages);
    for (const line of said.decided) this.log(`  ${line}`);
    for (const warning of said.warnings) this.warn(warning);
  }

  /** What every template sees: the plan, the teaching comments in the chosen language, and helpers. */
  protected templateData(plan: DockerPlan = this.plan, messages: Messages = this.messages): object {
    return dockerTemplateData(plan, messages);
  }

  /** The compose plan for a run's values (the file, and the step's paragraph). */
  private composeFor(values: RenderValues, input: ProjectInput = this.inputFor(values)): ComposePlan {
    return planCompose(this.planFor(values, input), { folderName: basename(this.destinationRoot()), watch: values.watch, dependencyFiles: input.dependencies.files });
  }

  /** One file of a kind, rendered from a run's values and the project as a plan sees it, as a string: nothing is written. */
  private renderKind(kind: FileKind, values: RenderValues, input: ProjectInput = this.inputFor(values)): string {
    const messages = messagesFor(values.lang);
    const plan = this.planFor(values, input);
    const data = this.templateData(plan, messages);
    const layout = sampleLayout(values.wsgiApp);
    switch (kind) {
      case 'dockerfile.bad':
      case 'dockerfile.better':
      case 'dockerfile.production':
      case 'dockerfile.multistage':
        return renderTemplateString(`docker/Dockerfile.${kind.slice('dockerfile.'.length)}.ejs`, data);
      case 'dockerignore':
        return renderTemplateString('docker/dockerignore.ejs', data);
      case 'compose':
        return composeYaml(this.composeFor(values, input), messages.cli.composeComments);
      case 'workshop':
        return renderTemplateString(`locales/${messages.lang}/WORKSHOP.md.ejs`, { ...data, layout });
      case 'compare':
        return renderTemplateString('sample/compare.py.ejs', data);
      case 'sample.app':
        return renderTemplateString('sample/app.py.ejs', { ...data, ...layout });
      case 'sample.init':
        return '';
      case 'sample.requirements':
        return renderTemplateString('sample/requirements.txt.ejs', { ...data, requirements: SAMPLE_REQUIREMENTS });
    }
  }

  /** Renders a file for this run (written, or not, once every file is weighed: see reconcile). */
  protected produce(kind: FileKind, file: string): void {
    const values = this.valuesFor(kind);
    const input = this.inputFor(values);
    this.targets.set(file, { file, kind, values, input, content: this.renderKind(kind, values, input) });
  }

  /** Records a step and the files rendered since the previous one. */
  protected announce(step: StepId): void {
    const files = [...this.targets.keys()].slice(this.announcedFiles);
    this.announcedFiles = this.targets.size;
    this.written.push({ step, files });
  }

  /** True when the file on disk is this run's after the run (written, merged or already identical). */
  protected inLine(file: string): boolean {
    const outcome = this.outcomes.get(file);
    return outcome !== undefined && IN_LINE.has(outcome);
  }

  end(): void {
    // In teaching order, whatever order the files were written in (multistage writes .dockerignore after its Dockerfile).
    const steps = [...this.written].sort((a, b) => STEP_IDS.indexOf(a.step) - STEP_IDS.indexOf(b.step));
    for (const { step, files } of steps) {
      // No paragraph (and no "see it" command) for a step whose file was not written.
      if (!files.every((file) => this.inLine(file))) continue;
      const message = this.messages.steps[step];
      this.log(`\n${stepTitle(message, this.plan)}\n  ${message.body(this.plan, { letIn: [...this.letIn] })}`);
    }
    this.reportStale();
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
    // What this run wrote (a file the user kept as theirs is not this run's to verify).
    const rendered = [...this.targets.keys()].filter((file) => this.inLine(file));
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
    if (!this.canOfferVerification()) return false;
    if (!(await engineAnswers(this.destinationRoot()))) return false;
    const question = { type: 'confirm', name: 'verifyNow', message: this.messages.verify.question, default: false, theme: this.yesNoTheme(false) };
    const answer = (await this.prompt([question] as never)) as { verifyNow?: boolean };
    return answer.verifyNow === true;
  }

  /** Arguments that make a re-run write what this run wrote (the dockerfile generator adds its --stage). */
  protected rerunArgs(): string[] {
    const server = this.optionValue('server');
    return server !== undefined && server !== '' ? ['--server', String(server)] : [];
  }

  /** The file as the generator wrote it last time, rendered again from the values it recorded, if that gives it back exactly. */
  private baseOf(record: FileRecord): string | undefined {
    try {
      const values = { ...this.valuesFor(record.kind), ...record.values } as RenderValues;
      const recorded = record.input ? decodeInput(this.inputs[record.input]) : undefined;
      const content = this.renderKind(record.kind, values, recorded ? (recorded as ProjectInput) : this.inputFor(values));
      return contentHash(content) === record.sha256 ? content : undefined;
    } catch {
      // A record edited by hand (values no template takes): no base, so no merge.
      return undefined;
    }
  }

  /** What this run would write for a recorded file, or undefined when it cannot be rendered. */
  private renderRecorded(record: FileRecord): string | undefined {
    try {
      return this.renderKind(record.kind, this.valuesFor(record.kind));
    } catch {
      return undefined;
    }
  }

  /** --align: every recorded file this run does not write that its plan would change, added to the files it renders. */
  private addOutOfLineTargets(): void {
    for (const [file, record] of Object.entries(this.records)) {
      if (this.targets.has(file) || !existsSync(this.destinationPath(file))) continue;
      const content = this.renderRecorded(record);
      const values = this.valuesFor(record.kind);
      if (content !== undefined && contentHash(content) !== record.sha256) this.targets.set(file, { file, kind: record.kind, values, input: this.inputFor(values), content });
    }
  }

  /** Can a question be asked: a terminal under yo or the bin; yeoman-test's adapter answers its own. */
  private canAsk(): boolean {
    return !this.realRun() || Boolean(process.stdin.isTTY);
  }

  /**
   * Weighs every rendered file against the disk and the record, then writes what it decided: ours
   * without a question, the user's merged, asked about, or with this run's version beside it.
   * Without a terminal and without --defaults, stops before anything is asked or written.
   */
  protected async reconcile(): Promise<void> {
    if (this.optionValue('align')) this.addOutOfLineTargets();
    const yeomanDecides = Boolean(this.optionValue('bail') || this.optionValue('dryRun'));
    const situation = { force: Boolean(this.optionValue('force')), canAsk: this.canAsk(), defaults: Boolean(this.optionValue('defaults')) };
    // Only inside the project, before any content is read (a link, a folder leading outside: the run stops).
    this.refuseOutputs([...this.targets.keys(), '.yo-rc.json']);
    const weighed: Weighed[] = [...this.targets.values()].map((target) => {
      const path = this.destinationPath(target.file);
      const disk = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      const record = this.records[target.file];
      const state = fileState(disk, record);
      const base = state === 'theirs' && record ? this.baseOf(record) : undefined;
      const merge = base !== undefined && disk !== undefined ? mergeThreeWay(base, disk, target.content) : undefined;
      // A merge that gives the user's file back: this run changes nothing in it.
      const identical = disk === target.content || (merge?.clean === true && merge.content === disk);
      const action = decideWrite({ ...situation, state, identical, appendOnly: target.kind === 'dockerignore', mergeClean: merge?.clean ?? false });
      return { target, disk, state, merge, action };
    });
    if (!yeomanDecides && weighed.some((w) => w.action === 'noTerminal')) throw new UsageError(this.messages.cli.errors.noTerminal);
    for (const w of weighed) {
      if (yeomanDecides) {
        this.fs.write(this.destinationPath(w.target.file), w.target.content);
        this.outcomes.set(w.target.file, 'yeoman');
        continue;
      }
      await this.apply(w);
    }
    this.saveRecords();
  }

  /** Writes one weighed file as decided (asking first when the decision is the user's). */
  private async apply(w: Weighed): Promise<void> {
    const { file, content } = w.target;
    const { cli, text } = this.messages;
    let action: Outcome | 'overwrite' = w.action === 'ask' ? await this.askConflict(w) : (w.action as Outcome);
    if (action === 'overwrite') action = 'force';
    const record = () => {
      const { kind, values, input } = w.target;
      // The sample's input follows from the values; a project's is kept, to render this file again after the project changes.
      const encoded = values.sample ? undefined : encodeInput(input);
      const id = encoded === undefined ? undefined : inputId(encoded);
      if (id && encoded) this.inputs[id] = encoded;
      this.records[file] = recordOf(kind, content, values, id);
    };
    switch (action) {
      case 'create':
        this.write(file, content);
        record();
        break;
      case 'identical':
        // The disk as it is: this run's render, or the user's edits with nothing of this run's to merge.
        this.write(file, w.disk ?? content);
        record();
        break;
      case 'update':
      case 'force':
        this.write(file, content, action);
        record();
        break;
      case 'append': {
        const merge = mergeDockerignore(w.disk ?? '', content, cli.dockerignoreMergeHeader);
        this.write(file, merge.content ?? w.disk ?? '', merge.content === undefined ? undefined : 'merge');
        // One an earlier version of the generator wrote (no record yet) is not "yours".
        const ours = writtenByGenerator(w.disk ?? '', Object.values(LANGUAGES).map((messages) => messages.comments.dockerignore.header));
        if (merge.added.length > 0) this.log(ours ? text.dockerignoreMergedOurs(merge.added, file) : text.dockerignoreMerged(merge.added, file));
        else this.log(ours ? text.dockerignoreUnchangedOurs(file) : text.dockerignoreUnchanged(file));
        if (merge.keptUserExceptions.length > 0) this.log(text.dockerignoreKeptExceptions(merge.keptUserExceptions, file));
        record();
        break;
      }
      case 'merge':
        // The record keeps this run's own render: next time the file is still the user's, merged again.
        this.write(file, (w.merge as { content: string }).content, 'merge');
        this.log(cli.rerun.merged(file));
        record();
        break;
      case 'beside': {
        const beside = besidePath(file);
        this.refuseOutputs([beside]);
        this.write(beside, content, existsSync(this.destinationPath(beside)) ? 'force' : undefined);
        this.write(file, w.disk ?? '', 'skip');
        break;
      }
      case 'kept':
        this.write(file, w.disk ?? '', 'skip');
        break;
      case 'yeoman':
        break;
    }
    this.outcomes.set(file, action);
    if (w.target.kind === 'dockerignore' && IN_LINE.has(action)) this.warnLetIn(file);
  }

  /** An ignore file that still lets `.env` files or `.git` into the build context (the user's exceptions, kept): said, and the Step 4 text says so too. */
  private warnLetIn(file: string): void {
    const letIn = guardedLetIn(this.fs.read(this.destinationPath(file)) ?? '');
    if (letIn.names.length === 0) return;
    this.warn(this.messages.text.dockerignoreLetsIn(file, letIn.names, letIn.exceptions));
    for (const name of letIn.names) this.letIn.add(name);
  }

  /** Puts a file in the editor's memory, with the conflicter's decision already made when given (a status of ours: update, merge). */
  private write(file: string, content: string, status?: string): void {
    const path = this.destinationPath(file);
    this.fs.write(path, content);
    if (status) (this.fs.store.get(path) as { conflicter?: string }).conflicter = status;
  }

  /** The conflict question, in the run's language, with the diff of what writing would change in the user's file. */
  private async askConflict(w: Weighed): Promise<Outcome | 'overwrite'> {
    const { file } = w.target;
    const { conflict } = this.messages.cli;
    const mergeClean = w.merge?.clean === true;
    const proposed = mergeClean ? (w.merge as { content: string }).content : w.target.content;
    this.log(
      mergeClean ? conflict.mergeable(file) : w.state === 'theirs' ? conflict.editedClash(file, w.merge ? (w.merge as { conflicts: number }).conflicts : 0) : conflict.notOurs(file),
    );
    const diff = unifiedDiff(w.disk ?? '', proposed);
    const color = (line: string) => {
      if (!process.stderr.isTTY) return line;
      if (line.startsWith('+')) return styleText('green', line);
      if (line.startsWith('-')) return styleText('red', line);
      if (line.startsWith('@@')) return styleText('cyan', line);
      return line;
    };
    for (const line of diff.slice(0, DIFF_LINES_SHOWN)) this.log(color(line));
    if (diff.length > DIFF_LINES_SHOWN) this.log(conflict.moreLines(diff.length - DIFF_LINES_SHOWN));
    const choices = [
      ...(mergeClean ? [{ value: 'merge', name: conflict.choices.merge }] : []),
      { value: 'beside', name: conflict.choices.beside(besidePath(file)) },
      { value: 'overwrite', name: conflict.choices.overwrite },
      { value: 'kept', name: conflict.choices.keep },
    ];
    const answer = (await this.prompt([{ type: 'select', name: 'action', message: conflict.question(file), choices, default: choices[0].value }] as never)) as { action: string };
    return answer.action as Outcome | 'overwrite';
  }

  /** The record, as it stands after this run: files gone from the disk and not written now are dropped. */
  private saveRecords(): void {
    const kept = Object.entries(this.records)
      .filter(([file]) => this.targets.has(file) || existsSync(this.destinationPath(file)))
      .sort(([a], [b]) => a.localeCompare(b));
    this.config.set(FILES_KEY, Object.fromEntries(kept));
    const used = new Set(kept.map(([, record]) => record.input).filter((id) => id !== undefined));
    const inputs = Object.entries(this.inputs).filter(([id]) => used.has(id));
    if (inputs.length > 0) this.config.set(INPUTS_KEY, Object.fromEntries(inputs));
    else this.config.delete(INPUTS_KEY);
  }

  /**
   * Nothing stale in silence: every recorded file that does not match this run's plan after the
   * run, with why (values it was written with, the user kept theirs, this run's version beside
   * it, or the project changed), and the command that brings the others in line.
   */
  protected reportStale(): void {
    const { cli } = this.messages;
    const lines: string[] = [];
    let alignable = false;
    // The recorded values that differ from this run's and, alone, change the file: why it is out of date.
    const reasons = (record: FileRecord, values: RenderValues, input: ProjectInput, fresh: string) =>
      changedValues(record, values)
        .filter((change) => change.key !== 'sample' && change.key !== 'serverChosen')
        .filter((change) => {
          try {
            return this.renderKind(record.kind, { ...values, [change.key]: change.from } as RenderValues, input) !== fresh;
          } catch {
            return true;
          }
        })
        .map((change) => cli.rerun.valueChange(this.valueLabel(change.key), String(change.from), String(change.to)));
    // The files this run rendered and did not write: the user's answer, or its version beside theirs.
    for (const [file, target] of this.targets) {
      const outcome = this.outcomes.get(file);
      if (outcome === 'beside') lines.push(cli.rerun.staleBeside(file, besidePath(file), `diff -u ${file} ${besidePath(file)}`));
      if (outcome !== 'kept') continue;
      const record = this.records[file];
      lines.push(cli.rerun.staleKept(file, record ? reasons(record, target.values, target.input, target.content) : []));
      alignable = true;
    }
    // The files the generator wrote in earlier runs that this run's plan would change.
    for (const [file, record] of Object.entries(this.records)) {
      if (this.targets.has(file) || !existsSync(this.destinationPath(file))) continue;
      const fresh = this.renderRecorded(record);
      if (fresh === undefined || contentHash(fresh) === record.sha256) continue;
      const values = this.valuesFor(record.kind);
      lines.push(cli.rerun.staleOther(file, reasons(record, values, this.inputFor(values), fresh)));
      alignable = true;
    }
    if (lines.length === 0) return;
    // One warning, on stderr with the other warnings: the title, each file and why, the command.
    this.warn([cli.rerun.staleTitle, ...lines.map((line) => `  ${line}`), ...(alignable ? [cli.rerun.alignWith(this.alignCommand())] : [])].join('\n'));
  }

  /** A value's label in the run's language ("port", "python"). */
  private valueLabel(key: string): string {
    const labels = this.messages.cli.read.labels as Record<string, string>;
    return labels[key] ?? key;
  }

  /** The command that brings the recorded files in line: this sub-generator with --align, or app's when it has none. */
  private alignCommand(): string {
    if (!this.usesServer()) return this.command('app', '--defaults --align');
    return this.command(this.subGenerator(), [...this.rerunArgs(), '--defaults', '--align'].join(' '));
  }

  protected writeDockerfile(stage: DockerfileStage): void {
    this.produce(`dockerfile.${stage}`, DOCKERFILE_NAMES[stage]);
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
    if (this.writesDockerignoreStep() || this.targets.has('.dockerignore')) return;
    this.writeDockerignore();
  }

  /** The app generator writes .dockerignore as a step of its own, in teaching order. */
  protected writesDockerignoreStep(): boolean {
    return false;
  }

  /** compose.yaml for the local loop, built from the production Dockerfile. */
  protected writeCompose(): ComposePlan {
    this.produce('compose', COMPOSE_FILE);
    return this.composeFor(this.valuesFor('compose'));
  }

  protected writeMultistage(): void {
    this.produce('dockerfile.multistage', DOCKERFILE_NAMES.multistage);
    this.mergeDockerfileIgnore(DOCKERFILE_NAMES.multistage);
    this.announce('multistage');
    this.ensureDockerignore();
  }

  /** Writes .dockerignore, or merges it into the user's: their lines stay, missing ones are appended. */
  protected writeDockerignore(): void {
    this.produce('dockerignore', '.dockerignore');
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
      present = true; // a link too: refused before anything is read, not skipped
    } catch {
      present = false;
    }
    if (present && !this.targets.has(file)) this.produce('dockerignore', file);
  }
}
