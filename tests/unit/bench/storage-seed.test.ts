/**
 * The storage bench writes raw IndexedDB rows: they must be rows the app's Dexie schema indexes
 * and reads back (fake-indexeddb in Node, the database the app creates).
 */
// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { EmotionDb } from '../../../src/lib/services/db/db';
import { seedReadings } from '../../../bench/sections/storage-seed';

const CHART_ID = '00000000-0000-4000-8000-c0ffee000000';

describe('storage bench seed', () => {
  it("writes sessions and readings the app's database reads through its indexes", async () => {
    const app = new EmotionDb('storage-seed-test');
    await app.open(); // the app creates its database before the bench seeds it
    const sessions = await seedReadings({
      dbName: app.name,
      sessionStore: 'sessions',
      recordStore: 'records',
      readings: 2_500,
      chartPoints: 1_000,
      perSession: 600,
      chartId: CHART_ID,
    });
    expect(sessions).toBe(4); // 1,000 + 600 + 600 + 300
    expect(await app.sessions.count()).toBe(4);
    expect(await app.records.count()).toBe(2_500);
    expect(await app.sessions.where('tags').equals('work').count()).toBe(1);
    const chart = await app.sessions.get(CHART_ID);
    expect(chart).toMatchObject({ status: 'ended', summary: { records: 1_000 } });
    const first = chart?.startedAt ?? NaN;
    const inChart = await app.records
      .where('[sessionId+t]')
      .between([CHART_ID, first], [CHART_ID, first + 10_000], true, false)
      .toArray();
    expect(inChart.map((r) => r.t)).toEqual(Array.from({ length: 10 }, (_, i) => first + i * 1000));
    app.close();
  });
});
