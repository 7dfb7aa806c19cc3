/**
 * A yeoman-test run of one of our generators, typed with that generator, so `withOptions` takes
 * its options (--defaults, --python-version...) and `result.generator` is the generator object.
 */
import helpers, { type RunContext } from 'yeoman-test';
import type AppGenerator from '../../generators/app/index.js';
import type ComposeGenerator from '../../generators/compose/index.js';
import type DockerfileGenerator from '../../generators/dockerfile/index.js';
import type DockerignoreGenerator from '../../generators/dockerignore/index.js';
import type MultistageGenerator from '../../generators/multistage/index.js';
import { generatorPath } from './paths.js';

interface Generators {
  app: AppGenerator;
  dockerfile: DockerfileGenerator;
  dockerignore: DockerignoreGenerator;
  multistage: MultistageGenerator;
  compose: ComposeGenerator;
}

export type GeneratorName = keyof Generators;

/** What `withOptions` takes for that generator: its CLI options, by the names a user types. */
export type RunOptions<N extends GeneratorName> = Parameters<RunContext<Generators[N]>['withOptions']>[0];

/** `helpers.run` on the compiled generator (as users run it), typed with its class. */
export function runGenerator<N extends GeneratorName>(name: N) {
  return helpers.run<Generators[N]>(generatorPath(name));
}
