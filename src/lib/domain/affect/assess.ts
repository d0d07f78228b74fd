import { affectCoordinates } from './circumplex';
import { EMOTIONS, type Emotion } from './labels';
import { stressLevel, stressScore, type StressLevel } from './stress';

export { STRESS_LEVELS, STRESS_THRESHOLDS, stressLevel, type StressLevel } from './stress';
export type { Emotion } from './labels';

/** Raised for a probability vector that cannot be read as a distribution over the seven classes. */
export class AffectInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AffectInputError';
  }
}

/**
 * Validates and normalises classifier output: exactly 7 finite, non-negative numbers (EMOTIONS
 * order) with a positive sum. Returns a new array summing to 1; any scale is accepted, so softmax
 * rounding drift and unnormalised scores are handled alike. Throws AffectInputError otherwise.
 */
export function normalizeProbabilities(p: ArrayLike<number>): number[] {
  if (p === null || typeof p !== 'object' || typeof p.length !== 'number') {
    throw new AffectInputError(
      `expected an array of ${EMOTIONS.length} probabilities, got ${describe(p)}`,
    );
  }
  if (p.length !== EMOTIONS.length) {
    throw new AffectInputError(
      `expected ${EMOTIONS.length} probabilities (${EMOTIONS.join(', ')}), got ${p.length}`,
    );
  }
  const values = Array.from({ length: EMOTIONS.length }, (_, i) => checkedValue(p[i], i));
  const max = Math.max(...values);
  if (max === 0) {
    throw new AffectInputError('all probabilities are zero; their sum must be positive');
  }
  // Dividing by the largest value first keeps the sum finite for huge inputs, and makes scaling the
  // input by a power of two give bit-identical output.
  const scaled = values.map((v) => v / max);
  const sum = scaled.reduce((a, b) => a + b, 0);
  return scaled.map((v) => v / sum);
}

export interface Affect {
  /** Normalised input, EMOTIONS order. */
  probabilities: number[];
  /** Most probable class; ties go to the earlier class in EMOTIONS. */
  dominant: Emotion;
  /** Probability of the dominant class. */
  confidence: number;
  /** Probability-weighted circumplex valence, in [-1, 1]. */
  valence: number;
  /** Probability-weighted circumplex arousal, in [-1, 1]. */
  arousal: number;
  /** Integer 0–100; see docs/affect.md for the formula. */
  stress: number;
  /** Band of `stress` under STRESS_THRESHOLDS. */
  level: StressLevel;
}

/** Reads a classifier's output as affect. Throws AffectInputError for invalid input. */
export function assessAffect(p: ArrayLike<number>): Affect {
  const probabilities = normalizeProbabilities(p);
  const top = argmax(probabilities);
  const point = affectCoordinates(probabilities);
  // The level is taken from the rounded value so that a displayed "67" never reads as 'moderate'.
  const stress = Math.min(100, Math.max(0, Math.round(stressScore(probabilities, point))));
  return {
    probabilities,
    dominant: EMOTIONS[top] as Emotion,
    confidence: probabilities[top] ?? 0,
    valence: point.valence,
    arousal: point.arousal,
    stress,
    level: stressLevel(stress),
  };
}

function checkedValue(v: unknown, i: number): number {
  const name = EMOTIONS[i] ?? `#${i}`;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new AffectInputError(
      `probability for ${name} is ${describe(v)}; expected a finite number`,
    );
  }
  if (v < 0) {
    throw new AffectInputError(`probability for ${name} is negative (${v})`);
  }
  // Folds -0 into 0 so the output never carries a signed zero.
  return v === 0 ? 0 : v;
}

/** Index of the largest value; ties go to the earlier index. */
export function argmax(values: readonly number[]): number {
  let best = 0;
  values.forEach((v, i) => {
    if (v > (values[best] ?? -Infinity)) best = i;
  });
  return best;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || typeof v !== 'object') return String(v);
  return Object.prototype.toString.call(v);
}
