/**
 * Everyone can use it (issue 13): axe-core (WCAG 2.1 A and AA, no serious or critical violation)
 * on every page and the states that matter, in the light and the dark theme; reduced motion,
 * forced colours, and the polite live region that announces the main face.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './a11y';
import { recordSession, startCamera } from './camera';
import { expect, test } from './fixtures';

const facesDir = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'faces');

/** Runs axe in the light theme, then in the dark one, then back to light. */
async function expectAccessibleInBothThemes(page: Page, state: string): Promise<void> {
  await expectAccessible(page, state);
  await page.emulateMedia({ colorScheme: 'dark' });
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(luminance(background), `${state}: the dark theme's background`).toBeLessThan(0.05);
  await expectAccessible(page, `${state} (dark)`);
  await page.emulateMedia({ colorScheme: 'light' });
}

interface Announcement {
  t: number;
  text: string;
}

/**
 * Keeps each text the live region takes, with the time it took it, on `window.__announced`: the
 * region's own `data-at` (when the page set the text), not when an observer saw it, which can lag.
 */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="live-announcer"]');
    if (!region) throw new Error('no live region');
    const log: Announcement[] = [];
    (window as unknown as { __announced: Announcement[] }).__announced = log;
    const take = () => {
      const text = region.textContent?.trim() ?? '';
      const at = Number((region as HTMLElement).dataset.at);
      if (text !== log.at(-1)?.text)
        log.push({ t: Number.isFinite(at) ? at : performance.now(), text });
    };
    take();
    new MutationObserver(take).observe(region, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
}

/** Relative luminance of an `rgb(r, g, b)` computed colour. */
function luminance(rgb: string): number {
  const [r = 0, g = 0, b = 0] = (rgb.match(/\d+(\.\d+)?/g) ?? []).map(Number).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

test.describe('accessibility', () => {
  test('photo page before and after an analysis', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready', {
      timeout: 60_000,
    });
    await expectAccessibleInBothThemes(page, 'photo, before');
    await page.getByTestId('photo-input').setInputFiles(path.join(facesDir, 'meeting-group.jpg'));
    await expect(page.getByTestId('analysis-status')).toHaveAttribute('data-state', 'done', {
      timeout: 60_000,
    });
    await expect(page.getByTestId('face').first()).toBeVisible();
    await expectAccessibleInBothThemes(page, 'photo, after an analysis');
  });

  test('live with faces, a session, history and the session page', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await startCamera(page);
    await recordAnnouncements(page);
    await expectAccessibleInBothThemes(page, 'live with faces');

    // Forced colours: the face boxes keep a visible outline.
    await page.emulateMedia({ forcedColors: 'active' });
    // Read in one task of the page: a box is redrawn every frame, and a box that a locator
    // found may be gone by the time it is evaluated (a detached element has no computed style).
    const faceBoxStroke = () =>
      page.evaluate(() => {
        const rect = document.querySelector('[data-testid="face-box"]');
        if (!rect) return null;
        const style = getComputedStyle(rect);
        return { color: style.stroke, width: parseFloat(style.strokeWidth) };
      });
    const seen: { stroke?: Awaited<ReturnType<typeof faceBoxStroke>> } = {};
    await expect.poll(async () => (seen.stroke = await faceBoxStroke())).not.toBeNull();
    const stroke = seen.stroke ?? { color: 'none', width: 0 };
    expect(stroke.color).not.toMatch(/^(none|transparent|rgba\(\d+, \d+, \d+, 0\))$/);
    expect(stroke.width).toBeGreaterThan(0);
    await page.emulateMedia({ forcedColors: 'none' });

    await recordSession(page, 3, 'Accessible session');
    // Reduced motion: the recording indicator pulses, unless the system asks for less motion.
    const dot = page.getByTestId('session-status').locator('.dot');
    const motion = () =>
      dot.evaluate((el) => {
        const s = getComputedStyle(el);
        return parseFloat(s.animationDuration) + parseFloat(s.transitionDuration);
      });
    expect(await motion()).toBe(0);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(await motion()).toBeGreaterThan(0);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expectAccessible(page, 'live, recording');
    await page.getByTestId('session-toggle').click();
    await expect(page.getByTestId('session-summary')).toBeVisible();
    await expectAccessible(page, 'live, session summary');

    // The live region: the main face first, then at most one face message per 5 s; the
    // session's start and summary at once. Read from the region's log: the checks above may take
    // longer than the 5 s after which a face message may follow the summary.
    const announced = () =>
      page.evaluate(() => (window as unknown as { __announced: Announcement[] }).__announced);
    const summary = /^Session stopped after \d+ s: /;
    await expect.poll(async () => (await announced()).some((a) => summary.test(a.text))).toBe(true);
    const said = await announced();
    const texts = said.map((a) => a.text);
    expect(texts.some((t) => t.startsWith('Main face: '))).toBe(true);
    expect(texts).toContain('Recording started.');
    const afterSummary = texts.slice(texts.findIndex((t) => summary.test(t)) + 1);
    expect(afterSummary.every((t) => /^(Main face|No face|Not enough)/.test(t))).toBe(true);
    said.forEach((a, i) => {
      const previous = said[i - 1];
      if (previous && /^(Main face|No face|Not enough)/.test(a.text))
        expect(a.t - previous.t, `"${a.text}" after "${previous.text}"`).toBeGreaterThan(4_900);
    });

    await page.getByRole('link', { name: 'History' }).click();
    await expect(page.getByTestId('session-row')).toHaveCount(1);
    await expectAccessibleInBothThemes(page, 'history with sessions');

    await page.getByTestId('session-row').getByRole('link').first().click();
    await expect(page.getByTestId('stress-chart')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'session page');
  });

  test('settings, diagnostics, kiosk and its exit dialog', async ({ page }) => {
    await page.goto('/settings');
    await expect(page.getByTestId('kiosk-start')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'settings');

    await page.goto('/diagnostics');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, 'diagnostics');

    await page.goto('/?kiosk');
    await expect(page).toHaveURL(/\/kiosk$/);
    await expect(page.getByTestId('kiosk-readout')).toHaveAttribute('data-state', 'reading', {
      timeout: 90_000,
    });
    await expectAccessibleInBothThemes(page, 'kiosk');
    await page.getByTestId('kiosk-exit').click();
    await expect(page.getByTestId('kiosk-exit-dialog')).toBeVisible();
    await expectAccessibleInBothThemes(page, 'kiosk exit dialog');
  });
});
