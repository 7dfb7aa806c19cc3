#!/usr/bin/env node
/**
 * Runs a sub-generator without yo: `npx generator-python-docker [app|dockerfile|dockerignore|multistage|compose] [options]`.
 * It registers only its own generator (no lookup of every installed generator) and turns a
 * usage error into one line on stderr and exit code 1.
 */
import { mkdirSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import type { Option } from 'commander';
import { isUsageError } from '../lib/errors.js';
import { languageFromLocale, messagesFor } from '../lib/messages/index.js';
import { forTerminal } from '../lib/messages/terminal.js';
import { BIN_CONTEXT, type BinContext } from '../lib/yeoman/base-generator.js';

const SUB_GENERATORS = ['app', 'dockerfile', 'dockerignore', 'multistage', 'compose'];
const PROGRAM = 'generator-python-docker';
/** Set by create-python-docker: the name and usage its --help shows. */
const USAGE = Symbol.for('generator-python-docker.usage');

/** Errors before a generator runs are in the language the run would use: --lang, else the locale. */
function earlyLanguage(argv: string[]): string {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const raw = at < 0 ? undefined : argv[at].includes('=') ? argv[at].slice('--lang='.length) : argv[at + 1];
  if (raw && /^zh([-_]cn)?$/i.test(raw)) return 'zh-CN';
  if (raw && /^en$/i.test(raw)) return 'en';
  return languageFromLocale();
}
const texts = () => messagesFor(earlyLanguage(process.argv.slice(2))).cli;

function fail(message: string): never {
  process.stderr.write(`${forTerminal(`${texts().errors.prefix(PROGRAM)}${message}`)}\n`);
  process.exit(1);
}

const context: BinContext = {};
(globalThis as Record<symbol, unknown>)[BIN_CONTEXT] = context;

/**
 * `--cwd DIR`: run in DIR, created when missing. Handled here because the environment's own
 * --cwd flag takes no value.
 */
function takeCwd(argv: string[]): void {
  const at = argv.findIndex((arg) => arg === '--cwd' || arg.startsWith('--cwd='));
  if (at < 0) return;
  const [flag] = argv.splice(at, 1);
  const dir = flag.includes('=') ? flag.slice('--cwd='.length) : argv.splice(at, 1)[0];
  if (!dir) fail(texts().errors.cwdNeedsFolder);
  if (!existsSync(dir)) context.newFolder = dir;
  mkdirSync(dir, { recursive: true });
  process.chdir(dir);
}

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
  const first = argv[0];
  const sub = first && !first.startsWith('-') ? argv.shift()! : 'app';
  if (!SUB_GENERATORS.includes(sub)) {
    fail(texts().errors.unknownSubGenerator(sub, SUB_GENERATORS));
  }
  const resolved = join(dirname(fileURLToPath(import.meta.url)), '..', 'generators', sub, 'index.js');
  deferArborist();
  const { prepareCommand } = await import('yeoman-environment');
  const command = await prepareCommand({ resolved, namespace: `python-docker:${sub}` });
  const usage = (globalThis as Record<symbol, { name: string; usage: string } | undefined>)[USAGE];
  const cli = texts();
  command.name(usage ? usage.name : `${PROGRAM} ${sub}`);
  if (usage) command.usage(usage.usage);
  command.helpOption('-h, --help', cli.options.help);
  // --cwd is the bin's own (it takes a folder); Yeoman's other options get this language's words.
  (command.options as Option[]).splice(command.options.findIndex((option) => option.long === '--cwd'), 1);
  command.option('--cwd <folder>', cli.envOptions['--cwd']);
  for (const option of command.options) {
    const translated = option.long ? cli.envOptions[option.long] : undefined;
    if (translated) option.description = translated;
  }
  command.configureHelp({
    optionDescription: (option) =>
      option.defaultValue === undefined ? option.description : `${option.description} ${cli.helpWords.defaultValue(String(option.defaultValue))}`,
  });
  command.configureOutput({
    writeOut: (text) => process.stdout.write(text.replace(/^Usage:/m, cli.helpWords.usage).replace(/^Options:$/m, cli.helpWords.options)),
    // commander's own errors, as one line in the run's language like every other error.
    outputError: (text, write) => {
      const unknown = /^error: unknown option '([^']+)'(?:\s*\(Did you mean ([^?]+)\?\))?/.exec(text.trim());
      const message = unknown ? cli.errors.unknownOption(unknown[1], unknown[2]) : text.trim().replace(/^error: /, '');
      write(`${cli.errors.prefix(PROGRAM)}${message}\n`);
    },
  });
  if (!usage) {
    const width = Math.max(...SUB_GENERATORS.map((name) => name.length));
    const list = SUB_GENERATORS.map((name) => `  ${name.padEnd(width)}  ${cli.binHelp.descriptions[name]}`).join('\n');
    command.addHelpText('after', `\n${cli.binHelp.subCommands}\n${list}\n\n${cli.binHelp.perCommand(PROGRAM)}`);
  }
  command.exitOverride();
  await command.parseAsync(argv, { from: 'user' });
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version') process.exit(0);
  if (code?.startsWith('commander.')) process.exit(1); // commander already printed its one line
  if (isUsageError(error)) fail(error.message);
  if ((error as Error).name === 'ExitPromptError') fail(texts().errors.cancelled);
  fail(error instanceof Error ? error.message : String(error));
}
