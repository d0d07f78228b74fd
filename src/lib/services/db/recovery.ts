/**
 * Closes sessions whose tab went away while recording: their summary is computed from the
 * records that reached the disk, and they are marked `recovered`.
 */
import { epochMs } from '../clock';
import { getDb, type EmotionDb } from './db';
import { STALE_MS, webLocks, type SessionLocks } from './locks';
import type { SessionRow } from '../../domain/session/records';
import { summarize } from '../../domain/session/summary';

export async function recoverSessions(
  db: EmotionDb,
  now = epochMs(),
  locks: SessionLocks = webLocks,
): Promise<SessionRow[]> {
  const open = await db.sessions.where('status').equals('recording').toArray();
  if (open.length === 0) return [];
  const held = await locks.held();
  const abandoned = open.filter((s) => (held ? !held.has(s.id) : now - s.updatedAt > STALE_MS));
  const recovered: SessionRow[] = [];
  for (const session of abandoned) {
    await db.transaction('rw', db.sessions, db.records, async () => {
      const records = await db.records.where('sessionId').equals(session.id).toArray();
      const lastT = records.reduce((max, r) => Math.max(max, r.t), session.startedAt);
      const endedAt = Math.max(session.updatedAt, lastT);
      const row: SessionRow = {
        ...session,
        endedAt,
        status: 'ended',
        recovered: true,
        summary: summarize(records, endedAt - session.startedAt),
      };
      await db.sessions.put(row);
      recovered.push(row);
    });
  }
  return recovered;
}

const runs = new WeakMap<EmotionDb, Promise<SessionRow[]>>();

/**
 * `recoverSessions`, once per page load: the history list, the live page and the kiosk each need
 * it before they read or record, and whichever asks first runs it; the others get its answer.
 * A run that failed is tried again by the next caller.
 */
export function recoverOnce(db: EmotionDb = getDb()): Promise<SessionRow[]> {
  let run = runs.get(db);
  if (!run) {
    run = recoverSessions(db);
    runs.set(db, run);
    run.catch(() => runs.delete(db));
  }
  return run;
}
