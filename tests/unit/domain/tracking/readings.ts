/** Test helper: face readings and judged readings built from a probability vector. */
import { assessAffect } from '../../../../src/lib/domain/affect/assess';
import type { FaceReading } from '../../../../src/lib/domain/analysis/types';
import type { Quality } from '../../../../src/lib/domain/quality/quality';
import type { JudgedReading } from '../../../../src/lib/domain/tracking/tracker';
import type { Box } from '../../../../src/lib/domain/vision/box';

export const GOOD: Quality = { ok: true, issues: [] };
export const DARK: Quality = { ok: false, issues: ['dark'] };

export const box = (x: number, y: number, side = 100): Box => ({ x, y, width: side, height: side });

export function reading(b: Box, probabilities: number[], detectorScore = 0.95): FaceReading {
  return { box: b, detectorScore, pixels: null, ...assessAffect(probabilities) };
}

export function judged(b: Box, probabilities: number[], quality: Quality = GOOD): JudgedReading {
  return { reading: reading(b, probabilities), quality };
}

/** One-hot-ish distributions, EMOTIONS order: angry, disgust, fear, happy, sad, surprise, neutral. */
export const NEUTRAL = [0.02, 0.01, 0.02, 0.05, 0.05, 0.05, 0.8];
export const HAPPY = [0.01, 0.01, 0.01, 0.9, 0.02, 0.03, 0.02];
export const FEAR = [0.05, 0.02, 0.8, 0.01, 0.05, 0.05, 0.02];
