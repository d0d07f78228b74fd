/**
 * Closes sessions whose tab went away while recording: their summary is computed from the
 * records that reached the disk, and they are marked `recovered`.
 */
import { epochMs } from '../clock';
import { getDb, type EmotionDb } from './db';
import { STALE_MS, webLocks, type SessionLocks } from './locks';
import type { SessionRow } from '../../domain/session/records';
import { summarize } from '../../domain/session/summary';

/**
 * The sessions still marked as recording, split by whether a tab still records them: its lock is
 * held or, without Web Locks, it wrote within STALE_MS.
 */
async function openSessions(db: EmotionDb, now: number, locks: SessionLocks) {
  const open = await db.sessions.where('status').equals('recording').toArray();
  const held = open.length > 0 ? await locks.held() : null;
  const live = (s: SessionRow) => (held ? held.has(s.id) : now - s.updatedAt <= STALE_MS);
  return { live: open.filter(live), abandoned: open.filter((s) => !live(s)) };
}

/** Sessions being recorded right now by a tab, this one included. */
export async function liveSessions(
  db: EmotionDb,
  now = epochMs(),
  locks: SessionLocks = webLocks,
): Promise<SessionRow[]> {
  return (await openSessions(db, now, locks)).live;
}

export async function recoverSessions(
  db: EmotionDb,
  now = epochMs(),
  locks: SessionLocks = webLocks,
): Promise<SessionRow[]> {
  const { abandoned } = await openSessions(db, now, locks);
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
export function recoverOnce(
  db: EmotionDb = getDb(),
  locks: SessionLocks = webLocks,
): Promise<SessionRow[]> {
  let run = runs.get(db);
  if (!run) {
    run = recoverSessions(db, epochMs(), locks);
    runs.set(db, run);
    run.catch(() => runs.delete(db));
  }
  return run;
}
