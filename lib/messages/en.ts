/**
 * Everything the generator says to teach, in English. Another language is another file with
 * the same keys.
 */
import type { DockerPlan } from '../plan.js';
import type { StepId } from '../steps.js';

export interface StepMessage {
  title: string;
  body: (plan: DockerPlan) => string;
}

export const steps: Record<StepId, StepMessage> = {
  app: {
    title: 'Step 1 - the app (main.py, requirements.txt)',
    body: (p) =>
      `A Flask app that answers "Hello from <HOSTNAME>!" on port ${p.port}. Dependencies are pinned to current releases: ` +
      `the original note's Flask 2.2.3 and gunicorn 20.1.0 carry published CVEs. See WORKSHOP.md, section 1.`,
  },
  bad: {
    title: 'Step 2 - Dockerfile.bad, the intuitive version (kept bad on purpose)',
    body: (p) =>
      `Full ${p.images.full} image, code copied before pip install, no Python env vars, python as PID 1. ` +
      `See it: edit ${p.scriptEntry} and rebuild (pip runs again); \`docker stop\` takes 10 s. WORKSHOP.md, section 2.`,
  },
  better: {
    title: 'Step 3 - Dockerfile.better: fast rebuilds, live logs',
    body: (p) =>
      `Slim base, PYTHONUNBUFFERED / PYTHONDONTWRITEBYTECODE, requirements installed before the code is copied. ` +
      `See it: edit ${p.scriptEntry}, rebuild, and the pip step says CACHED; print() shows in \`docker logs\`. WORKSHOP.md, section 3.`,
  },
  dockerignore: {
    title: 'Step 4 - .dockerignore: keep secrets and clutter out of the build',
    body: () =>
      `.git, .env files, virtualenvs, caches and __pycache__ (in every folder) never enter the build context, ` +
      `so they cannot end up in an image. WORKSHOP.md, section 4.`,
  },
  production: {
    title: 'Step 5 - Dockerfile: production',
    body: (p) =>
      `Non-root user ${p.uid}:${p.gid}, gunicorn with ${p.workers} workers (WEB_CONCURRENCY), graceful stop on SIGTERM, ` +
      `HEALTHCHECK, runs with --read-only. See it: \`docker stop\` returns in about a second; ` +
      `\`docker exec <container> id -u\` prints ${p.uid}. WORKSHOP.md, section 5.`,
  },
  multistage: {
    title: 'Step 6 - Dockerfile.multistage: compilers in the builder stage only',
    body: (p) =>
      `Dependencies are built in a stage with ${p.buildPackages.join(', ')}; the final image copies only the virtualenv` +
      (p.runtimePackages.length > 0 ? ` and installs ${p.runtimePackages.join(', ')}` : '') +
      `. See it: \`docker run --rm <image> sh -c 'command -v gcc || echo no compiler'\`. WORKSHOP.md, section 6.`,
  },
  workshop: {
    title: 'WORKSHOP.md - the walkthrough',
    body: () => `The three pains, each step and the exact commands that show them. Start there.`,
  },
};

export const text = {
  warning: (message: string) => `warning: ${message}`,
  existingProject: 'Python project found: adding Docker files only; your code and dependency files are not touched.',
  nextSteps: (p: DockerPlan) =>
    `Next: docker build -t app . && docker run --rm -p ${p.port}:${p.port} app, then open http://localhost:${p.port}/`,
};
