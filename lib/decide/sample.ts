/**
 * The sample Flask project `yo python-docker` scaffolds in an empty folder. Its layout follows
 * the WSGI app answer, so `--wsgi-app web.server:api` really has a web/server.py with `api` in it.
 */
import type { ProjectInput } from './plan.js';
import { SAMPLE_REQUIREMENTS } from '../tables/versions.js';

export interface SampleLayout {
  /** The file holding the app, e.g. "main.py" or "web/server.py". */
  moduleFile: string;
  /** __init__.py files the module's packages need. */
  packageInits: string[];
  /** The app variable, or the factory function's name. */
  variable: string;
  factory: boolean;
}

export function sampleLayout(wsgiApp: string): SampleLayout {
  const [modulePath, attribute] = wsgiApp.split(':');
  const parts = modulePath.split('.');
  const packageInits = parts.slice(0, -1).map((_, index) => `${parts.slice(0, index + 1).join('/')}/__init__.py`);
  const factory = attribute.endsWith('()');
  return {
    moduleFile: `${parts.join('/')}.py`,
    packageInits,
    variable: factory ? attribute.slice(0, -2) : attribute,
    factory,
  };
}

export const SAMPLE_PACKAGES: readonly string[] = Object.keys(SAMPLE_REQUIREMENTS);

/** What the decision step knows of the sample project (it is not on disk yet when deciding). */
export function sampleProjectInput(wsgiApp: string): ProjectInput {
  return {
    dependencies: {
      manager: 'pip',
      files: ['requirements.txt'],
      requirementsFile: 'requirements.txt',
      installsProject: false,
      packages: [...SAMPLE_PACKAGES],
      reasonParts: [],
    },
    server: 'gunicorn',
    scriptEntry: sampleLayout(wsgiApp).moduleFile,
    sample: true,
  };
}
export { SAMPLE_REQUIREMENTS };
