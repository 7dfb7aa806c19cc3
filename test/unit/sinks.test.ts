/**
 * The encoders a project value goes through on its way into a generated file (lib/decide/sinks.ts),
 * the one escaping function for what is shown (lib/escape.ts, lib/messages/terminal.ts), and the
 * output path guard (lib/yeoman/output-paths.ts).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseShell } from 'shell-quote';
import {
  composeKey,
  composeValue,
  dockerWord,
  execForm,
  ignorePattern,
  isUnsafeValueError,
  sh,
  shellWord,
  shellWords,
  shown,
  UnsafeValueError,
} from '../../lib/decide/sinks.js';
import { escapeControls, hasControlCharacters } from '../../lib/escape.js';
import { forTerminal } from '../../lib/messages/terminal.js';
import { excludedBy, guardedLetIn, ignoreRules } from '../../lib/render/dockerignore.js';
import { outputPathProblem } from '../../lib/yeoman/output-paths.js';

const refused = (run: () => unknown, sink: string, reason: 'control' | 'syntax') =>
  assert.throws(run, (error: unknown) => isUnsafeValueError(error) && error.sink === sink && error.reason === reason);

describe('escaping what is shown (lib/escape.ts)', () => {
  it('every class of control character becomes a visible escape; text stays as it is', () => {
    assert.equal(escapeControls('a\u001b]0;x\u0007b'), 'a\\x1b]0;x\\x07b');
    assert.equal(escapeControls('a\r\n\tb'), 'a\\r\\n\\tb');
    assert.equal(escapeControls('\u0085\u009b\u2028\u2029\u202e\u2066\u200f\u061c\u007f'), '\\x85\\x9b\\u2028\\u2029\\u202e\\u2066\\u200f\\u061c\\x7f');
    assert.equal(escapeControls('é 中文 $(id) "quoted"'), 'é 中文 $(id) "quoted"');
    assert.equal(forTerminal('line 1\nline \u001b[2J2'), 'line 1\nline \\x1b[2J2', 'the terminal keeps our line breaks only');
    assert.ok(hasControlCharacters('a\u2028b') && !hasControlCharacters('a b'));
  });
});

describe('sinks (lib/decide/sinks.ts)', () => {
  it('shellWord: plain words as they are, anything else single-quoted; one word for a POSIX shell', () => {
    assert.equal(shellWord('/app/logs'), '/app/logs');
    assert.equal(shellWord('data;id;echo'), "'data;id;echo'");
    for (const value of ['a b', "it's", '$(id)', '`id`', 'a&&b', '~root', '*', '#x', '', "''", 'a\\b']) {
      const command = sh`mkdir -p ${shellWord(value)} && echo done`;
      assert.deepEqual(parseShell(command, (name) => `$${name}`), ['mkdir', '-p', value, { op: '&&' }, 'echo', 'done'], value);
    }
    assert.equal(sh`apt-get install ${shellWords(['libpq5', 'a b'])}`, "apt-get install libpq5 'a b'");
    refused(() => shellWord('a\nb', 'app.py:3'), 'shell', 'control');
    refused(() => shellWord('a\u2028b'), 'shell', 'control');
  });

  it('execForm: JSON strings; control characters refused', () => {
    assert.equal(execForm(['gunicorn', '"], ["id', 'a\\b']), '["gunicorn", "\\"], [\\"id", "a\\\\b"]');
    assert.deepEqual(JSON.parse(execForm(['x', "it's"])), ['x', "it's"]);
    refused(() => execForm(['gunicorn', '\u001b[2J'], 'Procfile web:'), 'exec', 'control');
  });

  it('dockerWord: COPY and ENV words, nothing Docker reads as syntax', () => {
    assert.equal(dockerWord('reqs/base;x.txt'), 'reqs/base;x.txt');
    for (const value of ['a b', 'a$HOME', 'a"b', "a'b", 'a\\b', 'a*b', 'a?b', 'a[1]', '--from=x', '']) refused(() => dockerWord(value), 'dockerfile', 'syntax');
    refused(() => dockerWord('a\rb'), 'dockerfile', 'control');
  });

  it('composeValue and composeKey: $ doubled, keys are names', () => {
    assert.equal(composeValue('${HOME} $x'), '$${HOME} $$x');
    assert.equal(composeKey('DJANGO_SECRET_KEY'), 'DJANGO_SECRET_KEY');
    for (const key of ['a: b', 'x\ny', '-x', '{a}', '']) assert.throws(() => composeKey(key), UnsafeValueError, key);
    refused(() => composeValue('a\u0085b'), 'yaml', 'control');
  });

  it('ignorePattern: a literal path, wildcards and a leading ! or # escaped; blanks at the ends refused', () => {
    assert.equal(ignorePattern('logs'), 'logs');
    assert.equal(ignorePattern('a*b?[c]\\'), 'a\\*b\\?\\[c]\\\\');
    assert.equal(ignorePattern('!keep'), '\\!keep');
    assert.equal(ignorePattern('#notes'), '\\#notes');
    const rules = ignoreRules(`${ignorePattern('a*b')}\n`);
    assert.equal(excludedBy(rules, 'a*b').excluded, true);
    assert.equal(excludedBy(rules, 'axxb').excluded, false);
    refused(() => ignorePattern(' x'), 'dockerignore', 'syntax');
    refused(() => ignorePattern('x\ny'), 'dockerignore', 'control');
  });

  it('a refusal names where the value came from, everything escaped, on one line', () => {
    try {
      shellWord('x\u001b[2J', 'we\u202eird.py:3');
      assert.fail('not refused');
    } catch (error) {
      assert.ok(isUnsafeValueError(error));
      assert.equal(error.value, shown('x\u001b[2J'));
      assert.equal(error.origin, 'we\\u202eird.py:3');
      assert.ok(!hasControlCharacters(error.message));
    }
  });
});

describe('.dockerignore: what still enters the build context (lib/render/dockerignore.ts)', () => {
  it("Docker's pattern syntax: **, *, ?, classes, exceptions, a folder covers what is in it, the last match wins", () => {
    const rules = ignoreRules('**/__pycache__\n*.py[cod]\n.git\n!.git/hooks\nsecret?.txt\n');
    assert.equal(excludedBy(rules, 'a/b/__pycache__/x.pyc').excluded, true);
    assert.equal(excludedBy(rules, 'main.pyc').excluded, true);
    assert.equal(excludedBy(rules, 'pkg/main.pyc').excluded, false, '* stays in one folder');
    assert.equal(excludedBy(rules, '.git/config').excluded, true);
    assert.equal(excludedBy(rules, '.git/hooks/pre-commit').excluded, false);
    assert.equal(excludedBy(rules, 'secret1.txt').excluded, true);
  });

  it('names .env and .git when an exception lets them in, with the lines that do', () => {
    const ours = '.git\n**/.env\n**/.env.*\n';
    assert.deepEqual(guardedLetIn(ours), { names: [], exceptions: [] });
    assert.deepEqual(guardedLetIn(`!.env\n${ours}`), { names: [], exceptions: [] }, 'a later exclusion wins over an earlier exception');
    assert.deepEqual(guardedLetIn(`${ours}!.env\n`), { names: ['.env'], exceptions: ['!.env'] });
    assert.deepEqual(guardedLetIn(`${ours}!.env*\n!.git\n`), { names: ['.env', '.git'], exceptions: ['!.env*', '!.git'] });
    assert.deepEqual(guardedLetIn('node_modules\n'), { names: ['.env', '.git'], exceptions: [] });
  });
});

describe('output paths only inside the project (lib/yeoman/output-paths.ts)', () => {
  let root: string;
  let outside: string;
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'pydocker-out-'));
    outside = mkdtempSync(join(tmpdir(), 'pydocker-out-elsewhere-'));
    writeFileSync(join(root, 'app.py'), '');
    writeFileSync(join(outside, 'bashrc'), '');
    mkdirSync(join(root, 'pkg'));
    symlinkSync(join(outside, 'missing'), join(root, 'Dockerfile'));
    symlinkSync(join(outside, 'bashrc'), join(root, '.dockerignore'));
    symlinkSync('app.py', join(root, 'compose.yaml'));
    symlinkSync(outside, join(root, 'linked'));
    symlinkSync(join(outside, 'nowhere'), join(root, 'dangling-folder'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('a link (dangling, outside or inside) or a folder leading outside is refused; a real or new file inside is not', () => {
    assert.equal(outputPathProblem(root, 'Dockerfile'), 'symlink');
    assert.equal(outputPathProblem(root, '.dockerignore'), 'symlink');
    assert.equal(outputPathProblem(root, 'compose.yaml'), 'symlink');
    assert.equal(outputPathProblem(root, 'linked/app.py'), 'outside');
    assert.equal(outputPathProblem(root, 'dangling-folder/x.py'), 'outside');
    assert.equal(outputPathProblem(root, '../x'), 'outside');
    assert.equal(outputPathProblem(root, 'app.py'), undefined);
    assert.equal(outputPathProblem(root, 'pkg/new.py'), undefined);
    assert.equal(outputPathProblem(root, 'Dockerfile.multistage'), undefined);
  });
});
