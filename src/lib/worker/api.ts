/**
 * The inference worker's API: the one object the worker exposes (worker.ts) and whose type the
 * page's client is written against (`import type { WorkerApi }`). Each method settles with an
 * Outcome; an EngineError arrives as its code and message, anything else as 'bad-request'.
 */
import { errorText } from '../domain/error-text';
import type { FrameAnalysis } from '../domain/analysis/types';
import { Engine } from './engine/engine';
import { EngineError } from './engine/engine-error';
import type { AnalyzeParams, InitParams, InitResult, LoadProgress } from './engine/engine-types';
import type { Outcome } from './protocol';

export type { AnalyzeParams, InitParams, InitResult, LoadProgress } from './engine/engine-types';

export function createApi(engine: Engine = new Engine()) {
  return {
    /** Downloads, checks and builds the models, reporting the download in bytes. */
    init: (
      params: InitParams,
      onProgress?: (progress: LoadProgress) => void,
    ): Promise<Outcome<InitResult>> =>
      settle(engine.init(params, (loaded, total) => onProgress?.({ loaded, total }))),
    /** Faces and their affect in one frame; closes the bitmap. */
    analyze: (params: AnalyzeParams): Promise<Outcome<FrameAnalysis>> =>
      settle(engine.analyze(params)),
  };
}

export const api = createApi();

export type WorkerApi = typeof api;

async function settle<T>(work: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work };
  } catch (e) {
    if (e instanceof EngineError) return { ok: false, error: e.error };
    return { ok: false, error: { code: 'bad-request', message: errorText(e) } };
  }
}
