/**
 * Live mode with Chromium's fake camera playing the shared clip: processed fps and latency as the
 * page shows them, camera frames not analysed, and main-thread tasks over 50 ms, in steady state.
 */
import type { Browser } from '@playwright/test';
import { newContext } from '../lib/browser';
import { watchLongTasks } from '../lib/in-page';
import { median, quantile } from '../lib/stats';

export interface LiveResult {
  seconds: number;
  cameraFps: number;
  processedFps: number;
  latencyMs: number;
  /** p95 of the page's latency figure over the samples. */
  latencyP95Ms: number;
  cameraFrames: number;
  framesNotAnalysed: number;
  longTasks: number[];
  /**
   * Share of the window the page's main thread spent in tasks (Chromium's Performance domain),
   * and the parts of it in script and in style and layout: the margin left before a frame's work
   * meets a long task on a loaded machine.
   */
  mainThread: { busy: number; script: number; styleLayout: number };
}

const SECONDS = 10;

export async function benchLive(browser: Browser, origin: string): Promise<LiveResult> {
  const context = await newContext(browser, origin);
  try {
    const page = await context.newPage();
    await page.goto('/live');
    await page
      .locator('[data-testid="engine-status"][data-state="ready"]')
      .waitFor({ timeout: 90_000 });
    await page.getByTestId('camera-toggle').click();
    await page.getByTestId('face').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(3_000); // past the first frames: steady state
    await page.evaluate(watchLongTasks);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metrics = async () =>
      Object.fromEntries(
        (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
      );
    const metrics0 = await metrics();
    const videoFrames = () =>
      page.evaluate(
        () => document.querySelector('video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0,
      );
    const frames0 = await videoFrames();
    const fps = page.getByTestId('fps');
    const samples: { fps: number; latency: number }[] = [];
    const t0 = Date.now();
    for (let i = 0; i < SECONDS * 2; i++) {
      await page.waitForTimeout(500);
      samples.push({
        fps: Number(await fps.getAttribute('data-fps')),
        latency: Number(await fps.getAttribute('data-latency-ms')),
      });
    }
    const seconds = (Date.now() - t0) / 1000;
    const metrics1 = await metrics();
    const share = (...names: string[]) =>
      names.reduce((sum, n) => sum + (metrics1[n] ?? 0) - (metrics0[n] ?? 0), 0) / seconds;
    const cameraFrames = (await videoFrames()) - frames0;
    const longTasks = await page.evaluate(
      () => (window as typeof window & { __longTasks?: number[] }).__longTasks ?? [],
    );
    const processedFps = median(samples.map((s) => s.fps));
    return {
      seconds: Math.round(seconds),
      cameraFps: cameraFrames / seconds,
      processedFps,
      latencyMs: median(samples.map((s) => s.latency)),
      latencyP95Ms: quantile(
        samples.map((s) => s.latency),
        0.95,
      ),
      cameraFrames,
      framesNotAnalysed: Math.max(0, cameraFrames - Math.round(processedFps * seconds)),
      longTasks,
      mainThread: {
        busy: share('TaskDuration'),
        script: share('ScriptDuration'),
        styleLayout: share('RecalcStyleDuration', 'LayoutDuration'),
      },
    };
  } finally {
    await context.close();
  }
}
