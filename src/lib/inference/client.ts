/**
 * The page's side of the worker boundary, typed from the worker's API (types only: no worker
 * code reaches the page's bundle). Calls resolve with the worker's value or reject with an
 * InferenceError carrying its code. The worker starts on the first call and is shut down after
 * `idleMs` without a call in flight, to give its memory back; a call after that starts a fresh
 * one and first loads it with the params of the last successful init.
 */
import type { AnalyzeParams, InitParams, InitResult, LoadProgress, WorkerApi } from '../worker/api';
import type {
  ErrorCode,
  Method,
  Params,
  ProgressOf,
  RequestMessage,
  Result,
  WorkerMessage,
} from '../worker/protocol';
import type { FrameAnalysis } from '../domain/analysis/types';

export class InferenceError extends Error {
  constructor(
    readonly code: ErrorCode | 'worker-crashed' | 'aborted',
    message: string,
  ) {
    super(message);
  }
}

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
}

type Send<M extends Method<WorkerApi>> = CallOptions & {
  transfer?: Transferable[];
  onProgress?: (progress: ProgressOf<WorkerApi, M>) => void;
  method: M;
  params: Params<WorkerApi, M>;
};

export class InferenceClient {
  private readonly startWorker: () => WorkerLike;
  private readonly idleMs: number;
  private worker: WorkerLike | null = null;
  /** The worker that holds the models of `initParams`. */
  private initialised: WorkerLike | null = null;
  private initParams: InitParams | null = null;
  /** The init of a restarted worker, shared by the calls that wait for it. */
  private restoring: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ClientOptions = {}) {
    this.startWorker = options.startWorker ?? startInferenceWorker;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  }

  /** Whether a worker is running now. */
  get running(): boolean {
    return this.worker !== null;
  }

  async init(
    params: InitParams,
    options: CallOptions & { onProgress?: (progress: LoadProgress) => void } = {},
  ): Promise<InitResult> {
    throwIfAborted(options.signal);
    const worker = this.ensureWorker();
    const result = await this.send(worker, { ...options, method: 'init', params });
    this.initParams = params;
    this.initialised = worker;
    return result;
  }

  /** Transfers what `transfer` lists (the bitmap) unless the call is aborted before it is sent. */
  async analyze(
    params: AnalyzeParams,
    options: CallOptions & { transfer?: Transferable[] } = {},
  ): Promise<FrameAnalysis> {
    throwIfAborted(options.signal);
    // Sent at once when the worker is ready, so that no event can come between.
    const worker = this.mustRestore() ? await this.restore(options.signal) : this.ensureWorker();
    return this.send(worker, { ...options, method: 'analyze', params });
  }

  /** Stops the worker now: calls in flight reject, and the next call starts from scratch. */
  terminate(): void {
    this.failAll('The analysis engine was stopped');
    this.shutDown();
    this.initParams = null;
  }

  private ensureWorker(): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.startWorker();
    // A terminated worker sends nothing more: these only ever hear the current one.
    worker.addEventListener('message', (event) =>
      this.receive(event.data as WorkerMessage<WorkerApi>),
    );
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.failAll(`The analysis engine stopped: ${event.message || 'it could not start'}`);
      this.shutDown();
    });
    this.worker = worker;
    this.armIdleTimer();
    return worker;
  }

  /** Whether the worker to call is a fresh one that has yet to load the models of the last init. */
  private mustRestore(): boolean {
    return this.initParams !== null && (this.worker === null || this.initialised !== this.worker);
  }

  /** Starts a worker if there is none and loads it with the last init's params. */
  private async restore(signal: AbortSignal | undefined): Promise<WorkerLike> {
    const worker = this.ensureWorker();
    const params = this.initParams as InitParams;
    this.restoring ??= this.send(worker, { method: 'init', params })
      .then(() => {
        if (this.worker === worker) this.initialised = worker;
      })
      .finally(() => (this.restoring = null));
    await abortable(this.restoring, signal);
    if (this.worker !== worker || this.initialised !== worker)
      throw new InferenceError('worker-crashed', 'The analysis engine stopped');
    return worker;
  }

  private send<M extends Method<WorkerApi>>(
    worker: WorkerLike,
    { method, params, signal, transfer = [], onProgress }: Send<M>,
  ): Promise<Result<WorkerApi, M>> {
    const id = this.nextId++;
    clearTimeout(this.idleTimer);
    const reply = new Promise<Result<WorkerApi, M>>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        progress: onProgress,
      });
      // A request's params follow from its method; TypeScript cannot see that through M.
      const request = { kind: 'request', id, method, params } as RequestMessage<WorkerApi>;
      worker.postMessage(request, transfer);
    });
    return abortable(reply, signal, () => this.settle(id));
  }

  private receive(message: WorkerMessage<WorkerApi>): void {
    if (message.kind === 'progress') {
      this.pending.get(message.id)?.progress?.(message.progress as never);
      return;
    }
    const pending = this.settle(message.id);
    if (!pending) return;
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new InferenceError(message.error.code, message.error.message));
  }

  /** Forgets a call; the last one to go starts the idle countdown. */
  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.armIdleTimer();
    return pending;
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    if (this.worker && this.pending.size === 0)
      this.idleTimer = setTimeout(() => this.shutDown(), this.idleMs);
  }

  private shutDown(): void {
    clearTimeout(this.idleTimer);
    this.worker?.terminate();
    this.worker = null;
    this.initialised = null;
  }

  private failAll(reason: string): void {
    const calls = [...this.pending.values()];
    this.pending.clear();
    for (const call of calls) call.reject(new InferenceError('worker-crashed', reason));
  }
}

function startInferenceWorker(): WorkerLike {
  return new Worker(new URL('../worker/worker.ts', import.meta.url), {
    type: 'module',
    name: 'inference',
  });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

function abortError(signal: AbortSignal): InferenceError {
  const timedOut = signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError';
  return new InferenceError(
    'aborted',
    timedOut ? 'The analysis took too long and was given up' : 'The analysis was cancelled',
  );
}

/** `work`, or a rejection as soon as `signal` aborts (then `onAbort` runs). */
function abortable<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: () => void,
): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.();
      reject(abortError(signal));
    };
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    void work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}
