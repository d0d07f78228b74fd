/**
 * Serves an API object over a message endpoint: a worker's global scope, or one end of a
 * MessageChannel (which is how the tests run the real API in Node). Every request gets exactly
 * one reply carrying an Outcome; whatever goes wrong, nothing is thrown across the boundary.
 */
import { errorText } from '../domain/error-text';
import type {
  Api,
  Outcome,
  ProgressMessage,
  ReplyMessage,
  RequestMessage,
  WorkerMessage,
} from './protocol';

/** The part of a worker scope or MessagePort that expose needs. */
export interface Endpoint {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** A MessagePort delivers nothing until started; a worker scope has no start. */
  start?(): void;
}

export function expose<A extends Api>(api: A, endpoint: Endpoint): void {
  const post = (message: WorkerMessage<A>) => endpoint.postMessage(message);
  endpoint.addEventListener('message', (event) => {
    const request = event.data as RequestMessage<A> | null;
    if (request?.kind !== 'request') return;
    void answer(api, request, post).then(post);
  });
  endpoint.start?.();
}

async function answer<A extends Api>(
  api: A,
  request: RequestMessage<A>,
  post: (message: WorkerMessage<A>) => void,
): Promise<ReplyMessage<A>> {
  const { id, method } = request;
  const report = (progress: unknown) =>
    post({ kind: 'progress', id, method, progress } as ProgressMessage<A>);
  // Indexing by a method name loses the link between params and method; the request's type,
  // derived from A, already keeps them together.
  const run = Object.hasOwn(api, method) ? api[method] : undefined;
  let outcome: Outcome<unknown>;
  try {
    outcome = run
      ? await run(request.params as never, report as never)
      : badRequest(`The worker has no method "${String(method)}"`);
  } catch (e) {
    outcome = badRequest(errorText(e));
  }
  return { kind: 'reply', id, method, ...outcome } as ReplyMessage<A>;
}

const badRequest = (message: string): Outcome<never> => ({
  ok: false,
  error: { code: 'bad-request', message },
});
