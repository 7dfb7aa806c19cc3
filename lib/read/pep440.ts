/**
 * Python version ranges: PEP 440 specifier sets (requires-python) are checked and evaluated by
 * @renovatebot/pep440 (the implementation Renovate uses); Poetry's constraint syntax (^, ~, `||`,
 * space- or comma-separated clauses), which is not PEP 440, is translated to PEP 440 sets here.
 * A range is a list of alternatives (Poetry's `||`), each a PEP 440 specifier-set string.
 */
import { filter, validRange } from '@renovatebot/pep440';
import { DEFAULT_PYTHON_VERSION, NEWEST_PYTHON_MINOR, OLDEST_PYTHON_MINOR, minorNumber } from '../tables/versions.js';

/** A PEP 440 specifier set as written (">=3.9,<3.12"); the empty string allows every version. */
export type SpecifierSet = string;

/** Thrown with a reason; callers add the file and key. */
export class SpecifierSyntaxError extends Error {
  override name = 'SpecifierSyntaxError';
}

/** Checks a PEP 440 specifier set such as ">=3.9,<3.12" or "==3.12.*"; throws SpecifierSyntaxError when it is not one. */
export function parseSpecifierSet(text: string): SpecifierSet {
  const trimmed = text.trim();
  if (trimmed !== '' && !validRange(trimmed)) throw new SpecifierSyntaxError(`invalid version specifier ${JSON.stringify(trimmed)}`);
  return trimmed;
}

const POETRY_CLAUSE = /(\^|~=|~|===|==|!=|>=|<=|>|<|=)?\s*(\*|v?\d+(?:\.(?:\d+|\*))*)/g;

/**
 * Poetry's constraint syntax as PEP 440 alternatives: "^3.11" -> [">=3.11,<4"], "~3.11" ->
 * [">=3.11,<3.12"], "3.11.*" -> ["==3.11.*"], "*" -> [""], ">=3.9 <3.13" and ">=3.9,<3.13" ->
 * [">=3.9,<3.13"], "^3.9 || ^3.10" -> two alternatives. A bare version is exact, as in Poetry.
 */
export function parsePoetryConstraint(text: string): SpecifierSet[] {
  return text.split('||').map((alternative) => {
    const leftover = alternative.replace(POETRY_CLAUSE, '').replace(/[\s,]/g, '');
    if (alternative.trim() === '' || leftover !== '') throw new SpecifierSyntaxError(`invalid version constraint ${JSON.stringify(text.trim())}`);
    const clauses: string[] = [];
    for (const match of alternative.matchAll(POETRY_CLAUSE)) {
      const operator = match[1] ?? '';
      const version = match[2]!.replace(/^v/, '');
      if (version === '*') continue;
      const release = version.replace(/\.\*$/, '').split('.').map(Number);
      const at = (parts: number[]): string => parts.join('.');
      if (operator === '^') {
        const firstNonZero = release.findIndex((part) => part !== 0);
        const index = firstNonZero === -1 ? release.length - 1 : firstNonZero;
        const upper = release.slice(0, index + 1);
        upper[index] = upper[index]! + 1;
        clauses.push(`>=${at(release)}`, `<${at(upper)}`);
      } else if (operator === '~') {
        const upper = release.length === 1 ? [release[0]! + 1] : [release[0]!, release[1]! + 1];
        clauses.push(`>=${at(release)}`, `<${at(upper)}`);
      } else {
        clauses.push(`${operator === '' || operator === '=' ? '==' : operator}${version}`);
      }
    }
    return parseSpecifierSet(clauses.join(','));
  });
}

/** Patch numbers tried within a minor series; one beyond this stands for "any later patch". */
const LAST_PATCH_TRIED = 99;

/** Every 3.N.P the generator considers, oldest first. */
function candidateVersions(): string[] {
  const versions: string[] = [];
  for (let minor = OLDEST_PYTHON_MINOR; minor <= NEWEST_PYTHON_MINOR; minor += 1) {
    for (let patch = 0; patch <= LAST_PATCH_TRIED; patch += 1) versions.push(`3.${minor}.${patch}`);
  }
  return versions;
}

/** The versions of `versions` that any alternative allows. */
function allowed(versions: readonly string[], alternatives: readonly SpecifierSet[]): Set<string> {
  const found = new Set<string>();
  for (const set of alternatives) for (const version of set === '' ? versions : filter([...versions], set)) found.add(version);
  return found;
}

/**
 * The Python an image should use for a range: the newest supported minor series (3.8 to 3.15)
 * that the range allows, capped at the default (3.14) when the range allows that or older;
 * above the cap only when the range allows nothing older. Returns "3.N" when every later patch
 * of that series is allowed, else the newest allowed "3.N.P" (e.g. "==3.12.4" -> "3.12.4").
 * Undefined when no supported version is allowed.
 */
export function newestPythonAllowed(alternatives: readonly SpecifierSet[]): string | undefined {
  const cap = minorNumber(DEFAULT_PYTHON_VERSION);
  const ok = allowed(candidateVersions(), alternatives);
  const minors: { minor: number; patches: number[] }[] = [];
  for (let minor = OLDEST_PYTHON_MINOR; minor <= NEWEST_PYTHON_MINOR; minor += 1) {
    const patches: number[] = [];
    for (let patch = 0; patch <= LAST_PATCH_TRIED; patch += 1) if (ok.has(`3.${minor}.${patch}`)) patches.push(patch);
    if (patches.length > 0) minors.push({ minor, patches });
  }
  const atOrBelowCap = minors.filter(({ minor }) => minor <= cap);
  const chosen = atOrBelowCap.length > 0 ? atOrBelowCap[atOrBelowCap.length - 1] : minors[0];
  if (!chosen) return undefined;
  const newestPatch = chosen.patches[chosen.patches.length - 1]!;
  return newestPatch === LAST_PATCH_TRIED ? `3.${chosen.minor}` : `3.${chosen.minor}.${newestPatch}`;
}

/** Does a version as written ("3.12" meaning any 3.12.x, or "3.12.4") fit the alternatives? */
export function versionFits(version: string, alternatives: readonly SpecifierSet[]): boolean {
  const parts = version.split('.');
  const versions = parts.length >= 3 ? [version] : Array.from({ length: LAST_PATCH_TRIED + 1 }, (_, patch) => `${parts[0]}.${parts[1]}.${patch}`);
  return allowed(versions, alternatives).size > 0;
}
