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

/** Points at the walkthrough, which only the sample project has. */
const see = (p: DockerPlan, section: number) => (p.sample ? ` WORKSHOP.md, section ${section}.` : '');

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
      `Full ${p.images.full} image, code copied before the dependency install, no Python env vars${p.devCommandIsScript ? ', python as PID 1' : ''}. ` +
      `See it: edit ${p.scriptEntry} and rebuild (the install runs again)` +
      (p.devCommandIsScript ? '; `docker stop` takes 10 s.' : '.') +
      see(p, 2),
  },
  better: {
    title: 'Step 3 - Dockerfile.better: fast rebuilds, live logs',
    body: (p) =>
      `Slim base, PYTHONUNBUFFERED / PYTHONDONTWRITEBYTECODE, dependencies installed before the code is copied. ` +
      `See it: edit ${p.scriptEntry}, rebuild, and the install step says CACHED; print() shows in \`docker logs\`.` + see(p, 3),
  },
  dockerignore: {
    title: 'Step 4 - .dockerignore: keep secrets and clutter out of the build',
    body: (p) =>
      `.git, .env files, virtualenvs, caches and __pycache__ (in every folder) never enter the build context, ` +
      `so they cannot end up in an image.` + see(p, 4),
  },
  production: {
    title: 'Step 5 - Dockerfile: production',
    body: (p) =>
      `Non-root user ${p.uid}:${p.gid}, ${p.server === 'python' ? `python ${p.scriptEntry}` : `${p.server} with ${p.workers} workers (WEB_CONCURRENCY)`}, ` +
      `HEALTHCHECK, runs with --read-only. See it: \`docker stop\`${p.server === 'python' ? '' : ' returns in about a second'}; ` +
      `\`docker exec <container> id -u\` prints ${p.uid}.` + see(p, 5),
  },
  multistage: {
    title: 'Step 6 - Dockerfile.multistage: compilers in the builder stage only',
    body: (p) =>
      `Dependencies are built in a stage with ${p.buildPackages.join(', ')}; the final image copies only the virtualenv ${p.venv}` +
      (p.runtimePackages.length > 0 ? ` and installs ${p.runtimePackages.join(', ')}` : '') +
      `. See it: \`docker run --rm <image> sh -c 'command -v gcc || echo no compiler'\`.` + see(p, 6),
  },
  workshop: {
    title: 'WORKSHOP.md - the walkthrough',
    body: () => `The three pains, each step and the exact commands that show them. Start there.`,
  },
};

export const text = {
  warning: (message: string) => `warning: ${message}`,
  existingProject: 'Python project found: adding Docker files only; your code and dependency files are not touched.',
  gitHistory: (tags: string[]) =>
    `Git history: one commit per step, tagged ${tags.join(', ')}. ` +
    `\`git checkout ${tags[2]}\` shows a step; \`git diff ${tags[1]} ${tags[2]}\` shows what it changed.`,
  nextSteps: (p: DockerPlan) =>
    `Next: docker build -t app . && docker run --rm -p ${p.port}:${p.port} app, then open http://localhost:${p.port}/`,
};
