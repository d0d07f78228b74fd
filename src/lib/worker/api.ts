/**
 * The inference worker's API: the one object the worker exposes (worker.ts) and whose type the
 * page's client is written against (`import type { WorkerApi }`). Each method settles with an
 * Outcome; an EngineError arrives as its code and message, anything else as 'bad-request'.
 */
import { errorText } from '../domain/error-text';
import type { FrameAnalysis } from '../domain/analysis/types';
import type { WorkerStats } from '../domain/diagnostics/worker-stats';
import { Engine } from './engine/engine';
import { EngineError } from './engine/engine-error';
import type { AnalyzeParams, InitParams, InitReply, LoadProgress } from './engine/engine-types';
import type { Outcome } from './protocol';

export type {
  AnalyzeParams,
  InitParams,
  InitReply,
  InitResult,
  LoadProgress,
} from './engine/engine-types';
export type { KeptModel } from './kept-models';

export function createApi(engine: Engine = new Engine()) {
  return {
    /** Downloads, checks and builds the models, reporting the download in bytes. */
    init: (
      params: InitParams,
      onProgress?: (progress: LoadProgress) => void,
    ): Promise<Outcome<InitReply>> =>
      settle(engine.init(params, (loaded, total) => onProgress?.({ loaded, total }))),
    /**
     * The heartbeat: answered from the worker's event loop, so a worker stuck in a long
     * synchronous stretch (or gone) misses it, and the page restarts it.
     */
    ping: (): Promise<Outcome<true>> => Promise.resolve({ ok: true, value: true }),
    /**
     * Faces and their affect in one frame; closes the bitmap. A photo reports the faces of its
     * whole-image pass as progress, before the finer passes look for small faces.
     */
    analyze: (
      params: AnalyzeParams,
      onProgress?: (first: FrameAnalysis) => void,
    ): Promise<Outcome<FrameAnalysis>> => settle(engine.analyze(params, onProgress)),
    /** Tensors and bytes the worker holds, and its backend (null before init). */
    stats: (): Promise<Outcome<WorkerStats>> =>
      settle(Promise.resolve().then(() => engine.stats())),
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
