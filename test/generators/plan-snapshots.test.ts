/**
 * Plan snapshots, Nixpacks style: for every fixture folder in test/fixtures/projects/ and
 * test/fixtures/real-projects/, what the generator read from the project, what it decided, and
 * the files it wrote, as one readable text file test/__snapshots__/plans/<set>--<name>.txt.
 * A change in detection or in a template shows up as a diff of these files in review.
 *
 * Fixtures in projects/ get `dockerfile`, `multistage` and `dockerignore` (what `app` writes into an existing project);
 * real projects get the runs of their <name>.e2e.json, with the clutter the e2e tier adds
 * (.env, .git/config). A refused generation snapshots its one-line error.
 *
 * `npm run snapshots` (UPDATE_SNAPSHOTS=1) rewrites them after a deliberate change; review the diff.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import helpers from 'yeoman-test';
import { generatorArgs, loadRealSpecs, treeHashes } from '../e2e/lib/real-projects.js';
import { FIXTURES, generatorPath, REPO_ROOT } from '../helpers/paths.js';
import type { ProjectReport } from '../../lib/decide/report.js';
import { en } from '../../lib/messages/en.js';
import { reportTexts } from '../../lib/messages/report.js';
import type { ProjectFacts } from '../../lib/read/types.js';

type Sub = Parameters<typeof generatorPath>[0];
const SUBS = ['app', 'dockerfile', 'dockerignore', 'multistage', 'compose'];
const SNAPSHOTS = join(REPO_ROOT, 'test', '__snapshots__', 'plans');

/** What `app` writes into an existing project, one sub-generator at a time (no sample scaffold where there is no project). */
const PROJECT_RUNS = [['dockerfile'], ['multistage'], ['dockerignore']];

interface Case {
  set: 'projects' | 'real-projects';
  name: string;
  runs: string[][];
  clutter: boolean;
  /** The member folder a workspace fixture is generated in (its .e2e.json `runIn`). */
  runIn?: string;
}

function cases(): Case[] {
  const projects = readdirSync(join(FIXTURES, 'projects'))
    .filter((d) => statSync(join(FIXTURES, 'projects', d)).isDirectory())
    .sort()
    .map((name): Case => ({ set: 'projects', name, runs: PROJECT_RUNS, clutter: false }));
  const real = loadRealSpecs().map((s): Case => ({ set: 'real-projects', name: s.name, runs: s.generate, clutter: true, runIn: s.runIn }));
  return [...projects, ...real];
}

/** `--name value`, `--name=value`, `--flag` -> yeoman-test options. */
export function parseOptions(args: string[]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(args[i]);
    if (!m) throw new Error(`cannot read argument "${args[i]}"`);
    if (m[2] !== undefined) options[m[1]] = m[2];
    else if (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) options[m[1]] = args[++i];
    else options[m[1]] = true;
  }
  return options;
}

interface Generated {
  facts?: ProjectFacts;
  plan?: object;
  report?: ProjectReport;
}

/** One generation, in-process: the generator object keeps what it read (facts) and decided (plan). */
async function generate(dir: string, args: string[], index: number): Promise<{ generator?: Generated; error?: string }> {
  const argv = generatorArgs(args, index);
  const sub = (SUBS.includes(argv[0]) ? argv.shift() : 'app') as Sub;
  const options: Record<string, unknown> = { lang: 'en', ...parseOptions(argv) };
  try {
    const result = await helpers.run(generatorPath(sub)).cd(dir).withOptions(options as never);
    return { generator: result.generator as unknown as Generated };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

async function snapshotText(c: Case): Promise<string> {
  // The project folder is named after the fixture (inside a unique parent): compose.yaml's image
  // name comes from the folder's name, and a snapshot must not change from run to run.
  const parent = mkdtempSync(join(tmpdir(), 'pydocker-plan-'));
  const dir = join(parent, c.name);
  try {
    cpSync(join(FIXTURES, c.set, c.name), dir, { recursive: true });
    if (c.clutter) {
      writeFileSync(join(dir, '.env'), 'SECRET_KEY=never-in-an-image\n');
      mkdirSync(join(dir, '.git'), { recursive: true });
      writeFileSync(join(dir, '.git', 'config'), '[core]\n\trepositoryformatversion = 0\n');
    }
    const before = treeHashes(dir);
    const out: string[] = [`# ${c.set}/${c.name}: what the generator read, decided and wrote (npm run snapshots rewrites this file)`];
    let previous = '';
    let previousReport = '';
    for (const [index, args] of c.runs.entries()) {
      out.push('', `$ ${c.runIn ? `cd ${c.runIn} && ` : ''}generator-python-docker ${generatorArgs(args, index).join(' ')}`);
      const { generator, error } = await generate(c.runIn ? join(dir, c.runIn) : dir, args, index);
      if (error !== undefined) {
        out.push('', '## refused', error.split(dir).join('<project>'));
        break;
      }
      // The readers' typed notes and the run's report, as an English run says them.
      const read = generator?.facts ? ['', '## read', ...generator.facts.notes.map(en.report.note)] : [];
      const said = generator?.report ? reportTexts(generator.report, en) : undefined;
      const printed = said ? [...said.read, ...said.decided, ...said.warnings.map(en.text.warning)] : [];
      const report = said ? ['', '## report (printed)', ...(printed.length > 0 ? printed : ['(nothing about the project)'])] : [];
      const decided = generator?.plan ? ['', '## decided', JSON.stringify(generator.plan, null, 2)] : [];
      const text = [...read, ...decided].join('\n');
      const reported = report.join('\n');
      if (text === previous) out.push('(read and decided the same as above)', ...(reported === previousReport ? [] : report));
      else out.push([...read, ...report, ...decided].join('\n'));
      previous = text;
      previousReport = reported;
    }
    const after = treeHashes(dir);
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter((f) => before.get(f) !== after.get(f)).sort();
    for (const file of changed) {
      out.push('', after.has(file) ? `## wrote ${file}` : `## removed ${file}`);
      // The record's hashes change with every template edit: the content they hash is above.
      if (after.has(file)) out.push(readFileSync(join(dir, file), 'utf8').trimEnd().replace(/"sha256": "[0-9a-f]{64}"/g, '"sha256": "…"'));
    }
    if (changed.length === 0) out.push('', '## wrote nothing');
    return out.join('\n').split(dir).join('<project>') + '\n';
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

describe('plan snapshots (test/__snapshots__/plans; npm run snapshots rewrites them)', function () {
  this.timeout(120_000);
  const all = cases();
  const update = process.env.UPDATE_SNAPSHOTS === '1';

  it('every snapshot file belongs to a fixture (none left behind by a removed fixture)', () => {
    const expected = new Set(all.map((c) => `${c.set}--${c.name}.txt`));
    if (update && existsSync(SNAPSHOTS)) for (const f of readdirSync(SNAPSHOTS)) if (!expected.has(f)) rmSync(join(SNAPSHOTS, f));
    const stale = existsSync(SNAPSHOTS) ? readdirSync(SNAPSHOTS).filter((f) => !expected.has(f)) : [];
    assert.deepEqual(stale, [], 'snapshots without a fixture: run npm run snapshots');
  });

  for (const c of all) {
    it(`${c.set}/${c.name}`, async () => {
      const text = await snapshotText(c);
      const file = join(SNAPSHOTS, `${c.set}--${c.name}.txt`);
      if (update) {
        mkdirSync(SNAPSHOTS, { recursive: true });
        writeFileSync(file, text);
        return;
      }
      assert.ok(existsSync(file), `no plan snapshot ${file}: run npm run snapshots and review it`);
      assert.equal(text, readFileSync(file, 'utf8'), `${c.set}/${c.name} differs from its plan snapshot: if the change is deliberate, run npm run snapshots and review the diff`);
    });
  }
});
