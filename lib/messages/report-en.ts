/** English: the readers' notes. */
import type { PythonIgnoredWhy, ReadNote } from '../read/types.js';
import type { SkipReason } from '../read/project-files.js';
import { problemText } from '../read/problems.js';
import type { ReportTexts } from './report-types.js';
import { dependencyReason } from './cli-en.js';

const IGNORED_WHY: Readonly<Record<PythonIgnoredWhy, string>> = {
  notCPython3: 'not a CPython 3 version',
  expectedRuntimeTxt: 'expected python-3.N or python-3.N.P',
  noSupportedPython: 'allows no supported Python',
  expectedVersion: 'expected 3.N or 3.N.P',
};

const SKIPPED: Readonly<Record<SkipReason, string>> = {
  outsideProject: 'a link to a place outside the project',
  tooLarge: 'larger than the size cap',
  doesNotParse: 'not valid Python',
};

const or = (names: readonly string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join(''));

const entry: ReportTexts['entry'] = (e) => {
  switch (e.form) {
    case 'script':
      return `${e.kindName ? `${e.kindName} script` : 'script'} ${e.name} -> ${e.command}`;
    case 'django':
      return `Django project, ${e.source} -> ${e.command}`;
    case 'factory':
      return `${e.kindName ?? 'app'} app factory "${e.name}"${e.asyncFactory ? ' (async)' : ''} in ${e.source} -> ${e.command}`;
    case 'app':
      return `${e.kindName ?? 'app'} app "${e.name}" in ${e.source} -> ${e.command}`;
  }
};

function note(n: ReadNote): string {
  switch (n.code) {
    case 'noProject':
      return 'no Python project found: no requirements.txt, pyproject.toml, Pipfile or .py file';
    case 'workspace':
      return `workspace: ${n.member} is a member of the uv workspace at ${n.root} (${n.declaredIn})`;
    case 'dependencies':
      return `dependencies: ${n.manager} (${dependencyReason(n.parts)})`;
    case 'noDependencies':
      return 'dependencies: none found (no requirements.txt, pyproject.toml project, Pipfile, uv.lock or poetry.lock)';
    case 'python':
      return `python: ${n.version} from ${n.source}`;
    case 'noPython':
      return 'python: not stated by the project';
    case 'pythonIgnored':
      return `python: ignored ${n.source} ${JSON.stringify(n.value)} (${IGNORED_WHY[n.why]})`;
    case 'pythonOutsideRange':
      return `python: warning: ${n.version} from ${n.source} is outside pyproject.toml requires-python ${JSON.stringify(n.range)}`;
    case 'gunicornConf': {
      const bind = n.bind ? `binds ${n.bind}` : n.bindComputed ? 'computes its bind' : 'sets no bind (gunicorn would listen on 127.0.0.1:8000)';
      return `serving: ${n.file} ${bind}${n.wsgiApp ? `, wsgi_app ${n.wsgiApp}` : ''} (gunicorn loads it from the working directory)`;
    }
    case 'procfile':
      return `serving: ${n.file} web: ${n.command}`;
    case 'entry':
      return `entry: ${entry(n.entry)}`;
    case 'noEntry':
      return `entry: not found (no Django manage.py; no ${or(n.constructors)} app or factory; no ${or(n.scripts)} script)`;
    case 'port':
      return `port: ${n.port} from ${n.source}`;
    case 'noPort':
      return 'port: not stated by the project';
    case 'djangoSettings':
      return `django settings: ${n.module} (from ${n.source}${n.manageDefault ? `; manage.py defaults to ${n.manageDefault}` : ''})`;
    case 'djangoReads':
      return `django: ${n.reads.map((r) => (r.variable ? `${r.setting} from $${r.variable}${r.required ? ' (required)' : ''}` : `${r.setting} set in ${r.file}`)).join(', ')}`;
    case 'djangoStatic':
      return n.staticRoot
        ? `django static files: STATIC_ROOT in ${n.staticRoot}${n.whitenoise ? ', served by whitenoise' : ''} -> collectstatic at build time`
        : 'django static files: no STATIC_ROOT (or no django.contrib.staticfiles) -> no collectstatic';
    case 'needsAtStart':
      return `needs at start: ${n.reads.map((r) => `${r.name} (${r.source})`).join(', ')}`;
    case 'importsPkgResources':
      return `imports pkg_resources: ${n.sources.join(', ')}`;
    case 'installsProject':
      return `installs the project: ${n.source} reads its own distribution (${n.how}); built from ${n.projectFiles.join(', ')}`;
    case 'writesAtRunTime':
      return `writes at run time: ${n.writes.map((w) => `${w.path} (${w.source})`).join(', ')}`;
    case 'notRead':
      return `not read: ${n.file} (${SKIPPED[n.reason]}${n.line !== undefined ? ` at line ${n.line}` : ''})`;
  }
}

export const reportEn: ReportTexts = { note, entry, problem: problemText };
