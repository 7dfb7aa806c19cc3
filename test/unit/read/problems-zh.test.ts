/**
 * Issue 23: a project file the readers cannot use is a typed problem (a code and its values), said
 * in the run's language: each one a reader raises, read from a real project folder, worded in
 * zh-CN with no English prose (files, keys, options and commands stay as they are), and in English
 * as the readers' one line always said it.
 */
import assert from 'node:assert/strict';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messagesFor } from '../../../lib/messages/index.js';
import { readProject } from '../../../lib/read/read.js';
import { ProjectFileError, type ProjectFileProblem } from '../../../lib/read/problems.js';
import { englishRuns } from '../../helpers/english.js';
import { removeTempProjects, tempProject } from './helpers.js';

const WORKSPACE_LOCK = fileURLToPath(new URL('../../fixtures/real-projects/uv-workspace-member/uv.lock', import.meta.url));
const ROOT_TOML = '[project]\nname = "shop"\nversion = "0"\n[tool.uv.workspace]\nmembers = ["apps/*"]\n';
const MEMBER = { 'apps/api/pyproject.toml': '[project]\nname = "api"\nversion = "0"\ndependencies = ["flask"]\n', 'apps/api/app.py': 'from flask import Flask\napp = Flask(__name__)\n' };
const FLASK = { 'app.py': 'from flask import Flask\napp = Flask(__name__)\n' };

/** [what, the project's files, the folder read (inside them), the problem's code, the English line]. */
const CASES: Array<[string, Record<string, string>, string, ProjectFileProblem['code'], RegExp]> = [
  ['uv.lock without pyproject.toml', { 'uv.lock': 'version = 1\n' }, '.', 'lockWithoutManifest', /^uv\.lock: found without pyproject\.toml, which uv needs to install the project$/],
  ['poetry.lock without pyproject.toml', { 'poetry.lock': '# stub\n' }, '.', 'lockWithoutManifest', /^poetry\.lock: found without pyproject\.toml, which Poetry needs/],
  ['pdm.lock without pyproject.toml', { 'pdm.lock': '# stub\n' }, '.', 'lockWithoutManifest', /^pdm\.lock: found without pyproject\.toml, which PDM needs/],
  ['Pipfile.lock without Pipfile', { 'Pipfile.lock': '{}' }, '.', 'lockWithoutManifest', /^Pipfile\.lock: found without Pipfile, which Pipenv needs/],
  ['a uv workspace with no uv.lock', { 'pyproject.toml': ROOT_TOML, ...MEMBER }, 'apps/api', 'workspaceLockMissing', /declares a uv workspace with apps\/api in it, but \.\.\/\.\.\/uv\.lock is missing: run uv lock there$/],
  ['a uv workspace whose lock does not list the member', { 'pyproject.toml': ROOT_TOML, ...MEMBER, 'uv.lock': '' }, 'apps/api', 'workspaceMemberNotLocked', /^\.\.\/\.\.\/uv\.lock does not list apps\/api: run uv lock in \.\.\/\.\.$/],
  ['Pipfile [packages] not a table', { Pipfile: 'packages = "flask"\n', ...FLASK }, '.', 'badKey', /^Pipfile: \[packages\] must be a table$/],
  ['Pipfile [requires] python_version not a string', { Pipfile: '[packages]\nflask = "*"\n[requires]\npython_version = 3.12\n', ...FLASK }, '.', 'badKey', /^Pipfile: \[requires\] python_version must be a string$/],
  ['Pipfile.lock not a JSON object', { Pipfile: '[packages]\nflask = "*"\n', 'Pipfile.lock': '[]', ...FLASK }, '.', 'badKey', /^Pipfile\.lock: must be a JSON object$/],
  ['Pipfile.lock not JSON', { Pipfile: '[packages]\nflask = "*"\n', 'Pipfile.lock': '{', ...FLASK }, '.', 'invalidJson', /^Pipfile\.lock: invalid JSON: /],
  ['pyproject dependencies not a list', { 'pyproject.toml': '[project]\nname = "x"\nversion = "0"\ndependencies = "flask"\n', ...FLASK }, '.', 'badKey', /^pyproject\.toml: \[project\] dependencies must be a list of strings$/],
  ['pyproject dependency not a requirement', { 'pyproject.toml': '[project]\nname = "x"\nversion = "0"\ndependencies = ["flask ==="]\n', ...FLASK }, '.', 'badKeyRequirement', /^pyproject\.toml: \[project\] dependencies has an invalid requirement "flask ===": /],
  ['pyproject [tool.uv] package not a boolean', { 'pyproject.toml': '[project]\nname = "x"\nversion = "0"\n[tool.uv]\npackage = "yes"\n', ...FLASK }, '.', 'badKey', /^pyproject\.toml: \[tool\.uv\] package must be true or false$/],
  ['requires-python that does not parse', { 'pyproject.toml': '[project]\nname = "x"\nversion = "0"\nrequires-python = ">=3.x"\ndependencies = ["flask"]\n', ...FLASK }, '.', 'badPythonRange', /^pyproject\.toml: \[project\] requires-python ">=3\.x": /],
  ['requirements: an unknown option', { 'requirements.txt': '--bogus\nflask\n', ...FLASK }, '.', 'requirementsLine', /^requirements\.txt: line 1: unknown option "--bogus"$/],
  ['requirements: a global option after a requirement', { 'requirements.txt': 'flask --index-url https://example.org/simple\n', ...FLASK }, '.', 'requirementsLine', /^requirements\.txt: line 1: option --index-url cannot follow a requirement on the same line$/],
  ['requirements: an option with no value', { 'requirements.txt': 'flask\n--index-url\n', ...FLASK }, '.', 'requirementsLine', /^requirements\.txt: line 2: option --index-url needs a value$/],
  ['requirements: a bad --hash', { 'requirements.txt': 'flask==3.1.2 --hash=nothex\n', ...FLASK }, '.', 'requirementsLine', /^requirements\.txt: line 1: --hash must look like sha256:<hex digest>, got "nothex"$/],
  ['requirements: -e with no folder or URL', { 'requirements.txt': '-e flask\n', ...FLASK }, '.', 'requirementsLine', /^requirements\.txt: line 1: -e needs a local folder or a VCS URL, got "flask"$/],
  ['requirements: a path that is not there', { 'requirements.txt': './wheels/missing.whl\n', ...FLASK }, '.', 'requirementsLine', /^requirements\.txt: line 1: \.\/wheels\/missing\.whl: no such folder or package archive$/],
  ['requirements: an include outside the project', { 'requirements.txt': '-r ../../outside.txt\n', ...FLASK }, '.', 'requirementsLine', /^requirements\.txt: line 1: -r \.\.\/\.\.\/outside\.txt: outside the project folder, so a Docker build of this folder cannot use it$/],
  ['a dependency file that is a folder', { 'requirements.txt/keep': '', ...FLASK }, '.', 'unusableDependencyFile', /^requirements\.txt is a folder, not a file: the dependencies cannot be read from it; /],
];

describe('project file problems: typed, and said in the run\'s language', () => {
  after(removeTempProjects);

  for (const [what, files, folder, code, english] of CASES) {
    it(`${what}: ${code}, one line in zh-CN with no English prose`, async () => {
      const root = await tempProject(files);
      if (what.includes('does not list')) await cp(WORKSPACE_LOCK, path.join(root, 'uv.lock'));
      await assert.rejects(readProject(path.join(root, folder), { index: null }), (error: unknown) => {
        assert.ok(error instanceof ProjectFileError, `a ProjectFileError, not ${String(error)}`);
        assert.equal(error.problem.code, code);
        assert.match(messagesFor('en').report.problem(error.problem), english);
        assert.equal(error.message, messagesFor('en').report.problem(error.problem));
        const zh = messagesFor('zh-CN').report.problem(error.problem);
        assert.match(zh, /[\u4e00-\u9fff]/, zh);
        assert.doesNotMatch(zh, /\n/, zh);
        assert.deepEqual(englishRuns(zh), [], zh);
        return true;
      });
    });
  }

  it('a project folder that is not there', async () => {
    await assert.rejects(readProject('/no/such/folder/pydocker', { index: null }), (error: unknown) => {
      assert.ok(error instanceof ProjectFileError);
      assert.equal(messagesFor('zh-CN').report.problem(error.problem), '项目目录不存在：/no/such/folder/pydocker');
      return true;
    });
  });

  it('every problem code is worded in zh-CN without English prose, whatever its variant', () => {
    const every: ProjectFileProblem[] = [
      ...(['optionAfterRequirement', 'optionNeedsRequirement', 'unexpectedAfterOptions', 'unknownOption', 'optionNeedsValue', 'optionTakesNoValue', 'badHash', 'outsideProject', 'editableTarget', 'badEggName', 'noSuchTarget'] as const).map(
        (why) => ({ code: 'requirementsLine', file: 'requirements.txt', line: 2, why, name: '--index-url', value: '../outside.txt' }) as const,
      ),
      { code: 'requirementsMissing', file: 'requirements/prod.txt', unreadable: true },
      { code: 'requirementsMissing', file: 'requirements/prod.txt', unreadable: false },
      ...(['table', 'string', 'stringList', 'boolean', 'jsonObject'] as const).map((expected) => ({ code: 'badKey', file: 'pyproject.toml', key: '[project] name', expected }) as const),
      ...(['dangling', 'folder', 'special', 'unreadable'] as const).map((kind) => ({ code: 'unusableDependencyFile', file: 'Pipfile', kind }) as const),
      { code: 'invalidJson', file: 'Pipfile.lock', reason: 'Unexpected end of JSON input' },
      { code: 'badPythonRange', file: '.python-version', key: 'python', text: '3.x', reason: 'invalid version specifier' },
    ];
    for (const problem of every) {
      const zh = messagesFor('zh-CN').report.problem(problem);
      assert.deepEqual(englishRuns(zh), [], zh);
      assert.ok(messagesFor('en').report.problem(problem).length > 0);
    }
  });
});
