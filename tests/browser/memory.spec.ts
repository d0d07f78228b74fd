/**
 * Memory over long runs, in Chromium on the WASM backend:
 *
 * 1. The inference worker, driven directly through its message protocol (the same requests the
 *    page's client sends) with 10,000 live frames of a still 160x120 picture of one face, so that
 *    the detection schedule reuses faces as at a desk: it must hold exactly the same tensors and
 *    bytes after the run as before it.
 * 2. The page, on /diagnostics with the fake camera for a few thousand frames: its JS heap after
 *    a forced garbage collection must not grow between the first and the last thousand frames.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const buildDir = path.resolve(process.env.BUILD_DIR ?? 'build');
const facesDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'faces');
const WORKER_FRAMES = Number(process.env.MEMORY_WORKER_FRAMES ?? 10_000);
const PAGE_FRAMES = Number(process.env.MEMORY_PAGE_FRAMES ?? 2_000);
/**
 * A leak of what one frame brings to the page (its analysis: boxes, seven probabilities per face,
 * pixel statistics; a tracked face; about 1-2 kB with the clip's one to four faces) would add
 * 1-2 MB over 1,000 frames. A heap that does not leak still moves after a full GC by some
 * hundreds of kB (compiled code, inline caches, the event log on screen), so 1 MB separates the two.
 */
const HEAP_BOUND_BYTES = 1_000_000;

/** The built inference worker's URL path (its name carries a content hash). */
function workerPath(): string {
  const dir = path.join(buildDir, '_app', 'immutable', 'workers');
  const file = readdirSync(dir).find((f) => /^worker-[\w-]+\.js$/.test(f));
  if (!file) throw new Error(`no inference worker in ${dir}`);
  return `/_app/immutable/workers/${file}`;
}

interface Run {
  before: { numTensors: number; numBytes: number; backend: string | null };
  after: { numTensors: number; numBytes: number; backend: string | null };
  frames: number;
  withFaces: number;
  reused: number;
  ms: number;
}

/** In the page: starts the worker, loads the models on WASM, analyses `frames` copies of a frame. */
async function driveWorker(args: { url: string; jpeg: string; frames: number }): Promise<Run> {
  const worker = new Worker(args.url, { type: 'module', name: 'inference' });
  let nextId = 0;
  const call = <T>(method: string, params: unknown, transfer: Transferable[] = []) =>
    new Promise<T>((resolve, reject) => {
      const id = ++nextId;
      const onMessage = (e: MessageEvent) => {
        const m = e.data as { kind: string; id: number; ok: boolean; value: T; error: Error };
        if (m.kind !== 'reply' || m.id !== id) return;
        worker.removeEventListener('message', onMessage);
        if (m.ok) resolve(m.value);
        else reject(new Error(m.error.message));
      };
      worker.addEventListener('message', onMessage);
      worker.postMessage({ kind: 'request', id, method, params }, transfer);
    });
  const bytes = Uint8Array.from(atob(args.jpeg), (c) => c.charCodeAt(0));
  const still = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }), {
    resizeWidth: 160,
    resizeHeight: 120,
  });
  type Analysis = { faces: unknown[]; detectionReused: boolean };
  const analyze = async () => {
    const bitmap = await createImageBitmap(still);
    return call<Analysis>('analyze', { bitmap, mode: 'live' }, [bitmap]);
  };
  await call('init', { modelBaseUrl: new URL('/models/', location.href).href, backends: ['wasm'] });
  // Warm: the first frames fill the detection schedule and the backend's kernel caches.
  for (let i = 0; i < 20; i++) await analyze();
  const before = await call<Run['before']>('stats', undefined);
  const t0 = performance.now();
  let withFaces = 0;
  let reused = 0;
  for (let i = 0; i < args.frames; i++) {
    const analysis = await analyze();
    if (analysis.faces.length > 0) withFaces++;
    if (analysis.detectionReused) reused++;
  }
  const ms = performance.now() - t0;
  const after = await call<Run['after']>('stats', undefined);
  worker.terminate();
  return { before, after, frames: args.frames, withFaces, reused, ms };
}

/** The page's JS heap after a full garbage collection, in bytes. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

const framesSeen = async (page: Page) =>
  Number((await page.getByTestId('diag-latency').getAttribute('data-total')) || 0);

test.describe('memory', () => {
  test('the worker holds the same tensors and bytes after 10,000 live frames', async ({ page }) => {
    // About 40 ms a frame on two busy cores: 10,000 frames take minutes.
    test.setTimeout(900_000);
    await page.goto('/settings');
    const jpeg = readFileSync(path.join(facesDir, 'neutral-woman.jpg')).toString('base64');
    const run = await page.evaluate(driveWorker, {
      url: workerPath(),
      jpeg,
      frames: WORKER_FRAMES,
    });
    console.log(
      `worker: ${run.frames} frames in ${(run.ms / 1000).toFixed(0)} s ` +
        `(${(run.ms / run.frames).toFixed(1)} ms/frame, ${run.reused} reused detections); ` +
        `tensors ${run.before.numTensors} -> ${run.after.numTensors}, ` +
        `bytes ${run.before.numBytes} -> ${run.after.numBytes}`,
    );
    expect(run.before.backend).toBe('wasm');
    expect(run.withFaces).toBe(run.frames);
    expect(run.reused).toBeGreaterThan(run.frames / 2);
    expect(run.after).toEqual(run.before);
  });

  test('the page heap stays flat over thousands of live frames', async ({ page }) => {
    test.setTimeout(900_000);
    await page.goto('/diagnostics');
    await expect(page.getByTestId('diag-backend')).toHaveAttribute('data-value', 'wasm', {
      timeout: 60_000,
    });
    await page.getByTestId('camera-toggle').click();
    const reach = (frames: number) =>
      expect
        .poll(() => framesSeen(page), { timeout: 900_000, intervals: [1000] })
        .toBeGreaterThanOrEqual(frames);
    // The first thousand frames fill the 1,000-sample latency rings, the tracker and V8's
    // inline caches; from then on nothing is meant to grow.
    await reach(1000);
    const first = await heapAfterGc(page);
    await reach(PAGE_FRAMES);
    const last = await heapAfterGc(page);
    const growth = last - first;
    console.log(
      `page: heap ${(first / 1e6).toFixed(2)} MB after 1,000 frames, ` +
        `${(last / 1e6).toFixed(2)} MB after ${await framesSeen(page)}: ${(growth / 1e3).toFixed(0)} kB`,
    );
    expect(growth).toBeLessThan(HEAP_BOUND_BYTES);
  });
});
