/**
 * How FER-2013 frames a face relative to the shipped detector's box, measured on the training
 * split only: every 60th training face is put in the middle of a black canvas three times its
 * size, the detector runs, and the median crop-to-box ratio and centre offset are printed. The
 * app's FER_FRAMING (src/lib/worker/engine/pipeline.ts) comes from this.
 *
 *   npx tsx models/scripts/measure-fer-framing.ts [fer2013-train dir]
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DETECTOR_MODEL_ID } from '../../src/lib/domain/models/shipped-models';
import { FaceDetector } from '../../src/lib/worker/engine/face-detector';
import { graphModelFromFiles } from '../../src/lib/worker/engine/graph-model';
import { decodeImageFile } from '../../scripts/lib/images';
import { parseLabelsCsv } from '../../scripts/lib/labels-csv';
import { loadModelFiles } from '../../scripts/lib/model-files';
import { initNodeBackend } from '../../scripts/lib/node-backend';
import { SHARED_DATA_DIR, SHIPPED_MODELS_DIR } from '../../scripts/lib/paths';

const dir = path.resolve(process.argv[2] ?? path.join(SHARED_DATA_DIR, 'fer2013-train'));
const EVERY = 60;
const SIDE = 48;

await initNodeBackend('wasm');
const detector = new FaceDetector(
  await graphModelFromFiles(await loadModelFiles(path.join(SHIPPED_MODELS_DIR, DETECTOR_MODEL_ID))),
);
const rows = parseLabelsCsv(readFileSync(path.join(dir, 'labels.csv'), 'utf8')).filter(
  (_, i) => i % EVERY === 0,
);
const scales: number[] = [];
const shifts: number[] = [];
for (const row of rows) {
  const image = decodeImageFile(path.join(dir, row.path));
  const canvas = tf.tidy(
    () =>
      tf.pad(tf.cast(tf.browser.fromPixels(image, 3), 'float32'), [
        [SIDE, SIDE],
        [SIDE, SIDE],
        [0, 0],
      ]) as tf.Tensor3D,
  );
  const [face] = await detector.detect(canvas, { minScore: 0.5, iouThreshold: 0.3, maxFaces: 1 });
  canvas.dispose();
  if (!face) continue;
  scales.push(SIDE / Math.max(face.box.width, face.box.height));
  // Where the training crop's centre lies relative to the box centre, in box heights.
  shifts.push((1.5 * SIDE - (face.box.y + face.box.height / 2)) / face.box.height);
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
console.log(
  JSON.stringify({
    faces: rows.length,
    detected: scales.length,
    scale: median(scales),
    shiftY: median(shifts),
  }),
);
