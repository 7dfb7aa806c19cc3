/**
 * Issue 20 (points 1, 3, 5): what the generated Dockerfiles say for projects whose images built
 * but did not serve. Each case is a small project written into the run's folder.
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { result } from 'yeoman-test';
import { type RunOptions, runGenerator } from '../helpers/run.js';

async function runOnFiles(files: Record<string, string>, options: RunOptions<'app'> = {}) {
  return runGenerator('app')
    .doInDir((dir) => {
      for (const [file, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      }
    })
    .withOptions({ defaults: true, ...options });
}

const FLASK_APP = 'from flask import Flask\n\napp = Flask(__name__)\n';

describe('images that start (issue 20)', () => {
  describe('20.3 libraries loaded at run time', () => {
    it('psycopg 3 without its binary extra and python-magic: libpq5 and libmagic1 in the single-stage image and in the builder\'s list', async () => {
      const run = await runOnFiles({ 'requirements.txt': 'flask>=3\npsycopg>=3.2\npython-magic>=0.4\n', 'app.py': FLASK_APP });
      result.assertFileContent('Dockerfile', /^RUN --mount=type=cache,target=\/var\/cache\/apt,sharing=locked \\\n {4}--mount=type=cache,target=\/var\/lib\/apt\/lists,sharing=locked \\\n {4}apt-get update \\\n && apt-get install -y --no-install-recommends libmagic1 libpq5$/m);
      result.assertFileContent('Dockerfile', /# psycopg \(libpq\), python-magic \(libmagic\) open their libraries at run time through ctypes \/ cffi:/);
      result.assertFileContent('Dockerfile.multistage', /^ && printf '%s\\n' libmagic1 libpq5 >> \/tmp\/runtime-packages\.txt \\$/m);
      assert.deepEqual(run.generator.plan.runtimeLoads, { matched: ['psycopg', 'python-magic'], packages: ['libmagic1', 'libpq5'] });
    });

    it('Dockerfile.better (`dockerfile --stage better`) installs them too, lists removed (no cache mounts there)', async () => {
      await runGenerator('dockerfile')
        .doInDir((dir) => {
          writeFileSync(join(dir, 'requirements.txt'), 'flask>=3\npsycopg>=3.2\n');
          writeFileSync(join(dir, 'app.py'), FLASK_APP);
        })
        .withOptions({ defaults: true, stage: 'better' });
      result.assertFileContent('Dockerfile.better', /apt-get install -y --no-install-recommends libpq5 \\\n && rm -rf \/var\/lib\/apt\/lists\/\*/);
    });

    it('psycopg[binary] brings its own libpq: nothing added', async () => {
      await runOnFiles({ 'requirements.txt': 'flask>=3\npsycopg[binary]>=3.2\n', 'app.py': FLASK_APP });
      result.assertNoFileContent('Dockerfile', /libpq5/);
      result.assertNoFileContent('Dockerfile.multistage', /printf/);
    });

    it('Alpine: the runtime stage installs the table\'s Alpine packages', async () => {
      await runOnFiles({ 'requirements.txt': 'flask>=3\npsycopg>=3.2\n', 'app.py': FLASK_APP }, { 'base-variant': 'alpine' });
      result.assertFileContent('Dockerfile.multistage', /^RUN apk add --no-cache libpq$/m);
      result.assertFileContent('Dockerfile', /^RUN apk add --no-cache libpq$/m);
    });
  });

  describe('20.2 projects that must be installed to run', () => {
    const files = {
      'requirements.txt': 'flask>=3\ngunicorn>=23\n',
      'pyproject.toml': '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "notes-app"\nversion = "1.4.0"\n',
      'notes_app/__init__.py': 'from importlib.metadata import version\n\n__version__ = version("notes-app")\n',
      'notes_app/web.py': 'from flask import Flask\n\napp = Flask(__name__)\n',
    };

    it('code that reads its own version beside a requirements.txt: the project is installed after the code, with no dependencies, and the comment says why', async () => {
      const run = await runOnFiles(files);
      result.assertFileContent('Dockerfile', /^# notes_app\/__init__\.py:3 reads the project's installed metadata \(version\("notes-app"\)\); a copy of the code$/m);
      result.assertFileContent('Dockerfile', /^COPY --chown=10001:10001 \. \.\n(#[^\n]*\n)+RUN --mount=type=cache,target=\/root\/\.cache\/pip \\\n {4}pip install --no-deps \.$/m);
      result.assertFileContent('Dockerfile.multistage', /^COPY \. \.\n(#[^\n]*\n)+RUN --mount=type=cache,target=\/root\/\.cache\/pip \\\n {4}pip --python \/opt\/venv\/bin\/python install --no-deps \.$/m);
      assert.deepEqual(run.generator.plan.ownDistribution, { source: 'notes_app/__init__.py:3', how: 'version("notes-app")', projectFiles: ['pyproject.toml'] });
    });

    it('a version read of another distribution (flask) installs nothing more', async () => {
      await runOnFiles({ ...files, 'notes_app/__init__.py': 'import importlib.metadata\n\nFLASK = importlib.metadata.version("flask")\n' });
      result.assertNoFileContent('Dockerfile', /install --no-deps \./);
    });
  });

  describe('20.5 a gunicorn.conf.py that daemonizes in production', () => {
    it('is not loaded: --config /dev/null in every Dockerfile that runs gunicorn, and the comment above CMD says why', async () => {
      await runOnFiles({
        'requirements.txt': 'flask>=3\ngunicorn>=23\n',
        'wsgi.py': FLASK_APP,
        'gunicorn.conf.py': 'import os\nwsgi_app = "wsgi:app"\nbind = "0.0.0.0:8000"\nif os.environ.get("ENVIRONMENT") == "production":\n    daemon = True\n',
      });
      for (const file of ['Dockerfile', 'Dockerfile.multistage']) {
        result.assertFileContent(file, /^CMD \["gunicorn", "--config", "\/dev\/null", "--bind", "0\.0\.0\.0:8000", .*"wsgi:app"\]$/m);
        result.assertFileContent(file, /# gunicorn\.conf\.py sets daemon = True \(gunicorn\.conf\.py:5 when os\.environ\.get\("ENVIRONMENT"\) == "production"\): gunicorn would fork into/);
      }
    });
  });

  describe('20.7 writes outside /app', () => {
    it("Django's db.sqlite3 is in the .dockerignore, under its own comment; the app user's cache folder is made and owned", async () => {
      await runOnFiles({
        'requirements.txt': 'django>=5.2\n',
        'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
        'db.sqlite3': 'SQLite format 3\u0000 (a developer\'s local data)',
        'mysite/__init__.py': '',
        'mysite/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\napplication = None\n',
        'mysite/settings.py':
          'import os\nfrom pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\n' +
          'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}\n' +
          'CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": os.path.expanduser("~/.cache/mysite")}}\n' +
          'WSGI_APPLICATION = "mysite.wsgi.application"\n',
      });
      result.assertFileContent('.dockerignore', /^# What the app writes at run time next to its code: your local copy \(a SQLite database\) stays on your machine\ndb\.sqlite3$/m);
      result.assertFileContent('Dockerfile', /^RUN mkdir -p \/app \/home\/app\/\.cache \\\n && chown 10001:10001 \/app \/home\/app\/\.cache$/m);
    });
  });

  describe('20.1 Django settings', () => {
    it('settings.py renamed to a settings/ package: the image sets the production module, collectstatic runs with it', async () => {
      const wsgi = 'import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\napplication = get_wsgi_application()\n';
      await runOnFiles({
        'requirements.txt': 'django>=5.2\nwhitenoise>=6\n',
        'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
        'mysite/__init__.py': '',
        'mysite/wsgi.py': wsgi,
        'mysite/settings/base.py': 'DEBUG = True\nINSTALLED_APPS = ["django.contrib.staticfiles"]\nSTATIC_ROOT = "staticfiles"\nWSGI_APPLICATION = "mysite.wsgi.application"\n',
        'mysite/settings/dev.py': 'from .base import *\n',
        'mysite/settings/production.py': 'from .base import *\nDEBUG = False\n',
      });
      for (const file of ['Dockerfile', 'Dockerfile.multistage']) {
        result.assertFileContent(file, /^ENV DJANGO_SETTINGS_MODULE=mysite\.settings\.production$/m);
        result.assertFileContent(file, /^# mysite\/wsgi\.py names mysite\.settings, which no file holds:$/m);
        result.assertFileContent(file, /^RUN python manage\.py collectstatic --noinput$/m);
      }
    });
  });
});
