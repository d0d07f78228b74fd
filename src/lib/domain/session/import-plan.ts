/**
 * What an import writes when some of the file's session ids are already stored here. A stored
 * session is never overwritten: the same session (same row, same number of records) is skipped,
 * and a different one that happens to share the id is imported as a copy under a new id, its
 * records following it.
 */
import type { ExportFile } from './export-file';
import type { ReadingRecord, SessionRow } from './records';

/** What is stored under an id the file also uses. */
export interface StoredSession {
  row: SessionRow;
  records: number;
}

export interface ImportPlan {
  sessions: SessionRow[];
  records: ReadingRecord[];
  /** Sessions already stored, identical: not written again. */
  skipped: number;
  /** Sessions whose id was taken by a different stored session: written under a new id. */
  renamed: number;
}

export function planImport(
  file: ExportFile,
  stored: ReadonlyMap<string, StoredSession>,
  newId: () => string,
): ImportPlan {
  const counts = new Map<string, number>();
  for (const r of file.records) counts.set(r.sessionId, (counts.get(r.sessionId) ?? 0) + 1);
  const ids = new Map<string, string | null>();
  const sessions: SessionRow[] = [];
  let skipped = 0;
  let renamed = 0;
  for (const row of file.sessions) {
    const here = stored.get(row.id);
    if (!here) {
      ids.set(row.id, row.id);
      sessions.push(row);
    } else if (sameSession(here, row, counts.get(row.id) ?? 0)) {
      ids.set(row.id, null);
      skipped++;
    } else {
      const id = newId();
      ids.set(row.id, id);
      renamed++;
      sessions.push({ ...row, id });
    }
  }
  const records: ReadingRecord[] = [];
  for (const r of file.records) {
    const id = ids.get(r.sessionId);
    if (id) records.push(id === r.sessionId ? r : { ...r, sessionId: id });
  }
  return { sessions, records, skipped, renamed };
}

/** What an import did, in one sentence for the person importing. */
export function describeImport(plan: ImportPlan, from: string): string {
  const parts = [
    `Imported ${plan.sessions.length} sessions (${plan.records.length} records) from ${from}.`,
  ];
  if (plan.skipped > 0) {
    parts.push(`${plan.skipped} already stored here, identical: skipped.`);
  }
  if (plan.renamed > 0) {
    parts.push(
      `${plan.renamed} had the id of a different session stored here: imported as a copy with a new id; the stored one was kept.`,
    );
  }
  return parts.join(' ');
}

function sameSession(here: StoredSession, row: SessionRow, records: number): boolean {
  return here.records === records && canonical(here.row) === canonical(row);
}

/** JSON with sorted keys, so that two rows compare equal whatever order their fields were set. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
