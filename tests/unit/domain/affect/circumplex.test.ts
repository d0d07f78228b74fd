import { describe, expect, it } from 'vitest';
import {
  CIRCUMPLEX,
  WARRINER_RATINGS,
  affectCoordinates,
  ratingToUnit,
} from '../../../../src/lib/domain/affect/circumplex';
import { EMOTIONS, type Emotion } from '../../../../src/lib/domain/affect/labels';

const oneHot = (e: Emotion) => EMOTIONS.map((x) => (x === e ? 1 : 0));

describe('circumplex coordinates', () => {
  it('has a rating and a coordinate for every FER-2013 class', () => {
    expect(Object.keys(WARRINER_RATINGS).sort()).toEqual([...EMOTIONS].sort());
    expect(Object.keys(CIRCUMPLEX).sort()).toEqual([...EMOTIONS].sort());
  });

  it('keeps the published ratings on their 1–9 scale', () => {
    for (const e of EMOTIONS) {
      const { valence, arousal } = WARRINER_RATINGS[e];
      expect(valence).toBeGreaterThanOrEqual(1);
      expect(valence).toBeLessThanOrEqual(9);
      expect(arousal).toBeGreaterThanOrEqual(1);
      expect(arousal).toBeLessThanOrEqual(9);
    }
  });

  it('derives coordinates from the ratings by the linear 1–9 → [-1, 1] map alone', () => {
    expect(ratingToUnit(1)).toBe(-1);
    expect(ratingToUnit(5)).toBe(0);
    expect(ratingToUnit(9)).toBe(1);
    for (const e of EMOTIONS) {
      expect(CIRCUMPLEX[e].valence).toBeCloseTo((WARRINER_RATINGS[e].valence - 5) / 4, 12);
      expect(CIRCUMPLEX[e].arousal).toBeCloseTo((WARRINER_RATINGS[e].arousal - 5) / 4, 12);
    }
  });

  it('pins the source values (Warriner et al. 2013, V.Mean.Sum / A.Mean.Sum)', () => {
    expect(WARRINER_RATINGS).toEqual({
      angry: { valence: 2.53, arousal: 6.2 },
      disgust: { valence: 3.32, arousal: 5.0 },
      fear: { valence: 2.93, arousal: 6.14 },
      happy: { valence: 8.47, arousal: 6.05 },
      sad: { valence: 2.1, arousal: 3.49 },
      surprise: { valence: 7.44, arousal: 6.57 },
      neutral: { valence: 5.5, arousal: 3.45 },
    });
  });

  it('orders valence as the words suggest', () => {
    const v = (e: Emotion) => CIRCUMPLEX[e].valence;
    expect(v('happy')).toBeGreaterThan(v('surprise'));
    expect(v('surprise')).toBeGreaterThan(v('neutral'));
    expect(v('neutral')).toBeGreaterThan(0);
    for (const e of ['angry', 'disgust', 'fear', 'sad'] as const) expect(v(e)).toBeLessThan(0);
  });

  it('places fear and anger below-left of happy and neutral (why moving mass there raises stress)', () => {
    for (const to of ['fear', 'angry'] as const) {
      for (const from of ['neutral', 'happy'] as const) {
        expect(CIRCUMPLEX[to].valence).toBeLessThan(CIRCUMPLEX[from].valence);
        expect(CIRCUMPLEX[to].arousal).toBeGreaterThan(CIRCUMPLEX[from].arousal);
      }
    }
  });

  it('maps a one-hot vector to that class’s point and a uniform one to the mean point', () => {
    for (const e of EMOTIONS) {
      const point = affectCoordinates(oneHot(e));
      expect(point.valence).toBeCloseTo(CIRCUMPLEX[e].valence, 12);
      expect(point.arousal).toBeCloseTo(CIRCUMPLEX[e].arousal, 12);
    }
    const uniform = affectCoordinates(EMOTIONS.map(() => 1 / 7));
    const mean = (k: 'valence' | 'arousal') =>
      EMOTIONS.reduce((s, e) => s + CIRCUMPLEX[e][k], 0) / EMOTIONS.length;
    expect(uniform.valence).toBeCloseTo(mean('valence'), 12);
    expect(uniform.arousal).toBeCloseTo(mean('arousal'), 12);
  });
});
