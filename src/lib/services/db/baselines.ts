/**
 * Baselines (one per profile) in IndexedDB, and which one is active on this device (localStorage:
 * a device setting, like the kiosk's, not data to export).
 */
import type { EmotionDb } from './db';
import type { Baseline } from '../../domain/session/records';

export const ACTIVE_BASELINE_KEY = 'emotion-detector:baseline';

/** Every stored baseline, by name. */
export async function listBaselines(db: EmotionDb): Promise<Baseline[]> {
  return db.baselines.orderBy('name').toArray();
}

export function getBaseline(db: EmotionDb, id: string): Promise<Baseline | undefined> {
  return db.baselines.get(id);
}

/**
 * Stores a new calibration. A baseline of the same name is replaced by it (a recalibration):
 * sessions keep their own copy of what they were measured against, so nothing else changes.
 */
export async function saveBaseline(db: EmotionDb, baseline: Baseline): Promise<void> {
  await db.transaction('rw', db.baselines, async () => {
    await db.baselines.where('name').equals(baseline.name).delete();
    await db.baselines.put(baseline);
  });
}

export async function deleteBaseline(db: EmotionDb, id: string): Promise<void> {
  await db.baselines.delete(id);
}

/** The active baseline's id on this device, or null (none, or storage off). */
export function readActiveBaselineId(
  storage: Storage | undefined = globalThis.localStorage,
): string | null {
  try {
    return storage?.getItem(ACTIVE_BASELINE_KEY) || null;
  } catch {
    return null;
  }
}

/** False when storage is off: the choice then lasts as long as the page. */
export function writeActiveBaselineId(
  id: string | null,
  storage: Storage | undefined = globalThis.localStorage,
): boolean {
  try {
    if (id === null) storage?.removeItem(ACTIVE_BASELINE_KEY);
    else storage?.setItem(ACTIVE_BASELINE_KEY, id);
    return storage !== undefined;
  } catch {
    return false;
  }
}
