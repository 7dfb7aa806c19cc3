/**
 * The Python a project's pinned dependencies can install on. "The newest minor requires-python
 * allows" is not enough: a release pinned a year ago often has no wheel for the newest Python,
 * and pip then compiles it from source and fails. So, among the candidates (the default down to
 * the oldest accepted, within requires-python), the newest one for which every pinned release
 * has a wheel or is pure Python (wheels.ts) is chosen, and the release that held it back is named.
 *
 * An exact version the project states (.python-version, runtime.txt, Pipfile, .tool-versions)
 * still wins; the plan warns when a pinned release has no wheel for it.
 */
import { UNCHECKED_PINS_PYTHON } from '../tables/versions.js';
import { type SpecifierSet, versionFits } from './pep440.js';
import type { Sourced, WheelSupport } from './types.js';
import { candidateMinors } from './wheels.js';

export interface PythonChoiceInput {
  /** What the project states (python-version.ts). */
  stated?: Sourced<string>;
  /** The range the stated value came from (requires-python, Poetry's python); undefined for an exact pin. */
  range?: SpecifierSet[];
  /** Every pinned release checked. */
  wheels: readonly WheelSupport[];
  /** Pins that could not be checked because the package index did not answer. */
  unreachable: readonly string[];
  /** False when the package index was not asked at all (PYDOCKER_OFFLINE=1): the pins were not checked, nothing failed. */
  indexAsked?: boolean;
}

export interface PythonChoice {
  version?: Sourced<string>;
  notes: string[];
}

/** `pydantic-core 2.23.4 (uv.lock: Linux wheels for 3.13, 3.12)` */
function describe(release: WheelSupport): string {
  return `${release.name} ${release.version} (${release.basis})`;
}

export function choosePython(input: PythonChoiceInput): PythonChoice {
  const { stated, range, wheels, unreachable } = input;
  const notes: string[] = [];
  if (stated && !range) return { version: stated, notes };

  const candidates = candidateMinors().filter((minor) => !range || versionFits(minor, range));
  if (candidates.length === 0) return { version: stated, notes };
  const within = range && stated ? ` within ${stated.source}` : '';

  if (unreachable.length > 0 && wheels.length === 0) {
    const minorOf = (version: string) => Number(version.split('.')[1]);
    const fallback = candidates.find((minor) => minorOf(minor) <= minorOf(UNCHECKED_PINS_PYTHON)) ?? candidates[candidates.length - 1]!;
    notes.push(
      `python: the package index was not asked or did not answer, so the wheels of ${unreachable.length} pinned package(s) were not checked; ` +
        `using ${fallback}, one below the newest, which recent pins usually have wheels for (--python-version chooses)`,
    );
    const why = input.indexAsked === false ? 'indexNotAsked' : 'indexUnreachable';
    return { version: { value: fallback, source: range && stated ? stated.source : '', fallback: why }, notes };
  }
  if (unreachable.length > 0) notes.push(`python: not checked (package index did not answer): ${unreachable.join(', ')}`);

  const blockersFor = (minor: string) => wheels.filter((release) => release.minors !== undefined && !release.minors.includes(minor));
  const chosen = candidates.find((minor) => blockersFor(minor).length === 0);
  if (chosen === undefined) {
    const newest = candidates[0]!;
    notes.push(`python: warning: no Python from ${newest} down to ${candidates[candidates.length - 1]} has a wheel for every pin: ${blockersFor(newest).map(describe).join('; ')}`);
    return { version: stated, notes };
  }
  if (chosen === candidates[0]) {
    if (wheels.length > 0) {
      const named = (releases: readonly WheelSupport[]) => releases.map((release) => `${release.name} ${release.version}`).join(', ');
      const byDate = wheels.filter((release) => release.compiles && release.minors !== undefined);
      const noLinuxWheel = wheels.filter((release) => release.compiles && release.minors === undefined);
      const fromSource =
        (byDate.length > 0 ? `; built from source, released after ${chosen} came out: ${named(byDate)}` : '') +
        (noLinuxWheel.length > 0 ? `; compiled from source, no Linux wheel for any Python: ${named(noLinuxWheel)}` : '');
      const kinds = noLinuxWheel.length > 0 ? 'wheels, pure Python or compiled' : 'wheels or pure Python';
      notes.push(`python: every pinned package installs on ${chosen} (${wheels.length} checked: ${kinds}${fromSource})`);
    }
    return { version: stated, notes };
  }
  const newer = candidates[candidates.indexOf(chosen) - 1]!;
  const blockers = blockersFor(newer);
  const first = blockers[0]!;
  const what = first.compiles ? `builds from source and predates ${newer}` : `has no ${newer} wheel`;
  const source = `${first.basis.split(':')[0]}: ${first.name} ${first.version} ${what}${blockers.length > 1 ? ` (and ${blockers.length - 1} more)` : ''}`;
  notes.push(`python: ${chosen}, not ${newer}: held back by ${blockers.map(describe).join('; ')}`);
  return { version: { value: chosen, source: `${source}${within}` }, notes };
}
