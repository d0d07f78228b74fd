import * as tf from '@tensorflow/tfjs-core';
import { assessAffect } from '../../affect/assess';
import { faceCropBox, type CropFraming } from '../../vision/face-crop';
import { detectionTiles, PHOTO_TILE_LEVELS } from '../../vision/tiles';
import type { AnalysisMode } from '../analysis-mode';
import type { FaceReading, StageTimings } from '../types';
import type { EmotionClassifier } from './emotion-classifier';
import { LIVE_DETECTOR_OPTIONS, PHOTO_DETECTOR_OPTIONS, type FaceDetector } from './face-detector';

/** RGBA pixels, as ImageData or a decoded file gives them. */
export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * FER-2013's framing relative to this detector's box, measured on the training split
 * (models/scripts/measure-fer-framing.ts: every 60th training face, 479 faces, all detected):
 * the 48x48 crop is 1.17 times BlazeFace's box and centred 0.09 box heights above it.
 */
export const FER_FRAMING: CropFraming = { scale: 1.17, shiftY: -0.09 };

/** Tiles smaller than this (image pixels) would be upscaled too far to add information. */
const MIN_TILE_SIDE = 160;

export interface AnalysisOutput {
  faces: FaceReading[];
  timings: Omit<StageTimings, 'decode' | 'total'>;
}

export class FacePipeline {
  constructor(
    private readonly detector: FaceDetector,
    private readonly classifier: EmotionClassifier,
  ) {}

  async analyze(pixels: Pixels, mode: AnalysisMode): Promise<AnalysisOutput> {
    const start = performance.now();
    const image = tf.tidy(
      () => tf.cast(tf.browser.fromPixels(pixels, 3), 'float32') as tf.Tensor3D,
    );
    try {
      const t0 = performance.now();
      const levels = mode === 'photo' ? PHOTO_TILE_LEVELS : [];
      const regions = detectionTiles(pixels.width, pixels.height, levels, MIN_TILE_SIDE);
      const detected = await this.detector.detect(
        image,
        regions,
        mode === 'photo' ? PHOTO_DETECTOR_OPTIONS : LIVE_DETECTOR_OPTIONS,
      );
      const t1 = performance.now();
      const crops = detected.map((face) =>
        faceCropBox(face.box, pixels.width, pixels.height, FER_FRAMING),
      );
      const input = this.classifier.prepare(image, crops);
      const t2 = performance.now();
      const probabilities = await this.classifier.predict(input);
      const t3 = performance.now();
      const faces = detected.map((face, i) => ({
        box: face.box,
        detectorScore: face.score,
        ...assessAffect(probabilities[i] ?? []),
      }));
      return {
        faces,
        timings: { preprocess: t0 - start, detect: t1 - t0, crop: t2 - t1, classify: t3 - t2 },
      };
    } finally {
      image.dispose();
    }
  }
}
