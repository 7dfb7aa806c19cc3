/**
 * What a run prints, where a user of a command-line tool expects it: normal output (the values,
 * the file status lines, each step) on stdout, so `> log` and `| less` capture it; warnings and
 * errors on stderr. Yeoman's terminal logger writes everything to stderr, and its file status
 * words are English: both are changed here, on the run's own adapter, under yo and the bin alike
 * (yeoman-test's adapter is left as it is).
 */
import { format, styleText } from 'node:util';
import type { FileStatus } from '../messages/cli-types.js';
import { forTerminal } from '../messages/terminal.js';

type Logger = ((...args: unknown[]) => unknown) & Record<string | symbol, unknown>;
interface AdapterLike {
  log: Logger;
  actualAdapter?: { log: Logger };
  queueLog?: (write: () => void) => Promise<unknown>;
}

const ROUTED = Symbol.for('generator-python-docker.routed');
const STATUSES: readonly FileStatus[] = ['create', 'update', 'merge', 'force', 'identical', 'conflict', 'skip'];
const COLORS: Record<FileStatus, Parameters<typeof styleText>[0]> = {
  create: 'green',
  update: 'yellow',
  merge: 'yellow',
  force: 'yellow',
  identical: 'cyan',
  conflict: 'red',
  skip: 'yellow',
};

/** Columns a string takes in a terminal: CJK characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

function colored(stream: NodeJS.WriteStream, color: Parameters<typeof styleText>[0], text: string): string {
  return stream.isTTY && !process.env.NO_COLOR ? styleText(color, text) : text;
}

/**
 * Sends the terminal adapter's output to stdout (Yeoman's logger writes to stderr). The adapter
 * queues its writes; the logger it calls at write time is replaced, so the order is kept.
 */
export function routeToStdout(adapter: AdapterLike): void {
  const actual = adapter.actualAdapter ?? adapter;
  const old = actual.log;
  if (!old || old[ROUTED]) return;
  const out = process.stdout;
  const log = ((...args: unknown[]) => {
    out.write(`${format(...args)}\n`);
    return log;
  }) as Logger;
  Object.assign(log, old, {
    write(this: Logger, ...args: unknown[]) {
      out.write(format(...args));
      return this;
    },
    [ROUTED]: true,
  });
  actual.log = log;
}

/** A warning, on stderr, in its place among the queued output. */
export function writeWarning(adapter: AdapterLike, line: string): void {
  const write = () => void process.stderr.write(`${line}\n`);
  if (adapter.queueLog) void adapter.queueLog(write);
  else write();
}

/**
 * The file status lines ("create Dockerfile") in the run's words, right-aligned like Yeoman's.
 * `words` is asked at print time: the language is settled only once the questions are answered.
 * `rename` lets a status be shown as another (a new .yo-rc.json is "created", not "forced").
 */
export function localizeStatuses(adapter: AdapterLike, words: () => Record<FileStatus, string>, rename: (status: FileStatus, path: string) => FileStatus): void {
  const log = adapter.log;
  for (const status of STATUSES) {
    log[status] = function (this: Logger, path: unknown) {
      const shown = rename(status, String(path));
      const all = words();
      const width = Math.max(...Object.values(all).map(displayWidth));
      const word = all[shown];
      const padded = `${' '.repeat(width - displayWidth(word))}${colored(process.stdout, COLORS[shown], word)}`;
      (this.write as (text: string) => unknown).call(this, `${padded} ${forTerminal(String(path))}\n`);
      return this;
    };
  }
}
