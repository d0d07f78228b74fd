import type * as tf from '@tensorflow/tfjs-core';
import { weightedNonMaxSuppression } from '../../domain/vision/nms';
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
export async function firstPasses(
  detector: FaceDetector,
  image: tf.Tensor3D,
  sides: readonly number[] = PHOTO_FIRST_SIDES,
): Promise<DetectedFace[]> {
  const [height, width] = image.shape;
  return scanAt(detector, image, photoFirstSides(width, height, detector.stride, sides), []);
}

/** The passes at the photo's own resolution (PHOTO_SCALES), added to the first passes' faces. */
export async function addFinePasses(
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
  return scanAt(detector, image, sides, firstPass);
}

async function scanAt(
  detector: FaceDetector,
  image: tf.Tensor3D,
  sides: readonly number[],
  found: readonly DetectedFace[],
): Promise<DetectedFace[]> {
  const faces = [...found];
  for (const side of sides)
    faces.push(...(await detector.atSide(side).detect(image, PHOTO_DETECTOR_OPTIONS)));
  const { iouThreshold, maxFaces } = PHOTO_DETECTOR_OPTIONS;
  return weightedNonMaxSuppression(faces, iouThreshold, maxFaces);
}
