// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveRecording } from '../../../../src/lib/features/live/live-recording.svelte';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { T0, until } from '../../fixtures/sessions';
import { quotaError, recordingUnderTest, undoRecordingFakes } from './live-recording-setup';

const META = { label: 'Check-ins', tags: [], note: '' };

describe('live recording: check-ins', () => {
  let db: EmotionDb;
  let now: number;
  let recording: LiveRecording;

  beforeEach(() => {
    now = T0;
    ({ db, recording } = recordingUnderTest(() => now));
  });
  afterEach(undoRecordingFakes);

  it('ignores a check-in unless recording', async () => {
    await recording.checkin(3);
    expect(recording.checkins).toEqual([]);
    expect(recording.lastCheckin).toBeNull();
  });

  it('stores a check-in at the clock of the session, and confirms it', async () => {
    await recording.start(META);
    const id = recording.session!.id;
    now = T0 + 4200.6;
    const done = recording.checkin(4);
    expect(recording.checkins).toEqual([{ t: T0 + 4201, level: 4 }]);
    expect(recording.lastCheckin).toEqual({
      checkin: { t: T0 + 4201, level: 4 },
      status: 'saving',
    });
    await done;
    expect(recording.lastCheckin?.status).toBe('saved');
    expect((await db.sessions.get(id))?.checkins).toEqual([{ t: T0 + 4201, level: 4 }]);
    now = T0 + 6000;
    await recording.checkin(1);
    await recording.stop();
    expect(recording.stopped?.checkins.map((c) => c.level)).toEqual([4, 1]);
    expect(recording.checkins).toEqual([]);
    expect(recording.lastCheckin).toBeNull();
  });

  it('says so when storage refuses a check-in, and marks it saved once a flush gets through', async () => {
    await recording.start(META);
    const id = recording.session!.id;
    vi.spyOn(db.sessions, 'update').mockRejectedValueOnce(quotaError());
    now = T0 + 500;
    await recording.checkin(5);
    expect(recording.lastCheckin?.status).toBe('in memory');
    expect(recording.error).toMatch(
      /^Your check-in is kept in memory until it can be saved\. Storage is full/,
    );
    expect((await db.sessions.get(id))?.checkins).toEqual([]);

    now = T0 + 1000;
    vi.advanceTimersByTime(1000);
    await until(() => recording.lastCheckin?.status === 'saved');
    expect(recording.error).toBeNull();
    expect((await db.sessions.get(id))?.checkins).toEqual([{ t: T0 + 500, level: 5 }]);
  });
});
