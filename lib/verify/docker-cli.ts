/**
 * The user's docker CLI, as `--verify` calls it: the `docker` found on PATH, with the user's
 * environment (DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG), exactly as typing `docker` would.
 * Every call is an argument array handed to the program (no shell), and every call is bounded.
 * Unit tests hand verify() a fake that answers from a script instead.
 */
import { spawn } from 'node:child_process';

export interface DockerResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time in milliseconds. */
  ms: number;
  timedOut: boolean;
  /** No `docker` program on PATH (ENOENT). */
  missing: boolean;
}

export interface DockerCallOptions {
  timeoutMs: number;
  /** Variables added to the environment of this call only. */
  env?: Record<string, string>;
  /** Each complete line of stderr as it comes (BuildKit's progress goes there). */
  onStderrLine?: (line: string) => void;
}

/** What verify needs from docker: run it with these arguments. */
export interface DockerCli {
  run(args: readonly string[], options: DockerCallOptions): Promise<DockerResult>;
}

/** Output kept per stream: a build log can be long, the end matters most. */
const MAX_KEEP = 8 * 1024 * 1024;

/** The docker on PATH, run in `cwd` with `env` (default: this process's). */
export function systemDocker(cwd: string, env: NodeJS.ProcessEnv = process.env): DockerCli {
  return {
    run: (args, options) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn('docker', [...args], { cwd, env: options.env ? { ...env, ...options.env } : env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
        let stdout = '';
        let stderr = '';
        let pending = '';
        let missing = false;
        let timedOut = false;
        const keep = (kept: string, chunk: string) => (kept.length + chunk.length > MAX_KEEP ? (kept + chunk).slice(-MAX_KEEP) : kept + chunk);
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout = keep(stdout, chunk)));
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
          stderr = keep(stderr, chunk);
          if (!options.onStderrLine) return;
          pending += chunk;
          const lines = pending.split(/\r?\n/);
          pending = lines.pop() ?? '';
          for (const line of lines) options.onStderrLine(line);
        });
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, options.timeoutMs);
        child.on('error', (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') missing = true;
          stderr += error.message;
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          if (pending && options.onStderrLine) options.onStderrLine(pending);
          resolve({ code: missing ? null : code, stdout, stderr, ms: Date.now() - started, timedOut, missing });
        });
      }),
  };
}
