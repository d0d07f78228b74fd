// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  ACTIVE_BASELINE_KEY,
  deleteBaseline,
  getBaseline,
  listBaselines,
  readActiveBaselineId,
  saveBaseline,
  writeActiveBaselineId,
} from '../../../../src/lib/services/db/baselines';
import { baseline } from '../../fixtures/baselines';
import { memoryStorage } from '../../fixtures/memory-storage';
import { freshDb } from '../../fixtures/sessions';

describe('baselines in the database', () => {
  it('lists by name, gets by id, deletes', async () => {
    const db = freshDb();
    await saveBaseline(db, baseline('b2', 'Ben'));
    await saveBaseline(db, baseline('b1', 'Anna'));
    expect((await listBaselines(db)).map((b) => b.name)).toEqual(['Anna', 'Ben']);
    expect(await getBaseline(db, 'b2')).toEqual(baseline('b2', 'Ben'));
    await deleteBaseline(db, 'b2');
    expect((await listBaselines(db)).map((b) => b.id)).toEqual(['b1']);
  });

  it('a recalibration under the same name replaces the profile', async () => {
    const db = freshDb();
    await saveBaseline(db, baseline('b1', 'Anna', 40));
    await saveBaseline(db, baseline('b3', 'Anna', 55));
    expect(await listBaselines(db)).toEqual([baseline('b3', 'Anna', 55)]);
  });

  it('the database refuses two profiles of one name written another way', async () => {
    const db = freshDb();
    await db.baselines.add(baseline('b1', 'Anna'));
    await expect(db.baselines.add(baseline('b2', 'Anna'))).rejects.toThrow();
  });
});

describe('the active baseline on this device', () => {
  it('is kept in storage, and cleared with null', () => {
    const storage = memoryStorage();
    expect(readActiveBaselineId(storage)).toBeNull();
    expect(writeActiveBaselineId('b1', storage)).toBe(true);
    expect(storage.getItem(ACTIVE_BASELINE_KEY)).toBe('b1');
    expect(readActiveBaselineId(storage)).toBe('b1');
    expect(writeActiveBaselineId(null, storage)).toBe(true);
    expect(readActiveBaselineId(storage)).toBeNull();
  });

  it('storage off: none, and writes say they did not last', () => {
    const broken = memoryStorage(true);
    expect(readActiveBaselineId(broken)).toBeNull();
    expect(writeActiveBaselineId('b1', broken)).toBe(false);
    expect(writeActiveBaselineId('b1', undefined)).toBe(false);
  });
});
