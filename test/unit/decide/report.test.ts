/**
 * The report (lib/decide/report.ts): what a run says about the project, decided once beside the
 * plan, for every fixture project (test/fixtures/projects/*, test/fixtures/real-projects/*). The
 * lines it prints agree with the plan's warnings (a pin the plan warns pip compiles is never
 * "compiled dependencies: none"), and every line is said in English and in Chinese with no English
 * prose in the Chinese (test/helpers/english.ts). The plan snapshots print the same report.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../../lib/errors.js';
import { type DockerPlan, planDocker, projectInputFor } from '../../../lib/decide/plan.js';
import { choosePython } from '../../../lib/decide/python-choice.js';
import { type ProjectReport, projectReport } from '../../../lib/decide/report.js';
import { serverForProject } from '../../../lib/decide/server-command.js';
import { en } from '../../../lib/messages/en.js';
import { reportTexts } from '../../../lib/messages/report.js';
import { zhCN } from '../../../lib/messages/zh-CN.js';
import { readProject } from '../../../lib/read/read.js';
import type { ProjectFacts } from '../../../lib/read/types.js';
import { DEFAULT_ANSWERS } from '../../../lib/state/answers.js';
import { appKind } from '../../../lib/tables/app-kinds.js';
import { loadRealSpecs } from '../../e2e/lib/real-projects.js';
import { englishLines } from '../../helpers/english.js';
import { FIXTURES } from '../../helpers/paths.js';

/** Every fixture a run can be made in: the folder, or a workspace fixture's member folder. */
function fixtureFolders(): Array<{ name: string; dir: string }> {
  const projects = join(FIXTURES, 'projects');
  const own = readdirSync(projects)
    .filter((name) => statSync(join(projects, name)).isDirectory())
    .sort()
    .map((name) => ({ name: `projects/${name}`, dir: join(projects, name) }));
  const real = loadRealSpecs().map((spec) => ({ name: `real-projects/${spec.name}`, dir: join(FIXTURES, 'real-projects', spec.name, spec.runIn ?? '') }));
  return [...own, ...real];
}

/** A --defaults run's plan and report: the project's values where it states them, else the defaults (the app kind's port). */
function planAndReport(facts: ProjectFacts): { plan: DockerPlan; report: ProjectReport } {
  const python = choosePython({ stated: facts.pythonVersion, wheels: facts.dependencies?.wheels ?? [], unreachable: facts.unreachablePins ?? [], indexAsked: facts.pinsIndexAsked });
  const entry = facts.entryPoint;
  const wsgiApp = entry && entry.kind !== 'script' ? entry.target : DEFAULT_ANSWERS.wsgiApp;
  const answers = {
    ...DEFAULT_ANSWERS,
    pythonVersion: python.version?.value ?? DEFAULT_ANSWERS.pythonVersion,
    port: facts.port?.value ?? appKind(entry?.framework)?.defaultPort ?? DEFAULT_ANSWERS.port,
    wsgiApp,
  };
  const input = projectInputFor(facts, { server: serverForProject(facts), wsgiApp, serverChosenByUser: false, python });
  const plan = planDocker(answers, input, new Date('2026-06-01'));
  return { plan, report: projectReport(facts, plan, { wsgiApp, pythonFromProject: python.version !== undefined }) };
}

/** The pins the plan's warnings say pip compiles. */
function warnedCompiles(plan: DockerPlan): string[] {
  return plan.warnings.flatMap((warning) => (warning.kind === 'compilesUnknownHeaders' || warning.kind === 'noWheelForPython' ? warning.packages : []));
}

describe('decide/report: what a run says about every fixture project', () => {
  for (const { name, dir } of fixtureFolders()) {
    it(name, async () => {
      let facts: ProjectFacts;
      try {
        facts = await readProject(dir);
      } catch (error) {
        // A malformed project file: the run stops with its one-line error before anything is said.
        assert.ok(error instanceof UsageError, String(error));
        return;
      }
      if (!facts.isPythonProject) return;
      const { plan, report } = planAndReport(facts);

      // The block starts with what installs the dependencies and what is served; notes shown are the readers' own.
      assert.match(report.read[0]!.kind, /^(dependencies|noDependencies)$/);
      assert.match(report.read[1]!.kind, /^(entry|noEntry)$/);
      for (const line of report.read.slice(2)) assert.ok(line.kind === 'note' && facts.notes.includes(line.note), JSON.stringify(line));

      // One decision: the compiled line names every pin the warnings say pip compiles, and the table's compiles.
      const compiled = report.decided.find((line) => line.kind === 'compiled' || line.kind === 'noCompiled')!;
      const named = compiled.kind === 'compiled' ? [...compiled.packages, ...compiled.untabled] : [];
      for (const pin of warnedCompiles(plan)) assert.ok(named.includes(pin) || named.includes(pin.split('==')[0]!), `${pin} is warned about but not in ${JSON.stringify(compiled)}`);
      assert.deepEqual(compiled.kind === 'compiled' ? compiled.packages : [], plan.nativePackages);
      assert.deepEqual(report.warnings, plan.warnings);

      // Said in both languages; the Chinese has no English prose (commands, paths and names are not prose).
      const english = reportTexts(report, en);
      const chinese = reportTexts(report, zhCN);
      for (const said of [english, chinese]) for (const line of [...said.read, ...said.decided, ...said.warnings]) assert.ok(line.trim().length > 0);
      assert.equal(chinese.read.length + chinese.decided.length, english.read.length + english.decided.length);
      assert.deepEqual(englishLines([...chinese.read, ...chinese.decided, ...chinese.warnings].join('\n')), []);
    });
  }

  it('native-kerberos: kerberos compiles, in the compiled line and in the warning (no "compiled dependencies: none")', async () => {
    const facts = await readProject(join(FIXTURES, 'projects', 'native-kerberos'));
    const { report } = planAndReport(facts);
    const said = reportTexts(report, en);
    assert.ok(said.decided.includes('compiled dependencies: kerberos==1.3.1 (-dev headers this generator does not know: see the warning)'), said.decided.join('\n'));
    assert.ok(!said.decided.includes(en.cli.read.noCompiled));
    assert.equal(said.warnings.filter((warning) => warning.startsWith('kerberos==1.3.1 publish no Linux wheel')).length, 1, said.warnings.join('\n'));
  });

  it('a skipped Python version source is shown as a note, in the run\'s language', async () => {
    const facts = await readProject(join(FIXTURES, 'projects', 'pyver-python-version-file'));
    const note = { code: 'pythonIgnored', source: '.python-version', value: 'pypy3.10', why: 'notCPython3' } as const;
    const { report } = planAndReport({ ...facts, notes: [...facts.notes, note] });
    assert.deepEqual(report.read.at(-1), { kind: 'note', note });
    assert.equal(reportTexts(report, en).read.at(-1), 'python: ignored .python-version "pypy3.10" (not a CPython 3 version)');
    assert.equal(reportTexts(report, zhCN).read.at(-1), 'Python：忽略了 .python-version "pypy3.10"（不是 CPython 3 的版本）');
  });
});
