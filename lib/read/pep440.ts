/**
 * A small PEP 440 version-specifier evaluator, for Python versions only: release numbers
 * (3, 3.12, 3.12.4) and the operators >=, >, <=, <, ==, !=, ~=, === with `.*` wildcards on
 * == and !=. Pre-, post- and dev-release parts are read but ignored (no Python image uses them).
 * Also reads Poetry's constraint syntax (^, ~, `||`, space- or comma-separated clauses).
 */
import { DEFAULT_PYTHON_VERSION, NEWEST_PYTHON_MINOR, OLDEST_PYTHON_MINOR } from '../tables/versions.js';

export type Operator = '===' | '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>';

export interface Specifier {
  operator: Operator;
  /** The version as written, e.g. "3.12.*". */
  version: string;
  /** Its release numbers without the wildcard: "3.12.*" -> [3, 12]. */
  release: number[];
  wildcard: boolean;
}

/** All clauses must hold. An empty set allows every version. */
export type SpecifierSet = Specifier[];

/** Thrown with a reason; callers add the file and key. */
export class SpecifierSyntaxError extends Error {
  override name = 'SpecifierSyntaxError';
}

const CLAUSE = /^\s*(===|~=|==|!=|<=|>=|<|>)\s*(\S+?)\s*$/;
/** Release numbers, then pre/post/dev parts that are ignored (">=3.13.0rc1" is read as ">=3.13.0"), then `.*`. */
const RELEASE = /^v?(\d+(?:\.\d+)*)(?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview|post|rev|r|dev)\d*)*(\.\*)?$/i;

function makeSpecifier(operator: Operator, version: string, raw: string): Specifier {
  if (operator === '===') return { operator, version, release: [], wildcard: false };
  const match = RELEASE.exec(version);
  if (!match) throw new SpecifierSyntaxError(`unsupported version ${JSON.stringify(version)} in ${JSON.stringify(raw)}`);
  const wildcard = match[2] !== undefined;
  if (wildcard && operator !== '==' && operator !== '!=') {
    throw new SpecifierSyntaxError(`".*" is only allowed with == and != in ${JSON.stringify(raw)}`);
  }
  const release = match[1]!.split('.').map(Number);
  if (operator === '~=' && release.length < 2) {
    throw new SpecifierSyntaxError(`~= needs at least two version parts in ${JSON.stringify(raw)}`);
  }
  return { operator, version, release, wildcard };
}

/** Parses a PEP 440 specifier set such as ">=3.9,<3.12" or "==3.12.*". */
export function parseSpecifierSet(text: string): SpecifierSet {
  if (text.trim() === '') return [];
  return text.split(',').map((clause) => {
    const match = CLAUSE.exec(clause);
    if (!match) throw new SpecifierSyntaxError(`invalid version specifier ${JSON.stringify(text.trim())}`);
    return makeSpecifier(match[1] as Operator, match[2]!, text.trim());
  });
}

function compare(a: readonly number[], b: readonly number[]): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

function hasPrefix(version: readonly number[], prefix: readonly number[]): boolean {
  return prefix.every((part, index) => (version[index] ?? 0) === part);
}

/** Does the release `version` (e.g. [3, 12, 4]) satisfy one clause? */
export function matches(version: readonly number[], specifier: Specifier): boolean {
  const { operator, release, wildcard } = specifier;
  switch (operator) {
    case '===':
      return version.join('.') === specifier.version;
    case '==':
      return wildcard ? hasPrefix(version, release) : compare(version, release) === 0;
    case '!=':
      return wildcard ? !hasPrefix(version, release) : compare(version, release) !== 0;
    case '>=':
      return compare(version, release) >= 0;
    case '<=':
      return compare(version, release) <= 0;
    case '>':
      return compare(version, release) > 0;
    case '<':
      return compare(version, release) < 0;
    case '~=':
      return compare(version, release) >= 0 && hasPrefix(version, release.slice(0, -1));
  }
}

export function satisfies(version: readonly number[], set: SpecifierSet): boolean {
  return set.every((specifier) => matches(version, specifier));
}

/** Any of the alternatives (Poetry's `||`); a PEP 440 set is one alternative. */
export function satisfiesAny(version: readonly number[], alternatives: readonly SpecifierSet[]): boolean {
  return alternatives.some((set) => satisfies(version, set));
}

const POETRY_CLAUSE = /(\^|~=|~|===|==|!=|>=|<=|>|<|=)?\s*(\*|v?\d+(?:\.(?:\d+|\*))*)/g;

/**
 * Poetry's constraint syntax as PEP 440 alternatives: "^3.11" -> [[>=3.11, <4]], "~3.11" ->
 * [[>=3.11, <3.12]], "3.11.*" -> [[==3.11.*]], "*" -> [[]], ">=3.9 <3.13" and ">=3.9,<3.13"
 * -> [[>=3.9, <3.13]], "^3.9 || ^3.10" -> two alternatives. A bare version is exact, as in Poetry.
 */
export function parsePoetryConstraint(text: string): SpecifierSet[] {
  return text.split('||').map((alternative) => {
    const leftover = alternative.replace(POETRY_CLAUSE, '').replace(/[\s,]/g, '');
    if (alternative.trim() === '' || leftover !== '') {
      throw new SpecifierSyntaxError(`invalid version constraint ${JSON.stringify(text.trim())}`);
    }
    const set: SpecifierSet = [];
    for (const match of alternative.matchAll(POETRY_CLAUSE)) {
      const operator = match[1] ?? '';
      const version = match[2]!;
      if (version === '*') continue;
      const release = version.replace(/^v/, '').replace(/\.\*$/, '').split('.').map(Number);
      const at = (parts: number[]): string => parts.join('.');
      if (operator === '^') {
        const firstNonZero = release.findIndex((part) => part !== 0);
        const index = firstNonZero === -1 ? release.length - 1 : firstNonZero;
        const upper = release.slice(0, index + 1);
        upper[index] = upper[index]! + 1;
        set.push(makeSpecifier('>=', at(release), text), makeSpecifier('<', at(upper), text));
      } else if (operator === '~') {
        const upper = release.length === 1 ? [release[0]! + 1] : [release[0]!, release[1]! + 1];
        set.push(makeSpecifier('>=', at(release), text), makeSpecifier('<', at(upper), text));
      } else if (operator === '' || operator === '=') {
        set.push(makeSpecifier('==', version.replace(/^v/, ''), text));
      } else {
        set.push(makeSpecifier(operator as Operator, version.replace(/^v/, ''), text));
      }
    }
    return set;
  });
}

/** Patch numbers tried within a minor series; one beyond this stands for "any later patch". */
const LAST_PATCH_TRIED = 99;

/**
 * The Python an image should use for a range: the newest supported minor series (3.8 to 3.15)
 * that the range allows, capped at the default (3.14) when the range allows that or older;
 * above the cap only when the range allows nothing older. Returns "3.N" when every later patch
 * of that series is allowed, else the newest allowed "3.N.P" (e.g. "==3.12.4" -> "3.12.4").
 * Undefined when no supported version is allowed.
 */
export function newestPythonAllowed(alternatives: readonly SpecifierSet[]): string | undefined {
  const cap = Number(DEFAULT_PYTHON_VERSION.split('.')[1]);
  const allowed: { minor: number; patches: number[] }[] = [];
  for (let minor = OLDEST_PYTHON_MINOR; minor <= NEWEST_PYTHON_MINOR; minor += 1) {
    const patches: number[] = [];
    for (let patch = 0; patch <= LAST_PATCH_TRIED; patch += 1) {
      if (satisfiesAny([3, minor, patch], alternatives)) patches.push(patch);
    }
    if (patches.length > 0) allowed.push({ minor, patches });
  }
  const atOrBelowCap = allowed.filter(({ minor }) => minor <= cap);
  const chosen = atOrBelowCap.length > 0 ? atOrBelowCap[atOrBelowCap.length - 1] : allowed[0];
  if (!chosen) return undefined;
  const newestPatch = chosen.patches[chosen.patches.length - 1]!;
  return newestPatch === LAST_PATCH_TRIED ? `3.${chosen.minor}` : `3.${chosen.minor}.${newestPatch}`;
}

/** Does a version as written ("3.12" meaning any 3.12.x, or "3.12.4") fit the alternatives? */
export function versionFits(version: string, alternatives: readonly SpecifierSet[]): boolean {
  const parts = version.split('.').map(Number);
  if (parts.length >= 3) return satisfiesAny(parts, alternatives);
  for (let patch = 0; patch <= LAST_PATCH_TRIED; patch += 1) {
    if (satisfiesAny([...parts.slice(0, 2), patch], alternatives)) return true;
  }
  return false;
}
