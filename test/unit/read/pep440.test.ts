import assert from 'node:assert/strict';
import {
  SpecifierSyntaxError,
  newestPythonAllowed,
  parsePoetryConstraint,
  parseSpecifierSet,
  versionFits,
} from '../../../lib/read/pep440.js';
import { satisfies } from '@renovatebot/pep440';

const allows = (spec: string, version: string): boolean => satisfies(version, parseSpecifierSet(spec));

describe('project/pep440', () => {
  describe('satisfies', () => {
    it('compares with zero padding for >=, >, <=, <, ==, !=', () => {
      assert.equal(allows('>=3.11', '3.11.0'), true);
      assert.equal(allows('>=3.11', '3.10.14'), false);
      assert.equal(allows('>3.11', '3.11.0'), false);
      assert.equal(allows('>3.11', '3.11.1'), true);
      assert.equal(allows('<=3.12', '3.12.0'), true);
      assert.equal(allows('<=3.12', '3.12.1'), false);
      assert.equal(allows('<3.12', '3.11.9'), true);
      assert.equal(allows('<3.12', '3.12.0'), false);
      assert.equal(allows('==3.12', '3.12.0'), true);
      assert.equal(allows('==3.12', '3.12.4'), false);
      assert.equal(allows('!=3.12.1', '3.12.1'), false);
      assert.equal(allows('!=3.12.1', '3.12.2'), true);
    });

    it('handles .* wildcards on == and !=', () => {
      assert.equal(allows('==3.12.*', '3.12.7'), true);
      assert.equal(allows('==3.12.*', '3.13.0'), false);
      assert.equal(allows('!=3.13.*', '3.13.2'), false);
      assert.equal(allows('!=3.13.*', '3.14.0'), true);
    });

    it('reads ~= as a compatible release', () => {
      assert.equal(allows('~=3.10', '3.14.0'), true);
      assert.equal(allows('~=3.10', '3.9.0'), false);
      assert.equal(allows('~=3.10.2', '3.10.5'), true);
      assert.equal(allows('~=3.10.2', '3.11.0'), false);
    });

    it('requires every clause of a set', () => {
      assert.equal(allows('>=3.9, <3.12', '3.11.2'), true);
      assert.equal(allows('>=3.9, <3.12', '3.12.0'), false);
    });

    it('rejects what it cannot read', () => {
      assert.throws(() => parseSpecifierSet('>=three'), SpecifierSyntaxError);
      assert.throws(() => parseSpecifierSet('3.11'), SpecifierSyntaxError);
      assert.throws(() => parseSpecifierSet('>=3.*'), /invalid version specifier ">=3\.\*"/);
      assert.throws(() => parseSpecifierSet('~=3'), /invalid version specifier "~=3"/);
    });
  });

  describe('newestPythonAllowed (requires-python)', () => {
    const newest = (spec: string): string | undefined => newestPythonAllowed([parseSpecifierSet(spec)]);

    it('picks the newest supported minor, capped at the default 3.14', () => {
      assert.equal(newest('>=3.11'), '3.14');
      assert.equal(newest('>=3.9,<3.12'), '3.11');
      assert.equal(newest('~=3.10'), '3.14');
      assert.equal(newest('==3.12.*'), '3.12');
      assert.equal(newest(''), '3.14');
    });

    it('goes above the cap only when nothing older is allowed', () => {
      assert.equal(newest('>=3.15'), '3.15');
    });

    it('keeps a patch when only some patches of that minor are allowed', () => {
      assert.equal(newest('==3.12.4'), '3.12.4');
      assert.equal(newest('>=3.10,<3.11.4'), '3.11.3');
      assert.equal(newest('>=3.11.4,<3.12'), '3.11');
    });

    it('returns undefined when no supported Python is allowed', () => {
      assert.equal(newest('<3.8'), undefined);
      assert.equal(newest('>=4'), undefined);
    });

    it('ignores pre-release parts', () => {
      assert.equal(newest('>=3.13.0rc1,<3.14'), '3.13');
    });
  });

  describe('parsePoetryConstraint', () => {
    const newest = (text: string): string | undefined => newestPythonAllowed(parsePoetryConstraint(text));

    it('reads caret, tilde, wildcard, exact, and/or forms', () => {
      assert.equal(newest('^3.11'), '3.14');
      assert.equal(newest('~3.11'), '3.11');
      assert.equal(newest('~3.11.2'), '3.11');
      assert.equal(newest('3.12.*'), '3.12');
      assert.equal(newest('>=3.9 <3.13'), '3.12');
      assert.equal(newest('>=3.9,<3.13'), '3.12');
      assert.equal(newest('~3.10 || ~3.12'), '3.12');
      assert.equal(newest('*'), '3.14');
      assert.equal(newest('3.11.4'), '3.11.4');
    });

    it('expands ^ on the leftmost non-zero part', () => {
      const [set] = parsePoetryConstraint('^0.2.3');
      assert.equal(set, '>=0.2.3,<0.3');
    });

    it('rejects garbage', () => {
      assert.throws(() => parsePoetryConstraint('python three'), /invalid version constraint "python three"/);
      assert.throws(() => parsePoetryConstraint('^3.11 ||'), SpecifierSyntaxError);
    });
  });

  it('versionFits reads "3.N" as any patch of 3.N', () => {
    const range = [parseSpecifierSet('>=3.11.4')];
    assert.equal(versionFits('3.11', range), true);
    assert.equal(versionFits('3.11.2', range), false);
    assert.equal(versionFits('3.10', range), false);
  });
});
