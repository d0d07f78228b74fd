/**
 * The one contract between the page and the inference worker. Every request names a method of
 * WorkerApi; every reply carries the request's id and either a value or an error, never a throw.
 */
import type { AnalysisMode } from '../domain/analysis/mode';
import type { BackendName, BackendReport, FrameAnalysis } from '../domain/analysis/types';

export interface InitParams {
  /** Where manifest.json and the model folders are served, e.g. "/models/". */
  modelBaseUrl: string;
  /** Backends to try, in order; omitted: WebGL (real GPU only), WASM, CPU. Given: WebGL even in software. */
  backends?: BackendName[];
  /**
   * WASM threads for XNNPACK (needs cross-origin isolation; capped by the logical cores and at 8).
   * Omitted or 1: the single-threaded SIMD build, the default, as threads lost on our 2-core
   * bench machine (see README, Performance).
   */
  wasmThreads?: number;
}

export interface InitResult {
  backend: BackendReport;
  models: { id: string; quantization: string; bytes: number }[];
  /**
   * Where the start-up went, in ms: downloading and checking the models, starting the backend
   * (compiling the .wasm), building the models, and the warm-up pass (first kernel runs).
   */
  timings: { download: number; backend: number; build: number; warmUp: number };
}

export interface AnalyzeParams {
  /** Transferred, and closed by the worker once read. */
  bitmap: ImageBitmap;
  mode: AnalysisMode;
  /**
   * Live only: run the face detector on this frame, outside the schedule (by default live frames
   * reuse the faces of a recent, still frame; see detection-schedule.ts). For measurements.
   */
  redetect?: boolean;
}

export interface EngineStats {
  numTensors: number;
  numBytes: number;
  backend: BackendName | null;
}

/** Method name → [params, result]. */
export interface WorkerApi {
  init: [InitParams, InitResult];
  analyze: [AnalyzeParams, FrameAnalysis];
  stats: [null, EngineStats];
}

export type Method = keyof WorkerApi;
export type Params<M extends Method> = WorkerApi[M][0];
export type Result<M extends Method> = WorkerApi[M][1];

export type RequestMessage = {
  [M in Method]: { kind: 'request'; id: number; method: M; params: Params<M> };
}[Method];

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

export type ReplyMessage =
  | { kind: 'reply'; id: number; ok: true; value: Result<Method> }
  | { kind: 'reply'; id: number; ok: false; error: WorkerError };

/** Download progress of the models, in bytes, while init runs. */
export interface ProgressMessage {
  kind: 'progress';
  loaded: number;
  total: number;
}

export type WorkerMessage = ReplyMessage | ProgressMessage;
