/**
 * The worker's Engine in Node: the shipped models downloaded over HTTP from a local server and
 * checked, built on TF.js's WASM backend, then frames analysed. Only the bitmap reading (an
 * OffscreenCanvas) and the WebGL paths (GPU choice, context loss) stay for the browser tests;
 * here frames come as RGBA pixels through RgbaFrameReader.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { center, containsPoint } from '../../../src/lib/domain/vision/box';
import { faceBoxStats } from '../../../src/lib/domain/quality/pixel-stats';
import { SHIPPED_MODEL_IDS } from '../../../src/lib/domain/models/manifest';
import { Engine } from '../../../src/lib/worker/engine/engine';
import { EngineError } from '../../../src/lib/worker/engine/engine-error';
import { decodeImageFile, type RgbaImage } from '../../../scripts/lib/images';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { describeWithSharedData, sharedData } from '../shared-data';
import { serveModels, type ModelServer } from './harness/model-server';
import { asBitmap, downscale, greyFrame, RgbaFrameReader, upscale } from './harness/rgba-frames';

let server: ModelServer;
beforeAll(async () => {
  await initNodeBackend('wasm');
  server = await serveModels();
});
afterAll(() => server.close());

const failure = (work: Promise<unknown>) =>
  work.then(
    () => expect.unreachable('it should have failed'),
    (e: unknown) => (e instanceof EngineError ? e.error : e),
  );

describe('engine before and without models', () => {
  it('refuses to analyse before init, and closes the frame', async () => {
    const reader = new RgbaFrameReader();
    const engine = new Engine(reader);
    expect(await failure(engine.analyze({ bitmap: asBitmap(greyFrame()), mode: 'live' }))).toEqual({
      code: 'not-ready',
      message: 'The models are not loaded yet',
    });
    expect(reader).toMatchObject({ reads: 0, discards: 1 });
  });

  it('says the models could not be loaded when they are not there', async () => {
    const engine = new Engine(new RgbaFrameReader());
    const error = await failure(engine.init({ modelBaseUrl: `${server.base}nowhere/` }, () => {}));
    expect(error).toMatchObject({ code: 'model-load' });
    expect((error as { message: string }).message).toMatch(
      /^The models could not be loaded: .*404/,
    );
  });

  it('says no backend works when none of those asked for starts', async () => {
    const engine = new Engine(new RgbaFrameReader());
    // Node has no OffscreenCanvas, so no WebGL context.
    const error = await failure(
      engine.init({ modelBaseUrl: server.base, backends: ['webgl'] }, () => {}),
    );
    expect(error).toMatchObject({ code: 'backend' });
    expect((error as { message: string }).message).toMatch(/webgl: no WebGL context/);
  });
});

describe('engine with the shipped models', () => {
  const reader = new RgbaFrameReader();
  const engine = new Engine(reader);
  const progress: [number, number][] = [];

  beforeAll(async () => {
    const result = await engine.init({ modelBaseUrl: server.base, backends: ['wasm'] }, (l, t) =>
      progress.push([l, t]),
    );
    expect(result.backend).toMatchObject({ name: 'wasm', threads: 1 });
    expect(result.backend.reason).toMatch(/^WASM, (no )?SIMD, single thread$/);
    expect(result.models.map((m) => m.id).sort()).toEqual([...SHIPPED_MODEL_IDS].sort());
    for (const t of Object.values(result.timings)) expect(t).toBeGreaterThanOrEqual(0);
  });

  it('reported the download up to its total', () => {
    const [loaded, total] = progress.at(-1) ?? [0, 0];
    expect(total).toBeGreaterThan(0);
    expect(loaded).toBe(total);
  });

  it('finds no face in a flat frame, and times every stage', async () => {
    const analysis = await engine.analyze({ bitmap: asBitmap(greyFrame(96, 64)), mode: 'photo' });
    expect(analysis).toMatchObject({ width: 96, height: 64, faces: [], backend: 'wasm' });
    expect(Object.keys(analysis.timings).sort()).toEqual(
      ['classify', 'crop', 'decode', 'detect', 'preprocess', 'total'].sort(),
    );
  });

  it('reports a failing analysis as an inference failure', async () => {
    // ImageData's kind of array, which the bitmap reader converts and TF.js refuses.
    const pixels = { data: new Uint8ClampedArray(32 * 32 * 4), width: 32, height: 32 };
    const error = await failure(
      engine.analyze({ bitmap: pixels as unknown as ImageBitmap, mode: 'photo' }),
    );
    expect(error).toMatchObject({ code: 'inference' });
    expect((error as { message: string }).message).toMatch(/^Analysis failed: .*fromPixels/);
  });

  describeWithSharedData('faces', 'on real photos', () => {
    const faces = JSON.parse(readFileSync(sharedData('faces', 'faces.json'), 'utf8'))
      .images as Record<string, { faces: [number, number, number, number][] }>;
    const photo = (name: string): RgbaImage => decodeImageFile(sharedData('faces', name));
    const truthBox = (name: string, scale = 1) => {
      const [x1, y1, x2, y2] = faces[name]?.faces[0] ?? [0, 0, 0, 0];
      return { x: x1 * scale, y: y1 * scale, width: (x2 - x1) * scale, height: (y2 - y1) * scale };
    };

    it('finds the face, with affect and the pixel statistics of its box', async () => {
      const analysis = await engine.analyze({
        bitmap: asBitmap(photo('neutral-woman.jpg')),
        mode: 'photo',
      });
      expect(analysis.faces).toHaveLength(1);
      const [face] = analysis.faces;
      const { x, y } = center(face!.box);
      expect(containsPoint(truthBox('neutral-woman.jpg'), x, y)).toBe(true);
      expect(face!.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(face!.pixels?.brightness).toBeGreaterThan(0.15);
      expect(face!.pixels?.sharpness).toBeGreaterThan(0.1);
    });

    it('measures a live face on its box drawn small, as the full-resolution box measures', async () => {
      // The live path draws the box at most 128 px a side; the statistics average it to 32 px anyway.
      const frame = downscale(photo('neutral-woman.jpg'), 2);
      const analysis = await engine.analyze({ bitmap: asBitmap(frame), mode: 'live' });
      const [face] = analysis.faces;
      expect(face!.box.width).toBeGreaterThan(100);
      const full = faceBoxStats(frame, face!.box)!;
      expect(face!.pixels!.brightness).toBeCloseTo(full.brightness, 2);
      // Drawn twice (box to 128 px, then to the 32-px patch) the sharpness moves by a few percent,
      // by how the box falls on the pixel grid (0.948 for this box, 1.009 for the full-range
      // model's): immaterial beside the 'blurred' threshold, 0.1 against 0.63 here.
      expect(face!.pixels!.sharpness / full.sharpness).toBeGreaterThan(0.92);
      expect(face!.pixels!.sharpness / full.sharpness).toBeLessThan(1.08);
    });

    it('measures a photo face on exactly its box', async () => {
      const frame = downscale(photo('neutral-woman.jpg'), 2);
      const analysis = await engine.analyze({ bitmap: asBitmap(frame), mode: 'photo' });
      const [face] = analysis.faces;
      expect(face!.pixels).toEqual(faceBoxStats(frame, face!.box));
    });

    it('scales a photo larger than 2048 px down, and gives boxes in its own pixels', async () => {
      const big = upscale(photo('neutral-woman.jpg'), 2);
      const before = reader.reads;
      const analysis = await engine.analyze({ bitmap: asBitmap(big), mode: 'photo' });
      expect(reader.reads).toBe(before + 1);
      expect(analysis).toMatchObject({ width: big.width, height: big.height });
      const [face] = analysis.faces;
      const { x, y } = center(face!.box);
      expect(containsPoint(truthBox('neutral-woman.jpg', 2), x, y)).toBe(true);
    });

    it('runs analyses sent together one at a time, in the order sent, past a failing one', async () => {
      const frame = downscale(photo('meeting-group.jpg'), 4);
      const done: string[] = [];
      const track = <T>(name: string, work: Promise<T>) =>
        work.then(
          (value) => (done.push(name), value),
          (e: unknown) => (done.push(`${name} failed`), e),
        );
      const bad = { data: new Uint8ClampedArray(32 * 32 * 4), width: 32, height: 32 };
      // The photo takes far longer than a live frame: run side by side, it would finish last.
      const results = await Promise.all([
        track(
          'photo',
          engine.analyze({ bitmap: asBitmap(photo('hikers-small-faces.jpg')), mode: 'photo' }),
        ),
        track('bad', engine.analyze({ bitmap: bad as unknown as ImageBitmap, mode: 'photo' })),
        track('live', engine.analyze({ bitmap: asBitmap(frame), mode: 'live' })),
      ]);
      expect(done).toEqual(['photo', 'bad failed', 'live']);
      expect((results[2] as { faces: unknown[] }).faces.length).toBeGreaterThan(0);
    }, 60_000);

    it('tracks the faces of a still live frame, and leaks no tensor over many frames', async () => {
      const frame = downscale(photo('meeting-group.jpg'), 4);
      const first = await engine.analyze({ bitmap: asBitmap(frame), mode: 'live' });
      expect(first.faces.length).toBeGreaterThan(0);
      const tensors = tf.memory().numTensors;
      const reused: boolean[] = [];
      for (let i = 0; i < 30; i++) {
        const { detectionReused, faces } = await engine.analyze({
          bitmap: asBitmap(frame),
          mode: 'live',
        });
        reused.push(detectionReused);
        expect(faces.length).toBe(first.faces.length);
      }
      expect(reused).toContain(true);
      expect(reused).toContain(false);
      expect(tf.memory().numTensors).toBe(tensors);
    }, 120_000);
  });
});
