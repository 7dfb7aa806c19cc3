/**
 * Ctrl-C at a question, in a real terminal (util-linux `script` gives the run a pseudo-terminal):
 * one line saying nothing was written, exit code 1, and nothing on disk.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../helpers/paths.js';

describe('Ctrl-C at a question', function () {
  this.timeout(120_000);

  it('ends with one line saying nothing was written, exit 1, no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pydocker-cancel-'));
    writeFileSync(join(dir, 'requirements.txt'), 'Flask==3.1.3\n');
    writeFileSync(join(dir, 'app.py'), 'from flask import Flask\napp = Flask(__name__)\n');
    const child = spawn('script', ['-qfec', `"${process.execPath}" "${CLI}" multistage`, '/dev/null'], {
      cwd: dir,
      env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' },
    });
    let output = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // The first question is on screen: the user presses Ctrl-C.
      if (!sent && output.includes('navigate')) {
        sent = true;
        child.stdin.write('\x03');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.ok(sent, `the question was shown:\n${output}`);
    assert.equal(code, 1, output);
    const lines = output.split(/\r?\n/).map((line) => line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').trim()).filter(Boolean);
    assert.equal(lines.at(-1), 'generator-python-docker: error: cancelled: no answer was given, nothing was written');
    assert.doesNotMatch(output, /User force closed|An error occured|^\s+at /m);
    assert.deepEqual(readdirSync(dir).sort(), ['app.py', 'requirements.txt']);
  });
});
