// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { noLocks, type SessionLocks } from '../../../../src/lib/services/db/locks';
import { SessionRecorder } from '../../../../src/lib/services/db/recorder';
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
    const row = await rec.stop(T0 + 3000);
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

  it('does not close the session when its last write fails', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(db, meta, T0, noLocks);
    vi.spyOn(db.records, 'bulkPut').mockRejectedValueOnce(quotaError());
    rec.push([record(rec.session.id, 1, 0, NEUTRAL)]);
    await expect(rec.stop(T0 + 1000)).rejects.toThrow(/Storage is full/);
    expect(rec.pending).toBe(1);
    expect((await db.sessions.get(rec.session.id))?.status).toBe('recording');
    const row = await rec.stop(T0 + 2000);
    expect(row.summary?.records).toBe(1);
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
