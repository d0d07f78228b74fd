/**
 * Kiosk mode end to end: `?kiosk` starts the fake camera by itself and shows the large readout,
 * history and export are out of reach, a lost camera is retried, the exit needs the PIN, and
 * retention purges old sessions from the real IndexedDB.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Opens `url` (which turns kiosk mode on) and waits for the camera and a reading. */
async function startKiosk(page: Page, url = '/?kiosk'): Promise<void> {
  await page.goto(url);
  await expect(page).toHaveURL(/\/kiosk$/);
  await expect(page.getByTestId('kiosk-camera-status')).toHaveAttribute('data-state', 'running', {
    timeout: 90_000,
  });
  await expect(page.getByTestId('kiosk-readout')).toHaveAttribute('data-state', 'reading', {
    timeout: 30_000,
  });
}

async function openSettings(page: Page): Promise<void> {
  await page.goto('/settings');
  await expect(page.getByTestId('kiosk-start')).toBeVisible();
}

/** Writes sessions (each with two records) straight into the app's IndexedDB stores. */
async function seedSessions(page: Page, sessions: { id: string; endedAt: number }[]) {
  await page.goto('/history'); // opens (creates) the database with the app's schema
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('emotion-detector');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(['sessions', 'records'], 'readwrite');
    for (const { id, endedAt } of rows) {
      const startedAt = endedAt - 2000;
      tx.objectStore('sessions').put({
        id,
        kind: 'live',
        label: `Seeded ${id}`,
        tags: [],
        note: '',
        startedAt,
        updatedAt: endedAt,
        endedAt,
        status: 'ended',
        recovered: false,
        summary: null,
      });
      for (const s of [0, 1]) {
        tx.objectStore('records').put({
          sessionId: id,
          faceId: 1,
          t: startedAt + s * 1000,
          dominant: 'neutral',
          probabilities: [0, 0, 0, 0, 0, 0, 1],
          stress: 10,
          level: 'low',
          valence: 0,
          arousal: 0,
          quality: 1,
          frames: 5,
        });
      }
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, sessions);
}

interface Stored {
  /** Seeded sessions by id, the kiosk's own visits as "visit:<status>". */
  sessions: string[];
  /** The same name per record. */
  records: string[];
}

/** What is stored, by session, sorted. */
function stored(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('emotion-detector');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
        req.onerror = () => reject(req.error);
      });
    const sessions = await all('sessions');
    const name = new Map(
      sessions.map((s) => [
        String(s.id),
        s.label === 'Kiosk visit' ? `visit:${String(s.status)}` : String(s.id),
      ]),
    );
    const records = (await all('records')).map((r) => name.get(String(r.sessionId)) ?? 'orphan');
    db.close();
    return { sessions: [...name.values()].sort(), records: [...new Set(records)].sort() };
  });
}

test.describe('kiosk mode', () => {
  test('?kiosk starts the camera, shows the readout, hides history and export', async ({
    page,
  }) => {
    await startKiosk(page);
    const readout = page.getByTestId('kiosk-readout');
    expect(EMOTIONS).toContain(await readout.getAttribute('data-emotion'));
    const stress = Number(await readout.getAttribute('data-stress'));
    expect(Number.isInteger(stress) && stress >= 0 && stress <= 100).toBe(true);
    await expect(readout).toContainText(/stress/i);

    // No navigation, no history, no export anywhere on the screen.
    await expect(page.getByRole('navigation')).toHaveCount(0);
    await expect(page.getByRole('link', { name: /history/i })).toHaveCount(0);
    await expect(page.getByText(/export/i)).toHaveCount(0);
    await expect(page.getByTestId('kiosk-wake-lock')).toHaveAttribute(
      'data-state',
      /^(held|refused|unsupported)$/,
    );

    // Full screen on the first touch or key.
    await readout.click();
    await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);

    // History and settings lead back to the kiosk screen, after a reload too.
    for (const path of ['/history', '/settings', '/live']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/kiosk$/);
      await expect(page.getByRole('navigation')).toHaveCount(0);
      await expect(page.getByTestId('session-row')).toHaveCount(0);
    }
    await expect(page.getByTestId('kiosk-camera-status')).toHaveAttribute('data-state', 'running', {
      timeout: 60_000,
    });
    await expect(readout).toHaveAttribute('data-state', 'reading', { timeout: 30_000 });
  });

  test('a lost camera is retried and says so; no face resets the screen', async ({ page }) => {
    // The next camera opens fail while the test says the camera is unplugged.
    await page.addInitScript(() => {
      const media = navigator.mediaDevices;
      const open = media.getUserMedia.bind(media);
      media.getUserMedia = (constraints) =>
        (window as unknown as { unplugged?: boolean }).unplugged
          ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError'))
          : open(constraints);
    });
    await openSettings(page);
    await page.getByTestId('kiosk-idle').fill('3');
    await page.getByTestId('kiosk-idle').blur();
    expect(await page.evaluate(() => localStorage.getItem('emotion-detector:kiosk'))).toContain(
      '"idleMs":3000',
    );
    await startKiosk(page);

    await page.evaluate(() => {
      Object.assign(window, { unplugged: true });
      const video = document.querySelector('video');
      const track = (video?.srcObject as MediaStream | null)?.getVideoTracks()[0];
      track?.stop(); // a track stopped by the page fires no 'ended' event: say it was unplugged
      track?.dispatchEvent(new Event('ended'));
    });
    const status = page.getByTestId('kiosk-camera-status');
    await expect(status).toHaveAttribute('data-state', 'retrying');
    await expect(status).toHaveText('Camera lost — retrying…');
    await expect(status).toHaveAttribute('data-reason', /No camera was found/, { timeout: 10_000 });
    // No face seen for the idle time (3 s, not the default 10 s): the screen goes back to idle.
    const readout = page.getByTestId('kiosk-readout');
    await expect(readout).toHaveAttribute('data-state', 'idle', { timeout: 6_000 });
    await expect(readout).toContainText('Step in front of the camera');
    await expect(readout).not.toHaveAttribute('data-emotion');

    await page.evaluate(() => Object.assign(window, { unplugged: false }));
    await expect(status).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await expect(readout).toHaveAttribute('data-state', 'reading', { timeout: 30_000 });
  });

  test('leaving needs the PIN: a wrong one is refused, the right one leaves', async ({ page }) => {
    await openSettings(page);
    await page.getByTestId('kiosk-pin-new').fill('12');
    await page.getByTestId('kiosk-pin-save').click();
    await expect(page.getByTestId('kiosk-pin-message')).toHaveText('A PIN is 4 to 12 digits.');
    await page.getByTestId('kiosk-pin-new').fill('2468');
    await page.getByTestId('kiosk-pin-save').click();
    await expect(page.getByTestId('kiosk-pin-state')).toHaveAttribute('data-state', 'set');
    await page.getByTestId('kiosk-start').click();
    await expect(page).toHaveURL(/\/kiosk$/);

    await page.getByTestId('kiosk-exit').click();
    await page.getByTestId('kiosk-pin').fill('1357');
    await page.getByTestId('kiosk-pin-submit').click();
    await expect(page.getByTestId('kiosk-pin-error')).toHaveText('Wrong PIN. Kiosk mode stays on.');
    await page.reload();
    await expect(page.getByTestId('kiosk-readout')).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);

    await page.getByTestId('kiosk-exit').click();
    await page.getByTestId('kiosk-pin').fill('2468');
    await page.getByTestId('kiosk-pin-submit').click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await page.getByRole('link', { name: 'History' }).click();
    await expect(page).toHaveURL(/\/history$/);
  });

  test('a lock-out after five wrong PINs survives a reload, and the next one is longer', async ({
    page,
  }) => {
    await page.clock.install();
    await openSettings(page);
    await page.getByTestId('kiosk-pin-new').fill('2468');
    await page.getByTestId('kiosk-pin-save').click();
    await expect(page.getByTestId('kiosk-pin-state')).toHaveAttribute('data-state', 'set');
    await page.getByTestId('kiosk-start').click();
    await expect(page).toHaveURL(/\/kiosk$/);

    const tryPin = async (pin: string) => {
      if (!(await page.getByTestId('kiosk-pin').isVisible())) {
        await page.getByTestId('kiosk-exit').click();
      }
      await page.getByTestId('kiosk-pin').fill(pin);
      await page.getByTestId('kiosk-pin-submit').click();
      // Checked (the field is cleared) before the next try: a PIN typed meanwhile would be lost.
      if (pin !== '2468') await expect(page.getByTestId('kiosk-pin')).toHaveValue('');
    };
    const error = page.getByTestId('kiosk-pin-error');
    for (let i = 0; i < 4; i++) {
      await tryPin(`100${i}`);
      await expect(error).toHaveText('Wrong PIN. Kiosk mode stays on.');
    }
    await tryPin('1004');
    await expect(error).toHaveText('Too many wrong PINs. Try again in 60 s.');

    // A reload used to forget the count: now even the right PIN waits. The page's clock runs on
    // in real time, and a reload on a loaded machine takes seconds: any remainder above 50 s.
    await page.reload();
    await tryPin('2468');
    await expect(error).toHaveText(/^Too many wrong PINs\. Try again in (5\d|60) s\.$/);
    await expect(page).toHaveURL(/\/kiosk$/);

    // The next five wrong PINs lock for 5 minutes.
    await page.clock.fastForward('01:01');
    for (let i = 0; i < 5; i++) await tryPin(`200${i}`);
    await expect(error).toHaveText('Too many wrong PINs. Try again in 5 min.');
    await page.reload();
    await page.clock.fastForward('05:01');
    await tryPin('2468');
    await expect(page).toHaveURL(/\/settings$/);
  });

  test('without a PIN the exit leaves at once', async ({ page }) => {
    await page.goto('/?kiosk');
    await expect(page).toHaveURL(/\/kiosk$/);
    await page.getByTestId('kiosk-exit').click();
    await expect(page.getByTestId('kiosk-pin')).toHaveCount(0);
    await page.getByTestId('kiosk-pin-submit').click();
    await expect(page).toHaveURL(/\/settings$/);
    await page.goto('/kiosk');
    await expect(page.getByTestId('kiosk-off')).toBeVisible();
  });

  test('retention purges sessions older than the age; by default, every ended one', async ({
    page,
  }) => {
    const now = Date.now();
    await seedSessions(page, [
      { id: 'old', endedAt: now - 3 * DAY },
      { id: 'recent', endedAt: now - HOUR },
    ]);
    expect(await stored(page)).toEqual({ sessions: ['old', 'recent'], records: ['old', 'recent'] });

    // Keep one day: the old session goes, the recent one stays, and each visit is recorded.
    await openSettings(page);
    await page.getByTestId('kiosk-retention').selectOption({ label: '1 day' });
    await page.getByTestId('kiosk-start').click();
    const kiosk = page.getByTestId('kiosk');
    await expect(kiosk).toHaveAttribute('data-purged', '1', { timeout: 30_000 });
    expect((await stored(page)).sessions).not.toContain('old');
    await expect(page.getByTestId('kiosk-readout')).toHaveAttribute('data-state', 'reading', {
      timeout: 90_000,
    });
    await expect
      .poll(() => stored(page), { timeout: 15_000 })
      .toEqual({
        sessions: ['recent', 'visit:recording'],
        records: ['recent', 'visit:recording'],
      });

    // Leaving ends the visit; the default then keeps nothing once a session ends.
    await page.getByTestId('kiosk-exit').click();
    await page.getByTestId('kiosk-pin-submit').click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect
      .poll(() => stored(page))
      .toEqual({ sessions: ['recent', 'visit:ended'], records: ['recent', 'visit:ended'] });
    await page
      .getByTestId('kiosk-retention')
      .selectOption({ label: 'None: delete each session when it ends' });
    await page.getByTestId('kiosk-start').click();
    await expect(kiosk).toHaveAttribute('data-purged', '2', { timeout: 30_000 });
    await expect(page.getByTestId('kiosk-readout')).toHaveAttribute('data-state', 'reading', {
      timeout: 90_000,
    });
    await page.waitForTimeout(2000);
    expect(await stored(page)).toEqual({ sessions: [], records: [] });
  });
});
