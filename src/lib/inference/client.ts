/**
 * The page's side of the worker boundary, typed from the worker's API (types only: no worker
 * code reaches the page's bundle). Calls resolve with the worker's value or reject with an
 * InferenceError carrying its code. The worker starts on the first call and is shut down after
 * `idleMs` without a call in flight, to give its memory back; a call after that starts a fresh
 * one and first loads it with the params of the last successful init, from the model files that
 * init kept (no second download).
 *
 * A worker that crashes, stops answering the heartbeat, or lets a call run past its timeout is
 * lost: it is terminated, its calls reject with a lost code (see `isEngineLost`), and the
 * `onLost` listener (the Analyzer, which restarts it) is told why.
 */
import type { AnalysisMode } from '../domain/analysis/mode';
import type { FrameAnalysis } from '../domain/analysis/types';
import type { WorkerStats } from '../domain/diagnostics/worker-stats';
import type {
  AnalyzeParams,
  InitParams,
  InitResult,
  KeptModel,
  LoadProgress,
  WorkerApi,
} from '../worker/api';
import type {
  Method,
  Params,
  ProgressOf,
  RequestMessage,
  Result,
  WorkerMessage,
} from '../worker/protocol';
import { abortable, throwIfAborted } from './abort';
import { InferenceError, type LostCode } from './errors';
import { Heartbeat } from './heartbeat';
import { ENGINE_TIMEOUTS, type EngineTimeouts } from './timeouts';

export { InferenceError, isEngineLost } from './errors';

/** What the client needs of a Worker (tests give it a MessagePort-backed one). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

export interface ClientOptions {
  /** Starts a worker; by default the app's inference worker. */
  startWorker?: () => WorkerLike;
  /** How long a worker with no call in flight is kept before it is shut down. */
  idleMs?: number;
  timeouts?: Partial<EngineTimeouts>;
}

export const DEFAULT_IDLE_MS = 5 * 60_000;

export interface CallOptions {
  /** An aborted call rejects at once with code 'aborted'; the worker's late reply is dropped. */
  signal?: AbortSignal;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: InferenceError) => void;
  progress?: (progress: never) => void;
  timer: ReturnType<typeof setTimeout>;
  /** How long the worker may leave a ping unanswered while this call runs. */
  silenceMs: number;
  /** What `silenceMs` becomes once the worker answered the ping sent just before this call. */
  longSilenceMs: number;
}

/** How long a call may take, and what its timing out says. */
interface Limit {
  ms: number;
  what: string;
}

type Send<M extends Method<WorkerApi>> = CallOptions & {
  transfer?: Transferable[];
  onProgress?: (progress: ProgressOf<WorkerApi, M>) => void;
  method: M;
  params: Params<WorkerApi, M>;
  limit: Limit;
};

export class InferenceClient {
  private readonly startWorker: () => WorkerLike;
  private readonly idleMs: number;
  private readonly timeouts: EngineTimeouts;
  private worker: WorkerLike | null = null;
  /** The worker that holds the models of `initParams`. */
  private initialised: WorkerLike | null = null;
  private initParams: InitParams | null = null;
  /** The checked model files of the last init, for the next worker to be built from. */
  private kept: KeptModel[] | undefined;
  /** The init of a restarted worker, shared by the calls that wait for it. */
  private restoring: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly heartbeat: Heartbeat;
  /** Whether the current worker has sent anything yet. */
  private heard = false;
  private lostListener: (reason: string) => void = () => {};

  constructor(options: ClientOptions = {}) {
    this.startWorker = options.startWorker ?? startInferenceWorker;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.timeouts = { ...ENGINE_TIMEOUTS, ...options.timeouts };
    this.heartbeat = new Heartbeat(
      this.timeouts.heartbeatMs,
      () => this.ping(),
      () => this.allowedSilenceMs(),
      (ms) => this.lose('worker-hung', `it did not answer for ${seconds(ms)} s`),
    );
  }

  /** Whether a worker is running now. */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Called with the reason whenever a worker is lost; replaces the previous listener. */
  onLost(listener: (reason: string) => void): void {
    this.lostListener = listener;
  }

  async init(
    params: InitParams,
    options: CallOptions & { onProgress?: (progress: LoadProgress) => void } = {},
  ): Promise<InitResult> {
    throwIfAborted(options.signal);
    const worker = this.ensureWorker();
    const limit = { ms: this.timeouts.initMs, what: 'loading the models' };
    const { kept, ...result } = await this.send(worker, {
      ...options,
      method: 'init',
      params,
      limit,
    });
    this.initParams = params;
    this.kept = kept;
    this.initialised = worker;
    return result;
  }

  /** Starts a worker with the models of the last init, unless one is running; from its kept files. */
  async reload(): Promise<void> {
    if (this.mustRestore()) await this.restore(undefined);
  }

  /** Transfers what `transfer` lists (the bitmap) unless the call is aborted before it is sent. */
  async analyze(
    params: AnalyzeParams,
    options: CallOptions & {
      transfer?: Transferable[];
      /** Photos: the faces of the whole-image pass, before the final result. */
      onProgress?: (first: FrameAnalysis) => void;
    } = {},
  ): Promise<FrameAnalysis> {
    throwIfAborted(options.signal);
    // Sent at once when the worker is ready, so that no event can come between.
    const worker = this.mustRestore() ? await this.restore(options.signal) : this.ensureWorker();
    const limit = this.analysisLimit(params.mode);
    return this.send(worker, { ...options, method: 'analyze', params, limit });
  }

  /** Tensors and bytes the running worker holds (for diagnostics); null when none runs. */
  async stats(): Promise<WorkerStats | null> {
    const worker = this.worker;
    if (!worker) return null;
    const limit = { ms: this.timeouts.frameMs, what: 'reading its memory' };
    return this.send(worker, { method: 'stats', params: undefined, limit });
  }

  /** Stops the worker now: calls in flight reject, and the next call starts from scratch. */
  terminate(): void {
    this.failAll('stopped', 'The analysis engine was stopped');
    this.shutDown();
    this.initParams = null;
    this.kept = undefined;
  }

  private analysisLimit(mode: AnalysisMode): Limit {
    return mode === 'photo'
      ? { ms: this.timeouts.photoMs, what: 'a photo' }
      : { ms: this.timeouts.frameMs, what: 'a frame' };
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.startWorker();
    // A terminated worker sends nothing more: these only ever hear the current one.
    worker.addEventListener('message', (event) => {
      this.heard = true;
      this.receive(event.data as WorkerMessage<WorkerApi>);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      if (this.worker !== worker) return;
      const reason = event.message ? `it crashed (${event.message})` : 'it could not start';
      this.lose('worker-crashed', reason);
    });
    this.worker = worker;
    this.heard = false;
    this.armIdleTimer();
    return worker;
  }

  /** Whether the worker to call is a fresh one that has yet to load the models of the last init. */
  private mustRestore(): boolean {
    return this.initParams !== null && (this.worker === null || this.initialised !== this.worker);
  }

  /** Starts a worker if there is none and loads it with the last init's params and files. */
  private async restore(signal: AbortSignal | undefined): Promise<WorkerLike> {
    const worker = this.ensureWorker();
    const params = { ...(this.initParams as InitParams), kept: this.kept };
    const limit = { ms: this.timeouts.initMs, what: 'rebuilding the models' };
    this.restoring ??= this.send(worker, { method: 'init', params, limit })
      .then(({ kept }) => {
        if (this.worker !== worker) return;
        this.initialised = worker;
        this.kept = kept;
      })
      .finally(() => (this.restoring = null));
    await abortable(this.restoring, signal);
    if (this.worker !== worker || this.initialised !== worker)
      throw new InferenceError('worker-crashed', 'The analysis engine stopped');
    return worker;
  }

  private send<M extends Method<WorkerApi>>(
    worker: WorkerLike,
    { method, params, signal, transfer = [], onProgress, limit }: Send<M>,
  ): Promise<Result<WorkerApi, M>> {
    const id = this.nextId++;
    clearTimeout(this.idleTimer);
    const reply = new Promise<Result<WorkerApi, M>>((resolve, reject) => {
      const timer = setTimeout(
        () => this.lose('timeout', `${limit.what} took longer than ${seconds(limit.ms)} s`),
        limit.ms,
      );
      const silenceMs = this.timeouts.silenceMs;
      // Between live frames the worker must answer pings; a photo or the load may hold it longer.
      const long = limit.ms > this.timeouts.frameMs;
      if (long) this.heartbeat.probe();
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        progress: onProgress,
        timer,
        silenceMs,
        longSilenceMs: long ? limit.ms : silenceMs,
      });
      this.heartbeat.start();
      // A request's params follow from its method; TypeScript cannot see that through M.
      const request = { kind: 'request', id, method, params } as RequestMessage<WorkerApi>;
      worker.postMessage(request, transfer);
    });
    return abortable(reply, signal, () => this.settle(id));
  }

  private ping(): void {
    const request: RequestMessage<WorkerApi> = {
      kind: 'request',
      id: this.nextId++,
      method: 'ping',
      params: undefined as never,
    };
    this.worker?.postMessage(request, []);
  }

  private receive(message: WorkerMessage<WorkerApi>): void {
    if (message.method === 'ping') return this.answered();
    if (message.kind === 'progress') {
      this.pending.get(message.id)?.progress?.(message.progress as never);
      return;
    }
    const pending = this.settle(message.id);
    if (!pending) return;
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new InferenceError(message.error.code, message.error.message));
  }

  private allowedSilenceMs(): number {
    // A fresh worker first loads its module (TensorFlow.js and all): as slow as a model load.
    if (!this.heard) return this.timeouts.initMs;
    return Math.max(0, ...[...this.pending.values()].map((p) => p.silenceMs));
  }

  /** The worker's event loop runs: the calls sent after the ping may now take their full time. */
  private answered(): void {
    this.heartbeat.answered();
    for (const call of this.pending.values()) call.silenceMs = call.longSilenceMs;
  }

  /** Forgets a call; the last one to go starts the idle countdown. */
  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    clearTimeout(pending?.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) {
      this.heartbeat.stop();
      this.armIdleTimer();
    }
    return pending;
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.worker && this.pending.size === 0)
      this.idleTimer = setTimeout(() => this.shutDown(), this.idleMs);
  }

  private lose(code: LostCode, reason: string): void {
    this.failAll(code, `The analysis engine stopped: ${reason}`);
    this.shutDown();
    this.lostListener(reason);
  }

  private shutDown(): void {
    clearTimeout(this.idleTimer);
    this.heartbeat.stop();
    this.worker?.terminate();
    this.worker = null;
    this.initialised = null;
  }

  private failAll(code: InferenceError['code'], reason: string): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) {
      clearTimeout(call.timer);
      call.reject(new InferenceError(code, reason));
    }
  }
}

const seconds = (ms: number) => Math.round(ms / 100) / 10;

function startInferenceWorker(): WorkerLike {
  return new Worker(new URL('../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'inference',
  });
}
