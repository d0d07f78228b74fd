/**
 * The tracker's input size, measured: the moving clip (../shared/data/video) through the live
 * tracker with the short-range model run at each side given, scored against the clip's frame map
 * as the benchmark scores it. The full scan is the app's (LIVE_TRACKING.scanSides) in every row.
 *
 *   npx tsx models/scripts/tracker-sizes.ts [sides, default 128 96 80 64 56 48]
 *
 * The time per tracked frame is Node's (regions resampled in JS): compare rows, not with the browser.
 */
import path from 'node:path';
import { scoreClip } from '../../bench/lib/box-match';
import { readMovingClip } from '../../bench/lib/moving-clip';
import { DETECTOR_MODEL_ID } from '../../src/lib/domain/models/shipped-models';
import { faceDetectorFromFiles, DETECTOR_SIZE } from '../../src/lib/worker/engine/face-detector';
import { pixelsSource } from '../../src/lib/worker/engine/frame-source';
import { LiveTracker } from '../../src/lib/worker/engine/live-tracker';
import { loadModelFiles } from '../../scripts/lib/model-files';
import { initNodeBackend } from '../../scripts/lib/node-backend';
import { SHIPPED_MODELS_DIR } from '../../scripts/lib/paths';

const sides = process.argv.slice(2).map(Number);

await initNodeBackend('wasm');
const clip = readMovingClip();
const frames = clip.frames.map(pixelsSource);
const map = clip.map;
const files = (id: string) => loadModelFiles(path.join(SHIPPED_MODELS_DIR, id));
const trackerFiles = await files(DETECTOR_MODEL_ID);

console.log(
  '| tracker side | recall | false faces / frame | median IoU | tracked frames | ms / tracked frame (Node) |',
);
console.log('| --- | --- | --- | --- | --- | --- |');
for (const run of sides.length ? sides : [128, 96, 80, 64, 56, 48]) {
  const tracker = await faceDetectorFromFiles(trackerFiles, { ...DETECTOR_SIZE, run });
  const live = new LiveTracker(tracker);
  const boxes = [];
  let trackedMs = 0;
  let tracked = 0;
  for (const frame of frames) {
    const t0 = performance.now();
    const { faces, scanned } = await live.next(frame);
    if (!scanned) {
      trackedMs += performance.now() - t0;
      tracked++;
    }
    boxes.push(faces.map((f) => f.box));
  }
  const s = scoreClip(boxes, map.boxes, map.segments);
  const share = `${((100 * tracked) / frames.length).toFixed(0)} %`;
  console.log(
    `| ${run} | ${s.recall.toFixed(3)} | ${s.falseFacesPerFrame.toFixed(3)} | ${s.medianIoU.toFixed(3)} | ${share} | ${(trackedMs / tracked).toFixed(1)} |`,
  );
}
