/**
 * Part 1: generator latency. The full `app` scaffold with --defaults, through yo 7 and through
 * the package's bin, each against a floor measured in the same run and run the same way: an
 * empty generator that writes one file (bench/floor/generator-floor), with its own bin that does
 * what bin/cli.ts does.
 *
 * Both packages are installed from their `npm pack` tarballs, next to yo 7, into one temporary
 * prefix (as test/smoke/pack.test.ts does), so they share one copy of yeoman-environment and
 * yeoman-generator. yo refuses root, so when the benchmark runs as root every command (the bins
 * too, so that bin and yo pay the same wrapper) runs as `nobody` through runuser, with
 * NODE_PATH pointing at the prefix (that is how yo finds the generators).
 */
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, log, median, mustRun, REPO_ROOT, timed } from './lib.js';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

export interface Sample {
  wallMs: number[];
  cpuMs: number[];
}

export interface LatencyResult {
  runs: number;
  /** Samples by runner (bin, yo) and generator (app, floor). */
  samples: Record<Runner, Record<Generator, Sample>>;
  /** Where the tarballs and yo were installed (the images part reuses the installed bin). */
  prefix: string;
  installSeconds: number;
  asUser: string;
  /** Files each generator wrote in its last run. */
  files: Record<Generator, number>;
}

export type Runner = 'bin' | 'yo';
export type Generator = 'app' | 'floor';

interface Command {
  runner: Runner;
  generator: Generator;
  argv: string[];
  /** A file the run must have written. */
  expects: string;
}

/** Packs the package and the floor, installs both with yo 7 into a fresh prefix under `work`. */
export function install(work: string): { prefix: string; seconds: number } {
  const t0 = Date.now();
  log('npm pack generator-python-docker (built by `npm run bench`) and the floor generator');
  const pack = (cwd: string) =>
    mustRun('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], { cwd }).trim().split('\n').at(-1)!;
  if (!existsSync(join(REPO_ROOT, 'dist', 'bin', 'cli.js'))) throw new Error('dist/ is missing: run `npm run bench` (it builds first)');
  const mainTarball = pack(REPO_ROOT);
  const floorTarball = pack(join(BENCH_DIR, 'floor', 'generator-floor'));
  const prefix = join(work, 'prefix');
  mkdirSync(prefix);
  log('npm install both tarballs and yo@7 into a temporary prefix');
  mustRun('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, join(work, mainTarball), join(work, floorTarball), 'yo@7'], {
    cwd: work,
  });
  return { prefix, seconds: (Date.now() - t0) / 1000 };
}

export function measureLatency(work: string, prefix: string, runs: number, installSeconds: number): LatencyResult {
  const home = join(work, 'home');
  const runsDir = join(work, 'runs');
  mkdirSync(home);
  mkdirSync(runsDir);
  chmodSync(runsDir, 0o755);
  if (isRoot) chownSync(home, NOBODY, NOBODY);
  const bin = (name: string) => join(prefix, 'node_modules', '.bin', name);
  const commands: Command[] = [
    { runner: 'bin', generator: 'app', argv: [bin('generator-python-docker'), '--defaults'], expects: 'WORKSHOP.md' },
    { runner: 'bin', generator: 'floor', argv: [bin('generator-floor'), '--defaults'], expects: 'floor.txt' },
    { runner: 'yo', generator: 'app', argv: [bin('yo'), 'python-docker', '--defaults', '--no-insight'], expects: 'WORKSHOP.md' },
    { runner: 'yo', generator: 'floor', argv: [bin('yo'), 'floor', '--defaults', '--no-insight'], expects: 'floor.txt' },
  ];
  const environment = {
    HOME: home,
    NODE_PATH: join(prefix, 'node_modules'),
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // Same for every command; keeps yo from checking the registry for a newer yo in the background.
    NO_UPDATE_NOTIFIER: '1',
  };
  let counter = 0;
  const files: Record<Generator, number> = { app: 0, floor: 0 };
  const runOnce = (command: Command) => {
    const out = join(runsDir, `${command.runner}-${command.generator}-${counter++}`);
    mkdirSync(out);
    if (isRoot) chownSync(out, NOBODY, NOBODY);
    const [program, ...args] = command.argv;
    const run = isRoot
      ? timed('runuser', ['-u', 'nobody', '--', 'env', ...Object.entries(environment).map(([key, value]) => `${key}=${value}`), program, ...args], { cwd: out, input: '' })
      : timed(program, args, { cwd: out, input: '', env: { ...process.env, ...environment } });
    const written = readdirSync(out);
    rmSync(out, { recursive: true, force: true });
    if (run.code !== 0 || !written.includes(command.expects)) {
      throw new Error(
        `${command.runner} ${command.generator} failed (exit ${run.code ?? run.signal}, wrote ${written.join(', ') || 'nothing'}):\n${(run.stdout + run.stderr).trim().split('\n').slice(-20).join('\n')}`,
      );
    }
    files[command.generator] = written.length;
    return run;
  };

  const samples = {
    bin: { app: { wallMs: [], cpuMs: [] }, floor: { wallMs: [], cpuMs: [] } },
    yo: { app: { wallMs: [], cpuMs: [] }, floor: { wallMs: [], cpuMs: [] } },
  } as Record<Runner, Record<Generator, Sample>>;

  log(`latency: 1 warm-up round, then ${runs} rounds of 4 commands (bin app, bin floor, yo app, yo floor), order rotated each round`);
  for (const command of commands) runOnce(command);
  for (let round = 0; round < runs; round++) {
    const order = commands.map((_, i) => commands[(i + round) % commands.length]);
    for (const command of order) {
      const run = runOnce(command);
      samples[command.runner][command.generator].wallMs.push(run.wallMs);
      samples[command.runner][command.generator].cpuMs.push(run.cpuMs);
    }
    const line = commands.map((c) => `${c.runner} ${c.generator} ${Math.round(samples[c.runner][c.generator].wallMs.at(-1)!)} ms`).join(', ');
    log(`  round ${round + 1}/${runs}: ${line}`);
  }
  return { runs, samples, prefix, installSeconds, files, asUser: isRoot ? 'nobody (runuser; the benchmark runs as root and yo refuses root)' : 'the current user' };
}

export function makeWorkDir(base: string): string {
  const work = mkdtempSync(join(base, 'pydocker-bench-'));
  chmodSync(work, 0o755);
  return work;
}

export const medians = (sample: Sample) => ({ wall: median(sample.wallMs), cpu: median(sample.cpuMs) });
