/**
 * The page's side of the worker boundary: typed calls that resolve with the worker's value or
 * reject with an InferenceError carrying the worker's error code and message.
 */
import type {
  ErrorCode,
  Method,
  Params,
  RequestMessage,
  Result,
  WorkerMessage,
} from '../worker/protocol';

export class InferenceError extends Error {
  constructor(
    readonly code: ErrorCode | 'worker-crashed',
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  resolve: (value: never) => void;
  reject: (error: InferenceError) => void;
}

export type ProgressListener = (loaded: number, total: number) => void;

export class InferenceClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private progressListener: ProgressListener | null = null;

  constructor(worker?: Worker) {
    this.worker =
      worker ??
      new Worker(new URL('../worker/worker.ts', import.meta.url), {
        type: 'module',
        name: 'inference',
      });
    this.worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) =>
      this.receive(event.data),
    );
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.failAll(`The analysis engine stopped: ${event.message || 'it could not start'}`);
    });
  }

  onProgress(listener: ProgressListener | null): void {
    this.progressListener = listener;
  }

  call<M extends Method>(
    method: M,
    params: Params<M>,
    transfer: Transferable[] = [],
  ): Promise<Result<M>> {
    const id = this.nextId++;
    return new Promise<Result<M>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: never) => void, reject });
      this.worker.postMessage({ kind: 'request', id, method, params } as RequestMessage, transfer);
    });
  }

  terminate(): void {
    this.worker.terminate();
    this.failAll('The analysis engine was stopped');
  }

  private receive(message: WorkerMessage): void {
    if (message.kind === 'progress') {
      this.progressListener?.(message.loaded, message.total);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.value as never);
    else pending.reject(new InferenceError(message.error.code, message.error.message));
  }

  private failAll(reason: string): void {
    for (const pending of this.pending.values())
      pending.reject(new InferenceError('worker-crashed', reason));
    this.pending.clear();
  }
}
