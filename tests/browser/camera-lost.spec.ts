/**
 * A camera lost on /live (unplugged, switched off, taken by another application): its track ends,
 * analysis stops with a message, the boxes go, a running session pauses, and the camera can be
 * reconnected. The fake camera cannot be unplugged, so the test ends its track from outside: a
 * track stopped by the page fires no 'ended', so the event is dispatched as the browser would.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordSession, startCamera } from './camera';

function unplugCamera(page: Page): Promise<void> {
  return page.evaluate(() => {
    const stream = document.querySelector('video')?.srcObject as MediaStream | null;
    if (!stream) throw new Error('no camera stream on the page');
    for (const track of stream.getVideoTracks()) {
      track.stop();
      track.dispatchEvent(new Event('ended'));
    }
  });
}

const savedUntil = async (page: Page) =>
  Number(await page.getByTestId('session-status').getAttribute('data-saved-until'));

test('a camera lost while recording: a message, no stale boxes, the session paused, reconnect resumes', async ({
  page,
}) => {
  await startCamera(page);
  await recordSession(page, 1, 'Unplugged');

  await unplugCamera(page);
  const lost = page.getByTestId('camera-lost');
  await expect(lost).toContainText('The camera stopped sending video');
  await expect(page.getByTestId('session-paused')).toBeVisible();
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'lost');
  await expect(page.getByTestId('face')).toHaveCount(0);
  await expect(page.getByTestId('fps')).toHaveAttribute('data-fps', '');

  // Paused: the session's saved seconds stop moving while the camera is away.
  const pausedAt = await savedUntil(page);
  await page.waitForTimeout(2_500);
  expect(await savedUntil(page)).toBe(pausedAt);
  await expect(page.getByTestId('face')).toHaveCount(0);

  await page.getByTestId('camera-reconnect').click();
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'on', {
    timeout: 30_000,
  });
  await expect(lost).toHaveCount(0);
  await expect(page.getByTestId('face').first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => savedUntil(page), { timeout: 10_000 }).toBeGreaterThan(pausedAt + 1000);
  await expect(page.getByTestId('session-status')).toContainText('Unplugged');
});

test('a camera lost with no session running can be reconnected', async ({ page }) => {
  await startCamera(page);
  await unplugCamera(page);
  await expect(page.getByTestId('camera-lost')).toBeVisible();
  await expect(page.getByTestId('session-paused')).toHaveCount(0);
  await expect(page.getByTestId('session-toggle')).toBeDisabled();
  await page.getByTestId('camera-reconnect').click();
  await expect(page.getByTestId('face').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('session-toggle')).toBeEnabled();
});
