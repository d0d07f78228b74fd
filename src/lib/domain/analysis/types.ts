import type { Affect } from '../affect/assess';
import type { PixelStats } from '../quality/pixel-stats';
import type { Box } from '../vision/box';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** Which TensorFlow.js backend runs, and why it was chosen over the others. */
export interface BackendReport {
  name: BackendName;
  reason: string;
  /** WASM only: SIMD and thread count in use. */
  simd?: boolean;
  threads?: number;
  /** WebGL only: the GPU as the browser names it. */
  renderer?: string;
}

/** Milliseconds spent in each stage of one analysis, inside the worker. */
export interface StageTimings {
  /** Reading the frame's pixels (drawing the bitmap). */
  decode: number;
  /** Pixels to the float tensor the models read. */
  preprocess: number;
  detect: number;
  crop: number;
  classify: number;
  total: number;
}

/** One face of a frame: where it is, how sure the detector is, and what the classifier read. */
export interface FaceReading extends Affect {
  /** In pixels of the analysed image. */
  box: Box;
  detectorScore: number;
  /**
   * Brightness and sharpness of the box in the analysed pixels, for the quality gate; null when the
   * box holds less than 2 x 2 pixels of the frame.
   */
  pixels: PixelStats | null;
}

export interface FrameAnalysis {
  width: number;
  height: number;
  faces: FaceReading[];
  timings: StageTimings;
  backend: BackendName;
  /** Live: the faces of a recent, still frame were reused, and only the classifier ran. */
  detectionReused: boolean;
}
