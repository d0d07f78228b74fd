/**
 * The quality gate: is one reading of one face worth a number? A face that is too small, too
 * dark, too blurred or probably turned away is marked low quality; the UI says "not enough
 * signal" for it and it is left out of every stress figure. See docs/live-and-history.md for how
 * the thresholds were chosen.
 */
import type { Box } from '../vision/box';
import type { PixelStats } from './pixel-stats';

export type QualityIssue = 'small' | 'dark' | 'blurred' | 'turned';

export interface Quality {
  ok: boolean;
  /** Empty when ok. */
  issues: QualityIssue[];
}

export interface QualityThresholds {
  /** Shorter side of the detector's box, in frame pixels (the classifier reads 48x48). */
  minFaceSide: number;
  /** Mean luma of the face, 0–1. */
  minBrightness: number;
  /** PixelStats.sharpness of the face. */
  minSharpness: number;
  /** Below this the detector is unsure it sees a face: a profile, a turned or half-hidden face. */
  minDetectorScore: number;
  /** Width / height of the box outside [1 / maxAspect, maxAspect]: not a frontal face. */
  maxAspect: number;
}

/**
 * Calibrated on the fake camera's clip (tests/unit/live/quality.test.ts): its seven faces measure
 * brightness 0.32–0.70 and sharpness 0.62–1.91; dimmed to 15 % they fall to 0.05–0.10, blurred by
 * a Gaussian of 4 % of the face width to sharpness 0.04–0.14.
 */
export const QUALITY_THRESHOLDS: QualityThresholds = {
  minFaceSide: 40,
  minBrightness: 0.15,
  minSharpness: 0.1,
  minDetectorScore: 0.8,
  maxAspect: 1.6,
};

export const QUALITY_MESSAGES: Record<QualityIssue, string> = {
  small: 'face too small',
  dark: 'too dark',
  blurred: 'too blurred',
  turned: 'turned away or partly hidden',
};

/**
 * Judges one reading. `stats` may be null (no pixels at hand, e.g. a saved photo): then only the
 * box and the detector's score are judged.
 */
export function assessQuality(
  face: { box: Box; detectorScore: number },
  stats: PixelStats | null,
  t: QualityThresholds = QUALITY_THRESHOLDS,
): Quality {
  const { width, height } = face.box;
  const aspect = height > 0 ? width / height : Infinity;
  const issues: QualityIssue[] = [];
  if (Math.min(width, height) < t.minFaceSide) issues.push('small');
  if (stats && stats.brightness < t.minBrightness) issues.push('dark');
  if (stats && stats.sharpness < t.minSharpness) issues.push('blurred');
  if (face.detectorScore < t.minDetectorScore || aspect > t.maxAspect || aspect < 1 / t.maxAspect)
    issues.push('turned');
  return { ok: issues.length === 0, issues };
}

/** "too dark, too blurred" */
export function describeIssues(issues: readonly QualityIssue[]): string {
  return issues.map((i) => QUALITY_MESSAGES[i]).join(', ');
}
