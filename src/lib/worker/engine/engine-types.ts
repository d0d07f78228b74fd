/** What the Engine is asked and what it answers: the params and values of the worker's API. */
import type { AnalysisMode } from '../../domain/analysis/mode';
import type { BackendName, BackendReport } from '../../domain/analysis/types';
import type { KeptModel } from '../kept-models';

export interface InitParams {
  /** Where manifest.json and the model folders are served, e.g. "/models/". */
  modelBaseUrl: string;
  /** Backends to try, in order; omitted: WebGL (real GPU only), WASM, CPU. Given: WebGL even in software. */
  backends?: BackendName[];
  /** A restart's models: the files an earlier init kept, checked again instead of downloaded. */
  kept?: KeptModel[];
}

export interface InitResult {
  backend: BackendReport;
  /** Where the models came from: downloaded, or rebuilt from the files kept by an earlier init. */
  source: 'download' | 'kept';
  models: { id: string; quantization: string; bytes: number }[];
  /**
   * Where the start-up went, in ms: downloading and checking the models, starting the backend
   * (compiling the .wasm), building the models, and the warm-up pass (first kernel runs).
   */
  timings: { download: number; backend: number; build: number; warmUp: number };
}

/** Download progress of the models, in bytes. */
export interface LoadProgress {
  loaded: number;
  total: number;
}

export interface AnalyzeParams {
  /** Transferred, and closed by the worker once read. */
  bitmap: ImageBitmap;
  mode: AnalysisMode;
  /**
   * Live only: scan this whole frame with the face detector, outside tracking (by default live
   * frames follow the faces of the last frame; see live-tracker.ts). For measurements.
   */
  redetect?: boolean;
}

/** What the worker's init answers: the result, and the checked model files for a restart. */
export type InitReply = InitResult & { kept: KeptModel[] };
