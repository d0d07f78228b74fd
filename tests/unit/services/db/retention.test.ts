// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { noLocks } from '../../../../src/lib/services/db/locks';
import { SessionRecorder } from '../../../../src/lib/services/db/recorder';
import { applyRetention, sessionsToPurge } from '../../../../src/lib/services/db/retention';
import { freshDb, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('retention', () => {
  it('picks ended sessions older than the age, counted from their end', () => {
    const sessions = [
      session('old', T0 - 3 * DAY), // ended T0 - 3 days + 10 s
      session('recent', T0 - HOUR),
      session('just-ended', T0 - 10_000), // ended exactly at T0
      session('open', T0 - 3 * DAY, { status: 'recording', endedAt: null }),
      session('no-end', T0 - 3 * DAY, { endedAt: null }), // falls back to updatedAt
    ];
    expect(sessionsToPurge(sessions, T0, DAY)).toEqual(['old', 'no-end']);
    expect(sessionsToPurge(sessions, T0, HOUR / 2)).toEqual(['old', 'recent', 'no-end']);
    // The default, 0: nothing kept once a session ends; a session still recording is kept.
    expect(sessionsToPurge(sessions, T0, 0)).toEqual(['old', 'recent', 'just-ended', 'no-end']);
    expect(sessionsToPurge(sessions, T0, -5)).toEqual(sessionsToPurge(sessions, T0, 0));
    expect(sessionsToPurge([], T0, 0)).toEqual([]);
  });

  it('deletes the purged sessions with their records, and nothing else', async () => {
    const db = freshDb();
    await db.sessions.bulkAdd([session('old', T0 - 3 * DAY), session('recent', T0 - HOUR)]);
    await db.records.bulkAdd([
      record('old', 1, 0, NEUTRAL),
      record('old', 2, 1, NEUTRAL),
      record('recent', 1, 0, NEUTRAL),
    ]);
    expect(await applyRetention(db, T0, DAY)).toBe(1);
    expect((await db.sessions.toArray()).map((s) => s.id)).toEqual(['recent']);
    expect((await db.records.toArray()).map((r) => r.sessionId)).toEqual(['recent']);

    expect(await applyRetention(db, T0, DAY)).toBe(0);
    expect(await applyRetention(db, T0, 0)).toBe(1);
    expect(await db.sessions.count()).toBe(0);
    expect(await db.records.count()).toBe(0);
    db.close();
  });

  it('with the default age of 0 a recorded session is gone as soon as it ends', async () => {
    const db = freshDb();
    const rec = await SessionRecorder.start(
      db,
      { label: 'Visit', tags: [], note: '' },
      T0,
      noLocks,
    );
    rec.push([record(rec.session.id, 1, 0, NEUTRAL)]);
    await rec.flush(T0 + 1000);
    expect(await applyRetention(db, T0 + 1000, 0)).toBe(0); // still recording: kept
    expect(await db.records.count()).toBe(1);

    await rec.stop(T0 + 2000);
    expect(await applyRetention(db, T0 + 2000, 0)).toBe(1);
    expect(await db.sessions.count()).toBe(0);
    expect(await db.records.count()).toBe(0);
    db.close();
  });
});
