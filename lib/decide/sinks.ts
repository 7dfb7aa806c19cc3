/**
 * Where a value from a project's files ends up in a generated file, and how it gets there safely:
 * one encoder per sink, each returning a branded type, so the plan's fields say which sink they
 * were made for and a template cannot print a raw project string into a RUN line:
 *
 * | sink                        | type         | encoder                     | unrepresentable, refused          |
 * | --------------------------- | ------------ | --------------------------- | --------------------------------- |
 * | Dockerfile shell (RUN)      | ShellCommand | `sh` over ShellWord values  | control characters                |
 * | Dockerfile exec form (CMD)  | ExecForm     | `execForm`                  | control characters                |
 * | Dockerfile word (COPY, ENV) | DockerWord   | `dockerWord`                | controls, blanks, quotes, \ $ * ? [ ], a leading - |
 * | comment (Dockerfile, YAML)  | Shown        | `shown` (escapes, never refuses) | -                            |
 * | YAML scalar (compose.yaml)  | ComposeValue | `composeValue` ($ doubled; the YAML library quotes) | control characters |
 * | YAML key (compose.yaml)     | ComposeKey   | `composeKey`                | anything but a name               |
 * | .dockerignore pattern       | IgnorePattern| `ignorePattern` (wildcards escaped) | control characters        |
 *
 * A refusal is an UnsafeValueError naming the sink, the value and where it came from ("app.py:3");
 * the generator words it in the user's language and stops before anything is written.
 */
import { escapeControls, hasControlCharacters } from '../escape.js';

declare const brand: unique symbol;
type Branded<T extends string> = string & { readonly [brand]: T };

/** One word for a POSIX shell: as it is when it is plain, else in single quotes. */
export type ShellWord = Branded<'ShellWord'>;
/** A shell command line whose words from outside are ShellWords (built only by `sh`). */
export type ShellCommand = Branded<'ShellCommand'>;
/** A Dockerfile exec-form JSON array: ["gunicorn", "app:app"]. */
export type ExecForm = Branded<'ExecForm'>;
/** A word in a Dockerfile instruction that is not a shell (COPY sources, an ENV value): nothing Docker would read as syntax. */
export type DockerWord = Branded<'DockerWord'>;
/** Text a reader sees (a comment, a terminal line): every control character escaped. */
export type Shown = Branded<'Shown'>;
/** A compose.yaml value, taken literally by Compose (`$` doubled); the YAML library quotes it. */
export type ComposeValue = Branded<'ComposeValue'>;
/** A compose.yaml key made from a project value (an environment variable, a volume). */
export type ComposeKey = Branded<'ComposeKey'>;
/** A literal .dockerignore pattern (wildcards escaped). */
export type IgnorePattern = Branded<'IgnorePattern'>;

export type Sink = 'shell' | 'exec' | 'dockerfile' | 'yaml' | 'yamlKey' | 'dockerignore';

/** A project value that no encoder can write into its sink: the run stops, nothing is written. */
export class UnsafeValueError extends Error {
  override name = 'UnsafeValueError';
  constructor(
    readonly sink: Sink,
    /** The value, control characters escaped (safe to print). */
    readonly value: Shown,
    /** Where it came from: "app.py:3", "Procfile", "dependency files" (escaped too: a file name is the project's); undefined when unknown. */
    readonly origin: string | undefined,
    /** What is wrong with it: control characters, or characters the sink reads as syntax. */
    readonly reason: 'control' | 'syntax',
  ) {
    super(`${origin ? `${escapeControls(origin)}: ` : ''}"${value}" cannot be written safely into ${sink} (${reason === 'control' ? 'control characters' : 'characters it reads as syntax'})`);
  }
}

export function isUnsafeValueError(error: unknown): error is UnsafeValueError {
  return error instanceof Error && error.name === 'UnsafeValueError';
}

function refuseControls(value: string, sink: Sink, origin?: string): void {
  if (hasControlCharacters(value)) throw new UnsafeValueError(sink, shown(value), origin === undefined ? undefined : shown(origin), 'control');
}

/** Text to show (a comment, a message): control characters escaped, so it stays on its line and does nothing. */
export function shown(value: string): Shown {
  return escapeControls(value) as Shown;
}

/** Characters a POSIX shell takes literally outside quotes. */
const PLAIN_SHELL_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** A value as one shell word: unchanged when plain, else single-quoted (a ' inside as '\''). */
export function shellWord(value: string, origin?: string): ShellWord {
  refuseControls(value, 'shell', origin);
  if (PLAIN_SHELL_WORD.test(value)) return value as ShellWord;
  return `'${value.replace(/'/g, `'\\''`)}'` as ShellWord;
}

/** Each value as one shell word (package names, folders). */
export function shellWords(values: readonly string[], origin?: string): ShellWord[] {
  return values.map((value) => shellWord(value, origin));
}

type ShellPart = ShellWord | ShellCommand | readonly ShellWord[] | number;

/**
 * A command line: the literal text is ours, and every interpolated value must already be a
 * ShellWord (or a list of them, joined by spaces), a ShellCommand fragment or a number, so a
 * raw string from a project does not type-check here.
 */
export function sh(strings: TemplateStringsArray, ...values: ShellPart[]): ShellCommand {
  let out = strings[0]!;
  values.forEach((value, index) => {
    out += (Array.isArray(value) ? value.join(' ') : String(value)) + strings[index + 1]!;
  });
  return out as ShellCommand;
}

/** Commands of ours, written out in full with nothing from outside (no interpolation). */
export function literalCommand(text: string): ShellCommand {
  refuseControls(text, 'shell');
  return text as ShellCommand;
}

/** An exec-form array the way people write it by hand: ["a", "b"]. */
export function execForm(args: readonly string[], origin?: string): ExecForm {
  for (const arg of args) refuseControls(arg, 'exec', origin);
  return `[${args.map((arg) => JSON.stringify(arg)).join(', ')}]` as ExecForm;
}

/**
 * Characters a Dockerfile reads as syntax in COPY's sources and an ENV value: blanks split words,
 * quotes and \ escape, $ substitutes variables, * ? [ ] are wildcards; a leading - is a flag.
 */
const DOCKER_SYNTAX = /[\s"'\\$*?[\]`]|^-/;

export function dockerWord(value: string, origin?: string): DockerWord {
  refuseControls(value, 'dockerfile', origin);
  if (value === '' || DOCKER_SYNTAX.test(value)) throw new UnsafeValueError('dockerfile', shown(value), origin === undefined ? undefined : shown(origin), 'syntax');
  return value as DockerWord;
}

/** A compose.yaml value taken literally: Compose interpolates `${VAR}` in every value, so `$` is doubled. */
export function composeValue(value: string, origin?: string): ComposeValue {
  refuseControls(value, 'yaml', origin);
  return value.replace(/\$/g, '$$$$') as ComposeValue;
}

/** A compose.yaml key from a project value: a name (letters, digits, _ . -), nothing YAML or Compose reads as syntax. */
export function composeKey(value: string, origin?: string): ComposeKey {
  refuseControls(value, 'yamlKey', origin);
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(value)) throw new UnsafeValueError('yamlKey', shown(value), origin === undefined ? undefined : shown(origin), 'syntax');
  return value as ComposeKey;
}

/**
 * A .dockerignore pattern matching exactly this path: \ * ? [ escaped (Go's filepath.Match), a
 * leading ! or # escaped too, so it is neither an exception nor a comment.
 */
export function ignorePattern(path: string, origin?: string): IgnorePattern {
  refuseControls(path, 'dockerignore', origin);
  // Docker trims each line: blanks at either end cannot be matched.
  if (path.trim() !== path || path === '') throw new UnsafeValueError('dockerignore', shown(path), origin === undefined ? undefined : shown(origin), 'syntax');
  const escaped = path.replace(/[\\*?[]/g, '\\$&');
  return (/^[!#]/.test(escaped) ? `\\${escaped}` : escaped) as IgnorePattern;
}
