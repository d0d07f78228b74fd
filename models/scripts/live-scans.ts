/**
 * The live full scan, measured: every `--every`th frame of the moving clip (../shared/data/video)
 * scanned whole, on its own (no tracking), by the detector at each set of sides (the longer side
 * of each pass, merged by weighted NMS, as live-tracker.ts merges them), scored against the clip's
 * frame map as the benchmark scores a frame. Prints recall, false faces, median IoU and the median
 * time of a scan. (The full-range model's row in models/README.md was measured by this script
 * while that model shipped.)
 *
 *   npx tsx models/scripts/live-scans.ts [--every=3]
 *
 * Times are Node's (WASM; regions resampled in JS): compare rows of one run, not with the browser.
 */
import path from 'node:path';
import { scoreFrame } from '../../bench/lib/box-match';
import { readMovingClip } from '../../bench/lib/moving-clip';
import { DETECTOR_MODEL_ID } from '../../src/lib/domain/models/shipped-models';
import {
  DETECTOR_SIZE,
  faceDetectorFromFiles,
  LIVE_DETECTOR_OPTIONS,
  type DetectedFace,
} from '../../src/lib/worker/engine/face-detector';
import { pixelsSource, type FrameSource } from '../../src/lib/worker/engine/frame-source';
import { LIVE_TRACKING } from '../../src/lib/worker/engine/live-tracker';
import { loadModelFiles } from '../../scripts/lib/model-files';
import { initNodeBackend } from '../../scripts/lib/node-backend';
import { SHIPPED_MODELS_DIR } from '../../scripts/lib/paths';

const every = Number(process.argv.find((a) => a.startsWith('--every='))?.split('=')[1] ?? 3);
const SIDE_SETS = [[320], [256], [224], [192], [256, 64], [224, 64], [224, 80], [192, 64]];

await initNodeBackend('wasm');
const clip = readMovingClip();
const files = (id: string) => loadModelFiles(path.join(SHIPPED_MODELS_DIR, id));
const detector = await faceDetectorFromFiles(await files(DETECTOR_MODEL_ID), DETECTOR_SIZE);

const scans: [string, (s: FrameSource) => Promise<DetectedFace[]>][] = [
  ...SIDE_SETS.map((sides): [string, (s: FrameSource) => Promise<DetectedFace[]>] => [
    `short-range ${sides.join(' + ')}${sides.join() === LIVE_TRACKING.scanSides.join() ? ' (the app)' : ''}`,
    (s) => detector.scanFrame(s, sides, LIVE_DETECTOR_OPTIONS),
  ]),
];

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? NaN;
const frames = clip.frames.map(pixelsSource).filter((_, i) => i % every === 0);
const truth = clip.map.boxes.filter((_, i) => i % every === 0);
console.log(`${frames.length} frames (every ${every}th of ${clip.frames.length})\n`);
console.log('| full scan | recall | false faces | median IoU | ms / scan (Node) |');
console.log('| --- | --- | --- | --- | --- |');
for (const [name, scan] of scans) {
  let required = 0;
  let found = 0;
  let falseFaces = 0;
  const ious: number[] = [];
  const ms: number[] = [];
  for (const [i, frame] of frames.entries()) {
    await scan(frame); // the first scan at a shape sets up its anchors: not timed
    const t0 = performance.now();
    const faces = await scan(frame);
    ms.push(performance.now() - t0);
    const score = scoreFrame(
      faces.map((f) => f.box),
      truth[i] as (typeof truth)[number],
    );
    required += score.required;
    found += score.found;
    falseFaces += score.falseFaces;
    ious.push(...score.ious);
  }
  console.log(
    `| ${name} | ${(found / required).toFixed(3)} | ${falseFaces} | ${median(ious).toFixed(3)} | ${median(ms).toFixed(1)} |`,
  );
}
