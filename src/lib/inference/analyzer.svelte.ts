/**
 * The app's one inference engine and its supervisor: loads the models once (the client starts
 * the worker on first use), restarts a lost worker with back-off from the model files it already
 * holds, gives up after too many restarts in a short time (until `retry()`), and exposes the
 * engine's state (domain/engine/engine-state.ts), load progress and backend for the UI.
 */
import { errorText } from '../domain/error-text';
import {
  initialEngineStatus,
  nextEngineStatus,
  restartDelayMs,
  RESTART_POLICY,
  type EngineEvent,
  type EngineRestart,
  type EngineState,
  type RestartPolicy,
} from '../domain/engine/engine-state';
import { InferenceClient, InferenceError, isEngineLost } from './client';
import type { AnalysisMode } from '../domain/analysis/mode';
import type { InitParams, InitResult } from '../worker/api';
import type { BackendName, FrameAnalysis } from '../domain/analysis/types';
import type { WorkerStats } from '../domain/diagnostics/worker-stats';

export type { EngineState } from '../domain/engine/engine-state';

/** What happened to the engine, for the event log. */
export interface EngineNews {
  kind: 'start' | 'ready' | 'restart' | 'failed' | 'error';
  message: string;
  /** Epoch ms. */
  at: number;
}

export class Analyzer {
  state = $state<EngineState>('idle');
  restarts = $state(0);
  lastRestart = $state.raw<EngineRestart | null>(null);
  progress = $state({ loaded: 0, total: 0 });
  info = $state<InitResult | null>(null);
  error = $state<string | null>(null);

  private status = initialEngineStatus();
  /** Settles when the engine is ready (or has failed); replaced by every load and restart. */
  private ready: Promise<void> | null = null;
  private listeners: ((news: EngineNews) => void)[] = [];
  /** Bumped by every load and every loss: an attempt that was overtaken hands over to the new one. */
  private attempt = 0;

  constructor(
    private readonly client = new InferenceClient(),
    private readonly initParams: () => InitParams = pageInitParams,
    private readonly policy: RestartPolicy = RESTART_POLICY,
  ) {
    client.onLost((reason) => this.lost(reason));
  }

  /** Loads the models (once); resolves when analysis can run. */
  start(): Promise<void> {
    if (this.status.gaveUp) return Promise.reject(new InferenceError('stopped', this.error ?? ''));
    this.ready ??= this.load();
    return this.ready;
  }

  /** After giving up (state 'failed'): starts the engine again, with a clean restart count. */
  retry(): Promise<void> {
    if (this.state !== 'failed') return this.start();
    this.apply({ type: 'retry' });
    this.ready = this.load();
    return this.ready;
  }

  /** Resolves once no model download is in flight (at once when none was started). */
  async settled(): Promise<void> {
    await this.ready?.catch(() => undefined);
  }

  /**
   * Transfers the bitmap to the worker, which closes it. `onFirstFaces` (photos) hears the faces
   * of the whole-image pass while the finer passes still run.
   */
  async analyze(
    bitmap: ImageBitmap,
    mode: AnalysisMode,
    onFirstFaces?: (first: FrameAnalysis) => void,
  ): Promise<FrameAnalysis> {
    await this.start();
    return this.client.analyze(
      { bitmap, mode },
      { transfer: [bitmap], ...(onFirstFaces ? { onProgress: onFirstFaces } : {}) },
    );
  }

  /** What the worker holds now (for diagnostics); null while no worker runs. */
  stats(): Promise<WorkerStats | null> {
    return this.client.stats();
  }

  /** Tells `listener` each start, ready, restart and failure; returns the unsubscribe. */
  onEvent(listener: (news: EngineNews) => void): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private async load(): Promise<void> {
    const attempt = ++this.attempt;
    this.apply({ type: 'start' });
    this.tell('start', 'Loading the models');
    try {
      this.info = await this.client.init(this.initParams(), {
        onProgress: (progress) => (this.progress = progress),
      });
      this.becameReady();
    } catch (e) {
      // A lost worker is being restarted: wait for that instead.
      if (isEngineLost(e) && this.attempt !== attempt) return this.ready as Promise<void>;
      this.apply({ type: 'load-failed', error: errorText(e) });
      this.tell('error', this.error ?? '');
      this.ready = null;
      this.client.terminate();
      throw e;
    }
  }

  private lost(reason: string): void {
    if (this.state === 'failed') return;
    this.attempt++;
    this.apply({ type: 'lost', reason, at: Date.now() });
    if (this.status.gaveUp) {
      this.tell('failed', this.error ?? reason);
      const gaveUp = Promise.reject(new InferenceError('stopped', this.error ?? reason));
      gaveUp.catch(() => {});
      this.ready = gaveUp;
      return;
    }
    this.tell('restart', `Engine restarted: ${reason}`);
    const delay = restartDelayMs(this.status, this.policy);
    this.ready = new Promise((resolve) => setTimeout(resolve, delay)).then(() => this.restart());
    this.ready.catch(() => {});
  }

  /** Brings a lost worker back: from the kept model files, or a full load if none was done. */
  private async restart(): Promise<void> {
    const attempt = this.attempt;
    try {
      if (this.info) await this.client.reload();
      else this.info = await this.client.init(this.initParams());
      this.becameReady();
    } catch (e) {
      // Lost again: the supervisor has scheduled the next attempt. Anything else counts as lost.
      if (this.attempt === attempt) this.lost(errorText(e));
      return this.ready as Promise<void>;
    }
  }

  private becameReady(): void {
    this.apply({ type: 'loaded' });
    this.tell('ready', `Ready on ${this.info?.backend.name ?? 'an unknown backend'}`);
  }

  private apply(event: EngineEvent): void {
    this.status = nextEngineStatus(this.status, event, this.policy);
    this.state = this.status.state;
    this.restarts = this.status.restarts;
    this.lastRestart = this.status.lastRestart;
    this.error = this.status.error;
  }

  private tell(kind: EngineNews['kind'], message: string): void {
    const news = { kind, message, at: Date.now() };
    for (const listener of this.listeners) listener(news);
  }
}

const BACKENDS: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** The models from this origin; `?backend=wasm` (or webgl, cpu) puts that backend first. */
function pageInitParams(): InitParams {
  const url = new URL(location.href);
  const asked = url.searchParams.get('backend');
  const first = BACKENDS.find((b) => b === asked);
  return {
    modelBaseUrl: new URL('/models/', url).href,
    backends: first ? [first, ...BACKENDS.filter((b) => b !== first)] : undefined,
  };
}

export const analyzer = new Analyzer();
