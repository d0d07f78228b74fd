/**
 * Retention for kiosk mode: ended sessions older than the configured age are deleted with their
 * records. Age counts from a session's end, so an age of 0 keeps nothing once a session ends.
 * Sessions still recording are never touched (a tab that went away is first closed by
 * recovery.ts, which gives it an end).
 */
import type { EmotionDb } from './db';
import type { SessionRow } from '../../domain/session/records';

/** Ids of the sessions to purge at `now`, keeping those that ended within `maxAgeMs`. */
export function sessionsToPurge(
  sessions: readonly Pick<SessionRow, 'id' | 'status' | 'endedAt' | 'updatedAt'>[],
  now: number,
  maxAgeMs: number,
): string[] {
  const cutoff = now - Math.max(0, maxAgeMs);
  return sessions
    .filter((s) => s.status === 'ended' && (s.endedAt ?? s.updatedAt) <= cutoff)
    .map((s) => s.id);
}

/** Deletes what `sessionsToPurge` picks, records first, in one transaction; returns the count. */
export async function applyRetention(
  db: EmotionDb,
  now: number,
  maxAgeMs: number,
): Promise<number> {
  return db.transaction('rw', db.sessions, db.records, async () => {
    const ended = await db.sessions.where('status').equals('ended').toArray();
    const ids = sessionsToPurge(ended, now, maxAgeMs);
    if (ids.length === 0) return 0;
    await db.records.where('sessionId').anyOf(ids).delete();
    await db.sessions.bulkDelete(ids);
    return ids.length;
  });
}
