/**
 * Storage at scale: IndexedDB seeded with `readings` records (one 10,000-second session for the
 * chart, the rest in 1,000-second sessions), then the time to open the history page and to draw
 * that session's chart, each from navigation to painted.
 */
import type { Browser, Page } from '@playwright/test';
import { newContext } from '../lib/browser';
import { summarize, type Summary } from '../lib/stats';

export interface StorageResult {
  readings: number;
  sessions: number;
  seedMs: number;
  chartPoints: number;
  historyMs: Summary;
  chartMs: Summary;
}

const CHART_POINTS = 10_000;
const PER_SESSION = 1_000;
const REPEATS = 5;
const CHART_ID = '00000000-0000-4000-8000-c0ffee000000';

export async function benchStorage(
  browser: Browser,
  origin: string,
  readings: number,
): Promise<StorageResult> {
  const context = await newContext(browser, origin);
  try {
    const page = await context.newPage();
    await page.goto('/history'); // the app creates its database
    await page.locator('[data-testid="session-count"][data-total]').waitFor();
    const t0 = Date.now();
    const sessions = await page.evaluate(seed, {
      readings,
      chartPoints: CHART_POINTS,
      perSession: PER_SESSION,
      chartId: CHART_ID,
    });
    const seedMs = Date.now() - t0;
    const history: number[] = [];
    const chart: number[] = [];
    for (let i = 0; i < REPEATS; i++) {
      history.push(
        await timeTo(page, '/history', `[data-testid="session-count"][data-total="${sessions}"]`),
      );
      chart.push(
        await timeTo(
          page,
          `/history/${CHART_ID}`,
          `[data-testid="stress-chart"][data-points="${CHART_POINTS}"]`,
        ),
      );
    }
    return {
      readings,
      sessions,
      seedMs,
      chartPoints: CHART_POINTS,
      historyMs: summarize(history),
      chartMs: summarize(chart),
    };
  } finally {
    await context.close();
  }
}

/** From navigation start to the selector present and the next frame painted. */
async function timeTo(page: Page, url: string, selector: string): Promise<number> {
  const t0 = Date.now();
  await page.goto(url);
  await page.locator(selector).waitFor({ timeout: 120_000 });
  await page.evaluate(
    () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
  );
  return Date.now() - t0;
}

/** Runs in the page: raw IndexedDB writes into the app's Dexie stores, 20,000 per transaction. */
async function seed(args: {
  readings: number;
  chartPoints: number;
  perSession: number;
  chartId: string;
}): Promise<number> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('emotion-detector');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const T0 = Date.UTC(2024, 0, 1);
  const probabilities = [0.05, 0.02, 0.08, 0.1, 0.1, 0.05, 0.6];
  const summary = (records: number) => ({
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
  let tx = db.transaction(['sessions', 'records'], 'readwrite');
  let inTx = 0;
  for (const [s, { id, n }] of plan.entries()) {
    const startedAt = T0 + s * 86_400_000;
    tx.objectStore('sessions').put({
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
      summary: summary(n),
    });
    for (let k = 0; k < n; k++) {
      const stress = (k * 7) % 100;
      tx.objectStore('records').put({
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
      });
      if (++inTx >= 20_000) {
        await commit(tx);
        tx = db.transaction(['sessions', 'records'], 'readwrite');
        inTx = 0;
      }
    }
  }
  await commit(tx);
  db.close();
  return plan.length;
}
