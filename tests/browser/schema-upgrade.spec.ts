/**
 * The upgrade from IndexedDB schema version 1 (the first shipped app) to version 3 (the event
 * log's table, then baselines and the sessions' `baseline` and `checkins`) in a real browser: a
 * version-1 database is written with the raw IndexedDB API exactly as Dexie laid it out (Dexie
 * stores version n as IndexedDB version n * 10), with session rows as version 1 wrote them, then
 * the app opens it, and every session, record and index must still be there and usable.
 */
import type { Page } from '@playwright/test';
import { summarize } from '../../src/lib/domain/session/summary';
import type { SessionRow } from '../../src/lib/domain/session/records';
import { NEUTRAL, record, session, T0 } from '../unit/fixtures/sessions';
import { download } from './downloads';
import { expect, test } from './fixtures';

const DAY_S = 86_400;
const HAPPY = [0.01, 0.01, 0.01, 0.9, 0.02, 0.02, 0.03];

/** A live session `day` days after T0 with one face for `seconds` seconds. */
/** A session row as version 1 stored it: without the fields later versions added. */
function version1Row(row: SessionRow): Record<string, unknown> {
  const { baseline, checkins, ...v1 } = row;
  void baseline;
  void checkins;
  return v1;
}

function day(
  id: string,
  label: string,
  tags: string[],
  dayNo: number,
  seconds: number,
  p: number[],
) {
  const rows = Array.from({ length: seconds }, (_, s) => record(id, 1, dayNo * DAY_S + s, p));
  const startedAt = T0 + dayNo * DAY_S * 1000;
  const durationMs = seconds * 1000;
  const row = session(id, startedAt, {
    label,
    tags,
    updatedAt: startedAt + durationMs,
    endedAt: startedAt + durationMs,
    summary: summarize(rows, durationMs),
  });
  return { row: version1Row(row), rows };
}

const standup = day('a', 'Standup', ['team'], 0, 5, HAPPY);
const review = day('b', 'Review', ['team', 'demo'], 1, 3, NEUTRAL);
const retro = day('c', 'Retro', [], 5, 4, NEUTRAL);
const V1 = {
  sessions: [standup.row, review.row, retro.row],
  records: [...standup.rows, ...review.rows, ...retro.rows],
};

/** Writes the version-1 database in the page's origin, as Dexie's version(1) declared it. */
function writeVersion1(data: typeof V1): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('emotion-detector', 10);
    open.onupgradeneeded = () => {
      const db = open.result;
      const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
      sessions.createIndex('startedAt', 'startedAt');
      sessions.createIndex('status', 'status');
      sessions.createIndex('label', 'label');
      sessions.createIndex('tags', 'tags', { multiEntry: true });
      sessions.createIndex('summary.dominant', 'summary.dominant');
      const recs = db.createObjectStore('records', { keyPath: ['sessionId', 'faceId', 't'] });
      recs.createIndex('sessionId', 'sessionId');
      recs.createIndex('t', 't');
      recs.createIndex('dominant', 'dominant');
      recs.createIndex('[sessionId+t]', ['sessionId', 't']);
    };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['sessions', 'records'], 'readwrite');
      for (const s of data.sessions) tx.objectStore('sessions').add(s);
      for (const r of data.records) tx.objectStore('records').add(r);
      tx.oncomplete = () => (db.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** The database as IndexedDB sees it now: version, stores and their counts. */
function inspect(): Promise<{ version: number; stores: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('emotion-detector');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const names = [...db.objectStoreNames];
      const tx = db.transaction(names, 'readonly');
      const stores: Record<string, number> = {};
      for (const name of names) {
        const count = tx.objectStore(name).count();
        count.onsuccess = () => (stores[name] = count.result);
      }
      tx.oncomplete = () => (db.close(), resolve({ version: db.version, stores }));
    };
  });
}

const total = (page: Page) => page.getByTestId('session-count');

/** Every session row as stored, by id. */
function storedSessions(): Promise<Record<string, unknown>[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('emotion-detector');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const all = db.transaction('sessions').objectStore('sessions').getAll();
      all.onsuccess = () => (db.close(), resolve(all.result as Record<string, unknown>[]));
      all.onerror = () => reject(all.error);
    };
  });
}

test('a version-1 database opens at version 3 with every session, record and index', async ({
  page,
}) => {
  // A page of the app's origin that does not open the database itself.
  await page.goto('/health');
  await page.evaluate(writeVersion1, V1);
  expect(await page.evaluate(inspect)).toEqual({
    version: 10,
    stores: { sessions: 3, records: 12 },
  });
  const before = await page.evaluate(storedSessions);
  for (const row of before) {
    expect(row).not.toHaveProperty('baseline');
    expect(row).not.toHaveProperty('checkins');
  }

  await page.goto('/history');
  await expect(total(page)).toHaveAttribute('data-total', '3');
  await expect(page.getByTestId('session-row')).toHaveCount(3);
  // The indexes the list and its filters query: label text, dominant emotion, start date.
  await page.getByTestId('filter-text').fill('standup');
  await expect(total(page)).toHaveAttribute('data-total', '1');
  await page.getByTestId('filter-text').fill('');
  await page.getByTestId('filter-emotion').selectOption('neutral');
  await expect(total(page)).toHaveAttribute('data-total', '2');
  await page.getByTestId('filter-emotion').selectOption('');
  await page.getByTestId('filter-from').fill('2025-01-16');
  await page.getByTestId('filter-to').fill('2025-01-17');
  await expect(total(page)).toHaveAttribute('data-total', '1');

  expect(await page.evaluate(inspect)).toEqual({
    version: 30,
    stores: { sessions: 3, records: 12, events: expect.any(Number), baselines: 0 },
  });
  // Every field kept as written, and the new ones added with their empty values.
  const after = await page.evaluate(storedSessions);
  expect(after).toEqual(before.map((row) => ({ ...row, baseline: null, checkins: [] })));

  // The records of one session, through the [sessionId+t] index, back out as CSV.
  await page.goto('/history/a');
  await expect(page.getByTestId('session-title')).toHaveText('Standup');
  await expect(page.getByTestId('session-baseline')).toHaveCount(0);
  const lines = (await download(page, 'export-session-csv')).trimEnd().split(/\r?\n/);
  expect(lines).toHaveLength(1 + standup.rows.length);
});
