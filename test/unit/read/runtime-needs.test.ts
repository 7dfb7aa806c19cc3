import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { readDjangoSettings, settingRead } from '../../../lib/read/django.js';
import { findRequiredEnv, requiredEnvIn } from '../../../lib/read/env-vars.js';
import { parseCode } from '../../helpers/python.js';
import { readProject } from '../../../lib/read/read.js';
import { findRuntimeWrites, writesIn } from '../../../lib/read/writes.js';
import { splitSettingsDjango } from '../../helpers/django.js';
import { removeTempProjects, tempProject } from './helpers.js';

const reads = (code: string) => requiredEnvIn(parseCode(code));
const names = (code: string) => reads(code).map((read) => read.name);

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
    assert.deepEqual(reads(code)[0], { name: 'DATABASE_URL', source: 'app.py:2', how: 'os.environ["DATABASE_URL"]' });
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
  it('follows what names refer to through imports and bindings', () => {
    const code = [
      'import os as o',
      'from os import environ as e, getenv',
      'from decouple import config as cfg',
      'import decouple',
      'A = o.environ["A"]',
      'B = e["B"]',
      'C = cfg("C")',
      'D = decouple.config("D")',
      'env_get = o.environ',
      'E = env_get["E"]',
      'F = getenv("F")',
      'if F is None:',
      '    raise RuntimeError("F")',
    ].join('\n');
    assert.deepEqual(
      reads(code).map(({ name, how }) => `${name}: ${how}`),
      ['A: o.environ["A"]', 'B: e["B"]', 'C: cfg("C")', 'D: decouple.config("D")', 'E: env_get["E"]', 'F: getenv("F") then raise'],
    );
    // A subscript of something else called environ (a WSGI app's parameter) is no environment variable.
    assert.deepEqual(names('def app(environ, start_response):\n    path = environ["PATH_INFO"]\n'), []);
    // decouple's AutoConfig / Config objects read like config.
    assert.deepEqual(names('from decouple import AutoConfig\nconfig = AutoConfig(search_path="/app")\nA = config("A")\nB = config("B", default="")'), ['A']);
  });

  it("keyword and positional defaults as each library's signature places them", () => {
    const code = [
      'import environ',
      'env = environ.Env(DEBUG=(bool, False), TIMEOUT=int)',
      'A = env("A", default="a")',
      'B = env("B", str)', // env(var, cast, default): a cast, no default
      'C = env.list("C", str, ["c"])', // list(var, cast, default)
      'D = env.str("D", "d")', // str(var, default)
      'DEBUG = env("DEBUG")', // the scheme gives a default
      'TIMEOUT = env("TIMEOUT")', // the scheme gives a cast only
      'DATABASES = {"default": env.db()}', // db() reads DATABASE_URL
      'CACHES = {"default": env.cache(default="locmemcache://")}',
      'E = env.get_value("E", cast=int)',
    ].join('\n');
    assert.deepEqual(
      reads(code).map(({ name, how }) => `${name}: ${how}`),
      ['B: env("B")', 'TIMEOUT: env("TIMEOUT")', 'DATABASE_URL: env.db()', 'E: env.get_value("E")'],
    );
    assert.deepEqual(names('from decouple import config, Csv\nA = config("A", default=None, cast=int)\nB = config("B", cast=Csv())\nC = config(option="C")'), ['B', 'C']);
  });

  it('cases the regexes missed: environ imported as env, getenv imported bare, names from module constants, multi-line calls, escapes', () => {
    const code = [
      'from os import environ as env, getenv',
      'import os',
      'A = env["A"]', // `env` here is os.environ, not django-environ
      'B = env.get("B")', // a getter with no test on it: optional
      'DB_KEY = "DATABASE_URL"',
      'URL = os.environ[DB_KEY]',
      'PREFIX = "APP"',
      'SECRET = os.environ[f"{PREFIX}_SECRET"]',
      'TOKEN = getenv("TOKEN")',
      'if TOKEN is None:',
      '    raise SystemExit("set TOKEN")',
      'REDIS = os.environ[',
      '    "REDIS_URL"',
      ']',
      'NAME = os.environ["C\\x5fD"]', // "C_D", written with an escape
      'def handler(key):',
      '    return os.environ[key]', // a parameter: unknown, not guessed
    ].join('\n');
    assert.deepEqual(
      reads(code).map(({ name, how }) => `${name}: ${how}`),
      ['A: env["A"]', 'DATABASE_URL: os.environ["DATABASE_URL"]', 'APP_SECRET: os.environ["APP_SECRET"]', 'TOKEN: getenv("TOKEN") then raise', 'REDIS_URL: os.environ["REDIS_URL"]', 'C_D: os.environ["C_D"]'],
    );
    // Look-alikes in strings, docstrings and comments count for nothing; a quote inside a string ends nothing.
    const lookAlikes = [
      'import os',
      '"""Set os.environ["IN_A_DOCSTRING"] first."""',
      'HELP = "run with os.environ[\\"ESCAPED\\"] set" # os.environ["IN_A_COMMENT"]',
      "NOTE = 'it\\'s os.environ[\"QUOTED\"]'",
      'X = os.environ.get("X", "os.environ[\\"IN_A_DEFAULT\\"]")',
    ].join('\n');
    assert.deepEqual(names(lookAlikes), []);
  });

  it('reads everywhere the code runs: functions, classes, the main guard, f-strings; not strings and comments', () => {
    const code = [
      'import os',
      'def create_app():',
      '    return os.environ["IN_A_FUNCTION"]',
      'class Config:',
      '    KEY = os.environ["IN_A_CLASS"]',
      'URL = f"postgres://{os.environ["DB_USER"]}@{os.environ.get("DB_HOST", "db")}/x"',
      'TEXT = \'os.environ["IN_A_STRING"]\'',
      '# os.environ["IN_A_COMMENT"]',
      'if __name__ == "__main__":',
      '    print(os.environ["IN_THE_MAIN_GUARD"])',
    ].join('\n');
    assert.deepEqual(names(code), ['IN_A_FUNCTION', 'IN_A_CLASS', 'DB_USER', 'IN_THE_MAIN_GUARD']);
  });

  it('a read the code guards is not required: a try that swallows the error, a test that the variable is set', () => {
    const code = [
      'import os',
      'try:',
      '    A = os.environ["A"]',
      'except KeyError:',
      '    A = None',
      'try:',
      '    B = os.environ["B"]',
      'except KeyError:',
      '    raise RuntimeError("set B")', // raised again: still required
      'try:',
      '    C = os.environ["C"]',
      'except ValueError:',
      '    C = None', // not the error a missing variable raises
      'D = os.environ["D"] if "D" in os.environ else "d"',
      'E = "E" in os.environ and os.environ["E"]',
      'if os.getenv("F"):',
      '    F = os.environ["F"]',
      'if "G" not in os.environ:',
      '    G = "g"',
      'else:',
      '    G = os.environ["G"]',
      'try:',
      '    def later():',
      '        return os.environ["H"]', // runs later, outside the try
      'except Exception:',
      '    pass',
    ].join('\n');
    assert.deepEqual(names(code), ['B', 'C', 'H']);
  });

  it('a getter is required when a test on it stops the app: if ... raise / exit, assert; in its block, before a new value', () => {
    const code = [
      'import os, sys',
      'if not os.getenv("A"):',
      '    raise SystemExit("A")',
      'if "B" not in os.environ:',
      '    sys.exit(1)',
      'C = os.getenv("C")',
      'D = os.getenv("D")',
      'if not all([C, D]):',
      '    raise RuntimeError',
      'E = os.environ.get("E")',
      'assert E, "E is required"',
      'F = os.getenv("F")',
      'F = F or "f"',
      'if not F:',
      '    raise RuntimeError', // F has a value by then
      'G = os.getenv("G")',
      'if G is None:',
      '    print("no G")', // no raise: G stays optional
      'H = os.getenv("H")',
      'if DEBUG:',
      '    pass',
      'elif not H:',
      '    raise RuntimeError', // only when DEBUG is off: not read as required
      'def check():',
      '    token = os.getenv("I")',
      '    if token is None or token == "":',
      '        raise RuntimeError("I")',
    ].join('\n');
    assert.deepEqual(
      reads(code).map(({ name, source, how }) => `${name} ${source}: ${how}`),
      [
        'A app.py:2: os.getenv("A") then raise',
        'B app.py:4: "B" not in os.environ then raise',
        'C app.py:6: os.getenv("C") then raise',
        'D app.py:7: os.getenv("D") then raise',
        'E app.py:10: os.environ.get("E") then raise',
        'I app.py:25: os.getenv("I") then raise',
      ],
    );
  });

  it('ends on hostile input: thousands of nested brackets, a test over 20,000 names (the timings themselves are for npm run bench)', () => {
    const many = Array.from({ length: 20_000 }, (_, index) => `V${index}`);
    const inputs = [
      `import os\nX = ${'('.repeat(1_000)}os.environ["DEEP"]${')'.repeat(1_000)}\n`,
      'a.run(\n'.repeat(140_000),
      `import os\n${many.map((name) => `${name} = os.getenv("${name}")`).join('\n')}\nif not all([${many.join(', ')}]):\n    raise SystemExit(1)\n`,
    ];
    const found: number[] = [];
    for (const text of inputs) {
      const started = process.hrtime.bigint();
      found.push(reads(text).length);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      assert.ok(seconds < 60, `${seconds.toFixed(1)} s`);
    }
    assert.deepEqual(found, [1, 0, 20_000]);
  }).timeout(240_000);

  it('skips a file that does not parse, and says so', async () => {
    const root = await tempProject({ 'a.py': 'import os\nX = os.environ["X"]\n', 'broken.py': 'import os\nY = os.environ["Y"]\ndef (:\n' });
    const project = await openProject(root);
    assert.deepEqual(await findRequiredEnv(project, ['a.py', 'broken.py']), [{ name: 'X', source: 'a.py:2', how: 'os.environ["X"]' }]);
    assert.deepEqual(project.skipped, [{ file: 'broken.py', reason: 'doesNotParse', line: 3 }]);
  });
});

describe('project/writes: paths written next to the code at run time', () => {
  after(removeTempProjects);
  const paths = (code: string) => writesIn(parseCode(code)).map((write) => write.path);

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

  it("reads a string as Python does: quotes and escapes inside it, implicit concatenation (the regexes cut os.makedirs(\"a'b\") at the quote)", () => {
    assert.deepEqual(paths('import os\nos.makedirs("a\'b")'), ["a'b/"]);
    assert.deepEqual(paths("import os\nos.makedirs('it\\'s')"), ["it's/"]);
    assert.deepEqual(paths('import os\nos.makedirs("data" "/uploads")'), ['data/']);
    assert.deepEqual(paths('import os\nos.makedirs(r"logs\\app")'), ['logs/']);
  });

  it('follows names: imports and aliases, module constants, f-strings, os.path.join, pathlib, environment defaults', () => {
    assert.deepEqual(paths('from os import makedirs\nmakedirs("uploads", exist_ok=True)'), ['uploads/']);
    assert.deepEqual(paths('import os as o\no.mkdir("cache")'), ['cache/']);
    assert.deepEqual(paths('import os\nLOG_DIR = "logs"\nos.makedirs(LOG_DIR, exist_ok=True)'), ['logs/']);
    assert.deepEqual(paths('import os\nROOT = "var"\nos.makedirs(f"{ROOT}/sessions")'), ['var/']);
    assert.deepEqual(paths('import os\nos.makedirs(os.path.join("media", "avatars"))'), ['media/']);
    assert.deepEqual(paths('import os\nos.makedirs(os.getenv("UPLOAD_DIR", "uploads"))'), ['uploads/']);
    assert.deepEqual(paths('from pathlib import Path\nDATA = Path("data")\n(DATA / "exports").mkdir(parents=True)'), ['data/']);
    assert.deepEqual(paths('from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent\n(BASE_DIR / "media").mkdir(exist_ok=True)'), ['media/']);
    assert.deepEqual(paths('from logging.handlers import RotatingFileHandler as RFH\nh = RFH(filename="logs/app.log")'), ['logs/']);
    assert.deepEqual(paths('import logging\nLOG = "server.log"\ndef setup():\n    logging.FileHandler(LOG)'), ['server.log']);
    assert.deepEqual(paths('import sqlite3\nDB = "notes.db"\nclass Store:\n    def open(self):\n        return sqlite3.connect(DB)'), ['notes.db']);
    // A multi-line call.
    assert.deepEqual(paths('import os\nos.makedirs(\n    "reports",\n    exist_ok=True,\n)'), ['reports/']);
  });

  it('never guesses: a value it cannot know names no path; look-alikes in strings and comments do not count', () => {
    assert.deepEqual(paths('import os\ndef make(folder):\n    os.makedirs(folder)\nfolder = "x"'), []); // a parameter
    assert.deepEqual(paths('import os\nfor d in ["a", "b"]:\n    os.makedirs(d)\nd = "c"'), []); // a loop variable
    assert.deepEqual(paths('import os\nfrom config import LOG_DIR\nos.makedirs(LOG_DIR)'), []); // imported
    assert.deepEqual(paths('import os\nos.makedirs(os.environ["DATA_DIR"])'), []);
    assert.deepEqual(paths('import os\nDIR = "a"\nDIR += "b"\nos.makedirs(DIR)'), []);
    assert.deepEqual(paths('import os\nBASE_DIR = os.environ["ROOT"]\nNAME = os.path.join(BASE_DIR, "app.db")'), []);
    assert.deepEqual(paths('from ftplib import FTP\nftp = FTP("h")\nftp.mkdir("remote")'), []); // not a local folder
    assert.deepEqual(paths('import os\n# os.makedirs("logs")\nHELP = \'os.makedirs("logs")\'\n"""\nsqlite3.connect("app.db")\n"""'), []);
    assert.deepEqual(paths('NOTE = \'set "sqlite:///app.db" in .env\''), []); // a URL inside a longer string is no URL
  });

  it('skips a file that does not parse, and says so', async () => {
    const root = await tempProject({ 'a.py': 'import os\nos.makedirs("logs")\n', 'broken.py': 'import os\nos.makedirs("data")\ndef (:\n' });
    const project = await openProject(root);
    assert.deepEqual(await findRuntimeWrites(project, ['a.py', 'broken.py']), [{ path: 'logs/', source: 'a.py:2' }]);
    assert.deepEqual(project.skipped, [{ file: 'broken.py', reason: 'doesNotParse', line: 3 }]);
  });

  it('ends on hostile input: deep nesting, long path chains, many strings (the timings themselves are for npm run bench)', () => {
    const inputs = [
      `import os\nos.makedirs(${'('.repeat(1_000)}"deep"${')'.repeat(1_000)})\n`,
      `from pathlib import Path\n(Path("a")${' / "b"'.repeat(50_000)}).mkdir()\n`,
      `import os\n${'os.makedirs("x")\n'.repeat(40_000)}`,
      `X = [${'"sqlite:///a.db", '.repeat(60_000)}]\n`,
      'os.makedirs(\n'.repeat(100_000),
    ];
    const found: string[][] = [];
    for (const text of inputs) {
      const started = process.hrtime.bigint();
      found.push(paths(text));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      assert.ok(seconds < 60, `${seconds.toFixed(1)} s`);
    }
    assert.deepEqual(found, [['deep/'], [], ['x/'], ['a.db'], []]);
  }).timeout(240_000);
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
