// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveRecording } from '../../../../src/lib/features/live/live-recording.svelte';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import {
  FEAR,
  HAPPY,
  NEUTRAL,
  record,
  session,
  T0,
  trackedFace,
  until,
} from '../../fixtures/sessions';
import {
  quotaError,
  recordingUnderTest,
  undoRecordingFakes,
  type RecordingUnderTest,
} from './live-recording-setup';

const META = { label: 'Standup', tags: ['work'], note: 'Monday' };

describe('live recording', () => {
  let db: EmotionDb;
  let now: number;
  let page: RecordingUnderTest['page'];
  let recording: LiveRecording;

  beforeEach(() => {
    now = T0;
    ({ db, page, recording } = recordingUnderTest(() => now));
  });
  afterEach(undoRecordingFakes);

  /** The clock moves to `t` and the per-second timer fires. */
  function secondPasses(t: number) {
    now = t;
    vi.advanceTimersByTime(1000);
  }
  const stored = () => db.records.orderBy('[sessionId+faceId+t]').toArray();

  it('opens a session, writes each closed second through, and closes it with its summary', async () => {
    await recording.start(META);
    expect(recording.state).toBe('recording');
    const id = recording.session!.id;
    expect(await db.sessions.get(id)).toMatchObject({
      ...META,
      kind: 'live',
      status: 'recording',
      startedAt: T0,
      endedAt: null,
    });
    expect(recording.savedUntil).toBe(T0);

    recording.add(T0 + 100, [trackedFace(1, HAPPY)]);
    recording.add(T0 + 600, [trackedFace(1, HAPPY), trackedFace(2, FEAR)]);
    recording.add(T0 + 1200, [trackedFace(1, NEUTRAL), trackedFace(2, FEAR, false)]);
    expect(await db.records.count()).toBe(0); // buffered until the timer writes them

    secondPasses(T0 + 2000);
    await until(() => recording.savedUntil === T0 + 2000);
    const written = await stored();
    expect(written.map((r) => [r.faceId, r.t - T0, r.dominant])).toEqual([
      [1, 0, 'happy'],
      [1, 1000, 'neutral'],
      [2, 0, 'fear'],
    ]);
    expect((await db.sessions.get(id))?.updatedAt).toBe(T0 + 2000);

    recording.add(T0 + 2100, [trackedFace(1, FEAR)]);
    now = T0 + 2500;
    await recording.stop();
    expect(recording.state).toBe('idle');
    expect(recording.session).toBeNull();
    expect(recording.stopped).toMatchObject({ id, status: 'ended', endedAt: T0 + 2500 });
    expect(recording.stopped?.summary).toMatchObject({ durationMs: 2500, records: 4, faces: 2 });
    expect(await db.sessions.get(id)).toEqual(recording.stopped);
    expect(vi.getTimerCount()).toBe(0);

    recording.add(T0 + 3000, [trackedFace(1, HAPPY)]);
    secondPasses(T0 + 5000);
    expect(await db.records.count()).toBe(4);
  });

  it('says when storage is full, keeps the readings, and catches up on the next second', async () => {
    await recording.start(META);
    const bulkPut = vi.spyOn(db.records, 'bulkPut').mockRejectedValueOnce(quotaError());
    recording.add(T0 + 100, [trackedFace(1, HAPPY)]);
    secondPasses(T0 + 1000);
    await until(() => recording.error !== null);
    expect(recording.error).toMatch(/Storage is full/);
    expect(recording.savedUntil).toBe(T0);
    expect(await db.records.count()).toBe(0);

    recording.add(T0 + 1100, [trackedFace(1, FEAR)]);
    secondPasses(T0 + 2000);
    await until(() => recording.savedUntil === T0 + 2000);
    expect(recording.error).toBeNull();
    expect((await stored()).map((r) => r.dominant)).toEqual(['happy', 'fear']);
    expect(bulkPut).toHaveBeenCalledTimes(2);
  });

  it('a stop that cannot write still ends the session and says what was lost', async () => {
    await recording.start(META);
    const id = recording.session!.id;
    recording.add(T0 + 100, [trackedFace(1, HAPPY)]);
    vi.spyOn(db.records, 'bulkPut').mockRejectedValue(quotaError());
    now = T0 + 1500;
    await recording.stop();
    expect(recording.state).toBe('idle');
    expect(recording.session).toBeNull();
    expect(recording.error).toBe(
      '1 second of readings could not be saved: storage is full. The session was closed as partial.',
    );
    expect(recording.stopped).toMatchObject({ id, status: 'ended', unsaved: 1 });
    expect(await db.sessions.get(id)).toMatchObject({ status: 'ended', unsaved: 1 });
    page.pageHide(); // no longer listened to
    secondPasses(T0 + 2500);
    expect(recording.state).toBe('idle');
  });

  it('when even the close cannot be written, ends here and leaves the close to recovery', async () => {
    await recording.start(META);
    recording.add(T0 + 100, [trackedFace(1, HAPPY)]);
    db.close({ disableAutoOpen: true });
    now = T0 + 1500;
    await recording.stop();
    expect(recording.state).toBe('idle');
    expect(recording.error).toMatch(
      /^1 second of readings could not be saved: .*closed.* The session could not be closed .* next time the app opens\.$/i,
    );
  });

  it('leaving the page ends the timer and listeners at once, and closes the session', async () => {
    await recording.start(META);
    recording.add(T0 + 100, [trackedFace(1, HAPPY)]);
    now = T0 + 1200;
    recording.detach();
    expect(vi.getTimerCount()).toBe(0);
    await until(() => recording.state === 'idle');
    expect(await db.sessions.toArray()).toMatchObject([{ status: 'ended' }]);
  });

  it('asks before recording a second session while another tab records one', async () => {
    const other = session('other', T0 - 5000, {
      label: 'Tab one',
      status: 'recording',
      endedAt: null,
      summary: null,
    });
    await db.sessions.add(other);
    const held = new Set(['other']);
    const locks = { hold: () => () => {}, held: () => Promise.resolve(held) };
    const here = new LiveRecording(
      () => db,
      () => now,
      locks,
    );
    await here.recover();
    expect(here.elsewhere.map((s) => s.label)).toEqual(['Tab one']);
    expect(here.recovered).toEqual([]);

    await here.start(META, { unlessElsewhere: true });
    expect(here.state).toBe('idle');
    expect(here.confirming).toBe(true);
    expect(await db.sessions.count()).toBe(1);

    await here.start(META);
    expect(here.state).toBe('recording');
    expect(here.confirming).toBe(false);
    await here.stop();

    held.clear();
    await here.start(META, { unlessElsewhere: true });
    expect(here.state).toBe('recording');
    expect(here.elsewhere).toEqual([]);
    await here.stop();
  });

  it('says recording is unavailable when the browser gives no storage', async () => {
    const missing = () => {
      throw Object.assign(new Error('IndexedDB API missing'), { name: 'MissingAPIError' });
    };
    const here = new LiveRecording(missing, () => now);
    await here.recover();
    expect(here.error).toBeNull();
    expect(here.unavailable).toMatch(
      /^Recording is unavailable: This browser does not let this site store data/,
    );
    here.unavailable = null;
    await here.start(META);
    expect(here.state).toBe('idle');
    expect(here.unavailable).toMatch(/private browsing/);
  });

  it('saves the open second at once when the page is hidden or goes away', async () => {
    await recording.start(META);
    recording.add(T0 + 100, [trackedFace(1, HAPPY)]);
    now = T0 + 300;
    page.pageHide();
    await until(async () => (await db.records.count()) === 1);
    expect(recording.savedUntil).toBe(T0 + 300);

    // The open second is rewritten as it grows: same key, one record.
    recording.add(T0 + 400, [trackedFace(1, FEAR)]);
    recording.add(T0 + 500, [trackedFace(1, FEAR)]);
    now = T0 + 600;
    page.setHidden(true);
    await until(() => recording.savedUntil === T0 + 600);
    const [only, ...rest] = await stored();
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ t: T0, dominant: 'fear', frames: 3 });

    page.setHidden(false);
    now = T0 + 700;
    await recording.stop();
    page.pageHide(); // no longer listened to
    page.setHidden(true);
    expect(recording.savedUntil).toBe(T0 + 600);
  });

  it('a pause (camera lost) saves the open second and stops counting until resumed', async () => {
    recording.pause(); // not recording: nothing to pause
    expect(recording.paused).toBe(false);
    await recording.start(META);
    recording.add(T0 + 100, [trackedFace(1, HAPPY)]);
    now = T0 + 500;
    recording.pause();
    recording.pause();
    expect(recording.paused).toBe(true);
    await until(() => recording.savedUntil === T0 + 500);
    expect((await stored()).map((r) => r.t - T0)).toEqual([0]);
    secondPasses(T0 + 5000);
    expect(recording.savedUntil).toBe(T0 + 500);

    recording.resume();
    recording.resume();
    expect(recording.paused).toBe(false);
    secondPasses(T0 + 6000);
    await until(() => recording.savedUntil === T0 + 6000);
    recording.pause();
    await recording.stop();
    expect(recording).toMatchObject({ state: 'idle', paused: false });
    recording.resume();
    expect(recording.paused).toBe(false);
  });

  it('a stop asked for while the session opens waits for it, then closes it', async () => {
    const starting = recording.start(META);
    expect(recording.state).toBe('starting');
    expect(recording.start(META)).toBe(starting);
    await recording.stop();
    expect(recording.state).toBe('idle');
    expect(await db.sessions.toArray()).toMatchObject([{ status: 'ended', label: 'Standup' }]);
  });

  it('says so when the session cannot be opened, and stays idle', async () => {
    await db.delete({ disableAutoOpen: true });
    await recording.start(META);
    expect(recording.state).toBe('idle');
    expect(recording.error).toMatch(/^Could not start the session: .*closed/i);
    recording.add(T0 + 100, [trackedFace(1, HAPPY)]);
    await recording.stop();
    expect(recording.stopped).toBeNull();
  });

  it('closes the sessions of tabs that went away, once per page load, and lists them', async () => {
    const open = { status: 'recording' as const, endedAt: null, summary: null };
    await db.sessions.add(session('gone', T0 - 60_000, { ...open, updatedAt: T0 - 58_000 }));
    await db.records.bulkAdd([record('gone', 1, -60, NEUTRAL), record('gone', 1, -59, FEAR)]);
    await recording.recover();
    expect(recording.recovered.map((s) => [s.id, s.recovered, s.summary?.records])).toEqual([
      ['gone', true, 2],
    ]);
    expect(await db.sessions.get('gone')).toMatchObject({ status: 'ended', endedAt: T0 - 58_000 });

    const another = new LiveRecording(() => db);
    await another.recover();
    expect(another.recovered).toBe(recording.recovered);
  });

  it('says so when unfinished sessions cannot be checked', async () => {
    db.close({ disableAutoOpen: true });
    await recording.recover();
    expect(recording.recovered).toEqual([]);
    expect(recording.error).toMatch(/^Could not check for unfinished sessions: .*closed/i);
  });
});
