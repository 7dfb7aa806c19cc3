/** English: questions, option help, validation messages, errors and compose.yaml's comments. */
import type { Sink } from '../decide/sinks.js';
import { serverChoices } from '../tables/app-kinds.js';
import type { CliTexts } from './cli-types.js';
import type { DependencyReasonPart } from '../read/types.js';

function dependencyReasonPart(part: DependencyReasonPart): string {
  switch (part.key) {
    case 'found':
      return `${part.file} found`;
    case 'foundInWorkspace':
      return `${part.file} found (the uv workspace at ${part.root})`;
    case 'foundWithout':
      return `${part.file} found (no ${part.missing})`;
    case 'compiledFrom':
      return `compiled from ${part.file}, which is not installed`;
    case 'notInstalled':
      return `not installed: ${part.files.join(', ')}`;
    case 'installedAsWritten':
      return `${part.file} found with no compiled ${part.missing}: installed as written (pip-compile it for repeatable builds)`;
    case 'tableWithout':
      return `${part.table} found in ${part.file} (no ${part.missing})`;
    case 'noPackageFolder':
      return `no package folder for ${JSON.stringify(part.name)}, so only its dependencies are installed`;
    case 'dependenciesOnly':
      return part.why === 'packageModeFalse' ? 'package-mode = false: dependencies only' : 'not a distribution: dependencies only';
    case 'pipInstallDot':
      return `${part.file} found, installed with pip install .`;
    case 'setupFound':
      return part.installRequiresFirst
        ? `${part.files.join(' and ')} found: setup.cfg [options] install_requires first, then pip install .`
        : `${part.files.join(' and ')} found: installed with pip install . (needs the code)`;
    case 'alsoPresent':
      return `also present: ${part.files.join(', ')}`;
  }
}

/** Why a dependency manager was chosen, in English: the parts after one another ("compiled from" in brackets after what it qualifies). */
export function dependencyReason(parts: readonly DependencyReasonPart[]): string {
  return parts.map((part, at) => (at === 0 ? '' : part.key === 'compiledFrom' ? ' (' : '; ') + dependencyReasonPart(part) + (part.key === 'compiledFrom' ? ')' : '')).join('');
}

const fallbackReason = (why: 'indexNotAsked' | 'indexUnreachable', within: string) =>
  `a cautious choice: the package index ${why === 'indexNotAsked' ? 'was not asked (PYDOCKER_OFFLINE=1)' : 'did not answer'}, ` +
  `so the pinned packages' wheels were not checked${within ? `; within ${within}` : ''}`;

/** Where a refused value would have gone (lib/decide/sinks.ts). */
const SINK_NAMES_EN: Record<Sink, string> = {
  shell: 'a Dockerfile RUN line',
  exec: "a Dockerfile's CMD",
  dockerfile: "a Dockerfile's COPY or ENV",
  yaml: 'compose.yaml',
  yamlKey: 'a compose.yaml key',
  dockerignore: '.dockerignore',
};

export const cliEn: CliTexts = {
  questions: {
    pythonVersion: 'Python version for the base image',
    baseVariant: 'Base image variant (slim: Debian, small; alpine: musl, smallest; full: with compilers, ~1 GB)',
    port: 'Port the app listens on (1024-65535)',
    wsgiApp: 'WSGI app gunicorn serves (module:variable)',
    workers: 'gunicorn worker processes',
    uid: 'Numeric UID of the non-root user',
    gid: 'Numeric GID of the non-root group',
    lang: 'Language of the teaching text (messages, comments, WORKSHOP.md)',
    git: 'Create a git repository with one tagged commit per workshop step?',
    compose: 'Also write compose.yaml for the local development loop?',
    watch: 'Add develop.watch for `docker compose watch` (needs Compose v2.22+; docker-compose 1.x rejects the file)?',
  },
  languageNames: { en: 'English', 'zh-CN': '简体中文 (Simplified Chinese)' },
  options: {
    defaults: 'Never ask: use flags, your stored choices, what the project states, then defaults',
    server: `Server the production image runs: ${serverChoices().join('|')}`,
    stage: 'Which Dockerfile: bad|better|production [default: production]',
    help: 'display help for command',
    version: 'print the version of generator-python-docker',
    align: "Also bring the other files the generator wrote in line with this run: the other Dockerfiles, compose.yaml, and in the workshop folder its files (never your project's code)",
  },
  envOptions: {
    '--cwd': 'Run in this folder, creating it',
    '--skip-install': 'Do not automatically install dependencies',
    '--skip-cache': 'Do not remember prompt answers',
    '--local-config-only': 'Generate .yo-rc-global.json locally',
    '--ask-answered': 'Show prompts for already configured options',
    '--force': 'Override every file',
    '--dry-run': 'Write nothing: show what a run would write, and the diff of each conflict',
    '--whitespace': 'Whitespace changes will not trigger conflicts',
    '--bail': 'Fail on first conflict',
    '--skip-yo-resolve': 'Ignore .yo-resolve files',
    '--force-install': 'Fail on install dependencies error',
  },
  helpWords: {
    usage: 'Usage:',
    options: 'Options:',
    defaultValue: (value) => `(default: ${value})`,
    valuesLegend: '[...] after an option: the value a run in this folder takes without it, and where that value comes from.',
  },
  defaultNote: (value) => `[default: ${value}]`,
  helpValues: {
    stored: (value) => `[${value}, stored in .yo-rc.json]`,
    fromProject: (value, source) => `[${value}, from ${source}]`,
    fallback: (value, why, within) => `[${value}, ${fallbackReason(why, within)}]`,
    serverDefault: "[default: the one the app's kind runs on, else gunicorn]",
    unreadable: (reason) => `could not read the project for --help (${reason}): the values shown are the defaults`,
  },
  prompts: {
    navigate: 'navigate',
    select: 'select',
    yes: 'Yes',
    no: 'No',
    yesNoHint: (defaultYes) => (defaultYes ? '(Y/n)' : '(y/N)'),
    yesNoError: 'answer y (yes) or n (no)',
  },
  statusWords: { create: 'create', update: 'update', merge: 'merge', force: 'force', identical: 'identical', conflict: 'conflict', skip: 'skip' },
  dryRunStatusWords: { create: 'would create', update: 'would update', merge: 'would merge', force: 'would overwrite', identical: 'identical', conflict: 'conflict', skip: 'skip' },
  dryRunDone: '--dry-run: nothing was written. A run without it writes the files marked "would create" and "would overwrite" above, and asks about each "conflict".',
  validation: {
    names: { port: 'port', workers: 'workers', uid: 'UID', gid: 'GID' },
    wholeNumber: (what, min, max, got) => `${what} must be a whole number from ${min} to ${max}, got "${got}"`,
    range: (what, min, max, value) => `${what} must be from ${min} to ${max}, got ${value}`,
    privilegedPort: (port) =>
      `port must be from 1024 to 65535, got ${port}: ports below 1024 are privileged and the app runs as a non-root user; pick e.g. 8080 and publish it with -p ${port}:8080`,
    pythonFormat: (got) => `Python version must look like 3.14 (or 3.14.1), got "${got}"`,
    pythonNotSupported: (text, oldest) => `Python ${text} is not supported: the oldest accepted is ${oldest}`,
    pythonTooNew: (text, newest) => `Python ${text} is not released yet: the newest accepted is ${newest}`,
    oneOf: (what, choices, got) => `${what} must be one of ${choices.join(', ')}, got "${got}"`,
    wsgiApp: (got) =>
      `WSGI app must be "module:variable" or "module:factory()" (e.g. main:app, myapp.web:create_app()), got "${got}"`,
    rootId: (what) => `${what} 0 is root: the point of this setting is a non-root user`,
    yesNo: (got) => `expected yes or no, got "${got}"`,
    invalidFlag: (flag, message) => `Invalid ${flag}: ${message}`,
    invalidStored: (key, message) => `Invalid ${key} in .yo-rc.json: ${message}`,
    detectedUnusable: (source, message) => `${source}: ${message}; using the default instead`,
    what: { baseVariant: 'base variant', lang: 'language', server: 'server', stage: 'stage' },
  },
  read: {
    title: 'Read from the project:',
    valuesTitle: 'Values for this run:',
    labels: {
      pythonVersion: 'python',
      baseVariant: 'base variant',
      port: 'port',
      wsgiApp: 'WSGI app',
      workers: 'workers',
      uid: 'UID',
      gid: 'GID',
      lang: 'language',
      git: 'git history',
      compose: 'compose.yaml',
      watch: 'develop.watch',
      server: 'server',
    },
    line: (label, value, origin) => `${label}: ${value}${origin ? ` ${origin}` : ''}`,
    flag: '(flag)',
    stored: '(stored in .yo-rc.json)',
    fromProject: (source) => `(from ${source})`,
    fallback: (why, within) => `(${fallbackReason(why, within)})`,
    byDefault: '(default)',
    defaultOf: (by) => `(${by}'s default)`,
    dependencies: (manager, files, parts) =>
      `dependencies: ${manager}${parts && parts.length > 0 ? ` (${dependencyReason(parts)})` : files.length > 0 ? ` (${files.join(', ')})` : ''}`,
    noDependencies: 'dependencies: none found',
    entry: (target, kind, source) => `entry point: ${target} (${kind}) (from ${source})`,
    noEntry: 'entry point: not found',
    compiled: (packages, build, runtime, untabled) =>
      `compiled dependencies: ${(packages.length > 0 ? packages : untabled).join(', ')}` +
      (packages.length > 0 ? `; OS packages: ${build.length > 0 ? build.join(', ') : 'none'} to build, ${runtime.length > 0 ? runtime.join(', ') : 'none'} at run time` : '') +
      (untabled.length > 0 ? `${packages.length > 0 ? `; ${untabled.join(', ')}` : ''} (-dev headers this generator does not know: see the warning)` : ''),
    noCompiled: 'compiled dependencies: none',
    yes: 'yes',
    no: 'no',
  },
  errors: {
    prefix: (program) => `${program}: error: `,
    cancelled: 'cancelled: no answer was given, nothing was written',
    noProject: (root, command) =>
      `no Python project in ${root} (no requirements.txt, pyproject.toml, Pipfile or .py file): run it inside your project, or run \`${command}\` in an empty folder for the sample app`,
    noTerminal: 'no terminal to ask: add --defaults',
    unknownSubGenerator: (name, choices) => `unknown sub-generator "${name}": use one of ${choices.join(', ')}`,
    cwdNeedsFolder: '--cwd needs a folder',
    unknownOption: (option, hint) => `unknown option ${option}${hint ? ` (did you mean ${hint}?)` : ''}: see --help`,
    optionNeedsValue: (option) => `${option} needs a value: see --help`,
    unexpectedArguments: (words, subCommands) =>
      `unexpected ${words.length === 1 ? 'argument' : 'arguments'} ${words.map((word) => `"${word}"`).join(' ')}: give at most one sub-command (${subCommands.join(', ')}), and options`,
    commandLine: (detail) => `invalid command line: ${detail}`,
    yoRcInvalid: (line, column) => `.yo-rc.json is not valid JSON (line ${line}, column ${column}): fix it, or delete it to start over`,
    otherProject: (found) =>
      `this folder holds something else (${found.join(', ')}): the workshop's sample app is scaffolded only into an empty folder (dotfiles, README and LICENSE are fine); run it in a new folder, or in your Python project to add its Docker files`,
    unsafeValue: (origin, value, sink, reason) =>
      `${origin ? `${origin}: ` : ''}"${value}" cannot be written safely into ${SINK_NAMES_EN[sink]}: ` +
      (reason === 'control' ? 'it holds control characters' : 'it holds characters that would be read as syntax there') +
      '; rename it in the project (or name the value with an option); nothing was written',
    outputOutside: (file, kind) =>
      `${file} is ${kind === 'symlink' ? 'a symbolic link' : 'in a folder that leads outside the project'}: this generator writes only real files inside the project; remove or rename it and run again; nothing was written`,
  },
  conflict: {
    mergeable: (file) => `${file} was edited since the generator wrote it; this run's changes merge around your edits (every line of yours kept). What merging changes in your file:`,
    editedClash: (file, regions) =>
      regions > 0
        ? `${file} was edited since the generator wrote it, and this run changes ${regions === 1 ? 'a place' : `${regions} places`} you edited. What this run's version changes in your file:`
        : `${file} was edited since the generator wrote it (and its earlier version cannot be rebuilt to merge). What this run's version changes in your file:`,
    notOurs: (file) => `${file} exists, and the generator has no record of writing it. What this run's version changes in it:`,
    moreLines: (count) => `... and ${count} more lines of differences`,
    question: (file) => `${file}: what now?`,
    choices: {
      merge: 'write the merge (your edits kept)',
      beside: (newFile) => `keep yours, write this run's version beside it as ${newFile}`,
      overwrite: "overwrite with this run's version (your edits are lost)",
      keep: 'keep yours, write nothing (it stays out of date)',
    },
  },
  rerun: {
    merged: (file) => `${file}: edited since the generator wrote it; this run's changes merged in, every line of yours kept`,
    staleTitle: 'not in line with this run:',
    staleKept: (file, changes) => `${file}: you kept your version${changes.length > 0 ? `; it was written with ${changes.join(', ')}` : ''}`,
    staleOther: (file, changes) =>
      `${file}: ${changes.length > 0 ? `written with ${changes.join(', ')}` : 'written before the project (or this generator) changed'}`,
    staleBeside: (file, newFile, command) => `${file}: left as you edited it; this run's version is in ${newFile}; compare: \`${command}\``,
    valueChange: (label, from, to) => `${label} ${from} (now ${to})`,
    alignWith: (command) => `  bring them in line: \`${command}\``,
  },
  migratedStore: (dropped, flags, kept) =>
    `.yo-rc.json was written by an earlier version that stored values you did not choose (what the project states, defaults you accepted); updated: ` +
    [
      dropped.length > 0 ? `dropped ${dropped.join(', ')}, read from the project or defaulted on every run now (to choose one yourself: ${flags.join(', ')})` : '',
      kept.length > 0 ? `kept ${kept.join(', ')} as your choices` : '',
    ].filter(Boolean).join('; '),
  composeNeedsDockerfile: (dockerfile, command) =>
    `compose.yaml builds ${dockerfile}, which this folder does not have yet: run \`${command}\` first.`,
  composeStep: (compose, toggleCommand) => {
    const lines = [
      `compose.yaml - the local loop`,
      `  One service, "${compose.service}", built from the production Dockerfile: \`docker compose up --build\`, then open ` +
        `http://localhost:${compose.port}/; \`docker compose ps\` shows it (healthy) within about ${compose.healthcheck.interval}. ` +
        `\`docker compose down\` stops and removes it.`,
    ];
    if (compose.watch) {
      lines.push(
        `  develop.watch: run \`docker compose watch\` (Compose v${compose.watch.minimumCompose}+; check with \`docker compose version\`): ` +
          `saving code copies it into the container${compose.watch.codeAction === 'sync' ? ` and ${compose.server} reloads it` : ' and restarts it'}; ` +
          (compose.watch.rebuild.length > 0 ? `changing ${compose.watch.rebuild.join(', ')} rebuilds the image. ` : '') +
          `The older docker-compose 1.x rejects this file: regenerate it without develop.watch there: \`${toggleCommand}\`.`,
      );
    } else {
      lines.push(`  It works with the older docker-compose 1.29 too. For code sync while you edit (Compose v2.22+): \`${toggleCommand}\`.`);
    }
    return lines.join('\n');
  },
  nextInFolder: (folder) => `Next: cd ${folder}`,
  dockerignoreMergeHeader: '# Added by generator-python-docker: what a Python image build should not see',
  binHelp: {
    subCommands: 'Sub-commands (default: app):',
    subGenerators: 'Sub-generators:',
    perCommand: (program) => `Each sub-command has its own options: ${program} <sub-command> --help`,
    descriptions: {
      app: 'the workshop: sample app and every Docker step (in an existing project: its Docker files)',
      dockerfile: 'one Dockerfile: --stage bad|better|production',
      dockerignore: '.dockerignore, merged into yours',
      multistage: 'Dockerfile.multistage',
      compose: 'compose.yaml for the local loop',
    },
  },
  compareComments: {
    moduleDoc: (scriptEntry) =>
      `compare.py: build every Dockerfile of this project and compare them side by side.\n\nFor each Dockerfile it measures what the workshop is about:\n  - the image size                       (the full base image carries compilers: ~1 GB)\n  - the cold build time                  (docker build --no-cache)\n  - the rebuild time after a code edit   (one comment line appended to ${scriptEntry}, then undone)\n  - whether the dependency install came from the build cache on that rebuild\n  - how long \`docker stop\` takes         (~10 s means the app ignored SIGTERM and was killed)\n  - the UID the app runs as              (0 is root)\nIt prints a table and writes the same figures as bar charts in one self-contained HTML file.\nAt the end it removes the images it built and the build cache those builds added (--keep keeps them).\n\nNeeds Python 3.9+ and docker, nothing else (Linux, macOS, Windows with WSL):\n    python3 compare.py            then open compare.html`,
    argparseWords:
      "argparse's own words (usage:, options:, its errors) in the same language: it looks each one up\nthrough gettext's `_` when it prints it.",
    textTable: "Every human-readable string of the tool, in one place, in the workshop's language (the generator's\n--lang): the --help text, the progress lines, the errors, and the table's and the chart's words.",
    filledIn: "Filled in by the generator from its answers.",
    teachingOrder: "The workshop's steps come first, in teaching order; any other Dockerfile* follows.",
    buildkitSteps: "BuildKit's plain progress output names each step, then says what became of it:",
    dependencyStep: "The dependency step: a RUN that installs with pip, uv, poetry or pipenv (not python3-pip).",
    uniqueEdit: "Unique on every run, so no earlier run's build cache can match the edited file.",
    idStar: "An ID ends in \"*\" while a build uses the record.",
    onlyNewRecords: "Only the records that appeared during this run, and only if the engine can list them.",
    coldBuild: "1. Cold build: --no-cache ignores every cached layer, like a first build on a new laptop or in CI.",
    codeEdit: "2. What you do all day: edit the code, rebuild. Only the layers from the one that copies the code\n   should run again; if the dependency install runs too, the Dockerfile copies the code too early.",
    untagged: "The rebuild took the tag: the cold image is now an untagged <none> image. Remove it now\n(with --keep too: nothing can use it any more).",
    runIt: "3. Run it: who does the app run as, and does it stop when asked to (SIGTERM)?",
    outputSection: "---- Output: the same figures as a text table, an HTML page with bar charts, and JSON ----",
    shellSplit: "\"--build-flag='--network host'\" is two words for docker: split like a shell would.",
    buildkitDefault: "BuildKit prints the \"#8 CACHED\" lines read above (the default builder since Docker 23).",
    status404: "a 404 still means the app runs",
    leftOver: "left over from an interrupted run",
    sigkill: "SIGTERM, then SIGKILL after 10 s",
    fewPasses: "a record goes only once the records built on it are gone: another pass while a pass removes something",
    onePerCall: "one per call: Docker 20.10 takes one value per filter",
    alignment: "names left-aligned, figures right-aligned",
    divideByZero: "never divide by zero",
    hostNetwork: "the run side is handled in run_and_stop (no -p with host networking)",
    finallyRestores: "runs every `finally`: the edited file is restored",
    failureDoc: "An error the user can act on; printed as one line.",
    findDockerfilesDoc: "Every Dockerfile and Dockerfile.* in folder, the workshop's ones first.",
    slugDoc: "Dockerfile.bad -> bad, Dockerfile -> dockerfile: a valid part of an image name.",
    dependencyStepCachedDoc: "True if every install step printed CACHED, False if one ran, None if none was found.",
    installSecondsDoc: "Seconds the steps that install the app's dependencies took (BuildKit's DONE times), None if none was found.",
    installerItself: "A step that only installs the installer (pip install uv==...) is not the app's dependencies.",
    dockerDoc: "Runs docker with stdout and stderr together (BuildKit writes its progress to stderr).",
    buildDoc: "docker build, timed. Returns (seconds, output).",
    codeOnlyEditDoc: "Appends a comment line to path and always puts the file back, even on Ctrl-C.",
    appAnswersDoc: "True when an HTTP server on 127.0.0.1:port answers below 500 (like the HEALTHCHECK).",
    runAndStopDoc: "Starts the image, waits for an answer, reads the UID, times `docker stop`. Returns (uid, seconds).",
    buildCacheIdsDoc: "The IDs of BuildKit's build cache records, or None when this docker cannot list them.",
    cleanUpDoc: "Removes what this run added: its images and the build cache records its builds created.\nNothing else: other images and other build cache stay.",
    measureDoc: "Every figure for one Dockerfile. Notes the images it builds in built (for the clean-up).",
    cellsDoc: "One row of the table, as text.",
    displayWidthDoc: "Columns a string takes in a terminal: CJK characters take two.",
    svgChartDoc: "A horizontal bar chart as inline SVG: one labelled bar per Dockerfile.",
    renderHtmlDoc: "A page with no external file, script or font: it works offline, on any projector.",
    errorPrefix: "compare.py: error: ",
  },
  composeComments: {
    additionalContexts:
      'This folder is a member of a uv workspace: its uv.lock is at the workspace root, given to the\n' +
      'build as a second context (Compose v2.17 or later; docker-compose 1.x cannot build it).',
    header:
      'compose.yaml: the local loop. `docker compose up --build` builds the production Dockerfile\n' +
      'and runs it with everything you would otherwise type after `docker run`; `docker compose down`\n' +
      'stops and removes it. No `version:` line: the Compose specification made it obsolete.',
    watchNeeds: (minimum) =>
      `The \`develop:\` section below needs Compose v${minimum} or later (\`docker compose version\`);\n` +
      'the older docker-compose 1.x rejects the whole file. Regenerate without --watch for it.',
    worksWithBoth: 'Works with `docker compose` (v2) and with the older `docker-compose` 1.29 alike.',
    image: 'The name the built image gets (instead of one made up from the folder and service names).',
    ports: (port) => `HOST:CONTAINER. "127.0.0.1:${port}:${port}" would keep the app off your network.`,
    workers: (server, workers) => `${server}'s worker count: change it here, no rebuild needed (the image's default is ${workers}).`,
    reloadEnv: 'Reload changed code without a restart: what makes `sync` below useful. Local loop only.',
    readOnly: 'As in production: the app cannot change its own image, and /tmp is a RAM disk for the\ntemporary files Python libraries write.',
    notReadOnly:
      'Not read_only here: `docker compose watch` copies the code you save into /app, which a\nread-only root filesystem refuses. Without --watch, this file runs it read-only.',
    init: "A small init as PID 1 forwards `docker compose stop`'s SIGTERM to your script and reaps\nits children, so stopping takes a second instead of a 10 s timeout.",
    noInit: (server) => `No \`init: true\`: ${server} is PID 1 and handles SIGTERM itself (a quick, graceful stop).`,
    healthcheck:
      "The same check as the Dockerfile's HEALTHCHECK (a compose healthcheck replaces the image's),\nwritten out so you can read and tune it here; `docker compose ps` shows (healthy).",
    noRestart: (service) =>
      `No \`restart:\` policy: in the local loop a crash should stop and show its traceback\n(\`docker compose logs ${service}\`), not restart in a loop.`,
    develop: (minimum) => `\`docker compose watch\` builds, starts, then follows your edits (Compose v${minimum}+):`,
    syncReload: (server) => `Code: copied into the running container on every save; ${server} reloads it.`,
    syncRestart:
      'Code: copied into the container on every save, then the container restarts\n(sync+restart: Compose v2.23+), since a plain script does not reload itself.',
    installsProject:
      'This project installs itself as a package: when that install is not editable, the\ninstalled copy runs, not /app; then use `action: rebuild` here instead.',
    ignore: "Never copied: local virtualenvs, caches and secrets (.dockerignore's rules apply too).",
    rebuild: 'Dependencies: a change rebuilds the image (its cached dependency layer) and recreates\nthe container.',
    requiredEnv:
      'Read by the app with no default: Compose refuses to start until they are set (in your\n' +
      'shell or in a .env file next to this one, which .dockerignore keeps out of the image).',
    volumes: 'The app writes here at run time: named volumes keep it across `docker compose down` / `up`.',
    dependsOn: 'Starts once the migrations below have run.',
    notReadOnlyWrites: (files) =>
      `Not read_only: the app writes ${files.join(', ')} in /app itself. To run it read-only,\n` +
      `point ${files.length === 1 ? 'that file' : 'those files'} at a folder with a volume on it.`,
    migrateService: (service) =>
      "Django's migrations, once, before the web service starts (never in the image's CMD: replicas\n" +
      `would race). Also by hand: \`docker compose run --rm ${service}\`.`,
    migrateOwnCopy: (files, web) =>
      `${files.join(', ')} lives in each container's /app: this service migrates its own\n` +
      `copy. Put the database on a volume (or a database server) to share it with "${web}".`,
  },
};
