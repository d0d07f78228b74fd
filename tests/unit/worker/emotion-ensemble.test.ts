/**
 * Averaging classifiers (ensemble) and the test-time flip, with the real models on real FER-2013
 * training faces, in Node (WASM backend): the app and the eval command share meanProbabilities.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EMOTION_MODEL_IDS } from '../../../src/lib/domain/models/shipped-models';
import { meanProbabilities } from '../../../src/lib/worker/engine/emotion-classifier';
import { emotionInputFromGray } from '../../../src/lib/worker/engine/emotion-input';
import { graphModelFromFiles } from '../../../src/lib/worker/engine/graph-model';
import { decodeImageFile, rgbaToGray } from '../../../scripts/lib/images';
import { loadModelFiles } from '../../../scripts/lib/model-files';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { REPO_ROOT, SHIPPED_MODELS_DIR } from '../../../scripts/lib/paths';
import { describeWithSharedData, hasSharedData, sharedData } from '../shared-data';

const LABELS = 'fer2013-train/labels.csv';
const TRAIN_DIR = sharedData('fer2013-train');
const FACES = hasSharedData(LABELS)
  ? readFileSync(sharedData(LABELS), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .filter((_, i) => i % 2000 === 0)
      .map((line) => path.join(TRAIN_DIR, line.split(',')[0] as string))
  : [];

const load = async (dir: string): Promise<GraphModel> =>
  graphModelFromFiles(await loadModelFiles(dir));

let a: GraphModel;
let b: GraphModel;
let input: tf.Tensor4D;

const values = (t: tf.Tensor): number[][] => {
  const rows = t.arraySync() as number[][];
  t.dispose();
  return rows;
};

const maxDiff = (x: number[][], y: number[][]): number =>
  Math.max(...x.flatMap((row, i) => row.map((v, j) => Math.abs(v - (y[i]?.[j] ?? NaN)))));

beforeAll(async () => {
  await initNodeBackend('wasm');
  // the shipped classifier, and fer-v2's export (shipped before the student): two different models
  a = await load(path.join(SHIPPED_MODELS_DIR, EMOTION_MODEL_IDS[0] as string));
  b = await load(path.join(REPO_ROOT, 'models', 'trained', 'emotion-fer'));
  input = tf.tidy(() => {
    const grays = FACES.map((file) => rgbaToGray(decodeImageFile(file)));
    const all = new Float32Array(grays.length * 48 * 48);
    grays.forEach((g, i) => all.set(g, i * 48 * 48));
    return emotionInputFromGray(tf.tensor4d(all, [grays.length, 48, 48, 1]));
  });
});

afterAll(() => {
  input?.dispose();
  a?.dispose();
  b?.dispose();
});

describeWithSharedData(LABELS, 'meanProbabilities', () => {
  it('with one model is that model', () => {
    const direct = values(a.execute(input) as tf.Tensor);
    expect(maxDiff(values(meanProbabilities([a], input)), direct)).toBe(0);
  });

  it('with two models is the mean of their probabilities, rows summing to 1', () => {
    const pa = values(a.execute(input) as tf.Tensor);
    const pb = values(b.execute(input) as tf.Tensor);
    const mean = values(meanProbabilities([a, b], input));
    expect(mean).toHaveLength(FACES.length);
    const expected = pa.map((row, i) => row.map((v, j) => (v + (pb[i]?.[j] ?? NaN)) / 2));
    expect(maxDiff(mean, expected)).toBeLessThan(1e-6);
    for (const row of mean) expect(row.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
    // the two models really differ on these faces, so the mean is not either of them
    expect(maxDiff(pa, pb)).toBeGreaterThan(0.05);
  });

  it('with the test-time flip gives the same answer for a face and its mirror image', () => {
    const mirrored = tf.reverse(input, 2);
    const plain = values(meanProbabilities([a, b], input, true));
    const ofMirror = values(meanProbabilities([a, b], mirrored, true));
    mirrored.dispose();
    expect(maxDiff(plain, ofMirror)).toBeLessThan(1e-5);
    // without the flip the models are not mirror-symmetric, which is what the flip averages out
    expect(
      maxDiff(
        values(meanProbabilities([a], input)),
        values(tf.tidy(() => a.execute(tf.reverse(input, 2)) as tf.Tensor)),
      ),
    ).toBeGreaterThan(1e-3);
  });

  it('leaks no tensor', () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) meanProbabilities([a, b], input, true).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an empty ensemble', () => {
    expect(() => meanProbabilities([], input)).toThrow(/no model/);
  });
});
