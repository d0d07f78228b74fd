/** A photo analysis saved as a one-shot session: one record per readable face. */
import type { FrameAnalysis } from '../inference/types';
import { assessQuality } from '../live/quality';
import type { EmotionDb } from './db';
import type { ReadingRecord, SessionRow } from './schema';
import { summarize } from './summary';

export function photoSession(
  analysis: FrameAnalysis,
  label: string,
  now: number,
  id: string = crypto.randomUUID(),
): { session: SessionRow; records: ReadingRecord[] } {
  const records = analysis.faces.flatMap((face, i): ReadingRecord[] =>
    assessQuality(face, null).ok
      ? [
          {
            sessionId: id,
            faceId: i + 1,
            t: now,
            dominant: face.dominant,
            probabilities: [...face.probabilities],
            stress: face.stress,
            level: face.level,
            valence: face.valence,
            arousal: face.arousal,
            quality: 1,
            frames: 1,
          },
        ]
      : [],
  );
  const session: SessionRow = {
    id,
    kind: 'photo',
    label,
    tags: ['photo'],
    note: '',
    startedAt: now,
    updatedAt: now,
    endedAt: now,
    status: 'ended',
    recovered: false,
    summary: summarize(records, 0),
  };
  return { session, records };
}

export async function savePhotoSession(
  db: EmotionDb,
  analysis: FrameAnalysis,
  label: string,
  now = Date.now(),
): Promise<SessionRow> {
  const { session, records } = photoSession(analysis, label, now);
  await db.transaction('rw', db.sessions, db.records, async () => {
    await db.sessions.add(session);
    await db.records.bulkAdd(records);
  });
  return session;
}
