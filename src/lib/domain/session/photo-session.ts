/** A photo analysis saved as a one-shot session: one record per readable face. */
import type { FrameAnalysis } from '../analysis/types';
import { assessQuality } from '../quality/quality';
import type { ReadingRecord, SessionRow } from './records';
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
    baseline: null,
    checkins: [],
    summary: summarize(records, 0),
  };
  return { session, records };
}
