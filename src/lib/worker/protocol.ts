/**
 * The messages between the page and the inference worker, derived from the API the worker
 * exposes (api.ts, `typeof api`) rather than written out: a method's params, its progress and its
 * reply value are whatever its signature says, so a reply of the wrong type does not compile.
 * Errors travel as values (Outcome), never as throws.
 */

export type ErrorCode =
  | 'not-ready'
  | 'model-load'
  | 'model-integrity'
  | 'backend'
  | 'decode'
  | 'inference'
  | 'context-lost'
  | 'bad-request';

export interface WorkerError {
  code: ErrorCode;
  /** Readable by a person: it is shown as it is. */
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: WorkerError };

/**
 * What can be exposed: methods taking their params and, optionally, a progress callback, and
 * settling with an Outcome.
 */
export type Api = Record<string, (params: never, onProgress: never) => Promise<Outcome<unknown>>>;

export type Method<A extends Api> = keyof A & string;
export type Params<A extends Api, M extends Method<A>> = Parameters<A[M]>[0];
export type Result<A extends Api, M extends Method<A>> =
  Awaited<ReturnType<A[M]>> extends Outcome<infer T> ? T : never;
/** What a method reports while it runs; never for a method without a progress callback. */
export type ProgressOf<A extends Api, M extends Method<A>> = Reported<
  NonNullable<Parameters<A[M]>[1]>
>;
type Reported<Callback> = [Callback] extends [never]
  ? never
  : Callback extends (progress: infer P) => void
    ? P
    : never;

export type RequestMessage<A extends Api> = {
  [M in Method<A>]: { kind: 'request'; id: number; method: M; params: Params<A, M> };
}[Method<A>];

export type ReplyMessage<A extends Api> = {
  [M in Method<A>]: { kind: 'reply'; id: number; method: M } & Outcome<Result<A, M>>;
}[Method<A>];

export type ProgressMessage<A extends Api> = {
  [M in Method<A>]: { kind: 'progress'; id: number; method: M; progress: ProgressOf<A, M> };
}[Method<A>];

export type WorkerMessage<A extends Api> = ReplyMessage<A> | ProgressMessage<A>;
