/// <reference lib="webworker" />
/**
 * The inference worker's entry: it only wires messages to the Engine. TensorFlow.js lives here
 * and nowhere on the page; nothing here touches the DOM.
 */
import { Engine, EngineError } from './engine/engine';
import type {
  Method,
  ReplyMessage,
  RequestMessage,
  Result,
  WorkerError,
  WorkerMessage,
} from './protocol';

declare const self: DedicatedWorkerGlobalScope;

const engine = new Engine();
const post = (message: WorkerMessage) => self.postMessage(message);

self.addEventListener('message', (event: MessageEvent<RequestMessage>) => {
  void handle(event.data).then(post);
});

async function handle(request: RequestMessage): Promise<ReplyMessage> {
  try {
    return { kind: 'reply', id: request.id, ok: true, value: await dispatch(request) };
  } catch (e) {
    return { kind: 'reply', id: request.id, ok: false, error: toWorkerError(e) };
  }
}

function dispatch(request: RequestMessage): Promise<Result<Method>> {
  switch (request.method) {
    case 'init':
      return engine.init(request.params, (loaded, total) =>
        post({ kind: 'progress', loaded, total }),
      );
    case 'analyze':
      return engine.analyze(request.params);
    case 'stats':
      return Promise.resolve(engine.stats());
  }
}

function toWorkerError(e: unknown): WorkerError {
  if (e instanceof EngineError) return e.error;
  return { code: 'bad-request', message: e instanceof Error ? e.message : String(e) };
}
