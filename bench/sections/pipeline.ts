/**
 * Per-frame speed of our worker and of human, interleaved frame by frame in one page per backend:
 * per-stage median and p95, faces found, and the paired ratio ours/human.
 */
import type { Browser } from '@playwright/test';
import { newContext } from '../lib/browser';
import { humanConfig } from '../lib/human-config';
import { runInterleaved, runScheduled, setupPage, type SetupReport } from '../lib/in-page';
import { BENCH_PHOTOS } from '../lib/serve-root';
import { pairedRatio, summarize, type Summary } from '../lib/stats';

export interface FrameResult {
  frame: string;
  /** Stage name → summary; "transfer" is the round trip less the worker's total. */
  stages: Record<string, Summary>;
  faces: number;
  human: { total: Summary; faces: number };
  /** Median over pairs of ours' worker total / human's total. */
  ratio: number;
  /** The same with our page round trip in place of the worker total. */
  ratioRoundTrip: number;
  /**
   * Our live path on the same still picture, frames in a row (tracking on): worker total per
   * frame, its mean (the cost per frame over time), the share of frames tracked without a full scan,
   * and mean ours / median human.
   */
  scheduled: { total: Summary; mean: number; reusedShare: number; ratioOfMean: number };
}

export interface BackendResult {
  backend: 'wasm' | 'webgl';
  setup: SetupReport;
  frames: FrameResult[];
}

export async function benchPipeline(
  browser: Browser,
  origin: string,
  workerPath: string,
  backend: 'wasm' | 'webgl',
  rounds: number,
): Promise<BackendResult> {
  const context = await newContext(browser, origin);
  try {
    const page = await context.newPage();
    await page.goto('/bench/');
    const setup = await page.evaluate(setupPage, {
      workerPath,
      backend,
      photos: [...BENCH_PHOTOS],
      humanConfig: humanConfig(backend),
    });
    await page.evaluate(runInterleaved, { rounds: 5 }); // warm-up, discarded
    const { ours, human } = await page.evaluate(runInterleaved, { rounds });
    const scheduled = await page.evaluate(runScheduled, { count: rounds });
    const frames = BENCH_PHOTOS.map((frame, f): FrameResult => {
      const o = ours[f] ?? [];
      const h = human[f] ?? [];
      const names = Object.keys(o[0]?.timings ?? {}).filter((k) => k !== 'total');
      const stages: Record<string, Summary> = {
        transfer: summarize(o.map((s) => s.roundTrip - (s.timings.total ?? 0))),
      };
      for (const name of names) stages[name] = summarize(o.map((s) => s.timings[name] ?? 0));
      stages.postprocess ??= summarize(
        o.map((s) => (s.timings.total ?? 0) - names.reduce((a, n) => a + (s.timings[n] ?? 0), 0)),
      );
      stages.total = summarize(o.map((s) => s.timings.total ?? 0));
      stages.roundTrip = summarize(o.map((s) => s.roundTrip));
      const ht = h.map((s) => s.total);
      return {
        frame,
        stages,
        faces: mode(o.map((s) => s.faces)),
        human: { total: summarize(ht), faces: mode(h.map((s) => s.faces)) },
        ratio: pairedRatio(
          o.map((s) => s.timings.total ?? NaN),
          ht,
        ),
        ratioRoundTrip: pairedRatio(
          o.map((s) => s.roundTrip),
          ht,
        ),
        scheduled: scheduledSummary(scheduled[f] ?? [], summarize(ht).median),
      };
    });
    return { backend, setup, frames };
  } finally {
    await context.close();
  }
}

function scheduledSummary(
  samples: { total: number; reused: boolean }[],
  humanMedian: number,
): FrameResult['scheduled'] {
  const totals = samples.map((s) => s.total);
  const mean = totals.reduce((a, b) => a + b, 0) / Math.max(1, totals.length);
  return {
    total: summarize(totals),
    mean,
    reusedShare: samples.filter((s) => s.reused).length / Math.max(1, samples.length),
    ratioOfMean: mean / humanMedian,
  };
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}
