/**
 * The shape of one language's texts: what the generator says in the terminal, and the teaching
 * comments inside the files it writes. A language is one file implementing this (see en.ts);
 * the compiler checks that every key exists in every language.
 */
import type { InstallNote } from '../decide/install.js';
import type { DockerPlan } from '../decide/plan.js';
import type { PlanWarning } from '../decide/warnings.js';
import type { PythonChoice } from '../decide/python-choice.js';
import type { ServingDecision } from '../decide/server-command.js';
import type { StepId } from '../decide/steps.js';
import type { UnservableApp } from '../read/types.js';
import type { CliTexts } from './cli-types.js';
import type { VerifyTexts } from './verify-types.js';
import type { ReportTexts } from './report-types.js';

export interface StepMessage {
  /** Fixed, or from the plan where the step's files depend on it (the app step names the module it wrote). */
  title: string | ((plan: DockerPlan) => string);
  /** `letIn`: what the run's .dockerignore files still let into the build context (`.env`, `.git`: the user's exceptions, kept). */
  body: (plan: DockerPlan, facts?: { letIn?: string[] }) => string;
}

type Text = string;
type PlanText = (plan: DockerPlan) => string;

export interface Messages {
  /** BCP 47 tag, also the folder of the language's WORKSHOP.md template. */
  lang: string;
  steps: Record<StepId, StepMessage>;
  /** Questions, option help, validation, errors, compose step and compose.yaml comments (cli-<lang>.ts). */
  cli: CliTexts;
  /** What --verify says: its options, question, progress, verdict and likely causes (verify-<lang>.ts). */
  verify: VerifyTexts;
  /** The readers' notes, in words (report-<lang>.ts); lib/messages/report.ts says a whole report. */
  report: ReportTexts;
  text: {
    warning: (message: string) => string;
    planWarning: (warning: PlanWarning) => string;
    readFromProject: Text;
    overrideHint: Text;
    serverChosen: (command: string, added: string[]) => string;
    /** The server release added is an older one, because the newest needs a newer Python than the image's. */
    serverForPython: (server: string, version: string, newest: string, newestNeeds: string, python: string) => string;
    /** A uv workspace member: where the lock was read, and the one build command (a second, named build context). */
    workspaceBuild: (root: string, member: string, buildContext: string) => string;
    /** How the Python was chosen from the pins (their wheels, their era), one line; undefined when the pins did not decide. */
    pythonChoice: (choice: PythonChoice, version: string) => string | undefined;
    /**
     * Where a Python the pins decided comes from, in a value line's "(from ...)": the pins and why,
     * from the choice's typed source (PythonChoice.version.byPins); undefined when the pins did not decide.
     */
    pythonFromPins: (choice: PythonChoice) => string | undefined;
    existingProject: Text;
    /** app re-run in the workshop folder an earlier run scaffolded. */
    workshopAgain: Text;
    gitHistory: (tags: string[]) => string;
    gitNotForProject: Text;
    /** --git in the workshop folder an earlier run scaffolded: its history was made then. */
    gitWorkshopExists: Text;
    /** `file`: .dockerignore, or a Dockerfile's own (Dockerfile.dockerignore, which BuildKit prefers for that Dockerfile). */
    dockerignoreMerged: (added: string[], file: string) => string;
    dockerignoreUnchanged: (file: string) => string;
    /** The same, for a file an earlier run of the generator wrote (not the user's). */
    dockerignoreMergedOurs: (added: string[], file: string) => string;
    dockerignoreUnchangedOurs: (file: string) => string;
    dockerignoreKeptExceptions: (patterns: string[], file: string) => string;
    /** One warning line: the user's exceptions still let `.env` files or `.git` into the build context. */
    dockerignoreLetsIn: (file: string, names: string[], exceptions: string[]) => string;
    nextSteps: PlanText;
    /** Lines printed with what was read: Django's settings and static files, migrations, required variables, paths written at run time. */
    runtimeNeeds: (plan: DockerPlan) => string[];
    /** Other apps found besides the one served, and how to pick one. */
    entryAlternatives: (others: string[]) => string;
    /** What the CMD kept from or overrode in the project's own serving configuration. */
    servingDecision: (decision: ServingDecision) => string;
    /** One line for an install decision the user did not ask for (pip instead of uv, a build constraint, Poetry groups); undefined for the usual ones. */
    installDecision: (note: InstallNote) => string | undefined;
    /** Refusal (one line): no app found and none named. */
    noAppFound: Text;
    /** Refusal (one line): apps of a known kind that no server can load as written, and what would. */
    unservableApp: (apps: UnservableApp[]) => string;
    /** Refusal (one line): no app of a known kind; a script at the root that may serve on its own. */
    unknownScript: (file: string) => string;
    /** Refusal (one line): the app is in files no server can import by name. */
    unimportableApp: (files: string[]) => string;
    /** Refusal (one line): the app's own code starts its server on an address only the container itself reaches. */
    loopbackOnly: (host: string, source: string) => string;
    /** Refusal (one line): framework code but no dependency file. */
    noDependencyFile: (framework: string) => string;
  };
  /** compare.py's table headings and chart titles ({uid} is filled in by the script). */
  compare: Record<
    | 'col_dockerfile' | 'col_size' | 'col_cold' | 'col_install' | 'col_rebuild' | 'col_deps' | 'col_stop' | 'col_uid'
    | 'cached' | 'reran' | 'no_install_step' | 'root'
    | 'html_title' | 'html_intro' | 'chart_size' | 'chart_cold' | 'chart_rebuild' | 'chart_stop'
    // --help, progress lines and errors ({...} and %(default)s are filled in by the script)
    | 'description' | 'epilog' | 'help_dockerfiles' | 'help_port' | 'help_app_file' | 'help_network_host'
    | 'help_build_flag' | 'help_run_flag' | 'help_docker' | 'help_out' | 'help_json' | 'help_keep'
    | 'help_timeout' | 'help_tag_prefix' | 'step_cold' | 'step_rebuild' | 'step_run' | 'took' | 'unknown'
    | 'megabytes' | 'seconds' | 'wrote' | 'cleaned' | 'err_no_docker' | 'err_no_engine' | 'err_missing_file'
    | 'err_no_dockerfiles' | 'err_build' | 'err_run' | 'err_port_busy' | 'err_exited' | 'err_no_answer'
    | 'interrupted'
    // argparse's own words (compare.py --help and its usage errors), by the English text argparse looks up
    | 'ap_usage' | 'ap_options' | 'ap_optional_arguments' | 'ap_help' | 'ap_error' | 'ap_unrecognized' | 'ap_argument'
    | 'ap_expected_one' | 'ap_invalid_value' | 'ap_ambiguous' | 'ap_ignored_explicit',
    string
  >;
  /** Comments in the generated files. Multi-line strings become several comment lines. */
  comments: {
    bad: { header: Text; problemImage: Text; problemOrder: PlanText; problemBuffer: Text; problemPid1: Text; problemRoot: Text };
    better: {
      header: Text;
      fixSlim: Text;
      fixAlpine: Text;
      fixFullSkipped: Text;
      fixEnv: Text;
      fixOrder: Text;
      codeLast: PlanText;
      stillScript: Text;
      stillServer: Text;
    };
    production: { header: Text; dependenciesFirst: Text };
    multistage: {
      header: Text;
      builder: Text;
      buildTools: Text;
      venv: PlanText;
      runtime: Text;
      venvOnPath: Text;
      runtimeLibraries: Text;
      copyVenv: Text;
      /** The builder starts from the full python image (compilers and common headers in it). */
      builderFull: PlanText;
      /** apt-get in the builder for headers the full image lacks. */
      buildHeaders: Text;
      /** The builder lists the system libraries the compiled modules link to. */
      scanLibraries: Text;
      /** The runtime stage installs the libraries the builder listed. */
      installLibraries: Text;
    };
    /** pip downloads through a cache mount (a project uv would install differently). */
    cacheMountPip: Text;
    /** uv keeps every wheel it downloads or builds in its cache mount. */
    cacheMountUv: Text;
    /** uv is lent to the step from its stage (a bind mount), never copied into the image. */
    uvBorrowed: Text;
    /** Above the uv stage of the single-stage Dockerfile: where uv comes from. */
    uvStage: Text;
    /** Above `pip install uv` in the multi-stage builder. */
    builderUv: Text;
    /** Above uv's ENV settings. */
    uvEnv: Text;
    /** Above the INDEX_URL build arguments: the user's own index, and the login as a secret. */
    indexArgs: Text;
    /** Above the same build arguments in a later stage. */
    indexArgsAgain: Text;
    /** apt lists and archives in cache mounts. */
    cacheMountApt: Text;
    /** The server's graceful timeout, under docker stop's 10 s. */
    gracefulTimeout: PlanText;
    runtimeEnv: Text;
    /** Why uvicorn's worker health-check timeout is raised (with WEB_CONCURRENCY > 1). */
    uvicornWorkerHealthcheck: Text;
    nonRootUser: Text;
    /** The same on Alpine, whose BusyBox adduser takes other flags. */
    nonRootUserAlpine: Text;
    unpinnedDebian: Text;
    unpinnedAlpine: Text;
    compileAndRemove: (packages: string[]) => string;
    unpinnedDebianShort: Text;
    unpinnedAlpineShort: Text;
    noCacheBoth: Text;
    noCachePip: Text;
    /** The one-line reason above an install step: why this dependency manager installs this way (lib/decide/install.ts). */
    installNote: (note: InstallNote) => string;
    projectAfterCode: Text;
    copyCode: Text;
    userSwitch: Text;
    healthcheck: PlanText;
    serverGunicorn: PlanText;
    serverUvicorn: PlanText;
    serverSanic: PlanText;
    serverStreamlit: PlanText;
    serverScript: PlanText;
    stopSignal: PlanText;
    /** The environment the app's kind reads (Gradio's address and port). */
    kindEnv: PlanText;
    /** The working directory and the folders the app writes, owned by the app user. */
    writablePaths: PlanText;
    /** ENV DJANGO_SETTINGS_MODULE, when the server's settings differ from manage.py's default. */
    djangoSettingsModule: PlanText;
    /** The collectstatic RUN and its build-only placeholders. */
    collectstatic: PlanText;
    /** Above CMD: what the app needs at start, where it writes, how to migrate. */
    runtimeNeeds: PlanText;
    /** The CMD follows the project's gunicorn.conf.py / Procfile. */
    serverFromProject: PlanText;
    /** Libraries the project's packages load at run time through ctypes / cffi, installed for them. */
    loadedLibraries: PlanText;
    /** Above CMD when the project's gunicorn.conf.py is not loaded (it daemonizes). */
    gunicornConfBypassed: PlanText;
    dockerignore: {
      header: Text;
      vcs: Text;
      secrets: Text;
      venvs: Text;
      caches: Text;
      /** Files the app writes in /app at run time (a SQLite database): the developer's copy stays out. */
      appData: Text;
      docker: Text;
      editors: Text;
    };
    sample: { docstring: Text; factoryDocstring: (wsgiApp: string) => string; printNote: Text; hostNote: Text };
    requirements: Text;
  };
}
