import { openProject } from '../../helpers/project-files.js';
import assert from 'node:assert/strict';
import { UsageError } from '../../../lib/errors.js';
import { isValidName, normalizeName, parsePep508 } from '../../../lib/read/pep508.js';
import { logicalLines, nameFromArchive, readRequirementsFile as readRequirementsFileFull } from '../../../lib/read/requirements.js';
import { bare } from './helpers.js';

const readRequirementsFile = async (project: Parameters<typeof readRequirementsFileFull>[0], file: string) => bare(await readRequirementsFileFull(project, file));
import { fixture, removeTempProjects, tempProject } from './helpers.js';

describe('project/requirements', () => {
  after(removeTempProjects);

  describe('pep508', () => {
    it('normalizes names per PEP 503', () => {
      assert.equal(normalizeName('Flask'), 'flask');
      assert.equal(normalizeName('zope.interface'), 'zope-interface');
      assert.equal(normalizeName('Django_REST__framework'), 'django-rest-framework');
      assert.equal(normalizeName('a-_.-b'), 'a-b');
    });

    it('checks names', () => {
      assert.equal(isValidName('uvicorn'), true);
      assert.equal(isValidName('-x'), false);
      assert.equal(isValidName('x-'), false);
    });

    it('parses extras, specifiers, markers and URLs', () => {
      assert.deepEqual(parsePep508('uvicorn[standard]==0.54.0 ; python_version >= "3.10"'), {
        name: 'uvicorn',
        extras: ['standard'],
        specifier: '==0.54.0',
        marker: 'python_version >= "3.10"',
      });
      assert.deepEqual(parsePep508('requests (>=2.32, <3)'), { name: 'requests', extras: [], specifier: '>=2.32, <3' });
      assert.deepEqual(parsePep508('pip @ https://example.org/pip-25.0-py3-none-any.whl ; python_version < "4"'), {
        name: 'pip',
        extras: [],
        url: 'https://example.org/pip-25.0-py3-none-any.whl',
        marker: 'python_version < "4"',
      });
    });

    it('rejects what is not a requirement', () => {
      assert.throws(() => parsePep508('please install flask'), /unexpected text after "please": install flask/);
      assert.throws(() => parsePep508('flask===='), /invalid version specifier/);
      assert.throws(() => parsePep508('flask[sec urity]'), /invalid extra/);
      assert.throws(() => parsePep508('flask;'), /empty environment marker/);
      assert.throws(() => parsePep508('!flask'), /no package name/);
    });
  });

  describe('logicalLines', () => {
    it('joins continuations, drops comments and blank lines, keeps the starting line number', () => {
      const text = [
        '# comment',
        '',
        'gunicorn==27.0.1 \\',
        '    --hash=sha256:aa \\',
        '    --hash=sha256:bb',
        'flask==3.1.3  # trailing comment',
        'git+https://github.com/pallets/click.git#egg=click',
      ].join('\n');
      assert.deepEqual(logicalLines(text), [
        { line: 3, text: 'gunicorn==27.0.1     --hash=sha256:aa     --hash=sha256:bb' },
        { line: 6, text: 'flask==3.1.3' },
        { line: 7, text: 'git+https://github.com/pallets/click.git#egg=click' },
      ]);
    });

    it('handles CRLF files and a continuation on the last line', () => {
      assert.deepEqual(logicalLines('a==1\r\nb==2 \\\r\n'), [
        { line: 1, text: 'a==1' },
        { line: 2, text: 'b==2' },
      ]);
    });
  });

  it('nameFromArchive reads wheel and sdist file names', () => {
    assert.equal(nameFromArchive('itsdangerous-2.2.0-py3-none-any.whl'), 'itsdangerous');
    assert.equal(nameFromArchive('zope.interface-7.2.tar.gz'), 'zope.interface');
    assert.equal(nameFromArchive('main.zip'), undefined);
    assert.equal(nameFromArchive('README'), undefined);
  });

  describe('readRequirementsFile', () => {
    it('follows -r and -c includes, hashes, markers, extras, URLs, VCS and -e . (requirements-includes)', async () => {
      const facts = await readRequirementsFile(await openProject(fixture('requirements-includes')), 'requirements.txt');
      assert.deepEqual(facts, {
        files: ['requirements.txt', 'requirements/base.txt', 'requirements/common.txt', 'constraints.txt'],
        packages: ['flask', 'werkzeug', 'blinker', 'itsdangerous', 'click', 'gunicorn', 'uvicorn', 'tomli'],
        installsProject: true,
        extras: { uvicorn: ['standard'] },
      });
    });

    it('reads an include cycle once (requirements-cycle)', async () => {
      const facts = await readRequirementsFile(await openProject(fixture('requirements-cycle')), 'requirements.txt');
      assert.deepEqual(facts, {
        files: ['requirements.txt', 'requirements/base.txt'],
        packages: ['flask', 'gunicorn'],
        installsProject: false,
      });
    });

    it('fails on a missing -r include, naming file and line (bad-requirements-missing-include)', async () => {
      await assert.rejects(readRequirementsFile(await openProject(fixture('bad-requirements-missing-include')), 'requirements.txt'), {
        name: 'UsageError',
        message: 'requirements.txt: line 2: -r requirements/prod.txt: file not found (requirements/prod.txt)',
      });
    });

    it('fails on a line that is not a requirement (bad-requirements-garbage)', async () => {
      await assert.rejects(readRequirementsFile(await openProject(fixture('bad-requirements-garbage')), 'requirements.txt'), {
        name: 'UsageError',
        message:
          'requirements.txt: line 3: "please install flask first" is not a valid requirement: unexpected text after "please": install flask first',
      });
    });

    it('names the included file and its line when the error is inside an include', async () => {
      const root = await tempProject({
        'requirements.txt': 'flask==3.1.3\n-r requirements/dev.txt\n',
        'requirements/dev.txt': '# dev tools\npytest==9.2.0\n--frobnicate\n',
      });
      await assert.rejects(readRequirementsFile(await openProject(root), 'requirements.txt'), {
        name: 'UsageError',
        message: 'requirements/dev.txt: line 3: unknown option "--frobnicate"',
      });
    });

    it('accepts index and format options in every spelling, naming no package', async () => {
      const root = await tempProject({
        'requirements.txt': [
          '-i https://pypi.org/simple',
          '--index-url=https://pypi.org/simple',
          '--extra-index-url https://example.org/simple',
          '-f ./wheels',
          '--find-links https://example.org/wheels',
          '--trusted-host example.org',
          '--no-binary :all:',
          '--only-binary=:none:',
          '--pre',
          '--prefer-binary',
          '--no-index',
          '--require-hashes',
          'flask==3.1.3 --hash sha256:0ef0e52b8a9cd932855379197dd8f94047b359ca0a78695144304cb45f87c9eb',
          'psycopg2==2.9.13 --config-settings=foo=bar',
        ].join('\n'),
      });
      assert.deepEqual(await readRequirementsFile(await openProject(root), 'requirements.txt'), {
        files: ['requirements.txt'],
        packages: ['flask', 'psycopg2'],
        installsProject: false,
      });
    });

    it('reads the forms -rFILE, --requirement=FILE, --constraint FILE and relative includes from subfolders', async () => {
      const root = await tempProject({
        'requirements.txt': '-rrequirements/a.txt\n--requirement=requirements/b.txt\n--constraint requirements/c.txt\n',
        'requirements/a.txt': 'A==1\n-r ../shared/d.txt\n',
        'requirements/b.txt': 'B==1\n',
        'requirements/c.txt': 'C==1\n-c c2.txt\n',
        'requirements/c2.txt': 'C2==1\n',
        'shared/d.txt': 'D==1\n',
      });
      assert.deepEqual(await readRequirementsFile(await openProject(root), 'requirements.txt'), {
        files: [
          'requirements.txt',
          'requirements/a.txt',
          'shared/d.txt',
          'requirements/b.txt',
          'requirements/c.txt',
          'requirements/c2.txt',
        ],
        packages: ['a', 'd', 'b'],
        installsProject: false,
      });
    });

    it('takes names from #egg=, name @ URL, and wheel or sdist URLs; -e of a VCS URL does not install the project', async () => {
      const root = await tempProject({
        'requirements.txt': [
          '-e git+https://github.com/pallets/flask.git@3.1.3#egg=Flask',
          'git+https://github.com/encode/uvicorn.git#egg=uvicorn&subdirectory=.',
          'My_Lib @ git+https://example.org/my-lib.git@v1',
          'https://example.org/files/Jinja2-3.1.6-py3-none-any.whl',
          'https://example.org/files/markupsafe-3.0.4.tar.gz#sha256=00',
          'git+https://example.org/nameless.git',
        ].join('\n'),
      });
      assert.deepEqual(await readRequirementsFile(await openProject(root), 'requirements.txt'), {
        files: ['requirements.txt'],
        packages: ['flask', 'uvicorn', 'my-lib', 'jinja2', 'markupsafe'],
        installsProject: false,
      });
    });

    it('treats `.`, `-e ./sub` and `.[extra]` as installing the project, and local archives as files', async () => {
      for (const line of ['.', '-e .', '-e ./sub', '--editable=./sub', '.[dev]', './sub ; python_version >= "3.10"']) {
        const root = await tempProject({ 'requirements.txt': `flask==3.1.3\n${line}\n`, 'sub/pyproject.toml': '' });
        const facts = await readRequirementsFile(await openProject(root), 'requirements.txt');
        assert.equal(facts.installsProject, true, line);
        assert.deepEqual(facts.packages, ['flask'], line);
      }
      const root = await tempProject({
        'requirements.txt': 'wheels/internal_tool-1.2.0-py3-none-any.whl\n',
        'wheels/internal_tool-1.2.0-py3-none-any.whl': 'not really a wheel',
      });
      assert.deepEqual(await readRequirementsFile(await openProject(root), 'requirements.txt'), {
        files: ['requirements.txt', 'wheels/internal_tool-1.2.0-py3-none-any.whl'],
        packages: ['internal-tool'],
        installsProject: false,
      });
    });

    it('rejects includes and paths outside the project, missing paths, bad options', async () => {
      const cases: [string, string][] = [
        ['-r ../elsewhere.txt', 'requirements.txt: line 1: -r ../elsewhere.txt: outside the project folder, so a Docker build of this folder cannot use it'],
        ['-e ../sibling', 'requirements.txt: line 1: ../sibling: outside the project folder, so a Docker build of this folder cannot use it'],
        ['./missing', 'requirements.txt: line 1: ./missing: no such folder or package archive'],
        ['-c', 'requirements.txt: line 1: option -c needs a value'],
        ['--pre=yes', 'requirements.txt: line 1: option --pre takes no value'],
        ['--hash=sha256:abc', 'requirements.txt: line 1: option --hash must follow a requirement on the same line'],
        ['flask==3.1.3 --hash=md5', 'requirements.txt: line 1: --hash must look like sha256:<hex digest>, got "md5"'],
        ['flask==3.1.3 -r other.txt', 'requirements.txt: line 1: option -r cannot follow a requirement on the same line'],
        ['-e flask', 'requirements.txt: line 1: -e needs a local folder or a VCS URL, got "flask"'],
        ['git+https://x.org/a.git#egg=-bad', 'requirements.txt: line 1: invalid #egg= name "-bad" in "git+https://x.org/a.git#egg=-bad"'],
      ];
      for (const [line, message] of cases) {
        const root = await tempProject({ 'requirements.txt': `${line}\n` });
        await assert.rejects(readRequirementsFile(await openProject(root), 'requirements.txt'), (error: unknown) => {
          assert.ok(error instanceof UsageError, line);
          assert.equal(error.message, message);
          return true;
        });
      }
    });

    it('lists a local --find-links folder (relative to the file, else the root) as needed to install', async () => {
      const root = await tempProject({
        'requirements.txt': '-r requirements/prod.txt\n',
        'requirements/prod.txt': '--find-links vendor\n-f wheels\n-f https://example.org/wheels\n-f ./nowhere\ninternal-tool==1.2.0\n',
        'requirements/vendor/internal_tool-1.2.0-py3-none-any.whl': 'x',
        'wheels/other-1.0-py3-none-any.whl': 'x',
      });
      assert.deepEqual(await readRequirementsFile(await openProject(root), 'requirements.txt'), {
        files: ['requirements.txt', 'requirements/prod.txt', 'requirements/vendor', 'wheels'],
        packages: ['internal-tool'],
        installsProject: false,
      });
    });

    it('reads a file included both as constraints and as requirements once in each role', async () => {
      const root = await tempProject({ 'requirements.txt': '-c pins.txt\n-r pins.txt\n', 'pins.txt': 'Flask==3.1.3\n' });
      assert.deepEqual(await readRequirementsFile(await openProject(root), 'requirements.txt'), {
        files: ['requirements.txt', 'pins.txt'],
        packages: ['flask'],
        installsProject: false,
      });
    });

    it('accepts a remote -r include without reading it', async () => {
      const root = await tempProject({ 'requirements.txt': '-r https://example.org/requirements.txt\nflask==3.1.3\n' });
      assert.deepEqual(await readRequirementsFile(await openProject(root), 'requirements.txt'), {
        files: ['requirements.txt'],
        packages: ['flask'],
        installsProject: false,
      });
    });
  });
});
