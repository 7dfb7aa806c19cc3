/**
 * Issue 20 point 4: code that imports pkg_resources needs setuptools < 81 (81 removed it; Python
 * 3.12+ images and every venv have no setuptools at all). The reader finds the imports in the
 * parsed Python; the plan adds setuptools==80.10.2 and says why, in both languages.
 */
import assert from 'node:assert/strict';
import { planDocker, type ProjectInput } from '../../../lib/decide/plan.js';
import { messagesFor } from '../../../lib/messages/index.js';
import { findPkgResourcesImports } from '../../../lib/read/pkg-resources.js';
import { readProject } from '../../../lib/read/read.js';
import type { Dependencies } from '../../../lib/read/types.js';
import { DEFAULT_ANSWERS } from '../../../lib/state/answers.js';
import { openProject } from '../../helpers/project-files.js';
import { removeTempProjects, tempProject } from './helpers.js';

const today = new Date('2026-11-28T00:00:00Z');

describe('project/pkg-resources: code that imports pkg_resources gets setuptools < 81', () => {
  after(removeTempProjects);

  it('finds every import form, in functions too, and never one in a string or a comment', async () => {
    const root = await tempProject({
      'requirements.txt': 'flask\n',
      'app/__init__.py': 'import pkg_resources\nfrom flask import Flask\napp = Flask(__name__)\n',
      'app/version.py': [
        '"""import pkg_resources is mentioned here only."""',
        '# from pkg_resources import get_distribution',
        'def version():',
        '    from pkg_resources import get_distribution',
        '    return get_distribution("flask").version',
        'def other():',
        '    return __import__("pkg_resources")',
        'import pkg_resources.extern as ext',
      ].join('\n'),
      'other.py': 'import importlib.metadata\nimport pkg_resourcesx\n',
    });
    const project = await openProject(root);
    assert.deepEqual(await findPkgResourcesImports(project, ['app/__init__.py', 'app/version.py', 'other.py']), ['app/__init__.py:1', 'app/version.py:4', 'app/version.py:7', 'app/version.py:8']);
    const facts = await readProject(root, { index: null });
    assert.deepEqual(facts.importsPkgResources, ['app/__init__.py:1', 'app/version.py:4', 'app/version.py:7', 'app/version.py:8']);
  });

  const deps = (pins: Record<string, string> = {}): Dependencies => ({ manager: 'pip', files: ['requirements.txt'], requirementsFile: 'requirements.txt', installsProject: false, packages: ['flask', ...Object.keys(pins)], reasonParts: [], pins });
  const input = (dependencies: Dependencies, importsPkgResources: string[]): ProjectInput => ({ dependencies, server: 'gunicorn', scriptEntry: 'app.py', sample: false, importsPkgResources });

  it('adds setuptools==80.10.2 and says where pkg_resources is imported (en and zh-CN)', () => {
    const plan = planDocker(DEFAULT_ANSWERS, input(deps(), ['app/__init__.py:1']), today);
    assert.ok(plan.install.production.dependencyCommands.some((command) => command.includes('setuptools==80.10.2')), plan.install.production.dependencyCommands.join('\n'));
    const warning = plan.warnings.find((w) => w.kind === 'pkgResourcesCompanion')!;
    assert.deepEqual(warning, { kind: 'pkgResourcesCompanion', added: 'setuptools==80.10.2', sources: ['app/__init__.py:1'] });
    assert.match(messagesFor('en').text.planWarning(warning), /^adding setuptools==80\.10\.2 to the image: app\/__init__\.py:1 imports pkg_resources, which needs setuptools<81/);
    assert.match(messagesFor('zh-CN').text.planWarning(warning), /^镜像里加上 setuptools==80\.10\.2：app\/__init__\.py:1 导入了 pkg_resources，它需要 setuptools<81/);
  });

  it('once only beside gunicorn 20 (which needs it too); a project that pins setuptools 81+ is told, not overridden', () => {
    const both = planDocker(DEFAULT_ANSWERS, input(deps({ gunicorn: '20.1.0' }), ['app.py:3']), today);
    assert.equal(both.install.single.dependencyCommands.join(' ').split('setuptools==80.10.2').length - 1, 1);
    const pinned = planDocker(DEFAULT_ANSWERS, input(deps({ setuptools: '82.0.0' }), ['app.py:3']), today);
    assert.ok(!pinned.install.single.dependencyCommands.join(' ').includes('setuptools==80'));
    assert.match(messagesFor('en').text.planWarning(pinned.warnings.find((w) => w.kind === 'pkgResourcesGone')!), /app\.py:3 imports pkg_resources, but the project pins setuptools==82\.0\.0/);
  });
});
