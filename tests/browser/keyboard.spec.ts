/**
 * Keyboard only (issue 13): the main flows with Tab, Shift+Tab, Enter, Space and Escape, no
 * mouse. Every control reached shows a visible focus indicator, and focus comes back to the
 * control that opened a dialog or a confirmation when it closes.
 */
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const facesDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'faces');

/** Presses Tab (or Shift+Tab) until `target` (a CSS selector or a locator) has the focus. */
async function tabTo(
  page: Page,
  target: string | Locator,
  backwards = false,
  limit = 80,
): Promise<void> {
  const locator = typeof target === 'string' ? page.locator(target).first() : target;
  for (let i = 0; i < limit; i++) {
    const here = locator.evaluate((el) => el === document.activeElement, undefined, {
      timeout: 5_000,
    });
    if (await here.catch(() => false)) {
      await expectFocusVisible(page, String(target));
      return;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`${String(target)} was not reached with ${limit} presses of Tab`);
}

/**
 * The focused element, or the label that shows it for a visually hidden input, draws a focus
 * indicator: an outline or a box shadow.
 */
async function expectFocusVisible(page: Page, what: string): Promise<void> {
  const indicator = await page.evaluate(() => {
    const active = document.activeElement;
    if (!active) return null;
    const shown = (el: Element) => {
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      return outline || s.boxShadow !== 'none' ? `${s.outlineStyle} ${s.outlineWidth}` : null;
    };
    const own = active.matches(':focus-visible') ? shown(active) : null;
    const label = active.closest('label');
    return own ?? (label && label.matches(':focus-within') ? shown(label) : null);
  });
  expect(indicator, `a visible focus indicator on ${what}`).not.toBeNull();
}

const focused = (page: Page, selector: string) =>
  page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

test('keyboard only: photo, camera, a session with a check-in, history, export, dialogs', async ({
  page,
}) => {
  test.setTimeout(240_000);

  // Open a photo: the file input is reached by Tab and opened with Space.
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  await tabTo(page, '[data-testid="photo-input"]');
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.keyboard.press('Space'),
  ]);
  await chooser.setFiles(path.join(facesDir, 'happy-baby.jpg'));
  await expect(page.getByTestId('analysis-status')).toHaveAttribute('data-state', 'done', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('face').first()).toBeVisible();

  // Start the camera.
  await tabTo(page, 'nav a[href="/live"]', true);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/live$/);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
    timeout: 60_000,
  });
  await tabTo(page, '[data-testid="camera-toggle"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'on', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('face').first()).toBeVisible({ timeout: 30_000 });

  // Record a session with a check-in.
  await tabTo(page, page.getByLabel('Label', { exact: true }));
  await page.keyboard.type('Keyboard session');
  await tabTo(page, '[data-testid="session-toggle"]');
  await page.keyboard.press('Enter');
  const status = page.getByTestId('session-status');
  await expect(status).toBeVisible();
  const startedAt = Number(await status.getAttribute('data-started-at'));
  await tabTo(page, '[data-testid="checkin"][data-level="3"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('checkin-confirmation')).toHaveAttribute('data-count', '1');
  await page.keyboard.press('4'); // the shortcut, away from any field
  await expect(page.getByTestId('checkin-confirmation')).toHaveAttribute('data-count', '2');
  await expect
    .poll(async () => Number(await status.getAttribute('data-saved-until')) - startedAt, {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(3000);
  await tabTo(page, '[data-testid="session-toggle"]', true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-summary')).toBeVisible();
  await expect(page.getByTestId('live-announcer')).toContainText('Session stopped');

  // Stop the camera.
  await tabTo(page, '[data-testid="camera-toggle"]', true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('camera-toggle')).toHaveAttribute('data-state', 'off');

  // Open it in history, export it.
  await tabTo(page, 'nav a[href="/history"]', true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-row')).toHaveCount(1);
  await tabTo(page, '[data-testid="session-row"] a');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-title')).toHaveText('Keyboard session');
  await tabTo(page, '[data-testid="export-session-json"]');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.keyboard.press('Enter'),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.json$/);

  // A confirmation: focus goes to its safe answer, and back to the button after Escape.
  await tabTo(page, '[data-testid="delete-this-session"]');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('delete-this-session-confirm')).toBeVisible();
  expect(await focused(page, 'button')).toBe(true);
  await expectFocusVisible(page, 'the confirmation');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('delete-this-session-confirm')).toHaveCount(0);
  expect(await focused(page, '[data-testid="delete-this-session"]')).toBe(true);

  // The kiosk's exit dialog: focus moves into it and returns to "Exit kiosk" when it closes.
  await tabTo(page, 'nav a[href="/settings"]', true);
  await page.keyboard.press('Enter');
  await tabTo(page, '[data-testid="kiosk-start"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/kiosk$/);
  await tabTo(page, '[data-testid="kiosk-exit"]');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('kiosk-exit-dialog');
  await expect(dialog).toBeVisible();
  expect(await focused(page, '[data-testid="kiosk-exit-dialog"] *')).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(await focused(page, '[data-testid="kiosk-exit"]')).toBe(true);
  await expectFocusVisible(page, 'Exit kiosk, after the dialog');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await tabTo(page, '[data-testid="kiosk-pin-submit"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/settings$/);
});
