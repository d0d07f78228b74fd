// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { recoverOnce } from '../../../../src/lib/services/db/recovery';
import { freshDb, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const open = { status: 'recording' as const, endedAt: null, summary: null };

describe('recovery, once per page load', () => {
  it('runs for the first caller and hands the others the same answer', async () => {
    const db = freshDb();
    await db.sessions.add(session('gone', T0, open));
    await db.records.add(record('gone', 1, 0, NEUTRAL));
    const first = recoverOnce(db);
    expect(recoverOnce(db)).toBe(first);
    expect((await first).map((s) => [s.id, s.status, s.recovered])).toEqual([
      ['gone', 'ended', true],
    ]);

    // A session abandoned later is left to the next page load.
    await db.sessions.add(session('later', T0, open));
    expect(await recoverOnce(db)).toBe(await first);
    expect((await db.sessions.get('later'))?.status).toBe('recording');
  });

  it('tries again for the next caller after a failure', async () => {
    const db = freshDb();
    await db.sessions.add(session('gone', T0, open));
    const where = vi.spyOn(db.sessions, 'where');
    where.mockImplementationOnce(() => {
      throw new Error('Storage went away.');
    });
    await expect(recoverOnce(db)).rejects.toThrow('Storage went away.');
    where.mockRestore();
    expect((await recoverOnce(db)).map((s) => s.id)).toEqual(['gone']);
  });
});
