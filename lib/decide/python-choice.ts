/**
 * Which Python the image runs, decided from the project's facts (lib/read): what it states, and
 * the releases it pins.
 *
 * An exact version the project states (.python-version, runtime.txt, Pipfile, .tool-versions)
 * wins. Otherwise the candidates are the default down to the oldest accepted, within the range the
 * project states (requires-python, Poetry's python), and two things about the pins narrow them:
 * - their wheels: every pinned release must install on it, from a wheel or as pure Python (a
 *   release pinned a year ago often has no wheel for the newest Python, and pip then compiles it
 *   from source and fails);
 * - their era: the newest Python released before the newest pin. Pure-Python pins install on any
 *   Python and still break on one newer than themselves (Werkzeug 2.2 uses ast.Str, removed in
 *   3.14; Flask 2.2 pkgutil.get_loader), so exact pins with nothing else to say get the Python
 *   they were made with. When the range allows nothing that old, the oldest it allows.
 * The pins that decided are named in the decision; the messages word it.
 */
import { type SpecifierSet, versionFits } from '../read/pep440.js';
import { type Sourced, type WheelSupport, installsOn } from '../read/types.js';
import { PYTHON_RELEASED, UNCHECKED_PINS_PYTHON, candidateMinors, minorNumber, newestReleasedBefore } from '../tables/versions.js';

/** What the choice is made from (ProjectFacts, see lib/read/read.ts). */
export interface PythonChoiceInput {
  /** What the project states (python-version.ts), with the range it came from, if any. */
  stated?: Sourced<string> & { range?: SpecifierSet[] };
  /** Every pinned release checked. */
  wheels: readonly WheelSupport[];
  /** Pins that could not be checked because the package index did not answer. */
  unreachable: readonly string[];
  /** False when the package index was not asked at all (PYDOCKER_OFFLINE=1): the pins were not checked, nothing failed. */
  indexAsked?: boolean;
}

/** A pinned release that decided, as the messages name it. */
export interface DecidingPin {
  name: string;
  version: string;
  /** Its release date (YYYY-MM-DD), for the era. */
  released?: string;
  /** The minors it installs on, for wheels (undefined: any). */
  minors?: string[];
  kind: WheelSupport['kind'];
}

/** How the Python was chosen: one kind per reason, worded by the messages. */
export type PythonDecision =
  /** An exact version the project states; the pins do not decide. */
  | { kind: 'stated' }
  /** Nothing stated, nothing pinned: the default (or the range's newest). */
  | { kind: 'unpinned' }
  /** The newest candidate, and every pin installs on it. */
  | { kind: 'allInstall'; checked: number; compiled: DecidingPin[] }
  /** Held back from `newer` by pins with no wheel for it. */
  | { kind: 'heldBack'; newer: string; pins: DecidingPin[] }
  /** The newest Python released before the newest pins (`newer` came out on `newerReleased`, after them). */
  | { kind: 'era'; newer: string; newerReleased: string; pins: DecidingPin[] }
  /** The era's Python is older than the range allows: the oldest the range allows. */
  | { kind: 'eraWithinRange'; era: string; pins: DecidingPin[] }
  /** The index did not answer: a conservative choice. */
  | { kind: 'unchecked'; unreachable: string[] }
  /** No candidate has a wheel for every pin: nothing decided here. */
  | { kind: 'noneFits'; newest: string; oldest: string; pins: DecidingPin[] };

/**
 * Why the pins chose the version, as names and dates only (the messages word it): `from`, the
 * files (or the index) the deciding pins come from; `within`, the range's source when the project
 * states one.
 */
export type PinsSource = { from: string[]; pins: Array<{ name: string; version: string }>; within?: string } & (
  | { kind: 'era'; released: string; newer: string; newerReleased: string }
  | { kind: 'eraWithinRange'; released: string; era: string }
  | { kind: 'heldBack'; newer: string; sourceOnly: boolean; more: number }
);

export interface PythonChoice {
  /**
   * The version to use, and where it comes from (the answer's "from the project" origin); undefined: the default.
   * `byPins`: the pins decided it (its `source` is then the files they come from).
   */
  version?: Sourced<string> & { byPins?: PinsSource };
  decision: PythonDecision;
  /** Pins some candidates were not checked for (the index did not answer for them). */
  unreachable: string[];
}

function deciding(release: WheelSupport): DecidingPin {
  return { name: release.name, version: release.version, released: release.released, minors: installsOn(release), kind: release.kind };
}

/**
 * The pins released last (the same newest date), newest first. Only when every pin is dated: a
 * poetry.lock or pdm.lock records no dates, and the few the index is asked for (its source-only
 * pins, for their build constraint) say nothing about how new the rest are.
 */
function newestPins(wheels: readonly WheelSupport[]): WheelSupport[] {
  const dated = wheels.filter((release) => release.released !== undefined);
  if (dated.length === 0 || dated.length < wheels.length) return [];
  const newest = dated.map((release) => release.released!).sort().at(-1)!;
  return dated.filter((release) => release.released === newest);
}

/** The pins that decided, with the files (or the index) they come from. */
function pinsOf(pins: readonly WheelSupport[], within: string | undefined): Pick<PinsSource, 'from' | 'pins' | 'within'> {
  return { from: [...new Set(pins.map((release) => release.from))], pins: pins.map((release) => ({ name: release.name, version: release.version })), ...(within ? { within } : {}) };
}

/** The version the pins chose, with its source: the files the pins come from, and why in parts. */
function byPins(value: string, source: PinsSource): Sourced<string> & { byPins: PinsSource } {
  return { value, source: source.from.join(', '), byPins: source };
}

export function choosePython(input: PythonChoiceInput): PythonChoice {
  const { stated, wheels, unreachable } = input;
  const range = stated?.range;
  const base = { unreachable: [...unreachable] };
  if (stated && !range) return { ...base, version: stated, decision: { kind: 'stated' } };

  const candidates = candidateMinors().filter((minor) => !range || versionFits(minor, range));
  if (candidates.length === 0) return { ...base, version: stated, decision: { kind: 'stated' } };
  const within = range && stated ? stated.source : undefined;

  if (unreachable.length > 0 && wheels.length === 0) {
    const fallback = candidates.find((minor) => minorNumber(minor) <= minorNumber(UNCHECKED_PINS_PYTHON)) ?? candidates[candidates.length - 1]!;
    // Not what the project states: a cautious choice, marked as one (the messages say why).
    const why = input.indexAsked === false ? 'indexNotAsked' : 'indexUnreachable';
    return { ...base, version: { value: fallback, source: range && stated ? stated.source : '', fallback: why }, decision: { kind: 'unchecked', unreachable: [...unreachable] } };
  }
  if (wheels.length === 0) return { ...base, version: stated, decision: { kind: 'unpinned' } };

  const blockersFor = (minor: string) => wheels.filter((release) => installsOn(release) !== undefined && !installsOn(release)!.includes(minor));
  const byWheels = candidates.find((minor) => blockersFor(minor).length === 0);
  if (byWheels === undefined) {
    return { ...base, version: stated, decision: { kind: 'noneFits', newest: candidates[0]!, oldest: candidates[candidates.length - 1]!, pins: blockersFor(candidates[0]!).map(deciding) } };
  }

  // The pins' era: the newest Python released before the newest pin.
  const newest = newestPins(wheels);
  const eraMinor = newest.length > 0 ? newestReleasedBefore(`${newest[0]!.released}T00:00:00Z`, candidateMinors()) : undefined;
  const withinEra = candidates.filter((minor) => eraMinor === undefined || minorNumber(minor) <= minorNumber(eraMinor));
  if (eraMinor !== undefined && withinEra.length === 0) {
    // The range allows nothing as old as the pins: its oldest Python that every pin installs on.
    const oldest = [...candidates].reverse().find((minor) => blockersFor(minor).length === 0)!;
    return {
      ...base,
      version: byPins(oldest, { ...pinsOf(newest, within), kind: 'eraWithinRange', released: newest[0]!.released!, era: eraMinor }),
      decision: { kind: 'eraWithinRange', era: eraMinor, pins: newest.map(deciding) },
    };
  }
  const chosen = withinEra.find((minor) => blockersFor(minor).length === 0) ?? byWheels;
  if (minorNumber(chosen) < minorNumber(byWheels)) {
    const newer = candidates[candidates.indexOf(chosen) - 1]!;
    return {
      ...base,
      version: byPins(chosen, { ...pinsOf(newest, within), kind: 'era', released: newest[0]!.released!, newer, newerReleased: PYTHON_RELEASED[newer]! }),
      decision: { kind: 'era', newer, newerReleased: PYTHON_RELEASED[newer]!, pins: newest.map(deciding) },
    };
  }
  if (chosen === candidates[0]) {
    const compiled = wheels.filter((release) => release.kind === 'sourceByDate' || release.kind === 'otherSystemsOnly');
    return { ...base, version: stated, decision: { kind: 'allInstall', checked: wheels.length, compiled: compiled.map(deciding) } };
  }
  const newer = candidates[candidates.indexOf(chosen) - 1]!;
  const blockers = blockersFor(newer);
  const first = blockers[0]!;
  return {
    ...base,
    version: byPins(chosen, { ...pinsOf([first], within), kind: 'heldBack', newer, sourceOnly: first.kind === 'sourceByDate', more: blockers.length - 1 }),
    decision: { kind: 'heldBack', newer, pins: blockers.map(deciding) },
  };
}
