/** English: everything the generator says to teach. */
import type { DockerPlan } from '../decide/plan.js';
import type { GunicornHazard, SettingsReplacement } from '../read/types.js';
import { RUNTIME_LOADS } from '../tables/runtime-loads.js';
import type { UnservableApp } from '../read/types.js';
import { APP_KINDS, appKind } from '../tables/app-kinds.js';
import { DEFAULT_PYTHON_VERSION } from '../tables/versions.js';
import { cliEn } from './cli-en.js';
import { verifyEn } from './verify-en.js';
import { reportEn } from './report-en.js';
import type { Messages } from './types.js';

/** Poetry's groups a production install takes. */
const groupList = (groups: readonly string[] | undefined) => (groups && groups.length > 0 ? `groups main, ${groups.join(', ')}` : 'main group');

/** Why uv would install a requirements file with this option differently from pip. */
function uvIgnores(option: string): string {
  switch (option) {
    case '--pre':
      return 'uv ignores in a requirements file (pre-releases would not be allowed)';
    case '--prefer-binary':
      return 'uv ignores in a requirements file (it could pick a newer source package)';
    case '--trusted-host':
      return 'uv ignores in a requirements file (an index without valid HTTPS would fail)';
    case '--use-feature':
      return 'is a pip feature flag uv ignores';
    default:
      return 'uv never passes to a setup.py';
  }
}

/** "setuptools<70" -> "70". */
const constraintBound = (constraint: string) => constraint.replace(/^[^<]*</, '');

/** Why the image runs other Django settings than the project names (lib/read/django.ts). */
const SETTINGS_REPLACED_EN: Readonly<Record<SettingsReplacement, string>> = {
  missing: 'which no file holds',
  empty: 'an empty settings package',
  development: 'development settings',
  debug: 'which sets DEBUG = True',
  elsewhere: "a name relative to the server module's package",
};

/** ` (DJANGO_ENV unset: "dev")` after a settings name built from environment variables. */
const namedFromEnvEn = (env: ReadonlyArray<{ variable: string; default: string }> | undefined) =>
  env && env.length > 0 ? ` (${env.map((read) => `${read.variable} unset: "${read.default}"`).join(', ')})` : '';

/** Files written in /app itself: what keeps them, and why a volume over /app is not the way. */
const filesInAppEn = (p: DockerPlan, lineBreak = ' ') => {
  const files = p.filesInApp;
  return (
    `${files.join(', ')} ${files.length === 1 ? 'is' : 'are'} written in /app itself, lost with the container and refused under --read-only;${lineBreak}` +
    `a volume over /app would hide the next image's code: point the file at a folder (data/) and mount that.${lineBreak}` +
    'Your local copy stays out of the image (.dockerignore)'
  );
};

/** ` when ENVIRONMENT == "production"` after a setting made in a branch. */
const whenEn = (condition: string | undefined) => (condition ? ` when ${condition}` : '');

/** Why a gunicorn.conf.py setting stops the server in a container (lib/read/types.ts GunicornHazard). */
const HAZARD_WHY_EN: Readonly<Record<GunicornHazard['setting'], string>> = {
  daemon: 'gunicorn would detach and the container exit with no log',
  bind: 'nothing would listen where EXPOSE and HEALTHCHECK point',
  accesslog: 'a log file is not in `docker logs`, and its folder is not the app user\'s',
  errorlog: 'a log file is not in `docker logs`, and its folder is not the app user\'s',
  pidfile: "the pid file's folder is not the app user's",
};

/** "psycopg (libpq), python-magic (libmagic)": each package with the library it opens. */
const loadsList = (p: DockerPlan) => p.runtimeLoads.matched.map((name) => `${name} (${RUNTIME_LOADS[name]!.library})`);
const kindNames = (by: 'constructor' | 'script') => APP_KINDS.filter((kind) => kind.recognition.by === by).map((kind) => kind.name);
const list = (items: string[], last = 'or') => (items.length > 1 ? `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}` : (items[0] ?? ''));

/** What the production image runs, in a few words: `gunicorn with 3 workers (WEB_CONCURRENCY)`, `streamlit run app.py`. */
function runs(p: DockerPlan): string {
  if (p.server === 'python') return `python ${p.scriptEntry}`;
  if (p.server === 'streamlit') return `streamlit run ${p.scriptEntry}`;
  if (p.server === 'sanic') return `sanic with ${p.workers} workers`;
  return `${p.server} with ${p.workers} workers (WEB_CONCURRENCY)`;
}

/** One found-but-unservable app, and what would make it servable. */
function unservable(app: UnservableApp): string {
  const kind = appKind(app.kind);
  const name = kind?.name ?? app.kind;
  const where = `${app.file}:${app.line}`;
  switch (app.why) {
    case 'needsArguments':
      return `a ${name} app factory "${app.name}" (${where}) that needs arguments (a server calls it with none)`;
    case 'asyncFactory':
      return `a ${name} app factory "${app.name}" (${where}) that is async (the server calls factories without awaiting them)`;
    case 'noServedName':
      return `a ${name} app "${app.name}" (${where}) with no name a server can import${kind?.nameIt ? `: add \`${kind.nameIt.replace(/\bapp\b/, app.name)}\` to ${app.file}` : ''}`;
    case 'notImportable':
      return `a ${name} app in ${app.file}, which no server can import by name`;
  }
}

/** Points at the walkthrough, which only the sample project has. */
const see = (p: DockerPlan, section: number) => (p.sample ? ` WORKSHOP.md, section ${section}.` : '');

export const en: Messages = {
  lang: 'en',
  cli: cliEn,
  verify: verifyEn,
  report: reportEn,
  steps: {
    app: {
      title: (p) => `Step 1 - the app (${p.scriptEntry}, requirements.txt)`,
      body: (p) =>
        `A Flask app that answers "Hello from <HOSTNAME>!" on port ${p.port}. Dependencies are pinned to current releases: ` +
        `the original note's Flask 2.2.3 and gunicorn 20.1.0 carry published CVEs.` + see(p, 1),
    },
    bad: {
      title: 'Step 2 - Dockerfile.bad, the intuitive version (kept bad on purpose)',
      body: (p) =>
        `Full ${p.images.full} image, code copied before the dependency install, no Python env vars${p.devCommandIsScript ? ', python as PID 1' : ''}. ` +
        `See it: edit ${p.scriptEntry} and rebuild (the install runs again)` +
        (p.devCommandIsScript ? '; `docker stop` takes 10 s.' : '.') +
        see(p, 2),
    },
    better: {
      title: 'Step 3 - Dockerfile.better: fast rebuilds, live logs',
      body: (p) =>
        `${p.baseVariant === 'alpine' ? 'Alpine base' : p.baseVariant === 'full' ? 'Full base kept (--base-variant full)' : 'Slim base'}, ` +
        `PYTHONUNBUFFERED / PYTHONDONTWRITEBYTECODE, dependencies installed before the code is copied. ` +
        `See it: edit ${p.scriptEntry}, rebuild, and the install step says CACHED; print() shows in \`docker logs\`.` +
        see(p, 3),
    },
    dockerignore: {
      title: 'Step 4 - .dockerignore: keep secrets and clutter out of the build',
      body: (p, facts) =>
        (facts?.letIn?.length
          ? `Virtualenvs, caches and __pycache__ (in every folder) never enter the build context; ${facts.letIn.join(' and ')} still ${facts.letIn.length === 1 ? 'does' : 'do'}, ` +
            `by your own exception (see the warning above), so ${facts.letIn.length === 1 ? 'it ends' : 'they end'} up in every image built here.`
          : `.git, .env files, virtualenvs, caches and __pycache__ (in every folder) never enter the build context, ` + `so they cannot end up in an image.`) +
        see(p, 4),
    },
    production: {
      title: 'Step 5 - Dockerfile: production',
      body: (p) =>
        `Non-root user ${p.uid}:${p.gid}, ${runs(p)}, ` +
        `HEALTHCHECK${p.server === 'gunicorn' || p.server === 'uvicorn' ? ', runs with --read-only' : ''}. See it: \`docker stop\`${p.server === 'python' ? '' : ' returns in about a second'}; ` +
        `\`docker exec <container> id -u\` prints ${p.uid}.` +
        see(p, 5),
    },
    multistage: {
      title: 'Step 6 - Dockerfile.multistage: compilers in the builder stage only',
      body: (p) =>
        (p.builder.scanRuntimeLibraries
          ? `Dependencies are built in ${p.builder.image} (compilers and common headers included${p.builder.packages.length > 0 ? `, plus ${p.builder.packages.join(', ')}` : ''}); the final image copies only the virtualenv ${p.venv}` +
            ' and installs the shared libraries the built modules link to (found by ldd)'
          : `Dependencies are built in a stage with ${p.buildPackages.join(', ')}; the final image copies only the virtualenv ${p.venv}` +
            (p.runtimePackages.length > 0 ? ` and installs ${p.runtimePackages.join(', ')}` : '')) +
        `. See it: \`docker run --rm <image> sh -c 'command -v gcc || echo no compiler'\`.` +
        see(p, 6),
    },
    workshop: {
      title: 'WORKSHOP.md - the walkthrough',
      body: () => `The three pains, each step and the exact commands that show them. Start there.`,
    },
  },
  text: {
    warning: (message) => `warning: ${message}`,
    planWarning: (w) => {
      switch (w.kind) {
        case 'endOfLife':
          return w.heldBy
            ? `Python ${w.minor} reached end of life on ${w.date} and gets no security fixes; these pins hold the image on it: ${w.heldBy.join(', ')}. Upgrade them to move to a supported Python (${DEFAULT_PYTHON_VERSION} is the default).`
            : `Python ${w.minor} reached end of life on ${w.date} and gets no security fixes: use it only to reproduce old material; ${DEFAULT_PYTHON_VERSION} is the default.`;
        case 'noMuslWheel':
          return `Alpine (musl): ${w.packages.join(', ')} publish no musllinux wheel, so pip compiles them from source (slow, needs the builder stage) or fails; slim is the safer base for this project.`;
        case 'needsTomllib':
          return `reading pyproject.toml dependencies in the image needs tomllib (Python 3.11+); Python ${w.version} will fail that step.`;
        case 'noWheelForPython':
          return `Python ${w.version}: ${w.packages.join(', ')} publish no wheel for it, so pip compiles them from source (slow, and it fails without the right compiler); choose a Python they have wheels for, or upgrade them.`;
        case 'compilesUnknownHeaders':
          return `${w.packages.join(', ')} publish no Linux wheel, so pip compiles them, with -dev headers this generator does not know: Dockerfile.multistage builds them in the full python image (compilers and common headers) and its ldd scan finds their runtime libraries; the single-stage Dockerfile (slim, no compiler) cannot.`;
        case 'eraCompanion':
          return `adding ${w.added} to the image: ${w.why}; ${w.pinned} is pinned (upgrade it, or pin the piece yourself, to drop this).`;
        case 'eraUnsupported':
          return `${w.pinned} will not start with today's versions of its dependencies: ${w.fix}.`;
        case 'pkgResourcesCompanion':
          return `adding ${w.added} to the image: ${w.sources.join(', ')} imports pkg_resources, which needs setuptools<81 (81 removed it, and Python 3.12+ images and venvs have no setuptools at all).`;
        case 'pkgResourcesGone':
          return `${w.sources.join(', ')} imports pkg_resources, but the project pins ${w.pinned}, which no longer has it: pin setuptools<81, or move to importlib.metadata / importlib.resources.`;
      }
    },
    readFromProject: 'Read from the project:',
    overrideHint: 'Override with --python-version, --port, --wsgi-app, --server.',
    serverChosen: (command, added) =>
      `command: ${command}${added.length > 0 ? ` (adding ${added.join(', ')}: the project does not depend on it)` : ''}`,
    serverForPython: (server, version, newest, newestNeeds, python) =>
      `server: ${server} ${version}, the newest release that installs on Python ${python} (${server} ${newest} needs Python ${newestNeeds} or later)`,
    workspaceBuild: (root, member, buildContext) =>
      `workspace: ${member} is a member of the uv workspace at ${root}; its uv.lock and .python-version are read there. Build from this folder with: docker build --build-context ${buildContext} -t app .`,
    pythonFromPins: (choice) => {
      const by = choice.version?.byPins;
      if (!by) return undefined;
      const pins = `${by.from.join(', ')}: ${by.pins.map((pin) => `${pin.name} ${pin.version}`).join(', ')}`;
      const within = by.within ? ` within ${by.within}` : '';
      switch (by.kind) {
        case 'era':
          return `${pins} released ${by.released}, before Python ${by.newer} (${by.newerReleased})${within}`;
        case 'eraWithinRange':
          return `${pins} released ${by.released}, in the Python ${by.era} era${within}`;
        case 'heldBack':
          return `${pins} ${by.sourceOnly ? `builds from source and predates ${by.newer}` : `has no ${by.newer} wheel`}${by.more > 0 ? ` (and ${by.more} more)` : ''}${within}`;
      }
    },
    pythonChoice: (choice, version) => {
      const d = choice.decision;
      const named = (pins: readonly { name: string; version: string }[]) => pins.map((pin) => `${pin.name} ${pin.version}`).join(', ');
      switch (d.kind) {
        case 'era':
          return `python ${version}: the newest Python released before the project's newest pins (${named(d.pins)}, released ${d.pins[0]!.released}); ${d.newer} came out later (${d.newerReleased}), and pins often break on a Python newer than themselves. --python-version chooses another.`;
        case 'eraWithinRange':
          return `python ${version}: the project's newest pins (${named(d.pins)}, released ${d.pins[0]!.released}) date from Python ${d.era}, older than its range allows: the oldest Python the range allows.`;
        case 'heldBack':
          return `python ${version}, not ${d.newer}: held back by ${d.pins.map((pin) => `${pin.name} ${pin.version} (${pin.kind === 'sourceByDate' ? `source only, released ${pin.released}` : `wheels for ${pin.minors!.join(', ')}`})`).join('; ')}.`;
        case 'noneFits':
          return `python: no Python from ${d.newest} down to ${d.oldest} has a wheel for every pin: ${named(d.pins)}; pip will compile them from source.`;
        case 'unchecked':
          return `python ${version}: the package index was not asked or did not answer, so the wheels of ${d.unreachable.length} pinned package(s) were not checked; ${version} is one below the newest, which recent pins usually have wheels for.`;
        default:
          return undefined;
      }
    },
    existingProject: 'Python project found: adding Docker files only; your code and dependency files are not touched.',
    workshopAgain: 'The workshop an earlier run scaffolded is here: writing its Docker files again.',
    gitHistory: (tags) =>
      `Git history: one commit per step, tagged ${tags.join(', ')}. ` +
      `\`git checkout ${tags[2]}\` shows a step; \`git diff ${tags[1]} ${tags[2]}\` shows what it changed.`,
    gitNotForProject: '--git builds the workshop history of the sample app; this folder has a project of its own, so no commits are made.',
    gitWorkshopExists: '--git: this folder holds the workshop an earlier run scaffolded; its git history is made only when the workshop is first scaffolded, so no commits are made now.',
    dockerignoreMerged: (added, file) => `${file}: kept your lines, appended ${added.join(' ')}`,
    dockerignoreUnchanged: (file) => `${file}: yours already has every entry; unchanged`,
    dockerignoreMergedOurs: (added, file) => `${file} (written by an earlier run): kept its lines, appended ${added.join(' ')}`,
    dockerignoreUnchangedOurs: (file) => `${file} (written by an earlier run) already has every entry; unchanged`,
    dockerignoreKeptExceptions: (patterns, file) => `${file}: not added, since you re-include part of them: ${patterns.join(' ')}`,
    dockerignoreLetsIn: (file, names, exceptions) =>
      `${file} still lets ${names.join(' and ')} into the build context (your ${exceptions.length > 0 ? exceptions.join(' ') : 'patterns'}): kept, since the file is yours, but ${names.length === 1 ? 'it reaches' : 'they reach'} every image built here and COPY . . bakes ${names.length === 1 ? 'it' : 'them'} in; remove the exception unless that is what you want`,
    nextSteps: (p) => `Next: docker build${p.workspace ? ` --build-context ${p.workspace.buildContext}` : ''} -t app . && docker run --rm -p ${p.port}:${p.port} app, then open http://localhost:${p.port}/`,
    runtimeNeeds: (p) => {
      const lines: string[] = [];
      const d = p.django;
      if (d) {
        if (d.replaced) {
          lines.push(
            `django: ${d.settingsSource} names ${d.replaced.named}${namedFromEnvEn(d.namedFromEnv)}, ${SETTINGS_REPLACED_EN[d.replaced.why]}: ` +
              `the image runs ${d.settingsModule} instead (DJANGO_SETTINGS_MODULE in the image; -e DJANGO_SETTINGS_MODULE=<module> at docker run chooses another)`,
          );
        } else if (d.settingsModuleEnv) lines.push(`django: the server runs ${d.settingsModule} (${d.settingsSource}): the image sets DJANGO_SETTINGS_MODULE so manage.py commands use it too`);
        if (d.unresolved) {
          lines.push(
            `django: ${d.settingsSource} names ${d.settingsModule}${namedFromEnvEn(d.namedFromEnv)}, which no file holds, and no production settings stand in: ` +
              'the image sets no DJANGO_SETTINGS_MODULE; give one with -e DJANGO_SETTINGS_MODULE=<module> at docker run',
          );
        }
        if (d.forcedBy) lines.push(`django: ${d.forcedBy} sets DJANGO_SETTINGS_MODULE with os.environ[...] =, which no setting of the image can override: make it os.environ.setdefault(...)`);
        if (!d.unresolved) lines.push(
          d.collectstatic
            ? `static files: collectstatic runs at build time into STATIC_ROOT (${d.staticRoot})${d.whitenoise ? ', served by whitenoise' : ''}` +
                (d.placeholders.length > 0 ? `; build-only placeholders for ${d.placeholders.map(([name]) => name).join(', ')}, never in the image's environment` : '')
            : 'static files: no STATIC_ROOT in the settings, so no collectstatic (set it to serve static files from the image)',
        );
        lines.push(`migrations: never in CMD; once per release: docker run --rm${p.requiredEnv.map((read) => ` -e ${read.name}`).join('')} <image> ${d.migrateArgs.join(' ')}`);
      }
      if (p.ownDistribution) {
        lines.push(
          `installs the project too: ${p.ownDistribution.source} reads its own installed metadata (${p.ownDistribution.how}); ` +
            `pip install --no-deps . after the code, built as ${p.ownDistribution.projectFiles.join(', ')} declare${p.ownDistribution.projectFiles.length === 1 ? 's' : ''}`,
        );
      }
      if (p.runtimeLoads.matched.length > 0) {
        lines.push(
          `libraries loaded at run time: ${loadsList(p).join(', ')} open them through ctypes / cffi, which no ldd scan sees: ` +
            `the image installs ${p.runtimeLoads.packages.join(', ')}`,
        );
      }
      if (p.requiredEnv.length > 0) {
        lines.push(
          `needs at start (no default in the code): ${p.requiredEnv.map((read) => `${read.name} (${read.source})`).join(', ')}; ` +
            `give ${p.requiredEnv.length === 1 ? 'it' : 'them'} with docker run -e NAME=value; compose.yaml requires ${p.requiredEnv.length === 1 ? 'it' : 'them'}`,
        );
      }
      if (p.writablePaths.length > 0) {
        const owners = [
          ...(p.writableDirs.includes('/app') ? ['/app belongs to the app user'] : []),
          ...(p.writesHome ? [`~ is the app user's own home, ${p.home}`] : []),
        ];
        const files = p.filesInApp.length > 0 ? filesInAppEn(p) : '';
        lines.push(
          `writes at run time: ${p.writablePaths.join(', ')}; ${owners.join(' and ')}, so it can create them. ` +
            (p.volumes.length > 0 ? `Mount a volume to keep them, and to run with --read-only: ${p.volumes.map((volume) => `-v ${volume.flag}`).join(' ')}` : '') +
            (p.volumes.length > 0 && files ? '. ' : '') +
            files,
        );
      }
      return lines;
    },
    entryAlternatives: (others) =>
      `also found: ${others.join(', ')}; the first by the rule above is served: name another with --wsgi-app MODULE:APP`,
    installDecision: (note) => {
      switch (note.kind) {
        case 'pipNotUv':
          return `installer: pip, not uv: ${note.file} uses ${note.option}, which ${uvIgnores(note.option)}`;
        case 'buildConstraint':
          return `build: ${note.pins.join(', ')} publish${note.pins.length === 1 ? 'es' : ''} only source, from before setuptools ${constraintBound(note.constraint)} removed what old setup.py files import: built with ${note.constraint}`;
        case 'indexStrategy':
          return `installer: ${note.file} names another index (--extra-index-url): uv takes the best version across the indexes, as pip does`;
        case 'poetryLock':
        case 'poetryNoLock':
          return note.groups && note.groups.length > 0 ? `poetry: installing ${groupList(note.groups)}; dev, test and optional groups are left out` : undefined;
        default:
          return undefined;
      }
    },
    servingDecision: (d) => {
      switch (d.kind) {
        case 'confInForce':
          return `${d.file} is in force: gunicorn loads it from the working directory${d.settings.length > 0 ? ` (it sets ${d.settings.join(', ')})` : ''}; the CMD adds only what it must`;
        case 'bindKept':
          return `${d.from} binds ${d.bind}: kept, EXPOSE and HEALTHCHECK use that port`;
        case 'bindOverridden':
          return `${d.from} ${d.bind === undefined ? 'binds nothing (gunicorn would listen on 127.0.0.1:8000 or $PORT)' : `binds ${d.bind}`}: overridden with --bind 0.0.0.0:${d.port} so that the server is reachable where EXPOSE and HEALTHCHECK point`;
        case 'procfileKept':
          return `Procfile web: followed (${d.command}), its flags kept, $PORT filled in`;
        case 'procfileIgnored':
          return d.byUser
            ? `Procfile web: runs ${d.program}; --server ${d.server} was asked for, so the image runs ${d.server}`
            : `Procfile web: runs ${d.program}, which this generator does not run in production: the image runs ${d.server} (choose with --server)`;
        case 'flagDropped':
          return `Procfile web: ${[d.flag, d.value].filter(Boolean).join(' ')} dropped: the exec-form CMD expands no shell variables (set the value with -e at docker run)`;
        case 'appReplaced':
          return `the app ${d.from} in the project's command is replaced by ${d.to} (--wsgi-app)`;
        case 'srcLayout':
          return `src/ layout: ${d.flag} ${d.pythonPath} puts the package on the import path`;
        case 'confBypassed':
          return (
            `${d.file} is not loaded: it sets daemon = ${d.hazard.value} (${d.hazard.source}${whenEn(d.hazard.condition)}), so gunicorn would detach and the container exit at once with no log; ` +
            `the CMD runs gunicorn with --config /dev/null and the generator's flags${d.kept.length > 0 ? `, keeping ${d.kept.join(', ')} from it` : ''}`
          );
        case 'confSettingOverridden':
          return `${d.hazard.setting} = ${d.hazard.value} in ${d.hazard.source}${whenEn(d.hazard.condition)}: ${HAZARD_WHY_EN[d.hazard.setting]}; overridden with ${d.flag} ${d.value}`;
      }
    },
    noAppFound:
      `no app to serve found: looked for Django (manage.py), a ${list(kindNames('constructor'))} app or factory in the .py files of the project (up to 5 folders down, src/<package>/ included), a ${list(kindNames('script'))} script, a Procfile web: line and gunicorn.conf.py wsgi_app; name the app with --wsgi-app MODULE:APP (or MODULE:create_app()), or run a script with --server python; nothing was written`,
    unservableApp: (apps) =>
      `no app a server can load as written: found ${apps.map(unservable).join('; ')}; change the code, or name the app with --wsgi-app MODULE:APP (or MODULE:create_app()) and the server with --server; nothing was written`,
    loopbackOnly: (host, source) =>
      `${source} listens on ${host} only: in a container nothing outside it reaches that address; remove the argument (the image sets the address for the app to every interface) or make it "0.0.0.0", and run again; nothing was written`,
    unknownScript: (file) =>
      `no app of a kind this generator serves was found (${list(kindNames('constructor'))} apps, ${list(kindNames('script'))} scripts, Django); ${file} may start a server of its own: run it as it is with --server python (it must listen on 0.0.0.0 at the port given with --port), or name an app with --wsgi-app MODULE:APP; nothing was written`,
    unimportableApp: (files) =>
      `the app in ${files.join(', ')} cannot be imported by a server: a module name must be a Python identifier (letters, digits, _); rename it (for example ${files[0]!.replace(/[^A-Za-z0-9_/.]/g, '_')}) and run again, or name another app with --wsgi-app; nothing was written`,
    noDependencyFile: (framework) =>
      `the code uses ${framework} but no dependency file lists it (no requirements.txt, pyproject.toml, Pipfile, uv.lock or poetry.lock): write one (for example \`pip freeze > requirements.txt\` in the project's virtualenv) and run again; nothing was written`,
  },
  compare: {
    col_dockerfile: "Dockerfile",
    col_size: "Image size",
    col_cold: "Cold build",
    col_install: "Install step (cold)",
    col_rebuild: "Rebuild after code edit",
    col_deps: "Dependency step on rebuild",
    col_stop: "docker stop",
    col_uid: "Runs as UID",
    cached: "CACHED",
    reran: "ran again",
    no_install_step: "no install step found",
    root: "{uid} (root)",
    html_title: "Dockerfiles compared",
    html_intro: "One bar per Dockerfile: shorter is better.",
    chart_size: "Image size (MB): less to push, pull and patch",
    chart_cold: "Cold build (s): docker build --no-cache",
    chart_rebuild: "Rebuild after a code-only edit (s): the dependency layer's cache at work",
    chart_stop: "docker stop (s): about 10 s means SIGTERM was ignored and the app was killed",
    description: "Build every Dockerfile of this project and compare size, build times, cache use, `docker stop` time and the user the app runs as.",
    epilog: "Builds use BuildKit (DOCKER_BUILDKIT=1 is set unless you set it yourself).\nContainers publish the port with -p PORT:PORT; with --network-host they share the host's\nnetwork instead (Linux only, and for machines without docker's bridge network).\nAt the end it removes the images it built and the build cache those builds added (not with --keep).\nName other outputs compare*.html / compare*.json: .dockerignore keeps those out of the builds.\nExamples:\n  python3 compare.py\n  python3 compare.py --dockerfiles Dockerfile.bad,Dockerfile --out compare-sizes.html\n  python3 compare.py --network-host --json compare.json\n  python3 compare.py --build-flag=--pull --run-flag='--memory 256m' --run-flag=--read-only",
    help_dockerfiles: "comma-separated Dockerfiles to compare (default: every Dockerfile* here)",
    help_port: "port the app listens on inside the container (default: %(default)s)",
    help_app_file: "file the code-only edit touches (default: %(default)s)",
    help_network_host: "build and run with --network host instead of publishing the port",
    help_build_flag: "extra docker build flags (repeatable; see the examples below)",
    help_run_flag: "extra docker run flags (repeatable; see the examples below)",
    help_docker: "docker command to use (default: $DOCKER, else docker)",
    help_out: "HTML chart to write (default: %(default)s)",
    help_json: "also write the figures as JSON to this file",
    help_keep: "keep the images and the build cache (default: remove what this run added)",
    help_timeout: "seconds to wait for the app to answer (default: %(default)s)",
    help_tag_prefix: "prefix of the image and container names (default: %(default)s)",
    step_cold: "[{n}/{total}] {dockerfile}: cold build (docker build --no-cache)...",
    step_rebuild: "[{n}/{total}] {dockerfile}: rebuild after a code-only edit of {app_file}...",
    step_run: "[{n}/{total}] {dockerfile}: run, wait for http://127.0.0.1:{port}/, docker stop...",
    took: "      {seconds:.1f} s",
    unknown: "?",
    megabytes: "{value:.0f} MB",
    seconds: "{value:.1f} s",
    wrote: "Wrote {path}",
    cleaned: "Cleaned up: {images} images and {records} build cache records that this run added",
    err_no_docker: "'{docker}' not found: install Docker, or set DOCKER=/path/to/docker",
    err_no_engine: "'{docker}' cannot reach a Docker engine: is Docker running? ({detail})",
    err_missing_file: "{path} not found in {folder}",
    err_no_dockerfiles: "no Dockerfile found in {folder}",
    err_build: "docker build -f {dockerfile} failed (exit {code}): {detail}",
    err_run: "docker run of {image} failed (exit {code}): {detail}",
    err_port_busy: "something already answers on 127.0.0.1:{port}: stop it first",
    err_exited: "{dockerfile}: the container exited before answering: {detail}",
    err_no_answer: "{dockerfile}: no answer on http://127.0.0.1:{port}/ within {timeout} s (wrong --port? on Linux without docker's bridge network, use --network-host)",
    interrupted: "Interrupted: {app_file} restored, containers removed.",
    ap_usage: "usage: ",
    ap_options: "options",
    ap_optional_arguments: "optional arguments",
    ap_help: "show this help message and exit",
    ap_error: "%(prog)s: error: %(message)s\n",
    ap_unrecognized: "unrecognized arguments: %s",
    ap_argument: "argument %(argument_name)s: %(message)s",
    ap_expected_one: "expected one argument",
    ap_invalid_value: "invalid %(type)s value: %(value)r",
    ap_ambiguous: "ambiguous option: %(option)s could match %(matches)s",
    ap_ignored_explicit: "ignored explicit argument %r",
  },
  comments: {
    bad: {
      header:
        'Dockerfile.bad: the first attempt most of us write. It builds and it runs,\n' +
        'and it is kept bad on purpose: each PROBLEM below is fixed by a later step (WORKSHOP.md).',
      problemImage: 'PROBLEM 1: the full image carries compilers and -dev headers the app never uses (~1 GB).',
      problemOrder: (p) =>
        'PROBLEM 2: copying all the code before installing dependencies ties the two together:\n' +
        `any edit to ${p.scriptEntry} invalidates this layer, so the install runs again on every build.`,
      problemBuffer:
        'PROBLEM 3: PYTHONUNBUFFERED is not set, so print() output waits in a buffer instead of\n' + 'showing up in `docker logs`.',
      problemPid1:
        'PROBLEM 4: python is PID 1, and PID 1 gets no default signal handling: it ignores SIGTERM,\n' +
        'so `docker stop` waits 10 s and then kills it. It also runs as root, on a development server.',
      problemRoot: 'PROBLEM 4: it runs as root.',
    },
    better: {
      header: 'Dockerfile.better: fast rebuilds and live logs.',
      fixSlim: "FIX 1: slim is Debian without compilers, a fraction of the full image's size.",
      fixAlpine: "FIX 1: alpine is a minimal musl-based image, a fraction of the full image's size.",
      fixFullSkipped: '(FIX 1 skipped: --base-variant full keeps the big image with compilers; slim is a fraction of its size.)',
      fixEnv:
        'FIX 2: Python settings for containers.\n' +
        '  PYTHONDONTWRITEBYTECODE=1  no __pycache__/*.pyc written at run time: a container is thrown away\n' +
        '  PYTHONUNBUFFERED=1         print() reaches `docker logs` immediately',
      fixOrder:
        'FIX 3: dependencies first, code last. Docker reuses a layer while its inputs are unchanged,\n' +
        'so as long as the dependency files are the same, the install comes from the build cache.',
      codeLast: (p) => `Code last: editing ${p.scriptEntry} only rebuilds from here.`,
      stillScript: 'STILL TO FIX (Dockerfile): runs as root, on a development server, and ignores SIGTERM as PID 1.',
      stillServer: 'STILL TO FIX (Dockerfile): runs as root, with no health check.',
    },
    production: {
      // Not "everything Dockerfile.better does": in an existing project there is no Dockerfile.better.
      header:
        'Dockerfile: production. Fast rebuilds and live logs (dependencies before the code, Python\n' +
        'settings for containers), plus a non-root user, a production server, a graceful stop and\n' +
        'a health check.',
      dependenciesFirst: 'Dependencies first (cached while the dependency files are unchanged), code last.',
    },
    multistage: {
      header:
        'Dockerfile.multistage: build in one image, run in another.\n' +
        'The builder stage has compilers and headers; the final image gets only the installed\n' +
        'packages, so it stays small and has no compiler an attacker could use.',
      builder: '---- Stage 1: builder ----',
      buildTools: 'Compilers and headers, only in this stage.',
      venv: (p) =>
        `Everything is installed into a virtual environment, ${p.venv}: one self-contained\n` +
        'folder, easy to copy into the next stage. It is made --without-pip: the installer outside\n' +
        'it installs into it, so pip itself stays behind.',
      runtime: '---- Stage 2: runtime ----',
      venvOnPath: 'The virtual environment built above comes first on PATH.',
      runtimeLibraries: 'Shared libraries the compiled packages link to (no compilers).',
      copyVenv: 'Only the installed packages cross over; compilers, tools and build caches stay behind.',
      builderFull: (p) =>
        'The builder starts from the full python image: compilers and the common -dev headers\n' +
        '(libpq, libssl, libffi, MySQL, libxml2...) are already in it, so no apt-get for them.\n' +
        `The runtime stage below ${p.baseVariant === 'full' ? 'starts from the full image too (--base-variant full)' : 'stays slim'}.`,
      buildHeaders: 'Headers the full image lacks, only in this stage.',
      scanLibraries:
        'Which system libraries do the compiled modules need at run time? ldd lists what each .so in\n' +
        'the venv links to outside it; dpkg -S names the Debian package that ships each file. The\n' +
        'runtime stage installs exactly that list, whatever package was compiled.',
      installLibraries:
        "The shared libraries the builder listed (for example libpq5 for psycopg2), minus those the\n" +
        'image already has; no apt-get at all when nothing is missing.',
    },
    cacheMountPip:
      "--mount=type=cache: pip's download cache stays in BuildKit between builds, never in the image\n" +
      "(pip keeps a file there only when the index's caching headers allow it).",
    cacheMountUv:
      '--mount=type=cache: uv keeps every wheel it downloads or builds in its cache, which BuildKit\n' +
      'keeps between builds and never puts in the image: a dependency change downloads only what changed.',
    uvBorrowed: 'uv is lent to this step by the uv stage above (a bind mount): it never enters the image.',
    uvStage:
      'uv installs the dependencies below, much faster than pip: from PyPI (or INDEX_URL), pinned, in\n' +
      'a stage of its own. The image only borrows it for its install steps, and this stage stays\n' +
      'cached until the pin changes.',
    builderUv: 'uv installs the dependencies, much faster than pip: from PyPI (or INDEX_URL), pinned, into this stage only.',
    uvEnv:
      'uv copies files out of its cache mount (another file system: no hard links) and never\n' +
      "downloads a Python: the image's is the one.",
    indexArgs:
      'The package index: PyPI, unless you name your own (a company mirror, a private index):\n' +
      '  `docker build --build-arg INDEX_URL=https://pypi.example.com/simple .`\n' +
      'pip and uv both use it. Never put a password in it (build arguments stay in the image\n' +
      'history): log in with a netrc file, passed as a secret:\n' +
      '  `docker build --secret id=netrc,src=$HOME/.netrc .`',
    indexArgsAgain: 'INDEX_URL again (see above): each stage declares the build arguments it uses.',
    cacheMountApt: "apt's package lists and archives in cache mounts too: not in the image, not downloaded twice.",
    gracefulTimeout: (p) =>
      `  --${p.server === 'uvicorn' ? 'timeout-graceful-shutdown' : 'graceful-timeout'} ${p.gracefulTimeoutS}   requests in flight at \`docker stop\` get ${p.gracefulTimeoutS} s to finish, well under docker's 10 s`,
    runtimeEnv:
      'PYTHONDONTWRITEBYTECODE / PYTHONUNBUFFERED: no .pyc at run time, logs straight to `docker logs`.\n' +
      "WEB_CONCURRENCY: the server's worker count; change it per run with -e WEB_CONCURRENCY=8.\n" +
      'XDG_RUNTIME_DIR: gunicorn >= 25.1 opens its control socket (for `gunicornc`) there; /dev/shm\n' +
      '  stays writable even with `docker run --read-only`, unlike $HOME.',
    uvicornWorkerHealthcheck:
      'UVICORN_TIMEOUT_WORKER_HEALTHCHECK: with several workers uvicorn restarts one that does not answer\n' +
      'its ping within 5 s; a cold start on a busy or CPU-limited host takes longer, and the workers\n' +
      'would be killed in a loop. Older uvicorn releases ignore the variable.',
    nonRootUser:
      "A non-root user with fixed numeric IDs (predictable owners for volumes, and `USER` given as\n" +
      "numbers lets Kubernetes' runAsNonRoot verify it) and a home that exists (pip, gunicorn and\n" +
      'many libraries expect one). --skel /nonexistent: no shell dotfiles, nobody logs in;\n' +
      '--no-log-init: a high UID would otherwise grow a sparse /var/log/lastlog.',
    nonRootUserAlpine:
      "A non-root user with fixed numeric IDs (predictable owners for volumes, and `USER` given as\n" +
      "numbers lets Kubernetes' runAsNonRoot verify it) and a home that exists (pip, gunicorn and\n" +
      "many libraries expect one). BusyBox adduser: -S a system account, -D no password (nobody\n" +
      'logs in), -h its home, -s /sbin/nologin no login shell.',
    unpinnedDebian:
      'Package versions are not pinned: the base image tag fixes the Debian release, and pinned\n' +
      'versions disappear from the mirrors with every security update.',
    unpinnedAlpine:
      'Package versions are not pinned: the base image tag fixes the Alpine release, and pinned\n' +
      'versions disappear from the mirrors with every security update.',
    compileAndRemove: (packages) =>
      `${packages.join(', ')} compile${packages.length === 1 ? 's' : ''} from source: install the compilers, build, and remove them again\n` +
      'in the same layer, so they never reach the image (a multi-stage build does this with two stages).',
    unpinnedDebianShort: 'Package versions are not pinned: the base image tag fixes the Debian release.',
    unpinnedAlpineShort: 'Package versions are not pinned: the base image tag fixes the Alpine release.',
    noCacheBoth: '--no-cache-dir / --no-cache: download caches would only make the image bigger.',
    noCachePip: "--no-cache-dir: pip's download cache would only make the image bigger.",
    installNote: (note) => {
      switch (note.kind) {
        case 'pdmLock':
          return "pdm.lock: exact versions (default group), exported by `pdm export` (PyPI's own index line dropped: it would override yours).";
        case 'setupCfg':
          return 'setup.cfg [options] install_requires first (cached), then the project itself with --no-deps.';
        case 'setupPy':
          return 'setup.py is a program that may import the code, so installing the project needs the code: no cached dependency layer here.';
        case 'requirementsInstallProject':
          return `${note.file} installs the project itself (-e .), so it needs the code: no cached dependency layer here.`;
        case 'pyprojectDependencies':
          return 'pyproject.toml [project] dependencies first (cached), then the project itself with --no-deps.';
        case 'uvLock':
          return 'uv.lock: exact versions; `uv sync --locked` fails if the lock is out of date with pyproject.toml.';
        case 'uvWorkspace':
          return `This folder is a member of the uv workspace at ${note.root}: its uv.lock and the members this one uses come from there,\n` +
            `given as a second build context: docker build --build-context workspace=${note.root} . (--frozen: the other members are not copied).`;
        case 'poetryLock':
          return `poetry.lock: exact versions (${groupList(note.groups)}), exported by \`poetry export\` (PyPI's own index line dropped: it would override yours).`;
        case 'poetryNoLock':
          return 'No poetry.lock: versions are resolved at build time (`poetry lock`); commit a lock file for repeatable builds.';
        case 'pipfileLock':
          return "Pipfile.lock: exact versions, exported by `pipenv requirements` (PyPI's own index line dropped: it would override yours).";
        case 'pipfileNoLock':
          return 'No Pipfile.lock: versions are resolved at build time (`pipenv lock`); commit a lock file for repeatable builds.';
        case 'pipNotUv':
          return `pip installs here, not uv: ${note.file} uses ${note.option}, which ${uvIgnores(note.option)}.`;
        case 'indexStrategy':
          return `${note.file} names another index (--extra-index-url): uv takes the best version across the indexes, as pip does.`;
        case 'buildConstraint':
          return `${note.pins.join(', ')}: source only, from before setuptools ${constraintBound(note.constraint)}: built with ${note.constraint} (a build constraint).`;
        case 'closedSet':
          return 'Every package is pinned with its hashes: installed as listed (--no-deps, no resolving again); uv pip check fails the build if one is missing.';
        case 'readsOwnDistribution':
          return (
            `${note.source} reads the project's installed metadata (${note.how}); a copy of the code\n` +
            'has none, so the project is installed too: no dependencies, built by its declared build backend.'
          );
      }
    },
    projectAfterCode: 'The project itself, now that its code is here (its dependencies came from the cached layer above).',
    copyCode:
      'Code last. --chown hands the files to the app user, for apps that write next to their code\n' +
      '(a SQLite file, uploads); code that never changes is safer left to root, read-only for the app.',
    userSwitch: 'From here on, not root. Numeric, so the runtime can check it without reading /etc/passwd.',
    healthcheck: (p) =>
      `Healthy when ${p.healthPath} answers below 500 (a 404 still means the app runs); Python's standard\n` +
      'library, so no curl is needed in the image.',
    serverGunicorn: (p) =>
      'gunicorn, a production WSGI server, as PID 1 in exec form: it receives SIGTERM from\n' +
      "`docker stop` and shuts down gracefully, well inside docker's 10 s.\n" +
      `  --bind             listen on port ${p.port} of every interface of the container\n` +
      '  --worker-tmp-dir   worker heartbeats in /dev/shm (RAM), so the image runs with --read-only\n' +
      '  --access-logfile - access log on stdout, where `docker logs` reads it',
    serverUvicorn: (p) =>
      'uvicorn, an ASGI server, as PID 1 in exec form: it receives SIGTERM from `docker stop` and\n' +
      'shuts down gracefully. It reads its worker count from WEB_CONCURRENCY too.\n' +
      `  --host 0.0.0.0 --port ${p.port}   listen on every interface of the container`,
    serverFromProject: (p) =>
      `${p.server}, as the project's own ${p.servingFrom === 'Procfile' ? 'Procfile web: line' : 'gunicorn.conf.py'} runs it, as PID 1 in exec form\n` +
      `(SIGTERM from \`docker stop\` reaches it). ${p.servingFrom === 'Procfile' ? 'Its flags are kept; $PORT is filled in.' : 'gunicorn loads gunicorn.conf.py from /app on its own.'}\n` +
      `Only what the image needs is added: listening on port ${p.port} of every interface, where EXPOSE\n` +
      'and HEALTHCHECK point (see the generator output for what was kept and what was overridden).',
    loadedLibraries: (p) =>
      `${loadsList(p).join(', ')} ${p.runtimeLoads.matched.length === 1 ? 'opens its library' : 'open their libraries'} at run time through ctypes / cffi:\n` +
      `no compiled module links to ${p.runtimeLoads.matched.length === 1 ? 'it' : 'them'}, so no ldd scan can see ${p.runtimeLoads.matched.length === 1 ? 'it' : 'them'}, and the slim image lacks ${p.runtimeLoads.packages.join(', ')}.`,
    gunicornConfBypassed: (p) => {
      const bypass = p.servingDecisions.find((d) => d.kind === 'confBypassed');
      return bypass?.kind === 'confBypassed'
        ? `${bypass.file} sets daemon = ${bypass.hazard.value} (${bypass.hazard.source}${whenEn(bypass.hazard.condition)}): gunicorn would fork into\n` +
            'the background and PID 1 exit 0 at once, with no log. --config /dev/null loads no config file instead\n' +
            `(gunicorn warns that /dev/null has no .py extension: expected); the flags below say what the image needs${bypass.kept.length > 0 ? `,\nand what the file sets as plain values is kept: ${bypass.kept.join(', ')}` : ''}.`
        : '';
    },
    serverSanic: (p) =>
      "Sanic's own server, as PID 1 in exec form: it receives SIGTERM from `docker stop` and shuts\n" +
      `down gracefully (SANIC_GRACEFUL_SHUTDOWN_TIMEOUT above: ${p.gracefulTimeoutS} s, well under docker's 10 s).\n` +
      `  --host 0.0.0.0 --port ${p.port}   listen on every interface of the container\n` +
      `  --workers ${p.workers}   worker processes (Sanic does not read WEB_CONCURRENCY)\n` +
      '  --access-logs   access log on stdout, where `docker logs` reads it',
    serverStreamlit: (p) =>
      `\`streamlit run ${p.scriptEntry}\`, as PID 1 in exec form: Streamlit's server stops on SIGTERM.\n` +
      `  --server.address 0.0.0.0 --server.port ${p.port}   listen on every interface of the container\n` +
      '  --server.headless true   no browser to open and no e-mail prompt at start\n' +
      '  --server.fileWatcherType none   the code in an image does not change: nothing to watch',
    serverScript: (p) => `The app's own script (${p.scriptEntry}) starts its server, as PID 1 in exec form.`,
    stopSignal: () =>
      'As PID 1, Python ignores the SIGTERM of `docker stop` unless the code handles it (docker would\n' +
      'wait 10 s, then kill it); SIGINT always reaches it as KeyboardInterrupt, so it stops at once.',
    kindEnv: (p) =>
      p.runtimeEnv.settings.some((setting) => setting.startsWith('GRADIO_'))
        ? 'GRADIO_SERVER_NAME / GRADIO_SERVER_PORT: where launch() listens when the code passes no\n' +
          `server_name / server_port: every interface of the container, port ${p.port}.\n` +
          'GRADIO_ANALYTICS_ENABLED=False: no usage reports sent from the container.'
        : "What the app's framework reads at start.",
    writablePaths: (p) =>
      p.writableDirs.includes('/app')
        ? `The app writes ${p.writablePaths.join(', ')} at run time: the working directory itself (not only the\n` +
          'copied files) belongs to the app user, and so does every folder it writes, so it can create\n' +
          'them. What it writes there is lost with the container: mount a volume to keep it.'
        : `The app writes ${p.writablePaths.join(', ')} at run time, in the app user's home (${p.home}): each folder\n` +
          'is made here and given to the app user, ready for a volume (needed with --read-only).',
    djangoSettingsModule: (p) =>
      (p.django?.replaced
        ? `${p.django.settingsSource} names ${p.django.replaced.named}${namedFromEnvEn(p.django.namedFromEnv)}, ${SETTINGS_REPLACED_EN[p.django.replaced.why]}:\n` +
          `the image runs ${p.django.settingsModule}. Set here, the server, collectstatic, migrate and every\n` +
          'other manage.py command use the same settings.'
        : `The server runs ${p.django?.settingsModule} (${p.django?.settingsSource}); manage.py would default to other\n` +
          'settings. Set here, collectstatic, migrate and every other manage.py command use the same ones.'),
    collectstatic: (p) =>
      `Static files collected at build time into STATIC_ROOT (${p.django?.staticRoot})${p.django?.whitenoise ? ', served by whitenoise' : ''}:\n` +
      'they must be in the image, since nothing writes them at start.' +
      ((p.django?.placeholders.length ?? 0) > 0
        ? `\nThe settings need ${p.django?.placeholders.map(([name]) => name).join(', ')} to import: build-only placeholders,\n` +
          'on this line only (not ENV), so no value stays in the image; the real ones come at `docker run`.'
        : ''),
    runtimeNeeds: (p) => {
      const parts: string[] = [];
      if (p.requiredEnv.length > 0) {
        parts.push(
          'Needs at start, read with no default (the container stops without them):\n' +
            p.requiredEnv.map((read) => `  ${read.name}   ${read.how}, ${read.source}`).join('\n') +
            '\nGive them at run time: docker run -e NAME=value (or compose.yaml); never bake them in here.',
        );
      }
      if (p.writablePaths.length > 0) {
        parts.push(
          `Writes at run time: ${p.writablePaths.join(', ')}.` +
            (p.volumes.length > 0 ? ` To keep it (and for --read-only): ${p.volumes.map((volume) => `-v ${volume.flag}`).join(' ')}` : '') +
            (p.filesInApp.length > 0 ? `\n${filesInAppEn(p, '\n')}.` : ''),
        );
      }
      if (p.django) {
        parts.push(
          'Migrations are not in CMD (replicas would race, and a failed migration would crash-loop the\n' +
            `server). Run them once per release: docker run --rm${p.requiredEnv.map((read) => ` -e ${read.name}`).join('')} <image> ${p.django.migrateArgs.join(' ')}`,
        );
      }
      return parts.join('\n');
    },
    dockerignore: {
      header:
        '.dockerignore: what never goes into the build context (and so never into an image).\n' +
        'A smaller context also means faster builds and fewer needless cache misses on `COPY . .`.\n' +
        'Patterns match from the context root: "**/" makes them match in every folder.',
      vcs: 'Version control',
      secrets: 'Secrets and local settings: never bake them into an image',
      venvs: "Local Python environments: built for your machine, not for the container's",
      caches: 'Test, lint and type-checker caches',
      appData: "What the app writes at run time next to its code: your local copy (a SQLite database) stays on your machine",
      docker: 'Docker and generator files themselves: changing them should not invalidate `COPY . .`',
      editors: 'Editors, OS and other toolchains',
    },
    sample: {
      docstring: "The workshop's sample web app: one route that says which container answered.",
      factoryDocstring: (wsgiApp) => `App factory: gunicorn calls it once per worker (${wsgiApp}).`,
      printNote: 'Reaches `docker logs` at once only with PYTHONUNBUFFERED=1 (see Dockerfile.better).',
      hostNote: '0.0.0.0, not 127.0.0.1: inside a container, 127.0.0.1 is unreachable from outside.',
    },
    requirements:
      "Pinned, so every laptop builds the same image. The original note's Flask 2.2.3 and\n" +
      'gunicorn 20.1.0 have published security advisories; these were the current, fixed\n' +
      'releases when this generator was released. Check for newer ones before going to production.',
  },
};

/** The English texts by part; generators use the answer's language (messages/index.ts) instead. */
export const { steps, text } = en;
