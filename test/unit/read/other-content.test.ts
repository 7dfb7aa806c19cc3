/** What makes a folder someone else's: what `yo python-docker` refuses to scaffold the sample app into. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { otherContent } from '../../../lib/read/other-content.js';

function folder(entries: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pydocker-other-'));
  for (const entry of entries) {
    if (entry.endsWith('/')) mkdirSync(join(dir, entry), { recursive: true });
    else writeFileSync(join(dir, entry), 'x\n');
  }
  return dir;
}

describe('otherContent', () => {
  const ours = ['Dockerfile', 'Dockerfile.bad', 'WORKSHOP.md', 'compose.yaml'];

  it('an empty folder, or one with only dotfiles, documents and our own files, holds nothing else', async () => {
    assert.deepEqual(await otherContent(folder([]), ours), []);
    assert.deepEqual(await otherContent(folder(['.git/', '.gitignore', '.vscode/', 'README.md', 'LICENSE', 'COPYING.txt', 'CHANGELOG.rst', 'Dockerfile', 'WORKSHOP.md']), ours), []);
  });

  it("another project's files and folders are named, folders with a slash, sorted", async () => {
    assert.deepEqual(await otherContent(folder(['package.json', 'index.js', 'README.md']), ours), ['index.js', 'package.json']);
    assert.deepEqual(await otherContent(folder(['go.mod', 'cmd/']), ours), ['cmd/', 'go.mod']);
    assert.deepEqual(await otherContent(folder(['notes.txt']), ours), ['notes.txt'], 'anything else is someone\'s');
  });
});
