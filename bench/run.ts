/**
 * `npm run bench`: builds the app (unless --no-build), serves it with Debian's nginx and our
 * nginx.conf, and measures in Debian's Chromium: per-frame speed against @vladmandic/human,
 * live mode with the fake camera, cold start, and storage at scale. Writes
 * bench/results/latest.json and prints a Markdown table.
 *
 *   npm run bench [-- --no-build] [--only=pipeline,moving,live,cold,storage] [--rounds=60] [--webgl-rounds=50]
 *     [--backends=wasm,webgl]
 *   BENCH_READINGS=1000000 (readings seeded for the storage figures)
 *   BENCH_PORT=4193, BENCH_BUILD_DIR=.tmp/build-bench, BENCH_KIT_DIR=.tmp/kit-bench,
 *   BENCH_ROOT=.tmp/bench-root, BENCH_RESULTS=bench/results/latest.json (to run beside another),
 *   BENCH_COLD_BACKEND=webgl (the cold start on that backend; default the automatic choice)
 */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHARED_DATA_DIR } from '../scripts/lib/paths';
import { launch } from './lib/browser';
import { addMovingFrames, prepareServeRoot } from './lib/serve-root';
import { serve } from './lib/server';
import { markdown, type BenchResults } from './report';
import { benchColdStart } from './sections/cold-start';
import { benchLive } from './sections/live';
import { benchMoving } from './sections/moving';
import { benchPipeline } from './sections/pipeline';
import { benchStorage } from './sections/storage';

const repo = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const only = new Set((flag('only') ?? 'pipeline,moving,live,cold,storage').split(','));
const rounds = Number(flag('rounds') ?? 60);
/** SwiftShader makes a WebGL round take seconds here; the issue asks for at least 50 frames. */
const webglRounds = Number(flag('webgl-rounds') ?? 50);
const backends = (flag('backends') ?? 'wasm,webgl').split(',') as ('wasm' | 'webgl')[];
const readings = Number(process.env.BENCH_READINGS ?? 1_000_000);
const port = Number(process.env.BENCH_PORT ?? 4193);
const buildDir = path.resolve(repo, process.env.BENCH_BUILD_DIR ?? '.tmp/build-bench');
const kitDir = path.resolve(repo, process.env.BENCH_KIT_DIR ?? '.tmp/kit-bench');
const serveDir = path.resolve(repo, process.env.BENCH_ROOT ?? '.tmp/bench-root');
const resultsFile = path.resolve(repo, process.env.BENCH_RESULTS ?? 'bench/results/latest.json');

if (!args.includes('--no-build')) {
  console.error(`bench: building the app into ${path.relative(repo, buildDir)}`);
  execSync('npm run build', {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, BUILD_DIR: buildDir, KIT_OUT_DIR: kitDir },
  });
}
const facesDir = path.join(SHARED_DATA_DIR, 'faces');
const { root, workerPath } = prepareServeRoot(buildDir, serveDir, facesDir);
const movingClip = {
  mjpeg: path.join(SHARED_DATA_DIR, 'video', 'moving-faces-640x480-30fps.mjpeg'),
  map: path.join(SHARED_DATA_DIR, 'video', 'moving-faces-640x480-30fps.json'),
  frames: 0,
};
if (only.has('moving')) movingClip.frames = addMovingFrames(root, movingClip.mjpeg);
function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
}

const server = await serve(root, port);
const browser = await launch();
const results: BenchResults = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? 'CPU'}, load ${loadAverage()}; ${browser.version()}`,
  pipeline: [],
};
try {
  if (only.has('pipeline'))
    for (const backend of backends) {
      const n = backend === 'webgl' ? webglRounds : rounds;
      console.error(`bench: pipeline on ${backend}, ${n} rounds; load ${loadAverage()}`);
      results.pipeline.push(await benchPipeline(browser, server.origin, workerPath, backend, n));
    }
  if (only.has('moving')) {
    console.error(`bench: moving clip, ${movingClip.frames} frames; load ${loadAverage()}`);
    results.moving = await benchMoving(browser, server.origin, workerPath, movingClip);
  }
  if (only.has('live')) {
    console.error('bench: live mode with the fake camera');
    results.live = await benchLive(browser, server.origin);
  }
  if (only.has('cold')) {
    console.error('bench: cold start');
    results.coldStart = await benchColdStart(browser, server.origin, root, facesDir);
  }
  if (only.has('storage')) {
    console.error(`bench: storage with ${readings} readings`);
    results.storage = await benchStorage(server.origin, readings);
  }
} finally {
  await browser.close();
  server.stop();
}
results.machine += `; load after ${os.loadavg()[0]?.toFixed(1)}`;
mkdirSync(path.dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
console.log(markdown(results));
