/**
 * What a Django project needs in the image besides its code: the settings module, collectstatic
 * at build time with build-only placeholders, the one-off migration command. No I/O.
 */
import type { DjangoFacts, RequiredEnv, SettingsReplacement } from '../read/types.js';

/** What a Django project needs in the image besides its code. */
export interface DjangoPlan {
  /**
   * Set in the image when the image runs other settings than the project names (`replaced`), or
   * than manage.py's default: the server, collectstatic and every manage.py command use the same.
   */
  settingsModuleEnv?: string;
  settingsModule: string;
  settingsSource: string;
  /** The module the project names, when the image runs another one, and why (lib/read/django.ts). */
  replaced?: { named: string; why: SettingsReplacement };
  /** The environment variables the project's name is built from, with the defaults it took. */
  namedFromEnv?: Array<{ variable: string; default: string }>;
  /** The named module resolves to no file and nothing stands in: no DJANGO_SETTINGS_MODULE in the image, and the run says so. */
  unresolved?: boolean;
  /** "file:line" that sets DJANGO_SETTINGS_MODULE unconditionally: the image's ENV cannot replace it there. */
  forcedBy?: string;
  /** The collectstatic RUN (with build-only placeholders for what the settings need to import), when STATIC_ROOT is set. */
  collectstatic?: string;
  staticRoot?: string;
  whitenoise: boolean;
  /** Variables given a build-only placeholder on the collectstatic line, as [name, value]. */
  placeholders: Array<[string, string]>;
  /** The one-off migration command, run against the built image (never in CMD). */
  migrateArgs: string[];
  /** How SECRET_KEY, DEBUG and ALLOWED_HOSTS are read, as "SETTING: $VAR (required)" lines. */
  settingsReads: Array<{ setting: string; variable?: string; required: boolean; commaList: boolean; source: string }>;
}

/**
 * A value that lets settings import at build time and is visibly not a secret. Shaped after the
 * variable's name, since django-environ parses URLs (env.db) and booleans (env.bool).
 */
export function buildPlaceholder(name: string): string {
  if (/(^|_)DATABASE_URL$|^DB_URL$/.test(name)) return 'sqlite:////tmp/build-only.sqlite3';
  if (/REDIS|BROKER|CACHE_URL/.test(name)) return 'redis://127.0.0.1:6379/0';
  if (/_(URL|URI)$/.test(name)) return 'http://127.0.0.1/';
  if (/DEBUG/.test(name)) return 'False';
  if (/HOSTS?$|ORIGINS$/.test(name)) return 'localhost';
  if (/PORT$/.test(name)) return '1';
  return 'build-only-placeholder';
}

export function planDjango(django: DjangoFacts | undefined, requiredEnv: readonly RequiredEnv[]): DjangoPlan | undefined {
  if (!django) return undefined;
  const inSettings = (read: RequiredEnv) => django.settingsFiles.includes(read.source.slice(0, read.source.lastIndexOf(':')));
  const placeholders: Array<[string, string]> = requiredEnv.filter(inSettings).map((read) => [read.name, buildPlaceholder(read.name)]);
  const collects = django.staticRoot !== undefined && django.staticfilesApp;
  // Never bake a module that resolves to no file: the image would die with ModuleNotFoundError.
  const bake = !django.unresolved && (django.replaced !== undefined || django.manageDefault !== undefined);
  return {
    settingsModuleEnv: bake ? django.settingsModule : undefined,
    settingsModule: django.settingsModule,
    settingsSource: django.settingsSource,
    ...(django.replaced ? { replaced: django.replaced } : {}),
    ...(django.namedFromEnv ? { namedFromEnv: django.namedFromEnv } : {}),
    ...(django.unresolved ? { unresolved: true } : {}),
    ...(django.forcedBy ? { forcedBy: django.forcedBy } : {}),
    collectstatic: collects
      ? [...placeholders.map(([name, value]) => `${name}=${value}`), 'python', 'manage.py', 'collectstatic', '--noinput'].join(' ')
      : undefined,
    staticRoot: collects ? django.staticRoot : undefined,
    whitenoise: django.whitenoise,
    placeholders,
    migrateArgs: ['python', 'manage.py', 'migrate', '--noinput'],
    settingsReads: Object.entries(django.settings).map(([setting, read]) => ({ setting, ...read })),
  };
}
