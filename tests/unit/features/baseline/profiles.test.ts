// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Profiles } from '../../../../src/lib/features/baseline/profiles.svelte';
import { ACTIVE_BASELINE_KEY } from '../../../../src/lib/services/db/baselines';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { baseline } from '../../fixtures/baselines';
import { memoryStorage } from '../../fixtures/memory-storage';
import { freshDb, T0 } from '../../fixtures/sessions';

function setup(db: EmotionDb = freshDb(), storage = memoryStorage()) {
  return {
    db,
    storage,
    profiles: new Profiles(
      () => db,
      () => storage,
    ),
  };
}

/** A database whose every call fails like storage switched off. */
const broken = () =>
  ({
    baselines: new Proxy(
      {},
      {
        get: () => () => {
          throw new DOMException('gone', 'InvalidStateError');
        },
      },
    ),
    transaction: () => Promise.reject(new DOMException('gone', 'InvalidStateError')),
  }) as unknown as EmotionDb;

describe('profiles', () => {
  it('saving a calibration stores it and makes it active, on this device', async () => {
    const { db, storage, profiles } = setup();
    await profiles.load();
    expect(profiles.active).toBeNull();
    expect(profiles.forSession).toBeNull();

    expect(await profiles.save(baseline('b1', 'Anna', 42))).toBe(true);
    expect(profiles.list.map((b) => b.name)).toEqual(['Anna']);
    expect(profiles.active?.id).toBe('b1');
    expect(profiles.forSession).toEqual({ id: 'b1', name: 'Anna', calibratedAt: T0, stress: 42 });
    expect(storage.getItem(ACTIVE_BASELINE_KEY)).toBe('b1');
    expect(profiles.byName('Anna')?.id).toBe('b1');

    // Another page of the app reads the same choice.
    const again = new Profiles(
      () => db,
      () => storage,
    );
    await again.load();
    expect(again.active?.name).toBe('Anna');
  });

  it('choose: a stored profile or none; an unknown id is none', async () => {
    const { db, profiles } = setup();
    await db.baselines.bulkAdd([baseline('b1', 'Anna'), baseline('b2', 'Ben')]);
    await profiles.load();
    profiles.choose('b2');
    expect(profiles.active?.name).toBe('Ben');
    profiles.choose('nope');
    expect(profiles.active).toBeNull();
    profiles.choose('b1');
    profiles.choose(null);
    expect(profiles.activeId).toBeNull();
  });

  it('a stored choice whose profile is gone is none', async () => {
    const storage = memoryStorage();
    storage.setItem(ACTIVE_BASELINE_KEY, 'gone');
    const { profiles } = setup(freshDb(), storage);
    await profiles.load();
    expect(profiles.activeId).toBeNull();
  });

  it('deleting the active profile leaves no baseline', async () => {
    const { db, storage, profiles } = setup();
    await profiles.save(baseline('b1', 'Anna'));
    await profiles.save(baseline('b2', 'Ben'));
    await profiles.remove('b1');
    expect(profiles.activeId).toBe('b2');
    await profiles.remove('b2');
    expect(profiles.activeId).toBeNull();
    expect(storage.getItem(ACTIVE_BASELINE_KEY)).toBeNull();
    expect(await db.baselines.count()).toBe(0);
  });

  it('storage failures are said, not thrown', async () => {
    const { profiles } = setup(broken());
    await profiles.load();
    expect(profiles.error).toMatch(/^Could not read the profiles/);
    expect(await profiles.save(baseline('b1', 'Anna'))).toBe(false);
    expect(profiles.error).toMatch(/^Could not save the profile/);
    await profiles.remove('b1');
    expect(profiles.error).toMatch(/^Could not delete the profile/);
  });
});
