/**
 * How the Docker templates print what the plan decided: lists as words or continued lines, a RUN
 * step's mounts and commands, and a step's comments worded in the chosen language. Formatting
 * only: every choice was made in lib/decide/plan.ts and lib/decide/install-steps.ts.
 */
import type { InstallNote } from '../decide/install.js';
import type { RunStep, StepComment } from '../decide/install-steps.js';
import type { Messages } from '../messages/types.js';
import { type DockerPlan, shellLines } from '../decide/plan.js';
import { execForm } from '../decide/sinks.js';
import { escapeControls } from '../escape.js';

/** A list on one line: "a b c" (COPY sources, package names, folders). */
export function words(list: readonly string[]): string {
  return list.join(' ');
}

/** ENV settings, one per continued line. */
export function envLines(settings: readonly string[]): string {
  return settings.join(' \\\n    ');
}

/** What follows RUN: each mount on its own continued line, then the commands joined with &&. */
export function runLines(step: Pick<RunStep, 'mounts' | 'commands'>): string {
  return [...step.mounts.map((mount) => `${mount} \\\n    `), shellLines(step.commands)].join('');
}

/**
 * A text as comment lines: "# " before each line (a bare "#" for an empty one). Control
 * characters other than our line breaks are escaped (the project's values in it were escaped
 * already: lib/decide/sinks.ts `shown`), so nothing can end a comment line early.
 */
export function commentLines(text: string): string {
  return escapeControls(text, { keepNewlines: true })
    .split('\n')
    .map((line) => (line === '' ? '#' : `# ${line}`))
    .join('\n');
}

type Comments = Messages['comments'];

/** Each step comment's text, in the language of `m`. */
const STEP_COMMENTS: Record<StepComment, (m: Comments, plan: DockerPlan) => string> = {
  compileAndRemove: (m, plan) => m.compileAndRemove(plan.nativePackages),
  unpinnedDebian: (m) => m.unpinnedDebian,
  unpinnedAlpine: (m) => m.unpinnedAlpine,
  unpinnedDebianShort: (m) => m.unpinnedDebianShort,
  unpinnedAlpineShort: (m) => m.unpinnedAlpineShort,
  cacheMountPip: (m) => m.cacheMountPip,
  cacheMountTool: (m) => m.cacheMountTool,
  cacheMountApt: (m) => m.cacheMountApt,
  noCacheBoth: (m) => m.noCacheBoth,
  noCachePip: (m) => m.noCachePip,
  projectAfterCode: (m) => m.projectAfterCode,
  buildTools: (m) => m.multistage.buildTools,
  buildHeaders: (m) => m.multistage.buildHeaders,
  runtimeLibraries: (m) => m.multistage.runtimeLibraries,
  installLibraries: (m) => m.multistage.installLibraries,
  loadedLibraries: (m, plan) => m.loadedLibraries(plan),
  collectstatic: (m, plan) => m.collectstatic(plan),
  serverFromProject: (m, plan) => m.serverFromProject(plan),
  gunicornConfBypassed: (m, plan) => m.gunicornConfBypassed(plan),
  serverGunicorn: (m, plan) => m.serverGunicorn(plan),
  serverUvicorn: (m, plan) => m.serverUvicorn(plan),
  serverSanic: (m, plan) => m.serverSanic(plan),
  serverStreamlit: (m, plan) => m.serverStreamlit(plan),
  serverScript: (m, plan) => m.serverScript(plan),
  stopSignal: (m, plan) => m.stopSignal(plan),
  gracefulTimeout: (m, plan) => m.gracefulTimeout(plan),
  runtimeEnv: (m) => m.runtimeEnv,
  uvicornWorkerHealthcheck: (m) => m.uvicornWorkerHealthcheck,
  writablePaths: (m, plan) => m.writablePaths(plan),
  kindEnv: (m, plan) => m.kindEnv(plan),
};

/**
 * Comment lines for a step's comments, each block ending in a newline ("" for none), so a
 * template prints them with `<%- say(step.comments) -%>`.
 */
export function sayer(m: Comments, plan: DockerPlan): (comments: ReadonlyArray<StepComment | InstallNote>) => string {
  return (comments) =>
    comments.map((comment) => `${commentLines(typeof comment === 'string' ? STEP_COMMENTS[comment](m, plan) : m.installNote(comment))}\n`).join('');
}

/** What every Docker template sees: the plan, the teaching comments in the chosen language, and the helpers that print. */
export function dockerTemplateData(plan: DockerPlan, messages: Messages): object {
  return {
    ...plan,
    warnings: plan.warnings.map(messages.text.planWarning),
    shellLines,
    runLines,
    words,
    envLines,
    execForm,
    say: sayer(messages.comments, plan),
    m: messages.comments,
    compareText: messages.compare,
    cc: messages.cli.compareComments,
    comment: commentLines,
  };
}
