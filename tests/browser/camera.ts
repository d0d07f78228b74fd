/** Shared steps of the browser tests that use the fake camera. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Opens /live, waits for the models and turns the camera on (no face need be seen yet). */
export async function turnCameraOn(page: Page): Promise<void> {
  await page.goto('/live');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'on', {
    timeout: 30_000,
  });
}

/** Opens /live, waits for the models, turns the camera on and waits for a first face. */
export async function startCamera(page: Page): Promise<void> {
  await turnCameraOn(page);
  await expect(page.getByTestId('face').first()).toBeVisible({ timeout: 30_000 });
}

/** Starts a session (label, and tags if given) and waits until `seconds` of it are safely stored. */
export async function recordSession(
  page: Page,
  seconds: number,
  label: string,
  tags?: string,
): Promise<{ startedAt: number }> {
  await page.getByLabel('Label').fill(label);
  if (tags !== undefined) await page.getByLabel('Tags').fill(tags);
  await page.getByTestId('session-toggle').click();
  const status = page.getByTestId('session-status');
  await expect(status).toBeVisible();
  const startedAt = Number(await status.getAttribute('data-started-at'));
  await expect
    .poll(async () => Number(await status.getAttribute('data-saved-until')) - startedAt, {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(seconds * 1000);
  return { startedAt };
}
