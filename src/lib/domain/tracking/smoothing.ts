/**
 * Exponential smoothing whose strength depends on elapsed time, not on how many frames arrived:
 * alpha = 1 - exp(-dt / tau) is the exact step of a first-order low-pass filter with time constant
 * tau, so a clip processed at 10 or at 30 fps traces the same curve.
 */

/** Weight of a new sample that arrives dtMs after the previous one. */
export function smoothingAlpha(dtMs: number, tauMs: number): number {
  if (!(dtMs > 0)) return 0;
  if (!(tauMs > 0)) return 1;
  return 1 - Math.exp(-dtMs / tauMs);
}

export function smoothScalar(previous: number, sample: number, alpha: number): number {
  return previous + alpha * (sample - previous);
}

export function smoothVector(
  previous: readonly number[],
  sample: readonly number[],
  alpha: number,
): number[] {
  return sample.map((s, i) => smoothScalar(previous[i] ?? s, s, alpha));
}
