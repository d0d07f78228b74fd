/**
 * Backups from anywhere, on the real IndexedDB: repeated tags, formula ids, impossible times,
 * duplicate ids, ids already stored here, unreadable files; the import is checked in a worker.
 */
import type { Page } from '@playwright/test';
import { assessAffect } from '../../src/lib/domain/affect/assess';
import { buildExport } from '../../src/lib/domain/session/export-file';
import type { ReadingRecord, SessionRow } from '../../src/lib/domain/session/records';
import { summarize } from '../../src/lib/domain/session/summary';
import { download } from './downloads';
import { expect, test } from './fixtures';

const START = Date.UTC(2025, 5, 2, 9);
const calm = assessAffect([0.01, 0.01, 0.02, 0.1, 0.02, 0.04, 0.8]);
const CALM = {
  dominant: calm.dominant,
  probabilities: calm.probabilities,
  stress: calm.stress,
  level: calm.level,
  valence: calm.valence,
  arousal: calm.arousal,
};

/** One live session of `seconds` calm readings, changed by `extra`. */
function liveSession(id: string, seconds: number, extra: Partial<SessionRow> = {}) {
  const records: ReadingRecord[] = [];
  for (let s = 0; s < seconds; s++) {
    records.push({ sessionId: id, faceId: 1, t: START + s * 1000, ...CALM, quality: 1, frames: 5 });
  }
  const session: SessionRow = {
    id,
    kind: 'live',
    label: `Meeting ${id.slice(0, 4)}`,
    tags: [],
    note: '',
    startedAt: START,
    updatedAt: START + seconds * 1000,
    endedAt: START + seconds * 1000,
    status: 'ended',
    recovered: false,
    baseline: null,
    checkins: [],
    summary: summarize(records, seconds * 1000),
    ...extra,
  };
  return { session, records };
}

function backup(...parts: ReturnType<typeof liveSession>[]): string {
  const file = buildExport(
    parts.map((p) => p.session),
    parts.flatMap((p) => p.records),
    new Date(START),
  );
  return JSON.stringify(file);
}

async function choose(page: Page, text: string, name: string) {
  await page.getByTestId('import-input').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
  const status = page.getByTestId('transfer-status');
  await expect(status).toContainText(name);
  return status;
}

async function csvOf(page: Page): Promise<string[]> {
  return (await download(page, 'export-csv')).trimEnd().split('\r\n');
}

test.describe('data integrity of imports', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/history');
    await expect(page.getByTestId('session-count')).toHaveAttribute('data-total', '0');
  });

  test('repeated tags in a backup are kept once, and the history still renders', async ({
    page,
  }) => {
    const tagged = liveSession('a1b2c3', 3, { tags: ['work', 'work', 'Work', 'focus'] });
    await expect(await choose(page, backup(tagged), 'tags.json')).toHaveAttribute(
      'data-kind',
      'ok',
    );
    const row = page.getByTestId('session-row');
    await expect(row).toHaveCount(1);
    await expect(row.locator('.tag')).toHaveText(['work', 'focus']);
    await row.getByRole('link').click();
    await expect(page.getByTestId('session-title')).toHaveText('Meeting a1b2');
    await expect(page.locator('.meta .tag')).toHaveText(['work', 'focus']);
  });

  test('a formula in any text cell is defused in the CSV', async ({ page }) => {
    const id = '=HYPERLINK("http://example.invalid","open")';
    await choose(page, backup(liveSession(id, 2, { label: '+cmd' })), 'formula.json');
    await expect(page.getByTestId('session-row')).toHaveCount(1);
    const [, ...rows] = await csvOf(page);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatch(/^"'=HYPERLINK\(/);
      expect(row).toContain(`,'+cmd,1,`);
    }
  });

  test('impossible times, backwards sessions and duplicate ids are refused by name', async ({
    page,
  }) => {
    const far = liveSession('f00d', 2);
    far.records[1] = { ...far.records[1]!, t: 1e300 };
    const farStatus = await choose(page, backup(far), 'far.json');
    await expect(farStatus).toHaveAttribute('data-kind', 'error');
    await expect(farStatus).toContainText(
      'records.1.t: must be a time between 2000-01-01 and 2100-01-01',
    );

    const backwards = liveSession('back', 2, { endedAt: START - 60_000 });
    const backStatus = await choose(page, backup(backwards), 'backwards.json');
    await expect(backStatus).toContainText('sessions.0: it ends before it starts');

    const twice = backup(liveSession('same-id', 2), liveSession('same-id', 3, { label: 'Other' }));
    const twiceStatus = await choose(page, twice, 'twice.json');
    await expect(twiceStatus).toContainText('two sessions with the id "same-id"');
    await expect(twiceStatus).toContainText('Nothing was changed');

    await expect(page.getByTestId('session-count')).toHaveAttribute('data-total', '0');
    // Export all still works: nothing impossible reached the database.
    expect(await csvOf(page)).toHaveLength(1);
  });

  test('an id already stored is never overwritten: the same session is skipped, another copied', async ({
    page,
  }) => {
    const mine = liveSession('0a0a0a0a', 4, { label: 'Mine' });
    await choose(page, backup(mine), 'mine.json');
    await expect(page.getByTestId('session-row')).toHaveCount(1);

    const same = await choose(page, backup(mine), 'same.json');
    await expect(same).toContainText('1 already stored here, identical: skipped');
    await expect(page.getByTestId('session-row')).toHaveCount(1);

    const theirs = liveSession('0a0a0a0a', 2, { label: 'Theirs' });
    const clash = await choose(page, backup(theirs), 'theirs.json');
    await expect(clash).toContainText(
      '1 had the id of a different session stored here: imported as a copy with a new id; the stored one was kept.',
    );
    const rows = page.getByTestId('session-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.filter({ hasText: 'Mine' })).toHaveAttribute('data-session-id', '0a0a0a0a');
    await expect(rows.filter({ hasText: 'Mine' })).toHaveAttribute('data-records', '4');
    const copy = rows.filter({ hasText: 'Theirs' });
    await expect(copy).not.toHaveAttribute('data-session-id', '0a0a0a0a');
    await expect(copy).toHaveAttribute('data-records', '2');
  });

  test('the backup is checked in a worker, and an unreadable file leaves the page usable', async ({
    page,
  }) => {
    await page.addInitScript(() => {
      const scripts: string[] = [];
      (window as unknown as { __workers: string[] }).__workers = scripts;
      const Native = window.Worker;
      window.Worker = class extends Native {
        constructor(url: string | URL, options?: WorkerOptions) {
          scripts.push(String(url));
          super(url, options);
        }
      };
    });
    await page.reload();
    await choose(page, backup(liveSession('c0ffee', 2)), 'checked.json');
    await expect(page.getByTestId('session-row')).toHaveCount(1);
    const workers = await page.evaluate(
      () => (window as unknown as { __workers: string[] }).__workers,
    );
    expect(workers.some((url) => /import-worker/.test(url))).toBe(true);

    // The file vanishes between choosing and reading it.
    await page.evaluate(() => {
      const gone = () =>
        Promise.reject(new DOMException('The file was removed.', 'NotReadableError'));
      Blob.prototype.arrayBuffer = gone;
      Blob.prototype.text = gone;
    });
    const status = await choose(page, backup(liveSession('dead', 2)), 'vanished.json');
    await expect(status).toHaveAttribute('data-kind', 'error');
    await expect(status).toContainText('The file was removed');
    await expect(page.getByTestId('export-json')).toBeEnabled();
    await expect(page.getByTestId('import-input')).toBeEnabled();
    await expect(page.getByTestId('session-row')).toHaveCount(1);
  });
});
