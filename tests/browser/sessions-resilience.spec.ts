/**
 * Recording when storage misbehaves, with the fake camera: a full disk at Stop, two tabs, no
 * IndexedDB at all, and asking the browser to keep the data. Faults come from outside the app:
 * init scripts that break IndexedDB the way a browser does.
 */
import path from 'node:path';
import { expect, test } from './fixtures';
import { recordSession, startCamera } from './camera';

const facesDir = path.resolve(import.meta.dirname, '../../../shared/data/faces');

/** From the moment `window.__diskFull` is set, writes of records fail as on a full disk. */
function fillDiskOnDemand(): void {
  const full = () => (window as unknown as { __diskFull?: boolean }).__diskFull === true;
  for (const method of ['put', 'add'] as const) {
    const native = IDBObjectStore.prototype[method];
    IDBObjectStore.prototype[method] = function (this: IDBObjectStore, ...args) {
      if (full() && this.name === 'records') {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return native.apply(this, args as Parameters<typeof native>);
    };
  }
}

test.describe('sessions when storage misbehaves', () => {
  test('Stop ends the session on a full disk and says what was lost', async ({ page }) => {
    await page.addInitScript(fillDiskOnDemand);
    await startCamera(page);
    await recordSession(page, 2, 'Full disk', 'work, work');
    await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));
    await expect(page.getByTestId('session-error')).toContainText('Storage is full', {
      timeout: 10_000,
    });
    await page.waitForTimeout(2000);

    await page.getByTestId('session-toggle').click();
    const toggle = page.getByTestId('session-toggle');
    await expect(toggle).toHaveAttribute('data-state', 'idle');
    await expect(toggle).toHaveText('Start session');
    await expect(page.getByTestId('session-error')).toContainText(
      /\d+ seconds? of readings could not be saved: storage is full\. The session was closed as partial\./,
    );
    await expect(page.getByTestId('session-status')).toHaveCount(0);

    await page.goto('/history');
    const row = page.getByTestId('session-row');
    await expect(row).toHaveCount(1);
    await expect(row).not.toContainText('recording…');
    await expect(row.getByTestId('partial-badge')).toBeVisible();
    // "work, work" was typed: one tag.
    await expect(row.locator('.tag')).toHaveText(['work']);
  });

  test('a second tab sees the recording and starts another only when asked to', async ({
    page,
    context,
  }) => {
    await startCamera(page);
    await recordSession(page, 1, 'First tab');

    const second = await context.newPage();
    await startCamera(second);
    const notice = second.getByTestId('recording-elsewhere');
    await expect(notice).toContainText('Another tab of this browser is recording “First tab”');
    await second.getByTestId('session-toggle').click();
    await expect(second.getByTestId('session-start-anyway')).toBeVisible();
    await expect(second.getByTestId('session-toggle')).toHaveAttribute('data-state', 'idle');
    await expect(second.getByTestId('session-status')).toHaveCount(0);

    await second.getByTestId('session-start-anyway').click();
    await expect(second.getByTestId('session-status')).toBeVisible();
    await second.getByTestId('session-toggle').click();
    await expect(second.getByTestId('session-toggle')).toHaveAttribute('data-state', 'idle');
    await page.getByTestId('session-toggle').click();
    await expect(page.getByTestId('session-toggle')).toHaveAttribute('data-state', 'idle');
  });

  test('without IndexedDB: history says why, live shows faces, photos analyse', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    });
    await page.goto('/history');
    await expect(page.getByTestId('history-error')).toContainText(
      'This browser does not let this site store data',
    );
    await expect(page.getByTestId('session-count')).not.toContainText('Loading');

    await startCamera(page);
    await expect(page.getByTestId('recording-unavailable')).toContainText(
      'Recording is unavailable: This browser does not let this site store data',
    );
    await expect(page.getByTestId('session-toggle')).toBeDisabled();

    // Photos: the engine is already loaded in this tab; a client-side visit keeps it.
    await page.getByRole('link', { name: 'Photo', exact: true }).click();
    await page.getByTestId('photo-input').setInputFiles(path.join(facesDir, 'happy-baby.jpg'));
    const analysis = page.getByTestId('analysis-status');
    await expect(analysis).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(page.getByTestId('face').first()).toBeVisible();
  });

  test('recording a session asks the browser to keep the data; Settings shows the answer', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { __persistAsked: number };
      w.__persistAsked = 0;
      const storage = navigator.storage;
      const native = storage.persist.bind(storage);
      storage.persist = () => {
        w.__persistAsked++;
        return native();
      };
    });
    await startCamera(page);
    await recordSession(page, 1, 'Keep me');
    await expect
      .poll(() =>
        page.evaluate(() => (window as unknown as { __persistAsked: number }).__persistAsked),
      )
      .toBeGreaterThan(0);
    await page.getByTestId('session-toggle').click();

    await page.goto('/settings');
    const answer = page.getByTestId('storage-persistence');
    await expect(answer).toHaveAttribute('data-state', /^(granted|not-granted)$/);
    const granted = await navigatorPersisted(page);
    await expect(answer).toHaveAttribute('data-state', granted ? 'granted' : 'not-granted');
    await expect(answer).toContainText(granted ? 'Granted' : 'Not granted');
  });
});

const navigatorPersisted = (page: import('@playwright/test').Page) =>
  page.evaluate(() => navigator.storage.persisted());
