import { describe, expect, it } from 'vitest';
import { CIRCUMPLEX } from '../../../../src/lib/domain/affect/circumplex';
import { EMOTIONS, type Emotion } from '../../../../src/lib/domain/affect/labels';
import {
  MAX_TENSION,
  STRESS_CLASS_WEIGHTS,
  STRESS_LEVELS,
  STRESS_THRESHOLDS,
  classLoad,
  stressLevel,
  stressScore,
  tension,
} from '../../../../src/lib/domain/affect/stress';

const oneHot = (e: Emotion) => EMOTIONS.map((x) => (x === e ? 1 : 0));

describe('tension (distressed quadrant)', () => {
  it('is zero whenever valence is not negative, whatever the arousal', () => {
    for (const arousal of [-1, -0.3, 0, 0.5, 1]) {
      expect(tension({ valence: 0, arousal })).toBe(0);
      expect(tension({ valence: 0.7, arousal })).toBe(0);
    }
  });

  it('grows as valence falls and as arousal rises', () => {
    expect(tension({ valence: -0.6, arousal: 0.2 })).toBeGreaterThan(
      tension({ valence: -0.3, arousal: 0.2 }),
    );
    expect(tension({ valence: -0.5, arousal: 0.6 })).toBeGreaterThan(
      tension({ valence: -0.5, arousal: -0.2 }),
    );
    expect(tension({ valence: -1, arousal: 1 })).toBe(1);
    expect(tension({ valence: -1, arousal: -1 })).toBe(0);
  });

  it('normalises by the most distressed class, anger', () => {
    expect(MAX_TENSION).toBe(tension(CIRCUMPLEX.angry));
    for (const e of EMOTIONS) expect(tension(CIRCUMPLEX[e])).toBeLessThanOrEqual(MAX_TENSION);
  });
});

describe('class load', () => {
  it('weights only the stress-related classes', () => {
    expect(STRESS_CLASS_WEIGHTS).toEqual({
      angry: 1,
      disgust: 0.5,
      fear: 1,
      happy: 0,
      sad: 0.5,
      surprise: 0,
      neutral: 0,
    });
    for (const e of EMOTIONS) expect(classLoad(oneHot(e))).toBe(STRESS_CLASS_WEIGHTS[e]);
    expect(classLoad([0.25, 0.25, 0.25, 0, 0.25, 0, 0])).toBeCloseTo(0.75, 12);
  });
});

describe('stressScore', () => {
  it('gives the documented value for each prototype face', () => {
    const expected: Record<Emotion, number> = {
      angry: 100,
      disgust: 51,
      fear: 91,
      happy: 0,
      sad: 53,
      surprise: 0,
      neutral: 0,
    };
    for (const e of EMOTIONS) {
      expect(Math.round(stressScore(oneHot(e), CIRCUMPLEX[e]))).toBe(expected[e]);
    }
  });

  it('stays on 0–100 even at the corners of the plane', () => {
    const all = EMOTIONS.map(() => 1);
    expect(stressScore(all, { valence: -1, arousal: 1 })).toBeLessThanOrEqual(100);
    expect(
      stressScore(
        EMOTIONS.map(() => 0),
        { valence: 1, arousal: -1 },
      ),
    ).toBe(0);
  });
});

describe('stress levels', () => {
  it('exports the three levels in rising order and thresholds inside 0–100', () => {
    expect(STRESS_LEVELS).toEqual(['low', 'moderate', 'high']);
    expect(STRESS_THRESHOLDS).toEqual({ moderate: 34, high: 67 });
    expect(Object.isFrozen(STRESS_THRESHOLDS)).toBe(true);
  });

  it('bands values at the thresholds (inclusive lower bounds)', () => {
    expect(stressLevel(0)).toBe('low');
    expect(stressLevel(STRESS_THRESHOLDS.moderate - 1)).toBe('low');
    expect(stressLevel(STRESS_THRESHOLDS.moderate)).toBe('moderate');
    expect(stressLevel(STRESS_THRESHOLDS.high - 1)).toBe('moderate');
    expect(stressLevel(STRESS_THRESHOLDS.high)).toBe('high');
    expect(stressLevel(100)).toBe('high');
    expect(stressLevel(-5)).toBe('low');
    expect(stressLevel(150)).toBe('high');
  });

  it('refuses a non-finite stress instead of calling it low', () => {
    expect(() => stressLevel(Number.NaN)).toThrow(RangeError);
    expect(() => stressLevel(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});
