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
