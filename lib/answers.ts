/**
 * The questions every sub-generator shares: their CLI option names, defaults and validation.
 * Plain data and functions (no Yeoman), so they are unit-tested directly.
 */
import { UsageError } from './errors.js';
import { LANGUAGE_TAGS, languageFromLocale } from './messages/index.js';
import {
  DEFAULT_PYTHON_VERSION,
  NEWEST_PYTHON_MINOR,
  OLDEST_PYTHON_MINOR,
  PYTHON_END_OF_LIFE,
} from './versions.js';

export const BASE_VARIANTS = ['slim', 'alpine', 'full'] as const;
export type BaseVariant = (typeof BASE_VARIANTS)[number];

export interface Answers {
  pythonVersion: string;
  baseVariant: BaseVariant;
  port: number;
  wsgiApp: string;
  workers: number;
  uid: number;
  gid: number;
  /** app only: build the workshop as a git history, one tagged commit per step. */
  git: boolean;
  /** Language of the teaching text: terminal messages, comments, WORKSHOP.md. */
  lang: string;
  /** app only: also write compose.yaml. */
  compose: boolean;
  /** compose.yaml gets develop.watch (Compose v2.22+). */
  watch: boolean;
}

export type AnswerKey = keyof Answers;

export interface AnswerSpec<K extends AnswerKey = AnswerKey> {
  key: K;
  /** CLI option, kebab-case: `--python-version`. */
  option: string;
  /** Shown by --help and as the question. */
  message: string;
  default: Answers[K];
  choices?: readonly string[];
  /** A yes/no question: a flag on the command line (`--git`), a confirm prompt. */
  boolean?: boolean;
  /** Turns a raw value (CLI string, stored JSON value, typed answer) into a valid one, or throws. */
  parse(raw: unknown): Answers[K];
}

const MAX_ID = 2_147_483_647;

function wholeNumber(raw: unknown, min: number, max: number, what: string): number {
  const text = String(raw).trim();
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} must be a whole number from ${min} to ${max}, got "${printable(raw)}"`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`${what} must be from ${min} to ${max}, got ${value}`);
  return value;
}

/** Shows a bad value on one line, whatever control characters it holds. */
function printable(raw: unknown): string {
  return JSON.stringify(String(raw)).slice(1, -1);
}

export function parsePythonVersion(raw: unknown): string {
  const text = String(raw).trim();
  const match = /^3\.(\d{1,2})(\.\d{1,2})?$/.exec(text);
  if (!match) throw new UsageError(`Python version must look like 3.14 (or 3.14.1), got "${printable(raw)}"`);
  const minor = Number(match[1]);
  if (minor < OLDEST_PYTHON_MINOR) {
    throw new UsageError(`Python ${text} is not supported: the oldest accepted is 3.${OLDEST_PYTHON_MINOR}`);
  }
  if (minor > NEWEST_PYTHON_MINOR) {
    throw new UsageError(`Python ${text} is not released yet: the newest accepted is 3.${NEWEST_PYTHON_MINOR}`);
  }
  return text;
}

/** The minor series of a version: "3.14.1" -> "3.14". */
export function pythonMinor(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}

/** When a Python no longer gets security fixes on `today`: its minor version and end-of-life date. */
export function endOfLife(version: string, today: Date = new Date()): { minor: string; date: string } | undefined {
  const minor = pythonMinor(version);
  const date = PYTHON_END_OF_LIFE[minor];
  if (!date || new Date(`${date}T00:00:00Z`) > today) return undefined;
  return { minor, date };
}

export function parseBaseVariant(raw: unknown): BaseVariant {
  const text = String(raw).trim();
  if (!(BASE_VARIANTS as readonly string[]).includes(text)) {
    throw new UsageError(`base variant must be one of ${BASE_VARIANTS.join(', ')}, got "${printable(raw)}"`);
  }
  return text as BaseVariant;
}

export function parsePort(raw: unknown): number {
  const port = wholeNumber(raw, 1, 65535, 'port');
  if (port < 1024) {
    // The production images run as a non-root user, which may not bind a privileged port.
    throw new UsageError(
      `port ${port} is privileged and the app runs as a non-root user: pick 1024-65535 (e.g. 8080) and publish it with -p ${port}:8080`,
    );
  }
  return port;
}

const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_]*';
const WSGI_APP = new RegExp(`^${IDENTIFIER}(\\.${IDENTIFIER})*:${IDENTIFIER}(\\(\\))?$`);

export function parseWsgiApp(raw: unknown): string {
  const text = String(raw);
  if (!WSGI_APP.test(text)) {
    throw new UsageError(
      `WSGI app must be "module:variable" or "module:factory()" (e.g. main:app, myapp.web:create_app()), got "${printable(raw)}"`,
    );
  }
  return text;
}

export function parseWorkers(raw: unknown): number {
  return wholeNumber(raw, 1, 64, 'workers');
}

function parseId(raw: unknown, what: string): number {
  const text = String(raw).trim();
  if (text === '0') throw new UsageError(`${what} 0 is root: the point of this setting is a non-root user`);
  return wholeNumber(raw, 1, MAX_ID, what);
}

export function parseYesNo(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  const text = String(raw).trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(text)) return true;
  if (['false', 'no', 'n', '0'].includes(text)) return false;
  throw new UsageError(`expected yes or no, got "${printable(raw)}"`);
}

export function parseLang(raw: unknown): string {
  const text = String(raw).trim().replace('_', '-').toLowerCase();
  const found = LANGUAGE_TAGS.find((tag) => tag.toLowerCase() === text || tag.split('-')[0] === text);
  if (!found) throw new UsageError(`language must be one of ${LANGUAGE_TAGS.join(', ')}, got "${printable(raw)}"`);
  return found;
}

export const parseUid = (raw: unknown) => parseId(raw, 'UID');
export const parseGid = (raw: unknown) => parseId(raw, 'GID');

export const ANSWER_SPECS: readonly AnswerSpec[] = [
  {
    key: 'pythonVersion',
    option: 'python-version',
    message: 'Python version for the base image',
    default: DEFAULT_PYTHON_VERSION,
    parse: parsePythonVersion,
  },
  {
    key: 'baseVariant',
    option: 'base-variant',
    message: 'Base image variant (slim: Debian, small; alpine: musl, smallest; full: with compilers, ~1 GB)',
    default: 'slim',
    choices: BASE_VARIANTS,
    parse: parseBaseVariant,
  },
  { key: 'port', option: 'port', message: 'Port the app listens on', default: 5000, parse: parsePort },
  {
    key: 'wsgiApp',
    option: 'wsgi-app',
    message: 'WSGI app gunicorn serves (module:variable)',
    default: 'main:app',
    parse: parseWsgiApp,
  },
  { key: 'workers', option: 'workers', message: 'gunicorn worker processes', default: 3, parse: parseWorkers },
  { key: 'uid', option: 'uid', message: 'Numeric UID of the non-root user', default: 10001, parse: parseUid },
  { key: 'gid', option: 'gid', message: 'Numeric GID of the non-root group', default: 10001, parse: parseGid },
  {
    key: 'lang',
    option: 'lang',
    message: 'Language of the teaching text (messages, comments, WORKSHOP.md)',
    // From the environment's locale (LANG=zh_CN.UTF-8 -> zh-CN), else English.
    default: languageFromLocale(),
    choices: LANGUAGE_TAGS,
    parse: parseLang,
  },
] as AnswerSpec[];

/** Asked by the app generator only. */
export const GIT_SPEC: AnswerSpec<'git'> = {
  key: 'git',
  option: 'git',
  message: 'Create a git repository with one tagged commit per workshop step?',
  default: false,
  boolean: true,
  parse: parseYesNo,
};

/** Asked by the app generator only. */
export const COMPOSE_SPEC: AnswerSpec<'compose'> = {
  key: 'compose',
  option: 'compose',
  message: 'Also write compose.yaml for the local development loop?',
  default: false,
  boolean: true,
  parse: parseYesNo,
};

/** Asked by the compose generator only. */
export const WATCH_SPEC: AnswerSpec<'watch'> = {
  key: 'watch',
  option: 'watch',
  message: 'Add develop.watch for `docker compose watch` (needs Compose v2.22+; docker-compose 1.x rejects the file)?',
  default: false,
  boolean: true,
  parse: parseYesNo,
};

export const DEFAULT_ANSWERS: Answers = Object.fromEntries(
  [...ANSWER_SPECS, GIT_SPEC, COMPOSE_SPEC, WATCH_SPEC].map((spec) => [spec.key, spec.default]),
) as unknown as Answers;

export interface AnswerSources {
  /** Values given on the command line, keyed by answer key. */
  cli: Partial<Record<AnswerKey, unknown>>;
  /** Values stored in .yo-rc.json by an earlier run. */
  stored: Partial<Record<AnswerKey, unknown>>;
}

/**
 * Resolves what can be resolved without asking: CLI beats stored beats (with --defaults) the
 * default. Returns the values found and the keys still to ask. Invalid values throw, naming
 * where they came from.
 */
export function resolveAnswers(
  specs: readonly AnswerSpec[],
  sources: AnswerSources,
  useDefaults: boolean,
): { known: Partial<Answers>; toAsk: AnswerSpec[] } {
  const known: Record<string, unknown> = {};
  const toAsk: AnswerSpec[] = [];
  for (const spec of specs) {
    // yo hands a bare boolean flag (`--git`) over as an empty string.
    const fromCli = spec.boolean && sources.cli[spec.key] === '' ? true : sources.cli[spec.key];
    const fromStore = sources.stored[spec.key];
    if (fromCli !== undefined && fromCli !== null && fromCli !== '') {
      known[spec.key] = parseFrom(spec, fromCli, `--${spec.option}`);
    } else if (fromStore !== undefined && fromStore !== null) {
      known[spec.key] = parseFrom(spec, fromStore, `${spec.key} in .yo-rc.json`);
    } else if (useDefaults) {
      known[spec.key] = spec.default;
    } else {
      toAsk.push(spec);
    }
  }
  return { known: known as Partial<Answers>, toAsk };
}

function parseFrom(spec: AnswerSpec, raw: unknown, where: string): unknown {
  try {
    return spec.parse(raw);
  } catch (error) {
    throw new UsageError(`Invalid ${where}: ${(error as Error).message}`);
  }
}
