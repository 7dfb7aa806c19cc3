/**
 * .yo-rc.json from earlier versions, which stored values the user did not choose:
 * - unmarked (the first versions) stored every value of a run, what the project stated (its Python
 *   version, its WSGI app, its port) included, as if the user had chosen it, so a later run kept
 *   writing a stale copy;
 * - `schema: 2` stored every typed answer, so pressing Enter at a question stored the default it
 *   offered as a choice.
 * This version (`schema: 3`) stores only flags and answers that differ from what was offered, and
 * the record of the files it wrote (lib/state/written.ts).
 *
 * Migrating drops a stored value for something the project states now (unmarked files only: it was
 * most likely a copy of what the project said then), and a stored value equal to the default when
 * the project states nothing for it (the default was what the question offered: accepting it is
 * not a choice). The rest stays as choices. The run says once what it did, with the flags that
 * choose a dropped value again.
 * Plain function (no Yeoman), unit-tested in test/unit/answers-migrate.test.ts.
 */
import type { AnswerKey, AnswerSpec, Stated } from './answers.js';

/** The key of the marker in the generator's section of .yo-rc.json, and this version's value. */
export const SCHEMA_KEY = 'schema';
export const STORE_SCHEMA = 3;

export interface DroppedValue {
  key: AnswerKey;
  /** As it was stored. */
  stored: unknown;
  /** What the project states now, and where; none when the value was dropped as an accepted default. */
  stated?: Stated;
}

export interface StoreMigration {
  /** The stored values to use: the file's, without the dropped ones. */
  stored: Record<string, unknown>;
  dropped: DroppedValue[];
  /** Stored values kept as the user's choices (answer keys only). */
  kept: AnswerKey[];
  /** True when the file was written by an earlier version and held values (something to say). */
  migrated: boolean;
}

export function migrateStored(
  stored: Record<string, unknown>,
  detected: Partial<Record<AnswerKey, Stated>>,
  specs: Partial<Record<AnswerKey, AnswerSpec>>,
): StoreMigration {
  const schema = stored[SCHEMA_KEY];
  const answerKeys = (Object.keys(stored) as AnswerKey[]).filter((key) => key in specs && stored[key] !== undefined && stored[key] !== null);
  if ((typeof schema === 'number' && schema >= STORE_SCHEMA) || answerKeys.length === 0) {
    return { stored, dropped: [], kept: [], migrated: false };
  }
  const unmarked = schema === undefined;
  const dropped: DroppedValue[] = [];
  const kept: AnswerKey[] = [];
  const remaining: Record<string, unknown> = { ...stored };
  for (const key of answerKeys) {
    const spec = specs[key]!;
    const stated = detected[key];
    const projectStates = stated !== undefined && stated.value !== undefined && usable(spec, stated.value);
    if (unmarked && projectStates) {
      dropped.push({ key, stored: stored[key], stated });
      delete remaining[key];
    } else if (!projectStates && isDefault(spec, stored[key])) {
      dropped.push({ key, stored: stored[key] });
      delete remaining[key];
    } else {
      kept.push(key);
    }
  }
  // Nothing to say when nothing changes (a schema 2 file of real choices only).
  return { stored: remaining, dropped, kept, migrated: unmarked || dropped.length > 0 };
}

/** A value the project states that the run would use (an unusable one is a warning, and the stored value stays). */
function usable(spec: AnswerSpec, value: unknown): boolean {
  try {
    spec.parse(value);
    return true;
  } catch {
    return false;
  }
}

function isDefault(spec: AnswerSpec, value: unknown): boolean {
  try {
    return spec.parse(value) === spec.default;
  } catch {
    return false;
  }
}
