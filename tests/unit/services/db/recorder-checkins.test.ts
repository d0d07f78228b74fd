// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { noLocks } from '../../../../src/lib/services/db/locks';
import { SessionRecorder } from '../../../../src/lib/services/db/recorder';
import { freshDb, NEUTRAL, record, T0 } from '../../fixtures/sessions';

const meta = { label: 'Check-ins', tags: [], note: '' };

function quotaError(): Error {
  return Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
}

describe('session recorder: check-ins', () => {
  it('writes each check-in through at once, in time order, and keeps them at stop', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    const id = rec.session.id;
    expect((await db.sessions.get(id))?.checkins).toEqual([]);
    expect(await rec.checkin(2, T0 + 5000)).toEqual({ ok: true });
    expect((await db.sessions.get(id))?.checkins).toEqual([{ t: T0 + 5000, level: 2 }]);
    rec.push([record(id, 1, 0, NEUTRAL)]);
    await rec.checkin(4, T0 + 9000.4);
    await rec.checkin(1, T0 + 7000);
    const stored = await db.sessions.get(id);
    expect(stored?.checkins).toEqual([
      { t: T0 + 5000, level: 2 },
      { t: T0 + 7000, level: 1 },
      { t: T0 + 9000, level: 4 },
    ]);
    expect(stored?.updatedAt).toBe(T0 + 7000);
    // The buffered record went with the check-in's write.
    expect(await db.records.count()).toBe(1);
    expect(rec.unsavedCheckins).toBe(0);
    expect(rec.allCheckins).toHaveLength(3);
    const { session, problem } = await rec.stop(T0 + 10_000);
    expect(problem).toBeNull();
    expect(session.checkins.map((c) => c.level)).toEqual([2, 1, 4]);
    expect((await db.sessions.get(id))?.checkins).toEqual(session.checkins);
  });

  it('keeps a check-in that storage refused and writes it with the next flush', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    const id = rec.session.id;
    const update = vi.spyOn(db.sessions, 'update').mockRejectedValueOnce(quotaError());
    const failed = await rec.checkin(5, T0 + 3000);
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.message).toMatch(/Storage is full/);
    expect(rec.unsavedCheckins).toBe(1);
    expect((await db.sessions.get(id))?.checkins).toEqual([]);

    expect(await rec.flush(T0 + 4000)).toEqual({ ok: true });
    expect(rec.unsavedCheckins).toBe(0);
    expect((await db.sessions.get(id))?.checkins).toEqual([{ t: T0 + 3000, level: 5 }]);
    expect(update).toHaveBeenCalledTimes(2);
    // A flush with nothing new to say about check-ins leaves them as they are.
    expect(await rec.flush(T0 + 5000)).toEqual({ ok: true });
    expect(update).toHaveBeenLastCalledWith(id, { updatedAt: T0 + 5000 });
  });

  it('writes refused check-ins with the closed session at stop', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    vi.spyOn(db.sessions, 'update').mockRejectedValue(quotaError());
    await rec.checkin(3, T0 + 1000);
    await rec.checkin(4, T0 + 2000);
    expect(rec.unsavedCheckins).toBe(2);
    const { session, problem } = await rec.stop(T0 + 3000);
    expect(problem).toBeNull();
    expect((await db.sessions.get(session.id))?.checkins).toHaveLength(2);
    expect(rec.unsavedCheckins).toBe(0);
  });

  it('says how many check-ins were lost when the session cannot be closed either', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    vi.spyOn(db.sessions, 'update').mockRejectedValue(quotaError());
    vi.spyOn(db.sessions, 'put').mockRejectedValue(quotaError());
    await rec.checkin(3, T0 + 1000);
    let result = await rec.stop(T0 + 3000);
    expect(result.problem).toBe(
      '1 check-in could not be saved. The session could not be closed (storage is full); it will be closed with what was saved the next time the app opens.',
    );
    const other = await SessionRecorder.start(db, meta, T0, noLocks);
    await other.checkin(1, T0 + 1000);
    await other.checkin(2, T0 + 1500);
    result = await other.stop(T0 + 2000);
    expect(result.problem).toMatch(/^2 check-ins could not be saved\. /);
  });
});
