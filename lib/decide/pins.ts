/**
 * Decisions about the releases a project pins: what an old pin's era needs beside it, and which
 * pinned releases have no wheel for the chosen Python. No I/O.
 */
import { builtFromSource, type Dependencies, installsOn } from '../read/types.js';
import { SETUPTOOLS_REMOVALS } from '../tables/installers.js';
import { ERA_COMPANIONS, ERA_REFUSALS, LAST_SETUPTOOLS_WITH_PKG_RESOURCES, SETUPTOOLS_WITHOUT_PKG_RESOURCES, pythonMinor } from '../tables/versions.js';
import type { BuildConstraint } from './install.js';
import type { PlanWarning } from './warnings.js';

/** Numeric release parts compared: "20.1.0" < "21". */
function releaseBelow(version: string, bound: string): boolean {
  const a = version.split(/[^0-9]+/).filter(Boolean).map(Number);
  const b = bound.split('.').map(Number);
  for (let index = 0; index < Math.max(a.length, b.length); index += 1) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/**
 * Pieces of an old pin's era the image must add (ERA_COMPANIONS), pins that cannot be made to run
 * (ERA_REFUSALS), and setuptools < 81 for code that imports pkg_resources (`pkgResources`: where).
 */
export function eraPins(deps: Dependencies, pkgResources: readonly string[] = []): { add: string[]; warnings: PlanWarning[] } {
  const pins = deps.pins ?? {};
  const add: string[] = [];
  const warnings: PlanWarning[] = [];
  for (const refusal of ERA_REFUSALS) {
    const version = pins[refusal.package];
    if (version !== undefined && releaseBelow(version, refusal.below)) {
      warnings.push({ kind: 'eraUnsupported', pinned: `${refusal.package}==${version}`, fix: refusal.fix });
    }
  }
  for (const companion of ERA_COMPANIONS) {
    const version = pins[companion.package];
    if (version === undefined || !releaseBelow(version, companion.below) || pins[companion.addName] !== undefined) continue;
    if (warnings.some((warning) => warning.kind === 'eraUnsupported' && warning.pinned.startsWith(`${companion.package}==`))) continue;
    add.push(companion.add);
    warnings.push({ kind: 'eraCompanion', added: companion.add, pinned: `${companion.package}==${version}`, why: companion.why });
  }
  if (pkgResources.length > 0) {
    const pinned = pins['setuptools'];
    if (pinned !== undefined) {
      if (!releaseBelow(pinned, SETUPTOOLS_WITHOUT_PKG_RESOURCES)) warnings.push({ kind: 'pkgResourcesGone', pinned: `setuptools==${pinned}`, sources: [...pkgResources] });
    } else {
      const added = `setuptools==${LAST_SETUPTOOLS_WITH_PKG_RESOURCES}`;
      if (!add.includes(added)) add.push(added);
      warnings.push({ kind: 'pkgResourcesCompanion', added, sources: [...pkgResources] });
    }
  }
  return { add, warnings };
}

/** Pinned releases with no wheel for this Python (they compile from source, or fail to). */
export function releasesWithoutWheel(deps: Dependencies, version: string): Dependencies['wheels'] & object {
  const minor = pythonMinor(version);
  return (deps.wheels ?? []).filter((release) => installsOn(release) !== undefined && !installsOn(release)!.includes(minor));
}

/**
 * The setuptools a project's old source-only pins build with: a pinned release with no Linux wheel
 * (built from its sdist here), uploaded before a setuptools release that removed what setup.py files of its time import
 * (SETUPTOOLS_REMOVALS), builds with setuptools below that release; the oldest such removal
 * decides. Undefined when no pin needs it, or no release date is known (nothing to go on).
 */
export function buildConstraintFor(deps: Dependencies): BuildConstraint | undefined {
  const sourceOnly = (deps.wheels ?? []).filter((release) => builtFromSource(release) && release.released !== undefined);
  const removals = [...SETUPTOOLS_REMOVALS].sort((a, b) => a.released.localeCompare(b.released));
  for (const removal of removals) {
    const before = sourceOnly.filter((release) => release.released! < removal.released);
    if (before.length > 0) {
      // Every old pin builds with the same constraint (it is one file for the whole install).
      const old = sourceOnly.filter((release) => release.released! < removals[removals.length - 1]!.released);
      return { constraint: `setuptools<${removal.below}`, pins: old.map((release) => `${release.name}==${release.version}`) };
    }
  }
  return undefined;
}
