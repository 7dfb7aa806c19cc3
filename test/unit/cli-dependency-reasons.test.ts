import assert from 'node:assert/strict';
import { cliEn } from '../../lib/messages/cli-en.js';
import { cliZhCN } from '../../lib/messages/cli-zh-CN.js';
import type { DependencyReasonPart } from '../../lib/read/types.js';
import { englishRuns } from '../helpers/english.js';

const EVERY_PART: DependencyReasonPart[] = [
  { key: 'found', file: 'uv.lock' },
  { key: 'foundInWorkspace', file: '../uv.lock', root: '..' },
  { key: 'foundWithout', file: 'Pipfile', missing: 'Pipfile.lock' },
  { key: 'compiledFrom', file: 'requirements.in' },
  { key: 'notInstalled', files: ['requirements/dev.txt'] },
  { key: 'installedAsWritten', file: 'requirements.in', missing: 'requirements.txt' },
  { key: 'tableWithout', table: '[tool.poetry]', file: 'pyproject.toml', missing: 'poetry.lock' },
  { key: 'noPackageFolder', name: 'demo' },
  { key: 'dependenciesOnly', why: 'packageModeFalse' },
  { key: 'dependenciesOnly', why: 'notADistribution' },
  { key: 'pipInstallDot', file: 'pyproject.toml [project]' },
  { key: 'setupFound', files: ['setup.py', 'setup.cfg'], installRequiresFirst: true },
  { key: 'setupFound', files: ['setup.py'], installRequiresFirst: false },
  { key: 'alsoPresent', files: ['requirements.txt'] },
];

describe('the dependency manager\'s reason in the read block', () => {
  it('zh-CN says every part of it in Chinese (files and commands as they are)', () => {
    for (const part of EVERY_PART) {
      const line = cliZhCN.read.dependencies('pip', ['requirements.txt'], [part]);
      assert.match(line, /^依赖：pip（.+）$/, line);
      assert.deepEqual(englishRuns(line), [], line);
    }
    assert.equal(
      cliZhCN.read.dependencies('uv', ['uv.lock'], [{ key: 'found', file: 'uv.lock' }, { key: 'alsoPresent', files: ['requirements.txt'] }]),
      '依赖：uv（找到 uv.lock；另外还有：requirements.txt）',
    );
  });

  it('English says the same parts in its own words', () => {
    assert.equal(
      cliEn.read.dependencies('uv', ['uv.lock'], [{ key: 'found', file: 'uv.lock' }, { key: 'alsoPresent', files: ['requirements.txt'] }]),
      'dependencies: uv (uv.lock found; also present: requirements.txt)',
    );
    assert.equal(
      cliEn.read.dependencies('pip', ['requirements.txt'], [{ key: 'found', file: 'requirements.txt' }, { key: 'compiledFrom', file: 'requirements.in' }, { key: 'alsoPresent', files: ['Pipfile'] }]),
      'dependencies: pip (requirements.txt found (compiled from requirements.in, which is not installed); also present: Pipfile)',
    );
    for (const part of EVERY_PART) assert.match(cliEn.read.dependencies('pip', [], [part]), /^dependencies: pip \(.+\)$/);
  });
});
