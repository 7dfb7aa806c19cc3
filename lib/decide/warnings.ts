/**
 * What the user should know about a plan: end of life, missing wheels, era companions. Decided
 * here, worded by each language's messages. No I/O.
 */
import type { Answers } from './answer-types.js';
import { NO_MUSLLINUX_WHEEL, normalizePackageName, osPackagesFor } from '../tables/native-deps.js';
import { type Dependencies, compilesFromSource } from '../read/types.js';
import { endOfLife, minorNumber } from '../tables/versions.js';

/** Something the user should know about the plan; worded by each language's messages. */
export type PlanWarning =
  /** `heldBy`: the pins that hold the image on this Python (its wheels or its era), when they chose it. */
  | { kind: 'endOfLife'; minor: string; date: string; heldBy?: string[] }
  | { kind: 'noMuslWheel'; packages: string[] }
  | { kind: 'needsTomllib'; version: string }
  | { kind: 'noWheelForPython'; version: string; packages: string[] }
  /** Compiled on Linux (wheels for other systems only) with -dev headers the table does not know. */
  | { kind: 'compilesUnknownHeaders'; packages: string[] }
  | { kind: 'eraCompanion'; added: string; pinned: string; why: string }
  | { kind: 'eraUnsupported'; pinned: string; fix: string }
  /** The code imports pkg_resources (`sources`: file:line): setuptools < 81 added. */
  | { kind: 'pkgResourcesCompanion'; added: string; sources: string[] }
  /** The code imports pkg_resources, and the project pins a setuptools without it. */
  | { kind: 'pkgResourcesGone'; pinned: string; sources: string[] };

/** The plan's warnings besides the era's: wheels missing for this Python, untabled compiles, end of life, musl, tomllib. */
export function planWarnings(
  deps: Dependencies,
  version: string,
  variant: Answers['baseVariant'],
  packages: readonly string[],
  withoutWheel: NonNullable<Dependencies['wheels']>,
  today: Date,
  heldBy: readonly string[] = [],
): { warnings: PlanWarning[]; endOfLife?: { minor: string; date: string } } {
  const alpine = variant === 'alpine';
  const warnings: PlanWarning[] = [];
  const noWheel = withoutWheel.filter((release) => !compilesFromSource(release) || osPackagesFor([release.name], 'debian').matched.length === 0);
  if (noWheel.length > 0) {
    warnings.push({ kind: 'noWheelForPython', version, packages: noWheel.map((release) => `${release.name}==${release.version}`) });
  }
  const untabled = (deps.wheels ?? []).filter((release) => release.kind === 'otherSystemsOnly' && osPackagesFor([release.name], 'debian').matched.length === 0);
  if (untabled.length > 0) {
    warnings.push({ kind: 'compilesUnknownHeaders', packages: untabled.map((release) => `${release.name}==${release.version}`) });
  }
  const eol = endOfLife(version, today);
  if (eol) warnings.push({ kind: 'endOfLife', ...eol, ...(heldBy.length > 0 ? { heldBy: [...heldBy] } : {}) });
  if (alpine) {
    const normalized = new Set(packages.map(normalizePackageName));
    const noWheel = NO_MUSLLINUX_WHEEL.filter((name) => normalized.has(name));
    if (noWheel.length > 0) warnings.push({ kind: 'noMuslWheel', packages: noWheel });
  }
  if (deps.manager === 'pyproject' && minorNumber(version) < 11) {
    warnings.push({ kind: 'needsTomllib', version });
  }
  return { warnings, endOfLife: eol };
}
