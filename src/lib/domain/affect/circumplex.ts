import { EMOTIONS, type Emotion } from './labels';

/** A position in Russell's (1980) circumplex: valence (unpleasant → pleasant) × arousal (calm → activated). */
export interface CircumplexPoint {
  readonly valence: number;
  readonly arousal: number;
}

/**
 * Mean ratings of the FER-2013 label words on the 1–9 scales of
 *
 *   Warriner, A. B., Kuperman, V., & Brysbaert, M. (2013). Norms of valence, arousal, and dominance
 *   for 13,915 English lemmas. Behavior Research Methods, 45(4), 1191–1207.
 *   https://doi.org/10.3758/s13428-012-0314-x
 *
 * copied from columns V.Mean.Sum and A.Mean.Sum of the published Ratings_Warriner_et_al.csv
 * (valence 1 = unhappy … 9 = happy; arousal 1 = calm … 9 = excited).
 *
 * Each class is looked up by its label word verbatim ("disgust", not "disgusted"; "neutral" too), so
 * no synonym was chosen to suit the stress formula. These are ratings of words, not of faces: they
 * say where each category sits in the valence–arousal plane for English readers, nothing more.
 */
export const WARRINER_RATINGS: Readonly<Record<Emotion, CircumplexPoint>> = Object.freeze({
  angry: { valence: 2.53, arousal: 6.2 },
  disgust: { valence: 3.32, arousal: 5.0 },
  fear: { valence: 2.93, arousal: 6.14 },
  happy: { valence: 8.47, arousal: 6.05 },
  sad: { valence: 2.1, arousal: 3.49 },
  surprise: { valence: 7.44, arousal: 6.57 },
  neutral: { valence: 5.5, arousal: 3.45 },
});

/** Linear map of a 1–9 rating onto [-1, 1]; the scale's midpoint (5) becomes the circumplex origin. */
export function ratingToUnit(rating: number): number {
  return (rating - 5) / 4;
}

/** Per-class circumplex coordinates in [-1, 1], derived from WARRINER_RATINGS by ratingToUnit only. */
export const CIRCUMPLEX: Readonly<Record<Emotion, CircumplexPoint>> = Object.freeze(
  mapEmotions((e) => ({
    valence: ratingToUnit(WARRINER_RATINGS[e].valence),
    arousal: ratingToUnit(WARRINER_RATINGS[e].arousal),
  })),
);

/**
 * Probability-weighted mean of the class coordinates. Expects a normalised vector in EMOTIONS order
 * (see normalizeProbabilities); the mean of points inside [-1, 1]² stays inside it, and the clamp only
 * absorbs floating-point drift when the weights sum to 1 ± ε.
 */
export function affectCoordinates(probabilities: readonly number[]): CircumplexPoint {
  let valence = 0;
  let arousal = 0;
  EMOTIONS.forEach((e, i) => {
    const p = probabilities[i] ?? 0;
    valence += p * CIRCUMPLEX[e].valence;
    arousal += p * CIRCUMPLEX[e].arousal;
  });
  return { valence: clampUnit(valence), arousal: clampUnit(arousal) };
}

function clampUnit(x: number): number {
  return Math.min(1, Math.max(-1, x));
}

function mapEmotions<T>(f: (e: Emotion) => T): Record<Emotion, T> {
  return Object.fromEntries(EMOTIONS.map((e) => [e, f(e)])) as Record<Emotion, T>;
}
