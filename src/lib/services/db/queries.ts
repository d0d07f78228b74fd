/**
 * Reads and deletions for the history pages. Lists are read a page at a time from the startedAt
 * index, newest first, so that 10,000 sessions cost no more than 25.
 */
import { Dexie, type Collection } from 'dexie';
import type { Emotion } from '../../domain/affect/labels';
import type { EmotionDb } from './db';
import type { ReadingRecord, SessionRow } from '../../domain/session/records';

export interface SessionFilter {
  /** Epoch ms, inclusive; started at or after. */
  from?: number | null;
  /** Epoch ms, inclusive; started at or before. */
  to?: number | null;
  /** Matches the label or a tag, case-insensitively, as a substring. */
  text?: string;
  /** The session's dominant emotion (from its summary). */
  emotion?: Emotion | null;
}

function query(db: EmotionDb, f: SessionFilter): Collection<SessionRow, string> {
  const from = f.from ?? Dexie.minKey;
  const to = f.to ?? Dexie.maxKey;
  let c = db.sessions.where('startedAt').between(from, to, true, true).reverse();
  const text = f.text?.trim().toLowerCase();
  if (text) {
    c = c.and(
      (s) =>
        s.label.toLowerCase().includes(text) || s.tags.some((t) => t.toLowerCase().includes(text)),
    );
  }
  if (f.emotion) {
    const emotion = f.emotion;
    c = c.and((s) => s.summary?.dominant === emotion);
  }
  return c;
}

export function listSessions(
  db: EmotionDb,
  filter: SessionFilter,
  offset: number,
  limit: number,
): Promise<SessionRow[]> {
  return query(db, filter).offset(offset).limit(limit).toArray();
}

export function countSessions(db: EmotionDb, filter: SessionFilter): Promise<number> {
  return query(db, filter).count();
}

export function getSession(db: EmotionDb, id: string): Promise<SessionRow | undefined> {
  return db.sessions.get(id);
}

/** A session's records, ordered by time (then face). */
export async function sessionRecords(db: EmotionDb, id: string): Promise<ReadingRecord[]> {
  const records = await db.records
    .where('[sessionId+t]')
    .between([id, Dexie.minKey], [id, Dexie.maxKey])
    .toArray();
  return records.sort((a, b) => a.t - b.t || a.faceId - b.faceId);
}

export async function deleteSession(db: EmotionDb, id: string): Promise<void> {
  await db.transaction('rw', db.sessions, db.records, async () => {
    await db.records.where('sessionId').equals(id).delete();
    await db.sessions.delete(id);
  });
}

/** Every session, record and profile (baseline): all the person's data on this device. */
export async function wipeAll(db: EmotionDb): Promise<void> {
  await db.transaction('rw', db.sessions, db.records, db.baselines, async () => {
    await db.records.clear();
    await db.sessions.clear();
    await db.baselines.clear();
  });
}
