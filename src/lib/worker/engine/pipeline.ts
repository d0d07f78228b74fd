import * as tf from '@tensorflow/tfjs-core';
import { assessAffect } from '../../domain/affect/assess';
import { faceBoxStats, faceRegionStats, statsRegion } from '../../domain/quality/pixel-stats';
import { faceCropBox, type CropFraming } from '../../domain/vision/face-crop';
import type { AnalysisMode } from '../../domain/analysis/mode';
import { LIVE_FRAME_SIZE } from '../../domain/analysis/live-frame';
import type { FaceReading, StageTimings } from '../../domain/analysis/types';
import type { PixelStats } from '../../domain/quality/pixel-stats';
import type { Box } from '../../domain/vision/box';
import type { EmotionClassifier } from './emotion-classifier';
import { EMOTION_INPUT_SIZE } from './emotion-input';
import type { DetectedFace, FaceDetector } from './face-detector';
import { pixelsSource, type FrameSource } from './frame-source';
import { LiveTracker } from './live-tracker';
import { addFinePasses, firstPasses } from './photo-scan';

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

/**
 * Live face statistics are measured on the box drawn at most this size: enough for the 32-px patch
 * of pixel-stats.ts, which averages it down further.
 */
const STATS_READ_SIDE = 128;

export interface AnalysisOutput {
  faces: FaceReading[];
  timings: Omit<StageTimings, 'decode' | 'total'>;
  /** Live only: the faces were followed from the last frame (no full-frame detector pass). */
  detectionReused: boolean;
}

export interface AnalyzeOptions {
  /** Live only: scan the whole frame, bypassing tracking (neither using nor changing the tracks). */
  redetect?: boolean;
}

export class FacePipeline {
  private readonly tracker: LiveTracker;

  /**
   * @param detector the short-range BlazeFace read at its heads: live scans and tracking, and
   *   every pass over a photo
   */
  constructor(
    private readonly classifier: EmotionClassifier,
    private readonly detector: FaceDetector,
  ) {
    this.tracker = new LiveTracker(detector);
  }

  /**
   * Runs every model once on a blank frame of the size the camera is asked for: the first call at
   * each input shape compiles kernels (shaders on WebGL), and the live scan's shapes follow the
   * frame's aspect (224x176 and 64x48 for 4:3).
   */
  async warmUp(): Promise<void> {
    const { width, height } = LIVE_FRAME_SIZE;
    const blank = pixelsSource({ data: new Uint8Array(width * height * 4), width, height });
    const square = { x: 0, y: 0, width: height, height };
    await this.analyzeLive(blank, { redetect: true });
    await this.detector.bestIn(blank, [square], 1);
    await this.classifier.predict(
      this.classifier.prepareImages([blank.read(square, EMOTION_INPUT_SIZE, EMOTION_INPUT_SIZE)]),
    );
  }

  /** A photo, or a live frame already in memory as pixels. */
  analyze(
    pixels: Pixels,
    mode: AnalysisMode,
    options: AnalyzeOptions = {},
  ): Promise<AnalysisOutput> {
    return mode === 'photo'
      ? this.analyzePhoto(pixels)
      : this.analyzeLive(pixelsSource(pixels), options);
  }

  /**
   * A live frame: faces tracked from the last frame (live-tracker.ts), every model input drawn
   * from the frame at the model's size; the whole frame is never converted.
   */
  async analyzeLive(source: FrameSource, options: AnalyzeOptions = {}): Promise<AnalysisOutput> {
    const t0 = performance.now();
    const { faces: detected, scanned } = await this.tracker.next(source, options.redetect);
    const t1 = performance.now();
    const size = EMOTION_INPUT_SIZE;
    const input = this.classifier.prepareImages(
      detected.map((face) =>
        source.read(faceCropBox(face.box, source.width, source.height, FER_FRAMING), size, size),
      ),
    );
    const t2 = performance.now();
    const probabilities = await this.classifier.predict(input);
    const t3 = performance.now();
    return {
      faces: readings(detected, probabilities, (box) => sourceBoxStats(source, box)),
      timings: { preprocess: 0, detect: t1 - t0, crop: t2 - t1, classify: t3 - t2 },
      detectionReused: !scanned && !options.redetect,
    };
  }

  /** Forgets the tracked faces: the next live frame is scanned whole. */
  resetTracking(): void {
    this.tracker.reset();
  }

  /**
   * A photo: the detector over the whole image at two small sides, then at the photo's own
   * resolution, at most 1280 px (vision/photo-scales.ts), for the small faces. With `onFirstPass`, the faces of the first pass are classified and reported
   * before the others run, so that the page can show them while it waits for the small ones.
   */
  async analyzePhoto(
    pixels: Pixels,
    onFirstPass?: (first: AnalysisOutput) => void,
  ): Promise<AnalysisOutput> {
    const start = performance.now();
    const image = tf.tidy(
      () => tf.cast(tf.browser.fromPixels(pixels, 3), 'float32') as tf.Tensor3D,
    );
    try {
      const t0 = performance.now();
      const first = await firstPasses(this.detector, image);
      // Time spent reading the first faces is not the detector's.
      let reading = 0;
      if (onFirstPass) {
        const detect = performance.now() - t0;
        const read = await this.readPhotoFaces(image, pixels, first);
        reading = read.crop + read.classify;
        onFirstPass({
          faces: read.faces,
          timings: { preprocess: t0 - start, detect, crop: read.crop, classify: read.classify },
          detectionReused: false,
        });
      }
      const detected = await addFinePasses(this.detector, image, first);
      const detect = performance.now() - t0 - reading;
      const { faces, crop, classify } = await this.readPhotoFaces(image, pixels, detected);
      return {
        faces,
        timings: { preprocess: t0 - start, detect, crop, classify },
        detectionReused: false,
      };
    } finally {
      image.dispose();
    }
  }

  /** Crops and classifies a photo's faces, timing both steps. */
  private async readPhotoFaces(
    image: tf.Tensor3D,
    pixels: Pixels,
    detected: readonly DetectedFace[],
  ): Promise<{ faces: FaceReading[]; crop: number; classify: number }> {
    const t0 = performance.now();
    const crops = detected.map((face) =>
      faceCropBox(face.box, pixels.width, pixels.height, FER_FRAMING),
    );
    const input = this.classifier.prepare(image, crops);
    const t1 = performance.now();
    const probabilities = await this.classifier.predict(input);
    return {
      // The quality gate's figures come from the pixels at hand, so that the page need not keep
      // a copy of the image to read them back.
      faces: readings(detected, probabilities, (box) => faceBoxStats(pixels, box)),
      crop: t1 - t0,
      classify: performance.now() - t1,
    };
  }
}

function readings(
  detected: readonly DetectedFace[],
  probabilities: readonly number[][],
  stats: (box: Box) => PixelStats | null,
): FaceReading[] {
  return detected.map((face, i) => ({
    box: face.box,
    detectorScore: face.score,
    pixels: stats(face.box),
    ...assessAffect(probabilities[i] ?? []),
  }));
}

/** faceBoxStats of a live frame: the same region, drawn at most STATS_READ_SIDE a side. */
function sourceBoxStats(source: FrameSource, box: Box): PixelStats | null {
  const r = statsRegion(source.width, source.height, box);
  if (!r) return null;
  const width = Math.min(r.width, STATS_READ_SIDE);
  const height = Math.min(r.height, STATS_READ_SIDE);
  return faceRegionStats(source.read(r, width, height).data, width, height);
}
