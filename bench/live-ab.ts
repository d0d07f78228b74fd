/**
 * Two builds side by side on /live with the moving clip as the fake camera (the moving section's
 * live run, bench/sections/live.ts): alternating which goes first, one fresh browser a run. Prints
 * each run's fps, frames not analysed, latency, long tasks and main-thread shares, then the median
 * of the paired ratios of main-thread busy time (B / A).
 *
 *   npx tsx bench/live-ab.ts BUILD_A BUILD_B [runs=3]    (folders of `npm run build` output)
 */
import path from 'node:path';
import { SHARED_DATA_DIR } from '../scripts/lib/paths';
import { launch } from './lib/browser';
import { prepareServeRoot } from './lib/serve-root';
import { serve, type Server } from './lib/server';
import { median } from './lib/stats';
import { benchLive, type LiveResult } from './sections/live';

const [buildA, buildB, runsArg] = process.argv.slice(2);
if (!buildA || !buildB) {
  console.error('usage: npx tsx bench/live-ab.ts BUILD_A BUILD_B [runs=3]');
  process.exit(2);
}
const runs = Number(runsArg ?? 3);
const clip = path.join(SHARED_DATA_DIR, 'video', 'moving-faces-640x480-30fps.mjpeg');
const repo = path.resolve(import.meta.dirname, '..');

const builds = { A: path.resolve(buildA), B: path.resolve(buildB) };
const servers: Partial<Record<'A' | 'B', Server>> = {};
const results: Record<'A' | 'B', LiveResult[]> = { A: [], B: [] };
try {
  for (const [name, dir] of Object.entries(builds) as ['A' | 'B', string][]) {
    const root = path.join(repo, '.tmp', `live-ab-${name}`);
    prepareServeRoot(dir, root, path.join(SHARED_DATA_DIR, 'faces'));
    servers[name] = await serve(root, name === 'A' ? 4195 : 4196);
  }
  for (let r = 0; r < runs; r++)
    for (const name of r % 2 ? (['B', 'A'] as const) : (['A', 'B'] as const)) {
      const browser = await launch(clip);
      try {
        const l = await benchLive(browser, servers[name]!.origin);
        results[name].push(l);
        const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
        console.log(
          `${name}: ${l.processedFps.toFixed(2)} fps, ${l.framesNotAnalysed} of ${l.cameraFrames} not analysed, latency ${l.latencyMs} ms, long tasks ${l.longTasks.length}; main thread busy ${pct(l.mainThread.busy)} (script ${pct(l.mainThread.script)}, style and layout ${pct(l.mainThread.styleLayout)})`,
        );
      } finally {
        await browser.close();
      }
    }
  const ratios = results.B.map((b, i) => b.mainThread.busy / results.A[i]!.mainThread.busy);
  console.log(
    `main thread busy B / A, paired by run: ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${median(ratios).toFixed(2)}`,
  );
} finally {
  for (const s of Object.values(servers)) s.stop();
}
