/** A session's summary from its records. Pure. */
import { EMOTIONS, type Emotion } from '../affect/labels';
import { STRESS_LEVELS } from '../affect/assess';
import type { ReadingRecord, SessionSummary } from './records';

export function summarize(records: readonly ReadingRecord[], durationMs: number): SessionSummary {
  const levelCounts = Object.fromEntries(
    STRESS_LEVELS.map((l) => [l, 0]),
  ) as SessionSummary['levelCounts'];
  const mix = EMOTIONS.map(() => 0);
  let stressSum = 0;
  let peak: number | null = null;
  for (const r of records) {
    levelCounts[r.level] += 1;
    stressSum += r.stress;
    peak = Math.max(peak ?? r.stress, r.stress);
    r.probabilities.forEach((p, i) => (mix[i] = (mix[i] ?? 0) + p));
  }
  const n = records.length;
  const emotionMix = mix.map((m) => (n > 0 ? m / n : 0));
  return {
    durationMs: Math.max(0, durationMs),
    faces: new Set(records.map((r) => r.faceId)).size,
    records: n,
    meanStress: n > 0 ? stressSum / n : null,
    peakStress: peak,
    levelCounts,
    emotionMix,
    dominant: n > 0 ? argmaxEmotion(emotionMix) : null,
  };
}

export function argmaxEmotion(p: readonly number[]): Emotion {
  let best = 0;
  p.forEach((v, i) => {
    if (v > (p[best] ?? -Infinity)) best = i;
  });
  return EMOTIONS[best] ?? 'neutral';
}
