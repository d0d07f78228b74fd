import { describe, expect, it } from 'vitest';
import {
  AffectInputError,
  STRESS_LEVELS,
  STRESS_THRESHOLDS,
  assessAffect,
  normalizeProbabilities,
  stressLevel,
} from '../../../../src/lib/domain/affect/assess';
import { EMOTIONS, type Emotion } from '../../../../src/lib/domain/affect/labels';

const oneHot = (e: Emotion) => EMOTIONS.map((x) => (x === e ? 1 : 0));
/** `share` on one class, the rest on a single other class (or spread evenly when `rest` is omitted). */
const confident = (e: Emotion, share: number, rest?: Emotion) =>
  EMOTIONS.map((x) => {
    if (x === e) return share;
    if (rest === undefined) return (1 - share) / (EMOTIONS.length - 1);
    return x === rest ? 1 - share : 0;
  });

describe('contract', () => {
  it('re-exports the level vocabulary and classifier from stress.ts', () => {
    expect(STRESS_LEVELS).toEqual(['low', 'moderate', 'high']);
    expect(STRESS_THRESHOLDS.moderate).toBeLessThan(STRESS_THRESHOLDS.high);
    expect(stressLevel(STRESS_THRESHOLDS.high)).toBe('high');
  });

  it('AffectInputError is an Error with its own name', () => {
    const err = new AffectInputError('x');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('AffectInputError');
    expect(err.message).toBe('x');
  });
});

describe('normalizeProbabilities', () => {
  it('returns a new array summing to 1 and leaves the input alone', () => {
    const input = [0.1, 0.1, 0.1, 0.4, 0.1, 0.1, 0.1];
    const copy = [...input];
    const out = normalizeProbabilities(input);
    expect(out).not.toBe(input);
    expect(input).toEqual(copy);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('normalises small rounding drift and large scale alike', () => {
    const drift = normalizeProbabilities([0.1, 0.1, 0.1, 0.4, 0.1, 0.1, 0.1004]);
    expect(drift.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(normalizeProbabilities([2, 0, 0, 0, 0, 0, 2])).toEqual([0.5, 0, 0, 0, 0, 0, 0.5]);
    expect(normalizeProbabilities([0, 0, 0, 1e300, 0, 0, 1e300])).toEqual([
      0, 0, 0, 0.5, 0, 0, 0.5,
    ]);
    expect(normalizeProbabilities([0, 0, 0, 5e-324, 0, 0, 0])).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });

  it('accepts typed arrays, as a model returns them', () => {
    const out = normalizeProbabilities(new Float32Array([0, 0, 0, 3, 0, 0, 1]));
    expect(Array.isArray(out)).toBe(true);
    expect(out).toEqual([0, 0, 0, 0.75, 0, 0, 0.25]);
  });

  it('never returns a signed zero', () => {
    const out = normalizeProbabilities([-0, 0, 0, 1, 0, 0, 0]);
    expect(Object.is(out[0], -0)).toBe(false);
  });

  const invalid: [string, unknown, RegExp][] = [
    ['too short', [0.5, 0.5], /expected 7 probabilities.*got 2/],
    ['too long', [...oneHot('happy'), 0], /got 8/],
    ['empty', [], /got 0/],
    ['NaN', [0.2, Number.NaN, 0.2, 0.2, 0.2, 0.1, 0.1], /disgust is NaN/],
    ['Infinity', [0, 0, Number.POSITIVE_INFINITY, 0, 0, 0, 0], /fear is Infinity/],
    ['negative', [0.5, 0.5, 0, -0.1, 0.1, 0, 0], /happy is negative/],
    ['all zeros', [0, 0, 0, 0, 0, 0, 0], /all probabilities are zero/],
    ['a string entry', [0.5, '0.5', 0, 0, 0, 0, 0], /disgust is "0.5"/],
    ['a hole', [0.5, , 0, 0, 0, 0.5, 0], /disgust is undefined/], // eslint-disable-line no-sparse-arrays
    ['null', null, /got null/],
    ['undefined', undefined, /got undefined/],
    ['a number', 7, /got 7/],
    ['a 7-character string', 'abcdefg', /got "abcdefg"/],
  ];
  for (const [what, input, message] of invalid) {
    it(`rejects ${what} with a message saying what is wrong`, () => {
      const call = () => normalizeProbabilities(input as ArrayLike<number>);
      expect(call).toThrow(AffectInputError);
      expect(call).toThrow(message);
    });
  }
});

describe('assessAffect', () => {
  it('rejects the same invalid inputs with AffectInputError', () => {
    expect(() => assessAffect([1, 0, 0])).toThrow(AffectInputError);
    expect(() => assessAffect([0, 0, 0, 0, 0, 0, 0])).toThrow(AffectInputError);
    expect(() => assessAffect([0, 0, 0, Number.NaN, 0, 0, 1])).toThrow(AffectInputError);
    expect(() => assessAffect([0, 0, 0, -1, 0, 0, 2])).toThrow(AffectInputError);
  });

  it('reads each prototype face', () => {
    const expected: Record<Emotion, [number, string]> = {
      angry: [100, 'high'],
      disgust: [51, 'moderate'],
      fear: [91, 'high'],
      happy: [0, 'low'],
      sad: [53, 'moderate'],
      surprise: [0, 'low'],
      neutral: [0, 'low'],
    };
    for (const e of EMOTIONS) {
      const a = assessAffect(oneHot(e));
      expect(a.dominant).toBe(e);
      expect(a.confidence).toBe(1);
      expect([a.stress, a.level]).toEqual(expected[e]);
    }
  });

  it('reads a confidently happy or neutral face as low, wherever the remaining 10% goes', () => {
    for (const e of ['happy', 'neutral'] as const) {
      expect(assessAffect(confident(e, 0.9)).level).toBe('low');
      for (const rest of EMOTIONS.filter((x) => x !== e)) {
        const a = assessAffect(confident(e, 0.9, rest));
        expect(a.dominant).toBe(e);
        expect(a.confidence).toBeCloseTo(0.9, 12);
        expect(a.level, `${e} 0.9 + ${rest} 0.1`).toBe('low');
      }
    }
  });

  it('reads a confidently fearful or angry face as high, wherever the remaining 10% goes', () => {
    for (const e of ['fear', 'angry'] as const) {
      expect(assessAffect(confident(e, 0.9)).level).toBe('high');
      for (const rest of EMOTIONS.filter((x) => x !== e)) {
        const a = assessAffect(confident(e, 0.9, rest));
        expect(a.level, `${e} 0.9 + ${rest} 0.1`).toBe('high');
      }
    }
  });

  it('gives the same result for an input summing to 2 as for the normalised one', () => {
    const p = [0.05, 0.1, 0.3, 0.15, 0.2, 0.1, 0.1];
    expect(assessAffect(p.map((x) => 2 * x))).toEqual(assessAffect(p));
    expect(assessAffect(p.map((x) => 2 * x)).probabilities).toEqual(normalizeProbabilities(p));
  });

  it('reports valence and arousal as the probability-weighted circumplex point', () => {
    const a = assessAffect([0, 0, 0.5, 0.5, 0, 0, 0]);
    expect(a.valence).toBeCloseTo((-0.5175 + 0.8675) / 2, 12);
    expect(a.arousal).toBeCloseTo((0.285 + 0.2625) / 2, 12);
  });

  it('breaks ties towards the earlier class', () => {
    const a = assessAffect([0, 0, 0.5, 0.5, 0, 0, 0]);
    expect(a.dominant).toBe('fear');
    expect(a.confidence).toBe(0.5);
    expect(assessAffect(EMOTIONS.map(() => 1)).dominant).toBe('angry');
  });

  it('takes the level from the rounded stress it reports', () => {
    for (let k = 0; k <= 100; k++) {
      const a = assessAffect(confident('fear', k / 100, 'neutral'));
      expect(a.level).toBe(stressLevel(a.stress));
    }
  });
});
