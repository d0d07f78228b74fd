/**
 * The photo scan's passes, measured on ../shared/data/faces: the detector over the whole photo at
 * each set of first-pass sides, then at each set of scales of the photo's own resolution
 * (vision/photo-scales.ts), merged as the app merges them. Prints, per row, the required faces
 * found (a detection's centre in the hand-drawn box), detections that match no face, and the
 * median of 3 timed scans of two photos.
 *
 *   npx tsx models/scripts/photo-scans.ts [--longer=2048] [--max-side=1280]
 *
 * With --longer, every photo is first scaled (bilinear) to that longer side, as a large photo
 * would be (the app scales photos down to at most 2048 px; these, mostly 1280 px, go up).
 * --max-side caps each pass's longer side (default the app's MAX_PASS_SIDE).
 *
 * Times are Node's (WASM): compare rows of one run, not with the browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { DETECTOR_MODEL_ID } from '../../src/lib/domain/models/shipped-models';
import { center, containsPoint, type Box } from '../../src/lib/domain/vision/box';
import {
  MAX_PASS_SIDE,
  PHOTO_FIRST_SIDES,
  PHOTO_SCALES,
} from '../../src/lib/domain/vision/photo-scales';
import {
  DETECTOR_SIZE,
  faceDetectorFromFiles,
  type DetectedFace,
} from '../../src/lib/worker/engine/face-detector';
import { addFinePasses, firstPasses } from '../../src/lib/worker/engine/photo-scan';
import { decodeImageFile } from '../../scripts/lib/images';
import { loadModelFiles } from '../../scripts/lib/model-files';
import { initNodeBackend } from '../../scripts/lib/node-backend';
import { SHARED_DATA_DIR, SHIPPED_MODELS_DIR } from '../../scripts/lib/paths';

const ROWS: { first: readonly number[]; scales: readonly number[] }[] = [
  { first: PHOTO_FIRST_SIDES, scales: [] },
  { first: PHOTO_FIRST_SIDES, scales: PHOTO_SCALES },
  { first: [256, 64], scales: PHOTO_SCALES },
  { first: [384, 128], scales: PHOTO_SCALES },
  { first: PHOTO_FIRST_SIDES, scales: [1, 0.5] },
];
const option = (name: string) => {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : undefined;
};
const LONGER = option('longer');
const MAX_SIDE = option('max-side') ?? MAX_PASS_SIDE;
const TIMED = ['meeting-group.jpg', 'hikers-small-faces.jpg'];

await initNodeBackend('wasm');
const facesDir = path.join(SHARED_DATA_DIR, 'faces');
const truth = JSON.parse(readFileSync(path.join(facesDir, 'faces.json'), 'utf8')).images as Record<
  string,
  { faces: number[][]; optional: number[][] }
>;
const files = (id: string) => loadModelFiles(path.join(SHIPPED_MODELS_DIR, id));
const detector = await faceDetectorFromFiles(await files(DETECTOR_MODEL_ID), DETECTOR_SIZE);

const scan = async (image: tf.Tensor3D, row: (typeof ROWS)[number]): Promise<DetectedFace[]> =>
  addFinePasses(
    detector,
    image,
    await firstPasses(detector, image, row.first),
    row.scales,
    MAX_SIDE,
    row.first,
  );

const asBox = ([x1 = 0, y1 = 0, x2 = 0, y2 = 0]: number[]): Box => ({
  x: x1,
  y: y1,
  width: x2 - x1,
  height: y2 - y1,
});
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;
const photos = Object.entries(truth).map(([name, t]) => {
  const pixels = decodeImageFile(path.join(facesDir, name));
  const k = LONGER ? LONGER / Math.max(pixels.width, pixels.height) : 1;
  const scaled = (b: Box): Box => ({
    x: b.x * k,
    y: b.y * k,
    width: b.width * k,
    height: b.height * k,
  });
  return {
    name,
    required: t.faces.map(asBox).map(scaled),
    allowed: [...t.faces, ...t.optional].map(asBox).map(scaled),
    pixels,
    size: [Math.round(pixels.height * k), Math.round(pixels.width * k)] as [number, number],
  };
});

console.log(
  `| first passes (sides) | then (scales) | faces found | unmatched | ${TIMED.map((n) => `ms ${n}`).join(' | ')} | misses |`,
);
console.log(`| --- | --- | --- | --- | ${TIMED.map(() => '---').join(' | ')} | --- |`);
for (const row of ROWS) {
  let found = 0;
  let required = 0;
  let unmatched = 0;
  const misses: string[] = [];
  const ms: Record<string, number> = {};
  for (const photo of photos) {
    const image = tf.tidy(() =>
      tf.image.resizeBilinear(
        tf.cast(tf.browser.fromPixels(photo.pixels, 3), 'float32') as tf.Tensor3D,
        photo.size,
      ),
    );
    let faces = await scan(image, row); // the first run at a size compiles nothing to time
    if (TIMED.includes(photo.name)) {
      const times: number[] = [];
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        faces = await scan(image, row);
        times.push(performance.now() - t0);
      }
      ms[photo.name] = median(times);
    }
    image.dispose();
    const inside = (b: Box) => (f: DetectedFace) =>
      containsPoint(b, center(f.box).x, center(f.box).y);
    const hits = photo.required.filter((b) => faces.some(inside(b))).length;
    const extra = faces.filter((f) => !photo.allowed.some((b) => inside(b)(f))).length;
    found += hits;
    required += photo.required.length;
    unmatched += extra;
    if (hits < photo.required.length || extra > 0)
      misses.push(`${photo.name} ${hits}/${photo.required.length}${extra ? ` +${extra}` : ''}`);
  }
  const label = `${row.first.join(' + ')} | ${row.scales.join(', ') || 'none (first passes alone)'}`;
  const times = TIMED.map((n) => Math.round(ms[n] ?? NaN)).join(' | ');
  console.log(
    `| ${label} | ${found} of ${required} | ${unmatched} | ${times} | ${misses.join('; ') || '–'} |`,
  );
}
