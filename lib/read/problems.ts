/**
 * A project file the readers cannot use, as a code and its values (the messages word it in the
 * run's language). Thrown as a ProjectFileError, a UsageError whose message is the English line.
 */
import { UsageError } from '../errors.js';

export type ProjectFileProblem =
  /** A TOML file that does not parse; `reason` is the parser's own (English) words. */
  | { code: 'invalidToml'; file: string; line: number; column: number; reason: string }
  /** A requirements line that is not a requirement (`text` as written; `reason`, the PEP 508 parser's words). */
  | { code: 'invalidRequirement'; file: string; line: number; text: string; reason: string }
  /** `-r` / `-c` naming a file that is not there. */
  | { code: 'includeNotFound'; file: string; line: number; option: string; target: string; path: string };

/** The English line, as the CLI prints it in an English run. */
export function problemText(problem: ProjectFileProblem): string {
  switch (problem.code) {
    case 'invalidToml':
      return `${problem.file}: invalid TOML at line ${problem.line}, column ${problem.column}: ${problem.reason}`;
    case 'invalidRequirement':
      return `${problem.file}: line ${problem.line}: ${JSON.stringify(problem.text)} is not a valid requirement: ${problem.reason}`;
    case 'includeNotFound':
      return `${problem.file}: line ${problem.line}: ${problem.option} ${problem.target}: file not found (${problem.path})`;
  }
}

export class ProjectFileError extends UsageError {
  constructor(readonly problem: ProjectFileProblem) {
    super(problemText(problem));
  }
}
