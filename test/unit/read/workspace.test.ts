/**
 * Issue 20 point 6: a service in a member folder of a uv workspace. Its uv.lock and .python-version
 * are at the workspace root, a parent folder, read through a second ProjectFiles rooted there and
 * only as far up as the nearest folder that declares a workspace with this member in it.
 */
import assert from 'node:assert/strict';
import { cp, mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { choosePython } from '../../../lib/decide/python-choice.js';
import { planDocker, projectInputFor } from '../../../lib/decide/plan.js';
import { messagesFor } from '../../../lib/messages/index.js';
import { readProject } from '../../../lib/read/read.js';
import { findWorkspace, memberInLock } from '../../../lib/read/workspace.js';
import { planCompose } from '../../../lib/decide/compose.js';
import { composeYaml } from '../../../lib/render/compose-yaml.js';
import { parseToml } from '../../../lib/read/toml.js';
import { DEFAULT_ANSWERS } from '../../../lib/state/answers.js';
import { openProject } from '../../helpers/project-files.js';
import { removeTempProjects, tempProject } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/real-projects/uv-workspace-member/', import.meta.url));
const ROOT_TOML = '[project]\nname = "shop"\nversion = "0"\nrequires-python = ">=3.11"\n[tool.uv.workspace]\nmembers = ["apps/*"]\nexclude = ["apps/legacy"]\n';
const MEMBER_TOML = '[project]\nname = "api"\nversion = "0"\ndependencies = ["flask"]\n';

describe('project/workspace: a member of a uv workspace', () => {
  after(removeTempProjects);

  it('the fixture: finds the root, reads uv.lock and .python-version there, and only the member\'s closure', async () => {
    const member = path.join(FIXTURE, 'apps', 'server');
    const facts = await readProject(member, { index: null });
    const deps = facts.dependencies!;
    assert.equal(deps.manager, 'uv');
    assert.deepEqual(deps.workspace, { kind: 'uv', root: '../..', member: 'apps/server', declaredIn: 'pyproject.toml [tool.uv.workspace]', package: 'storefront-server', dependsOn: ['libs/greeter'] });
    assert.deepEqual(facts.pythonVersion, { value: '3.13', source: '../../.python-version' });
    // The member's third-party closure from the root's lock: fastapi and cowsay-python (through the greeter), no dev group (pytest, httpx).
    assert.ok(deps.pins?.['fastapi'] && deps.pins['cowsay-python'], JSON.stringify(deps.pins));
    assert.equal(deps.pins?.['pytest'], undefined);
    assert.equal(deps.pins?.['httpx'], undefined);
    assert.equal(deps.pins?.['storefront-greeter'], undefined, 'a workspace member is no pinned release');
    assert.equal(choosePython({ stated: facts.pythonVersion, wheels: deps.wheels ?? [], unreachable: [] }).version?.value, '3.13');
  });

  it('the plan: the root as a named build context, uv sync of this member from the root lock, and the one build command', async () => {
    const facts = await readProject(path.join(FIXTURE, 'apps', 'server'), { index: null });
    const plan = planDocker({ ...DEFAULT_ANSWERS, pythonVersion: '3.13', wsgiApp: 'main:app' }, projectInputFor(facts, { server: 'uvicorn', serverChosenByUser: false }));
    assert.deepEqual(plan.steps.production.copies.slice(0, 2), [
      { from: 'workspace', sources: ['pyproject.toml', 'uv.lock'], dest: '/workspace/' },
      { from: 'workspace', sources: ['libs/greeter'], dest: '/workspace/libs/greeter' },
    ]);
    assert.ok((plan.install.production.dependencyCommands as readonly string[]).includes('uv sync --directory /workspace --frozen --no-dev --package storefront-server --no-install-project --no-editable --compile-bytecode'));
    assert.ok((plan.install.single.dependencyCommands as readonly string[]).includes('/tmp/tool/bin/uv sync --directory /workspace --frozen --no-dev --package storefront-server --no-install-project --no-editable --no-cache'));
    assert.deepEqual(plan.workspace, { root: '../..', member: 'apps/server', package: 'storefront-server', buildContext: 'workspace=../..' });
    assert.equal(
      messagesFor('en').text.workspaceBuild('../..', 'apps/server', 'workspace=../..'),
      'workspace: apps/server is a member of the uv workspace at ../..; its uv.lock and .python-version are read there. Build from this folder with: docker build --build-context workspace=../.. -t app .',
    );
    assert.match(messagesFor('zh-CN').text.workspaceBuild('../..', 'apps/server', 'workspace=../..'), /^工作区：apps\/server 是 \.\.\/\.\. 处 uv 工作区/);
    // compose.yaml builds it too: the root as build.additional_contexts.
    const yaml = composeYaml(planCompose(plan, { folderName: 'server', watch: false, dependencyFiles: [] }), messagesFor('en').cli.composeComments);
    assert.match(yaml, /build:\n {6}context: \.\n {6}dockerfile: Dockerfile\n {6}# This folder is a member of a uv workspace[^\n]*\n {6}# [^\n]*\n {6}additional_contexts:\n {8}workspace: "\.\.\/\.\."\n/);
    assert.doesNotMatch(yaml, /docker-compose 1\.29 alike/, 'a member\'s compose.yaml does not claim docker-compose 1.x builds it');
  });

  it('looks no further than the nearest workspace declaration, and never past a .git folder', async () => {
    // Excluded by the nearest workspace: no member, and the workspace further up is not asked.
    const outer = await tempProject({ 'pyproject.toml': ROOT_TOML.replace('apps/*', 'inner/apps/*'), 'uv.lock': 'version = 1\n' });
    await cp(path.join(FIXTURE, 'uv.lock'), path.join(outer, 'uv.lock'));
    const inner = path.join(outer, 'inner');
    await mkdir(path.join(inner, 'apps', 'legacy'), { recursive: true });
    await writeFile(path.join(inner, 'pyproject.toml'), ROOT_TOML);
    await writeFile(path.join(inner, 'apps', 'legacy', 'pyproject.toml'), MEMBER_TOML);
    assert.equal(await findWorkspace(await openProject(path.join(inner, 'apps', 'legacy'))), undefined);
    // Not a member of any (no glob takes it in).
    const other = await tempProject({ 'pyproject.toml': ROOT_TOML, 'tools/x/pyproject.toml': MEMBER_TOML });
    assert.equal(await findWorkspace(await openProject(path.join(other, 'tools', 'x'))), undefined);
    // A .git folder between the member and a workspace: the repository's root is as far as it looks.
    const repo = await tempProject({ 'pyproject.toml': ROOT_TOML, 'apps/api/.git/config': '', 'apps/api/pyproject.toml': MEMBER_TOML });
    assert.equal(await findWorkspace(await openProject(path.join(repo, 'apps', 'api'))), undefined);
    const sub = await tempProject({ 'pyproject.toml': ROOT_TOML, 'apps/.git/config': '', 'apps/api/pyproject.toml': MEMBER_TOML });
    assert.equal(await findWorkspace(await openProject(path.join(sub, 'apps', 'api'))), undefined);
    // A member: found, with the root read through its own ProjectFiles.
    const ok = await tempProject({ 'pyproject.toml': ROOT_TOML, 'apps/api/pyproject.toml': MEMBER_TOML });
    const found = await findWorkspace(await openProject(path.join(ok, 'apps', 'api')));
    assert.deepEqual(found?.workspace, { kind: 'uv', root: '../..', member: 'apps/api', declaredIn: 'pyproject.toml [tool.uv.workspace]' });
    assert.equal(found?.files.root, ok);
  });

  it('a link from the workspace root out of it is not followed: the root\'s .python-version is a link elsewhere', async () => {
    const elsewhere = await tempProject({ '.python-version': '3.9\n' });
    const ws = await tempProject({ 'pyproject.toml': ROOT_TOML, 'apps/api/pyproject.toml': MEMBER_TOML, 'apps/api/app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    await cp(path.join(FIXTURE, 'uv.lock'), path.join(ws, 'uv.lock'));
    await symlink(path.join(elsewhere, '.python-version'), path.join(ws, '.python-version'));
    const found = await findWorkspace(await openProject(path.join(ws, 'apps', 'api')));
    assert.equal(await found!.files.text('.python-version'), undefined);
    assert.deepEqual(found!.files.skipped, [{ file: '.python-version', reason: 'outsideProject' }]);
  });

  it('a member the root lock does not list: one line that says to lock it', async () => {
    const ws = await tempProject({ 'pyproject.toml': ROOT_TOML, 'apps/api/pyproject.toml': MEMBER_TOML, 'apps/api/app.py': 'from flask import Flask\napp = Flask(__name__)\n' });
    await cp(path.join(FIXTURE, 'uv.lock'), path.join(ws, 'uv.lock'));
    await assert.rejects(readProject(path.join(ws, 'apps', 'api'), { index: null }), /^UsageError: \.\.\/\.\.\/uv\.lock does not list apps\/api: run uv lock in \.\.\/\.\.$/);
  });

  it('memberInLock: the workspace members a member uses, transitively', () => {
    const lock = parseToml('uv.lock', [
      '[[package]]\nname = "api"\nversion = "0"\nsource = { editable = "apps/api" }\ndependencies = [{ name = "core" }, { name = "flask" }]',
      '[[package]]\nname = "core"\nversion = "0"\nsource = { editable = "libs/core" }\ndependencies = [{ name = "util" }]',
      '[[package]]\nname = "util"\nversion = "0"\nsource = { virtual = "libs/util" }',
      '[[package]]\nname = "flask"\nversion = "3.1.3"\nsource = { registry = "https://pypi.org/simple" }',
    ].join('\n'));
    assert.deepEqual(memberInLock(lock, 'apps/api'), { name: 'api', dependsOn: ['libs/core', 'libs/util'] });
    assert.equal(memberInLock(lock, 'apps/other'), undefined);
    // A lock naming a folder out of the workspace root is not followed there (issue 18).
    const hostile = parseToml('uv.lock', [
      '[[package]]\nname = "api"\nversion = "0"\nsource = { editable = "apps/api" }\ndependencies = [{ name = "evil" }]',
      '[[package]]\nname = "evil"\nversion = "0"\nsource = { editable = "../../etc" }',
    ].join('\n'));
    assert.deepEqual(memberInLock(hostile, 'apps/api'), { name: 'api', dependsOn: [] });
  });
});
