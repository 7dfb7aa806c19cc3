/**
 * What every sub-generator shares: the answer options, resolving answers (CLI > .yo-rc.json >
 * --defaults > prompt), the one-line error policy, and the guard that no user file is
 * overwritten without the conflict question or --force.
 */
import { existsSync, readFileSync } from 'node:fs';
import Generator from 'yeoman-generator';
import { ANSWER_SPECS, type AnswerKey, type Answers, type AnswerSpec, resolveAnswers } from '../answers.js';
import { UsageError } from '../errors.js';
import { TEMPLATES_ROOT } from '../paths.js';

// customInstallTask: these generators install no npm packages, so the environment's
// package-manager step (and its "No change to package.json" line) is switched off.
export const FEATURES = { tasksMatchingPriority: true, inheritTasks: true, unique: 'namespace', customInstallTask: true } as const;

export type BaseOptions = Generator['options'] & {
  defaults?: boolean;
  force?: boolean;
  bail?: boolean;
  dryRun?: boolean;
  skipYoResolve?: boolean;
};

type CliValues = Partial<Record<AnswerKey, unknown>>;

function camelCase(kebab: string): string {
  return kebab.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

export abstract class PythonDockerGenerator<O extends BaseOptions = BaseOptions> extends Generator<Record<string, unknown>, O> {
  answers!: Answers;
  /** Files this run renders, in order, checked against the disk before anything is written. */
  protected readonly rendered = new Set<string>();
  /** Rendered files that only append to the user's (no question needed). */
  private readonly merged = new Set<string>();

  constructor(args: string[], options: O) {
    super(args, options, FEATURES);
    this.sourceRoot(TEMPLATES_ROOT);
    this.option('defaults', {
      type: Boolean,
      description: 'Never ask: use stored answers from .yo-rc.json, CLI options and defaults',
    });
    for (const spec of this.answerSpecs()) {
      const choices = spec.choices ? ` (${spec.choices.join('|')})` : '';
      this.option(spec.option, {
        type: spec.boolean ? Boolean : String,
        description: `${spec.message}${choices} [default: ${spec.default}]`,
      });
    }
  }

  /** The questions this generator needs; all of them unless a generator narrows it. */
  protected answerSpecs(): readonly AnswerSpec[] {
    return ANSWER_SPECS;
  }

  /** Defaults the project itself states (read from its files); they beat the built-in ones. */
  protected detectedDefaults(): Partial<Answers> {
    return {};
  }

  /** An option as yo (camelCase + kebab), commander (camelCase) or yeoman-test (kebab) hands it over. */
  protected optionValue(kebab: string): unknown {
    const options = this.options as Record<string, unknown>;
    return options[camelCase(kebab)] ?? options[kebab];
  }

  async prompting(): Promise<void> {
    const detected = this.detectedDefaults();
    const specs = this.answerSpecs().map((spec) =>
      detected[spec.key] === undefined ? spec : ({ ...spec, default: detected[spec.key] } as AnswerSpec),
    );
    const cli: CliValues = {};
    for (const spec of specs) cli[spec.key] = this.optionValue(spec.option);
    const stored = this.config.getAll() as CliValues;
    const { known, toAsk } = resolveAnswers(specs, { cli, stored }, Boolean(this.optionValue('defaults')));

    const asked: Record<string, unknown> = {};
    if (toAsk.length > 0) {
      const questions = toAsk.map((spec) => ({
        type: spec.boolean ? ('confirm' as const) : spec.choices ? ('select' as const) : ('input' as const),
        name: spec.key,
        message: spec.message,
        default: spec.boolean ? spec.default : String(spec.default),
        choices: spec.choices ? [...spec.choices] : undefined,
        validate: (value: string) => {
          try {
            spec.parse(value);
            return true;
          } catch (error) {
            return (error as Error).message;
          }
        },
      }));
      const raw = (await this.prompt(questions as never)) as Record<string, unknown>;
      for (const spec of toAsk) asked[spec.key] = spec.parse(raw[spec.key]);
    }
    this.answers = { ...known, ...asked } as Answers;
    // Shared with the other sub-generators through .yo-rc.json.
    for (const spec of specs) this.config.set(spec.key, this.answers[spec.key]);
  }

  /** Renders a template and remembers the destination for the overwrite guard. */
  protected render(template: string, destination: string, data: object): void {
    this.renderTemplate(template, destination, data);
    this.rendered.add(destination);
  }

  /** Writes a file whose content is computed in code. */
  protected writeFile(destination: string, content: string): void {
    this.fs.write(this.destinationPath(destination), content);
    this.rendered.add(destination);
  }

  /**
   * Writes a merge of the user's file that keeps every line of theirs (it only appends), so the
   * conflict question is not needed: it is marked as forced, and the overwrite guard skips it.
   */
  protected writeMerged(destination: string, content: string): void {
    const path = this.destinationPath(destination);
    this.fs.write(path, content);
    this.rendered.add(destination);
    this.merged.add(destination);
    const file = this.fs.store.get(path) as { conflicter?: string };
    if (existsSync(path) && readFileSync(path, 'utf8') !== content) file.conflicter = 'force';
  }

  /**
   * Yeoman's conflict question needs a terminal. Without one (CI, scripts) it would crash with a
   * stack trace; stop with one clear line instead, before anything is written.
   */
  protected guardOverwrites(): void {
    const ask = !this.optionValue('force') && !this.optionValue('bail') && !this.optionValue('dryRun') && !this.optionValue('skipYoResolve');
    if (!ask || process.stdin.isTTY) return;
    const changed = [...this.rendered].filter((file) => {
      if (this.merged.has(file)) return false;
      const path = this.destinationPath(file);
      return existsSync(path) && readFileSync(path, 'utf8') !== this.fs.read(path);
    });
    if (changed.length > 0) {
      throw new UsageError(
        `${changed.join(', ')} already exist${changed.length === 1 ? 's' : ''} and would change; no terminal to ask: rerun with --force to overwrite, or move ${changed.length === 1 ? 'it' : 'them'} away`,
      );
    }
  }
}
