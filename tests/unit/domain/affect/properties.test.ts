import { describe, expect, it } from 'vitest';
import {
  STRESS_LEVELS,
  assessAffect,
  normalizeProbabilities,
} from '../../../../src/lib/domain/affect/assess';
import { affectCoordinates } from '../../../../src/lib/domain/affect/circumplex';
import { EMOTIONS, type Emotion } from '../../../../src/lib/domain/affect/labels';
import { stressScore } from '../../../../src/lib/domain/affect/stress';

/** mulberry32: a tiny seeded PRNG, so every run checks the same vectors and failures reproduce. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Mixes three shapes real classifier output takes: spread out (uniform on the simplex), peaked on one
 * class, and sparse (several exact zeros). Not normalised when `scale` is set.
 */
function randomVector(rand: () => number, scale = 1): number[] {
  const kind = rand();
  const exp = () => -Math.log(1 - rand());
  let v = EMOTIONS.map(exp);
  if (kind < 0.3) {
    const k = Math.floor(rand() * EMOTIONS.length);
    v = v.map((x, i) => (i === k ? x * (5 + 50 * rand()) : x));
  } else if (kind < 0.5) {
    const keep = Math.floor(rand() * EMOTIONS.length);
    v = v.map((x, i) => (i === keep || rand() < 0.4 ? x : 0));
  }
  const sum = v.reduce((a, b) => a + b, 0);
  return v.map((x) => (x / sum) * scale);
}

const index = (e: Emotion) => EMOTIONS.indexOf(e);
const sum = (v: readonly number[]) => v.reduce((a, b) => a + b, 0);

describe('properties over random probability vectors', () => {
  it('keeps every output in range for any valid input', () => {
    const rand = mulberry32(0x5eed);
    for (let n = 0; n < 10_000; n++) {
      const scale = rand() < 0.2 ? 10 ** (8 * rand() - 4) : 1;
      const a = assessAffect(randomVector(rand, scale));
      expect(Number.isInteger(a.stress)).toBe(true);
      expect(a.stress).toBeGreaterThanOrEqual(0);
      expect(a.stress).toBeLessThanOrEqual(100);
      expect(Math.abs(a.valence)).toBeLessThanOrEqual(1);
      expect(Math.abs(a.arousal)).toBeLessThanOrEqual(1);
      expect(STRESS_LEVELS).toContain(a.level);
      expect(a.probabilities).toHaveLength(EMOTIONS.length);
      expect(sum(a.probabilities)).toBeCloseTo(1, 12);
      expect(a.confidence).toBe(Math.max(...a.probabilities));
      expect(a.probabilities[index(a.dominant)]).toBe(a.confidence);
    }
  });

  it('moving mass into fear or anger from neutral, happy or surprise never lowers stress', () => {
    const rand = mulberry32(0xfea7);
    let moves = 0;
    let raised = 0;
    for (let n = 0; n < 5_000; n++) {
      const p = randomVector(rand);
      const before = assessAffect(p);
      for (const from of ['neutral', 'happy', 'surprise'] as const) {
        for (const to of ['fear', 'angry'] as const) {
          const available = p[index(from)] ?? 0;
          const delta = available * (rand() < 0.1 ? 1 : rand());
          const q = [...p];
          q[index(from)] = available - delta;
          q[index(to)] = (q[index(to)] ?? 0) + delta;
          const after = assessAffect(q);
          moves++;
          if (after.stress > before.stress) raised++;
          const context = `${from}→${to} by ${delta} from [${p.join(', ')}]`;

          expect(after.stress, context).toBeGreaterThanOrEqual(before.stress);
          expect(STRESS_LEVELS.indexOf(after.level), context).toBeGreaterThanOrEqual(
            STRESS_LEVELS.indexOf(before.level),
          );
          // The unrounded score rises strictly: the class term alone grows by delta / 2 × 100.
          const rawBefore = stressScore(
            before.probabilities,
            affectCoordinates(before.probabilities),
          );
          const rawAfter = stressScore(after.probabilities, affectCoordinates(after.probabilities));
          if (delta > 1e-9) expect(rawAfter, context).toBeGreaterThan(rawBefore);
          // ≥ 1 point of raw score survives rounding, so a move of 2% or more always shows.
          if (delta >= 0.02) expect(after.stress, context).toBeGreaterThan(before.stress);
        }
      }
    }
    // "Usually raises": about three moves in four change the integer score with this seed.
    expect(raised / moves).toBeGreaterThan(0.5);
  });

  it('is unchanged by scaling the input (bit-identical for powers of two)', () => {
    const rand = mulberry32(0x2a11);
    for (let n = 0; n < 5_000; n++) {
      const p = randomVector(rand);
      const base = assessAffect(p);
      const k = Math.floor(rand() * 20) - 10;
      expect(assessAffect(p.map((x) => x * 2 ** k))).toEqual(base);

      const factor = 0.5 + 3 * rand();
      const scaled = assessAffect(p.map((x) => x * factor));
      expect(scaled.dominant).toBe(base.dominant);
      expect(scaled.valence).toBeCloseTo(base.valence, 12);
      expect(scaled.arousal).toBeCloseTo(base.arousal, 12);
      // Rounding can only disagree when the raw score sits within float error of a .5 boundary.
      expect(Math.abs(scaled.stress - base.stress)).toBeLessThanOrEqual(1);
    }
  });

  it('normalises softmax-style drift to the same distribution', () => {
    const rand = mulberry32(0xd21f7);
    for (let n = 0; n < 2_000; n++) {
      const p = randomVector(rand);
      const drifted = p.map((x) => x * (1 + (rand() - 0.5) * 2e-4));
      const out = normalizeProbabilities(drifted);
      expect(sum(out)).toBeCloseTo(1, 12);
      out.forEach((x, i) => expect(x).toBeCloseTo(p[i] ?? Number.NaN, 3));
    }
  });
});
