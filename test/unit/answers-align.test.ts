import assert from 'node:assert/strict';
import { alignPortLine, carriedValues, differingKeys, differsOnlyIn } from '../../lib/state/answers-align.js';

const MAIN = [
  'import os',
  '',
  'app = Flask(__name__)',
  '',
  'if __name__ == "__main__":',
  '    # listen on every interface',
  '    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))',
  '',
].join('\n');

describe('answers-align: one project, one truth', () => {
  it('reads the values each generated file carries, the way the generator writes them', () => {
    const dockerfile = 'FROM python:3.13-slim\nUSER 2000:10001\nEXPOSE 8000\n';
    assert.deepEqual(carriedValues('Dockerfile.multistage', `FROM python:3.13 AS builder\n${dockerfile}`), { port: '8000', uid: '2000', gid: '10001', pythonVersion: '3.13' });
    assert.deepEqual(carriedValues('compose.yaml', 'services:\n  web:\n    ports:\n      - "8000:8000"\n'), { port: '8000' });
    assert.deepEqual(carriedValues('compare.py', 'PORT = 5000\nAPP_FILE = "main.py"\n'), { port: '5000' });
    assert.deepEqual(carriedValues('main.py', MAIN), { port: '5000' });
    assert.deepEqual(
      carriedValues('WORKSHOP.md', '`FROM python:3.14`\n`USER 10001:10001`\ndocker run --rm -d --name bad -p 5000:5000 workshop:bad\n'),
      { port: '5000', uid: '10001', gid: '10001', pythonVersion: '3.14' },
    );
    // A user's file without the generator's lines carries nothing.
    assert.deepEqual(carriedValues('main.py', 'app.run(port=int(os.getenv("PORT", 5000)))\n'), {});
    assert.deepEqual(carriedValues('README.md', 'EXPOSE 5000\n'), {});
  });

  it('names only the values that differ from the run', () => {
    assert.deepEqual(differingKeys({ port: '5000', uid: '10001' }, { port: '9000', uid: '10001', gid: '10001', pythonVersion: '3.14' }), ['port']);
  });

  it('a file that changes only in the values may be written without a question; an edit elsewhere may not', () => {
    const disk = 'EXPOSE 5000\nCMD ["gunicorn", "--bind", "0.0.0.0:5000"]\n# python:3.13\n';
    const fresh = 'EXPOSE 9000\nCMD ["gunicorn", "--bind", "0.0.0.0:9000"]\n# python:3.14\n';
    const changes = [{ from: '5000', to: '9000' }, { from: '3.13', to: '3.14' }];
    assert.equal(differsOnlyIn(disk, fresh, changes), true);
    assert.equal(differsOnlyIn(`${disk}# my note\n`, fresh, changes), false);
    // 3.14 inside 3.14.1 is another value, not the one that moved.
    assert.equal(differsOnlyIn('FROM python:3.13.1\n', 'FROM python:3.14.1\n', [{ from: '3.13', to: '3.14' }]), false);
  });

  it("changes only the sample app's default-port literal, or refuses", () => {
    const edit = alignPortLine(MAIN, '9000');
    assert.ok('content' in edit);
    assert.equal(edit.content, MAIN.replace('"5000"', '"9000"'));
    assert.deepEqual(alignPortLine(MAIN.replace('port=int(', 'port=int(PORT or '), '9000'), { refused: 'missing' });
    const twice = `${MAIN}    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5001")))\n`;
    assert.deepEqual(alignPortLine(twice, '9000'), { refused: 'several' });
  });
});
