/** The history's "Export" buttons: stored sessions, as a JSON or CSV file on this device. */
import { getDb, type EmotionDb } from '../db/db';
import { exportCsv, exportData, exportJson } from '../db/transfer';
import type { ExportFile } from '../../domain/session/export-file';
import { downloadText, exportName } from './download';

export type ExportFormat = 'json' | 'csv';

const MIME_TYPES: Record<ExportFormat, string> = { json: 'application/json', csv: 'text/csv' };

/** One session (by id) or, with null, every session; returns what was exported. */
export async function downloadExport(
  sessionId: string | null,
  format: ExportFormat,
  db: EmotionDb = getDb(),
  now = new Date(),
): Promise<ExportFile> {
  const file = await exportData(db, sessionId);
  const text = format === 'json' ? exportJson(file) : exportCsv(file);
  const what = sessionId === null ? 'sessions' : `session-${sessionId.slice(0, 8)}`;
  downloadText(`${exportName(what, now)}.${format}`, text, MIME_TYPES[format]);
  return file;
}
