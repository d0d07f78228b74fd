/**
 * The face detector with the shipped BlazeFace model on a real photo, in Node (WASM backend):
 * it finds the face, and it frees its tensors however a call ends.
 */
import * as tf from '@tensorflow/tfjs-core';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DETECTOR_MODEL_ID } from '../../../src/lib/domain/models/shipped-models';
import { center, containsPoint, intersectionOverUnion } from '../../../src/lib/domain/vision/box';
import { trackingRegion } from '../../../src/lib/domain/vision/tracking-region';
import { photoScanSides } from '../../../src/lib/domain/vision/photo-scales';
import {
  DETECTOR_SIZE,
  FaceDetector,
  faceDetectorFromFiles,
  LIVE_DETECTOR_OPTIONS,
  PHOTO_DETECTOR_OPTIONS,
  SHORT_RANGE_HEADS,
  TRACKING_MIN_SCORE,
} from '../../../src/lib/worker/engine/face-detector';
import { pixelsSource } from '../../../src/lib/worker/engine/frame-source';
import { graphModelFromFiles } from '../../../src/lib/worker/engine/graph-model';
import { decodeImageFile } from '../../../scripts/lib/images';
import { loadModelFiles } from '../../../scripts/lib/model-files';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { SHIPPED_MODELS_DIR } from '../../../scripts/lib/paths';
import { describeWithSharedData, sharedData } from '../shared-data';

/** The model at its packed output and native 128 px: a photo is letterboxed into the square. */
let detector: FaceDetector;
beforeAll(async () => {
  await initNodeBackend('wasm');
  const files = await loadModelFiles(path.join(SHIPPED_MODELS_DIR, DETECTOR_MODEL_ID));
  detector = new FaceDetector(await graphModelFromFiles(files));
});
afterEach(() => vi.restoreAllMocks());

const PHOTO = 'neutral-woman.jpg';

describeWithSharedData('faces', 'face detector', () => {
  const pixels = decodeImageFile(sharedData('faces', PHOTO));
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] =
    (
      JSON.parse(readFileSync(sharedData('faces', 'faces.json'), 'utf8')) as {
        images: Record<string, { faces: number[][] }>;
      }
    ).images[PHOTO]?.faces[0] ?? [];
  const truth = { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
  const withImage = <T>(run: (image: tf.Tensor3D) => Promise<T>): Promise<T> => {
    const image = tf.tidy(() => tf.cast(tf.browser.fromPixels(pixels, 3), 'float32'));
    return run(image as tf.Tensor3D).finally(() => image.dispose());
  };

  it('finds the one face of the photo', async () => {
    const faces = await withImage((image) => detector.detect(image, PHOTO_DETECTOR_OPTIONS));
    expect(faces).toHaveLength(1);
    const { x, y } = center(faces[0]!.box);
    expect(containsPoint(truth, x, y)).toBe(true);
    expect(faces[0]!.score).toBeGreaterThan(PHOTO_DETECTOR_OPTIONS.minScore);
    expect(faces[0]!.keypoints).toHaveLength(12);
  });

  it('keeps the tensor count flat over many calls', async () => {
    await withImage(async (image) => {
      await detector.detect(image, LIVE_DETECTOR_OPTIONS);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) await detector.detect(image, LIVE_DETECTOR_OPTIONS);
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  it('frees its outputs when reading them back fails', async () => {
    await withImage(async (image) => {
      const before = tf.memory().numTensors;
      // A read fails when the GPU context is lost mid-call; there is no GPU here to lose.
      vi.spyOn(tf.Tensor.prototype, 'data').mockRejectedValueOnce(new Error('context lost'));
      await expect(detector.detect(image, LIVE_DETECTOR_OPTIONS)).rejects.toThrow('context lost');
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  describe('off its native input size (read at the heads)', () => {
    const source = pixelsSource(pixels);
    const around = [trackingRegion(truth, 2)];
    const modelFiles = (id: string) => loadModelFiles(path.join(SHIPPED_MODELS_DIR, id));

    const native = { native: 128, run: 128, heads: SHORT_RANGE_HEADS };

    it('the model read at its heads at its native size finds what its packed output gives', async () => {
      const files = await modelFiles(DETECTOR_MODEL_ID);
      const packed = await faceDetectorFromFiles(files);
      const byHeads = await faceDetectorFromFiles(files, native);
      const [a] = await packed.bestIn(source, around, TRACKING_MIN_SCORE);
      const [b] = await byHeads.bestIn(source, around, TRACKING_MIN_SCORE);
      expect(a).not.toBeNull();
      expect(b?.score).toBeCloseTo(a?.score ?? NaN, 5);
      b?.keypoints.forEach((v, i) => expect(v).toBeCloseTo(a?.keypoints[i] ?? NaN, 2));
    });

    it('the tracker at its run size finds the face around its box, and frees its tensors', async () => {
      const tracker = await faceDetectorFromFiles(
        await modelFiles(DETECTOR_MODEL_ID),
        DETECTOR_SIZE,
      );
      expect(tracker.inputSize).toBe(DETECTOR_SIZE.run);
      const [found] = await tracker.bestIn(source, around, TRACKING_MIN_SCORE);
      expect(intersectionOverUnion(found?.box ?? truth, truth)).toBeGreaterThan(0.5);
      expect(found).not.toBeNull();
      const before = tf.memory().numTensors;
      for (let i = 0; i < 10; i++) await tracker.bestIn(source, around, TRACKING_MIN_SCORE);
      expect(tf.memory().numTensors).toBe(before);
    });

    it('refuses another size unless loaded to accept any', async () => {
      const model = await graphModelFromFiles(await modelFiles(DETECTOR_MODEL_ID));
      const strict = new FaceDetector(model, DETECTOR_SIZE);
      await expect(strict.bestIn(source, around, TRACKING_MIN_SCORE)).rejects.toThrow(/shape/);
    });

    it('scans a whole frame at its own aspect and finds what the letterboxed square finds', async () => {
      const files = await modelFiles(DETECTOR_MODEL_ID);
      const letterboxed = await faceDetectorFromFiles(files);
      const byHeads = await faceDetectorFromFiles(files, native);
      const whole = { x: 0, y: 0, width: pixels.width, height: pixels.height };
      const square = letterboxed.fitRegion(whole);
      expect(square.width).toBe(square.height);
      expect(byHeads.fitRegion(whole)).toEqual(whole);
      const shape = byHeads.inputShape(whole);
      expect(Math.max(shape.width, shape.height)).toBe(128);
      expect(shape.width / shape.height).toBeCloseTo(pixels.width / pixels.height, 1);
      const [a] = await letterboxed.detectIn(source, [square], LIVE_DETECTOR_OPTIONS);
      const found = await byHeads.detectIn(source, [whole], LIVE_DETECTOR_OPTIONS);
      expect(found).toHaveLength(1);
      expect(intersectionOverUnion(found[0]?.box ?? truth, a?.box ?? truth)).toBeGreaterThan(0.8);
      const { x, y } = center(found[0]?.box ?? truth);
      expect(containsPoint(truth, x, y)).toBe(true);
      expect(found[0]?.keypoints).toHaveLength(12);
    });

    it('runs the short-range model over a whole photo at another side (atSide)', async () => {
      const short = await faceDetectorFromFiles(await modelFiles(DETECTOR_MODEL_ID), DETECTOR_SIZE);
      // A quarter of the photo's resolution draws its 490-px face at about 120 px.
      const [side = 0] = photoScanSides(pixels.width, pixels.height, short.stride, [0.25]);
      const sized = short.atSide(side);
      expect(sized).toBe(short.atSide(side));
      // The last four sizes are kept (a photo's three passes and the live scan): photos come in
      // any size, so a fifth drops the one asked for least recently.
      for (const other of [1, 2, 3]) short.atSide(side + 16 * other);
      expect(short.atSide(side)).toBe(sized);
      short.atSide(side + 64);
      expect(short.atSide(side)).toBe(sized);
      for (const other of [5, 6, 7, 8]) short.atSide(side + 16 * other);
      expect(short.atSide(side)).not.toBe(sized);
      expect(sized.inputSize).toBe(side);
      const again = short.atSide(side);
      const shape = again.inputShape({ x: 0, y: 0, width: pixels.width, height: pixels.height });
      expect(shape.width % short.stride).toBe(0);
      const before = tf.memory().numTensors;
      const faces = await withImage((image) => again.detect(image, PHOTO_DETECTOR_OPTIONS));
      expect(tf.memory().numTensors).toBe(before);
      expect(faces).toHaveLength(1);
      expect(intersectionOverUnion(faces[0]?.box ?? truth, truth)).toBeGreaterThan(0.4);
    });

    it('a detector of fixed input size refuses to run at another side', () => {
      expect(() => detector.atSide(320)).toThrow(/heads/);
    });
  });
});
