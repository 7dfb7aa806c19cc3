#!/usr/bin/env node
/**
 * The floor's bin: what generator-python-docker's bin (bin/cli.ts) does, for the floor
 * generator: the same start-up (npm's installer deferred, see deferArborist there), then
 * prepareCommand with the one generator it knows, no lookup.
 */
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function deferArborist() {
  try {
    const environment = createRequire(import.meta.url).resolve('yeoman-environment');
    const flyImport = createRequire(environment).resolve('fly-import');
    const require = createRequire(flyImport);
    const path = require.resolve('@npmcli/arborist');
    if (require.cache[path]) return;
    let Real;
    const stub = new Module(path);
    stub.filename = path;
    stub.loaded = true;
    stub.exports = class LazyArborist {
      constructor(...args) {
        if (!Real) {
          delete require.cache[path];
          Real = require(path);
        }
        return new Real(...args);
      }
    };
    require.cache[path] = stub;
  } catch {
    // start-up stays as it is
  }
}

const resolved = join(dirname(fileURLToPath(import.meta.url)), 'generators', 'app', 'index.js');
deferArborist();
const { prepareCommand } = await import('yeoman-environment');
const command = await prepareCommand({ resolved, namespace: 'floor:app' });
command.name('generator-floor');
command.exitOverride();
await command.parseAsync(process.argv.slice(2), { from: 'user' });
