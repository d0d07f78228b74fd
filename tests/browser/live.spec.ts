/**
 * Live mode end to end: Chromium's fake camera plays ../shared/data/video/faces-640x480.y4m
 * (1 face, then 4, then 1, looping every 4.6 s) into the built app under our nginx.conf.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordSession, startCamera } from './camera';

const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

const epochNow = (page: Page) => page.evaluate(() => performance.timeOrigin + performance.now());

test.describe('live camera', () => {
  test('finds the faces of the clip, with emotion, stress, fps and latency', async ({ page }) => {
    await startCamera(page);
    const counts = new Set<number>();
    await expect
      .poll(
        async () => {
          const faces = await page.getByTestId('face').all();
          counts.add(faces.length);
          for (const face of faces) {
            const emotion = await face.getAttribute('data-emotion').catch(() => null);
            const stress = await face.getAttribute('data-stress').catch(() => null);
            if (emotion === null || stress === null) continue; // gone meanwhile
            expect(EMOTIONS).toContain(emotion);
            expect(Number.isInteger(Number(stress)) && +stress >= 0 && +stress <= 100).toBe(true);
          }
          return Math.max(...counts);
        },
        { timeout: 30_000, intervals: [200] },
      )
      .toBeGreaterThanOrEqual(3);
    expect(counts.has(1)).toBe(true);

    // Processed fps and round-trip latency, sampled for 10 s once running.
    const fps = page.getByTestId('fps');
    await expect.poll(async () => Number(await fps.getAttribute('data-fps'))).toBeGreaterThan(0);
    const samples: { fps: number; latency: number }[] = [];
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(500);
      samples.push({
        fps: Number(await fps.getAttribute('data-fps')),
        latency: Number(await fps.getAttribute('data-latency-ms')),
      });
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const measured = `processed ${median(samples.map((s) => s.fps)).toFixed(1)} fps, latency ${median(samples.map((s) => s.latency)).toFixed(0)} ms (medians of 20 samples over 10 s)`;
    const engine = await page.getByTestId('engine-status').textContent();
    console.log(`live: ${measured}; engine: ${engine?.trim()}`);
    test.info().annotations.push({ type: 'live-rate', description: measured });
    expect(median(samples.map((s) => s.fps))).toBeGreaterThan(0.5);
  });

  test('a refused camera gets a clear message', async ({ page }) => {
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    await page.goto('/live');
    await page.getByTestId('camera-toggle').click();
    await expect(page.getByTestId('camera-error')).toContainText('Camera access was refused');
    await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'error');
    await expect(page.getByTestId('session-toggle')).toBeDisabled();
  });

  test('a missing camera gets a clear message', async ({ page }) => {
    await page.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () =>
        Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
    });
    await page.goto('/live');
    await page.getByTestId('camera-toggle').click();
    await expect(page.getByTestId('camera-error')).toContainText('No camera was found');
  });

  test('pauses while the tab is hidden and says so when it resumes', async ({ page }) => {
    await startCamera(page);
    const setHidden = (hidden: boolean) =>
      page.evaluate((hidden) => {
        if (hidden) {
          Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
          Object.defineProperty(document, 'visibilityState', {
            configurable: true,
            get: () => 'hidden',
          });
        } else {
          // Back to the prototype's getters.
          Reflect.deleteProperty(document, 'hidden');
          Reflect.deleteProperty(document, 'visibilityState');
        }
        document.dispatchEvent(new Event('visibilitychange'));
      }, hidden);

    await setHidden(true);
    await expect(page.getByTestId('live-paused')).toBeVisible();
    await expect(page.getByTestId('face')).toHaveCount(0);
    await page.waitForTimeout(1500);
    await expect(page.getByTestId('face')).toHaveCount(0);

    await setHidden(false);
    await expect(page.getByTestId('live-notice')).toContainText(/Paused for \d+ s.*resumed/);
    await expect(page.getByTestId('face').first()).toBeVisible({ timeout: 15_000 });
  });

  test('a recorded session persists across a reload and shows in history with charts', async ({
    page,
  }) => {
    await startCamera(page);
    await recordSession(page, 5, 'E2E live session', 'e2e, camera');
    await page.getByTestId('session-toggle').click();
    const summary = page.getByTestId('session-summary');
    await expect(summary).toBeVisible();
    expect(Number(await summary.getAttribute('data-records'))).toBeGreaterThanOrEqual(4);
    expect(Number(await summary.getAttribute('data-duration-ms'))).toBeGreaterThanOrEqual(5000);

    await page.reload();
    await page.getByRole('link', { name: 'History' }).click();
    const row = page.getByTestId('session-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('E2E live session');
    await expect(row).toContainText('camera');

    await row.getByRole('link').click();
    await expect(page.getByTestId('session-title')).toHaveText('E2E live session');
    const stress = page.getByTestId('stress-chart');
    await expect(stress).toBeVisible();
    expect(Number(await stress.getAttribute('data-points'))).toBeGreaterThanOrEqual(4);
    for (const id of ['stress-chart', 'emotion-timeline-chart', 'emotion-mix-chart']) {
      const painted = await page.getByTestId(id).evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
      expect(painted, `${id} has painted pixels`).toBeGreaterThan(1000);
    }
    // A session page loads on its own too (served by the SPA fallback).
    await page.reload();
    await expect(page.getByTestId('session-title')).toHaveText('E2E live session');
    // The data tables for screen readers.
    await expect(
      page.getByRole('table', { name: /Stress over time/ }).locator('tbody tr'),
    ).not.toHaveCount(0);

    const select = page.getByTestId('face-select');
    if (await select.isVisible()) {
      await select.selectOption({ index: 1 });
      await expect(page.getByText(/Summary \(face \d+\)/)).toBeVisible();
      await expect(page.getByTestId('stress-chart')).toBeVisible();
    }
  });

  test('closing the page mid-session keeps what was recorded', async ({ context, page }) => {
    await startCamera(page);
    const { startedAt } = await recordSession(page, 4, 'Closed mid-session', 'e2e, camera');
    await page.waitForTimeout(1200);
    const closedAt = await epochNow(page);
    await page.close();

    const next = await context.newPage();
    await next.goto('/history');
    const row = next.getByTestId('session-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('recovered');
    const duration = Number(await row.getAttribute('data-duration-ms'));
    expect(duration).toBeGreaterThanOrEqual(closedAt - startedAt - 2000);

    // The records themselves reach to within 2 s of the close.
    await row.getByRole('link').click();
    const firstCells = next
      .getByRole('table', { name: /Stress over time/ })
      .locator('tbody tr td:first-child');
    await expect(firstCells).not.toHaveCount(0);
    const seconds = await firstCells.allTextContents();
    // A row covers one second, or a span "from–to" in long sessions.
    const lastSecond = Number(seconds.at(-1)?.split('–').at(-1));
    const lastSecondEnd = startedAt + (lastSecond + 1) * 1000;
    expect(lastSecondEnd).toBeGreaterThanOrEqual(closedAt - 2000);
  });
});
