/** Export from and import into the database. */
import type { EmotionDb } from './db';
import { toCsv } from '../../domain/session/csv';
import { buildExport, type ExportFile } from '../../domain/session/export-file';
import { planImport, type ImportPlan, type StoredSession } from '../../domain/session/import-plan';
import { planBaselineImport, type BaselineImportPlan } from '../../domain/session/baselines';
import { storageErrorMessage } from './errors';

/**
 * One session (by id) or, with null, everything. Everything holds every baseline; one session
 * holds the baseline it was measured against, when it is still stored.
 */
export async function exportData(db: EmotionDb, sessionId: string | null): Promise<ExportFile> {
  return db.transaction('r', db.sessions, db.records, db.baselines, async () => {
    if (sessionId === null) {
      return buildExport(
        await db.sessions.toArray(),
        await db.records.toArray(),
        new Date(),
        await db.baselines.toArray(),
      );
    }
    const session = await db.sessions.get(sessionId);
    const records = await db.records.where('sessionId').equals(sessionId).toArray();
    const baseline = session?.baseline ? await db.baselines.get(session.baseline.id) : undefined;
    return buildExport(session ? [session] : [], records, new Date(), baseline ? [baseline] : []);
  });
}

export const exportJson = (file: ExportFile): string => JSON.stringify(file, null, 1);
export const exportCsv = (file: ExportFile): string => toCsv(file.sessions, file.records);

export type ImportResult =
  { ok: true; plan: ImportPlan; baselines: BaselineImportPlan } | { ok: false; message: string };

/**
 * Writes a validated export (export-file.ts) in one transaction: all of it or nothing. A session
 * whose id is already stored is skipped when identical and otherwise imported under a new id
 * (import-plan.ts), so an import never overwrites what is here and the same file twice adds
 * nothing. Baselines follow the same rule, by id and by name (baselines.ts in domain/session).
 */
export async function importExport(
  db: EmotionDb,
  file: ExportFile,
  newId: () => string = () => crypto.randomUUID(),
): Promise<ImportResult> {
  try {
    return await db.transaction('rw', db.sessions, db.records, db.baselines, async () => {
      const plan = planImport(file, await storedUnder(db, file), newId);
      const baselines = planBaselineImport(file.baselines, await db.baselines.toArray(), newId);
      await db.sessions.bulkPut(plan.sessions);
      await db.records.bulkPut(plan.records);
      await db.baselines.bulkAdd(baselines.baselines);
      return { ok: true as const, plan, baselines };
    });
  } catch (e) {
    return { ok: false, message: `Nothing was imported. ${storageErrorMessage(e)}` };
  }
}

async function storedUnder(db: EmotionDb, file: ExportFile): Promise<Map<string, StoredSession>> {
  const rows = await db.sessions.bulkGet(file.sessions.map((s) => s.id));
  const stored = new Map<string, StoredSession>();
  for (const row of rows) {
    if (!row) continue;
    const records = await db.records.where('sessionId').equals(row.id).count();
    stored.set(row.id, { row, records });
  }
  return stored;
}
