// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import {
  exportData,
  exportJson,
  importExport,
  type ImportResult,
} from '../../../../src/lib/services/db/transfer';
import { parseExport } from '../../../../src/lib/domain/session/export-file';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { wipeAll } from '../../../../src/lib/services/db/queries';
import { FEAR, freshDb, HAPPY, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

/** What the history's import does, minus the worker: parse, then write. */
async function importJson(db: EmotionDb, text: string): Promise<ImportResult> {
  const parsed = parseExport(text);
  return parsed.ok ? importExport(db, parsed.file) : parsed;
}

async function seeded() {
  const db = freshDb();
  await db.sessions.bulkAdd([session('a', T0), session('b', T0 + 60_000, { tags: ['t'] })]);
  await db.records.bulkAdd([
    record('a', 1, 0, NEUTRAL),
    record('a', 1, 1, FEAR),
    record('a', 2, 0, HAPPY),
    record('b', 1, 60, HAPPY),
  ]);
  return db;
}

const rows = async (db: Awaited<ReturnType<typeof seeded>>) => ({
  sessions: await db.sessions.orderBy('id').toArray(),
  records: await db.records.toArray(),
});

describe('export and import', () => {
  it('export, wipe, import gives back identical rows', async () => {
    const db = await seeded();
    const before = await rows(db);
    const text = exportJson(await exportData(db, null));
    await wipeAll(db);
    expect(await db.sessions.count()).toBe(0);
    expect(await importJson(db, text)).toMatchObject({
      ok: true,
      plan: { skipped: 0, renamed: 0, sessions: { length: 2 }, records: { length: 4 } },
    });
    expect(await rows(db)).toEqual(before);
  });

  it('exports one session with its records only', async () => {
    const db = await seeded();
    const file = await exportData(db, 'a');
    expect(file.sessions.map((s) => s.id)).toEqual(['a']);
    expect(file.records).toHaveLength(3);
  });

  it('does not duplicate anything when the same file is imported twice', async () => {
    const db = await seeded();
    const text = exportJson(await exportData(db, null));
    const before = await rows(db);
    await importJson(db, text);
    expect(await importJson(db, text)).toMatchObject({ ok: true, plan: { skipped: 2 } });
    expect(await rows(db)).toEqual(before);
  });

  it('never overwrites a different stored session: the imported one gets a new id', async () => {
    const db = await seeded();
    const before = await rows(db);
    const file = JSON.parse(exportJson(await exportData(db, 'a')));
    file.sessions[0].label = 'Same id, other session';
    const ids = ['new-a'];
    const parsed = parseExport(JSON.stringify(file));
    if (!parsed.ok) throw new Error(parsed.message);
    const result = await importExport(db, parsed.file, () => ids.shift()!);
    expect(result).toMatchObject({ ok: true, plan: { skipped: 0, renamed: 1 } });
    expect(await db.sessions.get('a')).toEqual(before.sessions[0]);
    expect((await db.sessions.get('new-a'))?.label).toBe('Same id, other session');
    expect(await db.records.where('sessionId').equals('new-a').count()).toBe(3);
    expect(await db.records.where('sessionId').equals('a').count()).toBe(3);
  });

  it('changes nothing for a bad file', async () => {
    const db = await seeded();
    const before = await rows(db);
    const file = JSON.parse(exportJson(await exportData(db, null)));
    file.sessions.push({ ...file.sessions[0], id: 'new' });
    file.records.push({ ...file.records[0], sessionId: 'new', stress: -4 });
    const result = await importJson(db, JSON.stringify(file));
    expect(result).toEqual({ ok: false, message: expect.stringMatching(/records\.4\.stress/) });
    expect(await rows(db)).toEqual(before);
  });

  it('writes all or nothing when storage fails half-way', async () => {
    const db = await seeded();
    const file = JSON.parse(exportJson(await exportData(db, null)));
    await wipeAll(db);
    vi.spyOn(db.records, 'bulkPut').mockRejectedValueOnce(
      Object.assign(new Error('full'), { name: 'QuotaExceededError' }),
    );
    const result = await importJson(db, JSON.stringify(file));
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/Nothing was imported.*full/),
    });
    expect(await db.sessions.count()).toBe(0);
  });
});
