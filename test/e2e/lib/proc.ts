/**
 * Child processes with a hard time limit: every wait in the e2e tier is bounded.
 */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';

export interface RunResult {
  /** The command line, for messages. */
  cmd: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time in milliseconds. */
  ms: number;
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Hard limit: the whole process group is killed when it is reached. */
  timeoutMs: number;
  input?: string;
  /** Append stdout and stderr (as they come) to this file. */
  logFile?: string;
  /** Also copy stderr, line by line with this prefix, to our stderr (long set-up steps). */
  echoStderr?: string;
}

const MAX_KEEP = 32 * 1024 * 1024;

export function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function run(cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const line = [cmd, ...args].map(quote).join(' ');
  const started = Date.now();
  if (opts.logFile) appendFileSync(opts.logFile, `\n$ ${line}\n`);
  return new Promise((resolve) => {
    // detached: own process group, so a timeout kills the command and everything it started.
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let pendingEcho = '';
    const keep = (buf: string, chunk: string) => (buf.length > MAX_KEEP ? buf : buf + chunk);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout = keep(stdout, chunk);
      if (opts.logFile) appendFileSync(opts.logFile, chunk);
    });
    child.stderr.on('data', (chunk: string) => {
      stderr = keep(stderr, chunk);
      if (opts.logFile) appendFileSync(opts.logFile, chunk);
      if (opts.echoStderr !== undefined) {
        pendingEcho += chunk;
        const lines = pendingEcho.split('\n');
        pendingEcho = lines.pop() ?? '';
        for (const l of lines) process.stderr.write(`${opts.echoStderr}${l}\n`);
      }
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, opts.timeoutMs);
    child.on('error', (error) => {
      stderr += `\n[spawn error] ${error.message}`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (opts.echoStderr !== undefined && pendingEcho) process.stderr.write(`${opts.echoStderr}${pendingEcho}\n`);
      const ms = Date.now() - started;
      if (opts.logFile) appendFileSync(opts.logFile, `\n[exit ${code ?? signal} after ${(ms / 1000).toFixed(1)}s${timedOut ? ', TIMED OUT' : ''}]\n`);
      resolve({ cmd: line, code, signal, stdout, stderr, ms, timedOut });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/** The last lines of a command's output, for an assertion message. */
export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export function describeFailure(r: RunResult, lines = 40): string {
  const why = r.timedOut ? `timed out after ${(r.ms / 1000).toFixed(0)}s` : `exit ${r.code ?? r.signal}`;
  return `${r.cmd}\n  -> ${why}\n--- stdout (tail) ---\n${tail(r.stdout, lines)}\n--- stderr (tail) ---\n${tail(r.stderr, lines)}`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Memoizes an async function: one run, its result (or its error) shared by every caller. */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => {
    promise ??= fn();
    return promise;
  };
}

export const seconds = (ms: number) => Math.round(ms / 100) / 10;

/** A loopback port nobody listens on now: each run gets its own, so two runs cannot collide. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
