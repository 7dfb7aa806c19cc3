/**
 * Text merges for re-runs over files a user edited, as copier's `update` does: the file as the
 * generator wrote it last time (the base), the user's file, and this run's render. Lines only one
 * side changed take that side's version; a region both changed differently is a conflict, and
 * then nothing is merged (a person decides). Also the diff the conflict question shows.
 * Plain functions over strings, unit-tested in test/unit/merge.test.ts.
 */
import { structuredPatch } from 'diff';
import { diff3Merge } from 'node-diff3';

export type Merge = { clean: true; content: string } | { clean: false; conflicts: number };

function lines(text: string): string[] {
  return text.split('\n');
}

/**
 * Three-way merge, line by line. `clean` when every region was changed on one side only (or the
 * same way on both): the user's lines all survive, with this run's changes applied around them.
 */
export function mergeThreeWay(base: string, mine: string, fresh: string): Merge {
  const regions = diff3Merge(lines(mine), lines(base), lines(fresh), { excludeFalseConflicts: true });
  const merged: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) merged.push(...region.ok);
    else conflicts += 1;
  }
  return conflicts === 0 ? { clean: true, content: merged.join('\n') } : { clean: false, conflicts };
}

/** A unified diff from `before` to `after` (3 lines of context), without file headers: hunks only. */
export function unifiedDiff(before: string, after: string): string[] {
  const patch = structuredPatch('', '', before, after, '', '', { context: 3 });
  const out: string[] = [];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    out.push(...hunk.lines.filter((line) => !line.startsWith('\\')));
  }
  return out;
}
