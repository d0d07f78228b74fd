/** The Markdown table printed by `npm run bench` and pasted into the README. */
import type { ColdStartResult } from './sections/cold-start';
import type { LiveResult } from './sections/live';
import type { MovingResult } from './sections/moving';
import type { BackendResult } from './sections/pipeline';
import type { StorageResult } from './sections/storage';

export interface BenchResults {
  date: string;
  machine: string;
  pipeline: BackendResult[];
  moving?: MovingResult;
  live?: LiveResult;
  coldStart?: ColdStartResult;
  storage?: StorageResult;
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '–');
const percent = (share: number) => `${(share * 100).toFixed(0)} %`;

/** Older results have no main-thread figures. */
function mainThread(m: LiveResult['mainThread'] | undefined): string {
  if (!m) return 'main thread busy: not measured';
  return `main thread busy ${percent(m.busy)} of the time (script ${percent(m.script)}, style and layout ${percent(m.styleLayout)})`;
}
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

export function markdown(r: BenchResults): string {
  const lines = [`Benchmark of ${r.date.slice(0, 10)} on ${r.machine}.`, ''];
  for (const b of r.pipeline) {
    const stages = Object.keys(b.frames[0]?.stages ?? {});
    lines.push(
      `**${b.backend}** (ours: ${describe(b.setup.ours.backend)}; human ${b.setup.human.version} on ${b.setup.human.backend}${b.setup.human.wasmThreads === null ? '' : `, threads ${String(b.setup.human.wasmThreads)}`}). Milliseconds, median / p95 over ${b.frames[0]?.stages.total?.n ?? 0} frames.`,
      '',
      `| frame | ${stages.join(' | ')} | faces | human total | human faces | ours/human (worker) | ours/human (round trip) |`,
      `|${' --- |'.repeat(stages.length + 6)}`,
    );
    for (const f of b.frames)
      lines.push(
        `| ${f.frame} | ${stages.map((s) => `${ms(f.stages[s]?.median ?? NaN)} / ${ms(f.stages[s]?.p95 ?? NaN)}`).join(' | ')} | ${f.faces} | ${ms(f.human.total.median)} / ${ms(f.human.total.p95)} | ${f.human.faces} | ${f.ratio.toFixed(3)} | ${f.ratioRoundTrip.toFixed(3)} |`,
      );
    lines.push(
      '',
      `Worker start-up in this page (ms): ${describeInit(b.setup.ours)}.`,
      '',
      `Above, every call runs the detector (like human with its caching off). The live path as the camera uses it, on the same still picture (${b.frames[0]?.scheduled.total.n ?? 0} frames in a row; faces followed by the short-range tracker, the whole frame scanned at least every 5th frame):`,
      '',
      ...b.frames.map(
        (f) =>
          `- ${f.frame}: worker total median ${ms(f.scheduled.total.median)} ms, mean ${ms(f.scheduled.mean)} ms, tracked without a full scan on ${(100 * f.scheduled.reusedShare).toFixed(0)} % of frames; mean ours / median human ${f.scheduled.ratioOfMean.toFixed(3)}`,
      ),
      '',
    );
  }
  if (r.moving) lines.push(...movingLines(r.moving));
  if (r.live) {
    const l = r.live;
    lines.push(
      `**Live** (fake camera, ${l.cameraFps.toFixed(1)} fps clip, ${l.seconds} s steady state): processed ${l.processedFps.toFixed(1)} fps (median of samples), latency ${ms(l.latencyMs)} ms, camera frames not analysed ${l.framesNotAnalysed} of ${l.cameraFrames}, main-thread tasks over 50 ms: ${l.longTasks.length}${l.longTasks.length ? ` (longest ${ms(Math.max(...l.longTasks))} ms)` : ''}; ${mainThread(l.mainThread)}.`,
      '',
    );
  }
  if (r.coldStart) {
    const c = r.coldStart;
    lines.push(
      `**Cold start** (navigation to /live, camera on, first face shown): first visit ${ms(c.firstVisitMs)} ms (engine ready at ${ms(c.firstVisitReadyMs)}), second visit (service worker, median of ${c.secondVisits.length}) ${ms(c.secondVisitMs)} ms (ready at ${ms(c.secondVisitReadyMs)}; on the page's own clock, navigation start to the first face, ${ms(c.secondVisitPageMs)} ms; runs, driver / page clock: ${c.secondVisits.map((v) => `${ms(v.result)} / ${ms(v.page)}`).join(', ')}). Downloaded on the first visit (page, workers and service worker precache): ${Object.entries(
        c.bytesByKind,
      )
        .map(([k, v]) => `${k} ${kb(v)}`)
        .join(
          ', ',
        )}; each second visit from the network: ${kb(c.secondVisitNetworkBytes)}. Initial-route JS ${kb(c.initialJsGzip)} gzipped (${c.initialJsFiles} files); models ${kb(c.modelBytes)}.`,
      '',
    );
  }
  if (r.storage) {
    const s = r.storage;
    lines.push(
      `**Storage** (${s.readings.toLocaleString('en')} readings in ${s.sessions} sessions, seeded in ${(s.seedMs / 1000).toFixed(0)} s): history page ${ms(s.historyMs.median)} ms, ${s.chartPoints.toLocaleString('en')}-point session chart ${ms(s.chartMs.median)} ms (medians of ${s.historyMs.n}).`,
      '',
    );
  }
  return lines.join('\n');
}

function describeInit(ours: unknown): string {
  const t = (ours as { timings?: Record<string, number> } | null)?.timings;
  return t
    ? Object.entries(t)
        .map(([k, v]) => `${k} ${ms(v)}`)
        .join(', ')
    : 'not reported';
}

function describe(backend: unknown): string {
  const b = backend as { reason?: string; name?: string } | null;
  return b?.reason ?? b?.name ?? '?';
}

function movingLines(m: MovingResult): string[] {
  const t = (x: { median: number; p95: number; mean: number }) =>
    `${ms(x.median)} / ${ms(x.p95)} / ${ms(x.mean)}`;
  const l = m.live;
  return [
    `**Moving clip** (${m.frames} frames, 640x480; ours: live path, tracked without a full scan on ${(100 * m.detectionReusedShare).toFixed(0)} % of frames; human ${m.setup.human.version} for live video: emotion every frame, detector every 6th). Milliseconds, median / p95 / mean:`,
    '',
    '| pipeline | per frame | ours/human (median of per-frame ratios) | ours/human (ratio of means) |',
    '| --- | --- | --- | --- |',
    `| ours (page round trip) | ${t(m.oursMs)} | ${m.ratio.toFixed(3)} | ${m.ratioOfMeans.toFixed(3)} |`,
    `| ours (worker) | ${t(m.oursWorkerMs)} | | |`,
    ...(m.oursWorkerTrackedMs && m.oursWorkerScannedMs
      ? [
          `| ours (worker), tracked frames | ${t(m.oursWorkerTrackedMs)} | | |`,
          `| ours (worker), full-scan frames | ${t(m.oursWorkerScannedMs)} | | |`,
        ]
      : []),
    `| human | ${t(m.humanMs)} | | |`,
    '',
    `Boxes on the ${m.countedFrames} counted frames (all but the first 6 of each segment): recall ${m.recall.toFixed(3)}, false faces ${m.falseFacesPerFrame.toFixed(3)} per frame, median IoU ${m.medianIoU.toFixed(3)}.`,
    '',
    `Live /live with this clip as the fake camera: processed ${l.processedFps.toFixed(1)} fps of ${l.cameraFps.toFixed(1)}, camera frames not analysed ${l.framesNotAnalysed} of ${l.cameraFrames}, latency p50 ${ms(l.latencyMs.p50)} ms / p95 ${ms(l.latencyMs.p95)} ms, main-thread tasks over 50 ms: ${l.longTasks}${l.longTasks ? ` (longest ${ms(l.longestTaskMs)} ms)` : ''}; ${mainThread(l.mainThread)}.`,
    '',
  ];
}
