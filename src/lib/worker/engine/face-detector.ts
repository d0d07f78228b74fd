import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { blazeFaceAnchors } from '../../domain/vision/anchors';
import { decodeBlazeFace, type Candidate } from '../../domain/vision/blazeface-decode';
import { fromUnitBox, toNormalizedCorners, type Box } from '../../domain/vision/box';
import { weightedNonMaxSuppression } from '../../domain/vision/nms';

export interface DetectorOptions {
  minScore: number;
  iouThreshold: number;
  maxFaces: number;
}

/** 0.75 is MediaPipe's own threshold for this model (face_detection_full_range / back camera). */
export const LIVE_DETECTOR_OPTIONS: DetectorOptions = {
  minScore: 0.75,
  iouThreshold: 0.3,
  maxFaces: 20,
};
export const PHOTO_DETECTOR_OPTIONS: DetectorOptions = {
  minScore: 0.75,
  iouThreshold: 0.3,
  maxFaces: 50,
};

/** A face in image pixels. */
export interface DetectedFace {
  box: Box;
  score: number;
  keypoints: number[];
}

/** BlazeFace over one or more square regions of an image (see vision/tiles.ts). */
export class FaceDetector {
  readonly inputSize: number;
  private readonly anchors: Float32Array;

  constructor(private readonly model: GraphModel) {
    this.inputSize = model.inputs[0]?.shape?.[1] ?? 128;
    this.anchors = blazeFaceAnchors(this.inputSize);
  }

  /**
   * @param image [height, width, 3] float32, 0..255
   * @param regions square regions in image pixels; the first is normally the whole padded image
   */
  async detect(
    image: tf.Tensor3D,
    regions: readonly Box[],
    options: DetectorOptions,
  ): Promise<DetectedFace[]> {
    const outputs = this.runModel(image, regions);
    try {
      const [logits, regressors] = await Promise.all([
        outputs.logits.data(),
        outputs.regressors.data(),
      ]);
      return this.decode(logits, regressors, image, regions, options);
    } finally {
      tf.dispose([outputs.logits, outputs.regressors]);
    }
  }

  private decode(
    logits: tf.TypedArray,
    regressors: tf.TypedArray,
    image: tf.Tensor3D,
    regions: readonly Box[],
    options: DetectorOptions,
  ): DetectedFace[] {
    const [height, width] = image.shape;
    const perRegion = this.anchors.length / 2;
    const candidates: Candidate[] = [];
    regions.forEach((region, i) => {
      const found = decodeBlazeFace(
        logits.subarray(i * perRegion, (i + 1) * perRegion),
        regressors.subarray(i * perRegion * 16, (i + 1) * perRegion * 16),
        this.anchors,
        this.inputSize,
        options.minScore,
      );
      for (const c of found) {
        if (i > 0 && !wholeInTile(c.box, region, width, height)) continue;
        candidates.push({
          score: c.score,
          box: fromUnitBox(c.box, region),
          keypoints: c.keypoints.map(
            (v, k) => (k % 2 === 0 ? region.x : region.y) + v * region.width,
          ),
        });
      }
    });
    return weightedNonMaxSuppression(candidates, options.iouThreshold, options.maxFaces);
  }

  /** One model call per region; outputs stacked as [regions * 896] logits and [regions * 896, 16] regressors. */
  private runModel(
    image: tf.Tensor3D,
    regions: readonly Box[],
  ): { logits: tf.Tensor; regressors: tf.Tensor } {
    return tf.tidy(() => {
      const [height, width] = image.shape;
      const boxes = regions.map((r) => toNormalizedCorners(r, width, height));
      const size = this.inputSize;
      // Padding outside the image is black, as in MediaPipe's letterboxing: 0 → -1 after scaling.
      const crops = tf.image.cropAndResize(
        tf.expandDims(image, 0) as tf.Tensor4D,
        boxes,
        regions.map(() => 0),
        [size, size],
        'bilinear',
        0,
      );
      const input = tf.sub(tf.div(crops, 127.5), 1) as tf.Tensor4D;
      const logits: tf.Tensor[] = [];
      const regressors: tf.Tensor[] = [];
      for (let i = 0; i < regions.length; i++) {
        const outputs = this.model.execute(
          tf.slice(input, [i, 0, 0, 0], [1, -1, -1, -1]),
        ) as tf.Tensor[];
        const { scores, boxes: regs } = orderOutputs(outputs);
        logits.push(scores);
        regressors.push(regs);
      }
      return {
        logits: tf.reshape(tf.concat(logits), [-1]),
        regressors: tf.reshape(tf.concat(regressors), [-1, 16]),
      };
    });
  }
}

/**
 * The converted model's four outputs come in no guaranteed order; they are told apart by shape:
 * [1, 512, 1] and [1, 384, 1] scores, [1, 512, 16] and [1, 384, 16] regressors, 512 (16x16 grid) first.
 */
function orderOutputs(outputs: tf.Tensor[]): { scores: tf.Tensor; boxes: tf.Tensor } {
  const bySize = (a: tf.Tensor, b: tf.Tensor) => (b.shape[1] ?? 0) - (a.shape[1] ?? 0);
  const scores = outputs.filter((t) => t.shape[2] === 1).sort(bySize);
  const boxes = outputs.filter((t) => t.shape[2] === 16).sort(bySize);
  return { scores: tf.concat(scores, 1), boxes: tf.concat(boxes, 1) };
}

/** Faces bigger than this share of a tile are left to the coarser pass, which sees them whole. */
const MAX_FACE_IN_TILE = 0.5;

/**
 * A tile (any region but the first, whole-image one) only reports faces it sees whole: not cut by
 * its inner edges, and small enough that a bigger face is not being mistaken for part of one.
 */
function wholeInTile(unit: Box, region: Box, width: number, height: number): boolean {
  const margin = 0.01;
  const left = unit.x < margin && region.x > 0;
  const top = unit.y < margin && region.y > 0;
  const right = unit.x + unit.width > 1 - margin && region.x + region.width < width;
  const bottom = unit.y + unit.height > 1 - margin && region.y + region.height < height;
  const tooBig = Math.max(unit.width, unit.height) > MAX_FACE_IN_TILE;
  return !(left || top || right || bottom || tooBig);
}
