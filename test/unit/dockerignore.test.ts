import assert from 'node:assert/strict';
import { MERGE_HEADER, mergeDockerignore } from '../../lib/render/dockerignore.js';

const generated = '# ours\n.git\n.env\n.env.*\n**/__pycache__\n.venv\n';

describe('mergeDockerignore', () => {
  it('keeps every user line and appends only what is missing, once', () => {
    const user = '# mine\nnode_modules\n/.git/\n*.log\n';
    const merged = mergeDockerignore(user, generated);
    assert.deepEqual(merged.added, ['.env', '.env.*', '**/__pycache__', '.venv']);
    assert.equal(merged.content, `${user}\n${MERGE_HEADER}\n.env\n.env.*\n**/__pycache__\n.venv\n`);
    assert.ok(merged.content!.startsWith(user));
  });

  it('changes nothing when the user already has every pattern (a re-run is a no-op)', () => {
    const once = mergeDockerignore('node_modules', generated).content!;
    assert.deepEqual(mergeDockerignore(once, generated), { added: [], keptUserExceptions: [] });
  });

  it('does not add a pattern over the user\'s own exception', () => {
    const merged = mergeDockerignore('.env*\n!.env.example\n', generated);
    assert.deepEqual(merged.keptUserExceptions, ['.env', '.env.*']);
    assert.ok(!merged.added.includes('.env.*'));
  });

  it('adds a final newline to a user file that lacks one', () => {
    assert.match(mergeDockerignore('dist', generated).content!, /^dist\n\n#/);
  });
});
