// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SessionDetail } from '../../../../src/lib/features/history/session-detail.svelte';
import { FEAR, freshDb, HAPPY, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const ID = 'c0ffee00-1111-4222-8333-444455556666';

describe('session detail: check-ins', () => {
  it('pairs check-ins with the main face, or the chosen one, and judges the agreement', async () => {
    const db = freshDb();
    // Face 1 on seconds 0-5, face 2 on second 0 only.
    const records = [
      ...[NEUTRAL, NEUTRAL, FEAR, FEAR, HAPPY, FEAR].map((p, s) => record(ID, 1, s, p)),
      record(ID, 2, 0, FEAR),
    ];
    const checkins = [0, 1, 2, 3, 4, 5].map((s) => ({
      t: T0 + s * 1000 + 500,
      level: ([1, 1, 4, 4, 1, 5] as const)[s]!,
    }));
    await db.sessions.add(session(ID, T0, { checkins }));
    await db.records.bulkAdd(records);

    const detail = new SessionDetail(() => db);
    await detail.load(ID);
    expect(detail.checkinFace).toBe(1);
    expect(detail.checkinPairs).toHaveLength(6);
    expect(detail.checkinPairs[0]!.measured).toBe(records[0]!.stress);
    expect(detail.agreement.count).toBe(6);
    expect(detail.agreement.rho).not.toBeNull();
    expect(detail.agreement.rho!).toBeGreaterThan(0.5);

    detail.face = 2;
    expect(detail.checkinFace).toBe(2);
    expect(detail.agreement.count).toBe(6);
    expect(detail.agreement.verdict).toMatch(/^Cannot tell/);
  });

  it('says too few to tell without check-ins', async () => {
    const db = freshDb();
    await db.sessions.add(session(ID, T0));
    const detail = new SessionDetail(() => db);
    await detail.load(ID);
    expect(detail.checkinFace).toBeNull();
    expect(detail.agreement).toMatchObject({ count: 0, rho: null });
    expect(detail.agreement.verdict).toMatch(/^Too few to tell/);
  });
});
