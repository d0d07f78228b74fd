/**
 * The diagnostics page's controller: the browser's counterpart of a server's monitoring dashboard.
 * It reads the engine (backend, models, start-up, restarts), measures live frames through the
 * same LiveCamera as the live page (without recording), polls the worker's tensors, the heap and
 * storage, and keeps the event log on screen. Everything stays on this device; the download is a
 * file the person saves.
 */
import { errorText } from '../../domain/error-text';
import type { AnalysisMode } from '../../domain/analysis/mode';
import type { FrameAnalysis } from '../../domain/analysis/types';
import { EVENT_LOG_LIMIT, isoTime, type LoggedEvent } from '../../domain/diagnostics/events';
import { describeModels } from '../../domain/diagnostics/models';
import {
  countReadings,
  emptyCounts,
  type ReadingCounts,
} from '../../domain/diagnostics/reading-counts';
import type { Percentiles } from '../../domain/diagnostics/samples';
import { StageLatency, type Stage } from '../../domain/diagnostics/stage-latency';
import { errorRate } from '../../domain/diagnostics/targets';
import type { WorkerStats } from '../../domain/diagnostics/worker-stats';
import type { ModelManifest } from '../../domain/models/manifest';
import type { TrackedFace } from '../../domain/tracking/tracker';
import { analyzer as appAnalyzer, type Analyzer } from '../../inference/analyzer.svelte';
import { eventLog, type EventLog } from '../../services/diagnostics/event-log';
import {
  measureHeap,
  measureStorage,
  readModelManifest,
  type HeapReading,
  type StorageReading,
} from '../../services/diagnostics/probes';
import { downloadText, exportName } from '../../services/files/download';
import { LiveCamera } from '../live/live-camera.svelte';

export type EngineView = Pick<
  Analyzer,
  'start' | 'analyze' | 'stats' | 'state' | 'info' | 'restarts' | 'lastRestart'
>;

export interface Probes {
  heap: () => Promise<HeapReading | null>;
  storage: () => Promise<StorageReading>;
  manifest: () => Promise<ModelManifest | null>;
}

const browserProbes: Probes = {
  heap: () => measureHeap(),
  storage: () => measureStorage(),
  manifest: () => readModelManifest(),
};

/** Often enough to watch a number move, rarely enough to cost nothing next to the frames. */
export const REFRESH_MS = 1000;

export class Diagnostics {
  readonly camera: LiveCamera;
  /** The engine as the camera calls it: each frame's timings and failures are counted here. */
  readonly measured: Pick<Analyzer, 'start' | 'analyze'>;
  latency = $state.raw<Record<Stage, Percentiles> | null>(null);
  frames = $state(0);
  errors = $state(0);
  lastError = $state<string | null>(null);
  counts = $state.raw<ReadingCounts>(emptyCounts());
  worker = $state.raw<WorkerStats | null>(null);
  heap = $state.raw<HeapReading | null>(null);
  storage = $state.raw<StorageReading | null>(null);
  manifest = $state.raw<ModelManifest | null>(null);
  events = $state.raw<LoggedEvent[]>([]);
  readonly crossOriginIsolated = globalThis.crossOriginIsolated === true;

  private readonly stages = new StageLatency();

  constructor(
    private readonly engine: EngineView = appAnalyzer,
    private readonly log: Pick<EventLog, 'read' | 'subscribe'> = eventLog,
    private readonly probes: Probes = browserProbes,
  ) {
    this.measured = {
      start: () => engine.start(),
      analyze: (bitmap, mode) => this.measure(bitmap, mode),
    };
    this.camera = new LiveCamera((_t, faces) => this.count(faces), this.measured);
  }

  get errorRate(): number | null {
    return errorRate(this.frames, this.errors);
  }

  get models() {
    return describeModels(this.engine.info?.models ?? [], this.manifest);
  }

  /** Call once mounted: starts the engine, reads the log, and refreshes the figures. */
  attach(): () => void {
    this.engine.start().catch(() => {});
    const detachCamera = this.camera.attach();
    const unsubscribe = this.log.subscribe((e) => this.prepend(e));
    this.log.read().then(
      (stored) => (this.events = mergeEvents(this.events, stored)),
      () => {},
    );
    void this.probes.manifest().then((m) => (this.manifest = m));
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), REFRESH_MS);
    return () => {
      clearInterval(timer);
      unsubscribe();
      detachCamera();
    };
  }

  async refresh(): Promise<void> {
    this.latency = this.stages.summary();
    const [worker, heap, storage] = await Promise.all([
      // Asked only of a ready worker: a call queued behind the model load could time out.
      this.engine.state === 'ready' ? this.engine.stats().catch(() => null) : null,
      this.probes.heap(),
      this.probes.storage(),
    ]);
    this.worker = worker;
    this.heap = heap;
    this.storage = storage;
  }

  /** Everything the page shows, and the whole stored log, as one JSON object. */
  async report(now = Date.now()) {
    await this.refresh();
    const events = await this.log.read().catch(() => this.events);
    const info = this.engine.info;
    return {
      format: 'emotion-detector/diagnostics',
      generatedAt: isoTime(now),
      userAgent: globalThis.navigator?.userAgent ?? null,
      crossOriginIsolated: this.crossOriginIsolated,
      engine: {
        state: this.engine.state,
        backend: info?.backend ?? null,
        models: this.models,
        timings: info?.timings ?? null,
        restarts: this.engine.restarts,
        lastRestart: this.engine.lastRestart,
      },
      live: {
        fps: this.camera.rates.fps,
        frames: this.frames,
        errors: this.errors,
        errorRate: this.errorRate,
        lastError: this.lastError,
        latency: this.latency,
      },
      worker: this.worker,
      heap: this.heap,
      storage: this.storage,
      readings: this.counts,
      events,
    };
  }

  async download(): Promise<void> {
    const report = await this.report();
    downloadText(
      `${exportName('diagnostics')}.json`,
      JSON.stringify(report, null, 2),
      'application/json',
    );
  }

  private async measure(bitmap: ImageBitmap, mode: AnalysisMode): Promise<FrameAnalysis> {
    try {
      const analysis = await this.engine.analyze(bitmap, mode);
      this.stages.add(analysis.timings);
      this.frames++;
      return analysis;
    } catch (e) {
      this.errors++;
      this.lastError = errorText(e);
      throw e;
    }
  }

  private count(faces: readonly TrackedFace[]): void {
    this.counts = countReadings(
      this.counts,
      faces.flatMap((f) => (f.smoothed ? [f.smoothed] : [])),
    );
  }

  private prepend(event: LoggedEvent): void {
    this.events = [event, ...this.events].slice(0, EVENT_LOG_LIMIT);
  }
}

/** The stored log, newest first, with the events logged while it was read (already on screen). */
function mergeEvents(shown: LoggedEvent[], stored: LoggedEvent[]): LoggedEvent[] {
  const same = (a: LoggedEvent, b: LoggedEvent) =>
    a.at === b.at && a.kind === b.kind && a.message === b.message;
  const fresh = shown.filter((e) => !stored.some((s) => same(s, e)));
  return [...fresh, ...stored].slice(0, EVENT_LOG_LIMIT);
}
