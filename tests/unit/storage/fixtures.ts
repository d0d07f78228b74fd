/** Test helper: a fresh database per test, and sessions and records to fill it with. */
import 'fake-indexeddb/auto';
import { assessAffect } from '../../../src/lib/affect/assess';
import { EmotionDb } from '../../../src/lib/storage/db';
import type { ReadingRecord, SessionRow } from '../../../src/lib/storage/schema';
import { summarize } from '../../../src/lib/storage/summary';

let count = 0;
export const freshDb = () => new EmotionDb(`test-${process.pid}-${++count}`);

export const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);

export function record(
  sessionId: string,
  faceId: number,
  second: number,
  probabilities: number[],
): ReadingRecord {
  const a = assessAffect(probabilities);
  return {
    sessionId,
    faceId,
    t: T0 + second * 1000,
    dominant: a.dominant,
    probabilities: a.probabilities,
    stress: a.stress,
    level: a.level,
    valence: a.valence,
    arousal: a.arousal,
    quality: 1,
    frames: 5,
  };
}

export function session(
  id: string,
  startedAt: number,
  extra: Partial<SessionRow> = {},
): SessionRow {
  return {
    id,
    kind: 'live',
    label: `Session ${id}`,
    tags: [],
    note: '',
    startedAt,
    updatedAt: startedAt + 10_000,
    endedAt: startedAt + 10_000,
    status: 'ended',
    recovered: false,
    summary: summarize([], 10_000),
    ...extra,
  };
}

export const NEUTRAL = [0.02, 0.01, 0.02, 0.05, 0.05, 0.05, 0.8];
export const HAPPY = [0.01, 0.01, 0.01, 0.9, 0.02, 0.03, 0.02];
export const FEAR = [0.05, 0.02, 0.8, 0.01, 0.05, 0.05, 0.02];
