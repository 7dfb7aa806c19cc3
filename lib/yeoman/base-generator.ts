/**
 * What every sub-generator shares: the answer options it declares, resolving answers (flag >
 * typed answer > stored choice > what the project states now > default), saying where each value
 * came from before the first question, storing only what the user chose, the one-line error
 * policy, and the commands it prints, worded the way the user started the run.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { styleText } from 'node:util';
import Generator from 'yeoman-generator';
import {
  type AnswerKey,
  type Answers,
  type AnswerSpec,
  DOCKER_KEYS,
  type OptionName,
  type Origin,
  type Proposal,
  resolveAnswers,
  specsFor,
  type Stated,
  userChoices,
} from '../state/answers.js';
import { migrateStored, SCHEMA_KEY, STORE_SCHEMA, type StoreMigration } from '../state/answers-migrate.js';
import { isUsageError, UsageError } from '../errors.js';
import { languageFromLocale, type Messages, messagesFor } from '../messages/index.js';
import type { FileStatus } from '../messages/cli-types.js';
import { TEMPLATES_ROOT } from '../render/paths.js';
import { isUnsafeValueError } from '../decide/sinks.js';
import { forTerminal } from '../messages/terminal.js';
import { OutputPathError, outputPathProblem, refuseOutsideOutputs } from './output-paths.js';
import { localizeStatuses, routeToStdout, writeWarning } from './terminal.js';

// customInstallTask: these generators install no npm packages, so the environment's
// package-manager step (and its "No change to package.json" line) is switched off.
export const FEATURES = { tasksMatchingPriority: true, inheritTasks: true, unique: 'namespace', customInstallTask: true } as const;

export const PROGRAM = 'generator-python-docker';
const YO_RC = '.yo-rc.json';

/** The sub-generators, in the order the help lists them. */
export const SUB_GENERATORS = ['app', 'dockerfile', 'dockerignore', 'multistage', 'compose'];

/**
 * Yeoman's options that change nothing for these generators (no npm install, no prompt cache, no
 * global config; --whitespace is never handed to the conflicter, which reads ignoreWhitespace).
 * Still accepted, never listed by --help.
 */
export const INERT_YEOMAN_OPTIONS = ['skip-install', 'force-install', 'local-config-only', 'skip-cache', 'ask-answered', 'whitespace'];

/** Yeoman's options that do work here, listed by --help under yo too (the bin lists them itself). */
const WORKING_YEOMAN_OPTIONS = ['force', 'dry-run', 'bail', 'skip-yo-resolve'];

/** Set by the package's bin (bin/cli.ts): how the run was started, for one-line errors and hints. */
export interface BinContext {
  /** The folder given with --cwd, as typed, when the bin created it. */
  newFolder?: string;
  /** The user asked for --help (the bin also builds a help instance to learn the options, on every run). */
  helpRequested?: boolean;
  /** --lang as given on the command line, for that help instance (built before the options are parsed). */
  lang?: string;
  /** What the user types to run the bin again: `npx generator-python-docker`, `node /path/to/dist/bin/cli.js`. */
  invocation?: string;
}
export const BIN_CONTEXT = Symbol.for('generator-python-docker.bin');

export function binContext(): BinContext | undefined {
  return (globalThis as Record<symbol, BinContext | undefined>)[BIN_CONTEXT];
}

/** True inside yo's own process (its bin is yo/lib/cli.js). */
export function runByYo(): boolean {
  try {
    return /[\\/]yo[\\/]lib[\\/]cli\.js$/.test(realpathSync(process.argv[1] ?? ''));
  } catch {
    return false;
  }
}

/** One option per answer, by the name the user types, with the value the command line gives: text, or a yes/no flag. */
export type AnswerOptions = { [K in AnswerKey as OptionName<K>]?: Answers[K] extends boolean ? boolean : string };

export type BaseOptions = Generator['options'] & AnswerOptions & {
  defaults?: boolean;
  force?: boolean;
  bail?: boolean;
  dryRun?: boolean;
  skipYoResolve?: boolean;
  lang?: string;
};

type CliValues = Partial<Record<AnswerKey, unknown>>;

interface DeclaredOption {
  name: string;
  type?: unknown;
  alias?: string;
  description?: string;
  hide?: boolean;
}

/**
 * A .yo-rc.json that is not valid JSON stops the run with one line saying where, in the run's
 * language, before the generator is built (Yeoman reads the file while constructing it and would
 * fail with its own English error naming the absolute path). Under yo and the bin: that line and
 * exit code 1; under yeoman-test: thrown.
 */
function checkStoredFile(root: string, options: Record<string, unknown>): void {
  const path = resolve(root, YO_RC);
  // A link is refused later without being read (hideLinkedYoRc, refuseOutputs).
  try {
    if (!existsSync(path) || outputPathProblem(root, YO_RC) !== undefined) return;
  } catch {
    return;
  }
  const text = readFileSync(path, 'utf8');
  try {
    JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message);
    const before = text.slice(0, at ? Number(at[1]) : text.length).split('\n');
    const raw = options.lang ?? binContext()?.lang;
    const lang = raw === 'zh-CN' || raw === 'zh_CN' || raw === 'zh' ? 'zh-CN' : raw === 'en' ? 'en' : languageFromLocale();
    const { cli } = messagesFor(lang);
    const message = cli.errors.yoRcInvalid(before.length, before.at(-1)!.length + 1);
    if (!runByYo()) throw new UsageError(message);
    process.stderr.write(`${forTerminal(`${cli.errors.prefix(PROGRAM)}${message}`)}\n`);
    process.exit(1);
  }
}

/**
 * Yeoman reads .yo-rc.json while the generator is constructed (its config storage). When that
 * file is a link (to a file outside the project, say), the in-memory file system is told it is
 * empty first, so nothing is read through the link (and no parse error shows its content);
 * prompting then refuses the run in one line (refuseOutputs).
 */
function hideLinkedYoRc(options: object): void {
  const { env, destinationRoot } = options as { env?: { cwd?: string; sharedFs?: { add(file: object): unknown } }; destinationRoot?: string };
  const root = destinationRoot ?? env?.cwd;
  if (!root || !env?.sharedFs) return;
  try {
    if (outputPathProblem(root, YO_RC) !== undefined) env.sharedFs.add({ path: resolve(root, YO_RC), contents: null });
  } catch {
    // The folder itself cannot be read: Yeoman says so.
  }
}

function camelCase(kebab: string): string {
  return kebab.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export abstract class PythonDockerGenerator<O extends BaseOptions = BaseOptions> extends Generator<Record<string, unknown>, O> {
  answers!: Answers;
  /** The texts in the run's language; settled before the first question. */
  messages!: Messages;
  /** Where each value of this run came from. */
  protected origins: Partial<Record<AnswerKey, Origin>> = {};
  private readonly yoRcExisted: boolean;
  private migration?: StoreMigration;

  constructor(args: string[], options: O) {
    hideLinkedYoRc(options);
    const env = (options as { env?: { cwd?: string } }).env;
    checkStoredFile(String((options as { destinationRoot?: string }).destinationRoot ?? env?.cwd ?? process.cwd()), options as Record<string, unknown>);
    super(args, options, FEATURES);
    // Every line printed goes through forTerminal: control characters from project files show escaped.
    // (Not set when the generator is only asked for its --help.)
    const adapterLog = this.log;
    if (typeof adapterLog === 'function') {
      (this as { log: Generator['log'] }).log = new Proxy(adapterLog, {
        apply: (target, thisArg, [message, ...rest]: unknown[]) => Reflect.apply(target, thisArg, [typeof message === 'string' ? forTerminal(message) : message, ...rest]),
      });
    }
    this.sourceRoot(TEMPLATES_ROOT);
    this.yoRcExisted = existsSync(this.destinationPath('.yo-rc.json'));
    // --help is shown in the language the run would use: --lang, a stored choice, the locale.
    const helpLang = this.helpLanguage();
    const { cli } = messagesFor(helpLang);
    this.option('defaults', { type: Boolean, description: cli.options.defaults });
    const specs = specsFor(helpLang);
    for (const key of this.answerKeys()) {
      this.option(specs[key].option, { type: specs[key].boolean ? Boolean : String, description: '' });
    }
    this.describeAnswerOptions();
    if (this.inTerminal()) {
      const adapter = this.env.adapter as unknown as Parameters<typeof routeToStdout>[0];
      routeToStdout(adapter);
      localizeStatuses(
        adapter,
        () => {
          const { cli: words } = this.messages ?? messagesFor(this.helpLanguage());
          return this.optionValue('dry-run') ? words.dryRunStatusWords : words.statusWords;
        },
        // The environment marks .yo-rc.json as forced whatever the disk holds: it is said as created,
        // updated or identical, like every other file.
        (status, path) => (status === 'force' && path === '.yo-rc.json' ? this.yoRcStatus() : status),
      );
    }
  }

  /** What becomes of .yo-rc.json in this run, as a file status. */
  private yoRcStatus(): FileStatus {
    const path = this.destinationPath('.yo-rc.json');
    if (!this.yoRcExisted || !existsSync(path)) return 'create';
    return readFileSync(path, 'utf8') === this.fs.read(path) ? 'identical' : 'update';
  }

  /** True under yo and the bin (a real terminal adapter), false under yeoman-test. */
  protected inTerminal(): boolean {
    return runByYo() || binContext() !== undefined;
  }

  /** True when this instance only answers --help (the user asked for it). */
  protected forHelp(): boolean {
    return Boolean(this.options.help) && (binContext()?.helpRequested ?? true);
  }

  /**
   * Each answer option's --help text: the question, its choices, and the value a run in this
   * folder takes without the option, with where it comes from (a stored choice, what the project
   * states, else the default). Called again once the project has been read for --help.
   */
  protected describeAnswerOptions(detected: Partial<Record<AnswerKey, Stated>> = {}): void {
    const lang = this.helpLanguage();
    const { cli } = messagesFor(lang);
    const specs = specsFor(lang);
    const stored = this.readStored();
    const declared = (this as unknown as { _options: Record<string, DeclaredOption> })._options;
    for (const key of this.answerKeys()) {
      const spec = specs[key];
      const choices = spec.choices ? ` (${spec.choices.join('|')})` : '';
      let note = spec.defaultNote ?? cli.defaultNote(String(spec.default));
      try {
        const { known, origins } = resolveAnswers([spec], { cli: {}, stored, detected }, true, cli.validation);
        const origin = origins[key]!;
        const value = String(known[key]);
        if (origin.kind === 'stored') note = cli.helpValues.stored(value);
        else if (origin.kind === 'project' && origin.fallback) note = cli.helpValues.fallback(value, origin.fallback, origin.source);
        else if (origin.kind === 'project') note = cli.helpValues.fromProject(value, origin.source);
      } catch {
        // An invalid stored value: the run will say so; the help shows the default.
      }
      // The note can carry a project's file names: shown escaped, like every line printed.
      declared[spec.option].description = forTerminal(`${spec.message}${choices} ${note}`);
    }
  }

  /**
   * `yo python-docker[:sub] --help` (yo prints this): the options in the run's language with this
   * folder's values, the Yeoman options that work here, and the other sub-generators.
   */
  override help(): string {
    const { cli } = messagesFor(this.helpLanguage());
    const sub = this.subGenerator();
    const namespace = (name: string) => `yo python-docker${name === 'app' ? '' : `:${name}`}`;
    const declared = Object.values((this as unknown as { _options: Record<string, DeclaredOption> })._options);
    const rows: Array<[string, string]> = [['-h, --help', cli.options.help]];
    for (const option of declared) {
      if (option.name === 'help' || option.hide || INERT_YEOMAN_OPTIONS.includes(option.name)) continue;
      rows.push([`--${option.name}${option.type === Boolean ? '' : ' <value>'}`, option.description ?? '']);
    }
    for (const name of WORKING_YEOMAN_OPTIONS) rows.push([`--${name}`, cli.envOptions[`--${name}`]]);
    const width = Math.max(...rows.map(([flags]) => flags.length));
    const subWidth = Math.max(...SUB_GENERATORS.map((name) => namespace(name).length));
    const text = [
      `${cli.helpWords.usage} ${namespace(sub)} [options]`,
      '',
      cli.helpWords.options,
      ...rows.map(([flags, description]) => `  ${flags.padEnd(width)}  ${description}`),
      '',
      cli.helpWords.valuesLegend,
      '',
      cli.binHelp.subGenerators,
      ...SUB_GENERATORS.map((name) => `  ${namespace(name).padEnd(subWidth)}  ${cli.binHelp.descriptions[name]}`),
      '',
    ].join('\n');
    return forTerminal(text);
  }

  /** The sub-generator this instance is (`multistage`), from its namespace. */
  protected subGenerator(): string {
    return String((this.options as { namespace?: string }).namespace ?? 'python-docker:app').split(':').pop() ?? 'app';
  }

  protected helpLanguage(): string {
    const raw = this.optionValue('lang') ?? binContext()?.lang ?? this.readStored().lang;
    try {
      return specsFor('en').lang.parse(raw ?? languageFromLocale()) as string;
    } catch {
      return languageFromLocale();
    }
  }

  private readStored(): CliValues {
    // A .yo-rc.json that is a link (to a file outside, say) is not read; prompting refuses it.
    if (outputPathProblem(this.destinationRoot(), YO_RC) !== undefined) return {};
    try {
      return this.config.getAll() as CliValues;
    } catch {
      return {};
    }
  }

  /** A warning line, on stderr, in the run's language (before the language is settled: the locale's). */
  protected warn(message: string): void {
    const line = forTerminal((this.messages ?? messagesFor(this.helpLanguage())).text.warning(message));
    if (this.inTerminal()) writeWarning(this.env.adapter as unknown as Parameters<typeof writeWarning>[0], line);
    else this.log(line);
  }

  /** True for --dry-run: nothing is written. */
  protected dryRun(): boolean {
    return Boolean(this.optionValue('dry-run'));
  }

  /**
   * The stored choices, with an earlier version's copies of what the project states dropped
   * (lib/state/answers-migrate.ts). Needs the project read: call it from initializing on.
   */
  protected storeMigration(): StoreMigration {
    this.migration ??= migrateStored(this.readStored() as Record<string, unknown>, this.detectedValues(), specsFor('en'));
    return this.migration;
  }

  /** The values this generator uses: declared as options, asked, printed. The rest are not its business. */
  protected answerKeys(): readonly AnswerKey[] {
    return DOCKER_KEYS;
  }

  /** What the project states now, per answer key (value + source), read afresh on every run. */
  protected detectedValues(): Partial<Record<AnswerKey, Stated>> {
    return {};
  }

  /** Defaults that come with what the project is without being stated in it (the app kind's port), with whose they are. */
  protected projectDefaults(): Partial<Record<AnswerKey, { value: unknown; by: string }>> {
    return {};
  }

  /** Lines about the project printed under the title before the values (dependencies, entry...). */
  protected projectLines(): string[] {
    return [];
  }

  /** True when there is a project to read (the block's title says so). */
  protected readsProject(): boolean {
    return false;
  }

  /** A command the user can type to run a sub-generator, the way this run was started (yo, npx, the bin's path). */
  protected command(sub: string, args = ''): string {
    const bin = binContext();
    const base = bin ? `${bin.invocation ?? `npx ${PROGRAM}`} ${sub}` : `yo python-docker${sub === 'app' ? '' : `:${sub}`}`;
    return args ? `${base} ${args}` : base;
  }

  /** A follow-up command: a sub-generator with arguments, and --defaults when this run had it (it runs the same way, with or without a terminal). */
  protected followUp(sub: string, args: string[] = []): string {
    return this.command(sub, [...args, ...(this.optionValue('defaults') ? ['--defaults'] : [])].join(' '));
  }

  /** Under yo or the bin, as opposed to yeoman-test (whose adapter answers the questions). */
  protected realRun(): boolean {
    return runByYo() || binContext() !== undefined;
  }

  /** Options of a generator's own, not answers, checked with the answer flags before anything is asked (--keep). */
  protected validateExtraFlags(): void {}

  /** An option as yo (camelCase + kebab), commander (camelCase) or yeoman-test (kebab) hands it over. */
  protected optionValue(kebab: string): unknown {
    const options = this.options as Record<string, unknown>;
    return options[camelCase(kebab)] ?? options[kebab];
  }

  /**
   * Under yo and the bin, a usage error or a cancelled question ends the run with one line and exit
   * code 1, before anything is written (Yeoman would add its own "An error occured" lines).
   * Under yeoman-test the error is thrown, for the test to see.
   */
  override async executeTask(task: Parameters<Generator['executeTask']>[0], ...rest: unknown[]): Promise<void> {
    const method = task.method;
    const oneLine = this.realRun();
    const wrapped = async (...args: unknown[]) => {
      try {
        return await method.apply(this, args);
      } catch (raw) {
        const error = this.worded(raw);
        const cancelled = (error as Error)?.name === 'ExitPromptError';
        if (!oneLine || (!cancelled && !isUsageError(error))) throw error;
        const { cli } = this.messages ?? messagesFor(this.helpLanguage());
        process.stderr.write(forTerminal(`${cli.errors.prefix(PROGRAM)}${cancelled ? cli.errors.cancelled : (error as Error).message}`) + '\n');
        process.exit(1);
      }
    };
    return (super.executeTask as (...a: unknown[]) => Promise<void>)({ ...task, method: wrapped }, ...rest);
  }

  async prompting(): Promise<void> {
    // .yo-rc.json is written at the end of every run: refuse a link before anything is asked.
    this.refuseOutputs([YO_RC]);
    const useDefaults = Boolean(this.optionValue('defaults'));
    const migration = this.storeMigration();
    const stored = migration.stored as CliValues;
    const keys = this.answerKeys();
    const cliFor = (specs: Record<AnswerKey, AnswerSpec>): CliValues =>
      Object.fromEntries(keys.map((key) => [key, this.optionValue(specs[key].option)]));

    // 0. Every flag (and stored value) is checked before anything is said or asked, in a terminal
    // too; and with no terminal to ask, the run says so before a question is drawn.
    const early = this.helpLanguage();
    const earlySpecs = specsFor(early);
    const check = resolveAnswers(keys.map((key) => earlySpecs[key]), { cli: cliFor(earlySpecs), stored, detected: this.detectedValues() }, useDefaults, messagesFor(early).cli.validation);
    this.validateExtraFlags();
    if (check.toAsk.length > 0 && this.realRun() && !process.stdin.isTTY) throw new UsageError(messagesFor(early).cli.errors.noTerminal);

    // 1. The language, before anything else is said or asked.
    let specs = specsFor(languageFromLocale());
    const langResolution = resolveAnswers([specs.lang], { cli: cliFor(specs), stored }, useDefaults, messagesFor(languageFromLocale()).cli.validation);
    let lang = langResolution.known.lang;
    const asked: Proposal[] = [];
    const typed: Record<string, unknown> = {};
    if (lang === undefined) {
      const [proposal] = langResolution.toAsk;
      typed.lang = await this.ask(proposal, messagesFor(String(proposal.value)));
      asked.push(proposal);
      lang = typed.lang as string;
    }
    this.messages = messagesFor(lang);
    const { cli } = this.messages;

    // 2. Everything else, in that language.
    specs = specsFor(lang);
    const declared = keys.filter((key) => key !== 'lang').map((key) => specs[key]);
    const resolution = resolveAnswers(declared, { cli: cliFor(specs), stored, detected: this.detectedValues(), defaults: this.projectDefaults() }, useDefaults, cli.validation);
    // Values a generator does not declare but its plan needs: stored choice > project > default, never asked.
    const undeclared = (Object.keys(specs) as AnswerKey[]).filter((key) => !keys.includes(key)).map((key) => specs[key]);
    const silent = resolveAnswers(undeclared, { cli: {}, stored, detected: this.detectedValues(), defaults: this.projectDefaults() }, true, cli.validation);

    // The undeclared values' origins too (never a flag, so never stored again): a stored server is still the user's choice.
    const origins: Partial<Record<AnswerKey, Origin>> = { ...silent.origins, ...resolution.origins };
    origins.lang = langResolution.origins.lang ?? { kind: 'asked' };

    // 3. Where each value comes from, before the first question (and, once, what became of an older .yo-rc.json).
    if (migration.migrated) {
      const said = (key: AnswerKey, value: unknown) => `${cli.read.labels[key]} ${this.display(key, value)}`;
      const dropped = migration.dropped.map((d) =>
        d.stated
          ? `${said(d.key, d.stored)} (${cli.read.fromProject(d.stated.source).slice(1, -1)}: ${this.display(d.key, specs[d.key].parse(d.stated.value))})`
          : `${said(d.key, d.stored)} ${cli.read.byDefault}`,
      );
      const flags = migration.dropped.map((d) => `--${specs[d.key].option}`);
      const kept = migration.kept.map((key) => said(key, stored[key]));
      this.warn(cli.migratedStore(dropped, flags, kept));
    }
    this.log(this.readsProject() ? cli.read.title : cli.read.valuesTitle);
    for (const line of this.projectLines()) this.log(`  ${line}`);
    const pending = new Map(resolution.toAsk.map((proposal) => [proposal.spec.key, proposal]));
    for (const key of keys) {
      const proposal = pending.get(key);
      const value = key === 'lang' ? lang : proposal ? proposal.value : resolution.known[key];
      const origin = key === 'lang' ? (langResolution.origins.lang ?? { kind: 'asked' as const }) : proposal ? proposal.origin : origins[key]!;
      this.log(`  ${cli.read.line(cli.read.labels[key], this.display(key, value), this.originText(origin))}`);
    }
    for (const warning of [...resolution.warnings, ...silent.warnings]) this.warn(warning);

    // 4. The questions still open.
    for (const proposal of resolution.toAsk) {
      typed[proposal.spec.key] = await this.ask(proposal, this.messages);
      asked.push(proposal);
      origins[proposal.spec.key] = { kind: 'asked' };
    }
    this.origins = origins;
    this.answers = { ...silent.known, ...resolution.known, lang, ...typed } as Answers;

    // 5. .yo-rc.json keeps what the user chose, nothing the project states; the marker says this version wrote it.
    for (const { key } of migration.dropped) if (userChoices(this.answers, origins, asked)[key] === undefined) this.config.delete(key);
    this.config.set(SCHEMA_KEY, STORE_SCHEMA);
    for (const [key, value] of Object.entries(userChoices(this.answers, origins, asked))) this.config.set(key, value);
    // It also marks the project's root for yo: written even when nothing was chosen.
    this.config.save();
  }

  private async ask(proposal: Proposal, messages: Messages): Promise<unknown> {
    const { spec } = proposal;
    const names = messages.cli.languageNames;
    const question = {
      type: spec.boolean ? ('confirm' as const) : spec.choices ? ('select' as const) : ('input' as const),
      name: spec.key,
      message: spec.message,
      default: spec.boolean ? proposal.value : String(proposal.value),
      choices: spec.choices ? spec.choices.map((value) => ({ value, name: spec.key === 'lang' ? (names[value] ?? value) : value })) : undefined,
      validate: (value: string) => {
        try {
          spec.parse(value);
          return true;
        } catch (error) {
          return (error as Error).message;
        }
      },
    };
    const raw = (await this.prompt([{ ...question, theme: this.promptTheme(messages, proposal) }] as never)) as Record<string, unknown>;
    return spec.parse(raw[spec.key]);
  }

  /** inquirer's own words around a yes/no question (the hint, the answer shown, the error), in the run's language. */
  protected yesNoTheme(defaultYes: boolean, messages: Messages = this.messages): object {
    const { prompts } = messages.cli;
    return {
      keywords: { yes: prompts.yes, no: prompts.no, error: () => prompts.yesNoError },
      style: { defaultAnswer: () => styleText('dim', prompts.yesNoHint(defaultYes)) },
    };
  }

  /** inquirer's own words around a question (the key hints, yes/no), in the question's language. */
  private promptTheme(messages: Messages, proposal: Proposal): object {
    const { prompts } = messages.cli;
    const dim = (text: string) => styleText('dim', text);
    if (proposal.spec.boolean) return this.yesNoTheme(proposal.value === true, messages);
    if (proposal.spec.choices) {
      return {
        style: { keysHelpTip: () => `${styleText('bold', '↑↓')} ${dim(prompts.navigate)}${dim(' • ')}${styleText('bold', '⏎')} ${dim(prompts.select)}` },
      };
    }
    return {};
  }

  /** A value as printed in the block: language names, yes/no. */
  private display(key: AnswerKey, value: unknown): string {
    const { read, languageNames } = this.messages.cli;
    if (key === 'lang') return languageNames[String(value)] ?? String(value);
    if (typeof value === 'boolean') return value ? read.yes : read.no;
    return String(value);
  }

  protected originText(origin: Origin): string {
    const { read } = this.messages.cli;
    switch (origin.kind) {
      case 'flag':
        return read.flag;
      case 'stored':
        return read.stored;
      case 'project':
        return origin.fallback ? read.fallback(origin.fallback, origin.source) : read.fromProject(origin.source);
      case 'default':
        return origin.by ? read.defaultOf(origin.by) : read.byDefault;
      case 'asked':
        return '';
    }
  }

  /**
   * Output files are written only inside the project: a file that is a symbolic link, or in a
   * folder leading outside, stops the run (lib/yeoman/output-paths.ts). Checked before a file's
   * content is read (a merge, a comparison) and again before Yeoman's commit.
   */
  protected refuseOutputs(files: Iterable<string>): void {
    refuseOutsideOutputs(this.destinationRoot(), files);
  }

  /** A refusal raised by the decision step or the path guard, worded in the run's language (other errors as they are). */
  protected worded(error: unknown): unknown {
    const { cli } = this.messages ?? messagesFor(languageFromLocale());
    if (isUnsafeValueError(error)) return new UsageError(cli.errors.unsafeValue(error.origin, error.value, error.sink, error.reason));
    if (error instanceof OutputPathError) return new UsageError(cli.errors.outputOutside(error.file, error.kind));
    return error;
  }
}
