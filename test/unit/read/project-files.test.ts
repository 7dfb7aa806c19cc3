/** ProjectFiles (lib/read/project-files.ts): the one way a run reads a project, and what it never follows. */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MAX_TEXT_BYTES, ProjectFiles } from '../../../lib/read/project-files.js';
import { readProject } from '../../../lib/read/read.js';

describe('ProjectFiles (lib/read/project-files.ts)', () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'project-files-'));
    root = path.join(base, 'project');
    outside = path.join(base, 'home');
    await mkdir(root);
    await mkdir(outside);
    await writeFile(path.join(outside, '.netrc'), 'machine example.com login me password s3cret\n');
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('reads files inside the project, each once, and follows links that stay inside', async () => {
    await writeFile(path.join(root, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    await symlink('app.py', path.join(root, 'alias.py'));
    const project = await ProjectFiles.open(root);
    assert.equal(await project.text('alias.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    const first = await project.python('app.py');
    assert.equal(await project.python('app.py'), first, 'parsed once');
    assert.deepEqual(project.skipped, []);
  });

  it('never reads or lists through a link that leaves the project, and says which', async () => {
    await symlink(path.join(outside, '.netrc'), path.join(root, 'requirements.txt'));
    await symlink(outside, path.join(root, 'config'));
    await symlink('../home/.netrc', path.join(root, 'runtime.txt'));
    const project = await ProjectFiles.open(root);
    assert.equal(await project.text('requirements.txt'), undefined);
    assert.equal(await project.text('runtime.txt'), undefined);
    assert.equal(await project.isDirectory('config'), false);
    assert.equal(await project.text('config/.netrc'), undefined);
    assert.equal(await project.text('../home/.netrc'), undefined);
    assert.deepEqual((await project.list('')).map((entry) => entry.name), []);
    assert.deepEqual(
      project.skipped.map((skipped) => `${skipped.file} ${skipped.reason}`),
      ['requirements.txt outsideProject', 'runtime.txt outsideProject', 'config outsideProject', 'config/.netrc outsideProject', '../home/.netrc outsideProject'],
    );
  });

  it('a run on a project whose files link out reads nothing of them and prints no secret', async () => {
    await writeFile(path.join(root, 'main.py'), 'print("hi")\n');
    await symlink(path.join(outside, '.netrc'), path.join(root, 'requirements.txt'));
    await symlink(path.join(outside, '.netrc'), path.join(root, '.python-version'));
    const facts = await readProject(root, { index: null });
    assert.equal(facts.dependencies, undefined);
    assert.deepEqual(facts.skippedFiles?.map((skipped) => skipped.file).sort(), ['.python-version', 'requirements.txt']);
    assert.ok(!JSON.stringify(facts).includes('s3cret'));
  });

  it('a dangling link is unusable, a link out of the project is absent', async () => {
    await symlink(path.join(root, 'nowhere.txt'), path.join(root, 'requirements.txt'));
    await symlink(path.join(outside, 'missing'), path.join(root, 'Pipfile'));
    const project = await ProjectFiles.open(root);
    assert.equal(await project.unusable('requirements.txt'), 'dangling');
    assert.equal(await project.unusable('Pipfile'), 'dangling');
    await rm(path.join(root, 'Pipfile'));
    await symlink(path.join(outside, '.netrc'), path.join(root, 'Pipfile'));
    const again = await ProjectFiles.open(root);
    assert.equal(await again.unusable('Pipfile'), undefined);
    assert.equal(await again.isFile('Pipfile'), false);
  });

  it('does not read files over the size cap, and says so', async () => {
    await writeFile(path.join(root, 'big.py'), 'x = 1\n'.repeat(MAX_TEXT_BYTES / 6 + 10));
    const project = await ProjectFiles.open(root);
    assert.equal(await project.text('big.py'), undefined);
    assert.deepEqual(project.skipped, [{ file: 'big.py', reason: 'tooLarge' }]);
  });

  it('skips Python that does not parse, with the line, and parses the rest', async () => {
    await writeFile(path.join(root, 'bad.py'), 'import os\n\ndef broken(:\n    pass\n');
    const project = await ProjectFiles.open(root);
    assert.equal(await project.python('bad.py'), undefined);
    assert.deepEqual(project.skipped, [{ file: 'bad.py', reason: 'doesNotParse', line: 3 }]);
  });

  it('malformed TOML is a one-line error naming the file', async () => {
    await writeFile(path.join(root, 'pyproject.toml'), '[project\nname = 1\n');
    const project = await ProjectFiles.open(root);
    await assert.rejects(project.toml('pyproject.toml'), /^UsageError: pyproject\.toml: invalid TOML at line 1/);
  });

  it('a folder that is not there is a one-line error', async () => {
    await assert.rejects(ProjectFiles.open(path.join(base, 'nope')), /project folder not found/);
  });
});
