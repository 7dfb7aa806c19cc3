/**
 * What the run says about the project, decided once beside the plan: the lines at the top of the
 * "read from the project" block (from the facts alone: they are printed before any question), what
 * the plan decided from the project (printed once it is made), and the plan's warnings. Plain
 * typed values, no words: lib/messages/<lang> report texts say them, the generator prints them.
 */
import type { DockerPlan } from './plan.js';
import { COMPILERS } from './plan.js';
import type { InstallNote } from './install.js';
import type { PythonChoice } from './python-choice.js';
import type { ServingDecision } from './server-command.js';
import type { PlanWarning } from './warnings.js';
import type { DependencyManager, DependencyReasonPart, EntryKind, ProjectFacts, ReadNote, ReadNoteCode } from '../read/types.js';

/** Notes the block shows as they are; the others are said by a value line (python, port) or the lines below. */
const NOTES_SHOWN: ReadonlySet<ReadNoteCode> = new Set<ReadNoteCode>(['pythonIgnored', 'pythonOutsideRange', 'notRead']);

/** A line at the top of the block, before the values. */
export type ReadLine =
  | { kind: 'dependencies'; manager: DependencyManager; files: string[]; parts: DependencyReasonPart[] }
  | { kind: 'noDependencies' }
  | { kind: 'entry'; target: string; entryKind: EntryKind; source: string }
  | { kind: 'noEntry' }
  | { kind: 'note'; note: ReadNote };

/** A line after the values: what the plan made of the project. */
export type DecidedLine =
  /**
   * The dependencies pip compiles: `packages` the native table knows (with the OS packages that
   * build them and that they load at run time), and `untabled`, the pins the plan warns about
   * (no wheel for this Python, or none for Linux at all) whose headers it does not know.
   */
  | { kind: 'compiled'; packages: string[]; build: string[]; runtime: string[]; untabled: string[] }
  | { kind: 'noCompiled' }
  /** Other apps found besides the one served ("target (source)"). */
  | { kind: 'entryAlternatives'; others: string[] }
  | { kind: 'pythonChoice'; choice: PythonChoice; version: string }
  | { kind: 'servingDecision'; decision: ServingDecision }
  /** How the production files install, where it is not the usual (pip instead of uv, a build constraint, Poetry groups). */
  | { kind: 'installDecision'; note: InstallNote }
  | { kind: 'serverChosen'; command: string; added: string[] }
  | { kind: 'workspaceBuild'; root: string; member: string; buildContext: string }
  | { kind: 'serverForPython'; server: string; version: string; newest: string; newestNeeds: string; python: string }
  /** Django's settings and static files, migrations, required variables, paths written (worded from the plan). */
  | { kind: 'runtimeNeeds'; plan: DockerPlan }
  | { kind: 'overrideHint' };

export interface ProjectReport {
  read: ReadLine[];
  decided: DecidedLine[];
  warnings: PlanWarning[];
}

/** What the run's own choices add to the facts and the plan. */
export interface ReportContext {
  /** The app this run serves (the answer). */
  wsgiApp: string;
  /** The Python version is the project's (not a flag, a stored answer or a question's). */
  pythonFromProject: boolean;
}

/** The lines at the top of the block: a function of the facts alone, printed before any question. */
export function readLines(facts: ProjectFacts): ReadLine[] {
  const lines: ReadLine[] = [];
  const dependencies = facts.notes.find((note) => note.code === 'dependencies');
  lines.push(dependencies ? { kind: 'dependencies', manager: dependencies.manager, files: dependencies.files, parts: dependencies.parts } : { kind: 'noDependencies' });
  const entry = facts.entryPoint;
  lines.push(entry ? { kind: 'entry', target: entry.target, entryKind: entry.kind, source: entry.source } : { kind: 'noEntry' });
  for (const note of facts.notes) if (NOTES_SHOWN.has(note.code)) lines.push({ kind: 'note', note });
  return lines;
}

/** What the plan decided from the project, in the order it is printed. */
export function decidedLines(facts: ProjectFacts, plan: DockerPlan, context: ReportContext): DecidedLine[] {
  const lines: DecidedLine[] = [compiledLine(plan)];
  const others = (facts.otherEntryPoints ?? []).filter((e) => e.target !== context.wsgiApp && e.kind !== 'script').map((e) => `${e.target} (${e.source})`);
  if (others.length > 0) lines.push({ kind: 'entryAlternatives', others });
  // How the Python was chosen from the pins, when the image runs that Python (not one the user chose).
  const chosen = plan.pythonChoice;
  if (chosen && (chosen.decision.kind === 'noneFits' || (chosen.version?.value === plan.pythonVersion && context.pythonFromProject))) {
    lines.push({ kind: 'pythonChoice', choice: chosen, version: plan.pythonVersion });
  }
  for (const decision of plan.servingDecisions) lines.push({ kind: 'servingDecision', decision });
  for (const note of plan.install.production.notes) lines.push({ kind: 'installDecision', note });
  lines.push({ kind: 'serverChosen', command: plan.serverCommand, added: [...plan.addedPackages] });
  if (plan.workspace) lines.push({ kind: 'workspaceBuild', root: plan.workspace.root, member: plan.workspace.member, buildContext: plan.workspace.buildContext });
  const forPython = plan.serverForPython;
  if (forPython) lines.push({ kind: 'serverForPython', ...forPython, python: plan.pythonVersion });
  lines.push({ kind: 'runtimeNeeds', plan }, { kind: 'overrideHint' });
  return lines;
}

/**
 * The compiled dependencies, from the plan that builds them: the table's packages it gives OS
 * packages to, and the pins its warnings say pip compiles (so the line and the warning agree).
 */
function compiledLine(plan: DockerPlan): DecidedLine {
  const compilers = new Set(COMPILERS[plan.alpine ? 'alpine' : 'debian']);
  const tabled = new Set(plan.nativePackages);
  const warned = plan.warnings.flatMap((warning) => (warning.kind === 'compilesUnknownHeaders' || warning.kind === 'noWheelForPython' ? warning.packages : []));
  const untabled = [...new Set(warned)].filter((pin) => !tabled.has(pin.split('==')[0]!));
  if (plan.nativePackages.length === 0 && untabled.length === 0) return { kind: 'noCompiled' };
  return {
    kind: 'compiled',
    packages: [...plan.nativePackages],
    build: plan.nativePackages.length > 0 ? plan.buildPackages.filter((name) => !compilers.has(name)) : [],
    runtime: [...plan.runtimePackages],
    untabled,
  };
}

/** The whole report of a run over a project: the same lines the generator prints, in order. */
export function projectReport(facts: ProjectFacts, plan: DockerPlan, context: ReportContext): ProjectReport {
  return { read: readLines(facts), decided: decidedLines(facts, plan, context), warnings: [...plan.warnings] };
}

/** A run that reads no project for its file (the sample, .dockerignore): the plan's warnings only. */
export function warningsReport(plan: DockerPlan): ProjectReport {
  return { read: [], decided: [], warnings: [...plan.warnings] };
}
