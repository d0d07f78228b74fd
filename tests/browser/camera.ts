/** Shared steps of the browser tests that use the fake camera. */
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Opens /live, waits for the models, turns the camera on and waits for a first face. */
export async function startCamera(page: Page): Promise<void> {
  await page.goto('/live');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  await page.getByTestId('camera-toggle').click();
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'on', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('face').first()).toBeVisible({ timeout: 30_000 });
}
