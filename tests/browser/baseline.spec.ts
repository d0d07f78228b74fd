/**
 * The personal baseline end to end with the fake camera: calibrate, read stress relative to it,
 * record a session against it, export it, and import it into a fresh browser profile. And the bad
 * paths: too few good readings store nothing; a new profile cannot take a stored one's name.
 */
import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { recordSession, startCamera, turnCameraOn } from './camera';
import { download } from './downloads';
import { expect, test } from './fixtures';

/** The relative stress of every face in view, until at least one has been seen. */
async function relativeFigures(page: Page): Promise<number[]> {
  const seen: number[] = [];
  await expect
    .poll(
      async () => {
        for (const face of await page.getByTestId('face').all()) {
          const r = await face.getAttribute('data-stress-relative').catch(() => null);
          if (r !== null) seen.push(Number(r));
        }
        return seen.length;
      },
      { timeout: 30_000, intervals: [200] },
    )
    .toBeGreaterThan(0);
  return seen;
}

test.describe('personal baseline', () => {
  test('calibrate, relative stress, a session against it, export and import', async ({
    page,
    browser,
    baseURL,
  }) => {
    await startCamera(page);
    const status = page.getByTestId('baseline-status');
    await expect(status).toHaveAttribute('data-state', 'none');
    await expect(page.getByTestId('face').first()).not.toHaveAttribute('data-stress-relative');

    await page.getByTestId('baseline-name').fill('Anna');
    await page.getByTestId('baseline-calibrate').click();
    await expect(status).toHaveAttribute('data-state', 'calibrating');
    await expect(page.getByTestId('baseline-countdown')).toBeVisible();
    await expectAccessible(page, 'calibration');
    await expect(status).toHaveAttribute('data-state', 'active', { timeout: 30_000 });
    await expect(status).toContainText('Anna');
    await expect(page.getByTestId('baseline-message')).toHaveAttribute('data-kind', 'ok');

    for (const r of await relativeFigures(page)) {
      expect(Number.isInteger(r) && r >= -100 && r <= 100, `relative stress ${r}`).toBe(true);
    }

    // A new profile may not take Anna's name: refused, nothing calibrated.
    await page.getByTestId('baseline-profile').selectOption('');
    await expect(status).toHaveAttribute('data-state', 'none');
    await expect(page.getByTestId('face').first()).not.toHaveAttribute('data-stress-relative');
    await page.getByTestId('baseline-name').fill(' Anna ');
    await page.getByTestId('baseline-calibrate').click();
    await expect(page.getByTestId('baseline-message')).toContainText(
      'A profile named "Anna" already exists',
    );
    await expect(status).toHaveAttribute('data-state', 'none');
    await page.getByTestId('baseline-profile').selectOption({ label: 'Anna' });
    await expect(status).toHaveAttribute('data-state', 'active');

    // A session started now records the baseline, and its page shows it.
    await recordSession(page, 2, 'Against Anna');
    await page.getByTestId('session-toggle').click();
    await page.getByTestId('ended-session-link').click();
    const note = page.getByTestId('session-baseline');
    await expect(note).toHaveAttribute('data-baseline-name', 'Anna');
    await expect(note).toHaveAttribute('data-stress-relative', /^-?\d+$/);
    await expect(note).toContainText('Measured against the baseline Anna');

    const one = JSON.parse(await download(page, 'export-session-json'));
    expect(one.sessions[0].baseline).toMatchObject({ name: 'Anna' });
    expect(one.baselines).toHaveLength(1);
    expect(one.baselines[0]).toMatchObject({ name: 'Anna', id: one.sessions[0].baseline.id });
    expect(one.baselines[0].probabilities).toHaveLength(7);
    expect(one.baselines[0].goodSeconds).toBeGreaterThanOrEqual(5);

    await page.goto('/history');
    const backup = await download(page, 'export-json');
    expect(JSON.parse(backup).baselines).toEqual(one.baselines);

    // A fresh browser profile gets the profile back from the backup.
    const fresh = await browser.newContext({ baseURL });
    try {
      const other = await fresh.newPage();
      await other.goto('/history');
      await other.getByTestId('import-input').setInputFiles({
        name: 'backup.json',
        mimeType: 'application/json',
        buffer: Buffer.from(backup),
      });
      await expect(other.getByTestId('transfer-status')).toContainText('Imported 1 profiles.');
      await other.goto('/settings');
      const picker = other.getByTestId('baseline-profile');
      await expect(picker.getByRole('option', { name: 'Anna' })).toHaveCount(1);
      await picker.selectOption({ label: 'Anna' });
      await expect(other.getByTestId('baseline-status')).toHaveAttribute('data-state', 'active');
      // The same file again adds nothing.
      await other.goto('/history');
      await other.getByTestId('import-input').setInputFiles({
        name: 'backup.json',
        mimeType: 'application/json',
        buffer: Buffer.from(backup),
      });
      await expect(other.getByTestId('transfer-status')).toContainText(
        '1 profiles already here: skipped.',
      );
    } finally {
      await fresh.close();
    }

    // The kiosk's readout shows it too (kiosk mode on: every page leads to /kiosk from here on).
    await page.goto('/kiosk?kiosk');
    const readout = page.getByTestId('kiosk-readout');
    await expect(readout).toHaveAttribute('data-state', 'reading', { timeout: 60_000 });
    await expect(readout).toHaveAttribute('data-stress-relative', /^-?\d+$/);
    await expect(readout).toContainText('Against your baseline');
  });

  test('too few good seconds: a clear message, and nothing is stored', async ({ page }) => {
    // The fake camera, dimmed to 12 %: the faces are still found, but read as too dark.
    await page.addInitScript(() => {
      const media = navigator.mediaDevices;
      const open = media.getUserMedia.bind(media);
      media.getUserMedia = async (constraints) => {
        const real = await open(constraints);
        const video = document.createElement('video');
        video.muted = true;
        video.srcObject = real;
        await video.play();
        const canvas = document.createElement('canvas');
        canvas.width = 640;
        canvas.height = 480;
        const ctx = canvas.getContext('2d');
        const draw = () => {
          if (!ctx) return;
          ctx.filter = 'brightness(0.12)';
          ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
        };
        setInterval(draw, 50);
        draw();
        return canvas.captureStream(15);
      };
    });
    // Only the camera on: a face too dark to read may not be found at all.
    await turnCameraOn(page);

    const status = page.getByTestId('baseline-status');
    await page.getByTestId('baseline-name').fill('Dim');
    await page.getByTestId('baseline-calibrate').click();
    await expect(status).toHaveAttribute('data-state', 'calibrating');
    const message = page.getByTestId('baseline-message');
    await expect(message).toHaveAttribute('data-kind', 'error', { timeout: 30_000 });
    await expect(message).toHaveText(
      /^(Only [0-4] s of good readings \(5 s needed.*\)\. Look at the camera in good light and try again\.|No face was seen during calibration\..*) Nothing was stored\.$/,
    );
    await expect(status).toHaveAttribute('data-state', 'none');
    await expect(page.getByTestId('baseline-profile').getByRole('option')).toHaveText([
      'No baseline',
    ]);
    const stored = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('emotion-detector');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const count = open.result.transaction('baselines').objectStore('baselines').count();
            count.onsuccess = () => (open.result.close(), resolve(count.result));
          };
        }),
    );
    expect(stored).toBe(0);
  });
});
