// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backup } from '../../../../src/lib/features/history/backup.svelte';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { parseExportBytes } from '../../../../src/lib/domain/session/export-file';
import type { ExportParser } from '../../../../src/lib/services/files/read-export';
import { fakePage, undoFakes } from '../../fixtures/fake-page';
import { FEAR, freshDb, HAPPY, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';
import { baseline } from '../../fixtures/baselines';
import { memoryStorage } from '../../fixtures/memory-storage';
import {
  readActiveBaselineId,
  writeActiveBaselineId,
} from '../../../../src/lib/services/db/baselines';

async function seeded(): Promise<EmotionDb> {
  const db = freshDb();
  await db.sessions.bulkAdd([session('a', T0), session('b', T0 + 60_000)]);
  await db.records.bulkAdd([
    record('a', 1, 0, NEUTRAL),
    record('a', 1, 1, FEAR),
    record('b', 1, 60, HAPPY),
  ]);
  return db;
}

/** Node has no Web Worker: the same parse, on this thread. */
const inThread: ExportParser = (bytes) => Promise.resolve(parseExportBytes(bytes));

/** A backup of two stored sessions that nothing observes. */
async function seededBackup(): Promise<Backup> {
  const db = await seeded();
  return new Backup(
    () => {},
    () => db,
    inThread,
  );
}

describe('backup: export all, import, wipe', () => {
  afterEach(undoFakes);

  it('exports everything as one file and says how much', async () => {
    const page = fakePage();
    const backup = new Backup(() => {}, await seeded().then((db) => () => db));
    const exporting = backup.exportAll('json');
    expect(backup.busy).toBe(true);
    await exporting;
    expect(backup.busy).toBe(false);
    expect(backup.message).toEqual({
      kind: 'ok',
      text: 'Exported 2 sessions (3 records) as JSON.',
    });
    await backup.exportAll('csv');
    expect(backup.message?.text).toBe('Exported 2 sessions (3 records) as CSV.');
    const [json, csv] = await page.downloads();
    expect(json?.name).toMatch(/^emotion-sessions-\d{4}-\d\d-\d\d\.json$/);
    expect(JSON.parse(json!.text)).toMatchObject({ sessions: [{ id: 'a' }, { id: 'b' }] });
    expect(csv?.name).toMatch(/^emotion-sessions-.*\.csv$/);
    expect(csv?.text.trim().split('\n')).toHaveLength(1 + 3);
  });

  it('imports an exported file into another browser, and the list reloads', async () => {
    const page = fakePage();
    await new Backup(() => {}, await seeded().then((db) => () => db)).exportAll('json');
    const [exported] = await page.downloads();
    const target = freshDb();
    const changed = vi.fn();
    const backup = new Backup(changed, () => target, inThread);
    await backup.importFile(new File([exported!.text], 'backup.json'));
    expect(backup.message).toEqual({
      kind: 'ok',
      text: 'Imported 2 sessions (3 records) from backup.json.',
    });
    expect(changed).toHaveBeenCalledOnce();
    expect(await target.records.count()).toBe(3);

    await backup.importFile(new File([exported!.text], 'again.json'));
    expect(backup.message?.text).toBe(
      'Imported 0 sessions (0 records) from again.json. 2 already stored here, identical: skipped.',
    );
    const changedCopy = JSON.parse(exported!.text);
    changedCopy.sessions[0].label = 'Edited elsewhere';
    await backup.importFile(new File([JSON.stringify(changedCopy)], 'edited.json'));
    expect(backup.message?.text).toMatch(
      /^Imported 1 sessions \(2 records\) from edited\.json\. 1 already stored .* 1 had the id of a different session stored here: imported as a copy with a new id; the stored one was kept\.$/,
    );
    expect(await target.sessions.count()).toBe(3);
    expect(await target.records.count()).toBe(5);
  });

  it('says when the file cannot be read, and is usable again', async () => {
    const backup = await seededBackup();
    const unreadable = Object.assign(new Blob(['{}']), {
      name: 'gone.json',
      arrayBuffer: () => Promise.reject(new DOMException('File was removed', 'NotReadableError')),
    });
    await backup.importFile(unreadable);
    expect(backup.message).toEqual({
      kind: 'error',
      text: 'gone.json: The file could not be read (File was removed). Nothing was changed.',
    });
    expect(backup.busy).toBe(false);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const backup = await seededBackup();
    const huge = Object.assign(new Blob([new Uint8Array(60 * 1024 * 1024)]), { name: 'huge.json' });
    await backup.importFile(huge);
    expect(backup.message?.text).toMatch(
      /^huge\.json: This file is 60 MB; the largest backup .* 50 MB/,
    );
  });

  it('refuses a file that is not an export, changing nothing', async () => {
    const db = await seeded();
    const changed = vi.fn();
    const backup = new Backup(changed, () => db, inThread);
    await backup.importFile(new File(['{"app":"other"}'], 'notes.json'));
    expect(backup.message?.kind).toBe('error');
    expect(backup.message?.text).toMatch(/^notes\.json: .+ Nothing was changed\.$/);
    expect(changed).not.toHaveBeenCalled();
    expect(await db.sessions.count()).toBe(2);
  });

  it('wipes every session, record and profile, and the device’s choice of profile', async () => {
    const db = await seeded();
    await db.baselines.add(baseline('b1', 'Anna'));
    const storage = memoryStorage();
    writeActiveBaselineId('b1', storage);
    const changed = vi.fn();
    const backup = new Backup(
      changed,
      () => db,
      inThread,
      () => storage,
    );
    await backup.wipe();
    expect(backup.message).toEqual({
      kind: 'ok',
      text: 'Every session and profile was deleted from this browser.',
    });
    expect(changed).toHaveBeenCalledOnce();
    expect(await db.sessions.count()).toBe(0);
    expect(await db.records.count()).toBe(0);
    expect(await db.baselines.count()).toBe(0);
    expect(readActiveBaselineId(storage)).toBeNull();
  });

  it('reports a storage failure as an error message', async () => {
    fakePage();
    const db = await seeded();
    db.close({ disableAutoOpen: true });
    const backup = new Backup(
      () => {},
      () => db,
    );
    await backup.exportAll('json');
    expect(backup.message?.kind).toBe('error');
    expect(backup.message?.text).toMatch(/closed/i);
    expect(backup.busy).toBe(false);
  });
});
