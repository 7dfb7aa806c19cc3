/**
 * A Django project's settings as production needs them, read from source text (never imported):
 * - which settings module the server runs: the one the WSGI/ASGI module sets (cookiecutter-django's
 *   config/wsgi.py says config.settings.production while manage.py says config.settings.local),
 *   else manage.py's;
 * - the files that module reads: itself and what it imports with `from .base import *` (or
 *   `from .base import env`), in order;
 * - STATIC_ROOT and django.contrib.staticfiles (then `collectstatic` belongs in the image),
 *   and whether whitenoise serves the files;
 * - how SECRET_KEY, DEBUG and ALLOWED_HOSTS are read: from which environment variable, with or
 *   without a default, or hard-coded.
 */
import { moduleFile, resolveRelativeImport } from './modules.js';
import { callArguments, givesDefault } from './env-vars.js';
import { lineOf, readCode } from './source.js';
import type { ProjectFiles } from './project-files.js';
import type { DjangoEnvSetting, DjangoFacts, EntryPoint, SettingRead } from './types.js';

export const DJANGO_ENV_SETTINGS = ['SECRET_KEY', 'DEBUG', 'ALLOWED_HOSTS'] as const satisfies readonly DjangoEnvSetting[];
export type { DjangoEnvSetting, DjangoFacts, SettingRead } from './types.js';

/** Modules a settings module imports from with `from X import ...` (relative ones resolved). */
function importedSettings(code: string, module: string, isPackage: boolean): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/^from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]/gm)) {
    const dots = match[1]!.length;
    const name = match[2]!;
    if (dots === 0) {
      // Absolute imports only when they stay inside the settings' own top-level package.
      if (name.split('.')[0] === module.split('.')[0]) found.push(name);
      continue;
    }
    found.push(resolveRelativeImport(module, isPackage, dots, name));
  }
  return found;
}

/** How one `SETTING = <expression>` line reads its value. */
export function settingRead(expression: string, source: string): SettingRead {
  const commaList = /\benv\.list\(|\.split\(\s*['"],['"]\s*\)/.test(expression);
  const subscript = /\benviron\[\s*['"](\w+)['"]\s*\]/.exec(expression);
  if (subscript) return { variable: subscript[1], required: true, commaList, source };
  // os.getenv("X") with no default gives None, not an error: never required.
  const get = /\b(?:os\.getenv|os\.environ\.get|environ\.get)\(\s*['"](\w+)['"]/.exec(expression);
  if (get) return { variable: get[1], required: false, commaList, source };
  // django-environ env(...) / env.bool(...), python-decouple config(...): required without a default.
  const reader = /(?<![\w.])(?:env(?:\.\w+)?|config)\((?=\s*['"](\w+)['"])/.exec(expression);
  if (reader) {
    const args = callArguments(expression, reader.index + reader[0].length - 1);
    return { variable: reader[1], required: args !== undefined && !givesDefault(args), commaList: commaList || /cast\s*=\s*Csv\(/.test(expression), source };
  }
  return { required: false, commaList, source };
}

/** The settings the server runs, when `entry` is a Django entry point (see the top of this file). */
export async function readDjangoSettings(project: ProjectFiles, entry: EntryPoint | undefined): Promise<DjangoFacts | undefined> {
  if (entry?.kind !== 'django') return undefined;
  const manage = await readCode(project, 'manage.py');
  const manageDefault = manage === undefined ? undefined : djangoSettingsModule(manage);
  const serverModule = entry.target.split(':')[0]!;
  const serverFile = await moduleFile(project, serverModule);
  const fromServer = serverFile === undefined ? undefined : djangoSettingsModule((await readCode(project, serverFile)) ?? '');
  const settingsModule = fromServer ?? manageDefault;
  if (settingsModule === undefined) return undefined;

  const facts: DjangoFacts = {
    settingsModule,
    settingsSource: fromServer !== undefined ? serverFile! : 'manage.py',
    manageDefault: manageDefault !== undefined && manageDefault !== settingsModule ? manageDefault : undefined,
    settingsFiles: [],
    staticfilesApp: false,
    whitenoise: false,
    settings: {},
  };
  // Breadth-first over the settings and what they import; a later file's assignment wins
  // (production.py sets SECRET_KEY over base.py's), so read the module itself last-wins-first.
  const queue = [settingsModule];
  const seen = new Set<string>();
  while (queue.length > 0 && seen.size < 10) {
    const module = queue.shift()!;
    if (seen.has(module)) continue;
    seen.add(module);
    const file = await moduleFile(project, module);
    if (file === undefined) continue;
    const code = (await readCode(project, file)) ?? '';
    facts.settingsFiles.push(file);
    const staticRoot = /^STATIC_ROOT[ \t]*(?::[^=\n]*)?=[ \t]*(?!None\b)\S/m.exec(code);
    if (staticRoot && facts.staticRoot === undefined) facts.staticRoot = `${file}:${lineOf(code, staticRoot.index)}`;
    if (/['"]django\.contrib\.staticfiles['"]/.test(code)) facts.staticfilesApp = true;
    if (/['"]whitenoise\.(?:middleware\.WhiteNoiseMiddleware|runserver_nostatic)['"]/.test(code)) facts.whitenoise = true;
    for (const setting of DJANGO_ENV_SETTINGS) {
      if (facts.settings[setting]) continue; // the module read first (the one run) wins over what it imports
      const match = new RegExp(`^${setting}[ \\t]*(?::[^=\\n]*)?=[ \\t]*([^\\n]*(?:\\n[ \\t]+[^\\n]*)*)`, 'm').exec(code);
      if (match) facts.settings[setting] = settingRead(match[1]!, `${file}:${lineOf(code, match.index)}`);
    }
    queue.push(...importedSettings(code, module, file.endsWith('__init__.py')));
  }
  return facts;
}

/** `from .base import *` / `from config.settings.base import *` in settings module `module`, as absolute module names. */
function starImports(code: string, module: string, isPackage: boolean): string[] {
  const found: string[] = [];
  for (const match of code.matchAll(/^from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\*/gm)) {
    const dots = match[1]!.length;
    const name = match[2]!;
    if (dots === 0) {
      found.push(name);
      continue;
    }
    found.push(resolveRelativeImport(module, isPackage, dots, name));
  }
  return found;
}

/** The settings module named in manage.py: `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")`. */
export function djangoSettingsModule(managePy: string): string | undefined {
  return /DJANGO_SETTINGS_MODULE['"][ \t]*\]?[ \t]*[,=][ \t]*['"]([\w.]+)['"]/.exec(managePy)?.[1];
}

/** Django's entry point, when manage.py is at the root and the app it serves can be found. */
export async function findDjangoEntry(project: ProjectFiles): Promise<EntryPoint | undefined> {
  const manage = await readCode(project, 'manage.py');
  if (manage === undefined) return undefined;
  const settings = djangoSettingsModule(manage);
  if (settings === undefined) return undefined;

  // WSGI_APPLICATION / ASGI_APPLICATION in the settings module or a module it star-imports.
  const seen = new Set<string>();
  const queue = [settings];
  const found: Partial<Record<'WSGI_APPLICATION' | 'ASGI_APPLICATION', { value: string; file: string }>> = {};
  while (queue.length > 0 && seen.size < 10) {
    const module = queue.shift()!;
    if (seen.has(module)) continue;
    seen.add(module);
    const file = await moduleFile(project, module);
    if (file === undefined) continue;
    const code = (await readCode(project, file)) ?? '';
    for (const key of ['WSGI_APPLICATION', 'ASGI_APPLICATION'] as const) {
      const match = new RegExp(`^${key}[ \\t]*=[ \\t]*['"]([\\w.]+)['"]`, 'm').exec(code);
      if (match && !found[key]) found[key] = { value: match[1]!, file };
    }
    queue.push(...starImports(code, module, file.endsWith('__init__.py')));
  }
  for (const key of ['WSGI_APPLICATION', 'ASGI_APPLICATION'] as const) {
    const setting = found[key];
    if (!setting) continue;
    const dot = setting.value.lastIndexOf('.');
    if (dot <= 0) continue;
    return {
      kind: 'django',
      target: `${setting.value.slice(0, dot)}:${setting.value.slice(dot + 1)}`,
      framework: 'django',
      source: `${setting.file} ${key}`,
    };
  }
  // No setting: Django's default project layout has <package>/wsgi.py next to the settings.
  const parts = settings.split('.');
  for (let length = parts.length - 1; length >= 1; length -= 1) {
    const wsgi = `${parts.slice(0, length).join('.')}.wsgi`;
    const file = await moduleFile(project, wsgi);
    if (file) return { kind: 'django', target: `${wsgi}:application`, framework: 'django', source: file };
  }
  return undefined;
}
