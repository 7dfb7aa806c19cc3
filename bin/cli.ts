#!/usr/bin/env node
/**
 * Runs a sub-generator without yo: `npx generator-python-docker [app|dockerfile|dockerignore|multistage] [options]`.
 * It registers only its own generator (no lookup of every installed generator) and turns a
 * usage error into one line on stderr and exit code 1.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareCommand } from 'yeoman-environment';
import { isUsageError } from '../lib/errors.js';

const SUB_GENERATORS = ['app', 'dockerfile', 'dockerignore', 'multistage'];
const PROGRAM = 'generator-python-docker';

function fail(message: string): never {
  process.stderr.write(`${PROGRAM}: error: ${message}\n`);
  process.exit(1);
}

/**
 * `--cwd DIR`: run in DIR, created when missing. Handled here because the environment's own
 * --cwd flag takes no value.
 */
function takeCwd(argv: string[]): void {
  const at = argv.findIndex((arg) => arg === '--cwd' || arg.startsWith('--cwd='));
  if (at < 0) return;
  const [flag] = argv.splice(at, 1);
  const dir = flag.includes('=') ? flag.slice('--cwd='.length) : argv.splice(at, 1)[0];
  if (!dir) fail('--cwd needs a folder');
  mkdirSync(dir, { recursive: true });
  process.chdir(dir);
}

async function main(argv: string[]): Promise<void> {
  takeCwd(argv);
  const first = argv[0];
  const sub = first && !first.startsWith('-') ? argv.shift()! : 'app';
  if (!SUB_GENERATORS.includes(sub)) {
    fail(`unknown sub-generator "${sub}": use one of ${SUB_GENERATORS.join(', ')}`);
  }
  const resolved = join(dirname(fileURLToPath(import.meta.url)), '..', 'generators', sub, 'index.js');
  const command = await prepareCommand({ resolved, namespace: `python-docker:${sub}` });
  command.name(`${PROGRAM} ${sub}`);
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
  if ((error as Error).name === 'ExitPromptError') fail('cancelled: no answer was given, nothing was written');
  fail(error instanceof Error ? error.message : String(error));
}
