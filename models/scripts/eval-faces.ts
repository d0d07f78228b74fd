/**
 * `npm run eval:faces`: the detection check over ../shared/data/faces. Runs the app's photo
 * pipeline in Node on every photo of faces.json and prints, per photo, the required faces found
 * (a detection whose centre lies in the hand-drawn box) and the detections that match no face.
 * Exits 1 when a required face is missed or a face is reported on a no-face photo. Also prints
 * each photo's size, the time to its first faces (the whole-image pass, classified) and its
 * whole analysis time (the pipeline alone, decoding excluded; medians of EVAL_FACES_RUNS runs,
 * 3 by default, after one warm-up analysis).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { center, containsPoint, type Box } from '../../src/lib/domain/vision/box';
import { decodeImageFile } from '../../scripts/lib/images';
import { initNodeBackend } from '../../scripts/lib/node-backend';
import { loadShippedPipeline } from '../../scripts/lib/node-pipeline';
import { SHARED_DATA_DIR } from '../../scripts/lib/paths';

interface Truth {
  faces: number[][];
  optional: number[][];
}

const facesDir = path.resolve(process.argv[2] ?? path.join(SHARED_DATA_DIR, 'faces'));
const asBox = ([x1 = 0, y1 = 0, x2 = 0, y2 = 0]: number[]): Box => ({
  x: x1,
  y: y1,
  width: x2 - x1,
  height: y2 - y1,
});

const backend = await initNodeBackend('wasm');
const pipeline = await loadShippedPipeline();
const truth = JSON.parse(readFileSync(path.join(facesDir, 'faces.json'), 'utf8')).images as Record<
  string,
  Truth
>;
const runs = Math.max(1, Number(process.env.EVAL_FACES_RUNS ?? 3));
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;

/** The analysis and the medians of `runs` timings of its first faces and of the whole. */
async function timedAnalysis(image: ReturnType<typeof decodeImageFile>) {
  const times: number[] = [];
  const firsts: number[] = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = await pipeline.analyzePhoto(image, () => firsts.push(performance.now() - t0));
    times.push(performance.now() - t0);
  }
  return { faces: result?.faces ?? [], ms: median(times), firstMs: median(firsts) };
}

let failed = false;
const rows = [];
const names = Object.keys(truth);
// The first analysis compiles the kernels: not a photo's own cost.
if (names[0]) await pipeline.analyze(decodeImageFile(path.join(facesDir, names[0])), 'photo');
for (const [name, expected] of Object.entries(truth)) {
  const image = decodeImageFile(path.join(facesDir, name));
  const { faces, ms, firstMs } = await timedAnalysis(image);
  const required = expected.faces.map(asBox);
  const allowed = [...required, ...expected.optional.map(asBox)];
  const hits = (box: Box) =>
    faces.some((f) => containsPoint(box, center(f.box).x, center(f.box).y));
  const found = required.filter(hits).length;
  const extra = faces.filter(
    (f) => !allowed.some((b) => containsPoint(b, center(f.box).x, center(f.box).y)),
  );
  const ok = found === required.length && (required.length > 0 || faces.length === 0);
  failed ||= !ok;
  rows.push({
    photo: name,
    required: required.length,
    found,
    unmatched: extra.length,
    detections: faces.length,
    size: `${image.width}x${image.height}`,
    'first ms': Math.round(firstMs),
    ms: Math.round(ms),
    ok,
  });
}
console.table(rows);
console.log(
  `backend ${backend}; ${rows.filter((r) => r.ok).length}/${rows.length} photos pass; ` +
    `first ms (first faces shown) and ms (whole analysis): medians of ${runs} runs per photo (photos over 2048 px are analysed as they are here; the app scales them down first)`,
);
process.exit(failed ? 1 : 0);
