// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { noLocks, type SessionLocks } from '../../../../src/lib/services/db/locks';
import { MAX_UNSAVED_MS, SessionRecorder } from '../../../../src/lib/services/db/recorder';
import { recoverSessions } from '../../../../src/lib/services/db/recovery';
import { FEAR, freshDb, HAPPY, NEUTRAL, record, T0 } from '../../fixtures/sessions';

const meta = { label: 'Standup', tags: ['work'], note: '' };

function quotaError(): Error {
  return Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
}

describe('session recorder', () => {
  it('opens a session, writes records through, and closes it with a summary', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    expect(await db.sessions.get(rec.session.id)).toMatchObject({
      status: 'recording',
      endedAt: null,
    });
    const id = rec.session.id;
    rec.push([record(id, 1, 0, NEUTRAL), record(id, 1, 1, FEAR)]);
    expect(await rec.flush(T0 + 2000)).toEqual({ ok: true });
    expect(rec.pending).toBe(0);
    expect(await db.records.count()).toBe(2);
    expect((await db.sessions.get(id))?.updatedAt).toBe(T0 + 2000);
    rec.push([record(id, 2, 2, HAPPY)]);
    const { session: row, unsaved, problem } = await rec.stop(T0 + 3000);
    expect({ unsaved, problem }).toEqual({ unsaved: 0, problem: null });
    expect(row).toMatchObject({ status: 'ended', endedAt: T0 + 3000, recovered: false });
    expect(row.summary).toMatchObject({ durationMs: 3000, records: 3, faces: 2 });
    expect(await db.sessions.get(id)).toEqual(row);
  });

  it('keeps the buffer and says so when storage is full, then catches up', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    const id = rec.session.id;
    const bulkPut = vi.spyOn(db.records, 'bulkPut').mockRejectedValueOnce(quotaError());
    rec.push([record(id, 1, 0, NEUTRAL)]);
    const failed = await rec.flush(T0 + 1000);
    expect(failed.ok).toBe(false);
    expect(!failed.ok && failed.message).toMatch(/Storage is full/);
    expect(rec.pending).toBe(1);
    expect(await db.records.count()).toBe(0);

    rec.push([record(id, 1, 1, NEUTRAL)]);
    expect(await rec.flush(T0 + 2000)).toEqual({ ok: true });
    expect(rec.pending).toBe(0);
    expect(await db.records.count()).toBe(2);
    expect(bulkPut).toHaveBeenCalledTimes(2);
  });

  it('recognises a quota error however Dexie wraps it', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    vi.spyOn(db.records, 'bulkPut').mockRejectedValueOnce(
      Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: quotaError() }),
    );
    rec.push([record(rec.session.id, 1, 0, NEUTRAL)]);
    const result = await rec.flush(T0 + 1000);
    expect(!result.ok && result.message).toMatch(/Storage is full/);
  });

  it('closes the session as partial when its last write fails, saying what was lost', async () => {
    const db = freshDb();
    const release = vi.fn();
    const locks: SessionLocks = { hold: () => release, held: () => Promise.resolve(null) };
    const rec = await SessionRecorder.start(db, meta, T0, locks);
    const id = rec.session.id;
    rec.push([record(id, 1, 0, NEUTRAL)]);
    expect(await rec.flush(T0 + 1000)).toEqual({ ok: true });
    vi.spyOn(db.records, 'bulkPut').mockRejectedValue(quotaError());
    rec.push([record(id, 1, 1, NEUTRAL), record(id, 2, 1, FEAR), record(id, 1, 2, HAPPY)]);
    const { session, unsaved, problem } = await rec.stop(T0 + 3000);
    expect(unsaved).toBe(2);
    expect(problem).toBe(
      '2 seconds of readings could not be saved: storage is full. The session was closed as partial.',
    );
    expect(rec.pending).toBe(0);
    expect(release).toHaveBeenCalledOnce();
    expect(await db.sessions.get(id)).toEqual(session);
    expect(session).toMatchObject({ status: 'ended', unsaved: 2, summary: { records: 1 } });
  });

  it('leaves the close to recovery when even the session row cannot be written', async () => {
    const db = freshDb();
    const release = vi.fn();
    const locks: SessionLocks = { hold: () => release, held: () => Promise.resolve(null) };
    const rec = await SessionRecorder.start(db, meta, T0, locks);
    vi.spyOn(db.records, 'bulkPut').mockRejectedValue(new Error('disk gone'));
    vi.spyOn(db.sessions, 'put').mockRejectedValue(quotaError());
    rec.push([record(rec.session.id, 1, 0, NEUTRAL)]);
    const { unsaved, problem } = await rec.stop(T0 + 1000);
    expect(unsaved).toBe(1);
    expect(problem).toBe(
      '1 second of readings could not be saved: disk gone. The session could not be closed (storage is full); it will be closed with what was saved the next time the app opens.',
    );
    expect(release).toHaveBeenCalledOnce();
    expect((await db.sessions.get(rec.session.id))?.status).toBe('recording');
  });

  it('keeps at most ten minutes of unsaved readings, counting the seconds it drops', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    const id = rec.session.id;
    vi.spyOn(db.records, 'bulkPut').mockRejectedValue(quotaError());
    for (let s = 0; s < 900; s++) {
      rec.push([record(id, 1, s, NEUTRAL), record(id, 2, s, FEAR)]);
      if (s % 60 === 0) await rec.flush(T0 + s * 1000);
    }
    expect(rec.pending).toBe(2 * (MAX_UNSAVED_MS / 1000 + 1));
    expect(rec.unsavedSeconds).toBe(900);
    const { unsaved, session } = await rec.stop(T0 + 900_000);
    expect(unsaved).toBe(900);
    expect(session.unsaved).toBe(900);
  });

  it('stores the tags once each', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(
      db,
      { ...meta, tags: ['work', ' Work', 'focus'] },
      T0,
      noLocks,
    );
    expect((await db.sessions.get(rec.session.id))?.tags).toEqual(['work', 'focus']);
  });
});

describe('recovery of sessions whose tab closed', () => {
  it('closes them with a summary of what reached the disk', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    const id = rec.session.id;
    rec.push([record(id, 1, 0, NEUTRAL), record(id, 1, 1, FEAR), record(id, 1, 2, FEAR)]);
    await rec.flush(T0 + 2500);
    // The tab goes away: no stop().
    const [row, ...others] = await recoverSessions(db, T0 + 60_000, noLocks);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ id, status: 'ended', recovered: true, endedAt: T0 + 2500 });
    expect(row?.summary).toMatchObject({
      records: 3,
      durationMs: 2500,
      peakStress: record(id, 1, 1, FEAR).stress,
    });
    expect(await recoverSessions(db, T0 + 70_000, noLocks)).toEqual([]);
  });

  it('leaves alone a session another tab is still recording', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    const held: SessionLocks = {
      hold: () => () => {},
      held: async () => new Set([rec.session.id]),
    };
    expect(await recoverSessions(db, T0 + 60_000, held)).toEqual([]);
    const none: SessionLocks = { hold: () => () => {}, held: async () => new Set() };
    expect(await recoverSessions(db, T0 + 1, none)).toHaveLength(1);
  });

  it('without Web Locks, waits until the session has been silent for a while', async () => {
    const db = freshDb();
    await SessionRecorder.start(db, meta, T0, noLocks);
    expect(await recoverSessions(db, T0 + 5_000, noLocks)).toEqual([]);
    expect(await recoverSessions(db, T0 + 11_000, noLocks)).toHaveLength(1);
  });
});
