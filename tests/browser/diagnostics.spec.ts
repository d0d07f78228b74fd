/**
 * The diagnostics page end to end, with Chromium's fake camera (../shared/data/video) and the
 * built app under our nginx.conf. Chromium here has only SwiftShader, which the app skips, so the
 * engine runs on WASM.
 */
import { SHIPPED_MODELS } from '../../src/lib/domain/models/manifest';
import type { Page } from '@playwright/test';
import { readDownload } from './downloads';
import { expect, test } from './fixtures';

const numberOf = async (page: Page, testid: string, attribute: string) =>
  Number((await page.getByTestId(testid).getAttribute(attribute)) || NaN);

test.describe('diagnostics', () => {
  test('is linked from Settings', async ({ page }) => {
    await page.goto('/settings');
    await page.getByTestId('diagnostics-link').click();
    await expect(page).toHaveURL(/\/diagnostics$/);
    await expect(page.getByRole('heading', { name: 'Diagnostics', level: 1 })).toBeVisible();
  });

  test('an engine on WASM loads the code of the WASM backend and none of WebGL', async ({
    page,
  }) => {
    const workerScripts: Promise<string>[] = [];
    page.on('response', (response) => {
      if (/\/_app\/immutable\/workers\/.*\.js$/.test(new URL(response.url()).pathname))
        workerScripts.push(response.text());
    });
    await page.goto('/diagnostics');
    await expect(page.getByTestId('diag-backend')).toHaveAttribute('data-value', 'wasm', {
      timeout: 60_000,
    });
    const code = await Promise.all(workerScripts);
    const kernelsOf = (backend: string) =>
      code.filter((c) => new RegExp(`backendName:\\s*["']${backend}["']`).test(c)).length;
    expect(kernelsOf('wasm')).toBeGreaterThan(0);
    expect(kernelsOf('webgl')).toBe(0);
  });

  test('measures the live engine and downloads it all with the event log', async ({ page }) => {
    await page.goto('/diagnostics');
    await expect(page.getByTestId('diag-backend')).toHaveAttribute('data-value', 'wasm', {
      timeout: 60_000,
    });
    // A header row, then one row per shipped model.
    await expect(page.getByTestId('diag-models').getByRole('row')).toHaveCount(
      SHIPPED_MODELS.length + 1,
    );
    await expect(page.getByTestId('diag-models')).toContainText(/[0-9a-f]{64}/);
    await expect(page.getByTestId('diag-isolated')).toHaveAttribute('data-value', 'true');

    await page.getByTestId('camera-toggle').click();
    await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'on', {
      timeout: 30_000,
    });
    await expect
      .poll(() => numberOf(page, 'diag-latency', 'data-frames'), { timeout: 30_000 })
      .toBeGreaterThanOrEqual(20);
    const p50 = await numberOf(page, 'diag-latency', 'data-p50');
    const p95 = await numberOf(page, 'diag-latency', 'data-p95');
    expect(p50).toBeGreaterThan(0);
    expect(p95).toBeGreaterThanOrEqual(p50);
    await expect(page.getByTestId('diag-restarts')).toHaveAttribute('data-value', '0');
    await expect.poll(() => numberOf(page, 'diag-tensors', 'data-value')).toBeGreaterThan(0);
    await expect.poll(() => numberOf(page, 'diag-readings', 'data-value')).toBeGreaterThan(0);
    await expect.poll(() => numberOf(page, 'diag-heap', 'data-value')).toBeGreaterThan(0);
    await expect(page.getByTestId('diag-errors')).toHaveAttribute('data-value', '0');

    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('diag-download').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^emotion-diagnostics-\d{4}-\d\d-\d\d\.json$/);
    const report = JSON.parse(await readDownload(file));
    expect(report.format).toBe('emotion-detector/diagnostics');
    expect(report.engine.backend.name).toBe('wasm');
    expect(report.engine.restarts).toBe(0);
    expect(report.engine.models).toHaveLength(SHIPPED_MODELS.length);
    expect(report.live.latency.total.p50).toBeGreaterThan(0);
    expect(report.live.latency.total.p95).toBeGreaterThanOrEqual(report.live.latency.total.p50);
    expect(report.worker.numTensors).toBeGreaterThan(0);
    expect(report.storage.quotaBytes).toBeGreaterThan(0);
    const engineEvents = report.events.filter((e: { kind: string }) => e.kind === 'engine');
    expect(engineEvents.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Ready on wasm/)]),
    );
    // The page lists the same log, newest first.
    await expect(
      page.getByTestId('diag-events').locator('li[data-kind="engine"]').first(),
    ).toBeVisible();
  });
});
