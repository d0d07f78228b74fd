import type * as tf from '@tensorflow/tfjs-core';
import { weightedNonMaxSuppression } from '../../domain/vision/nms';
import { MAX_PASS_SIDE, PHOTO_SCALES, photoScanSides } from '../../domain/vision/photo-scales';
import { PHOTO_DETECTOR_OPTIONS, type DetectedFace, type FaceDetector } from './face-detector';

/**
 * The second half of a photo scan: the short-range model over the whole photo at each of
 * `scales` of its own resolution (vision/photo-scales.ts), its faces merged with those of the
 * first, full-range pass by weighted NMS. The app and models/scripts/photo-scans.ts share it.
 */
export async function addFinePasses(
  shortRange: FaceDetector,
  image: tf.Tensor3D,
  firstPass: readonly DetectedFace[],
  scales: readonly number[] = PHOTO_SCALES,
  maxSide = MAX_PASS_SIDE,
): Promise<DetectedFace[]> {
  const [height, width] = image.shape;
  const found = [...firstPass];
  for (const side of photoScanSides(width, height, shortRange.stride, scales, maxSide))
    found.push(...(await shortRange.atSide(side).detect(image, PHOTO_DETECTOR_OPTIONS)));
  const { iouThreshold, maxFaces } = PHOTO_DETECTOR_OPTIONS;
  return weightedNonMaxSuppression(found, iouThreshold, maxFaces);
}
