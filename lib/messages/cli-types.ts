/**
 * The shape of what the generator says around the files it writes, per language: questions,
 * choices, option help, validation messages, where each value came from, errors, the compose
 * step. Kept apart from the teaching texts (types.ts) so each part can grow on its own.
 */
import type { ComposePlan } from '../decide/compose.js';
import type { Sink } from '../decide/sinks.js';
import type { DependencyReasonPart } from '../read/types.js';

/** Keys of the values a run resolves (lib/state/answers.ts AnswerKey), plus the server. */
export type ValueKey =
  | 'pythonVersion' | 'baseVariant' | 'port' | 'wsgiApp' | 'workers' | 'uid' | 'gid' | 'lang' | 'git' | 'compose' | 'watch' | 'server';

export interface ValidationTexts {
  /** Names of the values inside messages ("port", "UID"). */
  names: { port: string; workers: string; uid: string; gid: string };
  wholeNumber: (what: string, min: number, max: number, got: string) => string;
  range: (what: string, min: number, max: number, value: number) => string;
  privilegedPort: (port: number) => string;
  pythonFormat: (got: string) => string;
  pythonNotSupported: (text: string, oldest: string) => string;
  pythonTooNew: (text: string, newest: string) => string;
  oneOf: (what: string, choices: readonly string[], got: string) => string;
  wsgiApp: (got: string) => string;
  rootId: (what: string) => string;
  yesNo: (got: string) => string;
  /** "Invalid --port: ..." / "port in .yo-rc.json: ...". */
  invalidFlag: (flag: string, message: string) => string;
  invalidStored: (key: string, message: string) => string;
  /** A value the project states that cannot be used. */
  detectedUnusable: (source: string, message: string) => string;
  /** What-names for oneOf. */
  what: { baseVariant: string; lang: string; server: string; stage: string };
}

/** What Yeoman's conflicter did with a file: the word printed before its path. */
/** A file status line's word: Yeoman's (create, force, identical, conflict, skip) and this generator's (update: ours, rewritten; merge: the user's edits kept). */

export interface CliTexts {
  /** The question for each value, also its --help description. */
  questions: Record<Exclude<ValueKey, 'server'>, string>;
  /** Shown in choices and in the read-from-project block: language names, not codes. */
  languageNames: Record<string, string>;
  /** --help descriptions of the options that are not questions. */
  options: { defaults: string; server: string; stage: string; help: string; align: string; version: string };
  /** The bin's --help: Yeoman's own options, and the words around them. */
  envOptions: Record<string, string>;
  helpWords: {
    usage: string;
    options: string;
    defaultValue: (value: string) => string;
    /** Under the options: what the [...] after each one means. */
    valuesLegend: string;
  };
  /** "[default: 5000]" after a --help description. */
  defaultNote: (value: string) => string;
  /**
   * --help run inside a project: the value a run there takes without the option, and where it
   * comes from ("[8000, from gunicorn.conf.py bind]"), instead of the generator's default.
   */
  helpValues: {
    stored: (value: string) => string;
    fromProject: (value: string, source: string) => string;
    /** A cautious choice (cli.read.fallback): "[3.13, the package index was not asked ...]". */
    fallback: (value: string, why: 'indexNotAsked' | 'indexUnreachable', within: string) => string;
    /** --server's note when there is no project to read. */
    serverDefault: string;
    /** One line when the project cannot be read for --help: the reason, and that the defaults are shown. */
    unreadable: (reason: string) => string;
  };
  /** The words of the questions themselves (inquirer's hints), in the run's language. */
  prompts: {
    /** Under a list of choices: the keys that move and choose. */
    navigate: string;
    select: string;
    /** A yes/no answer as shown once given, and as typed. */
    yes: string;
    no: string;
    /** After a yes/no question, with the default marked: "(y/N)". */
    yesNoHint: (defaultYes: boolean) => string;
    /** A yes/no answer that is neither. */
    yesNoError: string;
  };
  /** Yeoman's file status words, and the same under --dry-run (nothing is written). */
  statusWords: Record<FileStatus, string>;
  dryRunStatusWords: Record<FileStatus, string>;
  /** Said last by a --dry-run: nothing was written, and what the status lines above mean. */
  dryRunDone: string;
  validation: ValidationTexts;
  /** The block printed before the first question. */
  read: {
    title: string;
    /** Title of the block when there is no project to read (the sample app). */
    valuesTitle: string;
    /** Label of each value line. */
    labels: Record<ValueKey, string>;
    /** One value line: label, value, where it came from. */
    line: (label: string, value: string, origin: string) => string;
    flag: string;
    stored: string;
    fromProject: (source: string) => string;
    /**
     * A value chosen cautiously for the project, not stated by it: the package index was not asked
     * or did not answer; `within` names the range the choice was made in ('' for none).
     */
    fallback: (why: 'indexNotAsked' | 'indexUnreachable', within: string) => string;
    byDefault: string;
    /** A default that is not the generator's own: "(Streamlit's default)". */
    defaultOf: (by: string) => string;
    /**
     * `reason`: the reader's own words (English); `parts`: the same reason without words, for the
     * other languages to say (lib/read/types.ts DependencyReasonPart).
     */
    dependencies: (manager: string, files: string[], parts?: DependencyReasonPart[]) => string;
    noDependencies: string;
    entry: (target: string, kind: string, source: string) => string;
    noEntry: string;
    /** `untabled`: pins pip compiles with -dev headers the native table does not know (the plan warns about them). */
    compiled: (packages: string[], build: string[], runtime: string[], untabled: string[]) => string;
    noCompiled: string;
    /** A yes/no value in a value line. */
    yes: string;
    no: string;
  };
  errors: {
    /** The one error line's prefix: "generator-python-docker: error: ". */
    prefix: (program: string) => string;
    cancelled: string;
    /** `command`: how the user runs the app generator (yo, npx, the bin's path). */
    noProject: (root: string, command: string) => string;
    /** A question would be drawn, and there is no terminal and no --defaults. */
    noTerminal: string;
    unknownSubGenerator: (name: string, choices: string[]) => string;
    cwdNeedsFolder: string;
    unknownOption: (option: string, hint?: string) => string;
    /** commander: an option given without its value (`--port` at the end). */
    optionNeedsValue: (option: string) => string;
    /** commander: words that are neither the sub-command, an option nor an option's value. */
    unexpectedArguments: (words: string[], subCommands: string[]) => string;
    /** Any other command-line error commander reports (its own words, rarely seen). */
    commandLine: (detail: string) => string;
    /** .yo-rc.json is not valid JSON: where. */
    yoRcInvalid: (line: number, column: number) => string;
    /** app in a folder that holds something else: what was found (a few names). */
    otherProject: (found: string[]) => string;
    /** A value from the project that cannot be written safely into a generated file (lib/decide/sinks.ts): where it came from, the value (escaped), the file it would go into, why. */
    unsafeValue: (origin: string | undefined, value: string, sink: Sink, reason: 'control' | 'syntax') => string;
    /** An output file that is a symbolic link, or whose real path leaves the project: refused before anything is written. */
    outputOutside: (file: string, kind: 'symlink' | 'outside') => string;
  };
  /** The word before each file the run writes or leaves (as Yeoman's "create", "identical"). */
  /** The conflict question over a file the user edited (or one the generator did not write). */
  conflict: {
    /** This run's changes merge cleanly around the user's edits: the diff shows what the merge changes. */
    mergeable: (file: string) => string;
    /** This run changes lines the user edited (`regions`: how many; 0 when the earlier version cannot be rebuilt). */
    editedClash: (file: string, regions: number) => string;
    /** A file the generator has no record of writing. */
    notOurs: (file: string) => string;
    moreLines: (count: number) => string;
    question: (file: string) => string;
    choices: { merge: string; beside: (newFile: string) => string; overwrite: string; keep: string };
  };
  /** What a re-run says about the files it did not (fully) write. */
  rerun: {
    /** Written without a terminal: the user's edits kept, this run's changes merged in. */
    merged: (file: string) => string;
    staleTitle: string;
    /** The user kept their version at the question. */
    staleKept: (file: string, changes: string[]) => string;
    /** Not written by this run (another sub-generator's file, or the project changed). */
    staleOther: (file: string, changes: string[]) => string;
    /** This run's version is beside the user's; `command` compares them. */
    staleBeside: (file: string, newFile: string, command: string) => string;
    valueChange: (label: string, from: string, to: string) => string;
    alignWith: (command: string) => string;
  };
  /**
   * Said once when .yo-rc.json was written by an earlier version: the copies of what the project
   * states that were dropped ("python 3.12 (from .python-version: 3.13)"), the flags that choose
   * them again, and the values kept as the user's choices.
   */
  migratedStore: (dropped: string[], flags: string[], kept: string[]) => string;
  /** compose sub-generator: compose.yaml builds a Dockerfile the folder does not have yet. */
  composeNeedsDockerfile: (dockerfile: string, command: string) => string;
  /** The compose step's paragraph; `toggleCommand` regenerates compose.yaml with develop.watch switched (--watch / --no-watch). */
  composeStep: (compose: ComposePlan, toggleCommand: string) => string;
  /** "Next:" after a run that scaffolded into another folder. */
  nextInFolder: (folder: string) => string;
  /** The comment line above the patterns appended to the user's .dockerignore. */
  dockerignoreMergeHeader: string;
  /** The bin's --help: the sub-commands. */
  binHelp: {
    subCommands: string;
    perCommand: (program: string) => string;
    descriptions: Record<string, string>;
    /** `yo python-docker --help`: the heading of the sub-generators list. */
    subGenerators: string;
  };
  /** Comments in compose.yaml. */
  composeComments: ComposeComments;
  /** compare.py's docstrings, code comments and error prefix (its other strings are lib/messages/types.ts `compare`). */
  compareComments: CompareComments;
}

export type FileStatus = 'create' | 'update' | 'merge' | 'identical' | 'skip' | 'force' | 'conflict';

export interface ComposeComments {
  header: string;
  /** A uv workspace member: the workspace root as a second build context (Compose v2.17+). */
  additionalContexts: string;
  watchNeeds: (minimumCompose: string) => string;
  worksWithBoth: string;
  image: string;
  ports: (port: number) => string;
  workers: (server: string, workers: number) => string;
  reloadEnv: string;
  readOnly: string;
  notReadOnly: string;
  init: string;
  noInit: (server: string) => string;
  healthcheck: string;
  noRestart: (service: string) => string;
  develop: (minimumCompose: string) => string;
  syncReload: (server: string) => string;
  syncRestart: string;
  installsProject: string;
  ignore: string;
  rebuild: string;
  /** Above the variables the app reads with no default. */
  requiredEnv: string;
  /** Above the named volumes on the folders the app writes. */
  volumes: string;
  /** Above depends_on: the migrate service. */
  dependsOn: string;
  /** Instead of read_only: the app writes these files in /app itself. */
  notReadOnlyWrites: (files: readonly string[]) => string;
  /** Above the migrate service. */
  migrateService: (service: string) => string;
  /** In the migrate service: the database file it writes is its own copy. */
  migrateOwnCopy: (files: readonly string[], webService: string) => string;
}

export type CompareComments = { moduleDoc: (scriptEntry: string) => string } & Record<
  | 'textTable'
  | 'argparseWords'
  | 'filledIn'
  | 'teachingOrder'
  | 'buildkitSteps'
  | 'dependencyStep'
  | 'uniqueEdit'
  | 'idStar'
  | 'onlyNewRecords'
  | 'coldBuild'
  | 'codeEdit'
  | 'untagged'
  | 'runIt'
  | 'outputSection'
  | 'shellSplit'
  | 'buildkitDefault'
  | 'status404'
  | 'leftOver'
  | 'sigkill'
  | 'fewPasses'
  | 'onePerCall'
  | 'alignment'
  | 'divideByZero'
  | 'hostNetwork'
  | 'finallyRestores'
  | 'failureDoc'
  | 'findDockerfilesDoc'
  | 'slugDoc'
  | 'dependencyStepCachedDoc'
  | 'installSecondsDoc'
  | 'installerItself'
  | 'dockerDoc'
  | 'buildDoc'
  | 'codeOnlyEditDoc'
  | 'appAnswersDoc'
  | 'runAndStopDoc'
  | 'buildCacheIdsDoc'
  | 'cleanUpDoc'
  | 'measureDoc'
  | 'cellsDoc'
  | 'displayWidthDoc'
  | 'svgChartDoc'
  | 'renderHtmlDoc'
  | 'errorPrefix',
  string
>;
