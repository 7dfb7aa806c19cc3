/** Small helpers shared by the benchmark's parts: timed commands, statistics, Markdown tables. */
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BENCH_DIR = join(REPO_ROOT, 'bench');

/** Progress goes to stderr; stdout carries only the report. */
export function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

export interface Timed {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock time of the command, in milliseconds. */
  wallMs: number;
  /** user + system CPU time of the command and every process it waited for, in milliseconds (Linux), else NaN. */
  cpuMs: number;
  error?: Error;
}

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU time of this process's waited-for children (cutime + cstime from /proc/self/stat), in ms. */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", field 3 is state; cutime and cstime are fields 16 and 17 of the line.
    const cutime = Number(fields[13]);
    const cstime = Number(fields[14]);
    return ((cutime + cstime) * 1000) / ticksPerSecond();
  } catch {
    return Number.NaN;
  }
}

/** Runs a command to completion and measures it: wall clock and the CPU time of its process tree. */
export function timed(command: string, args: readonly string[], options: SpawnSyncOptions = {}): Timed {
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  const run = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpuMs = childrenCpuMs() - cpu0;
  return {
    code: run.status,
    signal: run.signal,
    stdout: String(run.stdout ?? ''),
    stderr: String(run.stderr ?? ''),
    wallMs,
    cpuMs,
    error: run.error,
  };
}

/** Runs a command that must succeed; returns its stdout. */
export function mustRun(command: string, args: readonly string[], options: SpawnSyncOptions = {}): string {
  const run = timed(command, args, options);
  if (run.code !== 0) {
    const output = `${run.stdout}\n${run.stderr}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${run.code ?? run.signal}${run.error ? `, ${run.error.message}` : ''}):\n${output}`);
  }
  return run.stdout;
}

export function median(values: readonly number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${Math.round(value).toLocaleString('en-US')} ms`);
export const seconds = (valueMs: number, digits = 2): string => (Number.isNaN(valueMs) ? 'n/a' : `${(valueMs / 1000).toFixed(digits)} s`);
export const ratio = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(2)}x`);
export const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;

/** A Markdown table; cells may not contain newlines, pipes are escaped. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The machine the numbers come from, and how busy it was. */
export function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
}
