/**
 * Self-report check-ins end to end: made during a live session (button and key), shown on the
 * session page (chart markers, table, agreement), exported in CSV and JSON and imported back.
 */
import { agreement, pairCheckins } from '../../src/lib/domain/session/checkins';
import type { ExportFile } from '../../src/lib/domain/session/export-file';
import { expectAccessible } from './a11y';
import { recordSession, startCamera } from './camera';
import {
  checkinExport,
  SEEDED_ID,
  SEEDED_LABEL,
  SEEDED_LEVELS,
  seedAndOpen,
} from './checkin-session';
import { download } from './downloads';
import { expect, test } from './fixtures';

test.describe('check-ins', () => {
  test('during a live session, by button and by key; the session page shows them', async ({
    page,
  }) => {
    await startCamera(page);
    await recordSession(page, 2, 'Check-in run');

    const confirmation = page.getByTestId('checkin-confirmation');
    await page.locator('[data-testid="checkin"][data-level="2"]').click();
    await expect(confirmation).toContainText('Checked in: 2 · at ease');
    await expect(confirmation).toHaveAttribute('data-count', '1');

    // A key in a field is typing or choosing, not a check-in.
    await page.getByTestId('checkin-reminder-every').focus();
    await page.keyboard.press('3');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expect(confirmation).toHaveAttribute('data-count', '1');
    await expect(page.getByTestId('checkin-reminder-every')).toHaveValue('0');
    await page.keyboard.press('4');
    await expect(confirmation).toContainText('Checked in: 4 · stressed');
    await expect(confirmation).toContainText(', saved');
    await expect(confirmation).toHaveAttribute('data-count', '2');

    await page.getByTestId('session-toggle').click();
    await expect(page.getByTestId('session-toggle')).toHaveAttribute('data-state', 'idle');
    await page.getByTestId('ended-session-link').click();

    await expect(page.getByTestId('stress-chart')).toHaveAttribute('data-checkins', '2');
    const rows = page.getByTestId('checkin-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveAttribute('data-level', '2');
    await expect(rows.nth(1)).toHaveAttribute('data-level', '4');
    await expect(rows.nth(1)).toContainText('4 · stressed');
    await expect(page.getByTestId('checkin-agreement')).toContainText('Too few to tell');
    await expect(page.getByTestId('checkin-agreement')).toHaveAttribute('data-rho', '');

    const json = JSON.parse(await download(page, 'export-session-json')) as ExportFile;
    expect(json.sessions[0]?.checkins.map((c) => c.level)).toEqual([2, 4]);
    const csv = (await download(page, 'export-session-csv')).trimEnd().split('\r\n');
    expect(csv[0]).toMatch(/,frames,checkin$/);
    expect(csv.filter((line) => /,[1-5]$/.test(line) && line.includes(',,,,'))).toHaveLength(2);
  });

  test('a check-in made while storage is full is kept in memory, then saved', async ({ page }) => {
    // While `window.__diskFull` is set, writes of sessions and records fail as on a full disk.
    await page.addInitScript(() => {
      const full = () => (window as unknown as { __diskFull?: boolean }).__diskFull === true;
      const native = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
        if (full() && (this.name === 'records' || this.name === 'sessions')) {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return native.apply(this, args as Parameters<typeof native>);
      };
      const update = IDBCursor.prototype.update;
      IDBCursor.prototype.update = function (this: IDBCursor, value: unknown) {
        if (full()) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return update.call(this, value);
      };
    });
    const setFull = (full: boolean) =>
      page.evaluate((f) => ((window as unknown as { __diskFull: boolean }).__diskFull = f), full);
    await startCamera(page);
    await recordSession(page, 1, 'Full disk check-in');
    await setFull(true);
    await page.keyboard.press('5');
    const confirmation = page.getByTestId('checkin-confirmation');
    await expect(confirmation).toHaveAttribute('data-status', 'in memory');
    await expect(confirmation).toContainText('not saved yet: kept in memory');
    await expect(page.getByTestId('session-error')).toContainText('Storage is full');

    // Space again: the next write-through stores it.
    await setFull(false);
    await expect(confirmation).toHaveAttribute('data-status', 'saved');
    await expect(page.getByTestId('session-error')).toHaveCount(0);
    await page.getByTestId('session-toggle').click();
    await expect(page.getByTestId('session-toggle')).toHaveAttribute('data-state', 'idle');
    await page.getByTestId('ended-session-link').click();
    await expect(page.getByTestId('checkin-row')).toHaveCount(1);
    await expect(page.getByTestId('checkin-row')).toHaveAttribute('data-level', '5');
  });

  test('with 5 or more check-ins the summary gives Spearman with the count; export and import keep them', async ({
    page,
  }) => {
    const file = checkinExport();
    await seedAndOpen(page, file);
    await expect(page.getByTestId('session-title')).toHaveText(SEEDED_LABEL);

    const expected = agreement(pairCheckins(file.sessions[0]!.checkins, file.records));
    expect(expected.count).toBe(6);
    const summary = page.getByTestId('checkin-agreement');
    await expect(summary).toHaveAttribute('data-count', '6');
    await expect(summary).toHaveAttribute('data-rho', expected.rho!.toFixed(3));
    await expect(summary).toContainText(`Spearman ρ ${expected.rho!.toFixed(2)}, 6 check-ins`);
    await expect(summary).toContainText('Strong agreement');
    await expect(page.getByTestId('stress-chart')).toHaveAttribute('data-checkins', '6');
    await expect(page.getByTestId('checkin-row')).toHaveCount(6);
    await expectAccessible(page, 'session page');

    const csv = (await download(page, 'export-session-csv')).trimEnd().split('\r\n');
    const checkinRows = csv.filter((line) => line.split(',').at(2) === '');
    expect(checkinRows.map((line) => Number(line.split(',').at(-1)))).toEqual(SEEDED_LEVELS);
    expect(csv).toHaveLength(1 + file.records.length + SEEDED_LEVELS.length);

    const exported = await download(page, 'export-session-json');
    const json = JSON.parse(exported) as ExportFile;
    expect(json.sessions[0]?.checkins).toEqual(file.sessions[0]?.checkins);

    // Delete, import the export again: the check-ins come back.
    await page.getByTestId('delete-this-session').click();
    await page.getByTestId('delete-this-session-confirm').click();
    await expect(page.getByTestId('session-count')).toHaveAttribute('data-total', '0');
    await page.getByTestId('import-input').setInputFiles({
      name: 'exported.json',
      mimeType: 'application/json',
      buffer: Buffer.from(exported),
    });
    await expect(page.getByTestId('transfer-status')).toHaveAttribute('data-kind', 'ok');
    await page.goto(`/history/${SEEDED_ID}`);
    await expect(page.getByTestId('checkin-row')).toHaveCount(6);
    await expect(page.getByTestId('checkin-agreement')).toHaveAttribute('data-count', '6');
  });
});
