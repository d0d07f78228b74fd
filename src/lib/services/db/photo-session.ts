/** Saves a photo analysis as a one-shot session (built by domain/session/photo-session.ts). */
import type { FrameAnalysis } from '../../domain/analysis/types';
import { photoSession } from '../../domain/session/photo-session';
import type { SessionRow } from '../../domain/session/records';
import { epochMs } from '../clock';
import type { EmotionDb } from './db';

export async function savePhotoSession(
  db: EmotionDb,
  analysis: FrameAnalysis,
  label: string,
  now = epochMs(),
): Promise<SessionRow> {
  const { session, records } = photoSession(analysis, label, now);
  await db.transaction('rw', db.sessions, db.records, async () => {
    await db.sessions.add(session);
    await db.records.bulkAdd(records);
  });
  return session;
}
