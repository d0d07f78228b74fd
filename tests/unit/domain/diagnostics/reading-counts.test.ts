import { describe, expect, it } from 'vitest';
import { assessAffect } from '../../../../src/lib/domain/affect/assess';
import { countReadings, emptyCounts } from '../../../../src/lib/domain/diagnostics/reading-counts';

const HAPPY = [0.01, 0.01, 0.01, 0.9, 0.02, 0.02, 0.03];
const ANGRY = [0.9, 0.02, 0.02, 0.01, 0.02, 0.02, 0.01];

describe('reading counts', () => {
  it('start at zero for every emotion and level', () => {
    const counts = emptyCounts();
    expect(counts.readings).toBe(0);
    expect(Object.values(counts.byEmotion)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(counts.byLevel).toEqual({ low: 0, moderate: 0, high: 0 });
  });

  it('add each reading to its emotion and its stress level, in a new object', () => {
    const happy = assessAffect(HAPPY);
    const angry = assessAffect(ANGRY);
    const start = emptyCounts();
    const counts = countReadings(countReadings(start, [happy, happy]), [angry]);
    expect(counts.readings).toBe(3);
    expect(counts.byEmotion).toMatchObject({ happy: 2, angry: 1, neutral: 0 });
    expect(counts.byLevel[happy.level]).toBeGreaterThanOrEqual(2);
    expect(Object.values(counts.byLevel).reduce((a, b) => a + b)).toBe(3);
    expect(start.readings).toBe(0);
    expect(countReadings(counts, [])).toBe(counts);
  });
});
