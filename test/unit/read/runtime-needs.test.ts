import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { readDjangoSettings, settingRead } from '../../../lib/read/django.js';
import { findRequiredEnv, requiredEnvInCode } from '../../../lib/read/env-vars.js';
import { readProject } from '../../../lib/read/read.js';
import { codeOnly } from '../../../lib/read/source.js';
import { writesInCode } from '../../../lib/read/writes.js';
import { splitSettingsDjango } from '../../helpers/django.js';
import { removeTempProjects, tempProject } from './helpers.js';

const names = (code: string) => requiredEnvInCode(codeOnly(code), 'app.py').map((read) => read.name);

describe('project/env-vars: variables the app cannot start without', () => {
  after(removeTempProjects);

  it('os.environ["X"] is required; reads with a default and assignments are not', () => {
    const code = [
      'import os',
      'DATABASE_URL = os.environ["DATABASE_URL"]',
      'REDIS = os.environ.get("REDIS_URL", "redis://localhost")',
      'os.environ["SET_HERE"] = "1"',
      'if os.environ["FLAG"] == "1": pass',
      '# os.environ["IN_A_COMMENT"]',
      'PORT = os.getenv("PORT")',
    ].join('\n');
    assert.deepEqual(names(code), ['DATABASE_URL', 'FLAG']);
    assert.deepEqual(requiredEnvInCode(codeOnly(code), 'app.py')[0], { name: 'DATABASE_URL', source: 'app.py:2', how: 'os.environ["DATABASE_URL"]' });
  });

  it('os.getenv("X") followed by a raise is required; without the raise it is not', () => {
    const code = [
      'import os',
      'SECRET_KEY = os.getenv("SECRET_KEY")',
      'if not SECRET_KEY:',
      '    raise RuntimeError("SECRET_KEY is not set")',
      'TOKEN = os.environ.get("API_TOKEN")',
      'if TOKEN is None:',
      '    raise SystemExit("no token")',
      'OPTIONAL = os.getenv("OPTIONAL")',
      'if not OPTIONAL:',
      '    OPTIONAL = "x"',
    ].join('\n');
    assert.deepEqual(names(code), ['SECRET_KEY', 'API_TOKEN']);
  });

  it("django-environ's env(\"X\") with no default, where env is an environ.Env", () => {
    const code = [
      'import environ',
      'env = environ.Env()',
      'SECRET_KEY = env("DJANGO_SECRET_KEY")',
      'DATABASES = {"default": env.db("DATABASE_URL")}',
      'DEBUG = env.bool("DJANGO_DEBUG", False)',
      'HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["x"])',
    ].join('\n');
    assert.deepEqual(names(code), ['DJANGO_SECRET_KEY', 'DATABASE_URL']);
    // The same call in a module that never made an Env is someone else's function.
    assert.deepEqual(names('def env(x): return x\nA = env("NOT_ENVIRON")'), []);
    assert.deepEqual(names('from .base import env\nSECRET_KEY = env("DJANGO_SECRET_KEY")'), ['DJANGO_SECRET_KEY']);
  });

  it("python-decouple's config(\"X\") with no default", () => {
    assert.deepEqual(names('from decouple import config, Csv\nA = config("A")\nB = config("B", default="b")\nC = config("C", cast=Csv())\nD = config("D", "d", cast=str)'), ['A', 'C']);
  });

  it('never reports what the image sets itself', () => {
    assert.deepEqual(names('import os\nos.environ["DJANGO_SETTINGS_MODULE"]\nos.environ["WEB_CONCURRENCY"]'), []);
  });

  it('reads several files, each variable once, the first read named', async () => {
    const root = await tempProject({ 'a.py': 'import os\nX = os.environ["X"]\n', 'b.py': 'import os\nY = os.environ["Y"]\nX2 = os.environ["X"]\n' });
    assert.deepEqual(await findRequiredEnv(await openProject(root), ['a.py', 'b.py', 'missing.py']), [
      { name: 'X', source: 'a.py:2', how: 'os.environ["X"]' },
      { name: 'Y', source: 'b.py:2', how: 'os.environ["Y"]' },
    ]);
  });
});

describe('project/writes: paths written next to the code at run time', () => {
  const paths = (code: string) => writesInCode(codeOnly(code), 'app.py').map((write) => write.path);

  it("Flask's instance folder", () => {
    assert.deepEqual(paths('app = Flask(__name__, instance_relative_config=True)\nos.makedirs(app.instance_path, exist_ok=True)'), ['instance/']);
    assert.deepEqual(paths('DATABASE=os.path.join(app.instance_path, "x.sqlite")'), ['instance/']);
  });

  it('log folders and files, created folders, SQLite files; never absolute paths', () => {
    assert.deepEqual(paths('os.makedirs("logs", exist_ok=True)\nh = RotatingFileHandler("logs/app.log")'), ['logs/']);
    assert.deepEqual(paths('h = logging.FileHandler("app.log")'), ['app.log']);
    assert.deepEqual(paths('Path("uploads").mkdir(exist_ok=True)'), ['uploads/']);
    assert.deepEqual(paths('c = sqlite3.connect("data/app.db")'), ['data/']);
    assert.deepEqual(paths('URL = "sqlite:///app.db"'), ['app.db']);
    assert.deepEqual(paths('URL = "sqlite:////tmp/app.db"\nsqlite3.connect(":memory:")\nos.makedirs("/var/log/app")'), []);
    assert.deepEqual(paths('DATABASES = {"default": {"ENGINE": "x", "NAME": BASE_DIR / "db.sqlite3"}}'), ['db.sqlite3']);
    assert.deepEqual(paths("URI = 'sqlite:///' + os.path.join(basedir, 'app.db')"), ['app.db']);
  });
});

describe('project/django: the settings the server runs', () => {
  after(removeTempProjects);

  it('reads how SECRET_KEY, DEBUG and ALLOWED_HOSTS come from the environment', () => {
    assert.deepEqual(settingRead('env("DJANGO_SECRET_KEY")', 's.py:1'), { variable: 'DJANGO_SECRET_KEY', required: true, commaList: false, source: 's.py:1' });
    assert.deepEqual(settingRead('os.environ["SECRET_KEY"]', 's.py:1'), { variable: 'SECRET_KEY', required: true, commaList: false, source: 's.py:1' });
    assert.deepEqual(settingRead('os.environ.get("DJANGO_DEBUG", "") == "1"', 's.py:2'), { variable: 'DJANGO_DEBUG', required: false, commaList: false, source: 's.py:2' });
    assert.deepEqual(settingRead('os.environ.get("HOSTS", "localhost").split(",")', 's.py:3'), { variable: 'HOSTS', required: false, commaList: true, source: 's.py:3' });
    assert.deepEqual(settingRead('env.list("DJANGO_ALLOWED_HOSTS", default=["example.com"])', 's.py:3').commaList, true);
    assert.deepEqual(settingRead('config("ALLOWED_HOSTS", cast=Csv())', 's.py:3'), { variable: 'ALLOWED_HOSTS', required: true, commaList: true, source: 's.py:3' });
    assert.deepEqual(settingRead('config("DEBUG", default=False, cast=bool)', 's.py:2').required, false);
    assert.deepEqual(settingRead('"django-insecure-abc"', 's.py:1'), { required: false, commaList: false, source: 's.py:1' });
  });

  it("cookiecutter-style split settings: the WSGI module's settings win over manage.py's, base.py is read through it", async () => {
    const root = await tempProject({
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")\n',
      'config/__init__.py': '',
      'config/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")\napplication = None\n',
      'config/settings/__init__.py': '',
      'config/settings/base.py': [
        'import environ',
        'env = environ.Env()',
        'DEBUG = env.bool("DJANGO_DEBUG", False)',
        'INSTALLED_APPS = ["django.contrib.staticfiles"]',
        'MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]',
        'STATIC_ROOT = str(BASE_DIR / "staticfiles")',
        'WSGI_APPLICATION = "config.wsgi.application"',
        'DATABASES = {"default": env.db("DATABASE_URL")}',
      ].join('\n'),
      'config/settings/local.py': 'from .base import *\nSECRET_KEY = "local"\nX = env("ONLY_LOCAL")\n',
      'config/settings/production.py': 'from .base import *\nfrom .base import env\nSECRET_KEY = env("DJANGO_SECRET_KEY")\nALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["example.com"])\n',
    });
    const facts = await readProject(root);
    assert.deepEqual(
      facts.django,
      splitSettingsDjango({
        SECRET_KEY: { variable: 'DJANGO_SECRET_KEY', required: true, commaList: false, source: 'config/settings/production.py:3' },
        ALLOWED_HOSTS: { variable: 'DJANGO_ALLOWED_HOSTS', required: false, commaList: true, source: 'config/settings/production.py:4' },
        DEBUG: { variable: 'DJANGO_DEBUG', required: false, commaList: false, source: 'config/settings/base.py:3' },
      }),
    );
    // local.py's ONLY_LOCAL is not what production needs.
    assert.deepEqual(facts.requiredEnv?.map((read) => read.name), ['DJANGO_SECRET_KEY', 'DATABASE_URL']);
  });

  it('is nothing for a project that is not Django', async () => {
    assert.equal(await readDjangoSettings(await openProject(await tempProject({ 'app.py': '' })), { kind: 'wsgi', target: 'app:app', source: 'app.py' }), undefined);
  });
});
