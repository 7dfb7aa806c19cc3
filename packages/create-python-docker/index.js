#!/usr/bin/env node
/**
 * `npm create python-docker [folder] -- [options]`, or `npx create-python-docker [folder] [options]`:
 * runs generator-python-docker's `app` sub-generator through that package's own bin (no yo), with
 * the same options (`--defaults`, `--port 8080`, `--python-version 3.13`, `--force`, ...).
 * A first argument that is not an option names the folder to scaffold into (created when missing),
 * as with other `npm create` packages; without one, the current folder.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const manifestPath = require.resolve('generator-python-docker/package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const bin = join(dirname(manifestPath), typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['generator-python-docker']);

const args = process.argv.slice(2);
if (args[0] !== undefined && !args[0].startsWith('-')) args.splice(0, 1, '--cwd', args[0]);
// Its --help shows this package's name and the [folder] argument.
globalThis[Symbol.for('generator-python-docker.usage')] = { name: 'create-python-docker', usage: '[folder] [options]' };
// The bin reads its arguments from process.argv when it is loaded: hand it `app` and ours.
process.argv = [process.argv[0], bin, 'app', ...args];
await import(pathToFileURL(bin).href);
