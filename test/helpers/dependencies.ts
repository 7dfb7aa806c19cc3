/** A project's dependencies as lib/read/dependencies.ts reports them, for the plan tests: pip with a requirements.txt unless overridden. */
import type { Dependencies } from '../../lib/read/types.js';

export function pipDependencies(overrides: Partial<Dependencies> = {}): Dependencies {
  return {
    manager: 'pip',
    files: ['requirements.txt'],
    requirementsFile: 'requirements.txt',
    installsProject: false,
    packages: [],
    reasonParts: [],
    ...overrides,
  };
}
