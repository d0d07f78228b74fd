/**
 * The app's face pipeline with the real, shipped models on real photos, in Node (WASM backend).
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { EMOTIONS } from '../../../src/lib/domain/affect/labels';
import type { FacePipeline } from '../../../src/lib/worker/engine/pipeline';
import { center, containsPoint } from '../../../src/lib/domain/vision/box';
import { decodeImageFile } from '../../../scripts/lib/images';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { loadShippedPipeline } from '../../../scripts/lib/node-pipeline';
import { describeWithSharedData, sharedData } from '../shared-data';
import { downscale } from './harness/rgba-frames';

const facesDir = sharedData('faces');

let pipeline: FacePipeline;
beforeAll(async () => {
  await initNodeBackend('wasm');
  pipeline = await loadShippedPipeline();
});

describeWithSharedData('faces', 'face pipeline on real photos', () => {
  const truth = JSON.parse(readFileSync(path.join(facesDir, 'faces.json'), 'utf8'))
    .images as Record<string, { faces: number[][] }>;

  it.each([
    'neutral-woman.jpg',
    'meeting-group.jpg',
    'apollo11-crew.jpg',
    'hikers-small-faces.jpg',
  ])('%s: every listed face found, with a valid reading', async (name) => {
    const { faces, timings } = await pipeline.analyze(
      decodeImageFile(path.join(facesDir, name)),
      'photo',
    );
    const expected = truth[name]?.faces ?? [];
    for (const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] of expected) {
      const box = { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
      expect(faces.some((f) => containsPoint(box, center(f.box).x, center(f.box).y))).toBe(true);
    }
    for (const face of faces) {
      expect(EMOTIONS).toContain(face.dominant);
      expect(face.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      expect(Number.isInteger(face.stress)).toBe(true);
    }
    expect(timings.detect).toBeGreaterThan(0);
    expect(timings.preprocess).toBeGreaterThanOrEqual(0);
  });

  it('reports the whole-image faces first, then adds the small faces the finer passes find', async () => {
    const image = decodeImageFile(path.join(facesDir, 'hikers-small-faces.jpg'));
    const firsts: number[] = [];
    let settled = false;
    const tensors = tf.memory().numTensors;
    const final = await pipeline.analyzePhoto(image, (first) => {
      expect(settled).toBe(false);
      firsts.push(first.faces.length);
      expect(first.timings.detect).toBeGreaterThan(0);
    });
    settled = true;
    expect(firsts).toHaveLength(1);
    // The hikers are too small for the 256-px pass: the short-range passes at the photo's own
    // resolution add them.
    expect(final.faces.length).toBeGreaterThan(firsts[0] as number);
    expect(tf.memory().numTensors).toBe(tensors);
    // Without a listener the result is the same.
    const plain = await pipeline.analyzePhoto(image);
    expect(plain.faces.map((f) => f.box)).toEqual(final.faces.map((f) => f.box));
  });

  it('finds no face on a photo without one', async () => {
    const { faces } = await pipeline.analyze(
      decodeImageFile(path.join(facesDir, 'no-face-coffee-cup.png')),
      'photo',
    );
    expect(faces).toEqual([]);
  });

  it('reads the happy baby as happy and the smiling woman as happy', async () => {
    for (const name of ['happy-baby.jpg', 'smiling-woman.png']) {
      const { faces } = await pipeline.analyze(decodeImageFile(path.join(facesDir, name)), 'photo');
      expect(faces[0]?.dominant).toBe('happy');
      expect(faces[0]?.level).toBe('low');
    }
  });

  it('keeps the tensor count flat over 200 live frames', async () => {
    const frame = decodeImageFile(path.join(facesDir, 'meeting-group.jpg'));
    const small = { ...downscale(frame, 4) };
    await pipeline.analyze(small, 'live');
    const before = tf.memory().numTensors;
    let facesSeen = 0;
    for (let i = 0; i < 200; i++) facesSeen += (await pipeline.analyze(small, 'live')).faces.length;
    expect(facesSeen).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
