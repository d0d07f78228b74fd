import { BLAZEFACE_REGRESSOR_WIDTH } from './anchors';
import { toSize, type Box, type Size } from './box';

/** A face candidate in the detector input's unit square. */
export interface Candidate {
  box: Box;
  score: number;
  /** Six keypoints (right eye, left eye, nose, mouth, right ear, left ear) as x, y pairs, unit square. */
  keypoints: number[];
}

/** MediaPipe clips raw scores to ±100 before the sigmoid to keep exp() finite. */
const SCORE_CLIP = 100;

export function sigmoid(logit: number): number {
  const clipped = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, logit));
  return 1 / (1 + Math.exp(-clipped));
}

/**
 * Turns BlazeFace's raw outputs into candidates above `minScore`.
 *
 * @param logits [896] raw scores
 * @param regressors [896 x 16] offsets in detector-input pixels, relative to each anchor
 * @param anchors [896 x 2] anchor centres in detector-input pixels
 * @param input the detector input's side, or its width and height
 */
export function decodeBlazeFace(
  logits: ArrayLike<number>,
  regressors: ArrayLike<number>,
  anchors: Float32Array,
  input: number | Size,
  minScore: number,
): Candidate[] {
  const { width: iw, height: ih } = toSize(input);
  const minLogit = Math.log(minScore / (1 - minScore));
  const candidates: Candidate[] = [];
  for (let i = 0; i < logits.length; i++) {
    const logit = logits[i] ?? -Infinity;
    if (logit < minLogit) continue;
    const r = i * BLAZEFACE_REGRESSOR_WIDTH;
    const ax = anchors[2 * i] ?? 0;
    const ay = anchors[2 * i + 1] ?? 0;
    const cx = ((regressors[r] ?? 0) + ax) / iw;
    const cy = ((regressors[r + 1] ?? 0) + ay) / ih;
    const w = (regressors[r + 2] ?? 0) / iw;
    const h = (regressors[r + 3] ?? 0) / ih;
    const keypoints: number[] = [];
    for (let k = 0; k < 6; k++) {
      keypoints.push(
        ((regressors[r + 4 + 2 * k] ?? 0) + ax) / iw,
        ((regressors[r + 5 + 2 * k] ?? 0) + ay) / ih,
      );
    }
    candidates.push({
      box: { x: cx - w / 2, y: cy - h / 2, width: w, height: h },
      score: sigmoid(logit),
      keypoints,
    });
  }
  return candidates;
}
