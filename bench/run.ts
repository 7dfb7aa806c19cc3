/**
 * `npm run bench`: generator latency against a floor, and the generated images against the
 * original note's Dockerfiles and a docker-init-style one. Not part of the tests. Prints a
 * Markdown report and writes it to bench/results/latest.md (see bench/README.md).
 *
 *   npm run bench [-- --runs 9] [--rebuilds 3] [--skip-latency] [--skip-images] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { type ImagesResult, measureImages, medianRebuild, type VariantResult } from './images.js';
import type { InstallPassResult, InstallPassRow } from './install-pass.js';
import { install, type LatencyResult, makeWorkDir, measureLatency, medians } from './latency.js';
import { BENCH_DIR, loadAverage, log, markdownTable, megabytes, ms, mustRun, ratio, REPO_ROOT, seconds } from './lib.js';

const TARGET_RATIO = 1.15;
const TARGET_REBUILD_MS = 1000;
const TARGET_STOP_MS = 1000;
const TARGET_MULTISTAGE_COLD_RATIO = 1.5;
/** Issue 21's targets against the docker-init-style peer, per project. */
const TARGET_DEP_CHANGE_RATIO = 0.5;
const TARGET_COLD_RATIO = 0.7;

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.BENCH_RUNS ?? '9' },
    rebuilds: { type: 'string', default: process.env.BENCH_REBUILDS ?? '3' },
    'skip-latency': { type: 'boolean', default: false },
    'skip-images': { type: 'boolean', default: false },
    only: { type: 'string', default: '' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: join(BENCH_DIR, 'results', 'latest.md') },
  },
});
const runs = Math.max(1, Number(options.runs));
const rebuilds = Math.max(1, Number(options.rebuilds));

const verdict = (met: boolean) => (met ? '**met**' : '**missed**');

/** The exact difference in image size, in kB: 126.2 MB against 126.2 MB can still differ. */
function sizeDifference(ours: number | undefined, peer: number | undefined): string {
  if (ours === undefined || peer === undefined) return '?';
  const kB = (ours - peer) / 1000;
  return `${kB >= 0 ? '+' : ''}${kB.toFixed(1)} kB`;
}

function latencySection(result: LatencyResult): { text: string; targets: string[] } {
  const rows: string[][] = [];
  const targets: string[] = [];
  const runnerName = { bin: 'bin (`generator-python-docker`)', yo: 'yo 7 (`yo python-docker`)' } as const;
  const floorName = { bin: 'bin (`generator-floor`)', yo: 'yo 7 (`yo floor`)' } as const;
  for (const runner of ['bin', 'yo'] as const) {
    const floor = medians(result.samples[runner].floor);
    const app = medians(result.samples[runner].app);
    const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))} ms`;
    rows.push([floorName[runner], `floor: writes ${result.files.floor} file${result.files.floor === 1 ? '' : 's'}`, ms(floor.wall), range(result.samples[runner].floor.wallMs), ms(floor.cpu), '1.00x', '1.00x']);
    const wallRatio = app.wall / floor.wall;
    const cpuRatio = app.cpu / floor.cpu;
    rows.push([runnerName[runner], `\`app --defaults\`: the workshop, ${result.files.app} files`, ms(app.wall), range(result.samples[runner].app.wallMs), ms(app.cpu), ratio(wallRatio), ratio(cpuRatio)]);
    targets.push(
      `Full \`app\` scaffold through ${runner === 'bin' ? 'the bin' : 'yo'} within ${TARGET_RATIO}x of its floor: ${ratio(wallRatio)} wall (${ratio(cpuRatio)} CPU): ${verdict(wallRatio <= TARGET_RATIO)}` +
        (wallRatio <= TARGET_RATIO ? '' : `, by ${ms(app.wall - floor.wall * TARGET_RATIO)}`),
    );
  }
  const bin = medians(result.samples.bin.app).wall;
  const yo = medians(result.samples.yo.app).wall;
  targets.push(`The bin faster than yo (full \`app\` scaffold): ${ms(bin)} vs ${ms(yo)}, ${ratio(yo / bin)} faster: ${verdict(bin < yo)}`);
  const text = [
    markdownTable(['runner', 'generator', 'median wall', 'wall range', 'median CPU', 'wall / floor', 'CPU / floor'], rows),
    '',
    `${result.runs} runs of each, interleaved (the order rotates every round), after one warm-up round; each run in a new empty folder, as ${result.asUser}. ` +
      'Wall: what the user waits. CPU: user + system time of the whole process tree, less sensitive to other load on the machine. ' +
      'Both generators are installed from their `npm pack` tarballs next to yo@7 in one prefix, so they share one yeoman-environment and yeoman-generator; ' +
      `yo finds them through NODE_PATH. The floor (bench/floor/generator-floor) extends yeoman-generator, writes one file, and its bin does what bin/cli.ts does. Install: ${result.installSeconds.toFixed(0)} s.`,
  ].join('\n');
  return { text, targets };
}

/** What a layer of `docker history` is, for comparing two images layer by layer. */
function layerKind(createdBy: string): string {
  if (/\b(useradd|adduser|groupadd)\b/.test(createdBy)) return 'user';
  if (/^COPY (--chown=\S+ )?requirements\.txt\b/.test(createdBy)) return 'dependency files';
  if (/\bpip\b.*\binstall\b|^COPY --from=/.test(createdBy)) return 'dependencies';
  if (/^COPY (--chown=\S+ )?\. \./.test(createdBy)) return 'code';
  return createdBy.replace(/^(\|\d+ \S+ )?\/bin\/sh -c /, '').slice(0, 40);
}

function imageRow(result: VariantResult): string[] {
  const variant = result.variant;
  const base = variant.source === 'seed note' ? `${result.base} (tagged to the 3.14 stand-in)` : result.base;
  if (result.error) return [`${variant.label}`, variant.source, base, `does not build: ${result.error}`, '', '', '', '', ''];
  const rebuild = medianRebuild(result);
  const rebuildText = `${seconds(rebuild)}${result.rebuildMs.length > 1 ? ` (median of ${result.rebuildMs.length})` : ''}`;
  const cached = result.depCached.length === 0 ? 'n/a' : result.depCached.every(Boolean) ? 'cached' : result.depCached.some(Boolean) ? 'mixed' : 'runs again';
  const stop = result.stopMs === undefined ? (result.runNote ?? 'n/a') : `${seconds(result.stopMs)} (exit ${result.exitCode})`;
  const answer = result.firstResponseMs === undefined ? (result.runNote ?? 'no answer') : seconds(result.firstResponseMs);
  return [variant.label, variant.source, base, megabytes(result.sizeBytes ?? Number.NaN), seconds(result.coldMs ?? Number.NaN, 1), rebuildText, cached, answer, stop];
}

/** Part 3, one install pass: the table per project and issue 21's targets against the peer. */
function installPassSection(result: InstallPassResult | { error: string } | undefined): { text: string; targets: string[] } {
  if (!result) return { text: '', targets: [] };
  if ('error' in result) return { text: `\n### One install pass\n\nFailed: ${result.error}`, targets: [`One install pass: not measured (${result.error}).`] };
  const targets: string[] = [];
  const cell = (ms: number | undefined, bytes: number | undefined) => (ms === undefined ? '' : `${seconds(ms, 1)}, ${megabytes(bytes ?? Number.NaN)}`);
  const tables: string[] = [];
  for (const project of [...new Set(result.rows.map((row) => row.project))]) {
    const rows = result.rows.filter((row) => row.project === project);
    tables.push(
      `#### ${project}`,
      '',
      markdownTable(
        ['Dockerfile', 'cold build, downloaded', 'code-change rebuild, downloaded', 'dependency step on the code change', 'rebuild after adding one package, downloaded', 'what that rebuild fetched', 'image size'],
        rows.map((row: InstallPassRow) =>
          row.error && row.coldMs === undefined
            ? [row.label, `fails: ${row.error}`, '', '', '', '', '']
            : [
                row.label,
                cell(row.coldMs, row.coldBytes),
                cell(row.codeChangeMs, row.codeChangeBytes),
                row.codeChangeCached === undefined ? '' : row.codeChangeCached ? 'cached' : 'runs again',
                row.error ? `fails: ${row.error}` : cell(row.addPackageMs, row.addPackageBytes),
                row.addPackageFetched ?? '',
                megabytes(row.sizeBytes ?? Number.NaN),
              ],
        ),
      ),
      '',
    );
    const peer = rows.find((row) => row.kind === 'peer' && row.coldMs !== undefined);
    for (const ours of rows.filter((row) => row.kind === 'today')) {
      if (ours.coldMs === undefined || ours.addPackageMs === undefined || !peer || peer.addPackageMs === undefined || peer.coldMs === undefined) {
        targets.push(`${project}, ${ours.label}: targets not measured (${ours.error ?? peer?.error ?? 'the peer did not build'}).`);
        continue;
      }
      const change = ours.addPackageMs / peer.addPackageMs;
      const cold = ours.coldMs / peer.coldMs;
      targets.push(
        `${project}, ${ours.label}: rebuild after adding one package at most ${TARGET_DEP_CHANGE_RATIO}x the peer's: ${seconds(ours.addPackageMs, 1)} vs ${seconds(peer.addPackageMs, 1)} (${ratio(change)}): ${verdict(change <= TARGET_DEP_CHANGE_RATIO)}`,
        `${project}, ${ours.label}: cold build at most ${TARGET_COLD_RATIO}x the peer's: ${seconds(ours.coldMs, 1)} vs ${seconds(peer.coldMs, 1)} (${ratio(cold)}): ${verdict(cold <= TARGET_COLD_RATIO)}`,
        `${project}, ${ours.label}: image no larger than the peer's: ${megabytes(ours.sizeBytes ?? Number.NaN)} vs ${megabytes(peer.sizeBytes ?? Number.NaN)} (${sizeDifference(ours.sizeBytes, peer.sizeBytes)}): ${verdict((ours.sizeBytes ?? Infinity) <= (peer.sizeBytes ?? 0))}`,
        `${project}, ${ours.label}: on a dependency change it fetches only the new package: ${ours.addPackageFetched} (${megabytes(ours.addPackageBytes ?? Number.NaN)} through the proxy, index pages included; the peer: ${peer.addPackageFetched}, ${megabytes(peer.addPackageBytes ?? Number.NaN)}): ${verdict(/^uv: 1 package prepared$/.test(ours.addPackageFetched ?? ''))}`,
      );
    }
  }
  const text = [
    '',
    '### One install pass: before (two passes), today (uv) and the docker-init-style peer',
    '',
    ...tables,
    'Cold build: BuildKit cache mounts pruned, `docker build --no-cache`. Code-change rebuild: one line appended to the app file. Then iniconfig==2.1.0, which neither project has, added to the requirements (with its hashes where the file has hashes) and built again. Each cell: time, then megabytes downloaded.',
    '',
    ...result.notes.map((note) => `- ${note}`),
  ].join('\n');
  return { text, targets };
}

function imagesSection(images: ImagesResult): { text: string; targets: string[] } {
  if (images.skipped) return { text: `Skipped: ${images.skipped}.`, targets: [`Image targets: not measured (${images.skipped}).`] };
  const rows = images.results.map(imageRow);
  if (images.seedMissing) rows.push(['the note\'s four Dockerfiles', 'seed note', '', `not measured: ${images.seedMissing}`, '', '', '', '', '']);
  const targets: string[] = [];
  const production = images.results.find((result) => result.variant.role === 'production');
  const peer = images.results.filter((result) => result.variant.role === 'docker-init' && !result.error).at(-1);
  if (production && !production.error && production.sizeBytes !== undefined) {
    if (peer?.sizeBytes !== undefined) {
      const delta = production.sizeBytes - peer.sizeBytes;
      let line = `Production image no larger than the docker-init-style one (${peer.variant.label}): ${production.sizeBytes.toLocaleString('en-US')} vs ${peer.sizeBytes.toLocaleString('en-US')} bytes (${delta >= 0 ? '+' : ''}${delta.toLocaleString('en-US')} bytes): ${verdict(delta <= 0)}`;
      if (delta > 0) {
        const byKind = (a: VariantResult, b: VariantResult) => {
          const kinds = new Map<string, [number, number]>();
          for (const [index, result] of [a, b].entries()) {
            for (const layer of result.layers) {
              const kind = layerKind(layer.createdBy);
              const sizes = kinds.get(kind) ?? [0, 0];
              sizes[index] += layer.size;
              kinds.set(kind, sizes);
            }
          }
          return [...kinds]
            .filter(([, [x, y]]) => x !== y)
            .map(([kind, [x, y]]) => `${kind} ${x.toLocaleString('en-US')} vs ${y.toLocaleString('en-US')} B (${x - y >= 0 ? '+' : ''}${(x - y).toLocaleString('en-US')})`)
            .join(', ');
        };
        line += `, by ${(delta / production.sizeBytes * 100).toFixed(4)}%. Layer by layer, production vs docker-init style: ${byKind(production, peer)}`;
      }
      targets.push(line);
    } else {
      targets.push('Production image no larger than the docker-init-style one: not measured (the docker-init-style image did not build).');
    }
    const rebuild = medianRebuild(production);
    const cached = production.depCached.length > 0 && production.depCached.every(Boolean);
    targets.push(
      `Production code-change rebuild under 1 s with the dependency step cached: ${seconds(rebuild)}, dependency step ${cached ? 'cached' : 'not cached'}: ${verdict(rebuild < TARGET_REBUILD_MS && cached)}` +
        (rebuild >= TARGET_REBUILD_MS ? `, by ${seconds(rebuild - TARGET_REBUILD_MS)}` : ''),
    );
    targets.push(
      production.stopMs === undefined
        ? `Production \`docker stop\` under 1 s: not measured (${production.runNote ?? 'no run'})`
        : `Production \`docker stop\` under 1 s: ${seconds(production.stopMs)} (exit ${production.exitCode}): ${verdict(production.stopMs < TARGET_STOP_MS)}` +
            (production.stopMs >= TARGET_STOP_MS ? `, by ${seconds(production.stopMs - TARGET_STOP_MS)}` : ''),
    );
  } else {
    targets.push(`Production image targets: not measured (${production?.error ?? 'no production row'}).`);
  }
  const multistage = images.results.find((result) => result.variant.id === 'gen-multistage');
  if (production?.coldMs !== undefined && multistage?.coldMs !== undefined) {
    const limit = production.coldMs * TARGET_MULTISTAGE_COLD_RATIO;
    targets.push(
      `Dockerfile.multistage cold build within ${TARGET_MULTISTAGE_COLD_RATIO}x of Dockerfile's: ${seconds(multistage.coldMs)} vs ${seconds(production.coldMs)} (${ratio(multistage.coldMs / production.coldMs)}): ${verdict(multistage.coldMs <= limit)}` +
        (multistage.coldMs <= limit ? '' : `, by ${seconds(multistage.coldMs - limit)}`),
    );
  }
  const pass = installPassSection(images.installPass);
  targets.push(...pass.targets);
  const changeText = pass.text;
  const text = [
    markdownTable(
      ['Dockerfile', 'written by', 'base image', 'image size', 'cold build', 'code-change rebuild', 'dependency step on a code change', 'first answer after `docker run`', '`docker stop` (exit code)'],
      rows,
    ),
    '',
    `Cold build: \`docker build --no-cache\` (the base image present, pip cache mounts pruned first). Code-change rebuild: one line appended to main.py, then \`docker build\` again, ${images.rebuilds} times unless the dependency step runs again (then once). ` +
      `\`docker stop\`: after the first HTTP answer on 127.0.0.1:${images.port}, docker's default 10 s grace period; exit 137 means it was killed. Engine: docker ${images.dockerVersion} with BuildKit, \`--network host\`.`,
    '',
    ...images.notes.map((note) => `- ${note}`),
    changeText,
  ].join('\n');
  return { text, targets };
}

async function main(): Promise<number> {
  const started = Date.now();
  const loadBefore = loadAverage();
  const work = makeWorkDir(tmpdir());
  let status = 0;
  let latency: LatencyResult | { error: string } | undefined;
  let images: (ImagesResult & { teardown: () => void }) | { error: string } | undefined;
  let prefix: string | undefined;
  try {
    if (!options['skip-latency']) {
      try {
        const installed = install(work);
        prefix = installed.prefix;
        latency = measureLatency(work, installed.prefix, runs, installed.seconds);
      } catch (error) {
        latency = { error: (error as Error).message };
        status = 1;
      }
    }
    if (!options['skip-images']) {
      // The sample project comes from the installed tarball's bin when there is one, else from dist/.
      const runBin = (args: string[]) =>
        mustRun(prefix ? join(prefix, 'node_modules', '.bin', 'generator-python-docker') : process.execPath, prefix ? args : [join(REPO_ROOT, 'dist', 'bin', 'cli.js'), ...args], {
          input: '',
        });
      try {
        images = await measureImages(work, runBin, rebuilds, options.only ? options.only.split(',').map((id) => id.trim()).filter(Boolean) : undefined);
      } catch (error) {
        images = { error: (error as Error).message };
        status = 1;
      }
    }
  } finally {
    if (images && 'teardown' in images) images.teardown();
    if (options.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }

  const targets: string[] = [];
  const sections: string[] = [];
  if (latency) {
    if ('error' in latency) {
      sections.push(`## 1. Generator latency\n\nFailed: ${latency.error}`);
    } else {
      const section = latencySection(latency);
      sections.push(`## 1. Generator latency: full \`app\` scaffold vs an empty generator\n\n${section.text}`);
      targets.push(...section.targets);
    }
  }
  if (images) {
    if ('error' in images) {
      sections.push(`## 2. Generated images\n\nFailed: ${images.error}`);
    } else {
      const section = imagesSection(images);
      sections.push(`## 2. Generated images: the sample project, same base images\n\n${section.text}`);
      targets.push(...section.targets);
    }
  }
  const node = process.version;
  const npm = spawnSync('npm', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const report = [
    '# generator-python-docker benchmark',
    '',
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${node}, npm ${npm}. ` +
      `Load average before: ${loadBefore}, after: ${loadAverage()}. \`npm run bench\` took ${Math.round((Date.now() - started) / 1000)} s after the build.`,
    '',
    ...sections.flatMap((section) => [section, '']),
    '## Targets',
    '',
    ...targets.map((target) => `- ${target}`),
    '',
  ].join('\n');
  process.stdout.write(report);
  mkdirSync(join(options.out, '..'), { recursive: true });
  writeFileSync(options.out, report);
  log(`report written to ${relative(process.cwd(), options.out) || options.out}`);
  return status;
}

process.exitCode = await main();
