/** English: what `--verify` says. */
import type { VerifyTexts } from './verify-types.js';

const list = (items: readonly (string | number)[]) => items.join(', ');

export const verifyEn: VerifyTexts = {
  options: {
    verify:
      'After writing, build the Dockerfile(s) with your docker (BuildKit), run the image as production would (non-root, read-only, no network), probe it, stop it, and print a verdict; removes what it made',
    keep: 'With --verify: keep the image and the stopped container it made',
  },
  keepWithoutVerify: '--keep keeps what --verify builds, and this run does not verify: add --verify, or leave out --keep',
  question: 'Build and run the image now on your docker engine to check it? (a minute or more; removes what it makes)',
  cannot: {
    noCli: 'cannot verify: no `docker` command on PATH. Install Docker Desktop, or Docker Engine 23+ with the buildx plugin (https://docs.docker.com/engine/install/); the files are written.',
    noEngine: (detail) =>
      `cannot verify: no docker engine answers (${detail || 'docker version failed'}). Start Docker Desktop or the docker service, or check DOCKER_HOST / \`docker context ls\`; the files are written.`,
    tooOld: (server, minimum) =>
      `cannot verify: Docker Engine ${server} is too old for these Dockerfiles (BuildKit cache mounts need ${minimum} or newer). Install Docker Engine 23+ or a current Docker Desktop; the files are written.`,
    noBuildKit: (client) =>
      `cannot verify: \`docker build\` here (CLI ${client || '?'}) uses the legacy builder, which rejects RUN --mount. Install the buildx plugin (package docker-buildx-plugin, or Docker Desktop); the files are written.`,
    dryRun: 'nothing was written (--dry-run): nothing to verify.',
    nothingWritten: 'no Dockerfile was written: nothing to verify.',
  },
  title: 'Verifying on your docker engine',
  engine: (name, server, client, buildx) => `  ${name} ${server}, docker CLI ${client}${buildx ? `, buildx ${buildx}` : ''}`,
  build: (dockerfile, image, hostNetwork) =>
    `  Building ${dockerfile} as ${image}${hostNetwork ? ' (the engine has no bridge network: RUN steps use the host network)' : ''}`,
  step: (name, state, seconds) =>
    `    ${name}  ${state === 'cached' ? 'CACHED' : state === 'failed' ? 'FAILED' : seconds !== undefined ? `${seconds.toFixed(1)} s` : 'done'}`,
  run: (command) => `  Starting it as production would: ${command}`,
  placeholders: (items) => `  Placeholder values (the app reads these with no default; give real ones in production): ${list(items)}`,
  probe: (path, port, boundS) => `  Probing GET ${path} on port ${port} inside the container (no port published), for up to ${boundS} s`,
  verdict: {
    title: (dockerfile) => `Verdict for ${dockerfile}`,
    labels: {
      build: 'build',
      size: 'image size',
      firstResponse: 'first response',
      status: 'HTTP status',
      user: 'user id',
      stop: 'stop time',
      exitCode: 'exit code',
      placeholders: 'placeholders',
      log: 'log',
      cause: 'likely cause',
      result: 'result',
    },
    build: (seconds, steps, cached) => `${seconds} s (${steps} steps, ${cached} cached)`,
    buildFailed: (seconds, step) => `failed after ${seconds} s${step ? ` at ${step}` : ''}`,
    megabytes: (mb) => `${mb} MB`,
    seconds: (value) => `${value} s`,
    exitedBeforeAnswer: (code, seconds) => `none: the container exited with code ${code}${seconds ? ` after ${seconds} s` : ''}`,
    noAnswer: (boundS) => `none within ${boundS} s`,
    status: (status, path, port) => `${status} (GET ${path} on port ${port})`,
    none: '-',
    uid: (uid) => uid,
    uidFromImage: (uid) => `${uid} (the image's USER)`,
    rootLesson: '0, root: the lesson of this file (Dockerfile runs as a non-root user)',
    alreadyStopped: '- (it had already stopped)',
    killedLesson: '137, killed after 10 s: the lesson of this file (Dockerfile stops in about a second)',
    cleanLog: 'no ERROR or Traceback line',
    unknownCause: 'not one the generator recognises: read the log (docker logs, or run it again with --keep)',
    ok: 'OK: it builds, answers, runs as a non-root user and stops cleanly',
    failed: (problems) => `FAILED: ${problems.join('; ')}`,
    problems: {
      'build-failed': () => 'the build failed',
      'run-failed': (f) => `docker run refused it (${f.runError ?? '?'})`,
      exited: (f) => `the container exited (code ${f.exitCode ?? '?'}) before it answered`,
      'no-answer': (f) => `nothing answered on port ${f.port} within ${f.boundS} s`,
      'no-probe': () => 'the probe could not run in the container (it needs python on PATH)',
      'server-error': (f) => `GET answered ${f.status ?? '?'} (a server error)`,
      'loopback-only': (f) => `the server listens on 127.0.0.1:${f.port} only, which a published port cannot reach: bind 0.0.0.0`,
      'other-port': (f) => `nothing listens on port ${f.port}, the app listens on ${list(f.listening)}: pass --port ${f.listening[0] ?? f.port}`,
      root: () => 'it runs as root',
      killed: () => 'docker stop had to kill it after 10 s (exit 137): the process ignores SIGTERM',
      'stop-exit': (f) => `it exited with code ${f.exitCode ?? '?'} on docker stop`,
      'log-errors': () => 'the log has ERROR or Traceback lines',
    },
  },
  causes: {
    'entry-point': (c) =>
      c.ignoredBy
        ? `the entry point ${c.target} needs the module ${c.module}, which is in the project but not in the image: the .dockerignore line "${c.ignoredBy}" keeps it out`
        : c.inProject
          ? `the entry point ${c.target} needs the module ${c.module}, which is in the project but cannot be imported from the image's working directory: check --wsgi-app`
          : `the entry point ${c.target} names the module ${c.module}, which the project does not have: pass the right one with --wsgi-app module:app`,
    'entry-attribute': (c) => `the module ${c.module} has no ${c.attribute}: the entry point ${c.target} names another app object; pass the right one with --wsgi-app ${c.module}:NAME`,
    'project-module': (c) =>
      c.ignoredBy
        ? `the app imports ${c.module}, which is in the project but not in the image: the .dockerignore line "${c.ignoredBy}" keeps it out`
        : `the app imports ${c.module}, which is in the project but cannot be imported from the image's working directory`,
    'missing-dependency': (c) =>
      `the app imports ${c.module}, which the image does not install: add the package that provides it to ${c.files.length > 0 ? list(c.files) : 'the dependency file'}`,
    'needs-volume': (c) => {
      const why = c.readOnly ? 'read-only when the image runs as production would' : 'not writable by the app user';
      return c.folder
        ? `the app writes ${c.path}, which is ${why}: mount a volume on ${c.folder} (docker run -v NAME:${c.folder}) or write under /tmp`
        : `the app writes ${c.path}, which is ${why}: put the file in a folder and mount a volume there, or write under /tmp`;
    },
    'missing-variable': (c) => `the app needs the environment variable ${c.name}, which it reads with no default: pass it with docker run -e ${c.name}=... (compose.yaml: environment:)`,
    'placeholder-rejected': (c) => `the app refused the placeholder ${c.name}=${c.value}: it needs a real value (docker run -e ${c.name}=...)`,
  },
  removed: (container, image) => `  Removed the container ${container} and the image ${image} (nothing else was touched).`,
  kept: (container, image) => `  Kept (--keep): the image ${image} and the stopped container ${container}. Remove them with: docker rm -v ${container} && docker rmi ${image}`,
  compose: {
    ok: (version) => `compose.yaml: accepted by docker compose ${version} (docker compose config)`,
    failed: (message) => `compose.yaml: docker compose config rejects it: ${message}`,
    missing: 'compose.yaml: not checked, the docker compose plugin is not installed (package docker-compose-plugin, or Docker Desktop)',
  },
  summary: {
    ok: (count) => `Verified: ${count === 1 ? 'the image works' : `all ${count} images work`} as production would run ${count === 1 ? 'it' : 'them'}.`,
    failed: (count, of) => `Verification failed for ${count} of ${of} Dockerfile${of === 1 ? '' : 's'}: see the verdict above. The files are written.`,
  },
};
