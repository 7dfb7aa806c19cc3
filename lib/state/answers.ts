/**
 * The questions every sub-generator shares: their CLI option names, defaults and validation.
 * Plain data and functions (no Yeoman), so they are unit-tested directly.
 */
import { type AnswerKey, type Answers, BASE_VARIANTS, type BaseVariant } from '../decide/answer-types.js';
import type { Server } from '../tables/app-kinds.js';
import { UsageError } from '../errors.js';
import { cliEn } from '../messages/cli-en.js';
import type { ValidationTexts } from '../messages/cli-types.js';
import { LANGUAGE_TAGS, languageFromLocale, messagesFor } from '../messages/index.js';
import { serverChoices } from '../tables/app-kinds.js';
import {
  DEFAULT_PYTHON_VERSION,
  NEWEST_PYTHON_MINOR,
  OLDEST_PYTHON_MINOR,
  isPythonVersion,
  minorNumber,
} from '../tables/versions.js';

export { BASE_VARIANTS, type AnswerKey, type Answers, type BaseVariant } from '../decide/answer-types.js';

/** An answer's CLI option, its key in kebab-case: `pythonVersion` -> `python-version`. */
export type OptionName<K extends string = AnswerKey> = K extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `-${Lowercase<Head>}`}${OptionName<Tail>}`
  : K;

export interface AnswerSpec<K extends AnswerKey = AnswerKey> {
  key: K;
  /** CLI option, kebab-case: `--python-version`. */
  option: OptionName<K>;
  /** Shown by --help and as the question. */
  message: string;
  default: Answers[K];
  choices?: readonly string[];
  /** A yes/no question: a flag on the command line (`--git`), a confirm prompt. */
  boolean?: boolean;
  /** Never a question: a flag or a stored choice, else what the project states, else the default (--server). */
  neverAsked?: boolean;
  /** The --help note when no value is known, when it says more than the bare default does. */
  defaultNote?: string;
  /** Turns a raw value (CLI string, stored JSON value, typed answer) into a valid one, or throws. */
  parse(raw: unknown): Answers[K];
}

const MAX_ID = 2_147_483_647;
export const MIN_PORT = 1024;
export const MAX_PORT = 65535;

/** Shows a bad value on one line, whatever control characters it holds. */
function printable(raw: unknown): string {
  return JSON.stringify(String(raw)).slice(1, -1);
}

/** The parse functions, with their messages in one language. */
export function parsersFor(v: ValidationTexts = cliEn.validation) {
  const wholeNumber = (raw: unknown, min: number, max: number, what: string): number => {
    const text = String(raw).trim();
    if (!/^\d+$/.test(text)) throw new UsageError(v.wholeNumber(what, min, max, printable(raw)));
    const value = Number(text);
    if (value < min || value > max) throw new UsageError(v.range(what, min, max, value));
    return value;
  };
  const id = (raw: unknown, what: string): number => {
    if (String(raw).trim() === '0') throw new UsageError(v.rootId(what));
    return wholeNumber(raw, 1, MAX_ID, what);
  };
  const oneOf = <T extends string>(raw: unknown, choices: readonly T[], what: string): T => {
    const text = String(raw).trim();
    if (!(choices as readonly string[]).includes(text)) throw new UsageError(v.oneOf(what, choices, printable(raw)));
    return text as T;
  };
  return {
    pythonVersion(raw: unknown): string {
      const text = String(raw).trim();
      // The one version grammar (lib/tables/versions.ts), shared with the project readers.
      if (!isPythonVersion(text)) {
        const other = /^(\d+)(\.\d+){0,2}$/.exec(text);
        // Python 2 (or 1): a real version, just not one a current image runs.
        if (other && Number(other[1]) < 3) throw new UsageError(v.pythonNotSupported(text, `3.${OLDEST_PYTHON_MINOR}`));
        if (other && Number(other[1]) > 3) throw new UsageError(v.pythonTooNew(text, `3.${NEWEST_PYTHON_MINOR}`));
        throw new UsageError(v.pythonFormat(printable(raw)));
      }
      const minor = minorNumber(text);
      if (minor < OLDEST_PYTHON_MINOR) throw new UsageError(v.pythonNotSupported(text, `3.${OLDEST_PYTHON_MINOR}`));
      if (minor > NEWEST_PYTHON_MINOR) throw new UsageError(v.pythonTooNew(text, `3.${NEWEST_PYTHON_MINOR}`));
      return text;
    },
    baseVariant: (raw: unknown): BaseVariant => oneOf(raw, BASE_VARIANTS, v.what.baseVariant),
    server: (raw: unknown): Server => oneOf(raw, serverChoices(), v.what.server),
    port(raw: unknown): number {
      const text = String(raw).trim();
      // The production images run as a non-root user, which may not bind a privileged port:
      // the range says so from the first message.
      if (/^\d+$/.test(text) && Number(text) > 0 && Number(text) < MIN_PORT) throw new UsageError(v.privilegedPort(Number(text)));
      return wholeNumber(raw, MIN_PORT, MAX_PORT, v.names.port);
    },
    wsgiApp(raw: unknown): string {
      const text = String(raw);
      if (!WSGI_APP.test(text)) throw new UsageError(v.wsgiApp(printable(raw)));
      return text;
    },
    workers: (raw: unknown): number => wholeNumber(raw, 1, 64, v.names.workers),
    uid: (raw: unknown): number => id(raw, v.names.uid),
    gid: (raw: unknown): number => id(raw, v.names.gid),
    yesNo(raw: unknown): boolean {
      if (typeof raw === 'boolean') return raw;
      const text = String(raw).trim().toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(text)) return true;
      if (['false', 'no', 'n', '0'].includes(text)) return false;
      throw new UsageError(v.yesNo(printable(raw)));
    },
    lang(raw: unknown): string {
      const text = String(raw).trim().replace('_', '-').toLowerCase();
      const found = LANGUAGE_TAGS.find((tag) => tag.toLowerCase() === text || tag.split('-')[0] === text);
      if (!found) throw new UsageError(v.oneOf(v.what.lang, LANGUAGE_TAGS, printable(raw)));
      return found;
    },
    oneOf,
  };
}

const IDENTIFIER = '[A-Za-z_][A-Za-z0-9_]*';
const WSGI_APP = new RegExp(`^${IDENTIFIER}(\\.${IDENTIFIER})*:${IDENTIFIER}(\\(\\))?$`);

const english = parsersFor();
export const parsePythonVersion = english.pythonVersion;
export const parseBaseVariant = english.baseVariant;
export const parseServer = english.server;
export const parsePort = english.port;
export const parseWsgiApp = english.wsgiApp;
export const parseWorkers = english.workers;
export const parseYesNo = english.yesNo;
export const parseLang = english.lang;
export const parseUid = english.uid;
export const parseGid = english.gid;

export { endOfLife, pythonMinor } from '../tables/versions.js';

/** Every question, in one language: its text (also the --help description) and its messages. */
export function specsFor(lang: string): Record<AnswerKey, AnswerSpec> {
  const { cli } = messagesFor(lang);
  const parse = parsersFor(cli.validation);
  const q = cli.questions;
  const specs: AnswerSpec[] = [
    { key: 'pythonVersion', option: 'python-version', message: q.pythonVersion, default: DEFAULT_PYTHON_VERSION, parse: parse.pythonVersion },
    { key: 'baseVariant', option: 'base-variant', message: q.baseVariant, default: 'slim', choices: BASE_VARIANTS, parse: parse.baseVariant },
    { key: 'port', option: 'port', message: q.port, default: 5000, parse: parse.port },
    { key: 'wsgiApp', option: 'wsgi-app', message: q.wsgiApp, default: 'main:app', parse: parse.wsgiApp },
    { key: 'workers', option: 'workers', message: q.workers, default: 3, parse: parse.workers },
    { key: 'uid', option: 'uid', message: q.uid, default: 10001, parse: parse.uid },
    { key: 'gid', option: 'gid', message: q.gid, default: 10001, parse: parse.gid },
    // From the environment's locale (LANG=zh_CN.UTF-8 -> zh-CN), else English.
    { key: 'lang', option: 'lang', message: q.lang, default: languageFromLocale(), choices: LANGUAGE_TAGS, parse: parse.lang },
    { key: 'git', option: 'git', message: q.git, default: false, boolean: true, parse: parse.yesNo },
    { key: 'compose', option: 'compose', message: q.compose, default: false, boolean: true, parse: parse.yesNo },
    { key: 'watch', option: 'watch', message: q.watch, default: false, boolean: true, parse: parse.yesNo },
    // Declared by the generators that serve the app; its choices are in the option's text.
    { key: 'server', option: 'server', message: cli.options.server, default: 'gunicorn', neverAsked: true, defaultNote: cli.helpValues.serverDefault, parse: parse.server },
  ] as AnswerSpec[];
  return Object.fromEntries(specs.map((spec) => [spec.key, spec])) as Record<AnswerKey, AnswerSpec>;
}

/** The values every Docker file needs, in question order. */
export const DOCKER_KEYS: readonly AnswerKey[] = ['pythonVersion', 'baseVariant', 'port', 'wsgiApp', 'workers', 'uid', 'gid', 'lang'];

const ENGLISH_SPECS = specsFor('en');
export const ANSWER_SPECS: readonly AnswerSpec[] = DOCKER_KEYS.map((key) => ENGLISH_SPECS[key]);
/** Asked by the app generator only. */
export const GIT_SPEC = ENGLISH_SPECS.git as AnswerSpec<'git'>;
/** Asked by the app generator only. */
export const COMPOSE_SPEC = ENGLISH_SPECS.compose as AnswerSpec<'compose'>;
/** Asked by the compose generator only. */
export const WATCH_SPEC = ENGLISH_SPECS.watch as AnswerSpec<'watch'>;

export const DEFAULT_ANSWERS: Answers = Object.fromEntries(
  Object.values(ENGLISH_SPECS).map((spec) => [spec.key, spec.default]),
) as unknown as Answers;

/** A value the project states, and where (a file, a setting): from lib/read's fact records. */
export interface Stated {
  value: unknown;
  source: string;
  /** Not stated by the project but chosen cautiously for it (lib/read/types.ts Sourced.fallback). */
  fallback?: 'indexNotAsked' | 'indexUnreachable';
}

export interface AnswerSources {
  /** Values given on the command line, keyed by answer key. */
  cli: Partial<Record<AnswerKey, unknown>>;
  /** Values the user chose in an earlier run, stored in .yo-rc.json. */
  stored: Partial<Record<AnswerKey, unknown>>;
  /** What the project states now, read afresh on every run. */
  detected?: Partial<Record<AnswerKey, Stated>>;
  /** Defaults that depend on the project without being stated in it (the app kind's port), and whose they are. */
  defaults?: Partial<Record<AnswerKey, { value: unknown; by: string }>>;
}

/** Where a value came from, printed next to it. */
export type Origin =
  | { kind: 'flag' }
  | { kind: 'asked' }
  | { kind: 'stored' }
  | { kind: 'project'; source: string; fallback?: Stated['fallback'] }
  /** `by`: whose default it is (Streamlit's port), when not the generator's own. */
  | { kind: 'default'; by?: string };

export interface Proposal {
  spec: AnswerSpec;
  /** What the question offers (the project's value, else the default) and where it came from. */
  value: unknown;
  origin: Origin;
}

export interface Resolution {
  known: Partial<Answers>;
  origins: Partial<Record<AnswerKey, Origin>>;
  /** Questions still to ask (none with --defaults), each with the value it proposes. */
  toAsk: Proposal[];
  /** Values the project states that cannot be used (the default is used instead). */
  warnings: string[];
}

/**
 * Resolves what can be resolved without asking. Order: flag > (answer typed now) > stored user
 * choice > what the project states now > default. Invalid flags and stored values throw, naming
 * where they came from; a value the project states that is invalid becomes a warning.
 */
export function resolveAnswers(
  specs: readonly AnswerSpec[],
  sources: AnswerSources,
  useDefaults: boolean,
  v: ValidationTexts = cliEn.validation,
): Resolution {
  const known: Record<string, unknown> = {};
  const origins: Partial<Record<AnswerKey, Origin>> = {};
  const toAsk: Proposal[] = [];
  const warnings: string[] = [];
  for (const spec of specs) {
    // yo hands a bare boolean flag (`--git`) over as an empty string.
    const fromCli = spec.boolean && sources.cli[spec.key] === '' ? true : sources.cli[spec.key];
    const fromStore = sources.stored[spec.key];
    if (fromCli !== undefined && fromCli !== null && fromCli !== '') {
      known[spec.key] = parseWith(spec, fromCli, (message) => v.invalidFlag(`--${spec.option}`, message));
      origins[spec.key] = { kind: 'flag' };
      continue;
    }
    if (fromStore !== undefined && fromStore !== null) {
      known[spec.key] = parseWith(spec, fromStore, (message) => v.invalidStored(spec.key, message));
      origins[spec.key] = { kind: 'stored' };
      continue;
    }
    const own = sources.defaults?.[spec.key];
    let proposal: Proposal = own ? { spec, value: spec.parse(own.value), origin: { kind: 'default', by: own.by } } : { spec, value: spec.default, origin: { kind: 'default' } };
    const stated = sources.detected?.[spec.key];
    if (stated && stated.value !== undefined) {
      try {
        const origin: Origin = { kind: 'project', source: stated.source, ...(stated.fallback ? { fallback: stated.fallback } : {}) };
        proposal = { spec, value: spec.parse(stated.value), origin };
      } catch (error) {
        warnings.push(v.detectedUnusable(stated.source, (error as Error).message));
      }
    }
    if (useDefaults || spec.neverAsked) {
      known[spec.key] = proposal.value;
      origins[spec.key] = proposal.origin;
    } else {
      toAsk.push(proposal);
    }
  }
  return { known: known as Partial<Answers>, origins, toAsk, warnings };
}

/**
 * What .yo-rc.json keeps: what the user chose. A flag, or a typed answer that differs from what the
 * question offered (the project's value or the default): pressing Enter accepts, it does not choose,
 * so the next run offers what the project states then.
 */
export function userChoices(answers: Partial<Answers>, origins: Partial<Record<AnswerKey, Origin>>, asked: readonly Proposal[]): Partial<Answers> {
  const chosen: Record<string, unknown> = {};
  for (const [key, origin] of Object.entries(origins) as Array<[AnswerKey, Origin]>) {
    if (origin.kind === 'flag') chosen[key] = answers[key];
    if (origin.kind === 'asked') {
      const proposal = asked.find((p) => p.spec.key === key);
      if (!proposal || proposal.value !== answers[key]) chosen[key] = answers[key];
    }
  }
  return chosen as Partial<Answers>;
}

function parseWith(spec: AnswerSpec, raw: unknown, wrap: (message: string) => string): unknown {
  try {
    return spec.parse(raw);
  } catch (error) {
    throw new UsageError(wrap((error as Error).message));
  }
}
