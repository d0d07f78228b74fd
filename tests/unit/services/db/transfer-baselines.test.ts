// Before Dexie loads: it picks the IndexedDB implementation up when imported.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportData, exportJson, importExport } from '../../../../src/lib/services/db/transfer';
import { parseExport } from '../../../../src/lib/domain/session/export-file';
import { sessionBaseline } from '../../../../src/lib/domain/session/baselines';
import type { EmotionDb } from '../../../../src/lib/services/db/db';
import { baseline } from '../../fixtures/baselines';
import { freshDb, NEUTRAL, record, session, T0 } from '../../fixtures/sessions';

const anna = baseline('b1', 'Anna', 45);
const ben = baseline('b2', 'Ben', 10);

async function seeded(): Promise<EmotionDb> {
  const db = freshDb();
  await db.baselines.bulkAdd([anna, ben]);
  await db.sessions.bulkAdd([
    session('a', T0, { baseline: sessionBaseline(anna) }),
    session('b', T0 + 60_000),
  ]);
  await db.records.bulkAdd([record('a', 1, 0, NEUTRAL), record('b', 1, 60, NEUTRAL)]);
  return db;
}

function reparse(text: string) {
  const parsed = parseExport(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.file;
}

describe('baselines in export and import', () => {
  it('a full export holds every baseline; one session its own', async () => {
    const db = await seeded();
    expect((await exportData(db, null)).baselines).toEqual([anna, ben]);
    const one = await exportData(db, 'a');
    expect(one.baselines).toEqual([anna]);
    expect(one.sessions[0]?.baseline).toEqual(sessionBaseline(anna));
    expect((await exportData(db, 'b')).baselines).toEqual([]);
    // A session whose baseline was deleted since keeps its copy; the file has no baseline.
    await db.baselines.delete('b1');
    expect((await exportData(db, 'a')).baselines).toEqual([]);
  });

  it('export, import into an empty database gives back the baselines', async () => {
    const file = reparse(exportJson(await exportData(await seeded(), null)));
    const db = freshDb();
    const result = await importExport(db, file);
    expect(result).toMatchObject({ ok: true, baselines: { skipped: 0, renamed: 0 } });
    expect(await db.baselines.orderBy('name').toArray()).toEqual([anna, ben]);
    expect((await db.sessions.get('a'))?.baseline).toEqual(sessionBaseline(anna));
  });

  it('importing twice adds nothing; a same-named other profile is kept beside, never over', async () => {
    const db = await seeded();
    const file = reparse(exportJson(await exportData(db, null)));
    expect(await importExport(db, file)).toMatchObject({
      ok: true,
      baselines: { baselines: [], skipped: 2, renamed: 0 },
    });
    const other = baseline('x9', 'Anna', 80);
    const result = await importExport(db, {
      ...file,
      sessions: [],
      records: [],
      baselines: [other],
    });
    expect(result).toMatchObject({ ok: true, baselines: { renamed: 1 } });
    expect((await db.baselines.orderBy('name').toArray()).map((b) => [b.name, b.stress])).toEqual([
      ['Anna', 45],
      ['Anna (imported)', 80],
      ['Ben', 10],
    ]);
  });

  it('a schema-1 file (no baselines) imports as before', async () => {
    const text = exportJson(await exportData(await seeded(), 'b'));
    const v1 = JSON.parse(text) as Record<string, unknown>;
    delete v1.baselines;
    v1.schemaVersion = 1;
    const db = freshDb();
    expect(await importExport(db, reparse(JSON.stringify(v1)))).toMatchObject({ ok: true });
    expect(await db.baselines.count()).toBe(0);
    expect(await db.sessions.count()).toBe(1);
  });
});
