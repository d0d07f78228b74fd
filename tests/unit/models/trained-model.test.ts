/**
 * The exported TF.js graphs of our trained emotion models (models/trained/<id>, written by
 * models/training/export_tfjs.py) against the PyTorch models they came from: test vectors exported
 * with each (validation images of its run and torch's probabilities). No torch needed.
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

const EXPORTS = [
  // fer-v2: shipped beside the mini-Xception (the pair's mean) until the student replaced both
  { id: 'emotion-fer', vectors: path.join('models', 'training', 'test-vectors.json') },
  // student-kd3 (its class bias folded into the head): the one classifier shipped since 2026-12-07
  {
    id: 'emotion-student',
    vectors: path.join('models', 'training', 'runs', 'student-kd3', 'test-vectors.json'),
  },
];

interface TestVectors {
  classes: string[];
  size: number;
  images: { path: string; label: string; pixels: string; probabilities: number[] }[];
}

const argmax = (row: readonly number[]): number => row.indexOf(Math.max(...row));

describe.each(EXPORTS)(
  'trained emotion model $id: TF.js export vs PyTorch',
  ({ id, vectors: file }) => {
    const vectors = JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')) as TestVectors;
    let model: GraphModel;
    let probabilities: number[][];

    beforeAll(async () => {
      await initNodeBackend('wasm');
      model = await graphModelFromFiles(
        await loadModelFiles(path.join(REPO_ROOT, 'models', 'trained', id)),
      );
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
  },
);
