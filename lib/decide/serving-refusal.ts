/**
 * When no Dockerfile is written for a project as it is: the one-line refusals. No I/O.
 */
import type { ProjectFacts } from '../read/types.js';
import type { Server } from './server-command.js';

/** Why no Dockerfile can be written for this project as it is (a one-line refusal), or undefined. */
export type Refusal = { kind: 'noDependencyFile'; framework: string } | { kind: 'unimportableApp'; files: string[] } | { kind: 'noAppFound' };

/**
 * Refuse rather than write a Dockerfile that cannot build or a CMD that cannot start:
 * framework code but no dependency file; a server to run but no app found and none named
 * (--wsgi-app or a stored answer), with the reason when the app is in a file no server can import.
 */
export function servingRefusal(facts: ProjectFacts, server: Server, userNamedApp: boolean): Refusal | undefined {
  const entry = facts.entryPoint;
  if (!facts.dependencies && entry && entry.kind !== 'script') {
    const names: Record<string, string> = { flask: 'Flask', django: 'Django', fastapi: 'FastAPI', starlette: 'Starlette', quart: 'Quart', litestar: 'Litestar' };
    return { kind: 'noDependencyFile', framework: names[entry.framework ?? ''] ?? 'a web framework' };
  }
  if (server === 'python' || userNamedApp) return undefined;
  if (!entry || entry.kind === 'script') {
    if (facts.unimportableApps?.length) return { kind: 'unimportableApp', files: facts.unimportableApps };
    if (!entry) return { kind: 'noAppFound' };
  }
  return undefined;
}

/** The words for a refusal, in the user's language (Messages['text'] in lib/messages/types.ts has them). */
export interface RefusalTexts {
  noAppFound: string;
  unimportableApp: (files: string[]) => string;
  noDependencyFile: (framework: string) => string;
}

export function refusalText(refusal: Refusal, text: RefusalTexts): string {
  switch (refusal.kind) {
    case 'noDependencyFile':
      return text.noDependencyFile(refusal.framework);
    case 'unimportableApp':
      return text.unimportableApp(refusal.files);
    case 'noAppFound':
      return text.noAppFound;
  }
}
