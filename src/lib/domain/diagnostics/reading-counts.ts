/** How many readings of each emotion and stress level were seen: the page's since-open counters. */
import { EMOTIONS, type Emotion } from '../affect/labels';
import type { StressLevel } from '../affect/stress';
import type { Affect } from '../affect/assess';

export const STRESS_LEVELS: readonly StressLevel[] = ['low', 'moderate', 'high'];

export interface ReadingCounts {
  readings: number;
  byEmotion: Record<Emotion, number>;
  byLevel: Record<StressLevel, number>;
}

export function emptyCounts(): ReadingCounts {
  return {
    readings: 0,
    byEmotion: Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>,
    byLevel: Object.fromEntries(STRESS_LEVELS.map((l) => [l, 0])) as Record<StressLevel, number>,
  };
}

/** The counts with these readings added (a new object: the page's state is immutable). */
export function countReadings(
  counts: ReadingCounts,
  readings: readonly Pick<Affect, 'dominant' | 'level'>[],
): ReadingCounts {
  if (readings.length === 0) return counts;
  const next = {
    readings: counts.readings + readings.length,
    byEmotion: { ...counts.byEmotion },
    byLevel: { ...counts.byLevel },
  };
  for (const r of readings) {
    next.byEmotion[r.dominant]++;
    next.byLevel[r.level]++;
  }
  return next;
}
