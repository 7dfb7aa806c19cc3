/**
 * What the user should know about a plan: end of life, missing wheels, era companions. Decided
 * here, worded by each language's messages. No I/O.
 */
import type { Answers } from './answer-types.js';
import { NO_MUSLLINUX_WHEEL, normalizePackageName, osPackagesFor } from '../tables/native-deps.js';
import type { Dependencies } from '../read/types.js';
import { endOfLife } from '../tables/versions.js';

/** Something the user should know about the plan; worded by each language's messages. */
export type PlanWarning =
  | { kind: 'endOfLife'; minor: string; date: string }
  | { kind: 'noMuslWheel'; packages: string[] }
  | { kind: 'needsTomllib'; version: string }
  | { kind: 'noWheelForPython'; version: string; packages: string[] }
  /** Compiled on Linux (wheels for other systems only) with -dev headers the table does not know. */
  | { kind: 'compilesUnknownHeaders'; packages: string[] }
  | { kind: 'eraCompanion'; added: string; pinned: string; why: string }
  | { kind: 'eraUnsupported'; pinned: string; fix: string };

/** The plan's warnings besides the era's: wheels missing for this Python, untabled compiles, end of life, musl, tomllib. */
export function planWarnings(
  deps: Dependencies,
  version: string,
  variant: Answers['baseVariant'],
  packages: readonly string[],
  withoutWheel: NonNullable<Dependencies['wheels']>,
  today: Date,
): { warnings: PlanWarning[]; endOfLife?: { minor: string; date: string } } {
  const alpine = variant === 'alpine';
  const warnings: PlanWarning[] = [];
  const noWheel = withoutWheel.filter((release) => !release.compiles || osPackagesFor([release.name], 'debian').matched.length === 0);
  if (noWheel.length > 0) {
    warnings.push({ kind: 'noWheelForPython', version, packages: noWheel.map((release) => `${release.name}==${release.version}`) });
  }
  const untabled = (deps.wheels ?? []).filter(
    (release) => release.compiles && release.minors === undefined && osPackagesFor([release.name], 'debian').matched.length === 0,
  );
  if (untabled.length > 0) {
    warnings.push({ kind: 'compilesUnknownHeaders', packages: untabled.map((release) => `${release.name}==${release.version}`) });
  }
  const eol = endOfLife(version, today);
  if (eol) warnings.push({ kind: 'endOfLife', ...eol });
  if (alpine) {
    const normalized = new Set(packages.map(normalizePackageName));
    const noWheel = NO_MUSLLINUX_WHEEL.filter((name) => normalized.has(name));
    if (noWheel.length > 0) warnings.push({ kind: 'noMuslWheel', packages: noWheel });
  }
  if (deps.manager === 'pyproject' && /^3\.(8|9|10)(\.|$)/.test(version)) {
    warnings.push({ kind: 'needsTomllib', version });
  }
  return { warnings, endOfLife: eol };
}
