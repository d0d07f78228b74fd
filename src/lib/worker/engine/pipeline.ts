import * as tf from '@tensorflow/tfjs-core';
import { assessAffect } from '../../domain/affect/assess';
import { faceBoxStats } from '../../domain/quality/pixel-stats';
import { faceCropBox, type CropFraming } from '../../domain/vision/face-crop';
import { detectionTiles, PHOTO_TILE_LEVELS } from '../../domain/vision/tiles';
import type { AnalysisMode } from '../../domain/analysis/mode';
import type { FaceReading, StageTimings } from '../../domain/analysis/types';
import { DetectionSchedule } from './detection-schedule';
import type { EmotionClassifier } from './emotion-classifier';
import {
  LIVE_DETECTOR_OPTIONS,
  PHOTO_DETECTOR_OPTIONS,
  type DetectedFace,
  type FaceDetector,
} from './face-detector';

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
  /** Live only: the faces of a recent, identical-looking frame were reused (no detector pass). */
  detectionReused: boolean;
}

export interface AnalyzeOptions {
  /** Live only: run the detector, bypassing the schedule (neither reusing nor recording faces). */
  redetect?: boolean;
}

export class FacePipeline {
  private readonly schedule = new DetectionSchedule();

  constructor(
    private readonly detector: FaceDetector,
    private readonly classifier: EmotionClassifier,
  ) {}

  async analyze(
    pixels: Pixels,
    mode: AnalysisMode,
    options: AnalyzeOptions = {},
  ): Promise<AnalysisOutput> {
    const start = performance.now();
    const image = tf.tidy(
      () => tf.cast(tf.browser.fromPixels(pixels, 3), 'float32') as tf.Tensor3D,
    );
    try {
      const t0 = performance.now();
      const decision = mode === 'live' && !options.redetect ? this.schedule.next(pixels) : null;
      let detected: DetectedFace[];
      if (decision?.reuse) detected = decision.faces;
      else {
        detected = await this.detectFaces(image, pixels, mode);
        if (decision) this.schedule.detected(decision.thumbnail, detected);
      }
      const t1 = performance.now();
      const crops = detected.map((face) =>
        faceCropBox(face.box, pixels.width, pixels.height, FER_FRAMING),
      );
      const input = this.classifier.prepare(image, crops);
      const t2 = performance.now();
      const probabilities = await this.classifier.predict(input);
      const t3 = performance.now();
      const faces = detected.map((face, i): FaceReading => ({
        box: face.box,
        detectorScore: face.score,
        // The quality gate's figures come from the pixels at hand, so that the page need not
        // keep a copy of the frame to read them back.
        pixels: faceBoxStats(pixels, face.box),
        ...assessAffect(probabilities[i] ?? []),
      }));
      return {
        faces,
        timings: { preprocess: t0 - start, detect: t1 - t0, crop: t2 - t1, classify: t3 - t2 },
        detectionReused: decision?.reuse ?? false,
      };
    } finally {
      image.dispose();
    }
  }

  private detectFaces(
    image: tf.Tensor3D,
    pixels: Pixels,
    mode: AnalysisMode,
  ): Promise<DetectedFace[]> {
    const levels = mode === 'photo' ? PHOTO_TILE_LEVELS : [];
    const regions = detectionTiles(pixels.width, pixels.height, levels, MIN_TILE_SIDE);
    return this.detector.detect(
      image,
      regions,
      mode === 'photo' ? PHOTO_DETECTOR_OPTIONS : LIVE_DETECTOR_OPTIONS,
    );
  }
}
