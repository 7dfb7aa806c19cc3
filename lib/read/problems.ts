/**
 * A project file the readers cannot use, as a code and its values (the messages word it in the
 * run's language: lib/messages/report-*.ts). Thrown as a ProjectFileError, a UsageError whose
 * message is the English line.
 */
import { UsageError } from '../errors.js';

/** What a key of a project file must be. */
export type KeyExpected = 'table' | 'string' | 'stringList' | 'boolean' | 'jsonObject';

/** Why a requirements line is refused (pip would refuse it too, or a Docker build of the folder could not use it). */
export type RequirementsLineWhy =
  | 'optionAfterRequirement'
  | 'optionNeedsRequirement'
  | 'unexpectedAfterOptions'
  | 'unknownOption'
  | 'optionNeedsValue'
  | 'optionTakesNoValue'
  | 'badHash'
  | 'outsideProject'
  | 'editableTarget'
  | 'badEggName'
  | 'noSuchTarget';

/** The tool a lock file needs its manifest for. */
export type LockTool = 'uv' | 'Poetry' | 'PDM' | 'Pipenv';

/** What is wrong with a dependency file that exists (lib/read/refusals.ts). */
export type UnusableKind = 'dangling' | 'folder' | 'special' | 'unreadable';

export type ProjectFileProblem =
  /** A TOML file that does not parse; `reason` is the parser's own (English) words. */
  | { code: 'invalidToml'; file: string; line: number; column: number; reason: string }
  /** A requirements line that is not a requirement (`text` as written; `reason`, the PEP 508 parser's words). */
  | { code: 'invalidRequirement'; file: string; line: number; text: string; reason: string }
  /** `-r` / `-c` naming a file that is not there. */
  | { code: 'includeNotFound'; file: string; line: number; option: string; target: string; path: string }
  /** A requirements line with an option pip refuses, or a target a Docker build cannot use (`name`: the option; `value`: what was written). */
  | { code: 'requirementsLine'; file: string; line: number; why: RequirementsLineWhy; name?: string; value?: string }
  /** A requirements file named by the project that is not there, or cannot be read. */
  | { code: 'requirementsMissing'; file: string; unreadable: boolean }
  /** A key of Pipfile, pyproject.toml or a JSON file that is not what it must be (`key` empty: the whole file). */
  | { code: 'badKey'; file: string; key: string; expected: KeyExpected }
  /** A dependency list item that is not a requirement (`reason`, the PEP 508 parser's words). */
  | { code: 'badKeyRequirement'; file: string; key: string; text: string; reason: string }
  /** A Python version range that does not parse (`reason`, the parser's words). */
  | { code: 'badPythonRange'; file: string; key: string; text: string; reason: string }
  /** A JSON file that does not parse (`reason`, the parser's words). */
  | { code: 'invalidJson'; file: string; reason: string }
  /** A lock file without the manifest its tool installs from. */
  | { code: 'lockWithoutManifest'; file: string; manifest: string; tool: LockTool }
  /** A uv workspace member whose workspace has no uv.lock. */
  | { code: 'workspaceLockMissing'; declaredIn: string; member: string; lockFile: string; root: string }
  /** A uv workspace whose uv.lock does not list this member. */
  | { code: 'workspaceMemberNotLocked'; lockFile: string; member: string; root: string }
  /** A dependency file that exists but is no readable file. */
  | { code: 'unusableDependencyFile'; file: string; kind: UnusableKind }
  /** The project folder itself is not there. */
  | { code: 'projectFolderNotFound'; path: string };

const EXPECTED: Readonly<Record<KeyExpected, string>> = {
  table: 'must be a table',
  string: 'must be a string',
  stringList: 'must be a list of strings',
  boolean: 'must be true or false',
  jsonObject: 'must be a JSON object',
};

const UNUSABLE: Readonly<Record<UnusableKind, string>> = {
  dangling: 'is a link to a file that does not exist',
  folder: 'is a folder, not a file',
  special: 'is not a regular file',
  unreadable: 'cannot be read (no permission)',
};

function requirementsLineText(p: Extract<ProjectFileProblem, { code: 'requirementsLine' }>): string {
  const value = JSON.stringify(p.value ?? '');
  switch (p.why) {
    case 'optionAfterRequirement':
      return `option ${p.name} cannot follow a requirement on the same line`;
    case 'optionNeedsRequirement':
      return `option ${p.name} must follow a requirement on the same line`;
    case 'unexpectedAfterOptions':
      return `unexpected ${value} after options`;
    case 'unknownOption':
      return `unknown option ${value}`;
    case 'optionNeedsValue':
      return `option ${p.name} needs a value`;
    case 'optionTakesNoValue':
      return `option ${p.name} takes no value`;
    case 'badHash':
      return `--hash must look like sha256:<hex digest>, got ${value}`;
    case 'outsideProject':
      return `${p.name ? `${p.name} ` : ''}${p.value}: outside the project folder, so a Docker build of this folder cannot use it`;
    case 'editableTarget':
      return `-e needs a local folder or a VCS URL, got ${value}`;
    case 'badEggName':
      return `invalid #egg= name ${JSON.stringify(p.name ?? '')} in ${value}`;
    case 'noSuchTarget':
      return `${p.value}: no such folder or package archive`;
  }
}

/** The English line, as the CLI prints it in an English run. */
export function problemText(problem: ProjectFileProblem): string {
  switch (problem.code) {
    case 'invalidToml':
      return `${problem.file}: invalid TOML at line ${problem.line}, column ${problem.column}: ${problem.reason}`;
    case 'invalidRequirement':
      return `${problem.file}: line ${problem.line}: ${JSON.stringify(problem.text)} is not a valid requirement: ${problem.reason}`;
    case 'includeNotFound':
      return `${problem.file}: line ${problem.line}: ${problem.option} ${problem.target}: file not found (${problem.path})`;
    case 'requirementsLine':
      return `${problem.file}: line ${problem.line}: ${requirementsLineText(problem)}`;
    case 'requirementsMissing':
      return `${problem.file}: ${problem.unreadable ? 'cannot be read' : 'file not found'}`;
    case 'badKey':
      return problem.key ? `${problem.file}: ${problem.key} ${EXPECTED[problem.expected]}` : `${problem.file}: ${EXPECTED[problem.expected]}`;
    case 'badKeyRequirement':
      return `${problem.file}: ${problem.key} has an invalid requirement ${JSON.stringify(problem.text)}: ${problem.reason}`;
    case 'badPythonRange':
      return `${problem.file}: ${problem.key} ${JSON.stringify(problem.text)}: ${problem.reason}`;
    case 'invalidJson':
      return `${problem.file}: invalid JSON: ${problem.reason}`;
    case 'lockWithoutManifest':
      return `${problem.file}: found without ${problem.manifest}, which ${problem.tool} needs to install the project`;
    case 'workspaceLockMissing':
      return `${problem.declaredIn} declares a uv workspace with ${problem.member} in it, but ${problem.lockFile} is missing: run uv lock there`;
    case 'workspaceMemberNotLocked':
      return `${problem.lockFile} does not list ${problem.member}: run uv lock in ${problem.root}`;
    case 'unusableDependencyFile':
      return `${problem.file} ${UNUSABLE[problem.kind]}: the dependencies cannot be read from it; make it a readable file listing them (or remove it) and run again; nothing was written`;
    case 'projectFolderNotFound':
      return `project folder not found: ${problem.path}`;
  }
}

export class ProjectFileError extends UsageError {
  constructor(readonly problem: ProjectFileProblem) {
    super(problemText(problem));
  }
}
