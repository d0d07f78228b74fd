import type * as tf from '@tensorflow/tfjs-core';
import {
  MAX_PASS_SIDE,
  PHOTO_FIRST_SIDES,
  PHOTO_SCALES,
  photoFirstSides,
  photoScanSides,
} from '../../domain/vision/photo-scales';
import { PHOTO_DETECTOR_OPTIONS, type DetectedFace, type FaceDetector } from './face-detector';

/**
 * A photo scan in two steps (vision/photo-scales.ts), the short-range model over the whole photo
 * at each pass's side, faces merged by weighted NMS. The app and models/scripts/photo-scans.ts
 * share it.
 */
export function firstPasses(
  detector: FaceDetector,
  image: tf.Tensor3D,
  sides: readonly number[] = PHOTO_FIRST_SIDES,
): Promise<DetectedFace[]> {
  const [height, width] = image.shape;
  const first = photoFirstSides(width, height, detector.stride, sides);
  return detector.scanImage(image, first, PHOTO_DETECTOR_OPTIONS);
}

/** The passes at the photo's own resolution (PHOTO_SCALES), added to the first passes' faces. */
export function addFinePasses(
  detector: FaceDetector,
  image: tf.Tensor3D,
  firstPass: readonly DetectedFace[],
  scales: readonly number[] = PHOTO_SCALES,
  maxSide = MAX_PASS_SIDE,
  firstSides: readonly number[] = PHOTO_FIRST_SIDES,
): Promise<DetectedFace[]> {
  const [height, width] = image.shape;
  const done = photoFirstSides(width, height, detector.stride, firstSides);
  const sides = photoScanSides(width, height, detector.stride, scales, maxSide).filter(
    (side) => !done.includes(side),
  );
  return detector.scanImage(image, sides, PHOTO_DETECTOR_OPTIONS, firstPass);
}
