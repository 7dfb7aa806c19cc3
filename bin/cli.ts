#!/usr/bin/env node
/**
 * Runs a sub-generator without yo: `npx generator-python-docker [app|dockerfile|dockerignore|multistage|compose] [options]`.
 * It registers only its own generator (no lookup of every installed generator) and turns a
 * usage error into one line on stderr and exit code 1.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command, CommanderError, Option } from 'commander';
import { isUsageError } from '../lib/errors.js';
import { languageFromLocale, messagesFor } from '../lib/messages/index.js';
import { forTerminal } from '../lib/messages/terminal.js';
import { specsFor } from '../lib/state/answers.js';
import { BIN_CONTEXT, type BinContext, INERT_YEOMAN_OPTIONS, SUB_GENERATORS } from '../lib/yeoman/base-generator.js';

const PROGRAM = 'generator-python-docker';
/** Set by create-python-docker: the name and usage its --help shows. */
const USAGE = Symbol.for('generator-python-docker.usage');

/** The value of --lang on the command line, if any. */
function langFlag(argv: string[]): string | undefined {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  return at < 0 ? undefined : argv[at].includes('=') ? argv[at].slice('--lang='.length) : argv[at + 1];
}

/** Errors before a generator runs are in the language the run would use: --lang, else the locale. */
function earlyLanguage(argv: string[]): string {
  const raw = langFlag(argv);
  if (raw && /^zh([-_]cn)?$/i.test(raw)) return 'zh-CN';
  if (raw && /^en$/i.test(raw)) return 'en';
  return languageFromLocale();
}
const texts = () => messagesFor(earlyLanguage(process.argv.slice(2))).cli;

function fail(message: string): never {
  process.stderr.write(`${forTerminal(`${texts().errors.prefix(PROGRAM)}${message}`)}\n`);
  process.exit(1);
}

/**
 * What the user types to run this bin again, for the commands a run prints: `npx
 * generator-python-docker` through a node_modules/.bin link (a project's install, npx's cache) or
 * npm create, `generator-python-docker` through a global install's link on PATH, else
 * `node <path>` (a clone).
 */
function invocation(): string {
  const script = process.argv[1] ?? '';
  if ((globalThis as Record<symbol, unknown>)[USAGE]) return `npx ${PROGRAM}`;
  if (basename(script) === PROGRAM) return dirname(script).endsWith(`node_modules${sep}.bin`) ? `npx ${PROGRAM}` : PROGRAM;
  const path = resolve(script);
  return `node ${/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`}`;
}

const context: BinContext = { invocation: invocation() };
(globalThis as Record<symbol, unknown>)[BIN_CONTEXT] = context;

/**
 * `--cwd DIR`: run in DIR, created when missing. Handled here because the environment's own
 * --cwd flag takes no value. A folder this bin created is removed again when the run ends with
 * nothing in it (an unknown option, an invalid value, --dry-run): a failed run leaves no trace.
 */
function takeCwd(argv: string[]): void {
  const at = argv.findIndex((arg) => arg === '--cwd' || arg.startsWith('--cwd='));
  if (at < 0) return;
  const [flag] = argv.splice(at, 1);
  const dir = flag.includes('=') ? flag.slice('--cwd='.length) : argv.splice(at, 1)[0];
  if (!dir) fail(texts().errors.cwdNeedsFolder);
  if (!existsSync(dir)) {
    context.newFolder = dir;
    const target = resolve(dir);
    const first = mkdirSync(target, { recursive: true });
    if (first) process.on('exit', () => removeIfEmpty(target, first));
  }
  process.chdir(dir);
}

/** Removes `target` and its parents up to `first` (the folders mkdir created), while they are empty. */
function removeIfEmpty(target: string, first: string): void {
  const created = relative(first, target).split(sep).filter(Boolean);
  for (let depth = created.length; depth >= 0; depth--) {
    const folder = join(first, ...created.slice(0, depth));
    try {
      if (readdirSync(folder).length > 0) return;
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}

/** Options that take a value: the word after one of them is that value, never the sub-command. */
function valueOptions(): Set<string> {
  const answers = Object.values(specsFor('en')).filter((spec) => !spec.boolean).map((spec) => `--${spec.option}`);
  return new Set([...answers, '--server', '--stage', '--cwd']);
}

/**
 * The sub-command, wherever it stands among the options (`--defaults multistage`,
 * `--lang=zh-CN multistage --help`): the first word that is neither an option nor an option's
 * value. Taken out of argv; `app` when there is none.
 */
function takeSubCommand(argv: string[]): string {
  const takesValue = valueOptions();
  for (let at = 0; at < argv.length; at++) {
    const arg = argv[at];
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (!arg.includes('=') && takesValue.has(arg)) at++;
      continue;
    }
    argv.splice(at, 1);
    return arg;
  }
  return 'app';
}

/** This package's version, from its package.json (two folders up from dist/bin/cli.js). */
function packageVersion(): string {
  const manifest = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** commander's own errors, as one line in the run's language, like every other error. */
function commanderMessage(error: CommanderError): string {
  const { errors } = texts();
  const message = error.message.replace(/^error: /, '');
  switch (error.code) {
    case 'commander.unknownOption': {
      const unknown = /unknown option '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/.exec(message);
      if (unknown) return errors.unknownOption(unknown[1], unknown[2]);
      break;
    }
    case 'commander.optionMissingArgument': {
      const option = /option '(--?[\w-]+)/.exec(message);
      if (option) return errors.optionNeedsValue(option[1]);
      break;
    }
    case 'commander.excessArguments':
      return errors.unexpectedArguments(program?.args ?? [], SUB_GENERATORS);
  }
  return errors.commandLine(message);
}

/** The command being parsed: its leftover words name an excess-arguments error. */
let program: Command | undefined;

/**
 * Start-up: yeoman-environment imports fly-import, which imports npm's installer
 * (@npmcli/arborist, with pacote, sigstore and tar: about a seventh of this bin's start-up) to
 * install generators on the fly, which this bin never asks for. The import finds a lazy
 * stand-in put in the CommonJS cache under arborist's path; a `new Arborist()`, if one ever
 * comes, loads the real one. Best effort: when a path does not resolve, nothing changes.
 */
function deferArborist(): void {
  try {
    const environment = createRequire(import.meta.url).resolve('yeoman-environment');
    const flyImport = createRequire(environment).resolve('fly-import');
    const require = createRequire(flyImport);
    const path = require.resolve('@npmcli/arborist');
    if (require.cache[path]) return;
    let Real: (new (...args: unknown[]) => object) | undefined;
    const stub = new Module(path);
    stub.filename = path;
    stub.loaded = true;
    stub.exports = class LazyArborist {
      constructor(...args: unknown[]) {
        if (!Real) {
          delete require.cache[path];
          Real = require(path) as new (...args: unknown[]) => object;
        }
        return new Real(...args);
      }
    };
    require.cache[path] = stub;
  } catch {
    // start-up stays as it is
  }
}

async function main(argv: string[]): Promise<void> {
  takeCwd(argv);
  const sub = takeSubCommand(argv);
  context.helpRequested = argv.includes('--help') || argv.includes('-h');
  // The help instance is built before commander reads the options: it learns --lang from here.
  if (langFlag(argv) !== undefined) context.lang = earlyLanguage(argv);
  if (!SUB_GENERATORS.includes(sub)) {
    fail(texts().errors.unknownSubGenerator(sub, SUB_GENERATORS));
  }
  const resolved = join(dirname(fileURLToPath(import.meta.url)), '..', 'generators', sub, 'index.js');
  deferArborist();
  const { prepareCommand } = await import('yeoman-environment');
  const command = await prepareCommand({ resolved, namespace: `python-docker:${sub}` });
  program = command;
  const usage = (globalThis as Record<symbol, { name: string; usage: string } | undefined>)[USAGE];
  const cli = texts();
  command.name(usage ? usage.name : `${PROGRAM} ${sub}`);
  if (usage) command.usage(usage.usage);
  command.helpOption('-h, --help', cli.options.help);
  command.version(packageVersion(), '-v, --version', cli.options.version);
  // --cwd is the bin's own (it takes a folder); Yeoman's other options get this language's words.
  (command.options as Option[]).splice(command.options.findIndex((option) => option.long === '--cwd'), 1);
  command.option('--cwd <folder>', cli.envOptions['--cwd']);
  for (const option of command.options) {
    const translated = option.long ? cli.envOptions[option.long] : undefined;
    if (translated) option.description = translated;
    // Accepted (scripts pass them out of habit) but not listed: they change nothing here.
    if (option.long && INERT_YEOMAN_OPTIONS.includes(option.long.slice(2))) option.hideHelp();
  }
  command.configureHelp({
    optionDescription: (option) =>
      option.defaultValue === undefined || option.defaultValue === false
        ? option.description
        : `${option.description} ${cli.helpWords.defaultValue(String(option.defaultValue))}`,
  });
  command.configureOutput({
    writeOut: (text) => process.stdout.write(text.replace(/^Usage:/m, cli.helpWords.usage).replace(/^Options:$/m, cli.helpWords.options)),
    // Said in the catch below, from the error's code, in the run's language.
    outputError: () => undefined,
  });
  const subCommands = () => {
    const width = Math.max(...SUB_GENERATORS.map((name) => name.length));
    return SUB_GENERATORS.map((name) => `  ${name.padEnd(width)}  ${cli.binHelp.descriptions[name]}`).join('\n');
  };
  command.addHelpText('after', `\n${cli.helpWords.valuesLegend}${usage ? '' : `\n\n${cli.binHelp.subCommands}\n${subCommands()}\n\n${cli.binHelp.perCommand(PROGRAM)}`}`);
  command.exitOverride();
  await command.parseAsync(argv, { from: 'user' });
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exit(0);
  if (code?.startsWith('commander.')) fail(commanderMessage(error as CommanderError));
  if (isUsageError(error)) fail(error.message);
  if ((error as Error).name === 'ExitPromptError') fail(texts().errors.cancelled);
  fail(error instanceof Error ? error.message : String(error));
}
