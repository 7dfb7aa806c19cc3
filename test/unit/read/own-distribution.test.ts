/**
 * Issue 20.2: code that reads its own distribution at run time needs the project installed, not
 * only copied; a requirements.txt beside a buildable project then installs the project too.
 */
import assert from 'node:assert/strict';
import { planInstall } from '../../../lib/decide/install.js';
import { findOwnDistributionRead } from '../../../lib/read/own-distribution.js';
import { moduleNames, resolvedCalleeOf } from '../../../lib/read/python-names.js';
import { callsIn } from '../../../lib/read/python.js';
import { parseCode } from '../../helpers/python.js';
import { readProject } from '../../../lib/read/read.js';
import { openProject } from '../../helpers/project-files.js';
import { removeTempProjects, tempProject } from './helpers.js';

const SETUP_PY = 'from setuptools import setup, find_packages\n\nsetup(name="Notes_App", version="1.0", packages=find_packages())\n';

describe('code that reads its own distribution (issue 20.2)', () => {
  after(removeTempProjects);

  it('resolves callees through the imports: aliases, from-imports, the importlib_metadata backport, names bound to a module', () => {
    const callees = (code: string) => {
      const source = parseCode(code, 'notes/__init__.py');
      const names = moduleNames(source);
      return callsIn(source.tree.topNode).map((call) => resolvedCalleeOf(source, names, call));
    };
    assert.deepEqual(callees('import importlib.metadata as md\nmd.version("notes")\n'), ['importlib.metadata.version']);
    assert.deepEqual(callees('from pkg_resources import get_distribution\nget_distribution("notes")\n'), ['pkg_resources.get_distribution']);
    assert.deepEqual(callees('pkg_resources.require("notes")\n'), ['pkg_resources.require']);
    // A module bound to a name of its own: the name reads as the module (the old import-only resolver left `meta.version`).
    assert.deepEqual(callees('import importlib.metadata\nmeta = importlib.metadata\nmeta.version("notes")\n'), ['importlib.metadata.version']);
  });

  it('finds version("notes-app"), pkg_resources.require("notes_app>=1"), get_distribution(__name__) in function bodies too', async () => {
    const cases: Array<[string, string]> = [
      ['import importlib.metadata as md\n\ndef about():\n    return md.version("notes-app")\n', 'md.version("notes-app")'],
      ['import pkg_resources\npkg_resources.require("notes_app>=1.0")\n', 'pkg_resources.require("notes_app>=1.0")'],
      ['from pkg_resources import get_distribution\nVERSION = get_distribution(__name__.split(".")[0]).version\n', 'get_distribution(__name__.split(".")[0])'],
      ['from importlib_metadata import version\n__version__ = version("notes")\n', 'version("notes")'], // the package's own folder name
    ];
    for (const [code, how] of cases) {
      const root = await tempProject({ 'setup.py': SETUP_PY, 'notes/__init__.py': code });
      assert.equal((await findOwnDistributionRead(await openProject(root), ['notes/__init__.py']))?.how, how, code);
    }
  });

  it('another distribution, a project that pip cannot build, or a loop over names: nothing', async () => {
    const other = await tempProject({ 'setup.py': SETUP_PY, 'notes/__init__.py': 'from importlib.metadata import version\nFLASK = version("flask")\nfor n in NAMES:\n    version(n)\n' });
    assert.equal(await findOwnDistributionRead(await openProject(other), ['notes/__init__.py']), undefined);
    // A pyproject.toml with only tool settings, no setup.py: nothing to build.
    const unbuildable = await tempProject({ 'pyproject.toml': '[tool.black]\nline-length = 100\n', 'notes/__init__.py': 'from importlib.metadata import version\nV = version("notes")\n' });
    assert.equal(await findOwnDistributionRead(await openProject(unbuildable), ['notes/__init__.py']), undefined);
  });

  it('a requirements.txt beside a setup.py: read as a fact, and the project installed with --no-deps after the code (uv in the production files, pip in the teaching ones)', async () => {
    const root = await tempProject({
      'requirements.txt': 'flask==3.1.2\n',
      'setup.py': SETUP_PY,
      'notes/__init__.py': 'from importlib.metadata import version\n__version__ = version("notes-app")\n',
      'notes/web.py': 'from flask import Flask\napp = Flask(__name__)\n',
    });
    const facts = await readProject(root, { index: null });
    assert.deepEqual(facts.ownDistribution, { source: 'notes/__init__.py:2', how: 'version("notes-app")', projectFiles: ['setup.py'] });
    const plan = planInstall(facts.dependencies!, 'venv', [], { cache: true, installProject: facts.ownDistribution });
    assert.deepEqual(plan.projectCommands, ['uv pip install --python /opt/venv/bin/python --compile-bytecode --no-deps .']);
    assert.deepEqual(planInstall(facts.dependencies!, 'system', [], { installProject: facts.ownDistribution }).projectCommands, ['pip install --no-cache-dir --no-deps .']);
    assert.deepEqual(plan.projectNote, { kind: 'readsOwnDistribution', source: 'notes/__init__.py:2', how: 'version("notes-app")' });
    // requirements that install the project already (-e .): nothing added.
    const editable = await tempProject({ 'requirements.txt': 'flask==3.1.2\n-e .\n', 'setup.py': SETUP_PY, 'notes/__init__.py': 'from importlib.metadata import version\nV = version("notes-app")\n' });
    assert.equal((await readProject(editable, { index: null })).ownDistribution, undefined);
  });
});
