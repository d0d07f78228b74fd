/**
 * The supervised engine end to end: the REAL inference worker of the built app is hung or killed
 * from outside, through Playwright's handle on it (the DevTools protocol underneath); the product
 * has no fault-injection code. The page must notice (missed heartbeat, timeout, error event),
 * restart the worker from the model files it kept, and carry on.
 */
import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { startCamera } from './camera';
import { expect, test } from './fixtures';

const facesDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'faces');
const PHOTO = path.join(facesDir, 'neutral-woman.jpg');

test.setTimeout(180_000);

/** Model files fetched so far (not the manifest): a restart must not fetch them again. */
function countModelDownloads(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/models/') && !url.pathname.endsWith('/manifest.json')) count++;
  });
  return () => count;
}

/** The page's inference worker that is not one of `seen` (a restart starts a new one). */
async function inferenceWorker(page: Page, seen: Set<Worker> = new Set()): Promise<Worker> {
  let found: Worker | undefined;
  await expect
    .poll(() => (found = page.workers().find((w) => !seen.has(w))), { timeout: 30_000 })
    .toBeDefined();
  seen.add(found as Worker);
  return found as Worker;
}

/** Puts the worker into an endless synchronous loop: it answers nothing from now on. */
function hang(worker: Worker): void {
  // Never returns; rejects once the page terminates the worker.
  void worker
    .evaluate(() => {
      for (;;) {
        /* busy */
      }
    })
    .catch(() => {});
}

/** An uncaught error in the worker, as a bug in TensorFlow.js or the engine would throw. */
async function crash(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    setTimeout(() => {
      throw new Error('injected by the test');
    });
  });
}

async function engineReady(page: Page): Promise<void> {
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
}

test('photo: a hung worker is restarted, and the photo still gets its result', async ({ page }) => {
  const downloads = countModelDownloads(page);
  await page.goto('/');
  await engineReady(page);
  const downloaded = downloads();
  expect(downloaded).toBeGreaterThan(0);

  hang(await inferenceWorker(page));
  await page.getByTestId('photo-input').setInputFiles(PHOTO);
  const status = page.getByTestId('analysis-status');
  await expect(status).toHaveAttribute('data-state', 'analyzing');

  const engine = page.getByTestId('engine-status');
  await expect(engine).toHaveAttribute('data-state', 'restarting', { timeout: 30_000 });
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('face')).toHaveCount(1);
  await expect(engine).toHaveAttribute('data-state', 'ready');
  // Noticed by the ping sent ahead of the photo, long before the photo's own timeout.
  await expect(page.getByTestId('engine-restarted')).toContainText(
    /Engine restarted: it did not answer for [\d.]+ s/,
  );
  await expect(page.getByTestId('photo-input')).toBeEnabled();
  // Rebuilt from the files kept in the page: no model was downloaded again.
  expect(downloads()).toBe(downloaded);

  // And the next photo goes through the new worker as usual.
  await page.getByTestId('photo-input').setInputFiles(PHOTO);
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
});

test('live: boxes are cleared while the engine restarts, then faces come back', async ({
  page,
}) => {
  await startCamera(page);
  hang(await inferenceWorker(page));

  const engine = page.getByTestId('engine-status');
  await expect(engine).toHaveAttribute('data-state', 'restarting', { timeout: 30_000 });
  await expect(page.getByTestId('face')).toHaveCount(0);
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'on');

  await expect(engine).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(page.getByTestId('face').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'on');
  await expect(page.getByTestId('engine-restarted')).toContainText(
    /Engine restarted: (it did not answer for \d+(\.\d)? s|a frame took longer than 5 s)/,
  );
});

test('kiosk: the status says the engine is restarting, then the readout reads again', async ({
  page,
}) => {
  await page.goto('/?kiosk');
  const camera = page.getByTestId('kiosk-camera-status');
  await expect(camera).toHaveAttribute('data-state', 'running', { timeout: 90_000 });
  const readout = page.getByTestId('kiosk-readout');
  await expect(readout).toHaveAttribute('data-state', 'reading', { timeout: 30_000 });

  hang(await inferenceWorker(page));
  await expect(camera).toHaveAttribute('data-engine', 'restarting', { timeout: 30_000 });
  await expect(camera).toContainText('the analysis engine is restarting');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'restarting');

  await expect(camera).toHaveAttribute('data-engine', 'ready', { timeout: 60_000 });
  await expect(camera).toHaveText('Camera on');
  await expect(readout).toHaveAttribute('data-state', 'reading', { timeout: 30_000 });
});

test('give-up: a worker that keeps crashing stops the engine, and Retry starts it again', async ({
  page,
}) => {
  await page.goto('/');
  await engineReady(page);
  const engine = page.getByTestId('engine-status');
  const seen = new Set<Worker>();

  // Three restarts within a minute are allowed; the fourth crash gives up.
  for (let restarts = 1; restarts <= 3; restarts++) {
    await crash(await inferenceWorker(page, seen));
    await expect(engine).toHaveAttribute('data-restarts', String(restarts));
    await engineReady(page);
    await expect(page.getByTestId('engine-restarted')).toContainText(
      'Engine restarted: it crashed',
    );
  }
  await crash(await inferenceWorker(page, seen));
  await expect(engine).toHaveAttribute('data-state', 'failed');
  await expect(engine).toContainText(
    'The analysis engine stopped 4 times within 60 s and was not restarted again',
  );
  // Given up: a photo now says so instead of waiting for ever.
  await page.getByTestId('photo-input').setInputFiles(PHOTO);
  const status = page.getByTestId('analysis-status');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(status).toContainText('was not restarted again');

  await page.getByTestId('engine-retry').click();
  await engineReady(page);
  await page.getByTestId('photo-input').setInputFiles(PHOTO);
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('face')).toHaveCount(1);
});
