/**
 * Issue 20.1: the settings the image runs exist, and they are read the way Django runs them.
 */
import assert from 'node:assert/strict';
import { planDjango } from '../../../lib/decide/django-plan.js';
import { readProject } from '../../../lib/read/read.js';
import { removeTempProjects, tempProject } from './helpers.js';

const WSGI = (module: string) =>
  `import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\napplication = get_wsgi_application()\n`;
const MANAGE = (module: string) =>
  `import os\nimport sys\n\ndef main():\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "${module}")\n    from django.core.management import execute_from_command_line\n    execute_from_command_line(sys.argv)\n\nif __name__ == "__main__":\n    main()\n`;
const BASE = [
  'from pathlib import Path',
  'BASE_DIR = Path(__file__).resolve().parent.parent.parent',
  'DEBUG = True',
  'INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.staticfiles"]',
  'MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]',
  'STATIC_URL = "static/"',
  'STATIC_ROOT = BASE_DIR / "staticfiles"',
  'WSGI_APPLICATION = "mysite.wsgi.application"',
  '',
].join('\n');
const PRODUCTION = [
  'import os',
  'from .base import *  # noqa: F403',
  'DEBUG = False',
  'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
  'MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")',
  'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
  'SECURE_SSL_REDIRECT = True',
  '',
].join('\n');

/** A project whose settings.py became a settings/ package with base, dev and production modules. */
function splitProject(named: string, extra: Record<string, string> = {}): Promise<string> {
  return tempProject({
    'requirements.txt': 'django==5.2.8\nwhitenoise==6.11.0\n',
    'manage.py': MANAGE(named),
    'mysite/__init__.py': '',
    'mysite/wsgi.py': WSGI(named),
    'mysite/settings/base.py': BASE,
    'mysite/settings/dev.py': 'from .base import *\nSECRET_KEY = "dev-only"\n',
    'mysite/settings/production.py': PRODUCTION,
    ...extra,
  });
}

describe('Django: the settings module the image runs (issue 20.1)', () => {
  after(removeTempProjects);

  it('a module no file holds (settings.py renamed to settings/dev.py + settings/production.py): production runs, and STATIC_ROOT in base.py is seen', async () => {
    const facts = await readProject(await splitProject('mysite.settings'));
    assert.equal(facts.entryPoint?.target, 'mysite.wsgi:application');
    assert.equal(facts.django?.settingsModule, 'mysite.settings.production');
    assert.deepEqual(facts.django?.replaced, { named: 'mysite.settings', why: 'missing' });
    assert.equal(facts.django?.staticRoot, 'mysite/settings/base.py:7');
    assert.equal(facts.django?.whitenoise, true);
    const plan = planDjango(facts.django, facts.requiredEnv ?? [])!;
    assert.equal(plan.settingsModuleEnv, 'mysite.settings.production');
    assert.match(plan.collectstatic ?? '', /DJANGO_SECRET_KEY=build-only-placeholder python manage\.py collectstatic/);
  });

  it('an empty settings package (a docstring-only __init__.py) gives way to its production module', async () => {
    const facts = await readProject(await splitProject('mysite.settings', { 'mysite/settings/__init__.py': '"""Set DJANGO_SETTINGS_MODULE to mysite.settings.dev or .production."""\n' }));
    assert.equal(facts.django?.settingsModule, 'mysite.settings.production');
    assert.deepEqual(facts.django?.replaced, { named: 'mysite.settings', why: 'empty' });
  });

  it('a development module by name, and a name built from an environment variable, take the production sibling', async () => {
    const wsgi = 'import os\nENV = os.getenv("DJANGO_ENV") or "dev"\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings.%s" % ENV)\nfrom django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n';
    const manage = 'import os, sys\nif __name__ == "__main__":\n    ENV = os.getenv("DJANGO_ENV") or "dev"\n    os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"mysite.settings.{ENV}")\n';
    const facts = await readProject(await splitProject('unused', { 'mysite/wsgi.py': wsgi, 'manage.py': manage }));
    assert.equal(facts.django?.settingsModule, 'mysite.settings.production');
    assert.deepEqual(facts.django?.replaced, { named: 'mysite.settings.dev', why: 'development' });
    assert.deepEqual(facts.django?.namedFromEnv, [{ variable: 'DJANGO_ENV', default: 'dev' }]);
    assert.equal(facts.django?.manageDefault, 'mysite.settings.dev');
    assert.equal(planDjango(facts.django, [])?.settingsModuleEnv, 'mysite.settings.production');
  });

  it('a base module with DEBUG = True that production.py extends gives way to it; a production module is kept', async () => {
    const base = await readProject(await splitProject('mysite.settings.base'));
    assert.equal(base.django?.settingsModule, 'mysite.settings.production');
    assert.deepEqual(base.django?.replaced, { named: 'mysite.settings.base', why: 'debug' });
    const kept = await readProject(await splitProject('mysite.settings.production'));
    assert.equal(kept.django?.settingsModule, 'mysite.settings.production');
    assert.equal(kept.django?.replaced, undefined);
    assert.equal(planDjango(kept.django, [])?.settingsModuleEnv, undefined);
  });

  it('a name relative to the server module\'s package resolves inside it', async () => {
    const facts = await readProject(await splitProject('settings.production'));
    assert.equal(facts.django?.settingsModule, 'mysite.settings.production');
    assert.deepEqual(facts.django?.replaced, { named: 'settings.production', why: 'elsewhere' });
  });

  it('never bakes a module that resolves to no file: unresolved, no DJANGO_SETTINGS_MODULE, no collectstatic', async () => {
    const root = await tempProject({
      'requirements.txt': 'django==5.2.8\n',
      'manage.py': MANAGE('gone.settings'),
      'gone/__init__.py': '',
      'gone/wsgi.py': WSGI('gone.settings'),
    });
    const facts = await readProject(root);
    assert.equal(facts.django?.unresolved, true);
    const plan = planDjango(facts.django, [])!;
    assert.equal(plan.settingsModuleEnv, undefined);
    assert.equal(plan.collectstatic, undefined);
  });

  it("os.environ[...] = in the server's module is said: the image's ENV cannot replace it", async () => {
    const wsgi = 'import os\nos.environ["DJANGO_SETTINGS_MODULE"] = "mysite.settings.dev"\nfrom django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n';
    const facts = await readProject(await splitProject('mysite.settings.dev', { 'mysite/wsgi.py': wsgi }));
    assert.equal(facts.django?.settingsModule, 'mysite.settings.production');
    assert.equal(facts.django?.forcedBy, 'mysite/wsgi.py:2');
  });
});

describe('Django: settings read the way Django runs them (issue 20.1)', () => {
  after(removeTempProjects);

  const chain = (production: string, base = BASE) =>
    splitProject('mysite.settings.production', { 'mysite/settings/base.py': base, 'mysite/settings/production.py': production });

  it('a star import inside try: runs there; later assignments win over what it set', async () => {
    const facts = await readProject(await chain('try:\n    from .base import *\nexcept ImportError:\n    pass\nDEBUG = False\nSTATIC_ROOT = None\n'));
    assert.deepEqual(facts.django?.settingsFiles, ['mysite/settings/production.py', 'mysite/settings/base.py']);
    // production.py turns STATIC_ROOT off after base.py set it: collectstatic would fail, so none.
    assert.equal(facts.django?.staticRoot, undefined);
    assert.equal(planDjango(facts.django, [])?.collectstatic, undefined);
  });

  it('INSTALLED_APPS replaced without staticfiles, or extended with it, as the statements leave it', async () => {
    const without = await readProject(await chain('from .base import *\nDEBUG = False\nINSTALLED_APPS = ["django.contrib.contenttypes"]\n'));
    assert.equal(without.django?.staticfilesApp, false);
    const base = BASE.replace('"django.contrib.staticfiles"', '"django.contrib.auth"');
    const added = await readProject(await chain('from .base import *\nDEBUG = False\nINSTALLED_APPS += ["django.contrib.staticfiles"]\n', base));
    assert.equal(added.django?.staticfilesApp, true);
    assert.equal(added.django?.staticRoot, 'mysite/settings/base.py:7');
  });

  it('a value set under a condition does not hide the environment read before it', async () => {
    const facts = await readProject(
      await chain('import os\nfrom .base import *\nDEBUG = False\nSECRET_KEY = os.getenv("DJANGO_SECRET_KEY")\nif not SECRET_KEY:\n    SECRET_KEY = "generated"\n'),
    );
    assert.deepEqual(facts.django?.settings.SECRET_KEY, { variable: 'DJANGO_SECRET_KEY', required: false, commaList: false, source: 'mysite/settings/production.py:4' });
  });
});
