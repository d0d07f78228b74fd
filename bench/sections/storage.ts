/**
 * Storage at scale: IndexedDB seeded with `readings` records (one 10,000-second session for the
 * chart, the rest in 1,000-second sessions), then the time to open the history page and to draw
 * that session's chart, each from navigation to painted.
 */
import type { Page } from '@playwright/test';
import { DB_NAME } from '../../src/lib/services/db/db';
import { launchOnDisk } from '../lib/browser';
import { summarize, type Summary } from '../lib/stats';
import { seedReadings, type SeedPlan } from './storage-seed';

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

export async function benchStorage(origin: string, readings: number): Promise<StorageResult> {
  // IndexedDB on disk, as in a person's browser profile (see launchOnDisk).
  const browser = await launchOnDisk(origin);
  try {
    const page = await browser.context.newPage();
    const { sessions, seedMs } = await seedApp(page, readings);
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
    await browser.close();
  }
}

/** Opens the app (which creates its database) and seeds it with `readings` readings, timed. */
export async function seedApp(
  page: Page,
  readings: number,
): Promise<{ sessions: number; seedMs: number }> {
  await page.goto('/history');
  await page.locator('[data-testid="session-count"][data-total]').waitFor();
  const plan: SeedPlan = {
    dbName: DB_NAME,
    sessionStore: 'sessions',
    recordStore: 'records',
    readings,
    chartPoints: CHART_POINTS,
    perSession: PER_SESSION,
    chartId: CHART_ID,
  };
  const t0 = Date.now();
  const sessions = await page.evaluate(seedReadings, plan);
  return { sessions, seedMs: Date.now() - t0 };
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
