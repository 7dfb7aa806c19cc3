/** The workshop's steps, in teaching order, and the files each one writes. */
export const DOCKERFILE_STAGES = ['bad', 'better', 'production'] as const;
export type DockerfileStage = (typeof DOCKERFILE_STAGES)[number];

export const DOCKERFILE_NAMES: Readonly<Record<DockerfileStage | 'multistage', string>> = {
  bad: 'Dockerfile.bad',
  better: 'Dockerfile.better',
  production: 'Dockerfile',
  multistage: 'Dockerfile.multistage',
};

export const STEP_IDS = ['app', 'bad', 'better', 'dockerignore', 'production', 'multistage', 'workshop'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** Git tags of the workshop history (--git), in walkthrough order. WORKSHOP.md joins step 1. */
export const STEP_TAGS: Readonly<Partial<Record<StepId, string>>> = {
  app: 'step-1-app',
  bad: 'step-2-bad',
  better: 'step-3-better',
  dockerignore: 'step-4-dockerignore',
  production: 'step-5-production',
  multistage: 'step-6-multistage',
};
