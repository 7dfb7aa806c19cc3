/**
 * Runs the package's bin as a user does: in a real terminal (util-linux `script` gives it a
 * pseudo-terminal, as cancel.test.ts does), typing answers when a question shows, or with no
 * terminal at all (stdin closed, as in CI and scripts). Asynchronous, so independent runs can
 * overlap.
 */
import { spawn } from 'node:child_process';
import { CLI } from './paths.js';

export interface Run {
  code: number | null;
  /** What the user saw: stdout and stderr, with the terminal's escape sequences removed. */
  output: string;
}

/** A key typed when the text shows on screen (after the previous step's text). */
export interface Keystroke {
  when: string | RegExp;
  keys: string;
}

export const ENTER = '\r';
export const DOWN = '\x1b[B';

/** The environment of a run: English, whatever the machine's locale. */
export function runEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...extra };
}

const ESCAPES = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][AB0-2]|\r/g;

export function plain(text: string): string {
  return text.replace(ESCAPES, '');
}

function quote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The bin with no terminal: stdin is closed. */
export function runBin(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: runEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code, output }));
  });
}

/**
 * A command line (as a run printed it) in a pseudo-terminal, typing each keystroke when its text
 * shows. A run still waiting after `timeoutMs` is killed (code null): a question nobody expected.
 */
export function inTerminal(command: string, cwd: string, keystrokes: Keystroke[] = [], timeoutMs = 60_000, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd, env: runEnv(env), detached: true });
    let raw = '';
    let step = 0;
    let from = 0;
    const typeWhenShown = () => {
      while (step < keystrokes.length) {
        const screen = plain(raw).slice(from);
        const { when, keys } = keystrokes[step];
        const at = typeof when === 'string' ? screen.indexOf(when) : screen.search(when);
        if (at < 0) return;
        from += at + 1;
        step += 1;
        // inquirer reads keys once the question is drawn: give it a moment.
        setTimeout(() => child.stdin.write(keys), 150);
      }
    };
    child.stdout.on('data', (chunk: Buffer) => {
      raw += chunk.toString();
      typeWhenShown();
    });
    const timer = setTimeout(() => {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output: plain(raw) });
    });
  });
}

/** The bin in a pseudo-terminal. */
export function binInTerminal(args: string[], cwd: string, keystrokes: Keystroke[] = [], timeoutMs?: number): Promise<Run> {
  return inTerminal([process.execPath, CLI, ...args].map(quote).join(' '), cwd, keystrokes, timeoutMs);
}

/** Runs tasks with at most `limit` at a time (bin runs are CPU-bound: two cores). */
export async function pooled<T>(tasks: Array<() => Promise<T>>, limit = 3): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
