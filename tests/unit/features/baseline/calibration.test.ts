// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Calibration } from '../../../../src/lib/features/baseline/calibration.svelte';
import { Profiles } from '../../../../src/lib/features/baseline/profiles.svelte';
import { CALIBRATION } from '../../../../src/lib/domain/affect/calibration';
import { assessAffect } from '../../../../src/lib/domain/affect/assess';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { baseline } from '../../fixtures/baselines';
import { memoryStorage } from '../../fixtures/memory-storage';
import { FEAR, freshDb, T0, trackedFace, until } from '../../fixtures/sessions';

describe('calibration run', () => {
  let now: number;
  let db: EmotionDb;
  let profiles: Profiles;
  let calibration: Calibration;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    now = T0;
    db = freshDb();
    profiles = new Profiles(() => db, memoryStorage);
    calibration = new Calibration(
      profiles,
      () => now,
      () => 'new-id',
    );
  });
  afterEach(() => vi.useRealTimers());

  /** Frames every 200 ms for the whole countdown; `ok(t)` says whether the face reads well. */
  function feed(ok: (elapsed: number) => boolean): void {
    for (let e = 0; e < CALIBRATION.durationMs; e += 200) {
      now = T0 + e;
      calibration.add(now, [trackedFace(1, FEAR, ok(e))]);
      vi.advanceTimersByTime(200);
    }
    now = T0 + CALIBRATION.durationMs;
    vi.advanceTimersByTime(250);
  }

  it('10 s of good readings: the baseline is stored and active', async () => {
    await profiles.load();
    expect(calibration.start('  Anna ')).toBe(true);
    expect(calibration.phase).toBe('calibrating');
    expect(calibration.name).toBe('Anna');
    expect(calibration.remainingMs).toBe(10_000);
    now = T0 + 3_000;
    calibration.add(now, [trackedFace(1, FEAR)]);
    vi.advanceTimersByTime(250);
    expect(calibration.remainingMs).toBe(7_000);
    expect(calibration.goodSeconds).toBe(1);
    expect(calibration.start('Ben')).toBe(false); // one run at a time

    feed(() => true);
    await until(() => calibration.phase === 'idle');
    expect(calibration.message).toMatchObject({ kind: 'ok' });
    expect(calibration.message?.text).toMatch(/^Calibrated "Anna" from 10 s of good readings/);
    const stored = await db.baselines.toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      id: 'new-id',
      name: 'Anna',
      calibratedAt: T0 + CALIBRATION.durationMs,
      stress: assessAffect(FEAR).stress,
      goodSeconds: 10,
    });
    expect(profiles.active?.id).toBe('new-id');
  });

  it('too few good seconds: a clear message, nothing stored', async () => {
    calibration.start('Anna');
    feed((e) => e < 3_000);
    await until(() => calibration.phase === 'idle');
    expect(calibration.message).toEqual({
      kind: 'error',
      text: 'Only 3 s of good readings (5 s needed; most often: too dark). Look at the camera in good light and try again. Nothing was stored.',
    });
    expect(await db.baselines.count()).toBe(0);
    expect(profiles.active).toBeNull();
  });

  it("a new profile may not take a stored profile's name; recalibrating it replaces it", async () => {
    await profiles.save(baseline('b1', 'Anna', 10));
    expect(calibration.start('Anna')).toBe(false);
    expect(calibration.message?.text).toMatch(/^A profile named "Anna" already exists/);
    expect(calibration.phase).toBe('idle');

    expect(calibration.start('Anna', { recalibrate: true })).toBe(true);
    feed(() => true);
    await until(() => calibration.phase === 'idle');
    const stored = await db.baselines.toArray();
    expect(stored.map((b) => [b.id, b.name])).toEqual([['new-id', 'Anna']]);
    expect(profiles.activeId).toBe('new-id');
  });

  it('an empty name is refused', () => {
    expect(calibration.start('  ')).toBe(false);
    expect(calibration.message).toEqual({ kind: 'error', text: 'Give the profile a name.' });
  });

  it('cancel and detach store nothing; frames outside a run are ignored', async () => {
    calibration.add(T0, [trackedFace(1, FEAR)]);
    calibration.cancel('ignored');
    expect(calibration.message).toBeNull();
    calibration.start('Anna');
    calibration.cancel('the camera went off.');
    expect(calibration.phase).toBe('idle');
    expect(calibration.message?.text).toBe(
      'Calibration stopped: the camera went off. Nothing was stored.',
    );
    calibration.start('Anna');
    calibration.detach();
    feed(() => true);
    expect(calibration.phase).toBe('idle');
    expect(await db.baselines.count()).toBe(0);
  });

  it('a profile that cannot be saved is said', async () => {
    const failing = new Profiles(
      () => ({ transaction: () => Promise.reject(new Error('disk gone')) }) as unknown as EmotionDb,
      memoryStorage,
    );
    calibration = new Calibration(
      failing,
      () => now,
      () => 'id',
    );
    calibration.start('Anna');
    feed(() => true);
    await until(() => calibration.phase === 'idle');
    expect(calibration.message?.kind).toBe('error');
    expect(calibration.message?.text).toMatch(/^Could not save the profile/);
  });
});
