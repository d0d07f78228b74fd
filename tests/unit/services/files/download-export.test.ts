// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportCsv, exportData } from '../../../../src/lib/services/db/transfer';
import { downloadText, exportName } from '../../../../src/lib/services/files/download';
import { downloadExport } from '../../../../src/lib/services/files/download-export';
import { fakePage, undoFakes } from '../../fixtures/fake-page';
import { FEAR, freshDb, HAPPY, record, session, T0 } from '../../fixtures/sessions';

const DAY = new Date(Date.UTC(2025, 0, 15, 12));

async function seeded() {
  const db = freshDb();
  await db.sessions.bulkAdd([session('0123456789abcdef', T0), session('b', T0 + 60_000)]);
  await db.records.bulkAdd([record('0123456789abcdef', 1, 0, FEAR), record('b', 1, 60, HAPPY)]);
  return db;
}

describe('downloading an export', () => {
  afterEach(() => {
    vi.useRealTimers();
    undoFakes();
  });

  it('saves every session, or one, as a dated file in the chosen format', async () => {
    const page = fakePage();
    const db = await seeded();
    const all = await downloadExport(null, 'csv', db, DAY);
    const one = await downloadExport('0123456789abcdef', 'json', db, DAY);
    expect(all.sessions).toHaveLength(2);
    expect(one.records).toHaveLength(1);
    const [csv, json] = await page.downloads();
    expect(csv).toEqual({
      name: 'emotion-sessions-2025-01-15.csv',
      type: 'text/csv',
      text: exportCsv(await exportData(db, null)),
    });
    expect(json?.name).toBe('emotion-session-01234567-2025-01-15.json');
    expect(json?.type).toBe('application/json');
    expect(JSON.parse(json!.text)).toEqual(one);
  });

  it('gives the object URL back once the browser has had time to save the file', () => {
    vi.useFakeTimers();
    const page = fakePage();
    downloadText('notes.txt', 'hello', 'text/plain');
    expect(page.liveUrls()).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    expect(page.liveUrls()).toEqual([]);
  });

  it('names files after what they hold and the day', () => {
    expect(exportName('sessions', DAY)).toBe('emotion-sessions-2025-01-15');
  });
});
