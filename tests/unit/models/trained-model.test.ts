/**
 * The exported TF.js graph of our trained emotion model (models/trained/emotion-fer, written by
 * models/training/export_tfjs.py) against the PyTorch model it came from: test vectors exported with
 * it (models/training/test-vectors.json: validation images and torch's probabilities). No torch needed.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../src/lib/domain/affect/labels';
import { graphModelFromFiles } from '../../../src/lib/worker/engine/graph-model';
import { emotionInputFromGray } from '../../../src/lib/worker/engine/emotion-input';
import { loadModelFiles } from '../../../scripts/lib/model-files';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { REPO_ROOT } from '../../../scripts/lib/paths';

const MODEL_DIR = path.join(REPO_ROOT, 'models', 'trained', 'emotion-fer');
const VECTORS = path.join(REPO_ROOT, 'models', 'training', 'test-vectors.json');

interface TestVectors {
  classes: string[];
  size: number;
  images: { path: string; label: string; pixels: string; probabilities: number[] }[];
}

const argmax = (row: readonly number[]): number => row.indexOf(Math.max(...row));

describe('trained emotion model: TF.js export vs PyTorch', () => {
  const vectors = JSON.parse(readFileSync(VECTORS, 'utf8')) as TestVectors;
  let model: GraphModel;
  let probabilities: number[][];

  beforeAll(async () => {
    await initNodeBackend('wasm');
    model = await graphModelFromFiles(await loadModelFiles(MODEL_DIR));
    const { size, images } = vectors;
    const pixels = new Float32Array(images.length * size * size);
    images.forEach((im, i) => pixels.set(Buffer.from(im.pixels, 'base64'), i * size * size));
    // Same path as the eval command: [n, 48, 48, 1] 0..255 -> [n, 64, 64, 1] in [-1, 1] -> [n, 7].
    const output = tf.tidy(() => {
      const input = emotionInputFromGray(tf.tensor4d(pixels, [images.length, size, size, 1]));
      return model.execute(input) as tf.Tensor2D;
    });
    const values = await output.data();
    output.dispose();
    probabilities = images.map((_, i) => Array.from(values.subarray(i * 7, (i + 1) * 7)));
  });

  afterAll(() => model?.dispose());

  it('uses the app class order and enough images', () => {
    expect(vectors.classes).toEqual([...EMOTIONS]);
    expect(vectors.images.length).toBeGreaterThanOrEqual(32);
  });

  it('gives the same probabilities (max |diff| < 1e-4) and the same top-1 class', () => {
    let maxDiff = 0;
    let agree = 0;
    vectors.images.forEach((im, i) => {
      const row = probabilities[i] as number[];
      im.probabilities.forEach(
        (p, c) => (maxDiff = Math.max(maxDiff, Math.abs(p - (row[c] ?? NaN)))),
      );
      if (argmax(row) === argmax(im.probabilities)) agree++;
    });
    expect(maxDiff).toBeLessThan(1e-4);
    expect(agree).toBe(vectors.images.length);
  });
});
