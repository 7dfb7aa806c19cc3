/**
 * .yo-rc.json from earlier versions. Those stored every value of a run, what the project stated
 * (its Python version, its WSGI app, its port) included, as if the user had chosen it, so a later
 * run kept writing a stale copy. This version marks the file (`schema: 2`) and stores only choices.
 *
 * On an unmarked file, a stored value for something the project states now is dropped: it was most
 * likely a copy of what the project said then, and the project is read afresh on every run. Values
 * the project does not state (base variant, workers, UID/GID, language, ...) can only have come
 * from the user or a default they accepted: they stay as choices. The run says once what it did,
 * with the flags that choose a dropped value again.
 * Plain function (no Yeoman), unit-tested in test/unit/answers-migrate.test.ts.
 */
import type { AnswerKey, AnswerSpec, Stated } from './answers.js';

/** The key of the marker in the generator's section of .yo-rc.json, and this version's value. */
export const SCHEMA_KEY = 'schema';
export const STORE_SCHEMA = 2;

export interface DroppedValue {
  key: AnswerKey;
  /** As it was stored. */
  stored: unknown;
  /** What the project states now, and where. */
  stated: Stated;
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
  const answerKeys = (Object.keys(stored) as AnswerKey[]).filter((key) => key in specs && stored[key] !== undefined && stored[key] !== null);
  if (stored[SCHEMA_KEY] !== undefined || answerKeys.length === 0) {
    return { stored, dropped: [], kept: [], migrated: false };
  }
  const dropped: DroppedValue[] = [];
  const kept: AnswerKey[] = [];
  const remaining: Record<string, unknown> = { ...stored };
  for (const key of answerKeys) {
    const stated = detected[key];
    if (stated && stated.value !== undefined && usable(specs[key]!, stated.value)) {
      dropped.push({ key, stored: stored[key], stated });
      delete remaining[key];
    } else {
      kept.push(key);
    }
  }
  return { stored: remaining, dropped, kept, migrated: true };
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
