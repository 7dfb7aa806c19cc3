/**
 * When no Dockerfile is written for a project as it is: the one-line refusals. No I/O.
 */
import type { ProjectFacts, UnservableApp } from '../read/types.js';
import { appKind } from '../tables/app-kinds.js';
import type { Server } from './server-command.js';

/** Why no Dockerfile can be written for this project as it is (a one-line refusal), or undefined. */
export type Refusal =
  | { kind: 'noDependencyFile'; framework: string }
  | { kind: 'unimportableApp'; files: string[] }
  /** Apps of a known kind that no server can load as written (a factory that needs arguments, a Dash app without `server = app.server`). */
  | { kind: 'unservableApp'; apps: UnservableApp[] }
  /** No app of a kind in the table; a script at the root that may start a server of its own. */
  | { kind: 'unknownScript'; file: string }
  | { kind: 'noAppFound' }
  /** The app's own code starts its server on an address nothing outside the container reaches. */
  | { kind: 'loopbackOnly'; host: string; source: string };

/** Addresses that listen on every interface of the container. */
const EVERY_INTERFACE = ['0.0.0.0', '::', '[::]', ''];

/**
 * Refuse rather than write a Dockerfile that cannot build or a CMD that cannot start:
 * app code that needs packages but no dependency file; a server to run but no app found and none
 * named (--wsgi-app or a stored answer), saying what was found (an app in a file no server can
 * import, an app no server can load as written, a script of a kind the table does not know) or
 * where it looked. `--server python` runs a script as it is: never refused for want of an app.
 */
export function servingRefusal(facts: ProjectFacts, server: Server, userNamedApp: boolean): Refusal | undefined {
  const entry = facts.entryPoint;
  const kind = appKind(entry?.framework);
  const needsPackages = entry !== undefined && (kind ? kind.packages.length > 0 : entry.kind !== 'script');
  if (!facts.dependencies && needsPackages) {
    return { kind: 'noDependencyFile', framework: kind?.name ?? 'a web framework' };
  }
  if (entry?.host && !EVERY_INTERFACE.includes(entry.host.value) && kind && Object.values(kind.servers).includes(server)) {
    return { kind: 'loopbackOnly', host: entry.host.value, source: entry.host.source };
  }
  if (server === 'python' || userNamedApp || entry) return undefined;
  if (facts.unimportableApps?.length) return { kind: 'unimportableApp', files: facts.unimportableApps };
  if (facts.unservableApps?.length) return { kind: 'unservableApp', apps: facts.unservableApps };
  if (facts.scriptFile) return { kind: 'unknownScript', file: facts.scriptFile };
  return { kind: 'noAppFound' };
}

/** The words for a refusal, in the user's language (Messages['text'] in lib/messages/types.ts has them). */
export interface RefusalTexts {
  noAppFound: string;
  unimportableApp: (files: string[]) => string;
  unservableApp: (apps: UnservableApp[]) => string;
  unknownScript: (file: string) => string;
  noDependencyFile: (framework: string) => string;
  loopbackOnly: (host: string, source: string) => string;
}

export function refusalText(refusal: Refusal, text: RefusalTexts): string {
  switch (refusal.kind) {
    case 'noDependencyFile':
      return text.noDependencyFile(refusal.framework);
    case 'unimportableApp':
      return text.unimportableApp(refusal.files);
    case 'unservableApp':
      return text.unservableApp(refusal.apps);
    case 'unknownScript':
      return text.unknownScript(refusal.file);
    case 'noAppFound':
      return text.noAppFound;
    case 'loopbackOnly':
      return text.loopbackOnly(refusal.host, refusal.source);
  }
}
