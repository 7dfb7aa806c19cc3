/**
 * cookiecutter-django's split settings as the Django reader reads them: config/wsgi.py runs
 * config.settings.production, manage.py defaults to config.settings.local, production.py imports
 * base.py (STATIC_ROOT, staticfiles, WhiteNoise). Shared by the reader's test (what is read) and
 * the plan's (what is decided from it); each names the settings it reads.
 */
import type { DjangoFacts } from '../../lib/read/types.js';

export function splitSettingsDjango(settings: DjangoFacts['settings']): DjangoFacts {
  return {
    settingsModule: 'config.settings.production',
    settingsSource: 'config/wsgi.py',
    manageDefault: 'config.settings.local',
    settingsFiles: ['config/settings/production.py', 'config/settings/base.py'],
    staticRoot: 'config/settings/base.py:6',
    staticfilesApp: true,
    whitenoise: true,
    settings,
  };
}
