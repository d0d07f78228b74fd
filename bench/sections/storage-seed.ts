/**
 * The storage bench's data: `readings` records written straight into the app's IndexedDB (one
 * session of `chartPoints` seconds for the chart, the rest in sessions of `perSession` seconds).
 */
import type {
  ReadingRecord,
  SessionRow,
  SessionSummary,
} from '../../src/lib/domain/session/records';
import type { EmotionDb } from '../../src/lib/services/db/db';

/** A table of the app's database; never (a type error at the call) if EmotionDb has no such table. */
type Table<Name extends string> = Extract<keyof EmotionDb, Name>;

export interface SeedPlan {
  dbName: string;
  sessionStore: Table<'sessions'>;
  recordStore: Table<'records'>;
  readings: number;
  chartPoints: number;
  perSession: number;
  chartId: string;
}

/**
 * Runs in the page: raw IndexedDB writes into the app's Dexie stores, 20,000 per transaction.
 * Self-contained (Playwright sends its source), so the database name and stores come as arguments;
 * the rows are the app's own types.
 */
export async function seedReadings(args: SeedPlan): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(args.dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const T0 = Date.UTC(2024, 0, 1);
  const probabilities = [0.05, 0.02, 0.08, 0.1, 0.1, 0.05, 0.6];
  const summary = (records: number): SessionSummary => ({
    durationMs: records * 1000,
    faces: 1,
    records,
    meanStress: 35,
    peakStress: 80,
    levelCounts: { low: records / 2, moderate: records / 2, high: 0 },
    emotionMix: probabilities,
    dominant: 'neutral',
  });
  const plan: { id: string; n: number }[] = [{ id: args.chartId, n: args.chartPoints }];
  for (let left = args.readings - args.chartPoints, i = 0; left > 0; i++) {
    const n = Math.min(args.perSession, left);
    plan.push({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, n });
    left -= n;
  }
  const commit = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  const stores = [args.sessionStore, args.recordStore];
  let tx = db.transaction(stores, 'readwrite');
  let inTx = 0;
  for (const [s, { id, n }] of plan.entries()) {
    const startedAt = T0 + s * 86_400_000;
    const session: SessionRow = {
      id,
      kind: 'live',
      label: `Session ${s}`,
      tags: s % 4 === 0 ? ['work'] : [],
      note: '',
      startedAt,
      updatedAt: startedAt + n * 1000,
      endedAt: startedAt + n * 1000,
      status: 'ended',
      recovered: false,
      baseline: null,
      checkins: [],
      summary: summary(n),
    };
    tx.objectStore(args.sessionStore).put(session);
    for (let k = 0; k < n; k++) {
      const stress = (k * 7) % 100;
      const reading: ReadingRecord = {
        sessionId: id,
        faceId: 1,
        t: startedAt + k * 1000,
        dominant: 'neutral',
        probabilities,
        stress,
        level: stress < 40 ? 'low' : stress < 70 ? 'moderate' : 'high',
        valence: 0,
        arousal: 0.2,
        quality: 1,
        frames: 7,
      };
      tx.objectStore(args.recordStore).put(reading);
      if (++inTx >= 20_000) {
        await commit(tx);
        tx = db.transaction(stores, 'readwrite');
        inTx = 0;
      }
    }
  }
  await commit(tx);
  db.close();
  return plan.length;
}
