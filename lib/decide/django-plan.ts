/**
 * What a Django project needs in the image besides its code: the settings module, collectstatic
 * at build time with build-only placeholders, the one-off migration command. No I/O.
 */
import type { DjangoFacts, RequiredEnv, SettingsReplacement } from '../read/types.js';
import { type DockerWord, dockerWord, sh, type ShellCommand, type Shown, shellWord, shown } from './sinks.js';

/** What a Django project needs in the image besides its code. */
export interface DjangoPlan {
  /**
   * Set in the image when the image runs other settings than the project names (`replaced`), or
   * than manage.py's default: the server, collectstatic and every manage.py command use the same.
   */
  settingsModuleEnv?: DockerWord;
  settingsModule: Shown;
  settingsSource: Shown;
  /** The module the project names, when the image runs another one, and why (lib/read/django.ts). */
  replaced?: { named: Shown; why: SettingsReplacement };
  /** The environment variables the project's name is built from, with the defaults it took. */
  namedFromEnv?: Array<{ variable: Shown; default: Shown }>;
  /** The named module resolves to no file and nothing stands in: no DJANGO_SETTINGS_MODULE in the image, and the run says so. */
  unresolved?: boolean;
  /** "file:line" that sets DJANGO_SETTINGS_MODULE unconditionally: the image's ENV cannot replace it there. */
  forcedBy?: Shown;
  /** The collectstatic RUN (with build-only placeholders for what the settings need to import), when STATIC_ROOT is set. */
  collectstatic?: ShellCommand;
  /** "file:line". */
  staticRoot?: Shown;
  whitenoise: boolean;
  /** Variables given a build-only placeholder on the collectstatic line, as [name, value]. */
  placeholders: Array<[string, string]>;
  /** The one-off migration command, run against the built image (never in CMD). */
  migrateArgs: string[];
  /** How SECRET_KEY, DEBUG and ALLOWED_HOSTS are read, as "SETTING: $VAR (required)" lines. */
  settingsReads: Array<{ setting: string; variable?: string; required: boolean; commaList: boolean; source: Shown }>;
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
  // Each placeholder is one shell word NAME=value: names are identifiers (lib/read/env-vars.ts), values ours.
  const assignments = placeholders.map(([name, value]) => shellWord(`${name}=${value}`));
  // Never bake a module that resolves to no file: the image would die with ModuleNotFoundError.
  const bake = !django.unresolved && (django.replaced !== undefined || django.manageDefault !== undefined);
  return {
    settingsModuleEnv: bake ? dockerWord(django.settingsModule, django.settingsSource) : undefined,
    settingsModule: shown(django.settingsModule),
    settingsSource: shown(django.settingsSource),
    ...(django.replaced ? { replaced: { named: shown(django.replaced.named), why: django.replaced.why } } : {}),
    ...(django.namedFromEnv ? { namedFromEnv: django.namedFromEnv.map((read) => ({ variable: shown(read.variable), default: shown(read.default) })) } : {}),
    ...(django.unresolved ? { unresolved: true } : {}),
    ...(django.forcedBy ? { forcedBy: shown(django.forcedBy) } : {}),
    collectstatic: collects ? sh`${assignments} python manage.py collectstatic --noinput`.trimStart() as ShellCommand : undefined,
    staticRoot: collects && django.staticRoot !== undefined ? shown(django.staticRoot) : undefined,
    whitenoise: django.whitenoise,
    placeholders,
    migrateArgs: ['python', 'manage.py', 'migrate', '--noinput'],
    settingsReads: Object.entries(django.settings).map(([setting, read]) => ({ setting, ...read, source: shown(read.source) })),
  };
}
