import { CIRCUMPLEX, type CircumplexPoint } from './circumplex';
import { EMOTIONS, type Emotion } from './labels';

export type StressLevel = 'low' | 'moderate' | 'high';

export const STRESS_LEVELS: readonly StressLevel[] = Object.freeze(['low', 'moderate', 'high']);

/**
 * Thirds of the 0–100 scale. With the formula below every prototype lands in the band one would
 * expect: happy, surprise and neutral faces score 0 (low), sad and disgust about 50 (moderate), fear
 * and anger 90+ (high). Anything finer would suggest a precision the inputs do not have.
 */
export const STRESS_THRESHOLDS: { readonly moderate: number; readonly high: number } =
  Object.freeze({ moderate: 34, high: 67 });

/**
 * How much each class's probability counts as direct evidence of stress. Fear and anger are the
 * acute threat responses (flight / fight); sadness and disgust are aversive but less acute, so they
 * count half. A judgement call, documented in docs/affect.md, not a measured quantity.
 */
export const STRESS_CLASS_WEIGHTS: Readonly<Record<Emotion, number>> = Object.freeze({
  angry: 1,
  disgust: 0.5,
  fear: 1,
  happy: 0,
  sad: 0.5,
  surprise: 0,
  neutral: 0,
});

/** Share of the score taken by the circumplex term; the rest comes from the class term. */
export const TENSION_SHARE = 0.5;

/**
 * The "tense / distressed" quadrant of the circumplex: unpleasantness scaled by activation. Zero for
 * any non-negative valence, so high arousal alone (excitement, surprise) is not read as stress, and
 * low-arousal unpleasantness (sadness) counts for less than agitated unpleasantness (fear, anger).
 * Non-increasing in valence and non-decreasing in arousal, which is what keeps the score monotonic.
 */
export function tension({ valence, arousal }: CircumplexPoint): number {
  return Math.max(0, -valence) * ((arousal + 1) / 2);
}

/**
 * Tension of the most distressed class, used to put the term on [0, 1]. For this table the maximum
 * over all mixtures is at a single class (anger); stressScore still clamps in case the table changes.
 */
export const MAX_TENSION = Math.max(...EMOTIONS.map((e) => tension(CIRCUMPLEX[e])));

/** Weighted probability mass of the stress-related classes, in [0, 1] for a normalised vector. */
export function classLoad(probabilities: readonly number[]): number {
  return EMOTIONS.reduce((sum, e, i) => sum + STRESS_CLASS_WEIGHTS[e] * (probabilities[i] ?? 0), 0);
}

/**
 * Unrounded stress on 0–100. Both terms are needed: the mean circumplex point alone lets opposite
 * classes cancel (half happy, half fear averages to a mildly pleasant point), while the class mass
 * alone ignores how agitated the mixture is. Moving probability into fear or anger from neutral or
 * happy lowers valence and raises arousal (see CIRCUMPLEX), so tension cannot fall, and the class
 * term strictly rises: the score goes up by at least 50 points per unit of mass moved.
 */
export function stressScore(probabilities: readonly number[], point: CircumplexPoint): number {
  const t = Math.min(1, tension(point) / MAX_TENSION);
  const c = Math.min(1, classLoad(probabilities));
  return 100 * (TENSION_SHARE * t + (1 - TENSION_SHARE) * c);
}

/** Band for a stress value; values outside 0–100 still get the nearest band. */
export function stressLevel(stress: number): StressLevel {
  if (!Number.isFinite(stress)) {
    // A NaN would otherwise fall through every comparison and read as 'low'.
    throw new RangeError(`stress must be a finite number, got ${String(stress)}`);
  }
  if (stress >= STRESS_THRESHOLDS.high) return 'high';
  if (stress >= STRESS_THRESHOLDS.moderate) return 'moderate';
  return 'low';
}
