/**
 * Says a project report (lib/decide/report.ts) in a language: the lines at the top of the "read
 * from the project" block, the lines after the values, and the warnings. The generator prints
 * these and nothing else about the project; the plan snapshots list them in English.
 */
import type { DecidedLine, ProjectReport, ReadLine } from '../decide/report.js';
import type { Messages } from './types.js';

export function readLineText(line: ReadLine, messages: Messages): string {
  const { read } = messages.cli;
  switch (line.kind) {
    case 'dependencies':
      return read.dependencies(line.manager, line.files, line.parts);
    case 'noDependencies':
      return read.noDependencies;
    case 'entry':
      return read.entry(line.target, line.entryKind, line.source);
    case 'noEntry':
      return read.noEntry;
    case 'note':
      return messages.report.note(line.note);
  }
}

/** One decided line, as one or more printed lines (Django's needs are several). */
export function decidedLineTexts(line: DecidedLine, messages: Messages): string[] {
  const { text, cli } = messages;
  switch (line.kind) {
    case 'compiled':
      return [cli.read.compiled(line.packages, line.build, line.runtime, line.untabled)];
    case 'noCompiled':
      return [cli.read.noCompiled];
    case 'entryAlternatives':
      return [text.entryAlternatives(line.others)];
    case 'pythonChoice': {
      const said = text.pythonChoice(line.choice, line.version);
      return said === undefined ? [] : [said];
    }
    case 'servingDecision':
      return [text.servingDecision(line.decision)];
    case 'installDecision': {
      const said = text.installDecision(line.note);
      return said === undefined ? [] : [said];
    }
    case 'serverChosen':
      return [text.serverChosen(line.command, line.added)];
    case 'workspaceBuild':
      return [text.workspaceBuild(line.root, line.member, line.buildContext)];
    case 'serverForPython':
      return [text.serverForPython(line.server, line.version, line.newest, line.newestNeeds, line.python)];
    case 'runtimeNeeds':
      return text.runtimeNeeds(line.plan);
    case 'overrideHint':
      return [text.overrideHint];
  }
}

/** The whole report as the terminal says it: warnings without their "warning:" prefix (the generator adds it). */
export function reportTexts(report: ProjectReport, messages: Messages): { read: string[]; decided: string[]; warnings: string[] } {
  return {
    read: report.read.map((line) => readLineText(line, messages)),
    decided: report.decided.flatMap((line) => decidedLineTexts(line, messages)),
    warnings: report.warnings.map(messages.text.planWarning),
  };
}
