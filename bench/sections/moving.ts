/**
 * The moving clip (../shared/data/video/moving-faces-640x480-30fps.mjpeg, 360 frames of faces that
 * drift, zoom and carry sensor noise): every frame through our live path and through human set up
 * for live video, interleaved in one page; our boxes scored against the clip's frame map; and the
 * real /live page with the clip as Chromium's 30 fps fake camera.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { scoreClip, type ClipScore, type ClipSegment, type FrameBoxes } from '../lib/box-match';
import { launch, newContext } from '../lib/browser';
import { humanLiveConfig } from '../lib/human-config';
import { runMoving, setupPage, type MovingSample, type SetupReport } from '../lib/in-page';
import { median, pairedRatio, quantile } from '../lib/stats';
import { benchLive, type LiveResult } from './live';

export interface Timing {
  median: number;
  p95: number;
  mean: number;
}

export interface MovingResult extends ClipScore {
  setup: SetupReport;
  /** Frames replayed (the clip's); ClipScore's own count is in countedFrames. */
  frames: number;
  countedFrames: number;
  /** Median of per-frame ratios ours / human (our page round trip against human's detect). */
  ratio: number;
  ratioOfMeans: number;
  oursMs: Timing;
  oursWorkerMs: Timing;
  /** The worker's time on frames that only tracked, and on frames that scanned the whole frame. */
  oursWorkerTrackedMs?: Timing;
  oursWorkerScannedMs?: Timing;
  /** Medians of the worker's stages on tracked frames (ms). */
  oursTrackedStagesMs?: Record<string, number>;
  humanMs: Timing;
  /** Share of our frames that reused a recent detection. */
  detectionReusedShare: number;
  live: {
    processedFps: number;
    cameraFps: number;
    framesNotAnalysed: number;
    cameraFrames: number;
    latencyMs: { p50: number; p95: number };
    longTasks: number;
    /** The longest of them, ms (0 without one). */
    longestTaskMs: number;
    mainThread: LiveResult['mainThread'];
  };
}

const mean = (v: readonly number[]) => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
const timing = (v: readonly number[]): Timing => ({
  median: median(v),
  p95: quantile(v, 0.95),
  mean: mean(v),
});

export async function benchMoving(
  browser: Browser,
  origin: string,
  workerPath: string,
  clip: { mjpeg: string; map: string; frames: number },
): Promise<MovingResult> {
  const map = JSON.parse(readFileSync(clip.map, 'utf8')) as {
    boxes: FrameBoxes[];
    segments: ClipSegment[];
  };
  const context = await newContext(browser, origin);
  let replay;
  try {
    const page = await context.newPage();
    await page.goto('/bench/');
    const setup = await page.evaluate(setupPage, {
      workerPath,
      backend: 'wasm' as const,
      photos: [],
      humanConfig: humanLiveConfig('wasm'),
    });
    await page.evaluate(runMoving, { frames: 30 }); // warm-up, discarded
    const samples = await page.evaluate(runMoving, { frames: clip.frames });
    replay = { setup, samples };
  } finally {
    await context.close();
  }
  const { setup, samples } = replay;
  const ours = samples.map((s) => s.oursMs);
  const human = samples.map((s) => s.humanMs);
  const score = scoreClip(
    samples.map((s) => s.boxes),
    map.boxes,
    map.segments,
  );
  return {
    setup,
    ...score,
    frames: samples.length,
    countedFrames: score.frames,
    ratio: pairedRatio(ours, human),
    ratioOfMeans: mean(ours) / mean(human),
    oursMs: timing(ours),
    oursWorkerMs: timing(samples.map((s) => s.oursWorkerMs)),
    oursWorkerTrackedMs: timing(
      samples.filter((s) => s.detectionReused).map((s) => s.oursWorkerMs),
    ),
    oursWorkerScannedMs: timing(
      samples.filter((s) => !s.detectionReused).map((s) => s.oursWorkerMs),
    ),
    oursTrackedStagesMs: stageMedians(samples.filter((s) => s.detectionReused)),
    humanMs: timing(human),
    detectionReusedShare: samples.filter((s) => s.detectionReused).length / samples.length,
    live: liveFigures(await liveOnClip(clip.mjpeg, origin)),
  };
}

function stageMedians(samples: readonly MovingSample[]): Record<string, number> {
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.oursStages)))];
  return Object.fromEntries(
    names.map((n) => [n, median(samples.map((s) => s.oursStages[n] ?? NaN))]),
  );
}

async function liveOnClip(mjpeg: string, origin: string): Promise<LiveResult> {
  const camera = await launch(mjpeg);
  try {
    return await benchLive(camera, origin);
  } finally {
    await camera.close();
  }
}

function liveFigures(l: LiveResult): MovingResult['live'] {
  return {
    processedFps: l.processedFps,
    cameraFps: l.cameraFps,
    framesNotAnalysed: l.framesNotAnalysed,
    cameraFrames: l.cameraFrames,
    latencyMs: { p50: l.latencyMs, p95: l.latencyP95Ms },
    longTasks: l.longTasks.length,
    longestTaskMs: Math.max(0, ...l.longTasks),
    mainThread: l.mainThread,
  };
}
