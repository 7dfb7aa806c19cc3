/**
 * What reading a Python project tells us. Produced by readProject() (lib/read/read.ts),
 * consumed by the decision step (lib/decide/plan.ts). Every fact says where it came from, so the
 * generator can print its decisions and the user can override them.
 */
import type { RequirementOption } from './requirements.js';

import type { AppKindId } from '../tables/app-kinds.js';

export type DependencyManager = 'uv' | 'poetry' | 'pipenv' | 'pip' | 'pyproject' | 'pdm' | 'setuptools';

export interface Sourced<T> {
  value: T;
  /** The file (relative to the project root) or rule the value came from, e.g. "pyproject.toml [project] requires-python". */
  source: string;
  /**
   * Set when the value is not what the project states but a cautious choice made for it, and why:
   * the package index was not asked (PYDOCKER_OFFLINE=1) or did not answer, so pinned releases'
   * wheels could not be checked. `source` then names the range the choice was made within, if any.
   */
  fallback?: 'indexNotAsked' | 'indexUnreachable';
}

export interface Dependencies {
  manager: DependencyManager;
  /**
   * Files a dependency-only layer must COPY before installing (relative paths), e.g. ["requirements.txt", "requirements/base.txt"] or ["pyproject.toml", "uv.lock"].
   * May also name a folder (a local `--find-links` folder of wheels), which must be copied to the same path.
   */
  files: string[];
  /** For manager 'pip': the top-level requirements file to `pip install -r`. */
  requirementsFile?: string;
  /** True when the dependency files install the project itself (`-e .` / `.` in requirements, or a pyproject build-system), so the code must be present for that step. */
  installsProject: boolean;
  /** Declared distribution names, normalized per PEP 503 (lowercase, runs of -_. become -), without versions or extras. */
  packages: string[];
  /** Why this manager was chosen, in parts with no words (lib/messages says them): `uv.lock` found, `requirements.txt` also present. */
  reasonParts: DependencyReasonPart[];
  /** Exact versions the project pins (`name==1.2.3` in requirements, or every package of a lock file), by PEP 503 name. */
  pins?: Record<string, string>;
  /** Extras asked for, by PEP 503 name (`psycopg[binary]`): requirements files and [project] dependencies; absent when none. */
  extras?: Record<string, string[]>;
  /** For each pinned release that was checked: the Pythons it installs on without compiling (lock files, or the package index). */
  wheels?: WheelSupport[];
  /** For manager 'setuptools': setup.cfg [options] install_requires can be read before the code is copied. */
  setupCfgRequires?: boolean;
  /** For manager 'pip': the options the requirements files carry besides requirements (`--pre`, `--extra-index-url`), where written. */
  requirementsOptions?: RequirementOption[];
  /** For manager 'pip': the requirements carry `--hash` lines, so they pin every package, dependencies included. */
  requirementsHashed?: boolean;
  /** For manager 'poetry': the dependency groups besides main that a production install takes (not optional, not dev or test). */
  poetryGroups?: string[];
  /**
   * For a member of a uv workspace (lib/read/workspace.ts): where the root is, the member's package
   * name in the root's uv.lock, and the workspace members it depends on (root-relative folders).
   */
  workspace?: import('./workspace.js').Workspace & { package: string; dependsOn: string[] };
}

export type { RequirementOption };

/** One pinned release, and where what is known about it came from. */
export interface PinnedRelease {
  /** PEP 503 name. */
  name: string;
  version: string;
  /** Where the files were listed: "uv.lock", "poetry.lock", "pdm.lock", "the package index". */
  from: string;
  /** When it was released (the first upload, YYYY-MM-DD), when the lock file or the index says. */
  released?: string;
}

/**
 * Which CPython minors one pinned release installs on (lib/read/wheels.ts), as one explicit kind:
 * - `pure`: a pure-Python wheel, every Python;
 * - `wheels`: Linux x86_64 wheels for `minors` only (others would compile from source);
 * - `sourceByDate`: no Linux wheel, a package known to compile C code (NATIVE_DEPENDENCIES): taken
 *   to build on the Pythons released by its release date (`minors`);
 * - `sourceUndated`: the same with no release date known: any Python, compiled;
 * - `otherSystemsOnly`: wheels for macOS or Windows only (kerberos 1.3.1): C code compiled on Linux,
 *   with headers the table does not know, on any Python;
 * - `noLinuxWheel`: no Linux wheel and not known to compile: taken to be pure Python.
 */
export type WheelSupport = PinnedRelease &
  (
    | { kind: 'pure' }
    | { kind: 'wheels'; minors: string[] }
    | { kind: 'sourceByDate'; minors: string[] }
    | { kind: 'sourceUndated' }
    | { kind: 'otherSystemsOnly' }
    | { kind: 'noLinuxWheel' }
  );

/** The minors a release installs on; undefined when any Python will do. */
export function installsOn(release: WheelSupport): string[] | undefined {
  return release.kind === 'wheels' || release.kind === 'sourceByDate' ? release.minors : undefined;
}

/** True when an install builds the release from its sdist here (no Linux wheel), whether or not that needs a compiler. */
export function builtFromSource(release: WheelSupport): boolean {
  return release.kind === 'noLinuxWheel' || compilesFromSource(release);
}

/** True when pip builds the release from source (a compiler is needed). */
export function compilesFromSource(release: WheelSupport): boolean {
  return release.kind === 'sourceByDate' || release.kind === 'sourceUndated' || release.kind === 'otherSystemsOnly';
}

/**
 * How a server loads the app: a WSGI or ASGI callable, an aiohttp Application (gunicorn's aiohttp
 * worker), Django's WSGI/ASGI application, or a file it runs (lib/tables/app-kinds.ts).
 */
export type EntryKind = 'wsgi' | 'asgi' | 'aiohttp' | 'django' | 'script';

export interface EntryPoint {
  kind: EntryKind;
  /** wsgi/asgi/aiohttp: "module:attribute" or "module:factory()"; django: the WSGI_APPLICATION/ASGI path as "module:application"; script: the file path. */
  target: string;
  /** The app's kind (an id of lib/tables/app-kinds.ts), or 'other' when only a server's configuration names it. */
  framework?: AppKindId | 'other';
  /** A src/ layout: the folder the server must add to the import path ("src"). */
  pythonPath?: string;
  source: string;
  /** The factory is `async def`: gunicorn's aiohttp worker awaits it (named without the parentheses). */
  asyncFactory?: boolean;
  /** The port the kind's own code or configuration states (`launch(server_port=...)`, `.streamlit/config.toml`). */
  port?: Sourced<number>;
  /** The address the app's own code names where its own call starts the server (`launch(server_name="127.0.0.1")`), "file:line call". */
  host?: Sourced<string>;
}

/** An app of a known kind that no server can load as the code is written, and why. */
export interface UnservableApp {
  kind: AppKindId;
  file: string;
  line: number;
  /** The name bound to it (the app, or the factory). */
  name: string;
  /**
   * needsArguments: a factory with a required parameter; asyncFactory: an `async def` factory
   * (uvicorn and gunicorn call factories synchronously); noServedName: the object a server loads is
   * an attribute no module-level name is bound to (a Dash app's `server`); notImportable: the file
   * is not importable by name (`my-app.py`).
   */
  why: 'needsArguments' | 'asyncFactory' | 'noServedName' | 'notImportable';
}

/** The settings Django reads from the environment (or has written in), see django.ts. */
export type DjangoEnvSetting = 'SECRET_KEY' | 'DEBUG' | 'ALLOWED_HOSTS';

export interface SettingRead {
  /** The environment variable it is read from; undefined when the value is written in the settings. */
  variable?: string;
  /** True when read with no default (the settings fail to import without it). */
  required: boolean;
  /** A comma-separated list (`env.list(...)`, `.split(",")`), for ALLOWED_HOSTS. */
  commaList: boolean;
  /** "file:line". */
  source: string;
}

/**
 * Why the image runs another settings module than the one the project names (lib/read/django.ts):
 * no file holds the named one (`missing`), it is an empty package (`empty`), a development module
 * by name (`development`) or by `DEBUG = True` (`debug`), each with a production sibling; or the
 * name is relative to the server module's package (`elsewhere`).
 */
export type SettingsReplacement = 'missing' | 'empty' | 'development' | 'debug' | 'elsewhere';

export interface DjangoFacts {
  /** The settings module the server runs, e.g. "config.settings.production". */
  settingsModule: string;
  /** Where the project names its settings module, e.g. "config/wsgi.py". */
  settingsSource: string;
  /** The module the project names, when the image runs another one (settingsModule), and why. */
  replaced?: { named: string; why: SettingsReplacement };
  /** The project names a module no file holds and nothing stands in for: the image sets no DJANGO_SETTINGS_MODULE. */
  unresolved?: boolean;
  /** The name is built from environment variables: the defaults it took (`DJANGO_ENV` unset -> "dev"). */
  namedFromEnv?: Array<{ variable: string; default: string }>;
  /** "file:line" where the server's module sets DJANGO_SETTINGS_MODULE unconditionally, when the image replaces the module: its ENV cannot win there. */
  forcedBy?: string;
  /** manage.py's default, when it differs from settingsModule (management commands must be told). */
  manageDefault?: string;
  /** The settings files read, the module first. */
  settingsFiles: string[];
  /** "file:line" of a STATIC_ROOT that is set (not None). */
  staticRoot?: string;
  staticfilesApp: boolean;
  whitenoise: boolean;
  settings: Partial<Record<DjangoEnvSetting, SettingRead>>;
}

export type { RequiredEnv } from './env-vars.js';
export type { RuntimeWrite } from './writes.js';

export interface ProjectFacts {
  root: string;
  /** False when the folder has no Python project at all (no dependency file, no .py file). */
  isPythonProject: boolean;
  dependencies?: Dependencies;
  /** The Python the project states: an exact version, or the newest its range allows, with the range (python-version.ts). */
  pythonVersion?: Sourced<string> & { range?: string[] };
  /** Pinned releases the package index could not be asked about (name==version). */
  unreachablePins?: string[];
  /** False when the package index was not asked about the pins at all (PYDOCKER_OFFLINE=1). */
  pinsIndexAsked?: boolean;
  /** Where the project's code imports pkg_resources ("file:line"): it needs setuptools < 81 (pkg-resources.ts). */
  importsPkgResources?: string[];
  entryPoint?: EntryPoint;
  port?: Sourced<number>;
  /** Django: the settings the server runs (STATIC_ROOT, how SECRET_KEY/DEBUG/ALLOWED_HOSTS are read). */
  django?: DjangoFacts;
  /** Environment variables read with no default where a missing value stops the app (env-vars.ts). */
  requiredEnv?: import('./env-vars.js').RequiredEnv[];
  /** Paths the app writes next to its code at run time (writes.ts). */
  writes?: import('./writes.js').RuntimeWrite[];
  /** The code reads its own distribution's metadata and the dependency files do not install the project (own-distribution.ts). */
  ownDistribution?: import('./own-distribution.js').OwnDistributionRead;
  /** How the project says it is served: gunicorn.conf.py, a Procfile web: line. */
  serving?: Serving;
  /** Other apps found besides entryPoint, best first (the user may pick one with --wsgi-app). */
  otherEntryPoints?: EntryPoint[];
  /** Files that build an app but cannot be imported by name (my-app.py), when no entry point was found. */
  unimportableApps?: string[];
  /** Apps of a known kind that no server can load as written, when no entry point was found. */
  unservableApps?: UnservableApp[];
  /** The first of main.py, app.py, server.py at the root: what `--server python` runs when no script kind was recognised. */
  scriptFile?: string;
  /** Files the readers did not use: links out of the project, files over the size caps, Python that does not parse. */
  skippedFiles?: import('./project-files.js').SkippedFile[];
  /** What was read, in order, as typed notes (a code and its values): lib/messages words them. */
  notes: ReadNote[];
}

/** Why a Python version source that is present was passed over (python-version.ts). */
export type PythonIgnoredWhy = 'notCPython3' | 'expectedRuntimeTxt' | 'noSupportedPython' | 'expectedVersion';

/** How an entry point is served, as the readers describe it (entry-point.ts entryDescription): no words. */
export interface EntryDescription {
  /** script: a file a server runs; django: Django's WSGI/ASGI application; factory / app: a callable or object. */
  form: 'script' | 'django' | 'factory' | 'app';
  /** The app kind's name ("Flask", "Streamlit"), when known. */
  kindName?: string;
  /** The factory's or the app's name ("create_app", "app"); the file for a script; the target for Django. */
  name: string;
  /** Where it was found ("app.py", "mysite/settings.py WSGI_APPLICATION"). */
  source: string;
  /** An `async def` factory. */
  asyncFactory: boolean;
  /** The command that serves it ("gunicorn app:app", "streamlit run app.py"). */
  command: string;
}

/**
 * One thing reading the project found, in order, with its values and no words: the generator says
 * them (lib/messages/<lang> notes), the plan snapshot lists them, lib/decide/report.ts picks the ones
 * the terminal shows beside the values.
 */
export type ReadNote =
  | { code: 'noProject' }
  | { code: 'workspace'; member: string; root: string; declaredIn: string }
  | { code: 'dependencies'; manager: DependencyManager; files: string[]; parts: DependencyReasonPart[] }
  | { code: 'noDependencies' }
  | { code: 'python'; version: string; source: string }
  | { code: 'noPython' }
  /** A source present but saying nothing usable (`value` as written); the next source was asked. */
  | { code: 'pythonIgnored'; source: string; value: string; why: PythonIgnoredWhy }
  /** A pin (`version` from `source`) that requires-python (`range`, as written) does not allow. */
  | { code: 'pythonOutsideRange'; version: string; source: string; range: string }
  | { code: 'gunicornConf'; file: string; bind?: string; bindComputed: boolean; wsgiApp?: string }
  | { code: 'procfile'; file: string; command: string }
  | { code: 'entry'; entry: EntryDescription }
  /** No app found: the kinds looked for (names of lib/tables/app-kinds.ts). */
  | { code: 'noEntry'; constructors: string[]; scripts: string[] }
  | { code: 'port'; port: number; source: string }
  | { code: 'noPort' }
  | { code: 'djangoSettings'; module: string; source: string; manageDefault?: string }
  | { code: 'djangoReads'; reads: Array<{ setting: string; variable?: string; required: boolean; file: string }> }
  | { code: 'djangoStatic'; staticRoot?: string; whitenoise: boolean }
  | { code: 'needsAtStart'; reads: Array<{ name: string; source: string }> }
  | { code: 'importsPkgResources'; sources: string[] }
  | { code: 'installsProject'; source: string; how: string; projectFiles: string[] }
  | { code: 'writesAtRunTime'; writes: Array<{ path: string; source: string }> }
  | { code: 'notRead'; file: string; reason: import('./project-files.js').SkipReason; line?: number };

export type ReadNoteCode = ReadNote['code'];

/** How the project says it is served (serving.ts). */
export interface GunicornConf {
  file: string;
  /** `bind` as written when it is a plain string (or a one-string list), e.g. "0.0.0.0:8000". */
  bind?: string;
  /** True when `bind` is set to something other than a string literal (an f-string, a variable). */
  bindComputed: boolean;
  /** `wsgi_app = "module:app"`. */
  wsgiApp?: string;
  /** Settings the file states, so the CMD does not repeat or contradict them. */
  sets: string[];
  /** What in the file stops the server in a container, in any branch (issue 20.5); absent when nothing does. */
  hazards?: GunicornHazard[];
  /** Top-level literal settings a CMD can carry as flags when the file is not loaded ([flag, value]; "" for a flag with no value). */
  flags?: Array<[string, string]>;
}

/**
 * A gunicorn.conf.py setting that stops the server in a container: `daemon = True` (gunicorn
 * detaches, PID 1 exits 0 with no log), a unix-socket (or fd) bind (nothing listens where EXPOSE
 * and HEALTHCHECK point), log files (not in `docker logs`; /var/log is not the app user's), a pid
 * file (its folder is not the app user's).
 */
export interface GunicornHazard {
  setting: 'daemon' | 'bind' | 'accesslog' | 'errorlog' | 'pidfile';
  /** The value as written. */
  value: string;
  /** "file:line". */
  source: string;
  /** The branch's condition (`ENVIRONMENT == "production"`), when the assignment is inside an if. */
  condition?: string;
}

export interface ProcfileWeb {
  /** The command after `web:`, as written. */
  command: string;
  /** Its words, shell-style (quotes removed), leading VAR=value assignments dropped. */
  argv: string[];
  /** gunicorn, uvicorn, or another program (hypercorn, waitress-serve, python, flask, ...). */
  program: string;
  /** The app argument of gunicorn / uvicorn ("module:app", "module:factory()"). */
  target?: string;
}

export interface Serving {
  gunicornConf?: GunicornConf;
  procfile?: ProcfileWeb;
}

/** One part of why a dependency manager was chosen (Dependencies.reasonParts): files and names only, no prose. */
export type DependencyReasonPart =
  | { key: 'found'; file: string }
  | { key: 'foundInWorkspace'; file: string; root: string }
  | { key: 'foundWithout'; file: string; missing: string }
  | { key: 'compiledFrom'; file: string }
  | { key: 'notInstalled'; files: string[] }
  | { key: 'installedAsWritten'; file: string; missing: string }
  | { key: 'tableWithout'; table: string; file: string; missing: string }
  | { key: 'noPackageFolder'; name: string }
  | { key: 'dependenciesOnly'; why: 'packageModeFalse' | 'notADistribution' }
  | { key: 'pipInstallDot'; file: string }
  | { key: 'setupFound'; files: string[]; installRequiresFirst: boolean }
  | { key: 'alsoPresent'; files: string[] };
