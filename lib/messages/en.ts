/** English: everything the generator says to teach. */
import type { DockerPlan } from '../plan.js';
import { DEFAULT_PYTHON_VERSION } from '../versions.js';
import type { Messages } from './types.js';

/** Points at the walkthrough, which only the sample project has. */
const see = (p: DockerPlan, section: number) => (p.sample ? ` WORKSHOP.md, section ${section}.` : '');

export const en: Messages = {
  lang: 'en',
  steps: {
    app: {
      title: 'Step 1 - the app (main.py, requirements.txt)',
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
        `Slim base, PYTHONUNBUFFERED / PYTHONDONTWRITEBYTECODE, dependencies installed before the code is copied. ` +
        `See it: edit ${p.scriptEntry}, rebuild, and the install step says CACHED; print() shows in \`docker logs\`.` +
        see(p, 3),
    },
    dockerignore: {
      title: 'Step 4 - .dockerignore: keep secrets and clutter out of the build',
      body: (p) =>
        `.git, .env files, virtualenvs, caches and __pycache__ (in every folder) never enter the build context, ` +
        `so they cannot end up in an image.` +
        see(p, 4),
    },
    production: {
      title: 'Step 5 - Dockerfile: production',
      body: (p) =>
        `Non-root user ${p.uid}:${p.gid}, ${p.server === 'python' ? `python ${p.scriptEntry}` : `${p.server} with ${p.workers} workers (WEB_CONCURRENCY)`}, ` +
        `HEALTHCHECK, runs with --read-only. See it: \`docker stop\`${p.server === 'python' ? '' : ' returns in about a second'}; ` +
        `\`docker exec <container> id -u\` prints ${p.uid}.` +
        see(p, 5),
    },
    multistage: {
      title: 'Step 6 - Dockerfile.multistage: compilers in the builder stage only',
      body: (p) =>
        `Dependencies are built in a stage with ${p.buildPackages.join(', ')}; the final image copies only the virtualenv ${p.venv}` +
        (p.runtimePackages.length > 0 ? ` and installs ${p.runtimePackages.join(', ')}` : '') +
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
          return `Python ${w.minor} reached end of life on ${w.date} and gets no security fixes: use it only to reproduce old material; ${DEFAULT_PYTHON_VERSION} is the default.`;
        case 'noMuslWheel':
          return `Alpine (musl): ${w.packages.join(', ')} publish no musllinux wheel, so pip compiles them from source (slow, needs the builder stage) or fails; slim is the safer base for this project.`;
        case 'needsTomllib':
          return `reading pyproject.toml dependencies in the image needs tomllib (Python 3.11+); Python ${w.version} will fail that step.`;
        case 'noWheelForPython':
          return `Python ${w.version}: ${w.packages.join(', ')} publish no wheel for it, so pip compiles them from source (slow, and it fails without the right compiler); choose a Python they have wheels for, or upgrade them.`;
        case 'eraCompanion':
          return `adding ${w.added} to the image: ${w.why}; ${w.pinned} is pinned (upgrade it, or pin the piece yourself, to drop this).`;
        case 'eraUnsupported':
          return `${w.pinned} will not start with today's versions of its dependencies: ${w.fix}.`;
      }
    },
    readFromProject: 'Read from the project:',
    overrideHint: 'Override with --python-version, --port, --wsgi-app, --server.',
    serverChosen: (command, added) =>
      `server: ${command}${added.length > 0 ? ` (adding ${added.join(', ')}: the project does not depend on it)` : ''}`,
    existingProject: 'Python project found: adding Docker files only; your code and dependency files are not touched.',
    gitHistory: (tags) =>
      `Git history: one commit per step, tagged ${tags.join(', ')}. ` +
      `\`git checkout ${tags[2]}\` shows a step; \`git diff ${tags[1]} ${tags[2]}\` shows what it changed.`,
    gitNotForProject: '--git builds the workshop history of the sample app; this folder has a project of its own, so no commits are made.',
    dockerignoreMerged: (added) => `.dockerignore: kept your lines, appended ${added.join(' ')}`,
    dockerignoreUnchanged: '.dockerignore: yours already has every entry; unchanged',
    dockerignoreKeptExceptions: (patterns) => `.dockerignore: not added, since you re-include part of them: ${patterns.join(' ')}`,
    nextSteps: (p) => `Next: docker build -t app . && docker run --rm -p ${p.port}:${p.port} app, then open http://localhost:${p.port}/`,
  },
  compare: {
    col_dockerfile: "Dockerfile",
    col_size: "Image size",
    col_cold: "Cold build",
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
      header:
        'Dockerfile: production. Everything Dockerfile.better does, plus a non-root user,\n' +
        'a production server, a graceful stop and a health check.',
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
        "folder, easy to copy into the next stage. It is made --without-pip where the base image's\n" +
        'pip installs into it, so pip itself stays behind.',
      runtime: '---- Stage 2: runtime ----',
      venvOnPath: 'The virtual environment built above comes first on PATH.',
      runtimeLibraries: 'Shared libraries the compiled packages link to (no compilers).',
      copyVenv: 'Only the installed packages cross over; compilers, tools and build caches stay behind.',
    },
    runtimeEnv:
      'PYTHONDONTWRITEBYTECODE / PYTHONUNBUFFERED: no .pyc at run time, logs straight to `docker logs`.\n' +
      "WEB_CONCURRENCY: the server's worker count; change it per run with -e WEB_CONCURRENCY=8.\n" +
      'XDG_RUNTIME_DIR: gunicorn >= 25.1 opens its control socket (for `gunicornc`) there; /dev/shm\n' +
      '  stays writable even with `docker run --read-only`, unlike $HOME.',
    nonRootUser:
      "A non-root user with fixed numeric IDs (predictable owners for volumes, and `USER` given as\n" +
      "numbers lets Kubernetes' runAsNonRoot verify it) and a home that exists (pip, gunicorn and\n" +
      'many libraries expect one). --skel /nonexistent: no shell dotfiles, nobody logs in;\n' +
      '--no-log-init: a high UID would otherwise grow a sparse /var/log/lastlog.',
    unpinnedDebian:
      'Package versions are not pinned: the base image tag fixes the Debian release, and pinned\n' +
      'versions disappear from the mirrors with every security update.',
    unpinnedAlpine:
      'Package versions are not pinned: the base image tag fixes the Alpine release, and pinned\n' +
      'versions disappear from the mirrors with every security update.',
    compileAndRemove: (packages) =>
      `${packages.join(', ')} compile${packages.length === 1 ? 's' : ''} from source: install the compilers, build, and remove them again\n` +
      'in the same layer, so they never reach the image (Dockerfile.multistage does this with two stages).',
    unpinnedDebianShort: 'Package versions are not pinned: the base image tag fixes the Debian release.',
    unpinnedAlpineShort: 'Package versions are not pinned: the base image tag fixes the Alpine release.',
    noCacheBoth: '--no-cache-dir / --no-cache: download caches would only make the image bigger.',
    noCachePip: "--no-cache-dir: pip's download cache would only make the image bigger.",
    projectCodeFirst: (p) => p.install.single.manager === 'setuptools' ? 'setup.py is a program that may import the code, so installing the project needs the code: no cached dependency layer here.' : `${p.requirementsFile} installs the project itself (-e .), so it needs the code: no cached dependency layer here.`,
    projectAfterCode: 'The project itself, now that its code is here (its dependencies came from the cached layer above).',
    copyCode:
      'Code last. --chown hands the files to the app user, for apps that write next to their code\n' +
      '(a SQLite file, uploads); code that never changes is safer left to root, read-only for the app.',
    userSwitch: 'From here on, not root. Numeric, so the runtime can check it without reading /etc/passwd.',
    healthcheck:
      "Healthy when / answers below 500 (a 404 still means the app runs); Python's standard\n" +
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
    serverScript:
      "The app's own script, as PID 1 in exec form. No web server was found in the project; if it\n" +
      'does not handle SIGTERM itself, run the container with --init so `docker stop` is quick.',
    dockerignore: {
      header:
        '.dockerignore: what never goes into the build context (and so never into an image).\n' +
        'A smaller context also means faster builds and fewer needless cache misses on `COPY . .`.\n' +
        'Patterns match from the context root: "**/" makes them match in every folder.',
      vcs: 'Version control',
      secrets: 'Secrets and local settings: never bake them into an image',
      venvs: "Local Python environments: built for your machine, not for the container's",
      caches: 'Test, lint and type-checker caches',
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
