/** Export from and import into the database. */
import type { EmotionDb } from './db';
import { toCsv } from '../../domain/session/csv';
import { buildExport, parseExport, type ExportFile } from '../../domain/session/export-file';
import { storageErrorMessage } from './errors';

/** One session (by id) or, with null, everything. */
export async function exportData(db: EmotionDb, sessionId: string | null): Promise<ExportFile> {
  return db.transaction('r', db.sessions, db.records, async () => {
    if (sessionId === null) {
      return buildExport(await db.sessions.toArray(), await db.records.toArray());
    }
    const session = await db.sessions.get(sessionId);
    const records = await db.records.where('sessionId').equals(sessionId).toArray();
    return buildExport(session ? [session] : [], records);
  });
}

export const exportJson = (file: ExportFile): string => JSON.stringify(file, null, 1);
export const exportCsv = (file: ExportFile): string => toCsv(file.sessions, file.records);

export type ImportResult =
  { ok: true; sessions: number; records: number } | { ok: false; message: string };

/**
 * Validates the whole file, then writes it in one transaction: all of it or nothing. Keys are the
 * sessions' UUIDs and [session, face, second], so importing the same file again replaces rows
 * with themselves instead of adding copies.
 */
export async function importJson(db: EmotionDb, text: string): Promise<ImportResult> {
  const parsed = parseExport(text);
  if (!parsed.ok) return parsed;
  const { sessions, records } = parsed.file;
  try {
    await db.transaction('rw', db.sessions, db.records, async () => {
      await db.sessions.bulkPut(sessions);
      await db.records.bulkPut(records);
    });
  } catch (e) {
    return { ok: false, message: `Nothing was imported. ${storageErrorMessage(e)}` };
  }
  return { ok: true, sessions: sessions.length, records: records.length };
}
