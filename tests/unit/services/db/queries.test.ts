// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  countSessions,
  deleteSession,
  listSessions,
  sessionRecords,
  wipeAll,
} from '../../../../src/lib/services/db/queries';
import { summarize } from '../../../../src/lib/domain/session/summary';
import { FEAR, freshDb, HAPPY, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const HOUR = 3_600_000;

async function history(n: number) {
  const db = freshDb();
  await db.sessions.bulkAdd(
    Array.from({ length: n }, (_, i) => {
      const p = [NEUTRAL, HAPPY, FEAR][i % 3] ?? NEUTRAL;
      return session(`s${String(i).padStart(4, '0')}`, T0 + i * HOUR, {
        label: i % 10 === 0 ? `Standup ${i}` : `Session ${i}`,
        tags: i % 4 === 0 ? ['Work'] : [],
        summary: summarize([record('x', 1, 0, p)], 1000),
      });
    }),
  );
  return db;
}

describe('history queries', () => {
  it('lists newest first, a page at a time', async () => {
    const db = await history(60);
    const first = await listSessions(db, {}, 0, 25);
    const third = await listSessions(db, {}, 50, 25);
    expect(first.map((s) => s.id).slice(0, 2)).toEqual(['s0059', 's0058']);
    expect(third.map((s) => s.id)).toEqual(
      Array.from({ length: 10 }, (_, i) => `s${String(9 - i).padStart(4, '0')}`),
    );
    expect(await countSessions(db, {})).toBe(60);
  });

  it('filters by date range, label or tag, and dominant emotion', async () => {
    const db = await history(60);
    expect(await countSessions(db, { from: T0 + 10 * HOUR, to: T0 + 19 * HOUR })).toBe(10);
    expect(await countSessions(db, { text: 'standup' })).toBe(6);
    expect(await countSessions(db, { text: 'work' })).toBe(15);
    expect(await countSessions(db, { emotion: 'happy' })).toBe(20);
    const both = await listSessions(
      db,
      { emotion: 'neutral', text: 'standup', from: T0 + 20 * HOUR },
      0,
      25,
    );
    expect(both.map((s) => s.id)).toEqual(['s0030']);
  });

  it('reads a session’s records in time order', async () => {
    const db = freshDb();
    await db.records.bulkAdd([
      record('a', 2, 1, HAPPY),
      record('a', 1, 1, HAPPY),
      record('a', 1, 0, NEUTRAL),
      record('b', 1, 0, FEAR),
    ]);
    const rows = await sessionRecords(db, 'a');
    expect(rows.map((r) => [r.t - T0, r.faceId])).toEqual([
      [0, 1],
      [1000, 1],
      [1000, 2],
    ]);
  });

  it('deletes one session with its records, or everything', async () => {
    const db = freshDb();
    await db.sessions.bulkAdd([session('a', T0), session('b', T0)]);
    await db.records.bulkAdd([record('a', 1, 0, HAPPY), record('b', 1, 0, HAPPY)]);
    await deleteSession(db, 'a');
    expect((await db.sessions.toArray()).map((s) => s.id)).toEqual(['b']);
    expect((await db.records.toArray()).map((r) => r.sessionId)).toEqual(['b']);
    await wipeAll(db);
    expect([await db.sessions.count(), await db.records.count()]).toEqual([0, 0]);
  });
});
