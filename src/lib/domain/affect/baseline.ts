/**
 * Stress relative to a person's calibrated resting face (docs/affect.md, "Personal baseline").
 *
 * The distance from the baseline `b` is measured as a share of the room left on that side of it:
 * towards 100 above it, towards 0 below it, so that −100 and +100 are the ends of the scale
 * whatever the baseline. The room is never taken as less than `RELATIVE_MIN_SPAN` points, so a
 * baseline near an end does not blow a difference of a few points (the noise of the readings) up
 * to the whole scale.
 */
export const RELATIVE_MIN_SPAN = 20;

export type RelativeBand = 'below usual' | 'as usual' | 'above usual' | 'well above usual';

export const RELATIVE_BANDS: readonly RelativeBand[] = Object.freeze([
  'below usual',
  'as usual',
  'above usual',
  'well above usual',
]);

/** `|r| < asUsual` is "as usual"; `r >= wellAbove` is "well above usual". */
export const RELATIVE_THRESHOLDS: { readonly asUsual: number; readonly wellAbove: number } =
  Object.freeze({ asUsual: 20, wellAbove: 50 });

const clampStress = (x: number): number => {
  if (Number.isNaN(x)) throw new RangeError('stress must be a number');
  return Math.min(100, Math.max(0, x));
};

/**
 * Relative stress, an integer in [−100, 100]: 0 is the baseline itself ("as usual"). Inputs are
 * 0–100 stress figures (clamped to that range); NaN throws a RangeError.
 */
export function relativeStress(baseline: number, stress: number): number {
  const b = clampStress(baseline);
  const s = clampStress(stress);
  const room = s >= b ? 100 - b : b;
  const r = Math.round((100 * (s - b)) / Math.max(room, RELATIVE_MIN_SPAN));
  // Math.round(-0.4) is -0: keep the integer a plain 0.
  return r === 0 ? 0 : Math.max(-100, Math.min(100, r));
}

export function relativeBand(relative: number): RelativeBand {
  const { asUsual, wellAbove } = RELATIVE_THRESHOLDS;
  if (relative <= -asUsual) return 'below usual';
  if (relative < asUsual) return 'as usual';
  return relative < wellAbove ? 'above usual' : 'well above usual';
}

/** "+12 · above usual", for the UI. */
export function formatRelative(relative: number): string {
  const sign = relative > 0 ? '+' : relative < 0 ? '−' : '±';
  return `${sign}${Math.abs(relative)} · ${relativeBand(relative)}`;
}

/** Mean relative stress of some stress figures (a session's records); null when there are none. */
export function meanRelativeStress(baseline: number, stresses: readonly number[]): number | null {
  if (stresses.length === 0) return null;
  const sum = stresses.reduce((acc, s) => acc + relativeStress(baseline, s), 0);
  const mean = Math.round(sum / stresses.length);
  return mean === 0 ? 0 : mean;
}
