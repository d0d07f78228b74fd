/**
 * Live detection schedule (detect, then reuse the faces while the picture is still) with the real
 * models on the shared fake-camera clip, in Node (WASM): the reused boxes must be the boxes a
 * detector pass would give on that frame.
 */
import { beforeAll, expect, it } from 'vitest';
import type { FacePipeline } from '../../../src/lib/worker/engine/pipeline';
import { intersectionOverUnion } from '../../../src/lib/domain/vision/box';
import type { RgbaImage } from '../../../scripts/lib/images';
import { initNodeBackend } from '../../../scripts/lib/node-backend';
import { loadShippedPipeline } from '../../../scripts/lib/node-pipeline';
import { readY4mFrames } from '../../../scripts/lib/y4m';
import { shifted, withNoise } from '../domain/vision/frame-edits';
import { CAMERA_CLIP, describeWithSharedData, sharedData } from '../shared-data';

const CUTS = [0, 23, 46]; // first frames of the clip's three photos (its .json frame map)

let pipeline: FacePipeline;
let frames: RgbaImage[];

beforeAll(async () => {
  await initNodeBackend('wasm');
  pipeline = await loadShippedPipeline();
  frames = readY4mFrames(sharedData(CAMERA_CLIP));
});

/** Every reused face box against the box a detector pass finds on the same frame. */
async function compare(sequence: readonly RgbaImage[]) {
  const reused: number[] = [];
  let worstIou = 1;
  for (const [i, frame] of sequence.entries()) {
    const live = await pipeline.analyze(frame, 'live');
    const fresh = await pipeline.analyze(frame, 'live', { redetect: true });
    expect(fresh.detectionReused).toBe(false);
    expect(live.faces.length, `frame ${i}: faces`).toBe(fresh.faces.length);
    if (live.detectionReused) reused.push(i);
    for (const face of live.faces) {
      const best = Math.max(...fresh.faces.map((f) => intersectionOverUnion(face.box, f.box)));
      worstIou = Math.min(worstIou, best);
    }
  }
  return { reused, worstIou };
}

describeWithSharedData(CAMERA_CLIP, 'live detection schedule', () => {
  it('on the clip: detects at every cut, reuses on still frames, boxes as a detector pass', async () => {
    const { reused, worstIou } = await compare(frames);
    for (const cut of CUTS) expect(reused).not.toContain(cut);
    // 3 photos x 23 still frames: after each detection two frames reuse it
    expect(reused.length).toBe(45);
    expect(worstIou).toBeGreaterThan(0.99);
  });

  it('with sensor-like noise (sigma 4) still reuses, and the boxes hold', async () => {
    const noisy = Array.from({ length: 12 }, (_, i) => withNoise(frames[0]!, 4, i + 1));
    const { reused, worstIou } = await compare(noisy);
    expect(reused.length).toBe(8);
    expect(worstIou).toBeGreaterThan(0.9);
  });

  it('while the face moves slowly (2 px a frame), reused boxes stay within IoU 0.88', async () => {
    const moving = Array.from({ length: 21 }, (_, i) => shifted(frames[46]!, 2 * i, i));
    const { reused, worstIou } = await compare(moving);
    expect(reused.length).toBeGreaterThan(0);
    // two frames behind at (2, 1) px a frame on a 155-px face bound the IoU near 0.92
    expect(worstIou).toBeGreaterThan(0.88);
  });

  it('never reuses an empty result, so a face that appears is found on its first frame', async () => {
    const black: RgbaImage = { data: new Uint8Array(640 * 480 * 4), width: 640, height: 480 };
    for (let i = 0; i < 3; i++) {
      const r = await pipeline.analyze(black, 'live');
      expect(r.faces).toEqual([]);
      expect(r.detectionReused).toBe(false);
    }
    const appeared = await pipeline.analyze(frames[0]!, 'live');
    expect(appeared.detectionReused).toBe(false);
    expect(appeared.faces).toHaveLength(1);
  });

  it('photos never use the schedule', async () => {
    for (let i = 0; i < 3; i++)
      expect((await pipeline.analyze(frames[0]!, 'photo')).detectionReused).toBe(false);
  });
});
