/** The app-kind table (lib/tables/app-kinds.ts) is the one place a kind is described: the README and --help follow it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_KINDS, serverChoices, serverFor, SERVERS } from '../../../lib/tables/app-kinds.js';
import { cliEn } from '../../../lib/messages/cli-en.js';
import { cliZhCN } from '../../../lib/messages/cli-zh-CN.js';
import { REPO_ROOT } from '../../helpers/paths.js';

/** The rows of the README's "The kinds of app served" table, by kind name. */
function readmeRows(): Map<string, string[]> {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### The kinds of app served'));
  const rows = new Map<string, string[]>();
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('### ')) break;
    if (!line.startsWith('| ') || line.startsWith('| kind') || line.startsWith('| ---')) continue;
    const cells = line.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim());
    rows.set(cells[0]!, cells);
  }
  return rows;
}

describe('app kinds (lib/tables/app-kinds.ts)', () => {
  it('the README lists every kind with its default port and health path, and no kind the table lacks', () => {
    const rows = readmeRows();
    assert.deepEqual([...rows.keys()], APP_KINDS.map((kind) => kind.name));
    for (const kind of APP_KINDS) {
      const cells = rows.get(kind.name)!;
      assert.equal(cells[3], String(kind.defaultPort), `${kind.name}: port`);
      assert.equal(cells[4], `\`${kind.healthPath}\``, `${kind.name}: health path`);
      for (const server of new Set(Object.values(kind.servers))) assert.ok(cells[2]!.includes(server), `${kind.name}: the command names ${server}`);
    }
  });

  it('--help offers exactly the servers the kinds run on (and python), in both languages', () => {
    const choices = serverChoices();
    assert.deepEqual(choices, ['gunicorn', 'uvicorn', 'sanic', 'streamlit', 'python']);
    for (const help of [cliEn.options.server, cliZhCN.options.server]) assert.ok(help.includes(choices.join('|')), help);
    assert.ok(choices.every((server) => (SERVERS as readonly string[]).includes(server)));
  });

  it('each kind is recognised one way, with a server for what it builds, a port a non-root user may bind and a health path', () => {
    for (const kind of APP_KINDS) {
      assert.ok(kind.defaultPort >= 1024 && kind.defaultPort <= 65535, kind.name);
      assert.ok(kind.healthPath.startsWith('/'), kind.name);
      const recognition = kind.recognition;
      if (recognition.by === 'constructor') {
        for (const ctor of recognition.constructors) assert.ok(kind.servers[ctor.interface], `${kind.name}: a server for ${ctor.interface}`);
      }
      if (recognition.by === 'script') assert.ok(kind.servers.script, `${kind.name}: a server for its script`);
    }
    assert.equal(new Set(APP_KINDS.map((kind) => kind.id)).size, APP_KINDS.length, 'ids are unique');
  });

  it('the server for an app: the kind\'s, else by interface', () => {
    const byId = (id: string) => APP_KINDS.find((kind) => kind.id === id);
    assert.equal(serverFor(byId('sanic'), 'asgi'), 'sanic');
    assert.equal(serverFor(byId('falcon'), 'asgi'), 'uvicorn');
    assert.equal(serverFor(byId('falcon'), 'wsgi'), 'gunicorn');
    assert.equal(serverFor(byId('aiohttp'), 'aiohttp'), 'gunicorn');
    assert.equal(serverFor(byId('streamlit'), 'script'), 'streamlit');
    assert.equal(serverFor(byId('django'), 'django'), 'gunicorn');
    assert.equal(serverFor(undefined, 'asgi'), 'uvicorn');
    assert.equal(serverFor(undefined, 'script'), 'python');
    assert.equal(serverFor(undefined, undefined), 'gunicorn');
  });
});
