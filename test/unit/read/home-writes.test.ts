/**
 * Issue 20.7: apps that write outside /app (the user's home: ~/.cache, ~/.local/share, platformdirs),
 * Flask's instance folder where Flask puts it, Django's local SQLite database out of the build
 * context, and advice that never mounts a volume over /app.
 */
import assert from 'node:assert/strict';
import { planDocker, projectInputFor } from '../../../lib/decide/plan.js';
import { homeWritesIn } from '../../../lib/read/home-writes.js';
import { parseCode } from '../../helpers/python.js';
import { readProject } from '../../../lib/read/read.js';
import { messagesFor } from '../../../lib/messages/index.js';
import { DEFAULT_ANSWERS } from '../../../lib/state/answers.js';
import { removeTempProjects, tempProject } from './helpers.js';

const paths = (code: string) => homeWritesIn(parseCode(code)).map((write) => write.path);

async function planFor(files: Record<string, string>) {
  const facts = await readProject(await tempProject(files), { index: null });
  const plan = planDocker({ ...DEFAULT_ANSWERS, wsgiApp: facts.entryPoint?.target ?? 'app:app' }, projectInputFor(facts, { server: 'gunicorn', serverChosenByUser: false }));
  return { facts, plan };
}

describe('writes outside /app (issue 20.7)', () => {
  after(removeTempProjects);

  it('finds the home folders an app writes: expanduser, Path.home(), platformdirs and appdirs, in functions too', () => {
    assert.deepEqual(paths('import os\nDATA = os.path.expanduser("~/.local/share/notes")\n'), ['~/.local/']);
    assert.deepEqual(paths('from pathlib import Path\n\ndef cache():\n    return Path.home() / ".cache" / "notes"\n'), ['~/.cache/']);
    assert.deepEqual(paths('from pathlib import Path\nP = Path("~/.notes").expanduser()\n'), ['~/.notes/']);
    assert.deepEqual(paths('import os\nRC = os.path.join(os.path.expanduser("~"), "notes.db")\n'), ['~/']);
    assert.deepEqual(paths('import platformdirs\nD = platformdirs.user_data_dir("notes")\nC = platformdirs.PlatformDirs("notes").user_cache_path\n'), ['~/.local/', '~/.cache/']);
    assert.deepEqual(paths('from appdirs import user_config_dir\nC = user_config_dir("notes")\n'), ['~/.config/']);
    // A module with a bare `yield` (valid Python @lezer/python 1.1 does not accept) is read like any other.
    assert.deepEqual(paths('import os\n\nasync def lifespan(app):\n    yield\n\nP = os.path.expanduser("~/.notes")\n'), ['~/.notes/']);
    assert.equal(parseCode('async def lifespan(app):\n    yield\n', 'main.py').errorLine, undefined);
    // Names bound to a function or a module read as what they are bound to (one resolver for every reader, lib/read/python-names.ts).
    assert.deepEqual(paths('import os.path\nexpand = os.path.expanduser\nDATA = expand("~/.notes")\n'), ['~/.notes/']);
    assert.deepEqual(paths('import platformdirs as pd\ndirs = pd\nC = dirs.user_cache_dir("notes")\n'), ['~/.cache/']);
    // A home path only read, never built from the home: nothing; a library's own user_cache_dir attribute without platformdirs: nothing.
    assert.deepEqual(paths('import os\nP = os.path.expanduser(NAME)\nX = settings.user_cache_dir\n'), []);
  });

  it('home folders are made and given to the app user, /app is left alone, and the output names the volume for --read-only', async () => {
    const { plan } = await planFor({
      'requirements.txt': 'flask==3.1.2\nplatformdirs==4.5.0\n',
      'app.py': 'import os\nimport platformdirs\nfrom flask import Flask\n\napp = Flask(__name__)\nCACHE = platformdirs.user_cache_dir("notes")\nos.makedirs(CACHE, exist_ok=True)\n',
    });
    assert.deepEqual(plan.writableDirs, ['/home/app/.cache']);
    assert.deepEqual(plan.steps.writable?.commands, ['mkdir -p /home/app/.cache', 'chown 10001:10001 /home/app/.cache']);
    const line = messagesFor('en').text.runtimeNeeds(plan).find((text) => text.startsWith('writes at run time'))!;
    assert.match(line, /^writes at run time: ~\/\.cache\/; ~ is the app user's own home, \/home\/app, so it can create them\. Mount a volume to keep them, and to run with --read-only: -v cache:\/home\/app\/\.cache$/);
    assert.match(messagesFor('zh-CN').text.runtimeNeeds(plan).find((text) => text.startsWith('运行时写入'))!, /-v cache:\/home\/app\/\.cache/);
  });

  it("Flask's instance folder of a src/ layout is src/instance, where Flask puts it", async () => {
    const { facts, plan } = await planFor({
      'requirements.txt': 'flask==3.1.2\n',
      'src/notes/__init__.py': 'import os\nfrom flask import Flask\n\ndef create_app():\n    app = Flask(__name__, instance_relative_config=True)\n    os.makedirs(app.instance_path, exist_ok=True)\n    return app\n',
    });
    assert.deepEqual(facts.writes?.map((write) => write.path), ['src/instance/']);
    assert.deepEqual(plan.writableDirs, ['/app', '/app/src/instance']);
  });

  it("Django's default SQLite database stays out of the build context, and no advice mounts a volume over /app", async () => {
    const { plan } = await planFor({
      'requirements.txt': 'django==5.2.8\n',
      'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\n',
      'mysite/__init__.py': '',
      'mysite/wsgi.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")\napplication = None\n',
      'mysite/settings.py': 'from pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}\nWSGI_APPLICATION = "mysite.wsgi.application"\n',
    });
    assert.deepEqual(plan.ignoredWrites, ['db.sqlite3']);
    for (const lang of ['en', 'zh-CN']) {
      const texts = [...messagesFor(lang).text.runtimeNeeds(plan), messagesFor(lang).comments.runtimeNeeds(plan)].join('\n');
      assert.doesNotMatch(texts, /:\/app(\s|$|\)|（)/, `${lang}: ${texts}`);
      assert.match(texts, /db\.sqlite3/);
    }
  });
});
